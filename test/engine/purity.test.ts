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

const files = fs.readdirSync(ENGINE).filter((f) => f.endsWith(".ts"));

it("has engine sources to check", () => {
  expect(files.length).toBeGreaterThan(5);
});

it.each(files)("%s imports nothing from Office, React, the DOM, ExcelJS or Node I/O", (file) => {
  // Comments may mention Office.js; only code counts.
  const text = fs.readFileSync(path.join(ENGINE, file), "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
  for (const re of FORBIDDEN) expect([file, re.exec(text)?.[0] ?? null]).toEqual([file, null]);
  for (const m of text.matchAll(/from\s+["']([^"']+)["']/g)) expect((m[1] as string).startsWith("./")).toBe(true);
});
