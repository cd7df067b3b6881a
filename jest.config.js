/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  reporters: ["default", "<rootDir>/test/support/summary-reporter.js"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  // Type errors are caught once by `npm run typecheck`; ts-jest only transpiles.
  transform: { "^.+\\.tsx?$": ["ts-jest", { isolatedModules: true, diagnostics: false }] },
};
