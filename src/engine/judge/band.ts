// The one rule that turns a shortfall into a status: within the tolerance band is At Risk, beyond it Off Track. A row
// with its own thresholds (thresholds.ts) sets the band itself.
import { EXPLAIN, formatPercent } from "../explain";
import { EPS, type RowRule } from "./thresholds";

export interface Band {
  readonly status: "At Risk" | "Off Track";
  /** "within 10% tolerance" or "beyond 10% tolerance", for the explanation. */
  readonly band: string;
}

/** `ofSection`: the tolerance is the row's section's own, which the explanation then says. */
export function statusForShortfall(shortfall: number, tolerance: number, ofSection = false): Band {
  // Missing a zero target (or a band bound of zero) is an infinite relative shortfall: no tolerance reaches it.
  if (!Number.isFinite(shortfall)) return { status: "Off Track", band: EXPLAIN.zeroTolerance() };
  const within = shortfall <= tolerance;
  const band = ofSection
    ? EXPLAIN.sectionTolerance({ within, tolerance: formatPercent(tolerance) })
    : `${within ? "within" : "beyond"} ${formatPercent(tolerance)} tolerance`;
  return { status: within ? "At Risk" : "Off Track", band };
}

/**
 * The band of a row that missed its target (`a` in the target's unit), by the row's own rule when it has one, else by
 * the workbook tolerance. With levels, the common RAG reading:
 * - red only: past red is Off Track, anything between the target and red is At Risk;
 * - amber only: past amber is Off Track, between the target and amber At Risk;
 * - amber and red: amber marks where At Risk begins in earnest, red where Off Track does: between the target and
 *   amber, and between amber and red, the row is At Risk (the explanation says which); past red it is Off Track.
 * "Past" is strictly beyond the value on the worse side: an actual of exactly the red value is still At Risk.
 */
export function statusForRow(a: number, shortfall: number, rule: RowRule | undefined, tolerance: number, ofSection = false): Band {
  if (!rule) return statusForShortfall(shortfall, tolerance, ofSection);
  if (rule.kind === "tolerance") {
    if (!Number.isFinite(shortfall)) return { status: "Off Track", band: EXPLAIN.zeroTolerance() };
    const within = shortfall <= rule.share;
    return within
      ? { status: "At Risk", band: EXPLAIN.rowToleranceWithin({ tolerance: formatPercent(rule.share) }) }
      : { status: "Off Track", band: EXPLAIN.rowToleranceBeyond({ tolerance: formatPercent(rule.share) }) };
  }
  const side = rule.higher ? "below" : "above";
  const past = (v: number) => (rule.higher ? a < v - EPS * Math.max(1, Math.abs(v)) : a > v + EPS * Math.max(1, Math.abs(v)));
  const { amber, red } = rule;
  if (red && past(red.value)) return { status: "Off Track", band: EXPLAIN.pastRowRed({ side, red: red.text }) };
  if (amber && past(amber.value)) {
    return red
      ? { status: "At Risk", band: EXPLAIN.pastRowAmberNotRed({ side, amber: amber.text, red: red.text }) }
      : { status: "Off Track", band: EXPLAIN.pastRowAmber({ side, amber: amber.text }) };
  }
  if (amber) return { status: "At Risk", band: EXPLAIN.withinRowAmber({ amber: amber.text }) };
  return { status: "At Risk", band: EXPLAIN.notPastRowRed({ side, red: red?.text ?? "" }) };
}
