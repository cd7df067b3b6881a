// `kpa evaluate` judges by the workbook's KPA Settings sheet, and a flag that overrides one of its values for the
// run says so, on the terminal and in the JSON report.
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { AS_OF, evaluateOk, putRows, removeDir, runKpa, saveXlsx, tempDir } from "../fixtures/xlsx";

let dir: string;
beforeEach(() => (dir = tempDir()));
afterEach(() => removeDir(dir));

/** A goal 15% short of its target (Off Track at 10%, At Risk at 20%) and a KPA Settings sheet with these rows (null: none). */
async function workbook(settings: (string | number | null)[][] | null): Promise<string> {
  const wb = new ExcelJS.Workbook();
  putRows(wb.addWorksheet("Goals"), "A1", [
    ["Goal", "Target", "Actual"],
    ["Grow revenue", "≥ 100", 85],
  ]);
  if (settings) putRows(wb.addWorksheet("KPA Settings"), "A1", [["KPA Settings"], ["Setting", "Value", "What it means"], ...settings]);
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

it("the first evaluation creates the sheet with the settings it used; later runs judge by it as edited and leave it", async () => {
  const input = await workbook(null);
  const out = path.join(dir, "out.xlsx");
  const first = await evaluateOk(input, "--as-of", AS_OF, "--out", out, "--tolerance", "0.2");
  expect(first.out.join("\n")).toContain('Created the "KPA Settings" sheet');
  const made = new ExcelJS.Workbook();
  await made.xlsx.readFile(out);
  const ws = made.getWorksheet("KPA Settings");
  expect(ws?.getCell("A3").value).toBe("Tolerance");
  expect(ws?.getCell("B3").value).toBe(0.2);
  expect(ws?.getCell("A6").value).toBe("Fiscal year start");
  expect(ws?.getCell("B6").value).toBe("January");
  // People edit it; the next run judges by the edit and writes nothing over it.
  if (ws) ws.getCell("B3").value = "10%";
  await made.xlsx.writeFile(out);
  const json = path.join(dir, "r.json");
  const again = await evaluateOk(out, "--as-of", AS_OF, "--in-place", "--json", json);
  expect(again.out.join("\n")).not.toContain("Created the");
  expect(report(json).rows.map((x) => x.status)).toEqual(["Off Track"]);
  const after = new ExcelJS.Workbook();
  await after.xlsx.readFile(out);
  expect(after.getWorksheet("KPA Settings")?.getCell("B3").value).toBe("10%");
});

it("--no-settings-sheet leaves a workbook without the sheet as it is", async () => {
  const input = await workbook(null);
  const out = path.join(dir, "out.xlsx");
  const run = await evaluateOk(input, "--as-of", AS_OF, "--out", out, "--no-settings-sheet");
  expect(run.out.join("\n")).not.toContain("KPA Settings");
  const made = new ExcelJS.Workbook();
  await made.xlsx.readFile(out);
  expect(made.worksheets.map((w) => w.name)).toEqual(["Goals", "KPA Summary", "KPA Gaps", "KPA History"]);
});

it("the sheet's fiscal year start decides what Q1 2050 means; --fiscal-year-start overrides it for the run and says so", async () => {
  const wb = new ExcelJS.Workbook();
  putRows(wb.addWorksheet("Goals"), "A1", [
    ["Goal", "Target", "Timeline", "Actual"],
    ["Grow revenue", "≥ 100", "Q1 2050", 85],
  ]);
  putRows(wb.addWorksheet("KPA Settings"), "A1", [["KPA Settings"], ["Setting", "Value"], ["Fiscal year start", "April"]]);
  const input = await saveXlsx(wb, path.join(dir, "fy.xlsx"));
  const json = path.join(dir, "r.json");
  // As of August 1, 2049: Q1 of FY2050 ended June 30, 2049 when the year starts in April.
  const run = await evaluateOk(input, "--as-of", "2049-08-01", "--out", path.join(dir, "out.xlsx"), "--json", json);
  expect(run.out).toContain('Judged by the "KPA Settings" sheet: fiscal year start April.');
  expect(report(json).rows.map((x) => x.status)).toEqual(["Overdue"]);
  const flag = await evaluateOk(
    input,
    "--as-of",
    "2049-08-01",
    "--out",
    path.join(dir, "out2.xlsx"),
    "--json",
    json,
    "--fiscal-year-start",
    "jan",
  );
  expect(flag.out).toContain("--fiscal-year-start jan overrides KPA Settings!B3 (April) for this run.");
  expect(report(json).rows.map((x) => x.status)).toEqual(["Off Track"]);
});

it("an unusable --fiscal-year-start is refused in one sentence, before anything is read or written", async () => {
  const input = await workbook([]);
  const out = path.join(dir, "out.xlsx");
  const run = await runKpa("evaluate", input, "--out", out, "--fiscal-year-start", "Smarch");
  expect(run.code).toBe(2);
  expect(run.err).toEqual([
    "kpa: --fiscal-year-start Smarch must be a month from 1 (January) to 12 (December). A name such as April works too.",
  ]);
  expect(fs.existsSync(out)).toBe(false);
});
