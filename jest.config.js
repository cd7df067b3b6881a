// Two projects, both run by a plain `jest` (and so by `npm test`):
//   unit  fast and in-process: engine, golden files, the Excel adapter on the in-memory Excel, the task pane's React
//         tests (jsdom), the manifest, the xlsx reader/writer and the CLI's main() called in-process.
//   e2e   tests that start other programs: the real `kpa` process after `npm run build:cli`, LibreOffice, and the
//         production build opened in chromium.
// Run one with `npx jest --selectProjects unit` (npm run test:unit) or `--selectProjects e2e` (npm run test:e2e).
// A third project, fuzz (test/fuzz/fuzz.test.ts, 100,000 generated workbooks), exists only when FUZZ_CASES is set,
// so a plain `jest` never runs it: `npm run fuzz` (scripts/fuzz.js) sets it and selects the project.
// Jest 29 only has a global testTimeout, so each project sets its own default in a setup file; heavy tests
// (builds, LibreOffice, chromium, 20k–100k-row workbooks, property tests) set an explicit, generous timeout.

/** Test files that spawn a build, the `kpa` binary, soffice or chromium. Everything else is a unit test. */
const E2E_TESTS = [
  "<rootDir>/test/browser/**/*.test.ts",
  "<rootDir>/test/cli/bin.test.ts",
  "<rootDir>/test/cli/bad-inputs.test.ts",
  "<rootDir>/test/cli/csv-file.test.ts",
  "<rootDir>/test/cli/libreoffice.test.ts",
  "<rootDir>/test/xlsx/insert-columns.libreoffice.test.ts",
];
const E2E_PATHS = [
  "/test/browser/",
  "/test/cli/bin\\.test\\.ts$",
  "/test/cli/bad-inputs\\.test\\.ts$",
  "/test/cli/csv-file\\.test\\.ts$",
  "/test/cli/libreoffice\\.test\\.ts$",
  "/test/xlsx/insert-columns\\.libreoffice\\.test\\.ts$",
];

const shared = {
  preset: "ts-jest",
  testEnvironment: "node",
  rootDir: __dirname,
  roots: ["<rootDir>/test"],
  // Type errors are caught once by `npm run typecheck`; ts-jest only transpiles.
  transform: { "^.+\\.tsx?$": ["ts-jest", { diagnostics: false }] },
};

/** @type {import('jest').Config} */
module.exports = {
  reporters: ["default", "<rootDir>/test/support/summary-reporter.js"],
  projects: [
    {
      ...shared,
      displayName: "unit",
      testMatch: ["**/*.test.ts", "**/*.test.tsx"],
      testPathIgnorePatterns: ["/node_modules/", "/test/fuzz/", ...E2E_PATHS],
      setupFilesAfterEnv: ["<rootDir>/test/support/jest-timeout-unit.ts"],
    },
    {
      ...shared,
      displayName: "e2e",
      testMatch: E2E_TESTS,
      setupFilesAfterEnv: ["<rootDir>/test/support/jest-timeout-e2e.ts"],
    },
    ...(process.env.FUZZ_CASES
      ? [
          {
            ...shared,
            displayName: "fuzz",
            testMatch: ["<rootDir>/test/fuzz/**/*.test.ts"],
            setupFilesAfterEnv: ["<rootDir>/test/support/jest-timeout-unit.ts"],
          },
        ]
      : []),
  ],
};
