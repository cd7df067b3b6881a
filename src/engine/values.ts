// Reading cell values: numbers, percentages, money, durations, ratios, scores, dates and "no value" markers.
import { type CellValue, isCellError } from "./grid";
import { type DateOrder, type Day, dayFromDate, dayFromSerial, isDateFormat, isTimeFormat, parseDateText } from "./dates";

export type Unit = "number" | "percent" | "currency" | "hours" | "ratio" | "score";
export type DurationDisplay = "min" | "h" | "days" | "weeks";

export interface Quantity {
  /** Percentages are in points (85 means 85%); durations in hours; scores are the numerator. */
  readonly value: number;
  readonly unit: Unit;
  readonly currency?: string;
  readonly outOf?: number;
  readonly display?: DurationDisplay;
}

/** How a percentage was known to be one: a "%" sign, the cell's number format, or a guess. */
export type PercentEvidence = "sign" | "format" | "none";

export type Reading =
  | { readonly kind: "none"; readonly why: "blank" | "marker" | "error"; readonly raw?: string }
  | { readonly kind: "quantity"; readonly q: Quantity; readonly evidence: PercentEvidence; readonly raw: string }
  | { readonly kind: "date"; readonly day: Day; readonly ambiguous?: boolean; readonly raw: string }
  | { readonly kind: "bool"; readonly value: boolean; readonly raw: string }
  | { readonly kind: "text"; readonly text: string };

const NO_VALUE = new Set(["n/a", "na", "n.a.", "n.a", "-", "--", "—", "–", "tbd", "tbc", "?", "unknown", "not available", "#n/a"]);

export function isNoValueMarker(text: string): boolean {
  return NO_VALUE.has(text.trim().toLowerCase());
}

const CURRENCY_SYMBOLS: Record<string, string> = { $: "$", "€": "€", "£": "£", "¥": "¥", r: "R", usd: "$", eur: "€", gbp: "£", zar: "R" };
const SCALE: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, million: 1e6, b: 1e9, bn: 1e9, billion: 1e9 };
/** Hours in one unit of each way a duration is shown: durations are compared in hours. */
export const HOURS_PER: Readonly<Record<DurationDisplay, number>> = { min: 1 / 60, h: 1, days: 24, weeks: 168 };

const DURATION: Record<string, [number, DurationDisplay]> = {
  h: [1, "h"],
  hr: [1, "h"],
  hrs: [1, "h"],
  hour: [1, "h"],
  hours: [1, "h"],
  min: [1 / 60, "min"],
  mins: [1 / 60, "min"],
  minute: [1 / 60, "min"],
  minutes: [1 / 60, "min"],
  s: [1 / 3600, "min"],
  sec: [1 / 3600, "min"],
  secs: [1 / 3600, "min"],
  second: [1 / 3600, "min"],
  seconds: [1 / 3600, "min"],
  d: [24, "days"],
  day: [24, "days"],
  days: [24, "days"],
  "business day": [24, "days"],
  "business days": [24, "days"],
  "working day": [24, "days"],
  "working days": [24, "days"],
  wk: [168, "weeks"],
  wks: [168, "weeks"],
  week: [168, "weeks"],
  weeks: [168, "weeks"],
};

/** One number and its unit words, as found in free text. */
export interface QuantityToken {
  readonly q: Quantity;
  readonly index: number;
  readonly length: number;
  /** "10 points", "5 pp": a change in points rather than a level. */
  readonly points: boolean;
  readonly evidence: PercentEvidence;
}

const NUM = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+`;
const TOKEN = new RegExp(
  String.raw`(?<![\w.,])(?:(?<=^|[\s(=:])(?<sign>[-+−]))?\s?(?<cur>[$€£¥]|\b(?:usd|eur|gbp|zar)\s?|\br(?=\s?\d))?\s?(?<num>${NUM})` +
    String.raw`(?:\s?(?<pct>%|percent\b|per cent\b|percentage points?\b)` +
    String.raw`|\s?(?<pts>points?\b|pts?\b|pp\b)` +
    String.raw`|\s?(?<scale>k\b|thousand\b|mn?\b|million\b|bn?\b|billion\b)` +
    String.raw`|\s?(?<dur>business days?\b|working days?\b|hours?\b|hrs?\b|h\b|minutes?\b|mins?\b|min\b|seconds?\b|secs?\b|sec\b|s\b|days?\b|d\b|weeks?\b|wks?\b)` +
    String.raw`|\s?(?<ratio>:\s?1(?![\d/])|x\b|×)` +
    String.raw`|\s?(?:\/|out of)\s?(?<outOf>\d{1,3})(?![\d/.]))?`,
  "gi",
);

function toNumber(text: string): number {
  return Number(text.replace(/,/g, ""));
}

export function scanQuantities(text: string): QuantityToken[] {
  const out: QuantityToken[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const g = m.groups as Record<string, string | undefined>;
    let value = toNumber(g.num as string);
    if (g.sign === "-" || g.sign === "−") value = -value;
    const cur = g.cur ? CURRENCY_SYMBOLS[g.cur.trim().toLowerCase()] : undefined;
    let q: Quantity;
    let points = false;
    let evidence: PercentEvidence = "none";
    if (g.pct) {
      const pp = /points?/i.test(g.pct);
      q = { value, unit: "percent" };
      points = pp;
      evidence = "sign";
    } else if (g.pts) {
      q = { value, unit: "number" };
      points = true;
    } else if (g.scale) {
      q = cur
        ? { value: value * (SCALE[g.scale.toLowerCase()] ?? 1), unit: "currency", currency: cur }
        : { value: value * (SCALE[g.scale.toLowerCase()] ?? 1), unit: "number" };
    } else if (g.dur) {
      const [factor, display] = DURATION[g.dur.toLowerCase().replace(/\s+/g, " ")] ?? [1, "h"];
      q = { value: value * factor, unit: "hours", display };
    } else if (g.ratio) {
      q = { value, unit: "ratio" };
    } else if (g.outOf) {
      q = { value, unit: "score", outOf: Number(g.outOf) };
    } else if (cur) {
      q = { value, unit: "currency", currency: cur };
    } else {
      q = { value, unit: "number" };
    }
    out.push({ q, index: m.index, length: m[0].length, points, evidence });
  }
  return out;
}

/** The whole text as one quantity ("5,000", "85%", "$1.2M", "90 min", "3.4:1", "8/10"), or undefined. */
export function parseQuantity(text: string): { q: Quantity; evidence: PercentEvidence } | undefined {
  const t = text.trim().replace(/^(?:~|≈|approx\.?|about|around)\s*/i, "");
  const tokens = scanQuantities(t);
  if (tokens.length !== 1) return undefined;
  const tok = tokens[0] as QuantityToken;
  const rest = (t.slice(0, tok.index) + t.slice(tok.index + tok.length)).trim();
  if (rest !== "" && !/^(?:usd|eur|gbp|zar)$/i.test(rest)) return undefined;
  return { q: tok.q, evidence: tok.evidence };
}

function currencyOfFormat(format: string): string | undefined {
  const f = format.split(";")[0] as string;
  const bracket = /\[\$([^-\]]+)/.exec(f);
  if (bracket) return CURRENCY_SYMBOLS[bracket[1]?.trim().toLowerCase() ?? ""] ?? bracket[1];
  const bare = f.replace(/"([^"]*)"/g, "$1");
  const sym = /[$€£¥]/.exec(bare);
  if (sym) return sym[0];
  return /(^|[^a-z])R\s?[#0]/.test(bare) ? "R" : undefined;
}

function isPercentFormat(format: string): boolean {
  return /%/.test((format.split(";")[0] as string).replace(/"[^"]*"/g, ""));
}

const TRUE_WORDS = new Set(["true", "yes", "y"]);
const FALSE_WORDS = new Set(["false", "no", "n"]);

/** Reads a cell for evaluation. Never throws. */
export function readCell(value: CellValue, format: string, order: DateOrder): Reading {
  if (value === null || value === undefined) return { kind: "none", why: "blank" };
  if (isCellError(value)) return { kind: "none", why: "error", raw: value.error };
  if (typeof value === "boolean") return { kind: "bool", value, raw: value ? "TRUE" : "FALSE" };
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? { kind: "none", why: "error", raw: "invalid date" }
      : { kind: "date", day: dayFromDate(value), raw: value.toISOString().slice(0, 10) };
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { kind: "none", why: "error", raw: String(value) };
    const raw = String(value);
    if (isTimeFormat(format)) return { kind: "quantity", q: { value: value * 24, unit: "hours", display: "h" }, evidence: "none", raw };
    if (isDateFormat(format)) return { kind: "date", day: dayFromSerial(value), raw };
    if (isPercentFormat(format)) return { kind: "quantity", q: { value: value * 100, unit: "percent" }, evidence: "format", raw };
    const cur = currencyOfFormat(format);
    if (cur) return { kind: "quantity", q: { value, unit: "currency", currency: cur }, evidence: "none", raw };
    return { kind: "quantity", q: { value, unit: "number" }, evidence: "none", raw };
  }
  const text = value.trim();
  if (text === "") return { kind: "none", why: "blank" };
  if (isNoValueMarker(text)) return { kind: "none", why: "marker", raw: text };
  if (
    /^#[A-Z0-9/!?_]+[!?]?$/i.test(text) &&
    /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/i.test(text)
  ) {
    return { kind: "none", why: "error", raw: text };
  }
  const q = parseQuantity(text);
  if (q) return { kind: "quantity", q: q.q, evidence: q.evidence, raw: text };
  const d = parseDateText(text, order);
  if (d && /\d{4}/.test(text)) return { kind: "date", day: d.day, ambiguous: d.ambiguous, raw: text };
  const lower = text.toLowerCase();
  if (TRUE_WORDS.has(lower)) return { kind: "bool", value: true, raw: text };
  if (FALSE_WORDS.has(lower)) return { kind: "bool", value: false, raw: text };
  return { kind: "text", text };
}

function trimNumber(n: number, digits: number): string {
  const fixed = n.toFixed(digits);
  return digits > 0 ? fixed.replace(/\.?0+$/, "") : fixed;
}

function withSeparators(n: number, digits: number): string {
  const [int, frac] = trimNumber(Math.abs(n), digits).split(".");
  const grouped = (int as string).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${n < 0 ? "-" : ""}${grouped}${frac ? `.${frac}` : ""}`;
}

function compactMoney(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${trimNumber(n / 1e9, 2)}B`;
  if (abs >= 1e6) return `${trimNumber(n / 1e6, 2)}M`;
  if (abs >= 1e4) return `${trimNumber(n / 1e3, 1)}K`;
  return withSeparators(n, 2);
}

/** Short, human text for a quantity: "85%", "$833K", "1.5 h", "3.4:1", "8/10". */
export function formatQuantity(q: Quantity, display?: DurationDisplay): string {
  switch (q.unit) {
    case "percent":
      return `${trimNumber(q.value, 1)}%`;
    case "currency":
      return `${q.value < 0 ? "-" : ""}${q.currency ?? "$"}${compactMoney(Math.abs(q.value))}`;
    case "hours": {
      const d = display ?? q.display ?? "h";
      if (d === "min") return `${trimNumber(q.value * 60, 1)} min`;
      if (d === "days") return `${trimNumber(q.value / 24, 1)} days`;
      if (d === "weeks") return `${trimNumber(q.value / 168, 1)} weeks`;
      return `${trimNumber(q.value, 2)} h`;
    }
    case "ratio":
      return `${trimNumber(q.value, 2)}:1`;
    case "score":
      return `${trimNumber(q.value, 2)}/${q.outOf ?? 10}`;
    default:
      return withSeparators(q.value, 2);
  }
}
