// Settings rules shared by the pane and the ribbon command (no React here, so the command's bundle stays small).
import { parseIsoDate } from "../engine";
import type { EvaluateSettings } from "./port";

export const DEFAULT_TOLERANCE = 0.1;

/** An as-of date the engine accepts. */
export function isIsoDate(text: string): boolean {
  return parseIsoDate(text) !== undefined;
}

/** Saved settings may come from an older version or another tool: anything unusable takes the default. */
export function withDefaults(saved: Partial<EvaluateSettings>, today: string): EvaluateSettings {
  const tolerance = saved.tolerance;
  return {
    asOf: typeof saved.asOf === "string" && isIsoDate(saved.asOf) ? saved.asOf : today,
    tolerance:
      typeof tolerance === "number" && Number.isFinite(tolerance) && tolerance >= 0 && tolerance <= 1 ? tolerance : DEFAULT_TOLERANCE,
    dateOrder: saved.dateOrder === "dmy" ? "dmy" : "mdy",
  };
}
