// Calendar dates as whole days since 1970-01-01, free of time zones.

import { memoize } from "./memo";

export type Day = number;
export type DateOrder = "mdy" | "dmy";

/** How dates written as text are read: the order of a numeric date, and the month the fiscal year starts in. */
export interface DateRules {
  readonly order: DateOrder;
  /** 1 (January, the calendar year) to 12. Quarters, halves and fiscal years ("Q1 2050", "H2 FY50", "FY2050") follow it. */
  readonly fiscalYearStart?: number;
}

/** The fiscal year start of the rules: 1 (the calendar year) for a bare order or an unusable month. */
function startOf(rules: DateOrder | DateRules): number {
  const f = typeof rules === "string" ? undefined : rules.fiscalYearStart;
  return f !== undefined && Number.isInteger(f) && f >= 1 && f <= 12 ? f : 1;
}

/**
 * The last day of the `months`-long part number `part` (1-based) of fiscal year `year`. A fiscal year is named by the
 * calendar year it ends in: with a year starting in April, FY2050 runs from April 1, 2049 to March 31, 2050 and its
 * first quarter ends June 30, 2049. With January it is the calendar year.
 */
export function fiscalPartEnd(year: number, start: number, months: number, part: number): Day {
  const firstYear = start === 1 ? year : year - 1;
  return monthEnd(firstYear, start - 1 + months * part);
}

const MS_PER_DAY = 86_400_000;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function dayFromYMD(y: number, m: number, d: number): Day {
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function ymd(day: Day): { y: number; m: number; d: number } {
  const dt = new Date(day * MS_PER_DAY);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

export function isValidYMD(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 9999) return false;
  return d <= ymd(dayFromYMD(y, m + 1, 1) - 1).d;
}

export function monthEnd(y: number, m: number): Day {
  return dayFromYMD(y, m + 1, 1) - 1;
}

export function addMonths(day: Day, months: number): Day {
  const { y, m, d } = ymd(day);
  const end = ymd(monthEnd(y, m + months)).d;
  return dayFromYMD(y, m + months, Math.min(d, end));
}

/** Dates read from .xlsx files arrive as JS Dates whose UTC fields hold the wall-clock date. */
export function dayFromDate(date: Date): Day {
  return dayFromYMD(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** Excel's 1900 date system, including its phantom 29 Feb 1900 (serial 60). */
export function dayFromSerial(serial: number): Day {
  const whole = Math.floor(serial);
  return whole > 60 ? whole - 25569 : whole - 25568;
}

/** The calendar day `date` falls on where the user is (local time), e.g. the default as-of date. */
export function localDay(date: Date = new Date()): Day {
  return dayFromYMD(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

export function serialFromDay(day: Day): number {
  const serial = day + 25569;
  return serial > 60 ? serial : serial - 1;
}

export const isoDate: (day: Day) => string = memoize(isoDateOf);

function isoDateOf(day: Day): string {
  const { y, m, d } = ymd(day);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** "Dec 15, 2050": unambiguous in every locale. */
export const longDate: (day: Day) => string = memoize(longDateOf);

function longDateOf(day: Day): string {
  const { y, m, d } = ymd(day);
  return `${MONTH_NAMES[m - 1]} ${d}, ${y}`;
}

export function parseIsoDate(text: string): Day | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidYMD(y, mo, d) ? dayFromYMD(y, mo, d) : undefined;
}

/** True when a number format shows a date (d, m, y codes outside quotes and brackets, and no time-only format). */
export const isDateFormat: (format: string) => boolean = memoize(dateFormat);

function dateFormat(format: string): boolean {
  if (!format || format === "General" || format === "@") return false;
  const stripped = format
    .replace(/"[^"]*"/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\\./g, "")
    .split(";")[0] as string;
  return /[dy]/i.test(stripped) || (/m/i.test(stripped) && !/[hs]/i.test(stripped) && !/[0#]/.test(stripped));
}

/** True for a duration or time-of-day format such as "h:mm" or "[h]:mm:ss" (a fraction of a day). */
export const isTimeFormat: (format: string) => boolean = memoize(timeFormat);

function timeFormat(format: string): boolean {
  const f = (format.split(";")[0] as string).replace(/"[^"]*"/g, "").replace(/\[(?!h\]|m\]|s\])[^\]]*\]/gi, "");
  return /h/i.test(f) && /:/.test(f) && !/[dy]/i.test(f);
}

function monthIndex(word: string): number | undefined {
  const i = MONTHS.indexOf(word.slice(0, 3).toLowerCase());
  if (i < 0) return undefined;
  const full = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"][
    i
  ] as string;
  const w = word.toLowerCase().replace(/\.$/, "");
  return w === full || w === full.slice(0, 3) || (full === "september" && w === "sept") ? i + 1 : undefined;
}

export interface ParsedDate {
  day: Day;
  /** Set when a numeric date such as 03/04/2050 could be read either way. */
  ambiguous?: boolean;
}

/**
 * Reads the date phrasings found in KPA workbooks: ISO, "December 15, 2050", "15 Dec 2050",
 * "Q4 2050" (quarter end), "H1 2050" (half end), "FY2050", "FY50" or "FY2049/50" (fiscal year end), "June 2050"
 * (month end), "2050" (calendar year end) and numeric dates in the given order. Quarters, halves and fiscal years
 * follow the fiscal year start (see fiscalPartEnd); a month or a bare year is always the calendar's.
 */
export function parseDateText(input: string, rules: DateOrder | DateRules = "mdy"): ParsedDate | undefined {
  // Read without building an object: every text cell that is not a number comes through here.
  const order = typeof rules === "string" ? rules : rules.order;
  const start = startOf(rules);
  let t = input
    .trim()
    .toLowerCase()
    .replace(/^(?:by the end of|by end of|the end of|end of|by|before|due|on|until|till|in|eo)\s+/, "")
    .replace(/[.,]+$/, "")
    .trim();
  if (!t) return undefined;
  t = t.replace(/(\d)(st|nd|rd|th)\b/g, "$1");

  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t) ?? /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(t);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));

  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = Number(m[3]);
    if (a > 12 && b <= 12) return valid(y, b, a);
    if (b > 12 && a <= 12) return valid(y, a, b);
    const res = order === "mdy" ? valid(y, a, b) : valid(y, b, a);
    return res && a !== b ? { ...res, ambiguous: true } : res;
  }

  // "december 15 2050", "dec. 15, 2050"
  m = /^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(t);
  // Not a month ("quarter 3, 2050"): a period below may read it.
  const named = m ? monthIndex(m[1] as string) : undefined;
  if (m && named) return valid(Number(m[3]), named, Number(m[2]));
  // "15 december 2050", "15-dec-2050"
  m = /^(\d{1,2})[\s-]+([a-z]+)\.?,?[\s-]+(\d{4})$/.exec(t);
  if (m) {
    const mo = monthIndex(m[2] as string);
    return mo ? valid(Number(m[3]), mo, Number(m[1])) : undefined;
  }
  // "q4 2050", "4q 2050", "quarter 4 2050", "2050 q4", "q4/2050", "q4 fy50", "fy50 q4"; halves alike ("h1 2050", "1h fy50")
  const quarter = periodPart(t, QUARTERS);
  if (quarter) {
    const year = fiscalYear(quarter.year);
    return year === undefined ? undefined : { day: fiscalPartEnd(year, start, 3, quarter.part) };
  }
  const half = periodPart(t, HALVES);
  if (half) {
    const year = fiscalYear(half.year);
    return year === undefined ? undefined : { day: fiscalPartEnd(year, start, 6, half.part) };
  }
  // "june 2050", "jun-2050"
  m = /^([a-z]+)\.?[\s-]+(\d{4})$/.exec(t);
  if (m) {
    const mo = monthIndex(m[1] as string);
    return mo ? { day: monthEnd(Number(m[2]), mo) } : undefined;
  }
  // "fy2050", "fy 50", "fy2049/50", "fy 2049-2050": the fiscal year's last day
  if (t.startsWith("fy")) {
    const year = fiscalYear(t);
    return year === undefined ? undefined : { day: fiscalPartEnd(year, start, 12, 1) };
  }
  // "2050": the calendar year's last day
  m = /^(\d{4})$/.exec(t);
  if (m) {
    const y = Number(m[1]);
    return y >= 1900 && y <= 9999 ? { day: monthEnd(y, 12) } : undefined;
  }
  return undefined;
}

/**
 * The year a fiscal year is named by (the one it ends in): "2050", "fy2050", "fy 50" (20xx), "fy2049/50" and
 * "fy49-50" (the second year, which must follow the first). Undefined for anything else.
 */
function fiscalYear(text: string): number | undefined {
  const m = /^(?:fy\s?)?(\d{2}|\d{4})(?:[/-](\d{2}|\d{4}))?$/.exec(text);
  if (!m || (m[1]?.length === 2 && !text.startsWith("fy"))) return undefined;
  const full = (digits: string) => (digits.length === 2 ? 2000 + Number(digits) : Number(digits));
  const first = full(m[1] as string);
  if (m[2] === undefined) return first >= 1900 && first <= 9999 ? first : undefined;
  // The second year may be written short ("2049/50"): it takes the first's century.
  const second = m[2].length === 2 ? first - (first % 100) + Number(m[2]) + (Number(m[2]) < first % 100 ? 100 : 0) : Number(m[2]);
  return second === first + 1 && second <= 9999 ? second : undefined;
}

/** A period's year: "2050", or a fiscal year ("fy2050", "fy 50", "fy2049/50"), which fiscalYear reads. */
const PERIOD_YEAR = String.raw`(fy\s?\d{2}(?:\d{2})?(?:[/-]\d{2}(?:\d{2})?)?|\d{4})`;

/**
 * How a numbered part of a year is written, in lower case: "q4 2050", "4q 2050", "quarter 4, 2050" and, year first,
 * "2050 q4" or "fy50 4q" for `letter` q and `word` "quarter|qtr". Compiled once: every date cell goes through them.
 */
function periodPatterns(letter: string, word: string, count: number): { first: RegExp; yearFirst: RegExp } {
  const n = `[1-${count}]`;
  return {
    first: new RegExp(`^(?:${letter}(${n})|(${n})${letter}|(?:${word})\\s*(${n}))[\\s,/-]*${PERIOD_YEAR}$`),
    yearFirst: new RegExp(`^${PERIOD_YEAR}[\\s/-]*(?:${letter}(${n})|(${n})${letter})$`),
  };
}

const QUARTERS = periodPatterns("q", "quarter|qtr", 4);
const HALVES = periodPatterns("h", "half", 2);

/** The part's number and the year as written, when `t` names a part of a year as `patterns` describe. */
function periodPart(t: string, patterns: { first: RegExp; yearFirst: RegExp }): { part: number; year: string } | undefined {
  const m = patterns.first.exec(t);
  if (m) return { part: Number(m[1] ?? m[2] ?? m[3]), year: m[4] as string };
  const y = patterns.yearFirst.exec(t);
  return y ? { part: Number(y[2] ?? y[3]), year: y[1] as string } : undefined;
}

function valid(y: number, m: number, d: number): ParsedDate | undefined {
  return isValidYMD(y, m, d) ? { day: dayFromYMD(y, m, d) } : undefined;
}

/**
 * A plan date as an Excel serial: "2050-09-30" a whole day, "2050-09-30T14:05:09Z" (a timestamp) with the time of
 * day as its fraction. Undefined when it is neither.
 */
export function serialFromIso(text: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?Z?)?$/.exec(text.trim());
  const day = m ? parseIsoDate(m[1] as string) : undefined;
  if (!m || day === undefined) return undefined;
  const seconds = Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  if (seconds >= 86400) return undefined;
  return serialFromDay(day) + seconds / 86400;
}

/** A serial read back as serialFromIso wrote it: a whole day as "2050-09-30", else as a timestamp to the second. */
export function isoFromSerial(serial: number): string {
  const seconds = Math.round((serial - Math.floor(serial)) * 86400);
  const day = isoDate(dayFromSerial(serial + (seconds === 86400 ? 1 : 0)));
  if (seconds === 0 || seconds === 86400) return day;
  const t = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60].map((n) => String(n).padStart(2, "0"));
  return `${day}T${t.join(":")}Z`;
}

/** When an evaluation ran, as shown on the Summary and in the history: "2050-09-30T14:05:09Z" (no milliseconds). */
export function timestamp(at: Date = new Date()): string {
  return at.toISOString().replace(/\.\d+Z$/, "Z");
}
