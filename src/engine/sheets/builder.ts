// Builds one of our sheets row by row, with the styles, rules and helpers every sheet we write shares.
import { dayFromDate, isoDate, parseIsoDate } from "../dates";
import { type CellValue, type Rect, isCellError } from "../grid";
import type { OurSheet } from "../ownership";
import type { CellStyle, CfPlan, ChartPlan, PlanLink, PlanValue, PrintSetup, SheetPlan, ValidationPlan } from "../write-plan";
import { PROGRESS_BAR, STATUS_RULES } from "./styles";
import { flat } from "../memo";
import { LINE_POINTS, displayText, linePoints, mayOverflow, textWidth, wrappedLines } from "./measure";

export class SheetBuilder {
  readonly values: PlanValue[][] = [];
  readonly numberFormats: { range: Rect; format: string }[] = [];
  readonly styles: { range: Rect; style: CellStyle }[] = [];
  readonly cf: CfPlan[] = [];
  readonly validations: ValidationPlan[] = [];
  readonly charts: ChartPlan[] = [];
  private readonly spans: { row: number; left: number; right: number }[] = [];
  private readonly keeps: { top: number; bottom: number }[] = [];

  constructor(readonly name: string) {}

  get row(): number {
    return this.values.length;
  }

  add(cells: PlanValue[], style?: CellStyle): number {
    const r = this.values.length;
    this.values.push(cells);
    if (style && cells.length > 0) this.styles.push({ range: { top: r, left: 0, bottom: r, right: cells.length - 1 }, style });
    return r;
  }

  blank(): void {
    this.values.push([]);
  }

  format(range: Rect, format: string): void {
    this.numberFormats.push({ range, format });
  }

  statusRules(range: Rect): void {
    if (range.bottom >= range.top) this.cf.push({ sheet: this.name, range, rules: STATUS_RULES });
  }

  /** Data bars for 0..1 values. */
  bars(range: Rect): void {
    if (range.bottom >= range.top) this.cf.push({ sheet: this.name, range, rules: [PROGRESS_BAR] });
  }

  arrows(range: Rect): void {
    if (range.bottom >= range.top) this.cf.push({ sheet: this.name, range, rules: [{ kind: "arrows" }] });
  }

  /** Shows the cell at (row, left) across the columns to `right`; -1 runs to the sheet's last column. */
  span(row: number, left: number, right: number): void {
    this.spans.push({ row, left, right });
  }

  /** A row of one text across the sheet's width, wrapped when longer than that. */
  line(text: string, style?: CellStyle): number {
    const r = this.add([text], style);
    this.span(r, 0, -1);
    return r;
  }

  /** Rows that print on one page when they fit on one: a table from its header to its total, with its chart. */
  keep(top: number, bottom: number): void {
    if (bottom >= top) this.keeps.push({ top, bottom });
  }

  /**
   * The sheet as planned. Each column is as wide as its content needs (`min` to `max` characters); a cell longer
   * than its columns wraps and its row grows to match, so nothing we write is cut off by its neighbour. With
   * `keeps`, pages break between tables rather than through them.
   */
  finish(role: OurSheet, layout: Layout): SheetPlan {
    const hidden = layout.hiddenColumns ?? [];
    const lastCol = this.values.reduce((m, r) => Math.max(m, r.length - 1), layout.columns - 1);
    const merges: Rect[] = this.spans.map((s) => ({
      top: s.row,
      bottom: s.row,
      left: s.left,
      right: s.right < 0 ? layout.columns - 1 : s.right,
    }));
    // By row * COLUMN_KEY + column: a number, not a string built per cell; most rows have none.
    const spanned = new Map(merges.map((m) => [m.top * COLUMN_KEY + m.left, m]));
    const spanRows = new Set(merges.map((m) => m.top));
    const formatRows = byRow(
      this.numberFormats.map((f) => ({ range: f.range, value: f.format })),
      this.values.length,
    );
    const styleRows = byRow(
      this.styles.map((s) => ({ range: s.range, value: s.style })),
      this.values.length,
    );
    const isHidden = new Set(hidden);
    const cols = lastCol + 1;
    // What each cell needs across, measured once for both passes below: 0 empty, LATER not measured yet (text in a
    // column already as wide as it may grow, which only the second pass may need to measure).
    const LATER = -1;
    const needs = new Float32Array(this.values.length * cols);
    const content = new Array<number>(cols).fill(0);
    const max = Array.from({ length: cols }, (_, c) => at(layout.max, c) ?? 40);
    // On a long sheet, text sizes its column from a sample of rows: the second pass still finds any longer text and
    // wraps it, so the sample decides widths, never whether something shows.
    const every = Math.max(1, Math.floor(this.values.length / WIDTH_SAMPLE));
    for (let r = 0; r < this.values.length; r++) {
      const row = this.values[r] as PlanValue[];
      // The entries touching this row, looked up once for all its cells.
      const fs = formatRows.get(r);
      const ss = styleRows.get(r);
      const spans = spanRows.has(r);
      for (let c = 0; c < row.length; c++) {
        const v = row[c] ?? null;
        if (v === null || isHidden.has(c)) continue;
        const alone = !spans || (spanned.get(r * COLUMN_KEY + c)?.right ?? c) === c;
        if (alone && isText(v) && ((content[c] as number) >= (max[c] as number) || r % every !== 0)) {
          needs[r * cols + c] = LATER;
          continue;
        }
        // One character of padding either side, as Excel leaves.
        const n = textWidth(displayText(v, entryAt(fs, c)), entryAt(ss, c)) + 1;
        needs[r * cols + c] = n;
        // Numbers and dates never wrap (a narrow column shows ####): they widen their column past the cap.
        if (alone) content[c] = Math.max(content[c] as number, isText(v) ? Math.min(n, max[c] as number) : n);
      }
    }
    const widths = content.map((w, c) => Math.ceil(Math.max(at(layout.min, c) ?? 8, w) * 4) / 4);

    // Wrapped cells as runs of rows over the same columns, built as the rows go by (they come in order).
    const wraps = new RowRuns();
    const heights = new Map<number, number>();
    for (let r = 0; r < this.values.length; r++) {
      const row = this.values[r] as PlanValue[];
      const fs = formatRows.get(r);
      const ss = styleRows.get(r);
      const spans = spanRows.has(r);
      let tallest = 0;
      for (let c = 0; c < row.length; c++) {
        const v = row[c] ?? null;
        let n = needs[r * cols + c] as number;
        // A hidden column (the gaps' row keys) shows nothing to cut off, and must not make its row tall.
        if (v === null || n === 0) continue;
        const style = entryAt(ss, c);
        // A number or date in the default type neither wraps nor makes its row taller.
        if (!style?.size && !isText(v)) continue;
        let room = widths[c] ?? 0;
        const right = spans ? (spanned.get(r * COLUMN_KEY + c)?.right ?? c) : c;
        for (let x = c + 1; x <= right; x++) room += widths[x] ?? 0;
        // Text left for later is measured only as far as needed to tell whether it fits.
        if (n === LATER) n = mayOverflow(displayText(v, entryAt(fs, c)), room, style);
        let lines = 1;
        if (n > room && isText(v)) {
          wraps.add(r, c, c);
          lines = wrappedLines(displayText(v, entryAt(fs, c)), room, style);
        }
        tallest = Math.max(tallest, lines * linePoints(style));
      }
      if (tallest > LINE_POINTS) heights.set(r, tallest);
    }
    // A taller row reads from its top: every cell in it aligned there, as wrapped text is. Runs of rows go as one
    // range each, so a long sheet adds a few styles, not one per row.
    for (const r of heights.keys()) {
      const width = this.values[r]?.length ?? 0;
      if (width > 0) wraps.add(r, 0, width - 1);
    }
    for (const range of wraps.rects()) this.styles.push({ range, style: { wrap: true } });
    // In row order already: rows are met top to bottom.
    const rowHeights: { row: number; points: number }[] = [];
    heights.forEach((points, row) => rowHeights.push({ row, points }));
    const print = printSetup(widths, hidden, layout.freezeRows, layout.footer);
    return {
      role,
      name: this.name,
      values: this.values,
      numberFormats: this.numberFormats,
      styles: this.styles,
      columnWidths: widths,
      hiddenColumns: hidden,
      merges: merges.filter((m) => m.right > m.left),
      rowHeights,
      freezeRows: layout.freezeRows,
      tabColor: layout.tabColor,
      print: this.keeps.length > 0 ? paginate(print, widths, hidden, layout.freezeRows, this.keeps, rowHeights, this.charts) : print,
      conditionalFormats: this.cf,
      validations: this.validations,
      charts: this.charts,
    };
  }
}

/** One-row rects joined into runs of consecutive rows over the same columns; rows are added in ascending order. */
class RowRuns {
  private readonly open = new Map<number, { top: number; left: number; bottom: number; right: number }>();
  private readonly done: Rect[] = [];

  add(row: number, left: number, right: number): void {
    const key = left * COLUMN_KEY + right;
    const run = this.open.get(key);
    if (run && row <= run.bottom + 1) run.bottom = Math.max(run.bottom, row);
    else {
      if (run) this.done.push(run);
      this.open.set(key, { top: row, left, bottom: row, right });
    }
  }

  rects(): Rect[] {
    return [...this.done, ...this.open.values()].sort((a, b) => a.top - b.top || a.left - b.left);
  }
}

export interface Layout {
  /** How many columns a line (`line`, a span to -1) runs across. */
  readonly columns: number;
  /** Narrowest and widest a column may be, in characters: one number for every column or one per column. */
  readonly min?: number | readonly number[];
  readonly max?: number | readonly number[];
  readonly tabColor: string;
  readonly freezeRows: number;
  readonly hiddenColumns?: number[];
  /** The printed footer, in Excel's codes. */
  readonly footer: string;
}

const at = (x: number | readonly number[] | undefined, i: number): number | undefined => (typeof x === "number" ? x : x?.[i]);

/** Rows of text a column's width is measured on, at most (spread over the sheet). */
const WIDTH_SAMPLE = 2000;

/** Range-wise entries by the rows they touch. */
function byRow<T>(entries: readonly { range: Rect; value: T }[], rows: number): Map<number, { range: Rect; value: T }[]> {
  const out = new Map<number, { range: Rect; value: T }[]>();
  for (const e of entries)
    for (let r = e.range.top; r <= Math.min(e.range.bottom, rows - 1); r++) {
      const list = out.get(r);
      if (list) list.push(e);
      else out.set(r, [e]);
    }
  return out;
}

/** The value of a row's entries at a column, later entries winning (a style's wrap added to its look). */
function entryAt<T>(list: readonly { range: Rect; value: T }[] | undefined, c: number): T | undefined {
  if (list === undefined) return undefined;
  let out: T | undefined;
  for (const e of list)
    if (c >= e.range.left && c <= e.range.right) out = out && typeof out === "object" ? { ...out, ...e.value } : e.value;
  return out;
}

/** More columns than a sheet has (16,384): row * COLUMN_KEY + column names a cell by one number. */
const COLUMN_KEY = 16384;

/** Text that can wrap: a string or a link's text (numbers and dates cannot). */
const isText = (v: PlanValue): boolean => typeof v === "string" || (v !== null && typeof v === "object" && "sheet" in v);

/** Pixels (at 96 per inch) across a page's printable width, Letter and A4 alike with 0.7" side margins. */
const PAGE_PIXELS = { portrait: 681, landscape: 921 } as const;
/** Points of a page's printable height (Letter and A4 alike, 0.75" margins), portrait and landscape. */
const PAGE_POINTS = { portrait: 680, landscape: 480 } as const;

/** The footer of a sheet that spans evaluations (the history, the log): when it was printed rather than an as-of date. */
export const PRINTED_FOOTER = "&A · printed &D · page &P of &N";

/** The footer of a sheet about one evaluation: its name, the as-of date and the page. */
export function footer(asOf: string): string {
  return `&A · as of ${asOf} · page &P of &N`;
}

/**
 * How a sheet of these column widths prints: landscape when wider than a portrait page; the top rows repeated (on
 * KPA Summary and KPA Gaps they say the as-of date, so every page does); the footer given.
 */
export function printSetup(widths: readonly number[], hidden: readonly number[], titleRows: number, foot: string): PrintSetup {
  const wide = shownPixels(widths, hidden) > PAGE_PIXELS.portrait;
  return {
    orientation: wide ? "landscape" : "portrait",
    titleRows: titleRows > 0 ? { top: 0, bottom: titleRows - 1 } : undefined,
    footer: foot,
  };
}

/** A column is 7 px a character and 5 px of padding, as Excel draws the default font. */
function shownPixels(widths: readonly number[], hidden: readonly number[]): number {
  return widths.reduce((sum, w, i) => sum + (hidden.includes(i) ? 0 : w * 7 + 5), 0);
}

/**
 * Page breaks that keep each block whole: a block that would cross the foot of a page starts the next one, unless
 * it is taller than a page. Rows are counted at their planned heights, charts by the rows they cover, and the zoom
 * is fixed at what fits the width, since breaks count only at a known zoom.
 */
function paginate(
  print: PrintSetup,
  widths: readonly number[],
  hidden: readonly number[],
  titleRows: number,
  keeps: readonly { top: number; bottom: number }[],
  rowHeights: readonly { row: number; points: number }[],
  charts: readonly ChartPlan[],
): PrintSetup {
  // A point under what fits, for the clients' rounding.
  const fit = Math.floor((100 * PAGE_PIXELS[print.orientation]) / Math.max(1, shownPixels(widths, hidden))) - 1;
  const scale = Math.max(10, Math.min(100, fit));
  const tall = new Map(rowHeights.map((h) => [h.row, h.points]));
  const pointsOf = (r: number) => tall.get(r) ?? LINE_POINTS;
  let titles = 0;
  for (let r = 0; r < titleRows; r++) titles += pointsOf(r);
  const page = (PAGE_POINTS[print.orientation] * 100) / scale - titles;
  // A block reaches down to the last row of any chart that starts within it.
  const blocks = keeps.map((k) => {
    let bottom = k.bottom;
    for (const c of charts) if (c.from.row >= k.top && c.from.row <= k.bottom) bottom = Math.max(bottom, c.to.row);
    return { top: k.top, bottom };
  });
  const starts = new Map<number, number>();
  for (const b of blocks) starts.set(b.top, Math.max(starts.get(b.top) ?? b.top, b.bottom));
  const breaks: number[] = [];
  let used = 0;
  const last = blocks.reduce((m, b) => Math.max(m, b.bottom), 0);
  for (let r = titleRows; r <= last; r++) {
    const end = starts.get(r);
    if (end !== undefined && used > 0) {
      let h = 0;
      for (let x = r; x <= end; x++) h += pointsOf(x);
      if (used + h > page && h <= page) {
        breaks.push(r);
        used = 0;
      }
    }
    used += pointsOf(r);
    if (used > page) used = pointsOf(r);
  }
  return { ...print, scale, rowBreaks: breaks };
}

export function link(r: { sheet: string; cell: string }, text = `${r.sheet}!${r.cell}`): PlanLink {
  return { text: flat(text), sheet: r.sheet, cell: r.cell };
}

/** An ISO date as a date cell; anything else as the text it is. */
export function dateValue(iso: string): PlanValue {
  const d = parseIsoDate(iso);
  return d === undefined ? iso : { date: isoDate(d) };
}

export function round4(n: number): number {
  return Math.round(n * 10000) / 10000;
}

/** A value read from a cell, written back unchanged. */
export function cellToPlanValue(v: CellValue): PlanValue {
  if (v instanceof Date) return { date: isoDate(dayFromDate(v)) };
  if (isCellError(v)) return v.error;
  return v;
}
