// The one rule that turns a shortfall into a status: within the tolerance band is At Risk, beyond it Off Track.
import { EXPLAIN, formatPercent } from "../explain";

export interface Band {
  readonly status: "At Risk" | "Off Track";
  /** "within 10% tolerance" or "beyond 10% tolerance", for the explanation. */
  readonly band: string;
}

export function statusForShortfall(shortfall: number, tolerance: number): Band {
  // Missing a zero target (or a band bound of zero) is an infinite relative shortfall: no tolerance reaches it.
  if (!Number.isFinite(shortfall)) return { status: "Off Track", band: EXPLAIN.zeroTolerance() };
  const within = shortfall <= tolerance;
  return { status: within ? "At Risk" : "Off Track", band: `${within ? "within" : "beyond"} ${formatPercent(tolerance)} tolerance` };
}
