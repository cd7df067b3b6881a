// A numeric target resolved against the row (direction, baseline) and the arithmetic every numeric judgement uses:
// aligning units, whether a value satisfies the target, how far short it is, and progress.
import { EXPLAIN } from "../explain";
import type { Direction } from "../direction";
import { type Comparator, type NumericTarget, comparatorSymbol } from "../targets";
import type { Polarity } from "../trend";
import { HOURS_PER, type Quantity, type Unit, formatQuantity } from "../values";

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

export const UNIT_NAMES: Readonly<Record<Unit, string>> = {
  number: "number",
  percent: "percentage",
  currency: "money amount",
  hours: "duration",
  ratio: "ratio",
  score: "score",
};

/** The actual's value in the target's unit, or undefined when they cannot be compared. */
export function align(actual: Quantity, target: Quantity): number | undefined {
  switch (target.unit) {
    case "number":
      return actual.value;
    case "percent":
      return actual.unit === "percent" || actual.unit === "number" ? actual.value : undefined;
    case "currency":
      return actual.unit === "currency" || actual.unit === "number" ? actual.value : undefined;
    case "hours":
      if (actual.unit === "hours") return actual.value;
      return actual.unit === "number" ? actual.value * HOURS_PER[target.display ?? "h"] : undefined;
    case "ratio":
      return actual.unit === "ratio" || actual.unit === "number" ? actual.value : undefined;
    case "score":
      if (actual.unit === "score") return actual.outOf && target.outOf ? (actual.value / actual.outOf) * target.outOf : actual.value;
      return actual.unit === "number" ? actual.value : undefined;
  }
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
    if (b !== undefined) baseline = { ...t.value, value: b };
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
