// office-addin-lint picks this file up instead of its default. It keeps the Office add-in rules
// (sync/load checks, Prettier) and adds what the project needs on top.
import path from "node:path";
import { fileURLToPath } from "node:url";
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";
import importX from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import reactHooks from "eslint-plugin-react-hooks";
import { noTypeCycle } from "./eslint/no-type-cycle.mjs";

const node = { require: "readonly", module: "writable", process: "readonly", __dirname: "readonly", console: "readonly", Buffer: "readonly", global: "readonly" };

// ---------------------------------------------------------------------------------------------
// Architecture: which folder of src/ may import which. Everything not listed is forbidden
// (import-x/no-restricted-paths below); test/ is not in src/ and may import anything.
const ROOT = path.dirname(fileURLToPath(import.meta.url));
const SRC = path.join(ROOT, "src");
const LAYERS = {
  engine: [], // pure TypeScript: nothing outside src/engine, packages included (no-restricted-imports below)
  app: ["engine"], // the neutral port contract
  excel: ["engine", "app"], // Office.js adapter; src/excel/memory is its in-memory fake
  xlsx: ["engine", "app"], // .xlsx files via ExcelJS
  cli: ["engine", "xlsx", "app"],
  taskpane: ["engine", "app"],
  commands: ["engine", "app", "excel"],
  demo: ["engine", "app", "excel"],
};
// The task pane's entry point wires the real Office port, so it alone may also import these.
const TASKPANE_ENTRY_MAY_ALSO_IMPORT = ["excel", "demo"];
const list = (layers) => layers.map((l) => `src/${l}`).join(", ");
const forbidden = (layer, allowed) => Object.keys(LAYERS).filter((l) => l !== layer && !allowed.includes(l));

const layerZones = Object.entries(LAYERS).flatMap(([layer, allowed]) => {
  const entryOnly = layer === "taskpane" ? TASKPANE_ENTRY_MAY_ALSO_IMPORT : [];
  const zones = [];
  const everywhere = forbidden(layer, [...allowed, ...entryOnly]);
  if (layer === "engine")
    // Not just the other layers: nothing else in the repository either (packages: no-restricted-imports below).
    zones.push({
      target: "src/engine",
      from: ".",
      except: ["./src/engine", "./node_modules"],
      message: "src/engine may import only src/engine.",
    });
  else if (everywhere.length)
    zones.push({
      target: `src/${layer}`,
      from: everywhere.map((l) => `src/${l}`),
      message: `src/${layer} may import only ${list([layer, ...allowed])}.`,
    });
  if (entryOnly.length)
    zones.push({
      // Every file of src/taskpane except its entry point src/taskpane/index.ts.
      target: ["src/taskpane/!(index.ts)", "src/taskpane/*/**"],
      from: entryOnly.map((l) => `src/${l}`),
      message: `Only the entry point src/taskpane/index.ts may import ${list(entryOnly)}; the rest of src/taskpane may import only ${list(["taskpane", ...allowed])}.`,
    });
  return zones;
});
// Outside src/engine, the engine is imported only through its public surface, src/engine/index.ts.
const engineSurfaceZone = {
  target: ["src/!(engine)/**", "src/*.{ts,tsx,js,jsx}"],
  from: "src/engine",
  except: ["./index.ts"],
  message: 'Import the engine through its index ("../engine", "../../engine"), not a file inside it.',
};

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

  // Architecture of src/ (see LAYERS above): layer boundaries, the engine's public surface, no cycles.
  {
    files: ["src/**/*.{ts,tsx,js,jsx}"],
    plugins: { "import-x": importX, kpa: { rules: { "no-type-cycle": noTypeCycle } } },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: path.join(ROOT, "tsconfig.json") })],
    },
    rules: {
      "import-x/no-restricted-paths": ["error", { basePath: ROOT, zones: [...layerZones, engineSurfaceZone] }],
      // Cycles only run through src/, so packages need not be walked; the graph is small enough to walk in full.
      "import-x/no-cycle": ["error", { ignoreExternal: true, maxDepth: "∞" }],
      "kpa/no-type-cycle": "error",
      // import("…") in a type position escapes no-restricted-paths; use `import type` instead.
      "no-restricted-syntax": [
        "error",
        { selector: "TSImportType", message: 'Use `import type { … } from "…"` so the architecture rules can check it.' },
      ],
    },
  },
  // The engine imports nothing outside itself: no packages, no Node built-ins, no other folder of src/.
  {
    files: ["src/engine/**/*.{ts,tsx,js,jsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: "^(?!\\.\\.?(/|$))", message: "src/engine is pure TypeScript: import only files inside src/engine." }] },
      ],
    },
  },
  // Hooks in the task pane.
  {
    files: ["src/taskpane/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "error" },
  },
];
