// The options an evaluation depends on, and the one place they are checked: the engine, the CLI and the pane
// all use these rules, so a value one of them accepts is never refused by another.
import { type DateOrder, parseIsoDate } from "./dates";

export interface EvaluateOptions {
  /** ISO date (YYYY-MM-DD) the rows are judged as of. */
  readonly asOf: string;
  /** Relative shortfall still counted as At Risk rather than Off Track. Default 0.1. */
  readonly tolerance?: number;
  /** How to read numeric dates such as 03/04/2050. Default month first. */
  readonly dateOrder?: DateOrder;
  /** Days before a milestone's deadline in which "not started" turns At Risk. Default 30. */
  readonly milestoneWindowDays?: number;
  /** The month (1 = January … 12) the fiscal year starts in: quarters, halves and fiscal years ("Q1 2050", "FY50") follow it. Default 1. */
  readonly fiscalYearStart?: number;
  /** Tolerances of their own for rows in a section, matched by the section's heading. */
  readonly sectionTolerances?: readonly SectionTolerance[];
}

export interface SectionTolerance {
  /** The section's heading as written above its table, e.g. "II. Goal-Setting and Prioritization". */
  readonly section: string;
  readonly tolerance: number;
}

export const DEFAULT_TOLERANCE = 0.1;
export const DEFAULT_DATE_ORDER: DateOrder = "mdy";
/** The tolerance is a share of the target: 0 (no band) to 1 (a 100% shortfall is still At Risk). */
export const MAX_TOLERANCE = 1;
/** A categorical target (Complete, Launched, Signed) not started this many days or fewer before its deadline is At Risk. */
export const DEFAULT_MILESTONE_WINDOW_DAYS = 30;
/** The warning window is whole days: 0 (never warn early) to a year. */
export const MAX_MILESTONE_WINDOW_DAYS = 366;

export const DEFAULT_FISCAL_YEAR_START = 1;

/** Thrown only for options a caller passed; bad workbook data becomes problems instead. */
export class InvalidOptionError extends Error {}

export function isIsoDate(text: unknown): text is string {
  return typeof text === "string" && parseIsoDate(text) !== undefined;
}

export function isTolerance(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= MAX_TOLERANCE;
}

export function isMilestoneWindowDays(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_MILESTONE_WINDOW_DAYS;
}

export function parseDateOrder(text: unknown): DateOrder | undefined {
  return text === "mdy" || text === "dmy" ? text : undefined;
}

export function isMonth(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 12;
}

// The sentences for unusable values. `label` names the value as the caller's user knows it: "The tolerance" in the
// pane, "--tolerance" on the command line.

export function asOfProblem(text: string, label = "The as-of date"): string {
  return `${label} ${text} is not a date in the form YYYY-MM-DD.`;
}

export function toleranceProblem(text: string, label = "The tolerance"): string {
  return `${label} ${text} must be a number from 0 to ${MAX_TOLERANCE} (0.1 means 10%).`;
}

export function dateOrderProblem(text: string, label = "The date order"): string {
  return `${label} must be mdy (03/04/2050 is March 4) or dmy (April 3), not ${text}.`;
}

export function milestoneWindowProblem(text: string, label = "The milestone warning window"): string {
  return `${label} ${text} must be a whole number of days from 0 to ${MAX_MILESTONE_WINDOW_DAYS} (30 warns a month before a deadline).`;
}

export function fiscalYearStartProblem(text: string, label = "The fiscal year start"): string {
  return `${label} ${text} must be a month from 1 (January) to 12 (December).`;
}

/** The options with defaults filled in; throws InvalidOptionError with one sentence for a bad one. */
export function checkOptions(options: EvaluateOptions): {
  asOf: number;
  tolerance: number;
  order: DateOrder;
  milestoneWindowDays: number;
  fiscalYearStart: number;
  sectionTolerances: readonly SectionTolerance[];
} {
  const asOf = parseIsoDate(options.asOf);
  if (asOf === undefined) throw new InvalidOptionError(asOfProblem(options.asOf));
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  if (!isTolerance(tolerance)) throw new InvalidOptionError(toleranceProblem(String(options.tolerance)));
  const order = options.dateOrder ?? DEFAULT_DATE_ORDER;
  if (parseDateOrder(order) === undefined) throw new InvalidOptionError(dateOrderProblem(String(order)));
  const milestoneWindowDays = options.milestoneWindowDays ?? DEFAULT_MILESTONE_WINDOW_DAYS;
  if (!isMilestoneWindowDays(milestoneWindowDays))
    throw new InvalidOptionError(milestoneWindowProblem(String(options.milestoneWindowDays)));
  const fiscalYearStart = options.fiscalYearStart ?? DEFAULT_FISCAL_YEAR_START;
  if (!isMonth(fiscalYearStart)) throw new InvalidOptionError(fiscalYearStartProblem(String(options.fiscalYearStart)));
  const sectionTolerances = options.sectionTolerances ?? [];
  for (const s of sectionTolerances)
    if (!isTolerance(s.tolerance))
      throw new InvalidOptionError(toleranceProblem(String(s.tolerance), `The tolerance of the section "${s.section}"`));
  return { asOf, tolerance, order, milestoneWindowDays, fiscalYearStart, sectionTolerances };
}
