// Applies the engine's write plan through Office.js: queued commands, synced only when the next one would
// push a request past the payload budget, so a typical workbook takes one round trip whatever its row count.
import {
  cellAddress,
  contentDigest,
  quoteSheet,
  rangeAddress,
  type Rect,
  rectInside,
  NAME_PREFIX,
  STYLES,
  type AppendPlan,
  type CellStyle,
  type CfPlan,
  type ChartPlan,
  type PlanValue,
  type PrintSetup,
  type RoomRequest,
  type SheetPlan,
  type ValidationPlan,
  type WritePlan,
} from "../engine";
import { MESSAGES, type SheetAction } from "../app/messages";
import { PortError } from "../app/port";
import type { ReadResult } from "./read";
import { jsonBytes, utf8Bytes } from "./bytes";
import { isPayloadError } from "./errors";
import { insertedEntries } from "./room";
import { CHART_PREFIX, COPY_COLUMN, type SheetLayout, UNDO_SHEET, type UndoEntry, chartName, encodeUndo } from "./undo-sheet";
import { isDatePlanValue, toExcel } from "./values";

/** Request bytes per round trip we aim under; Excel on the web refuses 5 MB. */
export const DEFAULT_BUDGET_BYTES = 4_500_000;
const COMMAND_BYTES = 100;

/**
 * One queued change: `run` queues its Office.js calls (again, on a retry), getting every proxy it uses afresh, so a
 * retry never touches an object from a round trip that failed. A change that can be sent in two parts says how.
 */
export interface Op {
  readonly bytes: number;
  readonly run: () => void;
  /** Two changes that together make this one (half the rows each), when it can be split. */
  readonly split?: () => readonly [Op, Op] | undefined;
  /** The refusal when this change alone is more than Excel accepts. */
  readonly tooLarge?: () => PortError;
}

/**
 * Queues commands and syncs only when the budget would be exceeded, keeping calculation suspended meanwhile. A round
 * trip Excel refuses as too large is sent again in halves (a lone write of many rows, in half the rows), down to a
 * single change that cannot be split: that one is refused with a sentence.
 */
export class Batcher {
  private bytes = 0;
  private ops: Op[] = [];
  syncs = 0;
  /** Round trips sent again in halves after a payload error. */
  retries = 0;
  constructor(
    private readonly context: Excel.RequestContext,
    readonly budget: number,
  ) {}
  /** Bytes a command may still take without starting another round trip. */
  free(): number {
    return this.budget - this.bytes - COMMAND_BYTES;
  }
  /** Queues a change of about `bytes` (run now, and again if its round trip must be retried); may sync what is queued first. */
  async add(bytes: number, run: () => void, more: Pick<Op, "split" | "tooLarge"> = {}): Promise<void> {
    if (this.bytes > 0 && this.bytes + bytes + COMMAND_BYTES > this.budget) await this.flush();
    // Each round trip that writes starts by suspending calculation until it ends.
    if (this.ops.length === 0) this.context.application.suspendApiCalculationUntilNextSync();
    this.bytes += bytes + COMMAND_BYTES;
    this.ops.push({ bytes, run, ...more });
    run();
  }
  async flush(): Promise<void> {
    if (this.ops.length === 0) return;
    const ops = this.ops;
    this.ops = [];
    this.bytes = 0;
    await this.send(ops, false);
  }
  /** Syncs the changes (queued already unless `queue`), halving them while Excel refuses the payload. */
  private async send(ops: readonly Op[], queue: boolean): Promise<void> {
    if (queue) {
      this.context.application.suspendApiCalculationUntilNextSync();
      for (const op of ops) op.run();
    }
    this.syncs++;
    try {
      await this.context.sync();
    } catch (e) {
      if (!isPayloadError(e)) throw e;
      const halves = halve(ops);
      if (!halves) throw ops[0]?.tooLarge?.() ?? new PortError(MESSAGES.changeTooLarge());
      this.retries++;
      for (const h of halves) await this.send(h, true);
    }
  }
}

/** Two halves of a refused round trip: its changes by bytes, or a lone change split in two; undefined when it cannot be. */
function halve(ops: readonly Op[]): readonly [readonly Op[], readonly Op[]] | undefined {
  if (ops.length === 1) {
    const parts = (ops[0] as Op).split?.();
    return parts ? [[parts[0]], [parts[1]]] : undefined;
  }
  const total = ops.reduce((a, op) => a + op.bytes, 0);
  let at = 1;
  for (let bytes = (ops[0] as Op).bytes; at < ops.length - 1 && bytes + (ops[at] as Op).bytes <= total / 2; at++)
    bytes += (ops[at] as Op).bytes;
  return [ops.slice(0, at), ops.slice(at)];
}

/** A sheet by name, its proxy got afresh by each change that writes to it (see Op). */
export interface SheetRef {
  readonly name: string;
  readonly get: () => Excel.Worksheet;
}

export function sheetRef(context: Excel.RequestContext, name: string): SheetRef {
  return { name, get: () => context.workbook.worksheets.getItem(name) };
}

export interface SheetContent {
  readonly values: readonly (readonly PlanValue[])[];
  readonly numberFormats: readonly { readonly range: Rect; readonly format: string }[];
  readonly styles: readonly { readonly range: Rect; readonly style: CellStyle }[];
  readonly columnWidths: readonly number[];
  readonly hiddenColumns?: readonly number[];
  readonly merges?: readonly Rect[];
  readonly rowHeights?: readonly { readonly row: number; readonly points: number }[];
  readonly freezeRows?: number;
  readonly tabColor?: string;
  readonly conditionalFormats?: readonly CfPlan[];
  /** Set only where the host has ExcelApi 1.9 (pageLayout). */
  readonly print?: PrintSetup;
}

/** Excel's standard column width (8.43 characters, 64 px) in points. */
export const STANDARD_WIDTH_POINTS = 48;

/** Excel measures column width in points: a character is about 7 px, plus 5 px of padding. */
export function widthInPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

const DATE_FORMAT = "yyyy-mm-dd";

/**
 * Writes rows of plan values at (top, left) in row chunks, each sized to the room left in the current round trip
 * (at most a third of the budget), so round trips go out nearly full. A null clears its cell, or with `keepNulls`
 * leaves it alone, number format included (Office.js ignores null in Range.values), as rows appended below content want.
 */
export async function queueValues(
  b: Batcher,
  ws: SheetRef,
  top: number,
  left: number,
  rows: readonly (readonly PlanValue[])[],
  formats?: readonly (readonly (string | null)[])[],
  options: { readonly keepNulls?: boolean } = {},
): Promise<void> {
  const width = Math.max(0, ...rows.map((r) => r.length));
  if (width === 0 || rows.length === 0) return;
  const cell = (v: PlanValue | undefined) => (options.keepNulls && (v === null || v === undefined) ? null : toExcel(v ?? null));
  // Each row as sent, with its bytes: values and number formats, as JSON.
  const values = rows.map((r) => Array.from({ length: width }, (_, j) => cell(r[j])));
  // Number formats go along when the plan gives some or a date needs one; null leaves a cell's format alone.
  const withFormats = formats !== undefined || rows.some((r) => r.some(isDatePlanValue));
  const formatOf = (r: readonly PlanValue[], i: number, j: number): string | null => {
    const v = r[j] ?? null;
    if (options.keepNulls && v === null) return null;
    return formats?.[i]?.[j] ?? (isDatePlanValue(v) ? DATE_FORMAT : null);
  };
  const numberFormats = withFormats ? rows.map((r, i) => Array.from({ length: width }, (_, j) => formatOf(r, i, j))) : [];
  // UTF-8 bytes, as Excel counts them: CJK text is three bytes a character.
  const rowBytes = values.map((v, i) => jsonBytes(v) + 1 + (withFormats ? jsonBytes(numberFormats[i]) + 1 : 0));
  const cap = Math.max(1, Math.floor(b.budget / 3));
  const worthFilling = Math.max(1, Math.floor(b.budget / 16));
  let start = 0;
  while (start < rows.length) {
    const free = b.free();
    // Fill what is left of this round trip unless that is a sliver; then the chunk opens the next one.
    const limit = free >= Math.min(cap, Math.max(rowBytes[start] as number, worthFilling)) ? Math.min(cap, free) : cap;
    let end = start;
    let bytes = 0;
    while (end < rows.length && (end === start || bytes + (rowBytes[end] as number) <= limit)) bytes += rowBytes[end++] as number;
    const op = (from: number, to: number): Op => ({
      bytes: rowBytes.slice(from, to).reduce((a, n) => a + n, 0),
      run: () => {
        const range = ws.get().getRangeByIndexes(top + from, left, to - from, width);
        if (withFormats) range.numberFormat = numberFormats.slice(from, to);
        range.values = values.slice(from, to);
      },
      // Refused as too large: half the rows, then half again, down to one row.
      split: () => (to - from > 1 ? [op(from, from + Math.floor((to - from) / 2)), op(from + Math.floor((to - from) / 2), to)] : undefined),
      tooLarge: () =>
        new PortError(MESSAGES.rowTooLargeToWrite({ sheet: ws.name, row: top + from + 1 }), {
          sheet: ws.name,
          cell: cellAddress(top + from, left),
        }),
    });
    const chunk = op(start, end);
    await b.add(bytes, chunk.run, chunk);
    start = end;
  }
}

export async function queueRules(b: Batcher, ws: SheetRef, cf: CfPlan): Promise<void> {
  for (const rule of cf.rules) await b.add(200, () => queueRule(ws.get().getRange(rangeAddress(cf.range)), rule));
}

function queueRule(range: Excel.Range, rule: CfPlan["rules"][number]): void {
  if (rule.kind === "equals") {
    const f = range.conditionalFormats.add("CellValue" as Excel.ConditionalFormatType);
    f.cellValue.format.fill.color = rule.fill;
    f.cellValue.format.font.color = rule.font;
    f.cellValue.rule = { formula1: `="${rule.text.replace(/"/g, '""')}"`, operator: "EqualTo" };
  } else if (rule.kind === "dataBar") {
    const f = range.conditionalFormats.add("DataBar" as Excel.ConditionalFormatType);
    f.dataBar.positiveFormat.fillColor = rule.color;
    f.dataBar.positiveFormat.gradientFill = false;
    f.dataBar.lowerBoundRule = { type: "Number", formula: "0" };
    f.dataBar.upperBoundRule = { type: "Number", formula: "1" };
  } else {
    // −1 down, 0 sideways, 1 up: the same thresholds as the .xlsx path (icon 2 from 0, icon 3 from 1).
    const f = range.conditionalFormats.add("IconSet" as Excel.ConditionalFormatType);
    f.iconSet.style = "ThreeArrows" as Excel.IconSet;
    f.iconSet.criteria = [
      {} as Excel.ConditionalIconCriterion, // the lowest icon takes what the others leave; Excel ignores its criterion
      { type: "Number", operator: "GreaterThanOrEqual", formula: "=0" } as Excel.ConditionalIconCriterion,
      { type: "Number", operator: "GreaterThanOrEqual", formula: "=1" } as Excel.ConditionalIconCriterion,
    ];
  }
}

const CHART_TYPES: Record<ChartPlan["kind"], string> = { pie: "Pie", line: "LineMarkers", bar: "BarClustered" };

/** Draws one of the plan's charts on its sheet, named so the next evaluation (or undo) can find it. ExcelApi 1.7. */
export async function queueChart(b: Batcher, ws: SheetRef, chart: ChartPlan, name: string): Promise<void> {
  const first = chart.series[0];
  if (!first) return;
  const points = chart.series.reduce((a, s) => a + (s.pointColors?.length ?? 0), 0);
  await b.add(jsonBytes(chart) + (8 + chart.series.length * 4 + points) * 60, () => drawChart(ws.get(), chart, first, name));
}

function drawChart(ws: Excel.Worksheet, chart: ChartPlan, first: ChartPlan["series"][number], name: string): void {
  const range = (r: Rect) => ws.getRange(rangeAddress(r));
  const c = ws.charts.add(CHART_TYPES[chart.kind] as Excel.ChartType, range(first.values), "Columns" as Excel.ChartSeriesBy);
  c.name = name;
  c.title.text = chart.title;
  chart.series.forEach((s, i) => {
    const series = i === 0 ? c.series.getItemAt(0) : c.series.add(s.name);
    series.setValues(range(s.values));
    series.setXAxisValues(range(s.categories));
    series.name = s.name;
    s.pointColors?.forEach((color, j) => series.points.getItemAt(j).format.fill.setSolidColor(color));
    if (s.numberFormat && chart.kind !== "pie") c.axes.valueAxis.numberFormat = s.numberFormat;
  });
  // One line: its title already names it.
  if (chart.kind !== "pie" && chart.series.length === 1) c.legend.visible = false;
  c.setPosition(cellAddress(chart.from.row, chart.from.col), cellAddress(chart.to.row, chart.to.col));
}

/** A drop-down list on cells people fill in, replacing whatever validation they had. ExcelApi 1.8. */
export async function queueValidation(b: Batcher, ws: SheetRef, v: ValidationPlan): Promise<void> {
  const source = v.list.join(",");
  await b.add(utf8Bytes(source) + utf8Bytes(v.prompt ?? "") + 200, () => {
    const dv = ws.get().getRange(rangeAddress(v.range)).dataValidation;
    dv.clear();
    dv.rule = { list: { inCellDropDown: true, source } };
    // Excel shows at most 255 characters of a prompt.
    if (v.prompt) dv.prompt = { showPrompt: true, message: v.prompt.slice(0, 255), title: "" };
  });
}

function queueStyle(range: Excel.Range, s: CellStyle): void {
  if (s.bold !== undefined) range.format.font.bold = s.bold;
  if (s.italic !== undefined) range.format.font.italic = s.italic;
  if (s.size !== undefined) range.format.font.size = s.size;
  if (s.font !== undefined) range.format.font.color = s.font;
  if (s.fill !== undefined) range.format.fill.color = s.fill;
  if (s.wrap) {
    range.format.wrapText = true;
    range.format.verticalAlignment = "Top";
  }
}

/** Fills a sheet from a layout: values, formats, styles, widths, frozen rows, tab colour and rules. */
export async function queueSheetContent(b: Batcher, ws: SheetRef, p: SheetContent): Promise<void> {
  const tabColor = p.tabColor;
  if (tabColor) await b.add(20, () => void (ws.get().tabColor = tabColor));
  await queueValues(b, ws, 0, 0, p.values);
  for (const f of p.numberFormats) {
    const h = f.range.bottom - f.range.top + 1;
    const w = f.range.right - f.range.left + 1;
    await queueFormats(
      b,
      ws,
      f.range,
      Array.from({ length: h }, () => Array.from({ length: w }, () => f.format)),
    );
  }
  for (const s of p.styles) await b.add(300, () => queueStyle(ws.get().getRange(rangeAddress(s.range)), s.style));
  await queueWidths(b, ws, p.columnWidths);
  for (const c of p.hiddenColumns ?? [])
    await b.add(60, () => void (ws.get().getRangeByIndexes(0, c, 1, 1).getEntireColumn().columnHidden = true));
  // Row merges over the same columns in consecutive rows go as one call that merges each row (across).
  for (const m of mergeRuns(p.merges ?? [])) await b.add(60, () => ws.get().getRange(rangeAddress(m)).merge(true));
  // Excel grows a row to its wrapped text and larger type by itself, but never for a merged cell: those rows get the
  // plan's height, runs of equal heights in one call.
  await queueHeights(b, ws, heightRuns(mergedRowHeights(p)));
  const freezeRows = p.freezeRows;
  if (freezeRows) await b.add(20, () => ws.get().freezePanes.freezeRows(freezeRows));
  for (const cf of p.conditionalFormats ?? []) await queueRules(b, ws, cf);
  if (p.print) await queuePrint(b, ws, p.print);
}

/** What the undo record keeps of a sheet's layout: its print setup, widths and the heights the adapter sets. */
function keptLayout(p: SheetPlan, print: boolean): SheetLayout {
  return { ...(print ? { print: p.print } : {}), widths: p.columnWidths, heights: heightRuns(mergedRowHeights(p)) };
}

/** The planned row heights Excel does not find by itself: rows with a merged cell (it never fits those). */
function mergedRowHeights(p: Pick<SheetContent, "merges" | "rowHeights">): { row: number; points: number }[] {
  const merged = new Set((p.merges ?? []).map((m) => m.top));
  return (p.rowHeights ?? []).filter((h) => merged.has(h.row));
}

/** Puts back a layout of one of our sheets: heights first (the standard one elsewhere), then the print setup. */
export async function queueLayout(b: Batcher, ws: SheetRef, layout: SheetLayout): Promise<void> {
  await b.add(80, () => void (ws.get().getRange().format.useStandardHeight = true));
  await queueHeights(b, ws, layout.heights);
  await queueWidths(b, ws, layout.widths);
  if (layout.print) {
    await b.add(20, () => ws.get().horizontalPageBreaks.removePageBreaks());
    await queuePrint(b, ws, layout.print);
  }
}

/** Column widths from column A, in characters. */
async function queueWidths(b: Batcher, ws: SheetRef, widths: readonly number[]): Promise<void> {
  for (const [i, chars] of widths.entries())
    await b.add(60, () => void (ws.get().getRangeByIndexes(0, i, 1, 1).getEntireColumn().format.columnWidth = widthInPoints(chars)));
}

/** Runs of rows set to a height, one call each. */
async function queueHeights(b: Batcher, ws: SheetRef, runs: readonly { top: number; bottom: number; points: number }[]): Promise<void> {
  for (const run of runs)
    await b.add(60, () => void (ws.get().getRangeByIndexes(run.top, 0, run.bottom - run.top + 1, 1).format.rowHeight = run.points));
}

/** Row heights as runs of consecutive rows of the same height. */
function heightRuns(heights: readonly { row: number; points: number }[]): { top: number; bottom: number; points: number }[] {
  const out: { top: number; bottom: number; points: number }[] = [];
  for (const h of [...heights].sort((a, b) => a.row - b.row)) {
    const last = out[out.length - 1];
    if (last && last.points === h.points && last.bottom + 1 === h.row) last.bottom = h.row;
    else out.push({ top: h.row, bottom: h.row, points: h.points });
  }
  return out;
}

/** One-row merges as rects of consecutive rows with the same columns, each to be merged row by row. */
function mergeRuns(merges: readonly Rect[]): Rect[] {
  const out: { top: number; left: number; bottom: number; right: number }[] = [];
  for (const m of [...merges].sort((a, b) => a.left - b.left || a.right - b.right || a.top - b.top)) {
    const last = out[out.length - 1];
    if (last && m.top === m.bottom && last.left === m.left && last.right === m.right && last.bottom + 1 === m.top) last.bottom = m.bottom;
    else out.push({ ...m });
  }
  return out;
}

/** One page wide, as many tall as it takes; the title rows on every page; our footer in the middle. */
async function queuePrint(b: Batcher, ws: SheetRef, print: PrintSetup): Promise<void> {
  await b.add(200 + utf8Bytes(print.footer), () => {
    const layout = ws.get().pageLayout;
    layout.orientation = print.orientation === "landscape" ? "Landscape" : "Portrait";
    // Only the width: the pages run as long as the sheet does (office-js#1860 sets it the same way). A sheet that
    // breaks its own pages gets a fixed zoom instead, since Excel ignores manual breaks under fit-to-page.
    layout.zoom = print.scale ? { scale: print.scale } : { horizontalFitToPages: 1 };
  });
  for (const row of print.rowBreaks ?? [])
    await b.add(60, () => ws.get().horizontalPageBreaks.add(ws.get().getRangeByIndexes(row, 0, 1, 1)));
  await b.add(100 + utf8Bytes(print.footer), () => {
    const layout = ws.get().pageLayout;
    if (print.titleRows) layout.setPrintTitleRows(`$${print.titleRows.top + 1}:$${print.titleRows.bottom + 1}`);
    layout.headersFooters.defaultForAllPages.centerFooter = print.footer;
  });
}

async function queueFormats(b: Batcher, ws: SheetRef, r: Rect, formats: string[][]): Promise<void> {
  const chunk = Math.max(1, Math.floor(b.budget / 3 / Math.max(1, jsonBytes(formats[0]))));
  const op = (from: number, to: number): Op => ({
    bytes: jsonBytes(formats.slice(from, to)),
    run: () =>
      void (ws.get().getRangeByIndexes(r.top + from, r.left, to - from, r.right - r.left + 1).numberFormat = formats.slice(from, to)),
    split: () => (to - from > 1 ? [op(from, from + Math.floor((to - from) / 2)), op(from + Math.floor((to - from) / 2), to)] : undefined),
  });
  for (let i = 0; i < formats.length; i += chunk) {
    const part = op(i, Math.min(formats.length, i + chunk));
    await b.add(part.bytes, part.run, part);
  }
}

/**
 * The cells to copy, as few rects as cover them: column by column, pieces that touch vertically become one (a write
 * of three columns over rows 2-8 and a clear of each column's rows 9-11 make F2:H11), then columns side by side
 * with the same rows join. A rule over a whole column then comes back whole on undo, not in two pieces.
 */
export function mergeStacked(parts: readonly { sheet: string; rect: Rect }[]): { sheet: string; rect: Rect }[] {
  const columns: { sheet: string; rect: Rect }[] = [];
  for (const p of parts)
    for (let c = p.rect.left; c <= p.rect.right; c++) columns.push({ sheet: p.sheet, rect: { ...p.rect, left: c, right: c } });
  const order = (a: { sheet: string; rect: Rect }, b: { sheet: string; rect: Rect }) =>
    a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : 0;
  columns.sort((a, b) => order(a, b) || a.rect.left - b.rect.left || a.rect.top - b.rect.top);
  const stacked: { sheet: string; rect: Rect }[] = [];
  for (const p of columns) {
    const last = stacked[stacked.length - 1];
    if (last && last.sheet === p.sheet && last.rect.left === p.rect.left && p.rect.top <= last.rect.bottom + 1)
      last.rect = { ...last.rect, bottom: Math.max(last.rect.bottom, p.rect.bottom) };
    else stacked.push({ sheet: p.sheet, rect: { ...p.rect } });
  }
  stacked.sort((a, b) => order(a, b) || a.rect.top - b.rect.top || a.rect.bottom - b.rect.bottom || a.rect.left - b.rect.left);
  const out: { sheet: string; rect: Rect }[] = [];
  for (const p of stacked) {
    const last = out[out.length - 1];
    if (
      last &&
      last.sheet === p.sheet &&
      last.rect.top === p.rect.top &&
      last.rect.bottom === p.rect.bottom &&
      last.rect.right + 1 === p.rect.left
    )
      last.rect = { ...last.rect, right: p.rect.right };
    else out.push(p);
  }
  return out;
}

function sheetsTouched(plan: WritePlan): Set<string> {
  return new Set([...plan.writes.map((w) => w.sheet), ...plan.clears.map((c) => c.sheet), ...plan.conditionalFormats.map((c) => c.sheet)]);
}

export function checkSheetWritable(read: ReadResult, name: string, action: SheetAction): void {
  const info = read.sheets.find((s) => s.name === name);
  if (!info) throw new PortError(MESSAGES.sheetRemovedWhileReading({ sheet: name }), { sheet: name });
  if (info.protected) throw new PortError(MESSAGES.sheetProtected({ sheet: name, action }), { sheet: name });
}

/** Refuses before any change when a sheet we must write, or the workbook's structure, is protected. */
export function checkWritable(plan: WritePlan, read: ReadResult): void {
  for (const name of sheetsTouched(plan)) checkSheetWritable(read, name, "write its status columns");
  for (const a of plan.appends) if (!a.create) checkSheetWritable(read, a.sheet, "add this evaluation's rows to it");
  for (const p of plan.sheets) {
    const info = read.sheets.find((s) => s.name === p.name);
    if (info?.protected) throw new PortError(MESSAGES.sheetProtected({ sheet: p.name, action: "refresh it" }), { sheet: p.name });
  }
  if (read.workbookProtected) throw new PortError(MESSAGES.summarySheetsCannotBeAdded());
}

export interface ApplyOptions {
  readonly budgetBytes?: number;
  /** Whether the host has ExcelApi 1.9 (pageLayout) for our sheets' print setup; true unless told. */
  readonly print?: boolean;
  /**
   * Columns inserted to make room before this plan was read (as given to queueInsertColumns, in the coordinates
   * before the insert): the undo record lists them, so Undo evaluation deletes them again.
   */
  readonly inserted?: readonly RoomRequest[];
}

/**
 * Applies a plan read from the same request context. Before changing anything it copies every cell it will
 * overwrite to the undo sheet, and records the sheets it adds, the rows it appends and the charts and drop-down
 * lists of ours it replaces, so Undo evaluation can put them back exactly.
 */
export async function applyPlan(
  context: Excel.RequestContext,
  plan: WritePlan,
  read: ReadResult,
  options: ApplyOptions = {},
): Promise<{ readonly syncs: number; readonly retries: number }> {
  checkWritable(plan, read);
  const b = new Batcher(context, options.budgetBytes ?? DEFAULT_BUDGET_BYTES);
  const sheets = context.workbook.worksheets;
  const entries: UndoEntry[] = [{ kind: "asOf", asOf: plan.asOf }];

  // The columns this plan adds were empty: undo gives them back the standard width. (Reading their widths first
  // would cost a round trip; a custom width on an empty column is all that could be lost.)
  for (const w of plan.writes)
    (w.columnWidths ?? []).forEach((chars, j) => {
      if (chars !== null) entries.push({ kind: "width", sheet: w.sheet, col: w.col + j, points: STANDARD_WIDTH_POINTS });
    });

  // 1. The undo copy, before anything changes.
  for (const name of read.internalSheets) await b.add(40, () => sheets.getItem(name).delete());
  await b.add(40, () => void (sheets.add(UNDO_SHEET).visibility = "VeryHidden" as Excel.SheetVisibility));
  const undo = sheetRef(context, UNDO_SHEET);
  let copyCol = COPY_COLUMN;
  const keep = async (kind: "cells" | "sheet", sheet: string, r: Rect) => {
    const h = r.bottom - r.top + 1;
    const w = r.right - r.left + 1;
    const target: Rect = { top: 0, left: copyCol, bottom: h - 1, right: copyCol + w - 1 };
    await b.add(120, () =>
      undo
        .get()
        .getRange(rangeAddress(target))
        .copyFrom(`${quoteSheet(sheet)}!${rangeAddress(r)}`, "All" as Excel.RangeCopyType),
    );
    entries.push({ kind, sheet, range: rangeAddress(r), copy: rangeAddress(target) });
    copyCol += w;
  };
  const overwritten = [
    ...plan.writes.map((w) => ({
      sheet: w.sheet,
      rect: {
        top: w.row,
        left: w.col,
        bottom: w.row + w.values.length - 1,
        right: w.col + Math.max(1, ...w.values.map((r) => r.length)) - 1,
      },
    })),
    ...plan.clears.map((c) => ({ sheet: c.sheet, rect: c.range })),
  ];
  // Adjacent pieces of one column go as one copy, so a rule over them comes back whole on undo.
  for (const { sheet, rect } of mergeStacked(overwritten)) await keep("cells", sheet, rect);
  const existing = new Set(read.sheets.map((s) => s.name));
  for (const p of plan.sheets) {
    const grid = read.grid.sheets.find((s) => s.name === p.name);
    if (!existing.has(p.name) || !grid) {
      // The KPA Settings sheet holds rules people edit once it is made: undo removes it only while it holds what we wrote.
      entries.push(
        p.role === "settings" ? { kind: "added", sheet: p.name, digest: contentDigest(p.values) } : { kind: "added", sheet: p.name },
      );
      continue;
    }
    // From A1, so the copy puts every cell back where it was.
    const bottom = (grid.origin?.row ?? 0) + Math.max(1, grid.values.length) - 1;
    // As wide as its merges reach too (a line across the sheet can end past its last value), or the copy would cut them.
    // A loop over the merges, not a spread: a summary of many problems holds a merge per problem.
    const right = (grid.merges ?? []).reduce(
      (r, m) => Math.max(r, m.right),
      Math.max((grid.origin?.col ?? 0) + Math.max(1, ...grid.values.map((r) => r.length)) - 1, p.columnWidths.length - 1),
    );
    await keep("sheet", p.name, { top: 0, left: 0, bottom, right });
  }
  // Our charts as they were (drawn again on undo), and the ones this evaluation draws (for the next record).
  const drawn = new Map((read.previousUndo ?? []).flatMap((e) => (e.kind === "made" ? [[`${e.sheet}\n${e.name}`, e.chart] as const] : [])));
  for (const p of plan.sheets) {
    if (existing.has(p.name)) {
      for (const c of ourCharts(read, p.name)) {
        const chart = drawn.get(`${p.name}\n${c.name}`);
        if (chart) entries.push({ kind: "chart", sheet: p.name, name: c.name, chart });
      }
      for (const e of read.previousUndo ?? [])
        if (e.kind === "madeList" && e.sheet === p.name) entries.push({ kind: "list", sheet: p.name, validation: e.validation });
    }
    for (const validation of p.validations) entries.push({ kind: "madeList", sheet: p.name, validation });
    if (existing.has(p.name))
      for (const e of read.previousUndo ?? [])
        if (e.kind === "madeLayout" && e.sheet === p.name) entries.push({ kind: "layout", sheet: p.name, layout: e.layout });
    entries.push({ kind: "madeLayout", sheet: p.name, layout: keptLayout(p, options.print ?? true) });
    p.charts.forEach((chart, i) => entries.push({ kind: "made", sheet: p.name, name: chartName(i), chart }));
  }
  for (const a of plan.appends) {
    if (a.create) entries.push({ kind: "added", sheet: a.sheet });
    else if (a.values.length > 0) {
      const width = Math.max(1, ...a.values.map((r) => r.length));
      entries.push({
        kind: "appended",
        sheet: a.sheet,
        range: rangeAddress({ top: a.row, left: 0, bottom: a.row + a.values.length - 1, right: width - 1 }),
      });
    }
  }
  for (const n of read.grid.names ?? [])
    if (n.name.startsWith(NAME_PREFIX)) entries.push({ kind: "name", name: n.name, formula: `=${n.ref}` });
  for (const s of plan.ruleScope) entries.push({ kind: "scope", sheet: s.sheet, range: rangeAddress(s.rect) });
  entries.push(...insertedEntries(options.inserted ?? []));
  // The record goes in with the copies, so even an evaluation cut short can be undone.
  await queueTextRows(b, undo, encodeUndo(entries));

  // 2. Our rules inside our blocks go; the user's rules stay.
  for (const info of read.sheets) {
    const mine = plan.ruleScope.filter((s) => s.sheet === info.name).map((s) => s.rect);
    if (mine.length === 0) continue;
    for (const rule of info.rules) {
      // The rule's proxy came from a round trip that succeeded: a retry may use it again.
      if (rule.ranges.length > 0 && rule.ranges.every((r) => mine.some((m) => rectInside(r, m))))
        await b.add(40, () => rule.format.delete());
    }
  }

  // 3. The user's sheets: stale cells, status columns, rules.
  for (const c of plan.clears)
    await b.add(60, () =>
      sheets
        .getItem(c.sheet)
        .getRange(rangeAddress(c.range))
        .clear("Contents" as Excel.ClearApplyTo),
    );
  for (const w of plan.writes) {
    const ws = sheetRef(context, w.sheet);
    const from = w.styleFrom;
    if (from) {
      const width = Math.max(1, ...w.values.map((r) => r.length));
      await b.add(120, () =>
        ws
          .get()
          .getRangeByIndexes(w.row, w.col, 1, width)
          .copyFrom(
            `${quoteSheet(w.sheet)}!${rangeAddress({ top: from.row, left: from.col, bottom: from.row, right: from.col })}`,
            "Formats" as Excel.RangeCopyType,
          ),
      );
    }
    for (const [j, chars] of (w.columnWidths ?? []).entries()) {
      if (chars === null) continue;
      await b.add(
        40,
        () =>
          void (ws
            .get()
            .getRangeByIndexes(0, w.col + j, 1, 1)
            .getEntireColumn().format.columnWidth = widthInPoints(chars)),
      );
    }
    await queueValues(b, ws, w.row, w.col, w.values, w.numberFormats);
    // Long explanations wrap; Excel grows the rows whose height the user left to it.
    const header = w.styleFrom ? 1 : 0;
    await queueWrap(b, ws, w.row + header, w.col, w.values.length - header, w.wrap);
  }
  for (const cf of plan.conditionalFormats) await queueRules(b, sheetRef(context, cf.sheet), cf);

  // 4. Our sheets, refreshed in place so formulas that point at them keep working; then rows appended (history).
  for (const p of plan.sheets) {
    const old = existing.has(p.name) ? ourCharts(read, p.name).map((c) => c.chart) : undefined;
    await queueOurSheet(b, context, p, old, options.print ?? true);
  }
  for (const a of plan.appends) await queueAppend(b, context, a, options.print ?? true);

  // 5. Names: ours from before go, the plan's come.
  for (const n of read.grid.names ?? [])
    if (n.name.startsWith(NAME_PREFIX)) await b.add(60, () => context.workbook.names.getItem(n.name).delete());
  for (const n of plan.names) await b.add(120, () => void context.workbook.names.add(n.name, `=${n.ref}`));

  await b.flush();
  return { syncs: b.syncs, retries: b.retries };
}

/** Our charts on a sheet, as read: the ones named with our prefix. */
function ourCharts(read: ReadResult, sheet: string): readonly { name: string; chart: Excel.Chart }[] {
  return (read.sheets.find((s) => s.name === sheet)?.charts ?? []).filter((c) => c.name.startsWith(CHART_PREFIX));
}

/**
 * Fills one of our sheets: an existing one is emptied first (values, formats, rules, drop-down lists and the
 * charts we drew before, given as `oldCharts`); a new one is added. Charts are drawn last, named by chartName.
 */
async function queueOurSheet(
  b: Batcher,
  context: Excel.RequestContext,
  p: SheetPlan,
  oldCharts: readonly Excel.Chart[] | undefined,
  print: boolean,
): Promise<void> {
  const ws = sheetRef(context, p.name);
  if (oldCharts) {
    await b.add(120, () => {
      const sheet = ws.get();
      sheet.getRange().conditionalFormats.clearAll();
      sheet.getRange().clear("All" as Excel.ClearApplyTo);
      sheet.getRange().dataValidation.clear();
      // Page breaks are ExcelApi 1.9, as the rest of the print setup.
      if (print) sheet.horizontalPageBreaks.removePageBreaks();
      // Rows the last summary made taller go back to the standard height, which Excel fits to content again.
      sheet.getRange().format.useStandardHeight = true;
    });
    for (const c of oldCharts) await b.add(40, () => c.delete());
  } else {
    // Later changes get the new sheet by name: a retry never reuses the proxy of an add that was refused.
    await b.add(120, () => void context.workbook.worksheets.add(p.name));
  }
  await queueSheetContent(b, ws, { ...p, print: print ? p.print : undefined });
  for (const v of p.validations) await queueValidation(b, ws, v);
  for (const [i, chart] of p.charts.entries()) await queueChart(b, ws, chart, chartName(i));
}

/**
 * Adds rows below a sheet's content; a sheet that does not exist yet is added and laid out first (header styled like
 * our sheets' table headers, widths, frozen header, tab colour). Cells the rows leave null stay as they were. User
 * text stays text.
 */
export async function queueAppend(b: Batcher, context: Excel.RequestContext, a: AppendPlan, print = true): Promise<void> {
  const ws = sheetRef(context, a.sheet);
  if (a.create) {
    await b.add(40 + utf8Bytes(a.sheet), () => void context.workbook.worksheets.add(a.sheet));
    const header = a.create.header;
    await queueSheetContent(b, ws, {
      values: [header],
      numberFormats: [],
      styles: header.length > 0 ? [{ range: { top: 0, left: 0, bottom: 0, right: header.length - 1 }, style: STYLES.header }] : [],
      columnWidths: a.create.columnWidths,
      hiddenColumns: a.create.hiddenColumns,
      freezeRows: a.create.freezeRows,
      tabColor: a.create.tabColor,
      print: print ? a.create.print : undefined,
    });
  }
  await queueValues(b, ws, a.row, 0, a.values, a.numberFormats, { keepNulls: true });
  await queueWrap(b, ws, a.row, 0, a.values.length, a.wrap);
}

/** Text that wraps, from the top of its cell, in the flagged columns of `rows` rows from (top, left). */
async function queueWrap(b: Batcher, ws: SheetRef, top: number, left: number, rows: number, wrap?: readonly boolean[]): Promise<void> {
  for (const [j, on] of (wrap ?? []).entries()) {
    if (!on || rows <= 0) continue;
    await b.add(80, () => {
      const range = ws.get().getRangeByIndexes(top, left + j, rows, 1);
      range.format.wrapText = true;
      range.format.verticalAlignment = "Top";
    });
  }
}

/** Rows of our own text (the undo manifest), written as literal text. */
async function queueTextRows(b: Batcher, ws: SheetRef, rows: string[][]): Promise<void> {
  await queueValues(b, ws, 0, 0, rows);
}
