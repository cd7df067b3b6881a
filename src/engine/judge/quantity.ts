// A numeric target resolved against the row (direction, baseline) and the arithmetic every numeric judgement uses:
// aligning units, whether a value satisfies the target, how far short it is, and progress.
import { EXPLAIN } from "../explain";
import type { Direction } from "../direction";
import { type Comparator, type NumericTarget, comparatorSymbol } from "../targets";
import type { Polarity } from "../trend";
import { DAYS_PER, type Growth, HOURS_PER, type PercentEvidence, type Quantity, type Unit, formatQuantity, sameThing } from "../values";

export interface Resolved {
  comparator: Comparator;
  value: Quantity;
  upper?: Quantity;
  /** A band's centre ("100 ± 10"): a shortfall outside the band is relative to it. */
  centre?: Quantity;
  /** Nothing allowed: any amount over a zero target is beyond tolerance. */
  zero?: boolean;
  baseline?: Quantity;
  note?: string;
}

const UNIT_NAMES: Readonly<Record<Unit, string>> = {
  number: "number",
  percent: "percentage",
  currency: "money amount",
  hours: "duration",
  ratio: "ratio",
  score: "count out of a total",
};

const GROWTH_NAMES: Readonly<Record<Growth, string>> = {
  yoy: "year on year",
  qoq: "quarter on quarter",
  mom: "month on month",
  wow: "week on week",
  growth: "growth",
};

/** What a quantity measures, for a problem: "percentage (year on year)", "count of tickets", "number per week". */
export function unitName(q: Quantity): string {
  const words = countWords(q);
  const base = words ? `count of ${words}${q.unit === "score" ? " out of a total" : ""}` : UNIT_NAMES[q.unit];
  return `${base}${q.per ? ` per ${q.per}` : ""}${q.growth ? ` (${GROWTH_NAMES[q.growth]})` : ""}`;
}

/** The words naming what a count counts: only a plain number or a count out of a total has them as its unit. */
function countWords(q: Quantity): string | undefined {
  return q.unit === "number" || q.unit === "score" ? q.label : undefined;
}

/** A number with nothing after it: it takes the other side's unit. */
function isBare(q: Quantity): boolean {
  return q.unit === "number" && !q.label && !q.per && !q.growth;
}

const COUNTS: ReadonlySet<Unit> = new Set<Unit>(["number", "score"]);

/**
 * Whether two quantities can be compared at all: growth over the same period (or one side silent), counts of the same
 * thing, and no count or rate against a percentage, money amount, duration or ratio.
 */
function comparable(a: Quantity, t: Quantity): boolean {
  if (a.growth && t.growth && a.growth !== t.growth && a.growth !== "growth" && t.growth !== "growth") return false;
  const aw = countWords(a);
  const tw = countWords(t);
  if (aw && tw) return sameThing(aw, tw);
  // "18 tickets" or "3 per week" is no percentage, money amount, duration or ratio.
  if (a.unit === "number" && (aw || a.per) && !COUNTS.has(t.unit) && !(a.per && t.per)) return false;
  if (t.unit === "number" && (tw || t.per) && !COUNTS.has(a.unit) && !(a.per && t.per)) return false;
  return true;
}

/** The actual's value in the target's unit (and per the target's period), or undefined when they cannot be compared. */
export function align(actual: Quantity, target: Quantity): number | undefined {
  if (!comparable(actual, target)) return undefined;
  const v = alignUnit(actual, target);
  if (v === undefined || !actual.per || !target.per || actual.per === target.per) return v;
  return (v * DAYS_PER[target.per]) / DAYS_PER[actual.per];
}

function alignUnit(actual: Quantity, target: Quantity): number | undefined {
  switch (target.unit) {
    case "number":
      // A bare target compares with a duration in the duration's own unit ("4" against "3.5 days").
      return actual.unit === "hours" ? actual.value / HOURS_PER[actual.display ?? "h"] : actual.value;
    case "percent":
      if (actual.unit === "score") return actual.outOf ? (actual.value / actual.outOf) * 100 : undefined;
      return actual.unit === "percent" || actual.unit === "number" ? actual.value : undefined;
    case "currency":
      if (actual.unit === "currency" && actual.currency && target.currency && actual.currency !== target.currency) return undefined;
      return actual.unit === "currency" || actual.unit === "number" ? actual.value : undefined;
    case "hours":
      if (actual.unit === "hours") return actual.value;
      return actual.unit === "number" ? actual.value * HOURS_PER[target.display ?? "h"] : undefined;
    case "ratio":
      return actual.unit === "ratio" || actual.unit === "number" ? actual.value : undefined;
    case "score":
      if (actual.unit === "score") return actual.outOf && target.outOf ? (actual.value / actual.outOf) * target.outOf : actual.value;
      // "80%" of a total of 5 is 4 of 5.
      if (actual.unit === "percent") return target.outOf ? (actual.value / 100) * target.outOf : undefined;
      return actual.unit === "number" ? actual.value : undefined;
  }
}

/**
 * A bare target ("20", "4") in the actual's unit: "18 tickets" against 20 is against 20 tickets, "3.5 days" against 4 is
 * against 4 days, 85% against 90 is against 90%. A bare fraction against a percentage (0.9 against 85%) could be 0.9% or
 * 90%: `ambiguous`, for the caller to flag rather than guess.
 */
export function adoptUnit(t: NumericTarget, actual: Quantity, evidence: PercentEvidence): { target: NumericTarget; ambiguous: boolean } {
  const bare = [t.value, t.upper, t.centre, t.impliedBaseline].filter((q): q is Quantity => q !== undefined);
  if (t.change || isBare(actual) || !bare.every(isBare)) return { target: t, ambiguous: false };
  let factor = actual.unit === "hours" ? HOURS_PER[actual.display ?? "h"] : 1;
  if (actual.unit === "percent" && bare.some((q) => q.value !== 0 && Math.abs(q.value) < 1)) {
    // A percent-formatted cell holds 0.85 for 85%: a bare 0.9 beside it is on the same scale. Typed "85%" leaves it open.
    if (evidence !== "format") return { target: t, ambiguous: true };
    factor = 100;
  }
  const unit: Quantity = { ...actual, value: 0 };
  const as = (q: Quantity | undefined): Quantity | undefined => (q ? { ...unit, value: q.value * factor } : undefined);
  const target: NumericTarget = {
    ...t,
    value: as(t.value) as Quantity,
    upper: as(t.upper),
    centre: as(t.centre),
    impliedBaseline: as(t.impliedBaseline),
  };
  return { target, ambiguous: false };
}

/** The level to reach: a change target becomes baseline ± change; undefined when a change has no baseline. */
export function resolveTarget(t: NumericTarget, direction: Direction, baselineQ: Quantity | undefined): Resolved | undefined {
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
    if (b !== undefined) baseline = { ...t.value, value: b, growth: baselineQ.growth };
  }
  const notes = [readingNote(t, comparator), baseline ? `baseline ${formatQuantity(baseline)}` : undefined].filter(Boolean);
  return {
    comparator,
    value: t.value,
    upper: t.upper,
    centre: t.centre,
    zero: t.reading === "zero" && comparator === "<=",
    baseline,
    note: notes.length > 0 ? notes.join(", ") : undefined,
  };
}

/** "target read as −5% to +5%", "target read as 0 (none allowed)": how a target was read where the text leaves it open. */
function readingNote(t: NumericTarget, comparator: Comparator): string | undefined {
  if (t.reading === "zero" && comparator === "<=") return EXPLAIN.readAsZero();
  if (t.reading === "band" && t.upper) {
    const signed = t.value.value < 0;
    return EXPLAIN.readAsBand({
      low: signedQuantity(t.value, signed),
      high: signedQuantity(t.upper, signed),
      centre: t.centre && t.centre.value !== 0 ? formatQuantity(t.centre) : undefined,
    });
  }
  return undefined;
}

/** "−5%", "+5%" when the band spans zero; the plain text otherwise. */
function signedQuantity(q: Quantity, signed: boolean): string {
  const text = formatQuantity({ ...q, value: Math.abs(q.value) });
  if (!signed || q.value === 0) return q.value < 0 ? `−${text}` : text;
  return `${q.value < 0 ? "−" : "+"}${text}`;
}

function round(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}

function formatPlain(n: number): string {
  return n.toFixed(2).replace(/\.?0+$/, "");
}

export function describeTarget(r: Resolved): string {
  if (r.comparator === "between" && r.upper) return `between ${formatQuantity(r.value)} and ${formatQuantity(r.upper)}`;
  return `${comparatorSymbol(r.comparator)} ${formatQuantity(r.value)}`;
}

const EPS = 1e-9;

export function satisfies(a: number, r: Resolved): boolean {
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

/**
 * How far short of the target, relative to the target value. Outside a band, the distance to its nearest bound,
 * relative to the band's centre when it has one ("100 ± 10"), else to that bound ("±5%": 5.4% is 8% over).
 */
export function shortfall(a: number, r: Resolved): number {
  let bound = r.value.value;
  if (r.comparator === "between" && r.upper && a > r.upper.value) bound = r.upper.value;
  const diff = Math.abs(a - bound);
  if (diff === 0) return 0;
  if (r.comparator === "between" && r.upper) {
    const centre = r.centre?.value ?? 0;
    const width = r.upper.value - r.value.value;
    const scale = centre !== 0 ? Math.abs(centre) : bound !== 0 ? Math.abs(bound) : width;
    return scale > 0 ? diff / scale : Number.POSITIVE_INFINITY;
  }
  return bound === 0 ? Number.POSITIVE_INFINITY : diff / Math.abs(bound);
}

/** Whether a shortfall is over the target (for ≤ targets, or above a band) rather than under it. */
export function isOver(a: number, r: Resolved): boolean {
  return r.comparator.startsWith("<") || (r.comparator === "between" && a > (r.upper?.value ?? a));
}

/** Share of the way from the baseline to the target (for a band, to its bound nearest the baseline). */
export function baselineProgress(a: number, r: Resolved): number | undefined {
  if (!r.baseline) return undefined;
  let goal = r.value.value;
  if (r.comparator === "between" && r.upper) {
    if (r.baseline.value > r.upper.value) goal = r.upper.value;
    else if (r.baseline.value >= r.value.value) return undefined;
  }
  const span = goal - r.baseline.value;
  if (span === 0) return undefined;
  return (a - r.baseline.value) / span;
}

function clamp01(n: number): number {
  return Math.min(1, Math.max(0, n));
}

export function computeProgress(a: number, r: Resolved): number | undefined {
  if (satisfies(a, r)) return 1;
  const fromBaseline = baselineProgress(a, r);
  if (fromBaseline !== undefined) return clamp01(fromBaseline);
  const t = r.value.value;
  if (r.comparator.startsWith(">")) return t > 0 ? clamp01(a / t) : undefined;
  if (r.comparator.startsWith("<")) return a > 0 ? clamp01(t / a) : undefined;
  return clamp01(1 - shortfall(a, r));
}

/** Which way is better for the trend: up, down, or towards the target's value or band. */
export function polarityOf(r: Resolved): Polarity {
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
