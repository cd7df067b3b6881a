// The state behind the in-memory Excel: sheets of cells, names, rules. Plain data, mutated only when a batch syncs.
import { type Rect, dayFromYMD, serialFromDay } from "../../engine";

export interface CellFormat {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
  fill?: string;
  wrap?: boolean;
  verticalAlignment?: string;
}

export interface MemoryCell {
  /** What `values` reads: number, string, boolean, or an error text such as "#N/A". */
  value: string | number | boolean;
  /** Set when the cell holds a formula; `formulas` reads it, `values` reads `value`. */
  formula?: string;
  numberFormat: string;
  format: CellFormat;
  /** The cell was typed as text with a leading apostrophe. */
  quotePrefix?: boolean;
}

export interface IconCriterion {
  type: string;
  operator: string;
  formula: string;
}

export type CfRule =
  | { type: "CellValue"; operator?: string; formula1?: string; fill?: string; font?: string }
  | {
      type: "DataBar";
      fillColor?: string;
      gradientFill?: boolean;
      lower?: { type: string; formula?: string };
      upper?: { type: string; formula?: string };
    }
  /** Criteria as Excel keeps them: the first (lowest icon) has none, so it is null. */
  | { type: "IconSet"; style?: string; criteria?: (IconCriterion | null)[]; showIconOnly?: boolean; reverseIconOrder?: boolean };

export interface MemoryConditionalFormat {
  readonly id: number;
  ranges: Rect[];
  rule: CfRule;
}

/** A range on a sheet, as a chart series refers to it. */
export interface SheetRange {
  sheet: string;
  /** A1, e.g. "B12:B18". */
  range: string;
}

export interface MemoryChartSeries {
  name: string;
  /** Undefined for a series added empty, until its values are set. */
  values?: SheetRange;
  /** Category (x-axis) values; undefined until set. */
  xValues?: SheetRange;
  /** One entry per point: its solid fill, or null while Excel picks the colour. */
  pointFills: (string | null)[];
}

export interface MemoryChart {
  readonly id: number;
  name: string;
  /** Excel.ChartType, e.g. "Pie", "LineMarkers". */
  type: string;
  title: string;
  legendVisible: boolean;
  /** The value axis's number format, when set. */
  valueAxisFormat?: string;
  series: MemoryChartSeries[];
  /** The cells it covers, once placed with setPosition: A1 addresses. */
  position?: { from: string; to?: string };
}

export interface MemoryValidation {
  range: Rect;
  /** As set through DataValidation.rule: one kind, e.g. { list: { inCellDropDown, source } }. */
  rule?: { list?: { inCellDropDown: boolean; source: string } };
  prompt?: { message: string; showPrompt: boolean; title: string };
}

export interface MemorySheet {
  readonly id: number;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  protected: boolean;
  tabColor: string;
  freezeRows: number;
  /** Page layout (ExcelApi 1.9): what prints and how. */
  readonly print: MemoryPrint;
  /** Row → column → cell. */
  readonly rows: Map<number, Map<number, MemoryCell>>;
  /** Column → width in points. */
  readonly columnWidths: Map<number, number>;
  readonly hiddenColumns: Set<number>;
  readonly merges: Rect[];
  /** Row → height in points, for rows set to a height. */
  readonly rowHeights: Map<number, number>;
  conditionalFormats: MemoryConditionalFormat[];
  /** Charts in creation order. */
  charts: MemoryChart[];
  /** Data validation, one entry per rectangle. */
  validations: MemoryValidation[];
}

export interface MemoryPrint {
  orientation: "Portrait" | "Landscape";
  zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  /** 0-based rows a manual page break comes before (Worksheet.horizontalPageBreaks, ExcelApi 1.9). */
  rowBreaks: number[];
  /** "$1:$2" when rows repeat at the top of each page. */
  titleRows: string | undefined;
  centerFooter: string;
}

export interface MemoryName {
  name: string;
  /** "=Sheet1!$A$1:$B$2". */
  formula: string;
}

export const DEFAULT_COLUMN_WIDTH = 48;

export class MemoryState {
  readonly sheets: MemorySheet[] = [];
  readonly names: MemoryName[] = [];
  workbookProtected = false;
  /** A cell is being edited: Excel refuses every batch until the user leaves the cell. */
  cellEditMode = false;
  selection: { sheet: string; address: string } | undefined;
  private nextId = 1;

  addSheet(name: string): MemorySheet {
    const sheet: MemorySheet = {
      id: this.nextId++,
      name,
      visibility: "Visible",
      protected: false,
      tabColor: "",
      freezeRows: 0,
      print: { orientation: "Portrait", zoom: { scale: 100 }, rowBreaks: [], titleRows: undefined, centerFooter: "" },
      rows: new Map(),
      columnWidths: new Map(),
      hiddenColumns: new Set(),
      merges: [],
      rowHeights: new Map(),
      conditionalFormats: [],
      charts: [],
      validations: [],
    };
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): MemorySheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  newId(): number {
    return this.nextId++;
  }
}

export function getCell(s: MemorySheet, r: number, c: number): MemoryCell | undefined {
  return s.rows.get(r)?.get(c);
}

export function cellFor(s: MemorySheet, r: number, c: number): MemoryCell {
  let row = s.rows.get(r);
  if (!row) s.rows.set(r, (row = new Map()));
  let cell = row.get(c);
  if (!cell) row.set(c, (cell = { value: "", numberFormat: "General", format: {} }));
  return cell;
}

export function isEmptyCell(c: MemoryCell | undefined): boolean {
  return !c || (c.value === "" && c.formula === undefined);
}

/** The bounding box of the non-empty cells (values only), inside `within` when given; undefined when there are none. */
export function usedRect(s: MemorySheet, valuesOnly: boolean, within?: Rect): Rect | undefined {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const [r, row] of s.rows) {
    if (within && (r < within.top || r > within.bottom)) continue;
    for (const [c, cell] of row) {
      if (within && (c < within.left || c > within.right)) continue;
      const counts = valuesOnly
        ? !isEmptyCell(cell)
        : !isEmptyCell(cell) || cell.numberFormat !== "General" || Object.keys(cell.format).length > 0;
      if (!counts) continue;
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
      left = Math.min(left, c);
      right = Math.max(right, c);
    }
  }
  return bottom < 0 ? undefined : { top, left, bottom, right };
}

// A mantissa is required: "E11" (a cell address, say) is text, "1E5" and ".5" are numbers.
const NUMBER = /^\s*[-+]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?\s*$/i;
const PERCENT = /^\s*([-+]?\d+(?:\.\d+)?)\s*%\s*$/;
const CURRENCY = /^\s*\$\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*$/;
const SLASH_DATE = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/;
const ISO_DATE = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/;

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const MONTH_DAY_YEAR = /^\s*([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})\s*$/i;
const MONTH_DAY = /^\s*([a-z]+)\.?\s+(\d{1,2})\s*$/i;
const MONTH_YEAR = /^\s*([a-z]+)[-\s](\d{4})\s*$/i;

/** 1-12 for a month's full name or three-letter abbreviation ("Sept" too), else undefined. */
function monthOf(word: string): number | undefined {
  const w = word.toLowerCase();
  const i = MONTHS.findIndex((m) => w === m || w === m.slice(0, 3) || (m === "september" && w === "sept"));
  return i < 0 ? undefined : i + 1;
}

/** Dates with a month name, which en-US Excel recognizes as typed: "June 30, 2050", "Jan 5" (this year), "Mar-2051". */
function namedMonthDate(text: string): { value: number; numberFormat: string } | undefined {
  const date = (y: number, m: number | undefined, d: number) =>
    m !== undefined && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate() ? serialFromDay(dayFromYMD(y, m, d)) : undefined;
  let m = MONTH_DAY_YEAR.exec(text);
  if (m) {
    const v = date(Number(m[3]), monthOf(m[1] as string), Number(m[2]));
    return v === undefined ? undefined : { value: v, numberFormat: "d-mmm-yy" };
  }
  m = MONTH_DAY.exec(text);
  if (m) {
    const v = date(new Date().getUTCFullYear(), monthOf(m[1] as string), Number(m[2]));
    return v === undefined ? undefined : { value: v, numberFormat: "d-mmm" };
  }
  m = MONTH_YEAR.exec(text);
  if (m) {
    const v = date(Number(m[2]), monthOf(m[1] as string), 1);
    return v === undefined ? undefined : { value: v, numberFormat: "mmm-yy" };
  }
  return undefined;
}

/**
 * What Excel stores when a string is written through `Range.values`, as an en-US Excel does:
 * "=…" and non-numeric "+…"/"-…" become formulas, numeric-looking text and dates with a month name become
 * a number or date, and a leading apostrophe forces text.
 */
export function coerceTyped(text: string): {
  value: string | number | boolean;
  formula?: string;
  numberFormat?: string;
  quotePrefix?: boolean;
} {
  if (text.startsWith("'")) return { value: text.slice(1), quotePrefix: true };
  if (text === "") return { value: "" };
  if (/^(true|false)$/i.test(text.trim())) return { value: text.trim().toLowerCase() === "true" };
  if (NUMBER.test(text) && /\d/.test(text)) return { value: Number(text.replace(/,/g, "")) };
  const pct = PERCENT.exec(text);
  if (pct) return { value: Number(pct[1]) / 100, numberFormat: "0%" };
  const cur = CURRENCY.exec(text);
  if (cur) return { value: Number(`${(cur[1] as string).replace(/,/g, "")}${cur[2] ?? ""}`), numberFormat: "$#,##0.00" };
  const us = SLASH_DATE.exec(text);
  if (us) return { value: serialFromDay(dayFromYMD(Number(us[3]), Number(us[1]), Number(us[2]))), numberFormat: "m/d/yyyy" };
  const iso = ISO_DATE.exec(text);
  if (iso) return { value: serialFromDay(dayFromYMD(Number(iso[1]), Number(iso[2]), Number(iso[3]))), numberFormat: "yyyy-mm-dd" };
  const named = namedMonthDate(text);
  if (named) return named;
  if (text.startsWith("=")) return { value: evaluateFormula(text), formula: text };
  if (text.startsWith("+") || text.startsWith("-")) return { value: evaluateFormula(`=${text}`), formula: `=${text}` };
  return { value: text };
}

/**
 * Just enough of a calculator for what KPA Tracker writes and what a user's text could turn into: HYPERLINK
 * shows its text, arithmetic on numbers (=1+1, =-3*2) gives its result, as Excel would; the rest is unknown.
 */
export function evaluateFormula(formula: string): string | number | boolean {
  const link = /^=HYPERLINK\("((?:[^"]|"")*)"\s*,\s*"((?:[^"]|"")*)"\)$/i.exec(formula);
  if (link) return (link[2] as string).replace(/""/g, '"');
  return arithmetic(formula.slice(1)) ?? "#NAME?";
}

/** Numbers, + - * / ^ and parentheses; undefined for anything else. */
function arithmetic(text: string): number | string | undefined {
  const tokens = text.match(/\d+(?:\.\d+)?(?:e[-+]?\d+)?|[-+*/^()]|\S/gi) ?? [];
  let at = 0;
  let failed = false;
  const peek = () => tokens[at];
  const primary = (): number => {
    const t = tokens[at++];
    if (t === "-") return -primary();
    if (t === "+") return primary();
    if (t === "(") {
      const v = sum();
      if (tokens[at++] !== ")") failed = true;
      return v;
    }
    if (t !== undefined && /^\d/.test(t)) return Number(t);
    failed = true;
    return NaN;
  };
  const power = (): number => {
    const base = primary();
    return peek() === "^" ? (at++, base ** power()) : base;
  };
  const product = (): number => {
    let v = power();
    while (peek() === "*" || peek() === "/") v = tokens[at++] === "*" ? v * power() : v / power();
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (peek() === "+" || peek() === "-") v = tokens[at++] === "+" ? v + product() : v - product();
    return v;
  };
  if (tokens.length === 0) return undefined;
  const v = sum();
  if (failed || at !== tokens.length) return undefined;
  return Number.isFinite(v) ? v : "#DIV/0!";
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

export function intersection(a: Rect, b: Rect): Rect | undefined {
  if (!intersects(a, b)) return undefined;
  return {
    top: Math.max(a.top, b.top),
    left: Math.max(a.left, b.left),
    bottom: Math.min(a.bottom, b.bottom),
    right: Math.min(a.right, b.right),
  };
}

/** What is left of `r` once `cut` is taken out: up to four rectangles. */
export function subtract(r: Rect, cut: Rect): Rect[] {
  const i = intersection(r, cut);
  if (!i) return [r];
  const out: Rect[] = [];
  if (r.top < i.top) out.push({ ...r, bottom: i.top - 1 });
  if (i.bottom < r.bottom) out.push({ ...r, top: i.bottom + 1 });
  if (r.left < i.left) out.push({ top: i.top, bottom: i.bottom, left: r.left, right: i.left - 1 });
  if (i.right < r.right) out.push({ top: i.top, bottom: i.bottom, left: i.right + 1, right: r.right });
  return out;
}

export function cloneCell(c: MemoryCell): MemoryCell {
  return { ...c, format: { ...c.format } };
}
