// Guarantee: text from user cells that starts with =, +, - or @ lands on our sheets as text, never as a formula
// (a formula-injection guard): checked both through ExcelJS's cell type and in the saved sheet XML.
import * as path from "path";
import ExcelJS from "exceljs";
import { AS_OF, evaluateOk, goalsWorkbook, readXlsx, removeDir, rowWith, sheetXml, tempDir } from "../fixtures/xlsx";

const HYPERLINK = '=HYPERLINK("http://example.com","click")';
const DDE = "+cmd|' /C calc'!A0";

let dir: string;
let output: string;
let gaps: ExcelJS.Worksheet;
let summary: ExcelJS.Worksheet;

beforeAll(async () => {
  dir = tempDir();
  const input = await goalsWorkbook(path.join(dir, "injection.xlsx"), [
    { goal: HYPERLINK, target: "≥ 10", timeline: "December 31, 2050", owner: DDE, actual: 5 },
    { goal: "@SUM(A1:A2)", target: "=TargetSheet!B7", owner: "-Team lead", actual: 4 },
    { goal: "-Minus goal", target: "≥ 10", owner: "@owner", actual: "@five" },
    { goal: "+Plus goal", target: "≥ 10", owner: "=Owner()", actual: "=IN PROGRESS" },
  ]);
  output = path.join(dir, "out.xlsx");
  await evaluateOk(input, "--out", output, "--as-of", AS_OF, "--quiet");
  const wb = await readXlsx(output);
  gaps = wb.getWorksheet("KPA Gaps") as ExcelJS.Worksheet;
  summary = wb.getWorksheet("KPA Summary") as ExcelJS.Worksheet;
});

afterAll(() => removeDir(dir));

/** A column of the Gaps sheet by its header (row 4). */
function gapColumn(header: string): number {
  const row = gaps.getRow(4);
  for (let c = 1; c <= row.cellCount; c++) if (row.getCell(c).value === header) return c;
  throw new Error(`No "${header}" column on KPA Gaps`);
}

describe("formula-looking user text on the KPA Gaps sheet", () => {
  it.each([
    ["Name", HYPERLINK, HYPERLINK],
    ["Owner", HYPERLINK, DDE],
    ["Name", "@SUM(A1:A2)", "@SUM(A1:A2)"],
    ["Owner", "@SUM(A1:A2)", "-Team lead"],
    ["Target", "@SUM(A1:A2)", "=TargetSheet!B7"],
    ["Owner", "-Minus goal", "@owner"],
    ["Actual", "-Minus goal", "@five"],
    ["Owner", "+Plus goal", "=Owner()"],
    ["Actual", "+Plus goal", "=IN PROGRESS"],
  ])("%s of %s is the literal string %s", (column, goal, text) => {
    const cell = gaps.getCell(rowWith(gaps, gapColumn("Name"), goal), gapColumn(column));
    expect(cell.value).toBe(text);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
  });
});

describe("the saved XML of our sheets", () => {
  it.each(["KPA Gaps", "KPA Summary", "Goals"])("%s holds no formula at all", async (name) => {
    const xml = await sheetXml(output, name);
    expect(xml).toContain("<sheetData>");
    expect(xml.match(/<f[ >/]/g)).toBeNull();
  });

  it("stores every cell that starts with =, +, - or @ as a string cell", () => {
    /** The cells of a sheet whose text starts with =, +, - or @. */
    const formulaLooking = (ws: ExcelJS.Worksheet): ExcelJS.Cell[] => {
      const cells: ExcelJS.Cell[] = [];
      ws.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === "string" && /^[=+\-@]/.test(cell.value) && cells.push(cell))));
      return cells;
    };
    const onGaps = formulaLooking(gaps);
    const onSummary = formulaLooking(summary);
    // On KPA Gaps: the four goal names, the four owners, a target and two actuals; on the summary, at least the owners.
    expect(onGaps.length).toBeGreaterThanOrEqual(11);
    expect(onSummary.length).toBeGreaterThanOrEqual(4);
    for (const [ws, cell] of [...onGaps.map((c) => [gaps, c] as const), ...onSummary.map((c) => [summary, c] as const)])
      expect([ws.name, cell.address, cell.type]).toEqual([ws.name, cell.address, ExcelJS.ValueType.String]);
  });
});
