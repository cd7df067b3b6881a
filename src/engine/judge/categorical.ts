// Categorical targets ("Approved", "Complete", "Yes"): Met when the actual matches, else Off Track or Overdue.
import { type Day, longDate } from "../dates";
import { EXPLAIN } from "../explain";
import type { Judgement } from "../model";
import type { JudgeContext } from "../row-reader";
import { type CategoricalTarget, isAffirmative } from "../targets";
import type { Reading } from "../values";

export function judgeCategorical(
  actual: Reading,
  actualText: string,
  target: CategoricalTarget,
  timeline: Day | undefined,
  ctx: JudgeContext,
  how: { source: string; fromGoal: boolean },
): Judgement {
  const text = actual.kind === "bool" ? (actual.value ? "Yes" : "No") : actualText;
  const matches = text.trim().toLowerCase() === target.expected.toLowerCase() || (target.affirmative && isAffirmative(text));
  const head = EXPLAIN.categoricalHead({ actual: text, expected: target.expected, ...how });
  const base = { actual: text, target: `"${target.expected}"` };
  if (matches) return { ...base, status: "Met", explanation: EXPLAIN.categoricalMet({ head }), progress: 1 };
  if (timeline !== undefined && timeline < ctx.asOf)
    return {
      ...base,
      status: "Overdue",
      explanation: EXPLAIN.categoricalOverdue({ head, due: longDate(timeline) }),
      progress: 0,
      gap: "not met",
    };
  return { ...base, status: "Off Track", explanation: EXPLAIN.categoricalNotYet({ head }), progress: 0, gap: "not met" };
}
