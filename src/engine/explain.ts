// Every explanation a status carries, and every action the Gaps sheet suggests: one home for the engine's words,
// as problems.ts is for problem messages. Each explanation ends with "→ Status" so the rule that decided is visible.
import type { RowResult } from "./model";
import { departmentOf } from "./library";
import type { Status } from "./status";
import { intern } from "./memo";

const q = (s: string) => `"${s}"`;

export const EXPLAIN = {
  elementWithoutGoal: () => "No goal measures this element → Needs Target",
  // An element's status is its goals': it points at them and is not counted again.
  elementFromGoals: (p: { goals: number; culprit: string; at: string; status: Status }) =>
    p.goals === 1
      ? `Its goal ${q(p.culprit)} (${p.at}) is ${p.status} → ${p.status}`
      : `Worst of ${p.goals} goals: ${q(p.culprit)} (${p.at}) is ${p.status} → ${p.status}`,

  rollupsNotCounted: (p: { rollups: number }) =>
    `${p.rollups} KPA ${p.rollups === 1 ? "element takes its status" : "elements take their status"} from the goals that measure ${p.rollups === 1 ? "it" : "them"}, so ${p.rollups === 1 ? "it is" : "they are"} not counted again.`,

  trainingNoCompletionColumn: () => "No completion column (Completed or Done) → No Data",
  trainingDone: (p: { detail?: string }) => `${p.detail ? `Done, ${p.detail}` : "Done"} → Met`,
  trainingNoTimeline: () => "Not done and no timeline to judge by → Needs Target",
  trainingOverdue: (p: { due: string }) => `Not done, due ${p.due} → Overdue`,
  trainingPending: (p: { due: string }) => `Not done yet, due ${p.due} → On Track`,

  noData: (p: { why: "no column" | "error" | "empty"; raw?: string; unlogged: boolean }) =>
    `${p.why === "no column" ? "No Actual column in this table" : p.why === "error" ? `Actual is an error (${p.raw})` : "No actual value yet"}${p.unlogged ? ", and none logged" : ""} → No Data`,
  noTarget: () => "No target → Needs Target",
  targetNotUnderstood: (p: { target: string }) => `Target ${q(p.target)} not understood → Needs Target`,
  targetNeedsBaseline: (p: { target: string }) => `Target ${q(p.target)} needs a Baseline → Needs Target`,
  actualNotANumber: (p: { actual: string }) => `Actual ${q(p.actual)} is not a number → No Data`,
  targetFractionAmbiguous: (p: { target: string }) => `Target ${q(p.target)} could be a fraction or a percentage → Needs Target`,
  unitMismatch: (p: { actual: string }) => `Actual ${q(p.actual)} is in another unit than the target → No Data`,

  /** "88% (logged Sep 30, 2050) vs ≥ 90% (baseline 80%)": what every numeric explanation starts with. */
  head: (p: { actual: string; source: string; target: string; note?: string; fromGoal: boolean }) =>
    `${p.actual}${p.source} vs ${p.target}${p.note ? ` (${p.note})` : ""}${p.fromGoal ? " (target from the Goal text)" : ""}`,
  /** How a target was read where its text leaves it open: a tolerance band, or a target of nothing. */
  readAsBand: (p: { low: string; high: string; centre?: string }) =>
    `target read as ${p.low} to ${p.high}${p.centre ? ` around ${p.centre}` : ""}`,
  /** A note in brackets after the actual's value, not used to judge it. */
  noteSetAside: (p: { note: string }) => `(note ${q(p.note)} set aside)`,
  readAsZero: () => "target read as 0 (none allowed)",
  /** The band part of an explanation for a zero target missed: no shortfall is small relative to zero. */
  zeroTolerance: () => "a zero target has no tolerance",
  // The band part when the row's own columns decide (judge/band.ts statusForRow); "(row threshold)" marks an Off Track
  // that a row's own threshold decided, where the workbook tolerance alone would say "beyond 10% tolerance".
  rowToleranceWithin: (p: { tolerance: string }) => `within the row's ${p.tolerance} tolerance`,
  rowToleranceBeyond: (p: { tolerance: string }) => `beyond the row's ${p.tolerance} tolerance (row threshold)`,
  // A section's own tolerance (KPA Settings' Section | Tolerance table), where the workbook's would be another.
  sectionTolerance: (p: { within: boolean; tolerance: string }) =>
    `${p.within ? "within" : "beyond"} the section's ${p.tolerance} tolerance (KPA Settings)`,
  withinRowAmber: (p: { amber: string }) => `within the row's amber ${p.amber}`,
  pastRowAmber: (p: { side: "below" | "above"; amber: string }) => `${p.side} the row's amber ${p.amber} (row threshold)`,
  pastRowAmberNotRed: (p: { side: "below" | "above"; amber: string; red: string }) =>
    `${p.side} the row's amber ${p.amber} but not its red ${p.red}`,
  notPastRowRed: (p: { side: "below" | "above"; red: string }) => `not ${p.side} the row's red ${p.red}`,
  pastRowRed: (p: { side: "below" | "above"; red: string }) => `${p.side} the row's red ${p.red} (row threshold)`,
  sourceLogged: (p: { date: string; source?: string }) => ` (logged ${p.date}${p.source ? `, ${p.source}` : ""})`,
  sourceTypedAsLogged: (p: { date: string }) => ` (typed Actual, as logged ${p.date})`,
  sourceTypedOverLog: (p: { value: string; date: string }) => ` (typed Actual, used over the log's ${p.value} of ${p.date})`,

  met: (p: { head: string }) => `${p.head}: target met → Met`,
  overdue: (p: { head: string; short: string; due: string }) => `${p.head}: ${p.short}, was due ${p.due} → Overdue`,
  projectedOnTrack: (p: { head: string; short: string; projected: string }) => `${p.head}: ${p.short}, ${p.projected} → On Track`,
  projectedShort: (p: { head: string; short: string; band: string; projected: string; status: Status }) =>
    `${p.head}: ${p.short}, ${p.band}, ${p.projected} → ${p.status}`,
  paceOnTrack: (p: { head: string; way: string; elapsed: string }) =>
    `${p.head}: ${p.way} of the way with ${p.elapsed} of the time gone → On Track`,
  short: (p: { head: string; short: string; band: string; status: Status }) => `${p.head}: ${p.short}, ${p.band} → ${p.status}`,

  categoricalHead: (p: { actual: string; expected: string; fromGoal: boolean; source: string }) =>
    `${q(p.actual)} vs ${q(p.expected)}${p.source}${p.fromGoal ? " (target from the Goal text)" : ""}`,
  categoricalMet: (p: { head: string }) => `${p.head}: matches → Met`,
  categoricalOverdue: (p: { head: string; due: string }) => `${p.head}: not yet, was due ${p.due} → Overdue`,
  categoricalNotYet: (p: { head: string }) => `${p.head}: not yet → Off Track`,
  // Milestones (categorical targets) not met yet, by what the actual reports; `due` undefined means no timeline.
  categoricalDone: (p: { head: string; detail: string }) => `${p.head}: done, ${p.detail} → Met`,
  categoricalOtherValue: (p: { head: string }) => `${p.head}: a different value → Off Track`,
  milestoneProgress: (p: { head: string; state: string; due?: string }) =>
    `${p.head}: not yet, ${p.state}, ${p.due ? `due ${p.due}` : "no timeline"} → On Track`,
  milestoneTrouble: (p: { head: string; state: string; due?: string }) =>
    `${p.head}: not yet, ${p.state}, ${p.due ? `due ${p.due}` : "no timeline"} → At Risk`,
  milestoneFailed: (p: { head: string; state: string }) => `${p.head}: ${p.state} → Off Track`,
  milestoneNotStartedSoon: (p: { head: string; state: string; due: string; days: number; window: number }) =>
    `${p.head}: ${p.state}, due ${p.days === 0 ? "today" : `in ${p.days} day${p.days === 1 ? "" : "s"}`} (${p.due}, within the ${p.window}-day warning window) → At Risk`,
  milestoneNotStartedEarly: (p: { head: string; state: string; due: string; days: number; window: number }) =>
    `${p.head}: ${p.state}, due in ${p.days} days (${p.due}, before the ${p.window}-day warning window), so nothing is due yet → On Track`,
  milestonePlannedLate: (p: { head: string; planned: string; due: string }) =>
    `${p.head}: planned for ${p.planned}, after it is due (${p.due}) → At Risk`,
  milestoneNotStartedNoTimeline: (p: { head: string; state: string }) =>
    `${p.head}: ${p.state} and no timeline, so it is due now → Off Track`,
  milestoneNotUnderstood: (p: { head: string }) =>
    `${p.head}: the actual says neither done, in progress, in trouble nor not started → No Data`,
  trainingTrouble: (p: { state: string; due: string }) => `Not done, ${p.state}, due ${p.due} → At Risk`,

  /** On the Gaps sheet, for a row a team had responded to that the workbook no longer holds. */
  rowGone: () => "No longer found in the workbook",
} as const;

/** What to do about a row that is not Met, as the Gaps sheet suggests it. */
export function suggestedAction(r: RowResult): string {
  if (r.status === "No Data") return "Enter this period's actual value, or log a measurement for it.";
  if (r.status === "Needs Target")
    return r.kind === "kpa"
      ? "Add a goal that measures this element, with a target."
      : 'Write a measurable target, e.g. "≥ 85%" or "< 2 hours".';
  if (r.kind === "training")
    return r.status === "Overdue"
      ? "Book the training or agree a new date with the provider."
      : "Confirm the training date with the provider.";
  const dept = departmentOf(r.department, r.name, r.group);
  const base = dept
    ? dept.correctiveAction
    : "Review the cause (process, resources or strategy) and agree a corrective action with the owner.";
  return r.status === "Overdue" ? intern(`Agree a new date with the owner. ${base}`) : base;
}

/** 0.025 → "2.5%", 0.25 → "25%"; an infinite share (a zero target missed) → "100%+". */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return "100%+";
  const pct = fraction * 100;
  // Small gaps keep their digits: 99.82% against 99.9% is 0.08% short, not "0% short".
  const digits = pct >= 10 || Number.isInteger(pct) ? 0 : pct >= 1 ? 1 : 2;
  const text = pct.toFixed(digits);
  return `${digits > 0 ? text.replace(/\.?0+$/, "") : text}%`;
}
