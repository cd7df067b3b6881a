// Default timeout for the unit project (jest.config.js). Jest 29 has no per-project testTimeout, so it is set here,
// before each test file; a file's own jest.setTimeout or a test's third argument still wins. Generous enough that a
// busy machine (every core taken by something else) does not fail an in-process test; heavier tests set their own.
jest.setTimeout(30_000);

export {};
