// `kpa evaluate` judges by the workbook's KPA Settings sheet, and a flag that overrides one of its values for the
// run says so, on the terminal and in the JSON report.
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { AS_OF, evaluateOk, putRows, removeDir, saveXlsx, tempDir } from "../fixtures/xlsx";

let dir: string;
beforeEach(() => (dir = tempDir()));
afterEach(() => removeDir(dir));

/** A goal 15% short of its target (Off Track at 10%, At Risk at 20%) and a KPA Settings sheet. */
async function workbook(settings: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  putRows(wb.addWorksheet("Goals"), "A1", [
    ["Goal", "Target", "Actual"],
    ["Grow revenue", "≥ 100", 85],
  ]);
  putRows(wb.addWorksheet("KPA Settings"), "A1", [["KPA Settings"], ["Setting", "Value", "What it means"], ...settings]);
  return saveXlsx(wb, path.join(dir, "in.xlsx"));
}

interface Report {
  rows: { name: string; status: string }[];
  tolerance: number;
  problems: { sheet: string; cell: string; message: string }[];
  settings: { sheet: string; tolerance: number; sources: Record<string, string>; overrides: unknown[] };
}
const report = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as Report;

it("reads the tolerance from the sheet and says so", async () => {
  const input = await workbook([["Tolerance", "20%"]]);
  const json = path.join(dir, "r.json");
  const run = await evaluateOk(input, "--as-of", AS_OF, "--out", path.join(dir, "out.xlsx"), "--json", json);
  expect(run.out).toContain('Judged by the "KPA Settings" sheet: tolerance 20%.');
  const r = report(json);
  expect(r.rows.map((x) => x.status)).toEqual(["At Risk"]);
  expect(r.tolerance).toBe(0.2);
  expect(r.settings).toMatchObject({ sheet: "KPA Settings", tolerance: 0.2, overrides: [] });
  expect(r.settings.sources.tolerance).toBe("sheet");
});

it("a flag overrides the sheet for the run, and the run's output and report say which cell", async () => {
  const input = await workbook([
    ["Tolerance", "10%"],
    ["Date order", "dmy"],
  ]);
  const json = path.join(dir, "r.json");
  const run = await evaluateOk(input, "--as-of", AS_OF, "--out", path.join(dir, "out.xlsx"), "--json", json, "--tolerance", "0.2");
  expect(run.out).toContain("--tolerance 0.2 overrides KPA Settings!B3 (10%) for this run.");
  expect(run.out).toContain('Judged by the "KPA Settings" sheet: date order dmy.');
  const r = report(json);
  expect(r.rows.map((x) => x.status)).toEqual(["At Risk"]);
  expect(r.settings.overrides).toEqual([{ setting: "Tolerance", cell: "KPA Settings!B3", sheetValue: "10%", value: "20%" }]);
  expect(r.settings.sources).toMatchObject({ tolerance: "option", dateOrder: "sheet" });
});

it("a value the sheet cannot read is a warning naming its cell, and the default applies", async () => {
  const input = await workbook([["Tolerance", "lots"]]);
  const json = path.join(dir, "r.json");
  await evaluateOk(input, "--as-of", AS_OF, "--out", path.join(dir, "out.xlsx"), "--json", json);
  const r = report(json);
  expect(r.rows.map((x) => x.status)).toEqual(["Off Track"]);
  expect(r.problems.find((p) => p.sheet === "KPA Settings")).toMatchObject({ cell: "B3" });
});

it("the sheet is left as the user wrote it", async () => {
  const input = await workbook([["Tolerance", "20%", "my own note"]]);
  const out = path.join(dir, "out.xlsx");
  await evaluateOk(input, "--as-of", AS_OF, "--out", out);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet("KPA Settings");
  expect(ws?.getCell("B3").value).toBe("20%");
  expect(ws?.getCell("C3").value).toBe("my own note");
});

it("--write-settings creates the sheet with the settings in effect, once; later runs leave it as edited", async () => {
  const wb = new ExcelJS.Workbook();
  putRows(wb.addWorksheet("Goals"), "A1", [
    ["Goal", "Target", "Actual"],
    ["Grow revenue", "≥ 100", 85],
  ]);
  const input = await saveXlsx(wb, path.join(dir, "plain.xlsx"));
  const out = path.join(dir, "out.xlsx");
  const first = await evaluateOk(input, "--as-of", AS_OF, "--out", out, "--write-settings", "--tolerance", "0.2");
  expect(first.out.join("\n")).toContain('Created the "KPA Settings" sheet');
  const made = new ExcelJS.Workbook();
  await made.xlsx.readFile(out);
  const ws = made.getWorksheet("KPA Settings");
  expect(ws?.getCell("A3").value).toBe("Tolerance");
  expect(ws?.getCell("B3").value).toBe(0.2);
  // People edit it; the next run judges by the edit and writes nothing over it.
  if (ws) ws.getCell("B3").value = "10%";
  await made.xlsx.writeFile(out);
  const json = path.join(dir, "r.json");
  const again = await evaluateOk(out, "--as-of", AS_OF, "--in-place", "--write-settings", "--json", json);
  expect(again.out.join("\n")).toContain("already exists and was left as it is");
  expect(report(json).rows.map((x) => x.status)).toEqual(["Off Track"]);
  const after = new ExcelJS.Workbook();
  await after.xlsx.readFile(out);
  expect(after.getWorksheet("KPA Settings")?.getCell("B3").value).toBe("10%");
});
