// ExcelJS's reading of a package, as kpa read files before its own stream reader (issue 12): the peer the stream
// reader is checked against cell by cell. Test code only.
import ExcelJS from "exceljs";
import { parseAreas, type CellValue, type DefinedName, type SheetGrid, type WorkbookGrid } from "../../src/engine";

function plainText(v: unknown): string {
  if (v && typeof v === "object" && "richText" in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join("");
  return v === null || v === undefined ? "" : String(v);
}

/** One cell's value as the engine sees it: formulas by their cached result, links by their text. */
function cellValue(cell: ExcelJS.Cell): CellValue {
  if (cell.isMerged && cell.master !== cell) return null;
  const v = cell.value as unknown;
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v === "object") {
    if ("error" in v) return { error: String((v as ExcelJS.CellErrorValue).error) };
    if ("richText" in v) return plainText(v);
    if ("hyperlink" in v) return plainText((v as ExcelJS.CellHyperlinkValue).text);
    if ("formula" in v || "sharedFormula" in v) {
      const result = (v as ExcelJS.CellFormulaValue).result as unknown;
      if (result === undefined || result === null) return null;
      if (typeof result === "object" && result !== null && "error" in result)
        return { error: String((result as { error: unknown }).error) };
      return result as CellValue;
    }
  }
  return String(v);
}

function sheetToGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const rows = ws.rowCount;
  const cols = ws.columnCount;
  const values: CellValue[][] = [];
  const numberFormats: string[][] = [];
  for (let r = 1; r <= rows; r++) {
    const row = ws.getRow(r);
    const vals: CellValue[] = new Array(cols).fill(null);
    const fmts: string[] = new Array(cols).fill("General");
    if (row.hasValues) {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (c > cols) return;
        vals[c - 1] = cellValue(cell);
        fmts[c - 1] = cell.numFmt || "General";
      });
    }
    values.push(vals);
    numberFormats.push(fmts);
  }
  const merges = ((ws.model as { merges?: string[] }).merges ?? []).flatMap(parseAreas);
  const protection = (ws as unknown as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection;
  return { name: ws.name, values, numberFormats, merges, protected: Boolean(protection?.sheet) };
}

function namesOf(wb: ExcelJS.Workbook): DefinedName[] {
  const model = (wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
  return model.filter((n) => n.ranges.length === 1).map((n) => ({ name: n.name, ref: n.ranges[0] as string }));
}

export function workbookToGrid(wb: ExcelJS.Workbook): WorkbookGrid {
  return { sheets: wb.worksheets.map(sheetToGrid), names: namesOf(wb) };
}

/** A package read by ExcelJS into the engine's grids. */
export async function exceljsGrid(data: Buffer): Promise<WorkbookGrid> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  return workbookToGrid(wb);
}
