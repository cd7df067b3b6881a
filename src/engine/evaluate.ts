// Judges every row of every detected table against its target as of a date.
import { cellAddress } from "./address";
import { type DateOrder, type Day, addMonths, isoDate, longDate, parseDateText, parseIsoDate } from "./dates";
import { type Table, type TableKind, detectTables } from "./detect";
import { SheetView, type WorkbookGrid } from "./grid";
import { type Field, isOurHeader } from "./headers";
import { acronyms, significantWords } from "./names";
import { LogIndex, type LogEntry, type MeasurementLog, describeEntry, readLog } from "./log";
import { type Problem, problem } from "./problems";
import { type Ownership, isOurSheet, ownsCell, readOwnership } from "./ownership";
import { type Status, severity, worst } from "./status";
import {
  type Comparator,
  type Direction,
  type NumericTarget,
  type Target,
  comparatorSymbol,
  inferDirection,
  isAffirmative,
  parsePolarity,
  parseTarget,
} from "./targets";
import { type Polarity, type Trend, computeTrend, projectionText } from "./trend";
import { type Quantity, type Reading, type Unit, formatQuantity, readCell } from "./values";

export interface EvaluateOptions {
  /** ISO date (YYYY-MM-DD) the rows are judged as of. */
  readonly asOf: string;
  /** Relative shortfall still counted as At Risk rather than Off Track. Default 0.1. */
  readonly tolerance?: number;
  /** How to read numeric dates such as 03/04/2050. Default month first. */
  readonly dateOrder?: DateOrder;
}

export interface RowResult {
  /** Identity that survives moves: sheet, table kind and name (with an occurrence number for repeats). */
  readonly key: string;
  readonly sheet: string;
  /** 0-based sheet row. */
  readonly row: number;
  /** Address of the row's name cell. */
  readonly cell: string;
  readonly tableId: string;
  readonly kind: TableKind;
  readonly group?: string;
  readonly name: string;
  readonly owner?: string;
  readonly priority?: string;
  readonly department?: string;
  readonly status: Status;
  readonly explanation: string;
  /** 0..1 where defined. */
  readonly progress?: number;
  readonly actual?: string;
  readonly target?: string;
  readonly gap?: string;
  /** Relative shortfall against the target (0.25 = 25% short); for ordering gaps. */
  readonly shortfall?: number;
  readonly timeline?: string;
  readonly nextReview?: string;
  readonly weight?: number;
  /** The section's share of the overall score, from a heading such as "FOUNDATIONAL KPIs (40% weight)". */
  readonly groupWeight?: number;
  /** For KPA elements: keys of the goals that measure them. */
  readonly linked?: readonly string[];
  /** The log's part in the actual: the entry used (kind "log") or the one a typed Actual overrode ("table"). */
  readonly actualFrom?: ActualFrom;
  /** From two or more logged values. */
  readonly trend?: Trend;
}

export interface ActualFrom {
  readonly kind: "log" | "table";
  /** The log entry's Value cell. */
  readonly sheet: string;
  readonly cell: string;
  readonly date: string;
  readonly source?: string;
  readonly value: string;
}

/** An owner named in a table with no row in the roles table. */
export interface RoleGap {
  readonly owner: string;
  /** Where the owner is named, e.g. "B12, Goals!E4". */
  readonly cells: string;
  readonly sheet: string;
  readonly cell: string;
  readonly suggestion?: string;
}

export interface Evaluation {
  readonly asOf: string;
  readonly tolerance: number;
  readonly tables: readonly Table[];
  readonly rows: readonly RowResult[];
  readonly problems: readonly Problem[];
  readonly ownership: Ownership;
  /** The measurement log(s) read, with their entries. */
  readonly log: MeasurementLog;
  readonly roleGaps: readonly RoleGap[];
}

export class InvalidOptionError extends Error {}

/** Detects and evaluates. Bad data becomes problems; only invalid options throw. */
export function evaluateWorkbook(wb: WorkbookGrid, options: EvaluateOptions): Evaluation {
  const asOf = parseIsoDate(options.asOf);
  if (asOf === undefined) throw new InvalidOptionError(`The as-of date "${options.asOf}" is not a date in the form YYYY-MM-DD.`);
  const tolerance = options.tolerance ?? 0.1;
  if (!(tolerance >= 0 && tolerance < 10))
    throw new InvalidOptionError(`The tolerance ${options.tolerance} must be a number from 0 to 10 (0.1 means 10%).`);
  const order = options.dateOrder ?? "mdy";
  const ownership = readOwnership(wb);
  const log = readLog(wb, order, (name) => isOurSheet(ownership, name));
  const logIndex = new LogIndex(log);
  const ctx: Ctx = { asOf, tolerance, order, problems: [...log.problems], log: logIndex };
  const logHeaders = new Set(log.tables.map((t) => `${t.sheet}|${t.headerRow}`));

  const tables: Table[] = [];
  const rows: RowResult[] = [];
  const keys = new Map<string, number>();
  for (const sheet of wb.sheets) {
    if (isOurSheet(ownership, sheet.name)) continue;
    const view = new SheetView(sheet);
    for (const table of detectTables(sheet)) {
      // The log's header (KPI, Source, Note…) also reads like a KPA table; it is data, not a table to judge.
      if (logHeaders.has(`${table.sheet}|${table.headerRow}`)) continue;
      tables.push(table);
      if (table.kind === "roles") continue;
      for (let r = table.firstRow; r <= table.lastRow; r++) {
        const row = new RowReader(view, table, r, ownership);
        if (row.isEmptyRecord()) continue;
        const res = evaluateRow(row, ctx);
        const base = `${sheet.name}|${table.kind}|${res.name.toLowerCase()}`;
        const n = (keys.get(base) ?? 0) + 1;
        keys.set(base, n);
        rows.push({ ...res, key: n === 1 ? base : `${base}#${n}` });
      }
    }
  }
  const linked = linkElements(rows, ctx);
  const roleGaps = checkAccountability(wb, tables, ctx);
  ctx.problems.push(...logIndex.unmatched());
  return { asOf: options.asOf, tolerance, tables, rows: linked, problems: ctx.problems, ownership, log, roleGaps };
}

interface Ctx {
  readonly asOf: Day;
  readonly tolerance: number;
  readonly order: DateOrder;
  readonly problems: Problem[];
  readonly log: LogIndex;
}

/** Reads one row's cells by field. */
class RowReader {
  constructor(
    readonly view: SheetView,
    readonly table: Table,
    readonly row: number,
    private readonly ownership: Ownership,
  ) {}

  col(field: Field): number | undefined {
    const c = this.table.fields[field];
    if (c === undefined) return undefined;
    // Our own status column is output, never input.
    if (
      field === "status" &&
      (isOurHeader(this.view.text(this.table.headerRow, c)) || ownsCell(this.ownership, this.table.sheet, this.row, c))
    )
      return undefined;
    return c;
  }

  has(field: Field): boolean {
    return this.col(field) !== undefined;
  }

  text(field: Field): string {
    const c = this.col(field);
    return c === undefined ? "" : this.view.text(this.row, c);
  }

  address(field: Field): string {
    return cellAddress(this.row, this.col(field) ?? this.table.left);
  }

  read(field: Field, order: DateOrder): Reading {
    const c = this.col(field);
    if (c === undefined) return { kind: "none", why: "blank" };
    return readCell(this.view.value(this.row, c), this.view.format(this.row, c), order);
  }

  raw(field: Field) {
    const c = this.col(field);
    return c === undefined ? null : this.view.value(this.row, c);
  }

  /** True when every user column of the row is empty. */
  isEmptyRecord(): boolean {
    for (const column of this.table.columns) {
      if (column.field === "status" || column.field === "progress" || column.field === "explanation") continue;
      if (!this.view.isEmpty(this.row, column.col)) return false;
    }
    return true;
  }
}

type RowCore = Omit<RowResult, "key">;

function evaluateRow(row: RowReader, ctx: Ctx): RowCore {
  const t = row.table;
  const nameField: Field = t.kind === "goals" ? "goal" : t.kind === "training" ? (row.has("role") ? "role" : "trainingNeeds") : "name";
  let name = row.text(nameField);
  if (t.kind === "training" && row.has("trainingNeeds") && nameField === "role" && name)
    name = `${name}: ${row.text("trainingNeeds")}`.replace(/[.:\s]+$/, "");
  if (!name) name = `Row ${row.row + 1}`;
  const common = {
    sheet: t.sheet,
    row: row.row,
    cell: row.address(nameField),
    tableId: t.id,
    kind: t.kind,
    group: t.group,
    name,
    owner: row.text("owner") || undefined,
    priority: row.text("priority") || undefined,
    department: row.text("department") || t.group || undefined,
    weight: readWeight(row, ctx),
    groupWeight: t.groupWeight,
  };
  const timeline = readDate(row, "timeline", "Timeline", ctx);
  const review = reviewSchedule(row, name, ctx);
  const extra = { timeline: timeline !== undefined ? isoDate(timeline) : undefined, nextReview: review };
  if (t.kind === "training") return { ...common, ...extra, ...judgeTraining(row, name, timeline, ctx) };
  if (t.kind === "kpa") return { ...common, ...extra, status: "Needs Target", explanation: "No goal measures this element → Needs Target" };
  return { ...common, ...extra, ...judgeTarget(row, name, timeline, ctx) };
}

function readWeight(row: RowReader, ctx: Ctx): number | undefined {
  if (!row.has("weight")) return undefined;
  const r = row.read("weight", ctx.order);
  if (r.kind === "quantity" && r.q.value >= 0) return r.q.value;
  if (r.kind !== "none")
    ctx.problems.push(problem("weightNotANumber", "warning", row.table.sheet, row.address("weight"), { text: row.text("weight") }));
  return undefined;
}

const NO_DATE_WORDS = /^(ongoing|continuous|continual|n\/a|na|tbd|tbc|ad hoc|as needed|per gate|always|-|—|none|open)$/i;

function readDate(row: RowReader, field: Field, label: string, ctx: Ctx): Day | undefined {
  const r = row.read(field, ctx.order);
  if (r.kind === "date") {
    if (r.ambiguous)
      ctx.problems.push(problem("dateAmbiguous", "warning", row.table.sheet, row.address(field), { text: r.raw, read: longDate(r.day) }));
    return r.day;
  }
  if (r.kind === "none") return undefined;
  const text = row.text(field);
  if (NO_DATE_WORDS.test(text)) return undefined;
  const parsed = parseDateText(text, ctx.order);
  if (parsed) {
    if (parsed.ambiguous)
      ctx.problems.push(problem("dateAmbiguous", "warning", row.table.sheet, row.address(field), { text, read: longDate(parsed.day) }));
    return parsed.day;
  }
  ctx.problems.push(problem("dateNotUnderstood", "warning", row.table.sheet, row.address(field), { text, column: label }));
  return undefined;
}

const FREQUENCIES: readonly [RegExp, number | null][] = [
  [/^(daily|every day|each day)$/, 0],
  [/^(weekly|every week|each week)$/, 0.25],
  [/^(bi-?weekly|fortnightly|every (2|two) weeks)$/, 0.5],
  [/^(monthly|every month|each month)$/, 1],
  [/^(bi-?monthly|every (2|two) months)$/, 2],
  [/^(quarterly|every quarter|every (3|three) months)$/, 3],
  [/^(bi-?annual(ly)?|semi-?annual(ly)?|twice a year|half-?yearly|every (6|six) months)$/, 6],
  [/^(annual(ly)?|yearly|every year|once a year)$/, 12],
  [/^(per gate|ad hoc|ad-hoc|as needed|as required|on demand|ongoing|continuous|real-?time|per project|per release|per launch)$/, null],
];

function reviewSchedule(row: RowReader, name: string, ctx: Ctx): string | undefined {
  if (!row.has("frequency")) return undefined;
  const text = row.text("frequency");
  if (!text) return undefined;
  const key = text
    .toLowerCase()
    .replace(/[.\s]+$/, "")
    .replace(/\s+/g, " ");
  const found = FREQUENCIES.find(([re]) => re.test(key));
  if (!found) {
    ctx.problems.push(problem("frequencyNotUnderstood", "warning", row.table.sheet, row.address("frequency"), { text }));
    return undefined;
  }
  const months = found[1];
  if (months === null || !row.has("lastReview")) return undefined;
  const last = readDate(row, "lastReview", "Last review", ctx);
  if (last === undefined) return undefined;
  const due = months === 0 ? last + 1 : months === 0.25 ? last + 7 : months === 0.5 ? last + 14 : addMonths(last, months);
  if (due < ctx.asOf) {
    ctx.problems.push(
      problem("reviewOverdue", "warning", row.table.sheet, row.address("lastReview"), {
        name,
        due: longDate(due),
        last: longDate(last),
        frequency: text,
      }),
    );
  }
  return isoDate(due);
}

type Judgement = Pick<
  RowResult,
  "status" | "explanation" | "progress" | "actual" | "target" | "gap" | "shortfall" | "actualFrom" | "trend"
>;

function judgeTraining(row: RowReader, name: string, timeline: Day | undefined, ctx: Ctx): Judgement {
  const field: Field | undefined = row.has("completed") ? "completed" : row.has("status") ? "status" : undefined;
  if (!field) return { status: "No Data", explanation: "No completion column (Completed or Done) → No Data" };
  const r = row.read(field, ctx.order);
  let done = false;
  let detail = "not done";
  if (r.kind === "bool") done = r.value;
  else if (r.kind === "date") {
    done = r.day <= ctx.asOf;
    detail = done ? `completed ${longDate(r.day)}` : `planned for ${longDate(r.day)}`;
  } else if (r.kind === "text" || r.kind === "quantity") {
    const text = row.text(field);
    done = isAffirmative(text) || (r.kind === "quantity" && r.q.unit === "percent" && r.q.value >= 100);
    if (
      !done &&
      r.kind === "text" &&
      !/^(no|not yet|in progress|pending|planned|scheduled|open|false|started|not started|ongoing)$/i.test(text)
    ) {
      ctx.problems.push(problem("completionNotUnderstood", "warning", row.table.sheet, row.address(field), { text }));
    }
  }
  const due = timeline !== undefined ? `due ${longDate(timeline)}` : "";
  if (done) return { status: "Met", explanation: `${detail === "not done" ? "Done" : `Done, ${detail}`} → Met`, progress: 1 };
  if (timeline === undefined) {
    ctx.problems.push(problem("trainingNoTimeline", "warning", row.table.sheet, row.address("timeline"), { name }));
    return { status: "Needs Target", explanation: "Not done and no timeline to judge by → Needs Target", progress: 0 };
  }
  if (timeline < ctx.asOf) return { status: "Overdue", explanation: `Not done, ${due} → Overdue`, progress: 0 };
  return { status: "On Track", explanation: `Not done yet, ${due} → On Track`, progress: 0 };
}

interface Resolved {
  comparator: Comparator;
  value: Quantity;
  upper?: Quantity;
  baseline?: Quantity;
  note?: string;
}

function judgeTarget(row: RowReader, name: string, timeline: Day | undefined, ctx: Ctx): Judgement {
  const sheet = row.table.sheet;
  let targetText = row.text("target");
  let targetField: Field = "target";
  let fromGoal = false;
  if (!targetText && row.table.kind === "goals" && row.text("goal")) {
    // A goal like "Achieve NPS of 70" still says what to aim for.
    const g = parseTarget(row.text("goal"));
    if (g.ok) {
      targetText = row.text("goal");
      targetField = "goal";
      fromGoal = true;
    }
  }
  const logged = ctx.log.for(name).filter((e) => e.day <= ctx.asOf);
  const latest = logged[logged.length - 1];
  let actual = row.read("actual", ctx.order);
  let actualAt = { sheet, cell: row.address("actual") };
  let actualFrom: ActualFrom | undefined;
  if (latest && (actual.kind === "none" ? actual.why !== "error" : false)) {
    // An empty Actual takes the latest logged value on or before the as-of date.
    actual = latest.value;
    actualAt = { sheet: latest.sheet, cell: latest.valueCell };
    actualFrom = fromEntry("log", latest);
  } else if (latest) actualFrom = fromEntry("table", latest);
  if (actual.kind === "none") {
    const why = !row.has("actual")
      ? "No Actual column in this table"
      : actual.why === "error"
        ? `Actual is an error (${actual.raw})`
        : "No actual value yet";
    const unlogged = ctx.log.log.tables.length > 0 && actual.why !== "error" ? ", and none logged" : "";
    return { status: "No Data", explanation: `${why}${unlogged} → No Data`, target: targetText || undefined };
  }
  const rawTarget = row.raw(targetField);
  const parsed = parseTarget(typeof rawTarget === "number" && !fromGoal ? targetNumber(row, targetField, ctx) : targetText);
  const actualText = actual.kind === "text" ? actual.text : actual.raw;
  const source = sourceNote(actualFrom, actual);
  if (!parsed.ok) {
    if (parsed.empty) return { status: "Needs Target", explanation: "No target → Needs Target", actual: actualText };
    ctx.problems.push(
      problem("targetNotUnderstood", "error", sheet, row.address(targetField), { target: targetText, reason: parsed.reason }),
    );
    return {
      status: "Needs Target",
      explanation: `Target "${targetText}" not understood → Needs Target`,
      actual: actualText,
      target: targetText,
    };
  }
  const target = parsed.target;
  const suffix = fromGoal ? " (target from the Goal text)" : "";
  if (target.kind === "categorical")
    return { ...judgeCategorical(actual, actualText, target, timeline, ctx, `${source}${suffix}`), actualFrom };

  const rowName = row.table.kind === "goals" ? row.text("goal") : row.text("name");
  const polarityText = row.text("direction");
  const dir = inferDirection(rowName, `${row.text("goal")} ${targetText}`, polarityText || undefined);
  const direction: Direction = polarityText && parsePolarity(polarityText) ? dir.direction : (target.verbDirection ?? dir.direction);
  if (polarityText && target.comparator && target.comparator !== "between" && target.comparator !== "=") {
    const cmpDir: Direction = target.comparator.startsWith(">") ? "higher" : "lower";
    if (parsePolarity(polarityText) && cmpDir !== dir.direction) {
      ctx.problems.push(
        problem("comparatorConflict", "warning", sheet, row.address("target"), { target: targetText, direction: polarityText }),
      );
    }
  }

  const baselineReading = row.read("baseline", ctx.order);
  const resolved = resolveTarget(target, direction, baselineReading);
  if (!resolved) {
    ctx.problems.push(problem("targetNeedsBaseline", "error", sheet, row.address(targetField), { target: targetText }));
    return {
      status: "Needs Target",
      explanation: `Target "${targetText}" needs a Baseline → Needs Target`,
      actual: actualText,
      target: targetText,
    };
  }
  const targetDisplay = describeTarget(resolved);
  if (actual.kind !== "quantity") {
    ctx.problems.push(problem("actualNotANumber", "error", actualAt.sheet, actualAt.cell, { actual: actualText, target: targetDisplay }));
    return {
      status: "No Data",
      explanation: `Actual "${actualText}" is not a number → No Data`,
      actual: actualText,
      target: targetDisplay,
    };
  }
  const a = align(actual.q, resolved.value);
  if (a === undefined) {
    ctx.problems.push(
      problem("unitMismatch", "error", actualAt.sheet, actualAt.cell, {
        actual: actualText,
        actualUnit: UNIT_NAMES[actual.q.unit],
        target: targetDisplay,
        targetUnit: UNIT_NAMES[resolved.value.unit],
      }),
    );
    return {
      status: "No Data",
      explanation: `Actual "${actualText}" is in another unit than the target → No Data`,
      actual: actualText,
      target: targetDisplay,
    };
  }
  if (resolved.value.unit === "percent" && actual.q.unit === "number" && a !== 0 && Math.abs(a) <= 1) {
    ctx.problems.push(problem("percentAmbiguous", "warning", actualAt.sheet, actualAt.cell, { actual: actualText }));
  }
  const actualQ: Quantity = { ...resolved.value, value: a };
  const actualDisplay = formatQuantity(actualQ);
  const head = `${actualDisplay}${source} vs ${targetDisplay}${resolved.note ? ` (${resolved.note})` : ""}${suffix}`;
  const progress = computeProgress(a, resolved);
  // A typed Actual is today's reading: the trend runs through it, not past it.
  const typedToday = actualFrom?.kind === "table" ? { day: ctx.asOf, value: a } : undefined;
  const trend = trendOf(logged, resolved, timeline, ctx, typedToday);
  const base = { actual: actualDisplay, target: targetDisplay, progress, actualFrom, trend };

  if (satisfies(a, resolved)) return { ...base, status: "Met", explanation: `${head}: target met → Met`, shortfall: 0 };
  const short = shortfall(a, resolved);
  const shortText = `${formatPercent(short)} ${resolved.comparator.startsWith("<") || (resolved.comparator === "between" && a > (resolved.upper?.value ?? a)) ? "over" : "short"}`;
  if (timeline !== undefined && timeline < ctx.asOf) {
    return {
      ...base,
      status: "Overdue",
      explanation: `${head}: ${shortText}, was due ${longDate(timeline)} → Overdue`,
      gap: shortText,
      shortfall: short,
    };
  }
  const tol = formatPercent(ctx.tolerance);
  const projection = trend?.projection;
  if (projection) {
    // A trend that reaches the target by the deadline is on track, whatever today's shortfall.
    const projected = projectionText(projection);
    if (projection.reaches)
      return {
        ...base,
        status: "On Track",
        explanation: `${head}: ${shortText}, ${projected} → On Track`,
        gap: shortText,
        shortfall: short,
      };
    const status: Status = short <= ctx.tolerance ? "At Risk" : "Off Track";
    const within = short <= ctx.tolerance ? `within ${tol} tolerance` : `beyond ${tol} tolerance`;
    return { ...base, status, explanation: `${head}: ${shortText}, ${within}, ${projected} → ${status}`, gap: shortText, shortfall: short };
  }
  const start = row.has("start") ? readDate(row, "start", "Start", ctx) : undefined;
  if (resolved.baseline && start !== undefined && timeline !== undefined && timeline > start) {
    const elapsed = Math.min(1, Math.max(0, (ctx.asOf - start) / (timeline - start)));
    const way = baselineProgress(a, resolved);
    if (way !== undefined && way >= elapsed) {
      return {
        ...base,
        status: "On Track",
        explanation: `${head}: ${formatPercent(way)} of the way with ${formatPercent(elapsed)} of the time gone → On Track`,
        gap: shortText,
        shortfall: short,
      };
    }
  }
  if (short <= ctx.tolerance)
    return {
      ...base,
      status: "At Risk",
      explanation: `${head}: ${shortText}, within ${tol} tolerance → At Risk`,
      gap: shortText,
      shortfall: short,
    };
  return {
    ...base,
    status: "Off Track",
    explanation: `${head}: ${shortText}, beyond ${tol} tolerance → Off Track`,
    gap: shortText,
    shortfall: short,
  };
}

function fromEntry(kind: ActualFrom["kind"], e: LogEntry): ActualFrom {
  const value = e.value.kind === "text" ? e.value.text : e.value.kind === "none" ? "" : e.value.raw;
  return { kind, sheet: e.sheet, cell: e.valueCell, date: isoDate(e.day), source: e.source, value: displayReading(e.value) || value };
}

function displayReading(r: Reading): string {
  return r.kind === "quantity" ? formatQuantity(r.q) : r.kind === "text" ? r.text : r.kind === "none" ? "" : r.raw;
}

/** " (logged Sep 30, 2050, Helpdesk export)", or for a typed Actual " (typed Actual, used over the log's 84% of Sep 30, 2050)". */
function sourceNote(from: ActualFrom | undefined, actual: Reading): string {
  if (!from) return "";
  const day = parseIsoDate(from.date) as Day;
  if (from.kind === "log") return ` (logged ${longDate(day)}${from.source ? `, ${from.source}` : ""})`;
  if (displayReading(actual) === from.value) return ` (typed Actual, as logged ${longDate(day)})`;
  return ` (typed Actual, used over the log's ${from.value} of ${longDate(day)})`;
}

function polarityOf(r: Resolved): Polarity {
  switch (r.comparator) {
    case ">=":
    case ">":
      return { kind: "higher" };
    case "<=":
    case "<":
      return { kind: "lower" };
    case "=":
      return { kind: "toward", lo: r.value.value, hi: r.value.value };
    case "between":
      return { kind: "toward", lo: r.value.value, hi: r.upper?.value ?? r.value.value };
  }
}

/** The trend of the logged values in the target's unit; values that cannot be compared are reported and left out. */
function trendOf(
  logged: readonly LogEntry[],
  resolved: Resolved,
  timeline: Day | undefined,
  ctx: Ctx,
  today?: { day: Day; value: number },
): Trend | undefined {
  if (logged.length < 2) return undefined;
  const points: { day: Day; value: number }[] = [];
  for (const e of logged) {
    const v = e.value.kind === "quantity" ? align(e.value.q, resolved.value) : undefined;
    if (v === undefined) {
      ctx.problems.push(
        problem("logValueUnusable", "warning", e.sheet, e.valueCell, {
          kpi: e.kpi,
          value: displayReading(e.value),
          date: describeEntry(e),
        }),
      );
      continue;
    }
    points.push({ day: e.day, value: v });
  }
  // The same value as the latest entry is that entry, typed again.
  if (today && points[points.length - 1]?.value !== today.value) points.push(today);
  return computeTrend({
    points,
    unit: resolved.value,
    polarity: polarityOf(resolved),
    projectTo: timeline !== undefined && timeline > ctx.asOf ? timeline : undefined,
    meets: (v) => satisfies(v, resolved),
  });
}

/** A numeric Target cell keeps its number format: 0.85 in a 0% cell is 85%. */
function targetNumber(row: RowReader, field: Field, ctx: Ctx): string {
  const r = row.read(field, ctx.order);
  if (r.kind === "quantity")
    return r.q.unit === "percent" ? `${r.q.value}%` : r.q.unit === "currency" ? `${r.q.currency ?? "$"}${r.q.value}` : String(r.q.value);
  return row.text(field);
}

function judgeCategorical(
  actual: Reading,
  actualText: string,
  target: Extract<Target, { kind: "categorical" }>,
  timeline: Day | undefined,
  ctx: Ctx,
  suffix: string,
): Judgement {
  const text = actual.kind === "bool" ? (actual.value ? "Yes" : "No") : actualText;
  const matches = text.trim().toLowerCase() === target.expected.toLowerCase() || (target.affirmative && isAffirmative(text));
  const head = `"${text}" vs "${target.expected}"${suffix}`;
  const base = { actual: text, target: `"${target.expected}"` };
  if (matches) return { ...base, status: "Met", explanation: `${head}: matches → Met`, progress: 1 };
  if (timeline !== undefined && timeline < ctx.asOf)
    return {
      ...base,
      status: "Overdue",
      explanation: `${head}: not yet, was due ${longDate(timeline)} → Overdue`,
      progress: 0,
      gap: "not met",
    };
  return { ...base, status: "Off Track", explanation: `${head}: not yet → Off Track`, progress: 0, gap: "not met" };
}

const UNIT_NAMES: Record<Unit, string> = {
  number: "number",
  percent: "percentage",
  currency: "money amount",
  hours: "duration",
  ratio: "ratio",
  score: "score",
};
const DISPLAY_HOURS = { min: 1 / 60, h: 1, days: 24, weeks: 168 } as const;

/** The actual's value in the target's unit, or undefined when they cannot be compared. */
function align(actual: Quantity, target: Quantity): number | undefined {
  switch (target.unit) {
    case "number":
      return actual.value;
    case "percent":
      return actual.unit === "percent" || actual.unit === "number" ? actual.value : undefined;
    case "currency":
      return actual.unit === "currency" || actual.unit === "number" ? actual.value : undefined;
    case "hours":
      if (actual.unit === "hours") return actual.value;
      return actual.unit === "number" ? actual.value * DISPLAY_HOURS[target.display ?? "h"] : undefined;
    case "ratio":
      return actual.unit === "ratio" || actual.unit === "number" ? actual.value : undefined;
    case "score":
      if (actual.unit === "score") return actual.outOf && target.outOf ? (actual.value / actual.outOf) * target.outOf : actual.value;
      return actual.unit === "number" ? actual.value : undefined;
  }
}

function resolveTarget(t: NumericTarget, direction: Direction, baselineReading: Reading): Resolved | undefined {
  const baselineQ = baselineReading.kind === "quantity" ? baselineReading.q : t.impliedBaseline;
  if (t.change) {
    if (!baselineQ) return undefined;
    const sign = t.change.signed ? Math.sign(t.change.amount) || 1 : direction === "lower" ? -1 : 1;
    const amount = Math.abs(t.change.amount) * sign;
    const unitQ: Quantity = t.change.mode === "points" && t.value.unit !== "number" ? { ...t.value } : { ...baselineQ };
    const base = align(baselineQ, unitQ) ?? baselineQ.value;
    const value = t.change.mode === "percent" ? base * (1 + amount / 100) : base + amount;
    const amountText =
      t.change.mode === "percent"
        ? `${amount >= 0 ? "+" : "−"}${formatPlain(Math.abs(amount))}%`
        : `${amount >= 0 ? "+" : "−"} ${formatQuantity({ ...unitQ, value: Math.abs(amount) })}${unitQ.unit === "number" ? " points" : ""}`;
    const baseline = { ...unitQ, value: base };
    return {
      comparator: amount >= 0 ? ">=" : "<=",
      value: { ...unitQ, value: round(value) },
      baseline,
      note: `baseline ${formatQuantity(baseline)} ${amountText}`,
    };
  }
  const comparator: Comparator = t.comparator ?? (direction === "lower" ? "<=" : ">=");
  let baseline: Quantity | undefined;
  if (baselineQ) {
    const b = align(baselineQ, t.value);
    if (b !== undefined) baseline = { ...t.value, value: b };
  }
  return { comparator, value: t.value, upper: t.upper, baseline, note: baseline ? `baseline ${formatQuantity(baseline)}` : undefined };
}

function round(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}

function formatPlain(n: number): string {
  return n.toFixed(2).replace(/\.?0+$/, "");
}

export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return "100%+";
  const pct = fraction * 100;
  return `${pct >= 10 || Number.isInteger(pct) ? Math.round(pct) : pct.toFixed(1).replace(/\.0$/, "")}%`;
}

function describeTarget(r: Resolved): string {
  if (r.comparator === "between" && r.upper) return `between ${formatQuantity(r.value)} and ${formatQuantity(r.upper)}`;
  return `${comparatorSymbol(r.comparator)} ${formatQuantity(r.value)}`;
}

const EPS = 1e-9;

function satisfies(a: number, r: Resolved): boolean {
  const t = r.value.value;
  const tol = EPS * Math.max(1, Math.abs(t));
  switch (r.comparator) {
    case ">=":
      return a >= t - tol;
    case ">":
      return a > t + tol;
    case "<=":
      return a <= t + tol;
    case "<":
      return a < t - tol;
    case "=":
      return Math.abs(a - t) <= tol;
    case "between":
      return a >= t - tol && a <= (r.upper?.value ?? t) + tol;
  }
}

/** How far short of the target, relative to the target value. */
function shortfall(a: number, r: Resolved): number {
  let bound = r.value.value;
  if (r.comparator === "between" && r.upper && a > r.upper.value) bound = r.upper.value;
  const diff = Math.abs(a - bound);
  if (diff === 0) return 0;
  return bound === 0 ? Number.POSITIVE_INFINITY : diff / Math.abs(bound);
}

function baselineProgress(a: number, r: Resolved): number | undefined {
  if (!r.baseline) return undefined;
  const span = r.value.value - r.baseline.value;
  if (span === 0) return undefined;
  return (a - r.baseline.value) / span;
}

function clamp01(n: number): number {
  return Math.min(1, Math.max(0, n));
}

function computeProgress(a: number, r: Resolved): number | undefined {
  if (satisfies(a, r)) return 1;
  const fromBaseline = baselineProgress(a, r);
  if (fromBaseline !== undefined) return clamp01(fromBaseline);
  const t = r.value.value;
  if (r.comparator.startsWith(">")) return t > 0 ? clamp01(a / t) : undefined;
  if (r.comparator.startsWith("<")) return a > 0 ? clamp01(t / a) : undefined;
  return clamp01(1 - shortfall(a, r));
}

// --- KPA elements: linked to the goals that measure them -------------------------------------------

function linkElements(rows: RowResult[], ctx: Ctx): RowResult[] {
  const goals = rows.filter((r) => r.kind === "goals" || r.kind === "kpi");
  return rows.map((r) => {
    if (r.kind !== "kpa") return r;
    const acr = acronyms(r.name);
    const words = significantWords(r.name);
    const linked = goals.filter((g) => {
      const gAcr = acronyms(g.name);
      if ([...acr].some((a) => gAcr.has(a))) return true;
      const gWords = significantWords(g.name);
      return [...words].some((w) => gWords.has(w));
    });
    if (linked.length === 0) {
      ctx.problems.push(problem("elementUnlinked", "warning", r.sheet, r.cell, { element: r.name }));
      return r;
    }
    const status = worst(linked.map((g) => g.status)) as Status;
    const culprit = linked.find((g) => g.status === status) as RowResult;
    const progresses = linked.map((g) => g.progress).filter((p): p is number => p !== undefined);
    const explanation =
      linked.length === 1
        ? `Its goal "${culprit.name}" is ${status} → ${status}`
        : `Worst of ${linked.length} goals: "${culprit.name}" is ${status} → ${status}`;
    return {
      ...r,
      status,
      explanation,
      progress: progresses.length ? Math.min(...progresses) : undefined,
      actual: culprit.actual,
      target: culprit.target,
      gap: culprit.gap,
      shortfall: culprit.shortfall,
      trend: culprit.trend,
      linked: linked.map((g) => g.key),
    };
  });
}

// --- Accountability: every owner should have a role row ---------------------------------------------

function checkAccountability(wb: WorkbookGrid, tables: readonly Table[], ctx: Ctx): RoleGap[] {
  const roleTables = tables.filter((t) => t.kind === "roles");
  if (roleTables.length === 0) return [];
  const roles: string[] = [];
  for (const t of roleTables) {
    const sheet = wb.sheets.find((s) => s.name === t.sheet);
    const col = t.fields.role ?? t.fields.name;
    if (!sheet || col === undefined) continue;
    const view = new SheetView(sheet);
    for (let r = t.firstRow; r <= t.lastRow; r++) {
      const text = view.text(r, col);
      if (text) roles.push(text);
    }
  }
  const known = new Set(roles.map(normName));
  const missing = new Map<string, { owner: string; cells: string[]; sheet: string; first: string }>();
  for (const t of tables) {
    if (t.kind === "roles" || t.kind === "training" || t.fields.owner === undefined) continue;
    const sheet = wb.sheets.find((s) => s.name === t.sheet);
    if (!sheet) continue;
    const view = new SheetView(sheet);
    const col = t.fields.owner;
    for (let r = t.firstRow; r <= t.lastRow; r++) {
      for (const owner of view
        .text(r, col)
        .split(/[/;,]/)
        .map((s) => s.trim())
        .filter(Boolean)) {
        const key = normName(owner);
        if (known.has(key)) continue;
        const entry = missing.get(key) ?? { owner, cells: [], sheet: t.sheet, first: cellAddress(r, col) };
        entry.cells.push(`${t.sheet === entry.sheet ? "" : `${t.sheet}!`}${cellAddress(r, col)}`);
        missing.set(key, entry);
      }
    }
  }
  const gaps: RoleGap[] = [];
  for (const m of missing.values()) {
    const gap = { owner: m.owner, cells: m.cells.join(", "), sheet: m.sheet, cell: m.first, suggestion: closestRole(m.owner, roles) };
    gaps.push(gap);
    ctx.problems.push(problem("ownerWithoutRole", "warning", m.sheet, m.first, gap));
  }
  return gaps;
}

function normName(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

function closestRole(owner: string, roles: readonly string[]): string | undefined {
  const words = normName(owner).split(" ");
  let best: string | undefined;
  let bestScore = 0;
  for (const role of roles) {
    const rw = new Set(normName(role).split(" "));
    const shared = words.filter((w) => rw.has(w)).length;
    const score = shared / Math.max(words.length, rw.size);
    if (score > bestScore) {
      best = role;
      bestScore = score;
    }
  }
  return bestScore >= 0.6 ? best : undefined;
}

/** Rows not Met, worst first: by status, then by how far short, then by priority. */
export function gapsWorstFirst(rows: readonly RowResult[]): RowResult[] {
  const prio = (p?: string) => (p ? (/high|critical|urgent|^1$|^p1$/i.test(p) ? 0 : /medium|normal|^2$|^p2$/i.test(p) ? 1 : 2) : 3);
  return rows
    .filter((r) => r.status !== "Met")
    .map((r, i) => ({ r, i }))
    .sort(
      (x, y) =>
        severity(x.r.status) - severity(y.r.status) ||
        (y.r.shortfall ?? 0) - (x.r.shortfall ?? 0) ||
        prio(x.r.priority) - prio(y.r.priority) ||
        x.i - y.i,
    )
    .map((x) => x.r);
}
