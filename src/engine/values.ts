// Reading cell values: numbers, percentages, money, durations, ratios, scores, dates and "no value" markers.
import { type CellValue, isCellError } from "./grid";
import { memoize } from "./memo";
import { type DateOrder, type DateRules, type Day, dayFromDate, dayFromSerial, isDateFormat, isTimeFormat, parseDateText } from "./dates";

export type Unit = "number" | "percent" | "currency" | "hours" | "ratio" | "score";
export type DurationDisplay = "ms" | "s" | "min" | "h" | "days" | "weeks" | "months" | "years";
/** The period a rate is per ("3 per week", "50/month"). */
export type RatePeriod = "hour" | "day" | "week" | "month" | "quarter" | "year";
/** A growth qualifier: year on year, quarter on quarter, month on month, week on week, or growth of no stated period. */
export type Growth = "yoy" | "qoq" | "mom" | "wow" | "growth";

export interface Quantity {
  /** Percentages are in points (85 means 85%); durations in hours; scores are the numerator. */
  readonly value: number;
  readonly unit: Unit;
  readonly currency?: string;
  /** The total of a count out of a total ("3 of 5", "4/5 sites", "8/10"). */
  readonly outOf?: number;
  readonly display?: DurationDisplay;
  /** The words after the number, as typed ("tickets", "new hires", "per 1,000 patient days"): a plain count's unit. */
  readonly label?: string;
  /** A rate over time: the value is per this period. */
  readonly per?: RatePeriod;
  readonly growth?: Growth;
}

/** How a percentage was known to be one: a "%" sign, the cell's number format, or a guess. */
export type PercentEvidence = "sign" | "format" | "none";

export type Reading =
  | { readonly kind: "none"; readonly why: "blank" | "marker" | "error"; readonly raw?: string }
  | {
      readonly kind: "quantity";
      readonly q: Quantity;
      readonly evidence: PercentEvidence;
      readonly raw: string;
      /** A note in brackets after the value, set aside ("minor" in "1 incident (minor)"). */
      readonly note?: string;
    }
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
export const HOURS_PER: Readonly<Record<DurationDisplay, number>> = {
  ms: 1 / 3_600_000,
  s: 1 / 3600,
  min: 1 / 60,
  h: 1,
  days: 24,
  weeks: 168,
  months: (365.25 * 24) / 12,
  years: 365.25 * 24,
};
/** Days in each rate period: rates over different periods are compared per the target's period. */
export const DAYS_PER: Readonly<Record<RatePeriod, number>> = {
  hour: 1 / 24,
  day: 1,
  week: 7,
  month: 365.25 / 12,
  quarter: 365.25 / 4,
  year: 365.25,
};

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
  s: [1 / 3600, "s"],
  sec: [1 / 3600, "s"],
  secs: [1 / 3600, "s"],
  second: [1 / 3600, "s"],
  seconds: [1 / 3600, "s"],
  ms: [1 / 3_600_000, "ms"],
  msec: [1 / 3_600_000, "ms"],
  msecs: [1 / 3_600_000, "ms"],
  millisecond: [1 / 3_600_000, "ms"],
  milliseconds: [1 / 3_600_000, "ms"],
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
  mo: [HOURS_PER.months, "months"],
  mos: [HOURS_PER.months, "months"],
  mth: [HOURS_PER.months, "months"],
  mths: [HOURS_PER.months, "months"],
  month: [HOURS_PER.months, "months"],
  months: [HOURS_PER.months, "months"],
  yr: [HOURS_PER.years, "years"],
  yrs: [HOURS_PER.years, "years"],
  year: [HOURS_PER.years, "years"],
  years: [HOURS_PER.years, "years"],
};

/** One number and its unit words, as found in free text. */
export interface QuantityToken {
  readonly q: Quantity;
  readonly index: number;
  readonly length: number;
  /** "10 points", "5 pp": a change in points rather than a level. */
  readonly points: boolean;
  readonly evidence: PercentEvidence;
  /** Where the quantity's words end: after its unit words, rate and growth qualifier ("18 tickets per week"). */
  readonly end: number;
  /** "40+ hours": a plus right after the number, "or more". */
  readonly plus: boolean;
}

// "5 in 10 days", "3 of 5 hours": a total followed by a time unit or scale is a quantity of its own, not a total.
const NOT_A_TOTAL = String.raw`\s?(?:days?|hours?|hrs?|weeks?|wks?|months?|years?|mins?|minutes?|k|m|bn?)\b`;
const NUM = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+`;
const TOKEN = new RegExp(
  String.raw`(?<![\w.,])(?:(?<=^|[\s(=:])(?<sign>[-+−]))?\s?(?<cur>[$€£¥]|\b(?:usd|eur|gbp|zar)\s?|\br(?=\s?\d))?\s?(?<num>${NUM})(?<plus>\+(?!\s*[-\d]))?` +
    String.raw`(?:\s?(?<pct>%|percent\b|per cent\b|percentage points?\b)` +
    String.raw`|\s?(?<pts>points?\b|pts?\b|pp\b)` +
    String.raw`|\s?(?<scale>k\b|thousand\b|mn?\b|million\b|bn?\b|billion\b)` +
    String.raw`|\s?(?<dur>business days?\b|working days?\b|milliseconds?\b|msecs?\b|ms\b|hours?\b|hrs?\b|h\b|minutes?\b|mins?\b|min\b|seconds?\b|secs?\b|sec\b|s\b|days?\b|d\b|weeks?\b|wks?\b|months?\b|mos?\b|mths?\b|years?\b|yrs?\b)` +
    String.raw`|\s?(?<ratio>:\s?1(?![\d/])|x\b|×)` +
    String.raw`|\s?\/\s?(?<outOf>\d{1,3}(?:\.\d+)?)(?![\d/.]|,\d)` +
    String.raw`|\s?(?:out of|of)\s?(?<ofTotal>\d{1,3}(?:,\d{3})+|\d+)(?![\d/.]|,\d|\s?%|${NOT_A_TOTAL})` +
    String.raw`|\s(?:in)\s(?<inTotal>\d{1,3})(?![\d/.]|,\d|\s?%|${NOT_A_TOTAL}))?`,
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
    } else if (g.outOf || g.ofTotal || g.inTotal) {
      q = { value, unit: "score", outOf: toNumber((g.outOf ?? g.ofTotal ?? g.inTotal) as string) };
    } else if (cur) {
      q = { value, unit: "currency", currency: cur };
    } else {
      q = { value, unit: "number" };
    }
    const length = m[0].length;
    const tail = readTail(text, m.index + length, q);
    out.push({ q: tail.q, index: m.index, length, points, evidence, end: tail.end, plus: g.plus !== undefined });
    // Numbers inside the unit words ("per 1,000 patient days") belong to this quantity.
    TOKEN.lastIndex = Math.max(TOKEN.lastIndex, tail.end);
  }
  return out;
}

// The words after a number that say what it counts, the period it is per and how it grows: "18 tickets",
// "3 per week", "50/month", "8% YoY", "2.1 per 1,000 patient days". Words that relate the number to something else
// ("late", "behind", "or more", "by Q3") are not units: reading stops there.
const STOP_WORDS = new Set(
  (
    "a an the and or nor but to of in on at by for from with within without than then vs versus via into over under " +
    "above below before after until till during through across between among each every either neither both all any " +
    "some no not never more less fewer most least higher lower greater better worse max min maximum minimum only just " +
    "about around approx approximately roughly nearly almost tolerance tol is are was " +
    "were be been this that these those it its our their which who where when while if as so such same other plus minus " +
    "up down late early behind ahead short remaining left overdue delayed ago since compared way side last this next " +
    "previous prior " +
    "direction either give take due done complete completed achieved met missed vs. per"
  ).split(" "),
);
/** Period words that qualify a figure without being its unit ("50 YTD"): read and set aside. */
const IGNORED_WORDS = new Set(["ytd", "mtd", "qtd", "ttm", "ltm", "avg", "average", "mean", "median", "total", "est", "estimated"]);
const CALENDAR_WORD =
  /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:sday)?|wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|fy|cy|q|h)$/i;
const GROWTH_WORDS = new RegExp(
  String.raw`^\s*(?:(?<yoy>yoy|y\/y|y-o-y|year[\s-](?:on|over)[\s-]year|vs\.? (?:last|prior|previous) year)` +
    String.raw`|(?<qoq>qoq|q\/q|q-o-q|quarter[\s-](?:on|over)[\s-]quarter)` +
    String.raw`|(?<mom>mom|m\/m|m-o-m|month[\s-](?:on|over)[\s-]month)` +
    String.raw`|(?<wow>wow|w\/w|w-o-w|week[\s-](?:on|over)[\s-]week)` +
    String.raw`|(?<growth>growth|increase|uplift))(?![\w/-])`,
  "i",
);
const RATE_WORDS =
  /^\s*(?:(?:per\s*|\/\s*|(?:an?|each|every)\s+)(?<period>hours?|hrs?|h|days?|d|weeks?|wks?|w|months?|mos?|mths?|m|quarters?|qtrs?|q|years?|yrs?|y|annum)|(?<adverb>hourly|daily|weekly|monthly|quarterly|annually|yearly|p\.?a\.?|pa))(?![\w/])/i;
const PERIOD_OF: Readonly<Record<string, RatePeriod>> = {
  h: "hour",
  d: "day",
  w: "week",
  m: "month",
  q: "quarter",
  y: "year",
  a: "year",
  p: "year",
};
// "per 1,000 patient days", "/agent": a rate over something other than time is part of the unit's words.
const PER_THING = /^\s*(?:per|\/)\s*(?<den>(?:\d[\d,]*(?:\.\d+)?\s*[km]?\s+)?[a-z][a-z'-]*(?:\s+[a-z][a-z'-]*){0,2})/i;
const SHARE_OF = /^\s*(of\s+(?:the\s+)?(?!(?:target|plan|budget|forecast|goal|quota|baseline)\b)[a-z][a-z'-]*)(?!\w)/i;
// Unit words may hold digits after a letter ("tCO2e", "m2"); period labels ("Q3", "FY24") are no units.
const WORD = /^\s*(?!(?:q[1-4]|h[12]|fy\d*|cy\d*)(?!\w))([a-z][a-z0-9'-]*)(?!\w)/i;
// "88% on time", "92% within SLA": how a share was counted, part of what it describes.
const SHARE_HOW =
  /^\s*((?:on[\s-]time|on schedule|on budget|in full|first time|right first time|within (?:the\s+)?(?:sla|slas|target time|deadline|standard|tolerance|spec(?:ification)?)))(?!\w)/i;

function periodOf(word: string): RatePeriod | undefined {
  const w = word.toLowerCase();
  if (w === "annum" || w.startsWith("annual") || w.startsWith("yearly") || w.startsWith("p")) return "year";
  if (w.startsWith("quarter") || w.startsWith("qtr")) return "quarter";
  if (w.startsWith("mo") || w.startsWith("mth")) return "month";
  if (w.startsWith("hour") || w.startsWith("hr")) return "hour";
  if (w.startsWith("da")) return "day";
  if (w.startsWith("we") || w.startsWith("wk")) return "week";
  return PERIOD_OF[w[0] ?? ""];
}

function readTail(text: string, from: number, q: Quantity): { q: Quantity; end: number } {
  let end = from;
  let label: string[] = [];
  let per: RatePeriod | undefined;
  let growth: Growth | undefined;
  let currency = q.currency;
  for (let step = 0; step < 6; step++) {
    const rest = text.slice(end);
    // "20% of total", "95% of tickets": what a share is of describes it.
    const of = q.unit === "percent" ? ((label.length === 0 ? SHARE_OF.exec(rest) : null) ?? SHARE_HOW.exec(rest)) : null;
    if (of) {
      label = [...label, of[1] as string];
      end += of[0].length;
      continue;
    }
    const g = GROWTH_WORDS.exec(rest);
    if (g && (!growth || g.groups?.growth)) {
      // "8% YoY growth": the second word repeats the first.
      const k = Object.entries(g.groups ?? {}).find(([, v]) => v !== undefined)?.[0] as Growth;
      // "Retain 90% of customers year-over-year": spelled out after what is counted, it says how often, not growth.
      const spelled = !/^(?:yoy|qoq|mom|wow|[yqmw]\/[yqmw]|[yqmw]-o-[yqmw])$/i.test(g[0].trim());
      const period = label.length > 0 && spelled && k !== "growth";
      if (!period && (!growth || growth === "growth")) growth = k;
      end += g[0].length;
      continue;
    }
    const r = RATE_WORDS.exec(rest);
    if (r && !per) {
      per = periodOf((r.groups?.period ?? r.groups?.adverb) as string);
      end += r[0].length;
      continue;
    }
    const p = PER_THING.exec(rest);
    if (p && label.every((w) => !w.startsWith("per "))) {
      const den = (p.groups?.den as string).trim();
      const words = den.split(/\s+/);
      // The words up to the first that relates rather than names ("per agent per day": "agent").
      const stop = words.findIndex((w) => STOP_WORDS.has(w.toLowerCase()));
      const usable = stop < 0 ? words : words.slice(0, stop);
      if (usable.length > 0 && /[a-z]/i.test(usable.join(""))) {
        label = [...label, `per ${usable.join(" ")}`];
        end += rest.indexOf(usable[usable.length - 1] as string) + (usable[usable.length - 1] as string).length;
        continue;
      }
    }
    // "proofs of concept": "of" between two words of the unit.
    const ofWord = label.length > 0 ? /^\s*of\s+([a-z][a-z0-9'-]*)(?!\w)/i.exec(rest) : null;
    if (ofWord && !STOP_WORDS.has((ofWord[1] as string).toLowerCase()) && !CALENDAR_WORD.test(ofWord[1] as string)) {
      label = [...label, `of ${ofWord[1] as string}`];
      end += ofWord[0].length;
      continue;
    }
    const w = WORD.exec(rest);
    if (!w) break;
    const word = (w[1] as string).toLowerCase();
    if (STOP_WORDS.has(word) || CALENDAR_WORD.test(word)) break;
    if (/^(?:usd|eur|gbp|zar)$/.test(word) && q.unit === "number" && !currency) currency = CURRENCY_SYMBOLS[word];
    else if (!IGNORED_WORDS.has(word)) {
      if (label.length >= 4) break;
      label = [...label, w[1] as string];
    }
    end += w[0].length;
  }
  if (end === from) return { q, end };
  const out: { -readonly [K in keyof Quantity]: Quantity[K] } = { ...q };
  if (currency && q.unit === "number") {
    out.unit = "currency";
    out.currency = currency;
  }
  if (label.length > 0) out.label = label.join(" ");
  // "3x per week" is three times a week: a count, not a ratio.
  if (per && q.unit === "ratio") out.unit = "number";
  if (per) out.per = per;
  if (growth) out.growth = growth;
  return { q: out, end };
}

/**
 * The whole text as one quantity ("5,000", "85%", "$1.2M", "90 min", "3.4:1", "8/10", "18 tickets"), or undefined.
 * A note in brackets after it ("1 incident (minor)", "3/5 (60%)") is set aside and returned, unless it gives another
 * value of the same kind ("85% (90% last month)"): then the text says two things and is not read.
 */
export function parseQuantity(text: string): { q: Quantity; evidence: PercentEvidence; note?: string } | undefined {
  const t = text.trim().replace(/^(?:~|≈|approx\.?|about|around)\s*/i, "");
  if (/^(?:none|nil|zero)$/i.test(t)) return { q: { value: 0, unit: "number" }, evidence: "none" };
  const whole = singleQuantity(t);
  if (whole) return whole;
  const noted = /^(.*?\S)\s*\(([^()]*)\)$/.exec(t);
  if (!noted) return undefined;
  const main = singleQuantity(noted[1] as string);
  const note = (noted[2] as string).trim();
  if (!main || note === "") return undefined;
  for (const other of scanQuantities(note)) if (!agrees(main.q, other.q)) return undefined;
  return { ...main, note };
}

function singleQuantity(t: string): { q: Quantity; evidence: PercentEvidence } | undefined {
  const tokens = scanQuantities(t);
  if (tokens.length !== 1) return undefined;
  const tok = tokens[0] as QuantityToken;
  const rest = (t.slice(0, tok.index) + t.slice(tok.end)).trim();
  if (rest !== "") return undefined;
  return { q: tok.q, evidence: tok.evidence };
}

// Words that qualify what is counted without naming it: "45 new customers" counts customers.
const QUALIFIERS = new Set(["new", "net", "total", "additional", "extra", "more", "all", "our", "unique", "active", "gross", "of", "per"]);

function thingWords(label: string): string[] {
  return label
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "" && !QUALIFIERS.has(w));
}

/** One word in its singular and plural forms: branch/branches, box/boxes, PR/PRs, policy/policies. */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return long === `${short}s` || long === `${short}es` || (short.endsWith("y") && long === `${short.slice(0, -1)}ies`);
}

/** Whether two counts count the same thing: their words share one ("tickets closed" and "ticket"). */
export function sameThing(a: string, b: string): boolean {
  const wa = thingWords(a);
  const wb = thingWords(b);
  if (wa.length === 0 || wb.length === 0) return true;
  return wa.some((x) => wb.some((y) => sameWord(x, y)));
}

/** Whether a value in a note says the same as the main one, or is of another kind ("2 years" beside "0 incidents"). */
function agrees(main: Quantity, other: Quantity): boolean {
  const share = (q: Quantity) => (q.unit === "percent" ? q.value : q.unit === "score" && q.outOf ? (q.value / q.outOf) * 100 : undefined);
  const a = share(main);
  const b = share(other);
  if (a !== undefined && b !== undefined) return Math.abs(a - b) <= 0.5;
  if (main.unit !== other.unit) return true;
  // "2 incidents (1 last month)": a bare count beside a count is of the same thing; "(3 sites)" beside tickets is not.
  if (main.unit === "number" && main.label && other.label && !sameThing(main.label, other.label)) return true;
  return Math.abs(main.value - other.value) <= 1e-9 * Math.max(1, Math.abs(main.value));
}

/** What a number format shows a number as, worked out once per format (a column shares a handful). */
const numberFormatShows = memoize(
  (
    format: string,
  ):
    | "time"
    | "date"
    | "percent"
    | "number"
    | { readonly currency: string }
    | { readonly hoursPer: number; readonly display: DurationDisplay } => {
    if (isTimeFormat(format)) return "time";
    if (isDateFormat(format)) return "date";
    if (isPercentFormat(format)) return "percent";
    const duration = durationOf(format);
    if (duration) return { hoursPer: duration[0], display: duration[1] };
    const currency = currencyOf(format);
    return currency ? { currency } : "number";
  },
);

/** A number format that names a duration after the number, as `0.0" h"` or `0 "min"` do: its unit. */
function durationOf(format: string): [number, DurationDisplay] | undefined {
  const unit = /[#0]\s*"\s*([A-Za-z][A-Za-z ]*?)\.?\s*"\s*$/.exec(format.split(";")[0] as string)?.[1];
  return unit === undefined ? undefined : DURATION[unit.toLowerCase().replace(/\s+/g, " ")];
}

/** The number format an amount of money is written with, read back in the same currency by readCell. */
export function moneyFormat(currency: string, value: number): string {
  return `"${currency}"#,##0${Number.isInteger(value) ? "" : ".00"}`;
}

/** The number format a duration is written with, read back as the same duration by readCell. */
export function durationFormat(display: DurationDisplay): string {
  return display === "ms" || display === "s" || display === "min" ? `0" ${display}"` : `0.0" ${display}"`;
}

function currencyOf(format: string): string | undefined {
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
export function readCell(value: CellValue, format: string, rules: DateOrder | DateRules): Reading {
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
    const shows = numberFormatShows(format);
    if (shows === "time") return { kind: "quantity", q: { value: value * 24, unit: "hours", display: "h" }, evidence: "none", raw };
    if (shows === "date") return { kind: "date", day: dayFromSerial(value), raw };
    if (shows === "percent") return { kind: "quantity", q: { value: value * 100, unit: "percent" }, evidence: "format", raw };
    if (shows === "number") return { kind: "quantity", q: { value, unit: "number" }, evidence: "none", raw };
    if ("hoursPer" in shows)
      return { kind: "quantity", q: { value: value * shows.hoursPer, unit: "hours", display: shows.display }, evidence: "none", raw };
    return { kind: "quantity", q: { value, unit: "currency", currency: shows.currency }, evidence: "none", raw };
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
  if (q) return { kind: "quantity", q: q.q, evidence: q.evidence, raw: text, ...(q.note ? { note: q.note } : {}) };
  const d = parseDateText(text, rules);
  if (d && /\d{4}/.test(text)) return { kind: "date", day: d.day, ambiguous: d.ambiguous, raw: text };
  const lower = text.toLowerCase();
  if (TRUE_WORDS.has(lower)) return { kind: "bool", value: true, raw: text };
  if (FALSE_WORDS.has(lower)) return { kind: "bool", value: false, raw: text };
  return { kind: "text", text };
}

function trimNumber(n: number, digits: number): string {
  const fixed = n.toFixed(digits);
  // toFixed writes 1e21 and up in exponent form ("1e+30"), whose zeros are not decimals to trim.
  if (digits <= 0 || fixed.includes("e")) return fixed;
  // Trailing zeros after the point, then the point: "12.50" → "12.5", "3.00" → "3" (a loop, not a regex per cell).
  let end = fixed.length;
  while (fixed.charCodeAt(end - 1) === 48) end--;
  if (fixed.charCodeAt(end - 1) === 46) end--;
  return end === fixed.length ? fixed : fixed.slice(0, end);
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

/** Short, human text for a quantity: "85%", "$833K", "1.5 h", "3.4:1", "8/10", "18 tickets", "3 per week", "8% YoY". */
export function formatQuantity(q: Quantity, display?: DurationDisplay): string {
  const per = q.per ? ` per ${q.per}` : "";
  const growth = q.growth ? ` ${GROWTH_SHORT[q.growth]}` : "";
  // Words after a count are its unit; after a percentage, money or a duration they only describe it.
  const label = q.label && (q.unit === "number" || q.unit === "score") ? ` ${q.label}` : "";
  return `${formatValue(q, display)}${label}${per}${growth}`;
}

const GROWTH_SHORT: Readonly<Record<Growth, string>> = { yoy: "YoY", qoq: "QoQ", mom: "MoM", wow: "WoW", growth: "growth" };

function formatValue(q: Quantity, display?: DurationDisplay): string {
  switch (q.unit) {
    case "percent":
      // Two decimals where they matter: 99.95% is not 100%.
      return `${trimNumber(q.value, Math.abs(q.value) >= 99 || Math.abs(q.value) < 1 ? 2 : 1)}%`;
    case "currency":
      return `${q.value < 0 ? "-" : ""}${q.currency ?? "$"}${compactMoney(Math.abs(q.value))}`;
    case "hours": {
      const d = display ?? q.display ?? "h";
      if (d === "h") return `${trimNumber(q.value, 2)} h`;
      if (d === "min") return `${trimNumber(q.value * 60, 1)} min`;
      return `${trimNumber(q.value / HOURS_PER[d], 1)} ${d}`;
    }
    case "ratio":
      return `${trimNumber(q.value, 2)}:1`;
    case "score":
      return `${trimNumber(q.value, 2)}/${q.outOf ?? 10}`;
    default:
      return withSeparators(q.value, 2);
  }
}
