// The write plan: plain data saying what goes where. Adapters apply it; they decide nothing.
import { absoluteRef, cellAddress, rangeAddress } from "./address";
import { dayFromDate, isoDate, parseIsoDate } from "./dates";
import type { Table } from "./detect";
import type { Evaluation, RowResult } from "./evaluate";
import { type CellValue, type DefinedName, type Rect, SheetView, type WorkbookGrid, isCellError } from "./grid";
import { OUR_HEADERS, isOurHeader } from "./headers";
import { type HistoryPlan, type StatusChange, planHistory } from "./history";
import { departmentOf } from "./library";
import { COLUMNS_NAME_PREFIX, NAME_PREFIX, OUR_SHEETS, type OurSheet, SHEET_NAME_PREFIX, SHEET_TITLES, ownsCell } from "./ownership";
import { type Problem, problem } from "./problems";
import { STATUSES, STATUS_STYLE } from "./status";
import { type Summary, sectionOf, summarize } from "./summary";
import { describeTrend, directionScore, projectionText } from "./trend";
import { type Unit, isNoValueMarker } from "./values";

/** Strings are always literal text: adapters must never let them become formulas. */
export type PlanValue = string | number | boolean | null | PlanDate | PlanLink;
export interface PlanDate {
  readonly date: string;
}
export interface PlanLink {
  readonly text: string;
  readonly sheet: string;
  readonly cell: string;
}

export interface CellStyle {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly size?: number;
  readonly fill?: string;
  readonly font?: string;
  readonly wrap?: boolean;
}

export interface RangeWrite {
  readonly sheet: string;
  /** 0-based top-left. */
  readonly row: number;
  readonly col: number;
  readonly values: readonly (readonly PlanValue[])[];
  /** Same shape as values; null leaves the format alone. */
  readonly numberFormats?: readonly (readonly (string | null)[])[];
  /** Copy the look (font, fill, borders) of this cell, e.g. the table's header. */
  readonly styleFrom?: { readonly row: number; readonly col: number };
}

export type CfRule =
  | { readonly kind: "equals"; readonly text: string; readonly fill: string; readonly font: string }
  | { readonly kind: "dataBar"; readonly color: string }
  /** Three arrows on a number: up above 0, sideways at 0, down below 0. */
  | { readonly kind: "arrows" };

/** A native chart; the .xlsx path cannot write charts and leaves these out. All ranges are on the chart's sheet. */
export interface ChartPlan {
  readonly kind: "pie" | "bar" | "line";
  readonly title: string;
  readonly series: readonly {
    readonly name: string;
    readonly values: Rect;
    readonly categories: Rect;
    /** One colour per point (pie slices, bars), as #RRGGBB. */
    readonly pointColors?: readonly string[];
    readonly numberFormat?: string;
  }[];
  /** Top-left cell and bottom-right cell the chart covers. */
  readonly from: { readonly row: number; readonly col: number };
  readonly to: { readonly row: number; readonly col: number };
}

/** A drop-down list on cells people fill in. */
export interface ValidationPlan {
  readonly range: Rect;
  readonly list: readonly string[];
  readonly prompt?: string;
}

/** How to lay out a sheet we create to append rows to. */
export interface SheetSetup {
  readonly header: readonly string[];
  readonly columnWidths: readonly number[];
  readonly tabColor: string;
  /** Rows frozen at the top: the header. */
  readonly freezeRows: number;
  /** Marks the sheet as ours (KPATracker_Sheet_…) when set. */
  readonly role?: AppendRole;
}

export type AppendRole = "history";

/** Rows added below what a sheet already holds; nothing above `row` is touched. */
export interface AppendPlan {
  readonly sheet: string;
  /** Set when the sheet does not exist yet. */
  readonly create?: SheetSetup;
  /** 0-based first row written. */
  readonly row: number;
  readonly values: readonly (readonly PlanValue[])[];
  /** Same shape as values; null leaves the format alone. */
  readonly numberFormats?: readonly (readonly (string | null)[])[];
}

export interface CfPlan {
  readonly sheet: string;
  readonly range: Rect;
  readonly rules: readonly CfRule[];
}

export interface SheetPlan {
  readonly role: OurSheet;
  readonly name: string;
  readonly values: readonly (readonly PlanValue[])[];
  readonly numberFormats: readonly { readonly range: Rect; readonly format: string }[];
  readonly styles: readonly { readonly range: Rect; readonly style: CellStyle }[];
  /** In characters, as Excel measures column width. */
  readonly columnWidths: readonly number[];
  readonly hiddenColumns: readonly number[];
  readonly freezeRows: number;
  readonly tabColor: string;
  readonly conditionalFormats: readonly CfPlan[];
  readonly validations: readonly ValidationPlan[];
  readonly charts: readonly ChartPlan[];
}

export interface WritePlan {
  readonly asOf: string;
  /** Cells on the user's sheets, all inside the blocks named in `names`. */
  readonly writes: readonly RangeWrite[];
  /** Cells we wrote before and no longer need. */
  readonly clears: readonly { readonly sheet: string; readonly range: Rect }[];
  /** Replace any rule lying wholly inside our blocks with these. */
  readonly conditionalFormats: readonly CfPlan[];
  /** Our sheets, replaced whole. */
  readonly sheets: readonly SheetPlan[];
  /** Rows added below existing ones (the history), after the sheets are written. */
  readonly appends: readonly AppendPlan[];
  /** What changed since the previous evaluation in the history, and how many snapshot rows this plan adds. */
  readonly history: { readonly since: string | null; readonly changes: readonly StatusChange[]; readonly appended: number };
  /** Every defined name we own after the plan is applied. */
  readonly names: readonly DefinedName[];
  /** Our names from before that the plan drops. */
  readonly removeNames: readonly string[];
  /** Our blocks before and after this plan: conditional formats lying wholly inside them are ours to replace. */
  readonly ruleScope: readonly { readonly sheet: string; readonly rect: Rect }[];
  readonly problems: readonly Problem[];
  readonly summary: Summary;
}

export interface PlanOptions {
  /** When the evaluation ran; shown on the summary sheet. */
  readonly generatedAt: string;
  readonly generator: string;
}

const STATUS_RULES: readonly CfRule[] = STATUSES.map((s) => ({ kind: "equals", text: s, ...STATUS_STYLE[s] }));
const PROGRESS_BAR: CfRule = { kind: "dataBar", color: "#5B9BD5" };
// Beyond the no-value markers (TBD, N/A, -): words people park in an unused Status column.
const PLACEHOLDER_STATUS = /^(pending|status|to do|todo)$/i;

export function buildPlan(wb: WorkbookGrid, ev: Evaluation, opts: PlanOptions): WritePlan {
  const problems: Problem[] = [];
  const writes: RangeWrite[] = [];
  const conditionalFormats: CfPlan[] = [];
  const owned: { sheet: string; rect: Rect }[] = [];
  // By table and row: side-by-side tables share rows.
  const byRow = new Map<string, RowResult>();
  for (const r of ev.rows) byRow.set(`${r.tableId}|${r.row}`, r);
  const views = new Map(wb.sheets.map((s) => [s.name, new SheetView(s)]));

  for (const table of ev.tables) {
    if (table.kind === "roles" || table.lastRow < table.firstRow) continue;
    const view = views.get(table.sheet);
    if (!view) continue;
    const placed = placeColumns(view, table, ev, problems);
    if (!placed) continue;
    const userRight = Math.max(...table.columns.filter((c) => !isOurHeader(c.header)).map((c) => c.col));
    for (const [role, col] of Object.entries(placed) as [keyof typeof OUR_HEADERS, Placement][]) {
      const rows: PlanValue[][] = [];
      const formats: (string | null)[][] = [];
      if (col.writeHeader) {
        rows.push([OUR_HEADERS[role]]);
        formats.push([null]);
      }
      for (let r = table.firstRow; r <= table.lastRow; r++) {
        const res = byRow.get(`${table.id}|${r}`);
        rows.push([res ? cellFor(role, res) : null]);
        formats.push([role === "progress" ? "0%" : null]);
      }
      const top = col.writeHeader ? table.headerRow : table.firstRow;
      writes.push({
        sheet: table.sheet,
        row: top,
        col: col.col,
        values: rows,
        numberFormats: role === "progress" ? formats : undefined,
        styleFrom: col.writeHeader ? { row: table.headerRow, col: userRight } : undefined,
      });
      owned.push({ sheet: table.sheet, rect: { top, left: col.col, bottom: table.lastRow, right: col.col } });
      const data: Rect = { top: table.firstRow, left: col.col, bottom: table.lastRow, right: col.col };
      if (role === "status") conditionalFormats.push({ sheet: table.sheet, range: data, rules: STATUS_RULES });
      if (role === "progress") conditionalFormats.push({ sheet: table.sheet, range: data, rules: [PROGRESS_BAR] });
    }
  }

  const summary = summarize(ev);
  const sheetNames = chooseSheetNames(wb, ev, problems);
  const allProblems = [...ev.problems, ...problems];
  const history = planHistory(wb, ev, sheetNames.history, ev.ownership.sheets.history !== undefined, opts.generatedAt);
  const sheets: SheetPlan[] = [
    summarySheet(sheetNames.summary, ev, summary, allProblems, history, opts),
    gapsSheet(sheetNames.gaps, wb, ev, summary),
  ];

  const names: DefinedName[] = owned.map((o, i) => ({ name: `${COLUMNS_NAME_PREFIX}${i + 1}`, ref: absoluteRef(o.sheet, o.rect) }));
  for (const role of Object.keys(OUR_SHEETS) as OurSheet[]) {
    names.push({
      name: `${SHEET_NAME_PREFIX}${role[0]?.toUpperCase()}${role.slice(1)}`,
      ref: absoluteRef(sheetNames[role], { top: 0, left: 0, bottom: 0, right: 0 }),
    });
  }
  const keep = new Set(names.map((n) => n.name));
  const removeNames = (wb.names ?? []).filter((n) => n.name.startsWith(NAME_PREFIX) && !keep.has(n.name)).map((n) => n.name);
  const clears = staleCells(ev, owned);

  const ruleScope = [...ev.ownership.blocks.map(({ sheet, rect }) => ({ sheet, rect })), ...owned];
  return {
    asOf: ev.asOf,
    writes,
    clears,
    conditionalFormats,
    sheets,
    appends: history.append ? [history.append] : [],
    history: { since: history.since ?? null, changes: history.changes, appended: history.append?.values.length ?? 0 },
    names,
    removeNames,
    ruleScope,
    problems: allProblems,
    summary,
  };
}

interface Placement {
  col: number;
  /** False when we reuse the user's own (empty) Status column: its header stays theirs. */
  writeHeader: boolean;
}

function placeColumns(
  view: SheetView,
  table: Table,
  ev: Evaluation,
  problems: Problem[],
): Record<keyof typeof OUR_HEADERS, Placement> | undefined {
  const found: Partial<Record<keyof typeof OUR_HEADERS, Placement>> = {};
  for (const c of table.columns) {
    if (c.field !== "status" && c.field !== "progress" && c.field !== "explanation") continue;
    if (found[c.field]) continue;
    const ours = isOurHeader(c.header) || ownsCell(ev.ownership, table.sheet, table.firstRow, c.col);
    if (ours) found[c.field] = { col: c.col, writeHeader: isOurHeader(c.header) };
    else if (c.field === "status" && table.kind !== "training" && isPlaceholderColumn(view, table, c.col))
      found.status = { col: c.col, writeHeader: false };
  }
  const missing = (["status", "progress", "explanation"] as const).filter((k) => !found[k]);
  if (missing.length > 0) {
    // Room for the new columns plus one empty column, so the table stays apart from its neighbours.
    const needed = missing.length + 1;
    for (let c = table.right + 1; c <= table.right + needed; c++) {
      for (let r = table.headerRow; r <= table.lastRow; r++) {
        if (!view.isEmpty(r, c) && !ownsCell(ev.ownership, table.sheet, r, c)) {
          problems.push(
            problem("noRoomForColumns", "warning", table.sheet, cellAddress(r, c), {
              table: `${table.sheet}!${rangeAddress({ top: table.headerRow, left: table.left, bottom: table.lastRow, right: table.right })}`,
              blocker: `${table.sheet}!${cellAddress(r, c)}`,
              needed,
            }),
          );
          return undefined;
        }
      }
    }
    missing.forEach((k, i) => (found[k] = { col: table.right + 1 + i, writeHeader: true }));
  }
  return found as Record<keyof typeof OUR_HEADERS, Placement>;
}

function isPlaceholderColumn(view: SheetView, table: Table, col: number): boolean {
  for (let r = table.firstRow; r <= table.lastRow; r++) {
    const t = view.text(r, col);
    if (t && !PLACEHOLDER_STATUS.test(t) && !isNoValueMarker(t)) return false;
  }
  return true;
}

function cellFor(role: keyof typeof OUR_HEADERS, r: RowResult): PlanValue {
  if (role === "status") return r.status;
  if (role === "progress") return r.progress === undefined ? null : Math.round(r.progress * 10000) / 10000;
  return r.explanation;
}

/** Cells in our old blocks that the new plan no longer covers. */
function staleCells(ev: Evaluation, owned: readonly { sheet: string; rect: Rect }[]): { sheet: string; range: Rect }[] {
  const out: { sheet: string; range: Rect }[] = [];
  for (const b of ev.ownership.blocks) {
    for (let c = b.rect.left; c <= b.rect.right; c++) {
      let start: number | undefined;
      for (let r = b.rect.top; r <= b.rect.bottom + 1; r++) {
        const covered =
          r > b.rect.bottom ||
          owned.some((o) => o.sheet === b.sheet && c >= o.rect.left && c <= o.rect.right && r >= o.rect.top && r <= o.rect.bottom);
        if (!covered && start === undefined) start = r;
        if (covered && start !== undefined) {
          out.push({ sheet: b.sheet, range: { top: start, left: c, bottom: r - 1, right: c } });
          start = undefined;
        }
      }
    }
  }
  return out;
}

function chooseSheetNames(wb: WorkbookGrid, ev: Evaluation, problems: Problem[]): Record<OurSheet, string> {
  const taken = new Set(wb.sheets.map((s) => s.name.toLowerCase()));
  const out = {} as Record<OurSheet, string>;
  for (const role of Object.keys(OUR_SHEETS) as OurSheet[]) {
    const mine = ev.ownership.sheets[role];
    if (mine) {
      out[role] = mine;
      continue;
    }
    const wanted = OUR_SHEETS[role];
    let name: string = wanted;
    for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${wanted} (${i})`;
    if (name !== wanted) problems.push(problem("sheetNameTaken", "warning", wanted, "A1", { wanted, used: name }));
    taken.add(name.toLowerCase());
    out[role] = name;
  }
  return out;
}

// --- Our sheets ------------------------------------------------------------------------------------

class SheetBuilder {
  readonly values: PlanValue[][] = [];
  readonly numberFormats: { range: Rect; format: string }[] = [];
  readonly styles: { range: Rect; style: CellStyle }[] = [];
  readonly cf: CfPlan[] = [];
  readonly validations: ValidationPlan[] = [];
  readonly charts: ChartPlan[] = [];

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
}

const TITLE: CellStyle = { bold: true, size: 16, font: "#1F3864" };
const HEADER: CellStyle = { bold: true, fill: "#1F3864", font: "#FFFFFF" };
const SUBTLE: CellStyle = { italic: true, font: "#595959" };

const SECTION_STYLE: CellStyle = { bold: true, fill: "#D9E1F2", font: "#1F3864" };
const TREND_FORMAT = '"improving";"declining";"flat"';
const CHART_COL = 11;
// Durations are in hours; money keeps no symbol because the log may mix currencies.
const UNIT_FORMATS: Partial<Record<Unit, string>> = { percent: "0%", hours: '0.0" h"', currency: "#,##0" };
const MAX_TREND_CHARTS = 6;

function link(r: { sheet: string; cell: string }, text = `${r.sheet}!${r.cell}`): PlanLink {
  return { text, sheet: r.sheet, cell: r.cell };
}

function summarySheet(
  name: string,
  ev: Evaluation,
  s: Summary,
  problems: readonly Problem[],
  history: HistoryPlan,
  opts: PlanOptions,
): SheetPlan {
  const b = new SheetBuilder(name);
  const rowsByKey = new Map(ev.rows.map((r) => [r.key, r]));
  b.add([SHEET_TITLES.summary], TITLE);
  b.add(["As of", dateValue(ev.asOf)]);
  b.format({ top: 1, left: 1, bottom: 1, right: 1 }, "yyyy-mm-dd");
  b.add(["Generated", `${opts.generatedAt} by ${opts.generator}`], SUBTLE);
  b.add(["Tolerance", ev.tolerance]);
  b.format({ top: 3, left: 1, bottom: 3, right: 1 }, "0%");
  if (s.weightedScore !== undefined) {
    const r = b.add(["Weighted score", round4(s.weightedScore)], { bold: true });
    b.format({ top: r, left: 1, bottom: r, right: 1 }, "0%");
  }

  b.blank();
  if (history.since === undefined) b.add(["Changes: this is the first evaluation in the KPA History sheet."], SUBTLE);
  else {
    b.add([`Changes since the evaluation as of ${history.since}`], { bold: true });
    if (history.changes.length === 0) b.add(["No row became Off Track or Overdue, and none recovered to Met."], SUBTLE);
    for (const c of history.changes) {
      const what = c.kind === "worse" ? `Newly ${c.to}` : "Recovered to Met";
      b.add([what, c.name, `was ${c.from}`, link(c)]);
    }
  }

  b.blank();
  const statusTop = b.add(["Status", "Rows", "Share"], HEADER);
  for (const st of STATUSES) b.add([st, s.byStatus[st], s.total ? round4(s.byStatus[st] / s.total) : 0]);
  const statusRows: Rect = { top: statusTop + 1, left: 0, bottom: statusTop + STATUSES.length, right: 0 };
  b.statusRules(statusRows);
  b.format({ ...statusRows, left: 2, right: 2 }, "0%");
  b.bars({ ...statusRows, left: 2, right: 2 });
  b.add(["Total", s.total, s.total ? 1 : 0], { bold: true });
  b.format({ top: b.row - 1, left: 2, bottom: b.row - 1, right: 2 }, "0%");
  b.charts.push({
    kind: "pie",
    title: `Status of ${s.total} rows as of ${ev.asOf}`,
    series: [
      {
        name: "Rows",
        values: { ...statusRows, left: 1, right: 1 },
        categories: statusRows,
        pointColors: STATUSES.map((st) => STATUS_STYLE[st].fill),
      },
    ],
    from: { row: 0, col: CHART_COL },
    to: { row: 15, col: CHART_COL + 6 },
  });

  for (const [title, list] of [
    ["Section", s.bySection],
    ["Owner", s.byOwner],
    ["Priority", s.byPriority],
  ] as const) {
    b.blank();
    const scored = list.some((x) => x.score !== undefined);
    const top = b.add([title, ...STATUSES, "Total", ...(scored ? ["Score"] : [])], HEADER);
    for (const row of list) {
      b.add([
        row.key,
        ...STATUSES.map((st) => row.counts[st]),
        row.total,
        ...(scored ? [row.score === undefined ? null : round4(row.score)] : []),
      ]);
    }
    if (scored && list.length > 0) {
      const scores: Rect = { top: top + 1, left: STATUSES.length + 2, bottom: b.row - 1, right: STATUSES.length + 2 };
      b.format(scores, "0%");
      b.bars(scores);
    }
  }

  // One block per section or department: what a team lead reads first.
  for (const sec of s.bySection) {
    b.blank();
    b.add([sec.key, null, null, null, null], SECTION_STYLE);
    const counts = STATUSES.filter((st) => sec.counts[st] > 0).map((st) => `${st} ${sec.counts[st]}`);
    b.add([`${sec.total} rows: ${counts.join(" · ")}`]);
    if (sec.score !== undefined) {
      const line = b.add(["Weighted score", round4(sec.score)]);
      b.format({ top: line, left: 1, bottom: line, right: 1 }, "0%");
    }
    const worst = s.gaps
      .map((k) => rowsByKey.get(k) as RowResult)
      .filter((r) => sectionOf(r).toLowerCase() === sec.key.toLowerCase())
      .slice(0, 3);
    if (worst.length === 0) b.add(["Every row is Met."], SUBTLE);
    else {
      const top = b.add(["Worst gaps", "Status", "Gap", "Trend", "Where"], { bold: true });
      for (const r of worst) b.add([r.name, r.status, r.gap ?? null, r.trend ? describeTrend(r.trend) : null, link(r)]);
      b.statusRules({ top: top + 1, left: 1, bottom: b.row - 1, right: 1 });
    }
  }

  const trended = ev.rows.filter((r) => r.trend && r.kind !== "kpa");
  const seriesAt: { row: RowResult; from: number; to: number }[] = [];
  if (trended.length > 0) {
    b.blank();
    b.add(["Trends from the KPA Data log"], { bold: true });
    const top = b.add(["KPI", "Trend", "Change", "Since", "Latest", "On", "Projected", "By", "Status"], HEADER);
    for (const r of trended) {
      const t = r.trend as NonNullable<RowResult["trend"]>;
      b.add([
        r.name,
        directionScore(t.direction),
        t.delta,
        dateValue(t.previous.date),
        r.actual ?? null,
        dateValue(t.latest.date),
        t.projection?.text ?? null,
        t.projection ? dateValue(t.projection.date) : null,
        r.status,
      ]);
    }
    const rows: Rect = { top: top + 1, left: 1, bottom: b.row - 1, right: 1 };
    b.format(rows, TREND_FORMAT);
    b.arrows(rows);
    for (const col of [3, 5, 7]) b.format({ ...rows, left: col, right: col }, "yyyy-mm-dd");
    b.statusRules({ ...rows, left: 8, right: 8 });

    // The points behind the trend charts, one block per KPI, readable on their own too.
    b.blank();
    b.add(["Trend data (logged values up to the as-of date)"], { bold: true });
    b.add(["KPI", "Date", "Value"], HEADER);
    for (const r of trended) {
      const t = r.trend as NonNullable<RowResult["trend"]>;
      const percent = t.unit === "percent";
      const from = b.row;
      for (const p of t.series) b.add([r.name, dateValue(p.date), percent ? round4(p.value / 100) : p.value]);
      b.format({ top: from, left: 1, bottom: b.row - 1, right: 1 }, "yyyy-mm-dd");
      const format = UNIT_FORMATS[t.unit];
      if (format) b.format({ top: from, left: 2, bottom: b.row - 1, right: 2 }, format);
      seriesAt.push({ row: r, from, to: b.row - 1 });
    }
  }
  seriesAt.slice(0, MAX_TREND_CHARTS).forEach((x, i) => {
    const top = 16 + i * 15;
    b.charts.push({
      kind: "line",
      title: x.row.name,
      series: [
        {
          name: x.row.name,
          values: { top: x.from, left: 2, bottom: x.to, right: 2 },
          categories: { top: x.from, left: 1, bottom: x.to, right: 1 },
        },
      ],
      from: { row: top, col: CHART_COL },
      to: { row: top + 14, col: CHART_COL + 6 },
    });
  });

  if (ev.roleGaps.length > 0) {
    b.blank();
    b.add([`Role clarity: ${ev.roleGaps.length} owner(s) without a row in the roles table`], { bold: true });
    b.add(["Owner", "Named in", "Did you mean", "Where"], HEADER);
    for (const g of ev.roleGaps) b.add([g.owner, g.cells, g.suggestion ?? null, link(g)]);
  }

  b.blank();
  b.add([`Problems (${s.errors} errors, ${s.warnings} warnings)`], { bold: true });
  if (problems.length === 0) b.add(["None found."], SUBTLE);
  else {
    b.add(["Severity", "Where", "Message"], HEADER);
    for (const p of problems) b.add([p.severity, link(p), p.message]);
  }
  return finish(b, "summary", [34, 12, 14, 14, 12, 12, 12, 12, 12, 12], "#1F3864", 0);
}

const CAUSES = ["Process", "Resources", "Strategy"] as const;

const GAP_HEADERS = [
  "Status",
  "Name",
  "Where",
  "Section",
  "Owner",
  "Target",
  "Actual",
  "Gap",
  "Trend",
  "Projection",
  "Explanation",
  "Cause",
  "Suggested action",
  "Response",
  "Key",
] as const;

/** The columns people type in: kept by row key across evaluations. */
const KEPT_COLUMNS = ["Response", "Cause"] as const;
type Kept = Record<(typeof KEPT_COLUMNS)[number], PlanValue> & { name: PlanValue };

function gapsSheet(name: string, wb: WorkbookGrid, ev: Evaluation, s: Summary): SheetPlan {
  const kept = previousInputs(wb, ev);
  const rowsByKey = new Map(ev.rows.map((r) => [r.key, r]));
  const b = new SheetBuilder(name);
  b.add([SHEET_TITLES.gaps], TITLE);
  b.add(
    [
      `Every row that is not Met, worst first, as of ${ev.asOf}. Pick a Cause and type a Response: both are kept when the workbook is evaluated again.`,
    ],
    SUBTLE,
  );
  b.blank();
  const headerRow = b.add([...GAP_HEADERS], HEADER);
  const listed = new Set<string>();
  const line = (r: RowResult) => {
    listed.add(r.key);
    const k = kept.get(r.key);
    b.add([
      r.status,
      r.name,
      link(r),
      sectionOf(r),
      r.owner ?? null,
      r.target ?? null,
      r.actual ?? null,
      r.gap ?? null,
      r.trend ? (r.trend.direction === "flat" ? "flat" : `${r.trend.direction}, ${r.trend.changeText}`) : null,
      r.trend?.projection ? projectionText(r.trend.projection) : null,
      r.explanation,
      k?.Cause ?? null,
      suggestedAction(r),
      k?.Response ?? null,
      r.key,
    ]);
  };
  for (const key of s.gaps) line(rowsByKey.get(key) as RowResult);
  // Rows that recovered keep their team response rather than lose it.
  for (const r of ev.rows) if (!listed.has(r.key) && kept.has(r.key)) line(r);
  for (const [key, k] of kept) {
    if (listed.has(key) || rowsByKey.has(key)) continue;
    const row: PlanValue[] = GAP_HEADERS.map(() => null);
    row[GAP_HEADERS.indexOf("Name")] = k.name;
    row[GAP_HEADERS.indexOf("Explanation")] = "No longer found in the workbook";
    row[GAP_HEADERS.indexOf("Cause")] = k.Cause;
    row[GAP_HEADERS.indexOf("Response")] = k.Response;
    row[GAP_HEADERS.indexOf("Key")] = key;
    b.add(row);
  }
  b.statusRules({ top: headerRow + 1, left: 0, bottom: b.row - 1, right: 0 });
  const cause = GAP_HEADERS.indexOf("Cause");
  // The list reaches past the last row, so rows added by the next evaluation have it before the next write.
  b.validations.push({
    range: { top: headerRow + 1, left: cause, bottom: Math.max(b.row - 1, headerRow + 1), right: cause },
    list: CAUSES,
    prompt: "Why is this row short? Process, Resources or Strategy.",
  });
  const widths = [13, 36, 14, 28, 24, 16, 12, 12, 30, 28, 60, 12, 50, 40, 10];
  return finish(b, "gaps", widths, "#C00000", headerRow + 1, [GAP_HEADERS.indexOf("Key")]);
}

/** What people typed on our previous Gaps sheet (Response, Cause), by row key, with the row's name as shown. */
function previousInputs(wb: WorkbookGrid, ev: Evaluation): Map<string, Kept> {
  const out = new Map<string, Kept>();
  const name = ev.ownership.sheets.gaps;
  const grid = name ? wb.sheets.find((g) => g.name === name) : undefined;
  if (!grid) return out;
  const view = new SheetView(grid);
  for (let r = view.top; r <= Math.min(view.bottom, view.top + 20); r++) {
    const col: Record<string, number> = {};
    for (let c = view.left; c <= view.right; c++) col[view.text(r, c)] = c;
    const keyCol = col.Key;
    if (keyCol === undefined || KEPT_COLUMNS.every((k) => col[k] === undefined)) continue;
    for (let x = r + 1; x <= view.bottom; x++) {
      const key = view.text(x, keyCol);
      if (!key) continue;
      const value = (c: number | undefined) => (c === undefined || view.isEmpty(x, c) ? null : cellToPlanValue(view.value(x, c)));
      const entry: Kept = {
        Response: value(col.Response),
        Cause: value(col.Cause),
        name: col.Name === undefined ? key : value(col.Name),
      };
      if (entry.Response !== null || entry.Cause !== null) out.set(key, entry);
    }
    break;
  }
  return out;
}

function suggestedAction(r: RowResult): string {
  if (r.status === "No Data") return "Enter this period's actual value, or log a measurement for it.";
  if (r.status === "Needs Target")
    return r.kind === "kpa"
      ? "Add a goal that measures this element, with a target."
      : 'Write a measurable target, e.g. "≥ 85%" or "< 2 hours".';
  if (r.kind === "training")
    return r.status === "Overdue"
      ? "Book the training or agree a new date with the provider."
      : "Confirm the training date with the provider.";
  const dept = departmentOf(r.department, r.name, r.group);
  const base = dept
    ? dept.correctiveAction
    : "Review the cause (process, resources or strategy) and agree a corrective action with the owner.";
  return r.status === "Overdue" ? `Agree a new date with the owner. ${base}` : base;
}

function finish(
  b: SheetBuilder,
  role: OurSheet,
  widths: number[],
  tabColor: string,
  freezeRows: number,
  hiddenColumns: number[] = [],
): SheetPlan {
  return {
    role,
    name: b.name,
    values: b.values,
    numberFormats: b.numberFormats,
    styles: b.styles,
    columnWidths: widths,
    hiddenColumns,
    freezeRows,
    tabColor,
    conditionalFormats: b.cf,
    validations: b.validations,
    charts: b.charts,
  };
}

/** A value read from a cell, written back unchanged. */
export function cellToPlanValue(v: CellValue): PlanValue {
  if (v instanceof Date) return { date: isoDate(dayFromDate(v)) };
  if (isCellError(v)) return v.error;
  return v;
}

function dateValue(iso: string): PlanValue {
  const d = parseIsoDate(iso);
  return d === undefined ? iso : { date: isoDate(d) };
}

function round4(n: number): number {
  return Math.round(n * 10000) / 10000;
}
