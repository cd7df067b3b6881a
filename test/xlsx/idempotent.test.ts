// Guarantee: evaluating our own output again with the same --as-of changes nothing and duplicates nothing:
// no second status column, rule, name or sheet, and every cell of every sheet the same.
import * as fs from "fs";
import * as path from "path";
import type ExcelJS from "exceljs";
import {
  AS_OF,
  EXAMPLE,
  EXAMPLE_SHEET,
  conditionalFormats,
  evaluateOk,
  readXlsx,
  removeDir,
  richWorkbook,
  savedNames,
  sheetSnapshot,
  tempDir,
} from "../fixtures/xlsx";

const VERSION = (require("../../package.json") as { version: string }).version;
const NOW = "2050-10-15T09:00:00Z";

let dir: string;

beforeAll(() => {
  dir = tempDir();
  // The summary sheet says when it was generated; freeze the clock (only Date) so two runs can be compared cell by cell.
  jest.useFakeTimers({
    now: new Date(NOW),
    doNotFake: [
      "hrtime",
      "nextTick",
      "performance",
      "queueMicrotask",
      "setImmediate",
      "clearImmediate",
      "setInterval",
      "clearInterval",
      "setTimeout",
      "clearTimeout",
    ],
  });
});

afterAll(() => {
  jest.useRealTimers();
  removeDir(dir);
});

async function copyOf(from: string, to: string): Promise<string> {
  fs.copyFileSync(from, to);
  return to;
}

const snapshot = (wb: ExcelJS.Workbook) => wb.worksheets.map(sheetSnapshot);

/** How often a text appears anywhere on a sheet. */
function occurrences(ws: ExcelJS.Worksheet, text: string): number {
  let n = 0;
  ws.eachRow((row) => row.eachCell((c) => (n += c.value === text ? 1 : 0)));
  return n;
}

interface Runs {
  once: string;
  again: string;
  a: ExcelJS.Workbook;
  b: ExcelJS.Workbook;
}

describe.each([
  ["the bundled example", (d: string) => copyOf(EXAMPLE, path.join(d, "example.xlsx")), EXAMPLE_SHEET, 9],
  ["a workbook with formulas, names, rules and protected sheets", (d: string) => richWorkbook(path.join(d, "rich.xlsx")), "Scorecard", 3],
])("evaluating %s twice", (label, make, userSheet, columnBlocks) => {
  let run: Runs;

  beforeAll(async () => {
    const sub = fs.mkdtempSync(path.join(dir, "case-"));
    const input = await make(sub);
    const once = path.join(sub, "once.xlsx");
    const again = path.join(sub, "twice.xlsx");
    await evaluateOk(input, "--out", once, "--as-of", AS_OF, "--quiet");
    await evaluateOk(once, "--out", again, "--as-of", AS_OF, "--quiet");
    run = { once, again, a: await readXlsx(once), b: await readXlsx(again) };
  });

  it("changes no cell, rule, column width or setting on any sheet", () => {
    expect(snapshot(run.b)).toEqual(snapshot(run.a));
    // The clock really was frozen: the comparison above includes the "Generated" line.
    expect(run.a.getWorksheet("KPA Summary")?.getCell("B3").value).toBe(`${NOW} by KPA Tracker ${VERSION} (kpa CLI)`);
  });

  it("keeps the same sheets and defined names, with no duplicates", async () => {
    expect(run.b.worksheets.map((w) => w.name)).toEqual(run.a.worksheets.map((w) => w.name));
    const ours = run.b.worksheets.filter((w) => /^KPA (Summary|Gaps|Settings|History)$/.test(w.name)).map((w) => w.name);
    expect(ours).toEqual(["KPA Summary", "KPA Gaps", "KPA Settings", "KPA History"]);
    const names = await savedNames(run.again);
    expect(names).toEqual(await savedNames(run.once));
    expect(new Set(names.map((n) => `${n.name}|${n.localSheetId}`)).size).toBe(names.length);
    expect(names.filter((n) => n.name.startsWith("KPATracker_Cols_"))).toHaveLength(columnBlocks);
    expect(names.filter((n) => n.name.startsWith("KPATracker_Sheet_")).map((n) => n.name)).toEqual([
      "KPATracker_Sheet_Summary",
      "KPATracker_Sheet_Gaps",
      "KPATracker_Sheet_History",
      "KPATracker_Sheet_Settings",
    ]);
  });

  it("adds no second status column and no second set of rules", () => {
    const ws = (wb: ExcelJS.Workbook, name: string) => wb.getWorksheet(name) as ExcelJS.Worksheet;
    for (const header of ["KPA Status", "KPA Progress", "KPA Explanation"]) {
      expect([header, occurrences(ws(run.a, userSheet), header)]).toEqual([header, columnBlocks / 3]);
      expect([header, occurrences(ws(run.b, userSheet), header)]).toEqual([header, columnBlocks / 3]);
    }
    const rules = (w: ExcelJS.Worksheet) => conditionalFormats(w).map((cf) => `${cf.ref}:${cf.rules.length}`);
    // The same sheets on both sides, so each of the second run's sheets is compared below.
    expect(run.b.worksheets.map((w) => w.name)).toEqual(run.a.worksheets.map((w) => w.name));
    for (const sheet of run.a.worksheets) expect([sheet.name, rules(ws(run.b, sheet.name))]).toEqual([sheet.name, rules(sheet)]);
    // One status rule set and one data bar per table on the user's sheet.
    expect(conditionalFormats(ws(run.b, userSheet)).filter((cf) => cf.rules.some((r) => r.type === "dataBar"))).toHaveLength(
      columnBlocks / 3,
    );
  });

  it("gives the same workbook with --in-place as with --out", async () => {
    const copy = path.join(path.dirname(run.once), "in-place.xlsx");
    fs.copyFileSync(run.once, copy);
    await evaluateOk(copy, "--in-place", "--as-of", AS_OF, "--quiet");
    expect(snapshot(await readXlsx(copy))).toEqual(snapshot(run.b));
    expect([label, fs.readdirSync(path.dirname(copy)).filter((f) => f.endsWith(".tmp"))]).toEqual([label, []]);
  });
});
