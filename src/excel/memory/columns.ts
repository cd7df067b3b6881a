// Whole worksheet columns inserted or deleted in the in-memory Excel, as Excel does it: cells, widths, hidden
// columns, merges, rules, drop-down lists, chart ranges and every formula and name that refers to the moved cells.
// References move with the engine's shifting (src/engine/shift.ts), for an insert and for its inverse, a delete.
import {
  type ColumnDelete,
  type ColumnInsert,
  LAST_COLUMN,
  deleteColumnsInFormula,
  deleteSpan,
  type Rect,
  cellAddress,
  parseRef,
  rangeAddress,
  shiftColumn,
  shiftFormula,
} from "../../engine";
import { type CfRule, type MemoryCell, type MemorySheet, type MemoryState, type SheetRange } from "./state";

const sameSheet = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A 0-based column after the delete; undefined when it was deleted. */
const deleteColumn = (col: number, del: ColumnDelete): number | undefined => deleteSpan(col, col, del)?.[0];

/** Why an insert cannot happen: a non-blank cell or a merged area would be pushed past the last column (XFD). */
export class OffSheetError extends Error {}

// ---------------------------------------------------------------- rectangles

/** A rectangle across every column: whole rows, which neither an insert nor a delete of columns changes. */
const wholeRows = (r: Rect) => r.left === 0 && r.right >= LAST_COLUMN;

/** A rectangle after the insert: moved right, or grown when the insert is inside it; clipped at the last column. */
export function insertRect(r: Rect, ins: ColumnInsert): Rect | undefined {
  if (wholeRows(r)) return r;
  const left = shiftColumn(r.left, ins);
  if (left > LAST_COLUMN) return undefined;
  return { ...r, left, right: Math.min(LAST_COLUMN, shiftColumn(r.right, ins)) };
}

/** A rectangle after the delete: moved left or cut short; undefined when all its columns went. */
export function deleteRect(r: Rect, del: ColumnDelete): Rect | undefined {
  if (wholeRows(r)) return r;
  const span = deleteSpan(r.left, r.right, del);
  return span && { ...r, left: span[0], right: span[1] };
}

// ---------------------------------------------------------------- the workbook

interface Move {
  /** A column's new index; undefined when it goes. */
  column(col: number): number | undefined;
  /** Where something anchored in a column goes (a chart's corner): a deleted column's anchor lands where it was. */
  anchor(col: number): number;
  rect(r: Rect): Rect | undefined;
  /** A formula on `home` (undefined for a name) after the move. */
  formula(formula: string, home: string | undefined): string;
}

function isBlank(c: MemoryCell): boolean {
  return c.value === "" && c.formula === undefined && !c.quotePrefix && c.numberFormat === "General" && Object.keys(c.format).length === 0;
}

/**
 * Inserts `count` empty columns before column `at` of `sheet`. The new cells take the formats of the column on
 * their left, and the new columns its width (Excel's "format same as left"). Throws OffSheetError, changing nothing,
 * when a cell that is not blank (a value, a formula or a format) or a merged area would be pushed past column XFD.
 */
export function insertColumns(state: MemoryState, sheet: MemorySheet, at: number, count: number): void {
  const ins: ColumnInsert = { sheet: sheet.name, at, count };
  const limit = LAST_COLUMN - count; // a column right of this is pushed off the sheet
  for (const [r, row] of sheet.rows)
    for (const [col, cell] of row) if (col >= at && col > limit && !isBlank(cell)) throw new OffSheetError(cellAddress(r, col));
  for (const m of sheet.merges) if (!wholeRows(m) && m.right >= at && m.right > limit) throw new OffSheetError(rangeAddress(m));

  const leftCol = at - 1;
  const width = sheet.columnWidths.get(leftCol);
  moveColumns(state, sheet, {
    column: (c) => {
      const moved = shiftColumn(c, ins);
      return moved > LAST_COLUMN ? undefined : moved;
    },
    anchor: (c) => Math.min(LAST_COLUMN, shiftColumn(c, ins)),
    rect: (r) => insertRect(r, ins),
    formula: (f, home) => shiftFormula(f, home, ins),
  });
  // Format same as left: each row's new cells look like the cell left of them; the new columns are as wide.
  if (leftCol >= 0) {
    for (const row of sheet.rows.values()) {
      const from = row.get(leftCol);
      if (!from || (from.numberFormat === "General" && Object.keys(from.format).length === 0)) continue;
      for (let c = at; c < at + count; c++) row.set(c, { value: "", numberFormat: from.numberFormat, format: { ...from.format } });
    }
    if (width !== undefined) for (let c = at; c < at + count; c++) sheet.columnWidths.set(c, width);
  }
}

/** Deletes `count` whole columns from column `at` of `sheet`: what was right of them moves left. */
export function deleteColumns(state: MemoryState, sheet: MemorySheet, at: number, count: number): void {
  const del: ColumnDelete = { sheet: sheet.name, at, count };
  moveColumns(state, sheet, {
    column: (c) => deleteColumn(c, del),
    anchor: (c) => deleteColumn(c, del) ?? at,
    rect: (r) => deleteRect(r, del),
    formula: (f, home) => deleteColumnsInFormula(f, home, del),
  });
}

function moveColumns(state: MemoryState, sheet: MemorySheet, move: Move): void {
  // Cells of the sheet move; formulas everywhere follow them.
  for (const row of sheet.rows.values()) {
    const cells = [...row];
    row.clear();
    for (const [col, cell] of cells) {
      const to = move.column(col);
      if (to !== undefined) row.set(to, cell);
    }
  }
  for (const s of state.sheets) {
    for (const row of s.rows.values()) {
      for (const cell of row.values()) {
        if (cell.formula === undefined) continue;
        const f = move.formula(cell.formula, s.name);
        if (f === cell.formula) continue;
        cell.formula = f;
        // No calculation here, but a reference that lost its cells shows as Excel shows it.
        if (f.includes("#REF!")) cell.value = "#REF!";
      }
    }
  }

  const remap = <T>(map: Map<number, T>) => {
    const entries = [...map];
    map.clear();
    for (const [col, v] of entries) {
      const to = move.column(col);
      if (to !== undefined) map.set(to, v);
    }
  };
  remap(sheet.columnWidths);
  const hidden = new Map([...sheet.hiddenColumns].map((c) => [c, true]));
  remap(hidden);
  sheet.hiddenColumns.clear();
  for (const c of hidden.keys()) sheet.hiddenColumns.add(c);

  // A merged area cut down to one cell is no longer merged.
  const merges = sheet.merges.map(move.rect).filter((m): m is Rect => m !== undefined && (m.left !== m.right || m.top !== m.bottom));
  sheet.merges.splice(0, sheet.merges.length, ...merges);

  sheet.conditionalFormats = sheet.conditionalFormats.flatMap((cf) => {
    const ranges = cf.ranges.map(move.rect).filter((r): r is Rect => r !== undefined);
    return ranges.length === 0 ? [] : [{ ...cf, ranges }];
  });
  sheet.validations = sheet.validations.flatMap((v) => {
    const range = move.rect(v.range);
    return range ? [{ ...v, range }] : [];
  });
  for (const s of state.sheets) {
    for (const cf of s.conditionalFormats) moveRuleFormulas(cf.rule, (f) => move.formula(f, s.name));
    for (const v of s.validations) {
      const list = v.rule?.list;
      if (list && list.source.startsWith("=")) list.source = move.formula(list.source, s.name);
    }
    for (const chart of s.charts) {
      for (const series of chart.series) {
        if (series.values) series.values = moveSheetRange(series.values, sheet.name, move);
        if (series.xValues) series.xValues = moveSheetRange(series.xValues, sheet.name, move);
      }
      // Charts on the sheet move (and size) with their cells, as Excel places them by default.
      if (s === sheet && chart.position) {
        const anchor = (a: string) => {
          const ref = parseRef(`X!${a}`);
          return ref ? cellAddress(ref.rect.top, move.anchor(ref.rect.left)) : a;
        };
        chart.position = { from: anchor(chart.position.from), to: chart.position.to === undefined ? undefined : anchor(chart.position.to) };
      }
    }
  }

  for (const n of state.names) n.formula = move.formula(n.formula, undefined);
  const sel = state.selection;
  if (sel && sameSheet(sel.sheet, sheet.name)) {
    const ref = parseRef(`X!${sel.address}`);
    const moved = ref && move.rect(ref.rect);
    if (moved) state.selection = { sheet: sel.sheet, address: rangeAddress(moved) };
  }
}

function moveRuleFormulas(rule: CfRule, fn: (formula: string) => string): void {
  if (rule.type === "CellValue") {
    if (rule.formula1 !== undefined) rule.formula1 = fn(rule.formula1);
  } else if (rule.type === "DataBar") {
    for (const bound of [rule.lower, rule.upper]) if (bound?.formula !== undefined) bound.formula = fn(bound.formula);
  } else {
    for (const c of rule.criteria ?? []) if (c) c.formula = fn(c.formula);
  }
}

/** A chart's range after the move: "#REF!" once every cell it drew from is gone. */
function moveSheetRange(r: SheetRange, sheet: string, move: Move): SheetRange {
  if (!sameSheet(r.sheet, sheet)) return r;
  const ref = parseRef(`X!${r.range}`);
  if (!ref) return r;
  const moved = move.rect(ref.rect);
  return { sheet: r.sheet, range: moved ? rangeAddress(moved) : "#REF!" };
}
