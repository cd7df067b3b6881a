// The engine is pure TypeScript: no Office, React, DOM or ExcelJS, so every adapter and test can use it.
import * as fs from "fs";
import * as path from "path";

const ENGINE = path.resolve(__dirname, "../../src/engine");
const FORBIDDEN = [
  /from\s+["'](react|react-dom|exceljs|@fluentui\/[^"']*|office-addin[^"']*)["']/,
  /require\(["'](react|exceljs|fs|path|child_process)["']\)/,
  /from\s+["'](fs|path|child_process|os)["']/,
  /\bExcel\.|\bOffice\.|\bOfficeExtension\b/,
  /\b(document|window|navigator|localStorage)\./,
];

// Every engine source, subfolders (judge/, sheets/) included, as paths relative to src/engine.
const files = (fs.readdirSync(ENGINE, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts")).sort();

it("has engine sources to check, in subfolders too", () => {
  expect(files.length).toBeGreaterThan(5);
  expect(files.some((f) => f.includes(path.sep))).toBe(true);
});

it.each(files)("%s imports nothing from Office, React, the DOM, ExcelJS or Node I/O", (file) => {
  // Comments may mention Office.js; only code counts.
  const text = fs
    .readFileSync(path.join(ENGINE, file), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
  for (const re of FORBIDDEN) expect([file, re.exec(text)?.[0] ?? null]).toEqual([file, null]);
  const imports = [...text.matchAll(/from\s+["']([^"']+)["']/g)].map((m) => m[1] as string);
  for (const spec of imports) {
    // Relative imports only, and they stay inside src/engine.
    const target = path.resolve(ENGINE, path.dirname(file), spec);
    expect([file, spec, spec.startsWith(".") && (target + path.sep).startsWith(ENGINE + path.sep)]).toEqual([file, spec, true]);
  }
});
