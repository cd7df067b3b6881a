// Goal and KPI rows: the actual (typed, or the latest logged value) against the target, as of a date.
import { type Day, isoDate, longDate, parseDateText, parseIsoDate } from "../dates";
import { EXPLAIN, formatPercent } from "../explain";
import type { Field } from "../headers";
import { type LogEntry, describeEntry } from "../log";
import type { ActualFrom, Judgement } from "../model";
import type { Status } from "../status";
import { problem } from "../problems";
import type { JudgeContext, RowReader } from "../row-reader";
import { readDate, readTarget } from "../row-reader";
import { type Direction, inferDirection, parsePolarity } from "../direction";
import { type Trend, computeTrend, projectionText } from "../trend";
import { type Quantity, type Reading, formatQuantity } from "../values";
import { type CategoricalTarget, type TargetParse, deadlineText, milestoneGoal } from "../targets";
import { statusForRow } from "./band";
import { rowRule } from "./thresholds";
import { judgeCategorical } from "./categorical";
import {
  type Resolved,
  adoptUnit,
  align,
  baselineProgress,
  computeProgress,
  describeTarget,
  isOver,
  polarityOf,
  resolveTarget,
  satisfies,
  shortfall,
  unitName,
} from "./quantity";

/** Where a row's target is written: its Target cell, or else a goal that says what to reach or what to deliver. */
interface TargetSource {
  readonly text: string;
  readonly field: Field;
  readonly fromGoal: boolean;
  /** A goal sentence that is a piece of work ("Create a tool …"): a milestone to finish. */
  readonly milestone?: CategoricalTarget;
}

function targetSource(row: RowReader, ctx: JudgeContext): TargetSource {
  const text = row.text("target");
  const goal = row.text("goal");
  if (text || row.table.kind !== "goals" || !goal) return { text, field: "target", fromGoal: false };
  // A goal like "Achieve NPS of 70" still says what to aim for; "Create a tool …" says what to deliver.
  if (readTarget(ctx, goal).ok) return { text: goal, field: "goal", fromGoal: true };
  const milestone = milestoneGoal(goal);
  return milestone ? { text: goal, field: "goal", fromGoal: true, milestone } : { text, field: "target", fromGoal: false };
}

export function judgeTarget(row: RowReader, name: string, timeline: Day | undefined, ctx: JudgeContext): Judgement {
  const source = targetSource(row, ctx);
  if (timeline !== undefined) return judgeAgainst(row, name, timeline, ctx, source);
  // No Timeline: a deadline written into the target or the goal ("… by March 2010") is the row's timeline.
  const written = deadlineText(source.text) ?? deadlineText(row.text("goal"));
  const due = written === undefined ? undefined : parseDateText(written, ctx)?.day;
  const judged = judgeAgainst(row, name, due, ctx, source);
  return due === undefined ? judged : { ...judged, timeline: isoDate(due) };
}

function judgeAgainst(row: RowReader, name: string, timeline: Day | undefined, ctx: JudgeContext, from: TargetSource): Judgement {
  const sheet = row.table.sheet;
  const targetText = from.text;
  const targetField = from.field;
  const fromGoal = from.fromGoal;
  const logged = ctx.log.for(name).filter((e) => e.day <= ctx.asOf);
  const latest = logged[logged.length - 1];
  let actual = row.read("actual", ctx);
  let actualAt = { sheet, cell: row.address("actual") };
  let actualFrom: ActualFrom | undefined;
  if (latest && (actual.kind === "none" ? actual.why !== "error" : false)) {
    // An empty Actual takes the latest logged value on or before the as-of date.
    actual = latest.value;
    actualAt = { sheet: latest.sheet, cell: latest.valueCell };
    actualFrom = fromEntry("log", latest);
  } else if (latest) actualFrom = fromEntry("table", latest);
  if (actual.kind === "none") {
    const why = !row.has("actual") ? "no column" : actual.why === "error" ? "error" : "empty";
    const unlogged = ctx.log.log.tables.length > 0 && actual.why !== "error";
    return { status: "No Data", explanation: EXPLAIN.noData({ why, raw: actual.raw, unlogged }), target: targetText || undefined };
  }
  const rawTarget = row.raw(targetField);
  const parsed: TargetParse = from.milestone
    ? { ok: true, target: from.milestone }
    : readTarget(ctx, typeof rawTarget === "number" && !fromGoal ? targetNumber(row, targetField, ctx) : targetText);
  const actualText = actual.kind === "text" ? actual.text : actual.raw;
  const source = sourceNote(actualFrom, actual);
  if (!parsed.ok) {
    if (parsed.empty) return { status: "Needs Target", explanation: EXPLAIN.noTarget(), actual: actualText };
    // A value that is no status word ("Gold", "Tier A") is still met by an actual that says exactly the same.
    if (actual.kind === "text" && sameWords(actual.text, targetText)) {
      const expected = { kind: "categorical" as const, expected: targetText.trim(), affirmative: false };
      return { ...judgeCategorical(actual, actualText, expected, timeline, ctx, { source, fromGoal, ...actualAt }), actualFrom };
    }
    ctx.problems.push(
      problem("targetNotUnderstood", "error", sheet, row.address(targetField), { target: targetText, reason: parsed.reason }),
    );
    return {
      status: "Needs Target",
      explanation: EXPLAIN.targetNotUnderstood({ target: targetText }),
      actual: actualText,
      target: targetText,
    };
  }
  let target = parsed.target;
  if (target.kind === "categorical")
    return { ...judgeCategorical(actual, actualText, target, timeline, ctx, { source, fromGoal, ...actualAt }), actualFrom };

  const rowName = row.table.kind === "goals" ? row.text("goal") : row.text("name");
  const polarityText = row.text("direction");
  const dir = inferDirection(rowName, `${row.text("goal")} ${targetText}`, polarityText || undefined);
  const direction: Direction = polarityText && parsePolarity(polarityText) ? dir.direction : (target.verbDirection ?? dir.direction);
  if (target.reading === "zero") {
    // A zero target is "none allowed" whatever the name says; only a Direction column can make it a floor (≥ 0).
    if (polarityText && parsePolarity(polarityText) === "higher") target = { ...target, comparator: ">=", reading: undefined };
    else if (dir.direction === "higher" && dir.because === "wording")
      ctx.problems.push(problem("zeroTargetReadAsNone", "warning", sheet, row.address(targetField), { target: targetText }));
  }
  if (polarityText && target.comparator && target.comparator !== "between" && target.comparator !== "=") {
    const cmpDir: Direction = target.comparator.startsWith(">") ? "higher" : "lower";
    if (parsePolarity(polarityText) && cmpDir !== dir.direction) {
      ctx.problems.push(
        problem("comparatorConflict", "warning", sheet, row.address("target"), { target: targetText, direction: polarityText }),
      );
    }
  }

  if (actual.kind === "quantity" && target.change && target.asGrowth && actual.q.unit === "percent") {
    // A change against a rate of change: "20% reduction" is met by −20% or lower, or by a reduction of 20% or more.
    const negative = target.change.amount < 0 && actual.q.value < 0;
    const value = negative ? { ...target.asGrowth, value: -target.asGrowth.value } : target.asGrowth;
    target = { kind: "numeric", comparator: negative ? "<=" : ">=", value, verbDirection: target.verbDirection };
  }
  if (actual.kind === "quantity") {
    const adopted = adoptUnit(target, actual.q, actual.evidence);
    if (adopted.ambiguous) {
      ctx.problems.push(
        problem("targetFractionAmbiguous", "error", sheet, row.address(targetField), { target: targetText, actual: actualText }),
      );
      return {
        status: "Needs Target",
        explanation: EXPLAIN.targetFractionAmbiguous({ target: targetText }),
        actual: actualText,
        target: targetText,
      };
    }
    target = adopted.target;
  }
  const baselineReading = row.read("baseline", ctx);
  const resolved = resolveTarget(target, direction, baselineReading.kind === "quantity" ? baselineReading.q : target.impliedBaseline);
  if (!resolved) {
    ctx.problems.push(problem("targetNeedsBaseline", "error", sheet, row.address(targetField), { target: targetText }));
    return {
      status: "Needs Target",
      explanation: EXPLAIN.targetNeedsBaseline({ target: targetText }),
      actual: actualText,
      target: targetText,
    };
  }
  const targetDisplay = describeTarget(resolved);
  if (actual.kind !== "quantity") {
    ctx.problems.push(problem("actualNotANumber", "error", actualAt.sheet, actualAt.cell, { actual: actualText, target: targetDisplay }));
    return { status: "No Data", explanation: EXPLAIN.actualNotANumber({ actual: actualText }), actual: actualText, target: targetDisplay };
  }
  // Nothing is nothing in any unit: against a zero target, any amount of anything is over it ("40,900 tCO2e").
  const anyAmount = resolved.zero && align(actual.q, resolved.value) === undefined;
  const a = anyAmount ? actual.q.value : align(actual.q, resolved.value);
  if (a === undefined) {
    ctx.problems.push(
      problem("unitMismatch", "error", actualAt.sheet, actualAt.cell, {
        actual: actualText,
        actualUnit: unitName(actual.q),
        target: targetDisplay,
        targetUnit: unitName(resolved.value),
      }),
    );
    return { status: "No Data", explanation: EXPLAIN.unitMismatch({ actual: actualText }), actual: actualText, target: targetDisplay };
  }
  if (resolved.value.unit === "percent" && actual.q.unit === "number" && a !== 0 && Math.abs(a) <= 1) {
    ctx.problems.push(problem("percentAmbiguous", "warning", actualAt.sheet, actualAt.cell, { actual: actualText }));
  }
  // In the target's unit, but qualified only as the actual itself was ("88%" against "90% year-over-year").
  const rv = resolved.value;
  // Written out rather than spread: per-row spreads were most of this function's time (issue 13).
  const actualQ: Quantity = anyAmount
    ? actual.q
    : {
        value: a,
        unit: rv.unit,
        currency: rv.currency,
        outOf: rv.outOf,
        display: rv.display,
        label: rv.label,
        per: rv.per,
        growth: actual.q.growth,
      };
  const actualDisplay = formatQuantity(actualQ);
  const shown = actual.note ? `${actualDisplay} ${EXPLAIN.noteSetAside({ note: actual.note })}` : actualDisplay;
  const head = EXPLAIN.head({ actual: shown, source, target: targetDisplay, note: resolved.note, fromGoal });
  const progress = computeProgress(a, resolved);
  // Trends run through dated points only: a typed Actual has no date, so the log alone draws the line.
  const trend = trendOf(logged, resolved, timeline, ctx);
  // The projection starts from the log's latest value; it can speak for the row only when that is the value judged.
  const latestValue = latest?.value.kind === "quantity" ? align(latest.value.q, resolved.value) : undefined;
  const typedOverLog =
    actualFrom?.kind === "table" && latestValue !== undefined && Math.abs(latestValue - a) > 1e-9 * Math.max(1, Math.abs(a));
  if (typedOverLog && latest && actualFrom)
    ctx.problems.push(
      problem("typedActualDisagreesWithLog", "warning", actualAt.sheet, actualAt.cell, {
        actual: displayReading(actual),
        logged: actualFrom.value,
        date: longDate(latest.day),
      }),
    );
  // Every verdict of this function has one shape.
  const verdict = (status: Status, explanation: string, gap: string | undefined, short: number): Judgement => ({
    status,
    explanation,
    progress,
    actual: actualDisplay,
    target: targetDisplay,
    gap,
    shortfall: short,
    actualFrom,
    trend,
    timeline: undefined,
  });

  // The row's own Tolerance, Amber or Red columns decide its band where usable, else the workbook tolerance. Read
  // before the row is judged Met, so a threshold cell that cannot be used is reported whatever the row's status.
  const rule = rowRule(row, resolved, ctx);
  if (satisfies(a, resolved)) return verdict("Met", EXPLAIN.met({ head }), undefined, 0);
  const short = shortfall(a, resolved);
  const over = isOver(a, resolved);
  const side = over ? "over" : resolved.comparator === "between" ? "under" : "short";
  // Against a zero target a relative gap means nothing: say how much over it is.
  const shortText = Number.isFinite(short)
    ? `${formatPercent(short)} ${side}`
    : `${formatQuantity({ ...actualQ, value: Math.abs(a - resolved.value.value) })} ${side}`;
  if (timeline !== undefined && timeline < ctx.asOf)
    return verdict("Overdue", EXPLAIN.overdue({ head, short: shortText, due: longDate(timeline) }), shortText, short);
  const band = statusForRow(a, short, rule, ctx.tolerance, ctx.sectionTolerance === true);
  const projection = typedOverLog ? undefined : trend?.projection;
  if (projection) {
    // A trend that reaches the target by the deadline is on track, whatever today's shortfall.
    const projected = projectionText(projection);
    if (projection.reaches) return verdict("On Track", EXPLAIN.projectedOnTrack({ head, short: shortText, projected }), shortText, short);
    return verdict(band.status, EXPLAIN.projectedShort({ head, short: shortText, projected, ...band }), shortText, short);
  }
  const start = row.has("start") ? readDate(row, "start", "Start", ctx) : undefined;
  if (resolved.baseline && start !== undefined && timeline !== undefined && timeline > start) {
    const elapsed = Math.min(1, Math.max(0, (ctx.asOf - start) / (timeline - start)));
    const way = baselineProgress(a, resolved);
    if (way !== undefined && way >= elapsed) {
      const explanation = EXPLAIN.paceOnTrack({ head, way: formatPercent(way), elapsed: formatPercent(elapsed) });
      return verdict("On Track", explanation, shortText, short);
    }
  }
  return verdict(band.status, EXPLAIN.short({ head, short: shortText, ...band }), shortText, short);
}

function sameWords(a: string, b: string): boolean {
  const norm = (t: string) =>
    t
      .trim()
      .toLowerCase()
      .replace(/[.!]+$/, "")
      .replace(/\s+/g, " ");
  return norm(a) !== "" && norm(a) === norm(b);
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
  const date = longDate(parseIsoDate(from.date) as Day);
  if (from.kind === "log") return EXPLAIN.sourceLogged({ date, source: from.source });
  if (displayReading(actual) === from.value) return EXPLAIN.sourceTypedAsLogged({ date });
  return EXPLAIN.sourceTypedOverLog({ value: from.value, date });
}

/** The trend of the logged values in the target's unit; values that cannot be compared are reported and left out. */
function trendOf(logged: readonly LogEntry[], resolved: Resolved, timeline: Day | undefined, ctx: JudgeContext): Trend | undefined {
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
  return computeTrend({
    points,
    unit: resolved.value,
    polarity: polarityOf(resolved),
    projectTo: timeline !== undefined && timeline > ctx.asOf ? timeline : undefined,
    meets: (v) => satisfies(v, resolved),
  });
}

/** A numeric Target cell keeps its number format: 0.85 in a 0% cell is 85%. */
function targetNumber(row: RowReader, field: Field, ctx: JudgeContext): string {
  const r = row.read(field, ctx);
  if (r.kind === "quantity")
    return r.q.unit === "percent" ? `${r.q.value}%` : r.q.unit === "currency" ? `${r.q.currency ?? "$"}${r.q.value}` : String(r.q.value);
  return row.text(field);
}
