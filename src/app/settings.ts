// Settings rules shared by the pane and the ribbon command (no React here, so the command's bundle stays small).
// What counts as a usable as-of date, tolerance, date order, milestone window or fiscal year start is the engine's rule
// (src/engine/settings.ts), the same one the CLI applies; this only fills the gaps in what a document saved.
import {
  DEFAULT_DATE_ORDER,
  DEFAULT_FISCAL_YEAR_START,
  DEFAULT_MILESTONE_WINDOW_DAYS,
  DEFAULT_TOLERANCE,
  isIsoDate,
  isMilestoneWindowDays,
  isMonth,
  isTolerance,
  parseDateOrder,
} from "../engine";
import type { EvaluateSettings } from "./port";

/** Saved settings may come from an older version or another tool: anything unusable takes the default. */
export function withDefaults(saved: Partial<EvaluateSettings>, today: string): EvaluateSettings {
  return {
    asOf: isIsoDate(saved.asOf) ? saved.asOf : today,
    tolerance: isTolerance(saved.tolerance) ? saved.tolerance : DEFAULT_TOLERANCE,
    dateOrder: parseDateOrder(saved.dateOrder) ?? DEFAULT_DATE_ORDER,
    // Documents saved before the window was a setting have none: they get the engine's default, as before.
    milestoneWindowDays: isMilestoneWindowDays(saved.milestoneWindowDays) ? saved.milestoneWindowDays : DEFAULT_MILESTONE_WINDOW_DAYS,
    fiscalYearStart: isMonth(saved.fiscalYearStart) ? saved.fiscalYearStart : DEFAULT_FISCAL_YEAR_START,
  };
}

/** The tolerance as the pane shows it, a percent ("10" for 0.1); rounded so 0.07 shows as 7, not 7.000000000000001. */
export function percentOf(tolerance: number): string {
  return String(Math.round(tolerance * 10000) / 100);
}

/** A percent as typed in the pane ("15") as the engine's tolerance (0.15), or undefined when the engine would refuse it. */
export function toleranceOfPercent(text: string): number | undefined {
  if (text.trim() === "") return undefined;
  const tolerance = Number(text) / 100;
  return isTolerance(tolerance) ? tolerance : undefined;
}

/** Days as typed in the pane ("45") as the engine's window, or undefined when the engine would refuse it. */
export function milestoneWindowOfText(text: string): number | undefined {
  if (text.trim() === "") return undefined;
  const days = Number(text);
  return isMilestoneWindowDays(days) ? days : undefined;
}
