// Default timeout for the e2e project (jest.config.js): these tests start other programs (a build, the kpa
// binary, LibreOffice, chromium), whose start-up alone can take tens of seconds on a loaded machine. Files and
// tests that do more set their own, longer timeouts.
jest.setTimeout(180_000);

export {};
