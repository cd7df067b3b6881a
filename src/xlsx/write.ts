// Writes the workbook `kpa template` creates, through ExcelJS (a new workbook has no parts of the user's to keep),
// and saves it without ever leaving half a file.
import ExcelJS from "exceljs";
import { type CellStyle, type PlanValue, type Rect, type TemplateSheet, planValueToCell, quoteSheet } from "../engine";
import { writeFileAtomically } from "./output";

const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;

/** Strings stay strings: ExcelJS only writes a formula for a {formula} object, so user text never becomes one. */
function toExcel(v: PlanValue): ExcelJS.CellValue {
  if (v !== null && typeof v === "object" && "sheet" in v) return { text: v.text, hyperlink: `#${quoteSheet(v.sheet)}!${v.cell}` };
  const c = planValueToCell(v);
  return c !== null && typeof c === "object" && !(c instanceof Date) ? c.error : c;
}

function styleCell(cell: ExcelJS.Cell, s: CellStyle): void {
  if (s.bold || s.italic || s.size || s.font)
    cell.font = { ...cell.font, bold: s.bold, italic: s.italic, size: s.size, color: s.font ? { argb: argb(s.font) } : undefined };
  if (s.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(s.fill) } };
  if (s.wrap) cell.alignment = { wrapText: true, vertical: "top" };
}

function forEachCell(ws: ExcelJS.Worksheet, r: Rect, fn: (c: ExcelJS.Cell) => void): void {
  for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) fn(ws.getCell(row + 1, col + 1));
}

/** Writes next to the target and renames, so a crash never leaves a half-written workbook. */
export async function saveAtomically(wb: ExcelJS.Workbook, file: string): Promise<void> {
  writeFileAtomically(file, Buffer.from(await wb.xlsx.writeBuffer()));
}

/** Adds a template sheet (from the engine's layout) to a workbook. */
export function writeTemplateSheet(wb: ExcelJS.Workbook, t: TemplateSheet): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(t.name);
  t.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  t.values.forEach((row, r) => row.forEach((v, c) => v !== null && (ws.getCell(r + 1, c + 1).value = toExcel(v))));
  for (const f of t.numberFormats) forEachCell(ws, f.range, (cell) => (cell.numFmt = f.format));
  for (const s of t.styles) forEachCell(ws, s.range, (cell) => styleCell(cell, s.style));
  return ws;
}
