// Guarantee: what the team types in the KPA Gaps "Response" column survives the next evaluation, following
// the row's identity (sheet, table, name) rather than its position, even after the source rows are re-ordered.
import * as path from "path";
import type ExcelJS from "exceljs";
import { AS_OF, EXAMPLE, EXAMPLE_SHEET, evaluateOk, readXlsx, removeDir, rowWith, tempDir } from "../fixtures/xlsx";

const RETENTION = "Improve Retention Rate";
const RESOLUTION = "Increase First-Contact Resolution";
const SURVEY_TRAINING = "Marketing Manager: Survey design";

let dir: string;

beforeEach(() => (dir = tempDir()));
afterEach(() => removeDir(dir));

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`No sheet ${name}`);
  return ws;
}

/** Column of a header on the Gaps sheet (headers are on row 4). */
function gapCol(gaps: ExcelJS.Worksheet, header: string): number {
  for (let c = 1; c <= gaps.columnCount; c++) if (gaps.getCell(4, c).value === header) return c;
  throw new Error(`No ${header} column on ${gaps.name}`);
}

/** The Gaps line for a row name: its Where text and Response. */
function gapLine(wb: ExcelJS.Workbook, name: string): { where: string; response: unknown; status: unknown } {
  const gaps = sheet(wb, "KPA Gaps");
  const r = rowWith(gaps, gapCol(gaps, "Name"), name);
  return {
    where: gaps.getCell(r, gapCol(gaps, "Where")).text,
    response: gaps.getCell(r, gapCol(gaps, "Response")).value,
    status: gaps.getCell(r, gapCol(gaps, "Status")).value,
  };
}

/** Types a response on the Gaps sheet, as a reviewer would in Excel. */
function typeResponse(wb: ExcelJS.Workbook, name: string, text: string): void {
  const gaps = sheet(wb, "KPA Gaps");
  gaps.getCell(rowWith(gaps, gapCol(gaps, "Name"), name), gapCol(gaps, "Response")).value = text;
}

/** Swaps two whole rows (values and styles), as sorting the table in Excel would. */
function swapRows(ws: ExcelJS.Worksheet, a: number, b: number): void {
  for (let c = 1; c <= ws.columnCount; c++) {
    const x = ws.getCell(a, c);
    const y = ws.getCell(b, c);
    const [xv, xs] = [x.value, x.style];
    [x.value, x.style] = [y.value, y.style];
    [y.value, y.style] = [xv, xs];
  }
}

async function evaluated(input: string, name: string): Promise<{ file: string; wb: ExcelJS.Workbook }> {
  const file = path.join(dir, name);
  await evaluateOk(input, "--out", file, "--as-of", AS_OF, "--quiet");
  return { file, wb: await readXlsx(file) };
}

describe("responses typed on the KPA Gaps sheet", () => {
  it("follow their row when the source table is re-ordered, and stay put on the next evaluations", async () => {
    const first = await evaluated(EXAMPLE, "first.xlsx");
    expect(gapLine(first.wb, RETENTION)).toEqual({ where: `${EXAMPLE_SHEET}!A19`, response: null, status: "At Risk" });
    expect(gapLine(first.wb, RESOLUTION).where).toBe(`${EXAMPLE_SHEET}!A21`);

    typeResponse(first.wb, RETENTION, "Call the 20 largest accounts before renewal");
    typeResponse(first.wb, SURVEY_TRAINING, "=Booked for November");
    const source = sheet(first.wb, EXAMPLE_SHEET);
    swapRows(source, 19, 21);
    swapRows(source, 36, 37);
    expect(source.getCell("A21").value).toBe(RETENTION);
    const edited = path.join(dir, "edited.xlsx");
    await first.wb.xlsx.writeFile(edited);

    const second = await evaluated(edited, "second.xlsx");
    expect(gapLine(second.wb, RETENTION)).toEqual({
      where: `${EXAMPLE_SHEET}!A21`,
      response: "Call the 20 largest accounts before renewal",
      status: "At Risk",
    });
    expect(gapLine(second.wb, RESOLUTION)).toEqual({ where: `${EXAMPLE_SHEET}!A19`, response: null, status: "On Track" });
    expect(gapLine(second.wb, SURVEY_TRAINING)).toEqual({
      where: `${EXAMPLE_SHEET}!A36`,
      response: "=Booked for November",
      status: "Overdue",
    });

    const third = await evaluated(second.file, "third.xlsx");
    expect(gapLine(third.wb, RETENTION).response).toBe("Call the 20 largest accounts before renewal");
    expect(gapLine(third.wb, SURVEY_TRAINING).response).toBe("=Booked for November");
    // Still a string, never a formula.
    const gaps = sheet(third.wb, "KPA Gaps");
    expect(gaps.getCell(rowWith(gaps, gapCol(gaps, "Name"), SURVEY_TRAINING), gapCol(gaps, "Response")).formula).toBeUndefined();
  });

  it("are kept when the row recovers to Met, and when the row disappears", async () => {
    const first = await evaluated(EXAMPLE, "first.xlsx");
    typeResponse(first.wb, RETENTION, "Retention plan agreed");
    typeResponse(first.wb, RESOLUTION, "Coaching twice a week");
    const source = sheet(first.wb, EXAMPLE_SHEET);
    source.getCell(19, 7).value = 0.93; // Actual: retention now above its 90% target
    source.getCell(rowWith(source, 1, RESOLUTION), 1).value = "Publish the agent handbook"; // the goal is replaced by another
    const edited = path.join(dir, "edited.xlsx");
    await first.wb.xlsx.writeFile(edited);

    const second = await evaluated(edited, "second.xlsx");
    expect(gapLine(second.wb, RETENTION)).toEqual({ where: `${EXAMPLE_SHEET}!A19`, response: "Retention plan agreed", status: "Met" });
    // The line keeps the goal's name as the Gaps sheet last showed it.
    const gone = gapLine(second.wb, RESOLUTION);
    expect(gone.response).toBe("Coaching twice a week");
    const gaps = sheet(second.wb, "KPA Gaps");
    const r = rowWith(gaps, gapCol(gaps, "Name"), RESOLUTION);
    expect(gaps.getCell(r, gapCol(gaps, "Explanation")).value).toBe("No longer found in the workbook");
  });
});
