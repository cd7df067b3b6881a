// office-addin-lint picks this file up instead of its default. It keeps the Office add-in rules
// (sync/load checks, Prettier) and adds what the project needs on top.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

const node = { require: "readonly", module: "writable", process: "readonly", __dirname: "readonly", console: "readonly", Buffer: "readonly", global: "readonly" };

export default [
  { ignores: ["dist/", "build/", "dist-tsc/", "out/", "coverage/", "node_modules/"] },
  ...officeAddins.configs.react,
  {
    plugins: { "office-addins": officeAddins },
    languageOptions: { parser: tsParser, ecmaVersion: 2022 },
  },
  // TypeScript already checks names; ESLint's no-undef does not understand types.
  { files: ["**/*.{ts,tsx}"], rules: { "no-undef": "off" } },
  // The react-jsx transform needs no React in scope; base no-unused-vars misreads parameter names in TS types.
  { files: ["**/*.tsx"], rules: { "react/react-in-jsx-scope": "off", "no-unused-vars": "off" } },
  // Only src/excel talks to Office.js; elsewhere `load`/`sync` look-alikes (ExcelJS rows) are not proxies.
  {
    files: ["src/engine/**", "src/xlsx/**", "src/cli/**", "test/**"],
    rules: Object.fromEntries(Object.keys(officeAddins.rules).map((r) => [`office-addins/${r}`, "off"])),
  },
  { files: ["scripts/**/*.js", "bin/**/*.js", "test/**/*.js", "*.config.js", "webpack.config.js"], languageOptions: { globals: node } },
];
