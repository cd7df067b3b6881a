// One goal judged on its own: the entry point of the worksheet functions (=KPA.STATUS and friends). It writes the
// inputs into a one-row goals table (Goal | Target | Actual | Timeline | Baseline) and runs the normal evaluation on
// it, so a formula and an Evaluate agree on the same inputs by construction, not by a second copy of the rules.
//
// What a cell formula cannot pass is a cell's number format, which the engine reads a number's meaning from. So:
//   - due and asOf numbers are Excel date serials (a date-formatted cell's value); text is a date typed as text;
//   - an actual or baseline number against a percentage target ("≥ 85%") is read as a percent-formatted cell ("0%":
//     0.8 is 80%) when that reading is nearer the target than the plain one (80 stays 80%); with a zero target, a
//     number from −1 to 1 is a fraction. Text ("80%", "1.5 h", "$2M") is read exactly as in a table;
//   - any other number is a General cell, and a number target is too (pass "85%" as text to say it is a percentage).
import { type Day, isoDate, isoFromSerial, localDay, parseDateText } from "./dates";
import { evaluateGrid } from "./evaluate";
import type { CellValue, WorkbookGrid } from "./grid";
import { memoize } from "./memo";
import { type EvaluateOptions, InvalidOptionError } from "./settings";
import type { Status } from "./status";
import { parseTarget } from "./targets";

/** A worksheet argument as Excel passes it: a number, text, a boolean, or nothing. */
export type SingleValue = string | number | boolean | null | undefined;

export interface SingleInput {
  readonly actual: SingleValue;
  readonly target: SingleValue;
  /** The deadline: an Excel date serial, or a date as text. */
  readonly due?: SingleValue;
  /** The day judged as of: an Excel date serial or a date as text; today when omitted. */
  readonly asOf?: SingleValue;
  readonly baseline?: SingleValue;
  /** The goal's wording ("Reduce response time"), read as in a table for the direction a bare target points. */
  readonly goal?: SingleValue;
}

export type SingleOptions = Omit<EvaluateOptions, "asOf">;

export interface SingleResult {
  readonly status: Status;
  readonly explanation: string;
  /** 0..1 where defined. */
  readonly progress?: number;
}

export const SINGLE_HEADERS = ["Goal", "Target", "Actual", "Timeline", "Baseline"] as const;
/** The Goal cell when none is given: neutral words, so the target alone sets the direction. */
const NO_GOAL = "This goal";
const DATE_FORMAT = "yyyy-mm-dd";
const PERCENT_FORMAT = "0%";

function blank(v: SingleValue): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** The target's percentage, when it is a level in percent (not a change from the baseline). */
const percentTarget = memoize((text: string): number | undefined => {
  const parsed = parseTarget(text);
  if (!parsed.ok || parsed.target.kind !== "numeric" || parsed.target.change) return undefined;
  const t = parsed.target;
  if (t.value.unit !== "percent") return undefined;
  return t.upper ? (t.value.value + t.upper.value) / 2 : t.value.value;
});

/** The number format a number argument is written with (see the top of this file). */
function numberFormat(value: number, target: SingleValue): string {
  if (typeof target !== "string") return "General";
  const pct = percentTarget(target.trim());
  if (pct === undefined) return "General";
  if (pct === 0 || value === 0) return Math.abs(value) <= 1 ? PERCENT_FORMAT : "General";
  // The reading whose size is nearer the target's: 0.8 beside 85% is 80%, 80 beside 85% is 80%, 1.5 beside 2% is 1.5%.
  const far = (x: number) => Math.abs(Math.log(Math.abs(x) / Math.abs(pct)));
  return far(value * 100) < far(value) ? PERCENT_FORMAT : "General";
}

/** The as-of day: a serial, a date as text, or today. Throws InvalidOptionError for anything else. */
export function singleAsOf(asOf: SingleValue, options: SingleOptions = {}): string {
  if (blank(asOf)) return isoDate(localDay());
  if (typeof asOf === "number" && Number.isFinite(asOf) && asOf >= 1) return isoFromSerial(asOf);
  if (typeof asOf === "string") {
    const day: Day | undefined = parseDateText(asOf.trim(), {
      order: options.dateOrder ?? "mdy",
      fiscalYearStart: options.fiscalYearStart,
    })?.day;
    if (day !== undefined) return isoDate(day);
  }
  throw new InvalidOptionError(`The as-of date ${String(asOf)} is not a date.`);
}

function cell(v: SingleValue): CellValue {
  return blank(v) ? null : (v as CellValue);
}

/** The one-row goals table the inputs are judged in, with each cell's number format. */
export function singleGrid(input: SingleInput): WorkbookGrid {
  const due = cell(input.due);
  const values: CellValue[] = [
    blank(input.goal) ? NO_GOAL : cell(input.goal),
    cell(input.target),
    cell(input.actual),
    typeof due === "boolean" ? null : due,
    cell(input.baseline),
  ];
  const formats = values.map((v, i) => {
    if (typeof v !== "number") return "General";
    if (i === 3) return DATE_FORMAT;
    return i === 2 || i === 4 ? numberFormat(v, input.target) : "General";
  });
  return {
    sheets: [
      {
        name: "KPA",
        values: [[...SINGLE_HEADERS], values],
        numberFormats: [SINGLE_HEADERS.map(() => "General"), formats],
      },
    ],
  };
}

function judge(input: SingleInput, asOf: string, options: SingleOptions): SingleResult {
  const evaluation = evaluateGrid(singleGrid(input), { ...options, asOf });
  const row = evaluation.rows[0];
  if (!row) return { status: "Needs Target", explanation: "Nothing to judge: give an actual and a target." };
  return row.progress === undefined
    ? { status: row.status, explanation: row.explanation }
    : { status: row.status, explanation: row.explanation, progress: row.progress };
}

const remembered = memoize((key: string): SingleResult => {
  const { input, asOf, options } = JSON.parse(key) as { input: SingleInput; asOf: string; options: SingleOptions };
  return judge(input, asOf, options);
}, 1024);

/**
 * Judges one goal as a row of a goals table would be judged, as of `input.asOf` (today when omitted). Results are
 * remembered: a sheet of formulas repeats the same few inputs. Throws InvalidOptionError for an unusable as-of date
 * or option.
 */
export function judgeOne(input: SingleInput, options: SingleOptions = {}): SingleResult {
  const asOf = singleAsOf(input.asOf, options);
  const norm = (v: SingleValue) => (v === undefined ? null : v);
  const key = JSON.stringify({
    input: {
      actual: norm(input.actual),
      target: norm(input.target),
      due: norm(input.due),
      baseline: norm(input.baseline),
      goal: norm(input.goal),
    },
    asOf,
    options: {
      tolerance: options.tolerance,
      dateOrder: options.dateOrder,
      milestoneWindowDays: options.milestoneWindowDays,
      fiscalYearStart: options.fiscalYearStart,
    },
  });
  return remembered(key);
}
