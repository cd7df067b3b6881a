// Trends of logged values: which way a KPI is moving, by how much, and where a straight line puts it by its deadline.
import { type Day, isoDate, longDate, parseIsoDate } from "./dates";
import { type Quantity, type Unit, formatQuantity } from "./values";

export type TrendDirection = "improving" | "declining" | "flat";

/** Which way is better: up, down, or towards a target value or range. */
export type Polarity =
  { readonly kind: "higher" } | { readonly kind: "lower" } | { readonly kind: "toward"; readonly lo: number; readonly hi: number };

export interface TrendPoint {
  readonly date: string;
  /** In the target's unit (percent in points: 84 means 84%). */
  readonly value: number;
}

export interface Projection {
  readonly date: string;
  readonly value: number;
  /** "87%" */
  readonly text: string;
  /** True when the projected value meets the target. */
  readonly reaches: boolean;
}

export interface Trend {
  readonly direction: TrendDirection;
  /** Latest minus previous, in the target's unit. */
  readonly change: number;
  /** "+3 pts" */
  readonly delta: string;
  /** "+3 pts since Jun 30, 2050" */
  readonly changeText: string;
  readonly previous: TrendPoint;
  readonly latest: TrendPoint;
  readonly projection?: Projection;
  /** Every logged point up to the as-of date, oldest first: what the trend charts draw. */
  readonly series: readonly TrendPoint[];
  /** The target's unit, which every value above is in. */
  readonly unit: Unit;
}

/** Values within this share of the scale count as unchanged. */
const FLAT = 0.005;
/** The fit uses the latest few points: older ones say less about where the KPI is heading. */
export const FIT_POINTS = 6;

export function judgeDirection(prev: number, latest: number, polarity: Polarity, scale: number): TrendDirection {
  const change = latest - prev;
  if (Math.abs(change) <= FLAT * Math.max(Math.abs(scale), Math.abs(prev), 1e-9)) return "flat";
  if (polarity.kind === "higher") return change > 0 ? "improving" : "declining";
  if (polarity.kind === "lower") return change < 0 ? "improving" : "declining";
  const dist = (v: number) => (v < polarity.lo ? polarity.lo - v : v > polarity.hi ? v - polarity.hi : 0);
  const d = dist(latest) - dist(prev);
  return d === 0 ? "flat" : d < 0 ? "improving" : "declining";
}

/** Least-squares line through (day, value); undefined when every point is on the same day. */
export function linearFit(
  points: readonly { readonly day: Day; readonly value: number }[],
): { slope: number; at: (day: Day) => number } | undefined {
  const n = points.length;
  if (n < 2) return undefined;
  const mx = points.reduce((a, p) => a + p.day, 0) / n;
  const my = points.reduce((a, p) => a + p.value, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.day - mx) ** 2;
    sxy += (p.day - mx) * (p.value - my);
  }
  if (sxx === 0) return undefined;
  const slope = sxy / sxx;
  return { slope, at: (day) => my + slope * (day - mx) };
}

/** "+3 pts", "−0.5 h", "+$12K": a signed change in the target's unit. */
export function formatChange(change: number, unit: Quantity): string {
  const sign = change > 0 ? "+" : change < 0 ? "−" : "±";
  const abs = Math.abs(change);
  if (unit.unit === "percent") {
    const n = Number(abs.toFixed(1));
    return `${sign}${n} ${n === 1 ? "pt" : "pts"}`;
  }
  return `${sign}${formatQuantity({ ...unit, value: abs })}`;
}

export interface TrendInput {
  /** Oldest first, all on or before the as-of date, already in the target's unit. */
  readonly points: readonly { readonly day: Day; readonly value: number }[];
  readonly unit: Quantity;
  readonly polarity: Polarity;
  /** The row's deadline, when it is still ahead. */
  readonly projectTo?: Day;
  readonly meets: (value: number) => boolean;
}

/** Needs at least two points on different days. */
export function computeTrend(input: TrendInput): Trend | undefined {
  // One value per day: a later row for the same day corrects an earlier one.
  const byDay = new Map<Day, number>();
  for (const p of input.points) byDay.set(p.day, p.value);
  const pts = [...byDay].map(([day, value]) => ({ day, value })).sort((a, b) => a.day - b.day);
  if (pts.length < 2) return undefined;
  const prev = pts[pts.length - 2] as { day: Day; value: number };
  const last = pts[pts.length - 1] as { day: Day; value: number };
  const change = last.value - prev.value;
  const scale = input.polarity.kind === "toward" ? input.polarity.hi : Math.max(...pts.map((p) => Math.abs(p.value)));
  const direction = judgeDirection(prev.value, last.value, input.polarity, scale);
  let projection: Projection | undefined;
  if (input.projectTo !== undefined && input.projectTo > last.day) {
    const fit = linearFit(pts.slice(-FIT_POINTS));
    if (fit) {
      let value = fit.at(input.projectTo);
      // A straight line runs through 0% and 100%; the KPI cannot.
      if (input.unit.unit === "percent") value = Math.min(100, Math.max(0, value));
      else if (input.unit.unit !== "number" && value < 0) value = 0;
      value = Math.round(value * 1e6) / 1e6;
      projection = {
        date: isoDate(input.projectTo),
        value,
        text: formatQuantity({ ...input.unit, value: roundForDisplay(value, input.unit) }),
        reaches: input.meets(value),
      };
    }
  }
  return {
    direction,
    change: Math.round(change * 1e9) / 1e9,
    delta: formatChange(change, input.unit),
    changeText: `${formatChange(change, input.unit)} since ${longDate(prev.day)}`,
    previous: { date: isoDate(prev.day), value: prev.value },
    latest: { date: isoDate(last.day), value: last.value },
    projection,
    series: pts.map((p) => ({ date: isoDate(p.day), value: p.value })),
    unit: input.unit.unit,
  };
}

function roundForDisplay(v: number, unit: Quantity): number {
  if (unit.unit === "percent") return Math.round(v);
  return unit.unit === "number" || unit.unit === "score" ? Math.round(v * 10) / 10 : v;
}

/** "improving, +3 pts since Jun 30, 2050; projected 87% by Dec 15, 2050" */
export function describeTrend(t: Trend): string {
  const head = t.direction === "flat" ? `flat since ${longDateOf(t.previous.date)}` : `${t.direction}, ${t.changeText}`;
  return t.projection ? `${head}; ${projectionText(t.projection)}` : head;
}

export function projectionText(p: Projection): string {
  return `projected ${p.text} by ${longDateOf(p.date)}`;
}

function longDateOf(iso: string): string {
  const day = parseIsoDate(iso);
  return day === undefined ? iso : longDate(day);
}

/** −1, 0 or 1 for a trend: what the arrows on the summary show. */
export function directionScore(d: TrendDirection): number {
  return d === "improving" ? 1 : d === "declining" ? -1 : 0;
}
