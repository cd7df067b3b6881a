// Applies the engine's write plan to an ExcelJS workbook, and saves it without ever leaving half a file.
import ExcelJS from "exceljs";
import {
  parseAreas,
  quoteSheet,
  rangeAddress,
  type Rect,
  rectInside,
  NAME_PREFIX,
  type AppendPlan,
  type CellStyle,
  type CfPlan,
  type PlanValue,
  type PrintSetup,
  type SheetPlan,
  type ValidationPlan,
  type WritePlan,
  type TemplateSheet,
  planValueToCell,
} from "../engine";
import { writeFileAtomically } from "./output";
import { restore } from "./preserve";
import { UnusableInputError, preserved } from "./read";

const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;

// Our sheets' drop-down lists, by workbook and sheet, written as XML on save (see dataValidationsXml).
const ourValidations = new WeakMap<ExcelJS.Workbook, Map<string, string>>();
/** The sheets a plan wrote whole, created or appended to, by workbook: ExcelJS writes their print titles. */
const ourSheets = new WeakMap<ExcelJS.Workbook, Set<string>>();

function markOurs(wb: ExcelJS.Workbook, sheet: string): void {
  const set = ourSheets.get(wb) ?? new Set<string>();
  ourSheets.set(wb, set);
  set.add(sheet);
}

/** Strings stay strings: ExcelJS only writes a formula for a {formula} object, so user text never becomes one. */
function toExcel(v: PlanValue): ExcelJS.CellValue {
  if (v !== null && typeof v === "object" && "sheet" in v) return { text: v.text, hyperlink: `#${quoteSheet(v.sheet)}!${v.cell}` };
  const c = planValueToCell(v);
  return c !== null && typeof c === "object" && !(c instanceof Date) ? c.error : c;
}

function addRules(ws: ExcelJS.Worksheet, cf: CfPlan): void {
  const ref = rangeAddress(cf.range);
  const rules: ExcelJS.ConditionalFormattingRule[] = cf.rules.map((r, i) => {
    if (r.kind === "equals")
      return {
        type: "cellIs",
        operator: "equal",
        priority: i + 1,
        formulae: [`"${r.text}"`],
        style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(r.fill) } }, font: { color: { argb: argb(r.font) } } },
      };
    if (r.kind === "arrows")
      return {
        type: "iconSet",
        priority: i + 1,
        iconSet: "3Arrows",
        showValue: true,
        cfvo: [
          { type: "num", value: -1 },
          { type: "num", value: 0 },
          { type: "num", value: 1 },
        ],
      } as unknown as ExcelJS.ConditionalFormattingRule;
    return {
      type: "dataBar",
      priority: i + 1,
      cfvo: [
        { type: "num", value: 0 },
        { type: "num", value: 1 },
      ],
      color: { argb: argb(r.color) },
      gradient: false,
    } as unknown as ExcelJS.ConditionalFormattingRule;
  });
  ws.addConditionalFormatting({ ref, rules });
}

function styleCell(cell: ExcelJS.Cell, s: CellStyle): void {
  if (s.bold || s.italic || s.size || s.font)
    cell.font = { ...cell.font, bold: s.bold, italic: s.italic, size: s.size, color: s.font ? { argb: argb(s.font) } : undefined };
  if (s.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(s.fill) } };
  if (s.wrap) cell.alignment = { wrapText: true, vertical: "top" };
}

/** One page wide and as many tall as it takes, the title rows on every page, our footer. */
function printOptions(print: PrintSetup): Pick<Partial<ExcelJS.AddWorksheetOptions>, "pageSetup" | "headerFooter"> {
  const rows = print.titleRows;
  return {
    pageSetup: {
      orientation: print.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      ...(rows ? { printTitlesRow: `${rows.top + 1}:${rows.bottom + 1}` } : {}),
    },
    headerFooter: { oddFooter: print.footer, differentFirst: false, differentOddEven: false },
  };
}

function writeOurSheet(wb: ExcelJS.Workbook, p: SheetPlan): void {
  const old = wb.getWorksheet(p.name);
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(p.name, {
    properties: { tabColor: { argb: argb(p.tabColor) } },
    views: p.freezeRows > 0 ? [{ state: "frozen", ySplit: p.freezeRows, xSplit: 0 }] : [],
    ...printOptions(p.print),
  });
  // Keep the tab where it was, so the History sheet after it stays after it.
  // (orderNo is ExcelJS's tab position; its typings leave it out.)
  if (old) (ws as unknown as { orderNo: number }).orderNo = (old as unknown as { orderNo: number }).orderNo;
  p.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const c of p.hiddenColumns) ws.getColumn(c + 1).hidden = true;
  p.values.forEach((row, r) => row.forEach((v, c) => v !== null && (ws.getCell(r + 1, c + 1).value = toExcel(v))));
  for (const f of p.numberFormats) forEachCell(ws, f.range, (cell) => (cell.numFmt = f.format));
  for (const s of p.styles) forEachCell(ws, s.range, (cell) => styleCell(cell, s.style));
  for (const cf of p.conditionalFormats) addRules(ws, cf);
  // Charts are left out: ExcelJS cannot write them, and the data bars and arrows carry the same reading.
  markOurs(wb, p.name);
  const lists = ourValidations.get(wb) ?? new Map<string, string>();
  ourValidations.set(wb, lists);
  lists.set(p.name, dataValidationsXml(p.validations));
}

const escapeXml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A <dataValidations> element; written by hand because ExcelJS re-merges validation ranges wrongly (exceljs#2820). */
export function dataValidationsXml(list: readonly ValidationPlan[]): string {
  if (list.length === 0) return "";
  const items = list.map((v) => {
    const prompt = v.prompt ? ` showInputMessage="1" prompt="${escapeXml(v.prompt)}"` : "";
    const formula = escapeXml(`"${v.list.join(",")}"`);
    return `<dataValidation type="list" allowBlank="1" showErrorMessage="1"${prompt} sqref="${rangeAddress(v.range)}"><formula1>${formula}</formula1></dataValidation>`;
  });
  return `<dataValidations count="${items.length}">${items.join("")}</dataValidations>`;
}

/** Adds rows below a sheet's content, creating and laying out the sheet first when it is new. */
export function applyAppendToWorkbook(wb: ExcelJS.Workbook, a: AppendPlan): void {
  // Its print titles are as ExcelJS read them, or as we set them now: either way, ExcelJS writes them.
  markOurs(wb, a.sheet);
  let ws = wb.getWorksheet(a.sheet);
  if (!ws) {
    if (!a.create) throw new Error(`The plan appends to sheet "${a.sheet}", which the workbook does not have.`);
    const setup = a.create;
    ws = wb.addWorksheet(a.sheet, {
      properties: { tabColor: { argb: argb(setup.tabColor) } },
      views: setup.freezeRows > 0 ? [{ state: "frozen", ySplit: setup.freezeRows, xSplit: 0 }] : [],
      ...printOptions(setup.print),
    });
    setup.columnWidths.forEach((w, i) => ((ws as ExcelJS.Worksheet).getColumn(i + 1).width = w));
    setup.header.forEach((h, c) => {
      const cell = (ws as ExcelJS.Worksheet).getCell(1, c + 1);
      cell.value = h;
      styleCell(cell, HEADER_STYLE);
    });
  } else if ((ws as unknown as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection?.sheet) {
    throw new UnusableInputError(`Sheet "${a.sheet}" is protected, so rows cannot be added to it. Unprotect it and try again.`);
  }
  const target = ws;
  a.values.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v === null) return;
      const cell = target.getCell(a.row + i + 1, j + 1);
      cell.value = toExcel(v);
      const fmt = a.numberFormats?.[i]?.[j];
      if (fmt) cell.numFmt = fmt;
    }),
  );
}

const HEADER_STYLE: CellStyle = { bold: true, fill: "#1F3864", font: "#FFFFFF" };

function forEachCell(ws: ExcelJS.Worksheet, r: Rect, fn: (c: ExcelJS.Cell) => void): void {
  for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) fn(ws.getCell(row + 1, col + 1));
}

/** Applies a plan. Throws UnusableInputError, before any change, when a sheet it must write is protected. */
export function applyPlanToWorkbook(wb: ExcelJS.Workbook, plan: WritePlan): void {
  const touched = new Set([...plan.writes.map((w) => w.sheet), ...plan.clears.map((c) => c.sheet)]);
  for (const name of touched) {
    const ws = wb.getWorksheet(name);
    if (!ws) throw new Error(`The plan writes to sheet "${name}", which the workbook does not have.`);
    if ((ws as unknown as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection?.sheet) {
      throw new UnusableInputError(
        `Sheet "${name}" is protected, so its status columns cannot be written. Unprotect it and evaluate again.`,
      );
    }
  }

  for (const c of plan.clears) {
    const ws = wb.getWorksheet(c.sheet) as ExcelJS.Worksheet;
    forEachCell(ws, c.range, (cell) => (cell.value = null));
  }
  for (const w of plan.writes) {
    const ws = wb.getWorksheet(w.sheet) as ExcelJS.Worksheet;
    w.columnWidths?.forEach((chars, j) => chars !== null && (ws.getColumn(w.col + j + 1).width = chars));
    const source = w.styleFrom ? ws.getCell(w.styleFrom.row + 1, w.styleFrom.col + 1) : undefined;
    w.values.forEach((row, i) =>
      row.forEach((v, j) => {
        const cell = ws.getCell(w.row + i + 1, w.col + j + 1);
        cell.value = toExcel(v);
        const fmt = w.numberFormats?.[i]?.[j];
        if (fmt) cell.numFmt = fmt;
        if (i === 0 && source) cell.style = JSON.parse(JSON.stringify(source.style ?? {})) as Partial<ExcelJS.Style>;
      }),
    );
  }

  // Rules wholly inside our blocks are ours: drop them before adding the new ones.
  for (const ws of wb.worksheets) {
    const mine = plan.ruleScope.filter((b) => b.sheet === ws.name).map((b) => b.rect);
    if (mine.length === 0) continue;
    ws.removeConditionalFormatting((cf: { ref: string }) => !parseAreas(cf.ref).every((r) => mine.some((m) => rectInside(r, m))));
  }
  for (const cf of plan.conditionalFormats) addRules(wb.getWorksheet(cf.sheet) as ExcelJS.Worksheet, cf);

  for (const p of plan.sheets) writeOurSheet(wb, p);
  for (const a of plan.appends) applyAppendToWorkbook(wb, a);

  const dn = wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] };
  dn.model = [...dn.model.filter((n) => !n.name.startsWith(NAME_PREFIX)), ...plan.names.map((n) => ({ name: n.name, ranges: [n.ref] }))];
}

/** The saved package: what ExcelJS writes, with the parts it cannot keep put back (preserve.ts). */
export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
  const kept = preserved(wb);
  const ours = ourValidations.get(wb);
  const validations = new Map([...(kept?.validations ?? []), ...(ours ?? [])]);
  const needed = kept !== undefined || [...validations.values()].some(Boolean);
  return needed ? restore(xlsx, { ...kept, names: kept?.names ?? [], validations }, kept !== undefined, ourSheets.get(wb)) : xlsx;
}

/** Writes next to the target and renames, so a crash never leaves a half-written workbook. */
export async function saveAtomically(wb: ExcelJS.Workbook, file: string): Promise<void> {
  writeFileAtomically(file, await workbookBytes(wb));
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
