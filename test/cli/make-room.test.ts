// Guarantee: `kpa evaluate --make-room` inserts whole worksheet columns after a table whose neighbour leaves no room
// for its status columns, and everything right of them moves as it would in Excel: cells, formulas on the sheet
// and elsewhere, defined names, merged cells, widths. Without the flag nothing moves, and the output says how.
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { AS_OF, evaluateOk, putRows, readXlsx, removeDir, runKpa, saveXlsx, savedNames, tempDir } from "../fixtures/xlsx";

let dir: string;
beforeEach(() => (dir = tempDir()));
afterEach(() => removeDir(dir));

/** A KPI table at A3:D6 and, one empty column to its right, a regions table at F3:H6 with formulas. */
async function crowded(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Scorecard");
  ws.getCell("A1").value = "Quarterly scorecard";
  ws.mergeCells("A1:H1");
  putRows(ws, "A3", [
    ["KPI", "Target", "Actual", "Owner"],
    ["Customer satisfaction", "≥ 85%", "88%", "Ana"],
    ["Tickets closed", "≥ 500", 420, "Bo"],
    ["Escalations", "≤ 5", 9, "Cy"],
  ]);
  putRows(ws, "F3", [["Region", "Sales", "Double"]]);
  [
    ["North", 10],
    ["South", 20],
    ["East", 30],
  ].forEach(([region, sales], i) => {
    ws.getCell(4 + i, 6).value = region as string;
    ws.getCell(4 + i, 7).value = sales as number;
    ws.getCell(4 + i, 8).value = { formula: `G${4 + i}*2`, result: (sales as number) * 2 };
  });
  ws.getColumn(7).width = 23;
  const totals = wb.addWorksheet("Totals");
  totals.getCell("A1").value = { formula: "SUM(Scorecard!G4:G6)", result: 60 };
  totals.getCell("A2").value = { formula: "Scorecard!C5", result: 420 };
  return saveXlsx(wb, file, [{ name: "Regions", text: "Scorecard!$F$4:$F$6" }]);
}

const formulaOf = (cell: ExcelJS.Cell) => (cell.value as { formula?: string } | null)?.formula;

it("without --make-room leaves the sheet as it is and says how to make room", async () => {
  const input = await crowded(path.join(dir, "in.xlsx"));
  const out = path.join(dir, "out.xlsx");
  const run = await evaluateOk(input, "--out", out, "--as-of", AS_OF);
  const hint = run.out.find((l) => l.includes("--make-room"));
  expect(hint).toContain("Scorecard!A3:D6");
  const ws = (await readXlsx(out)).getWorksheet("Scorecard") as ExcelJS.Worksheet;
  expect(ws.getCell("F3").value).toBe("Region");
  expect(ws.getCell("E3").value).toBeNull();
});

it("with --make-room inserts 3 columns after D, and every reference follows the moved cells", async () => {
  const input = await crowded(path.join(dir, "in.xlsx"));
  const out = path.join(dir, "out.xlsx");
  const run = await evaluateOk(input, "--out", out, "--as-of", AS_OF, "--make-room");
  expect(run.out[0]).toBe("Inserted 3 columns after D on Scorecard to fit the statuses of the table at A3:D6.");
  expect(run.out.some((l) => l.includes("run again with --make-room"))).toBe(false);

  const wb = await readXlsx(out);
  const ws = wb.getWorksheet("Scorecard") as ExcelJS.Worksheet;
  // Our columns beside the table, then the empty column, then the regions table three columns further right.
  expect([ws.getCell("E3").value, ws.getCell("F3").value, ws.getCell("G3").value]).toEqual([
    "KPA Status",
    "KPA Progress",
    "KPA Explanation",
  ]);
  expect([ws.getCell("E4").value, ws.getCell("E5").value, ws.getCell("E6").value]).toEqual(["Met", "Off Track", "Off Track"]);
  expect(ws.getCell("H3").value).toBeNull();
  expect([ws.getCell("I3").value, ws.getCell("J3").value, ws.getCell("K3").value]).toEqual(["Region", "Sales", "Double"]);
  expect(formulaOf(ws.getCell("K5"))).toBe("J5*2");
  expect(ws.getColumn(10).width).toBe(23);
  expect((ws.model as { merges: string[] }).merges).toEqual(["A1:K1"]);
  const totals = wb.getWorksheet("Totals") as ExcelJS.Worksheet;
  expect(formulaOf(totals.getCell("A1"))).toBe("SUM(Scorecard!J4:J6)");
  // Left of the insert nothing moves.
  expect(formulaOf(totals.getCell("A2"))).toBe("Scorecard!C5");
  const names = await savedNames(out);
  expect(names.find((n) => n.name === "Regions")?.text).toBe("Scorecard!$I$4:$I$6");
});

it("inserts nothing more when run again on its own output", async () => {
  const input = await crowded(path.join(dir, "in.xlsx"));
  const once = path.join(dir, "once.xlsx");
  await evaluateOk(input, "--out", once, "--as-of", AS_OF, "--make-room");
  const twice = path.join(dir, "twice.xlsx");
  const run = await evaluateOk(once, "--out", twice, "--as-of", AS_OF, "--make-room");
  expect(run.out[0]).toMatch(/^Evaluated /);
  const ws = (await readXlsx(twice)).getWorksheet("Scorecard") as ExcelJS.Worksheet;
  expect(ws.getCell("I3").value).toBe("Region");
  expect(ws.getCell("E4").value).toBe("Met");
});

it("refuses with one sentence, writing nothing, when an Excel table it cannot see as ours lies across the insert", async () => {
  const input = await crowded(path.join(dir, "in.xlsx"));
  // An Excel table (a table part, not a KPI table) below, from A to F: inserting after D would cut through it.
  const wb = await readXlsx(input);
  const ws = wb.getWorksheet("Scorecard") as ExcelJS.Worksheet;
  ws.addTable({
    name: "Stock",
    ref: "A10",
    columns: ["Item", "Qty", "Bin", "Aisle", "Shelf", "Count"].map((name) => ({ name })),
    rows: [["Gloves", 4, "B1", 2, 3, 9]],
  });
  const blocked = await saveXlsx(wb, path.join(dir, "blocked.xlsx"));
  const out = path.join(dir, "out.xlsx");
  const run = await runKpa("evaluate", blocked, "--out", out, "--as-of", AS_OF, "--make-room");
  expect(run.code).toBe(2);
  expect(run.err).toHaveLength(1);
  expect(run.err[0]).toContain('would split table "Stock"');
  expect(run.err[0]).toContain("evaluate without --make-room");
  expect(fs.existsSync(out)).toBe(false);
});
