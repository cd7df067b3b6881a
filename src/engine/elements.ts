// KPA elements are judged through the goals that measure them (linked by acronym or shared words): worst goal wins.
import { quoteSheet } from "./address";
import { EXPLAIN } from "./explain";
import { acronyms, significantWords } from "./kpi-names";
import type { RowResult } from "./model";
import { type Problem, problem } from "./problems";
import { type Status, worst } from "./status";

export function linkElements(rows: readonly RowResult[], problems: Problem[]): RowResult[] {
  const goals = rows.filter((r) => r.kind === "goals" || r.kind === "kpi");
  return rows.map((r) => {
    if (r.kind !== "kpa") return r;
    const acr = acronyms(r.name);
    const words = significantWords(r.name);
    const linked = goals.filter((g) => {
      const gAcr = acronyms(g.name);
      if ([...acr].some((a) => gAcr.has(a))) return true;
      const gWords = significantWords(g.name);
      return [...words].some((w) => gWords.has(w));
    });
    if (linked.length === 0) {
      problems.push(problem("elementUnlinked", "warning", r.sheet, r.cell, { element: r.name }));
      return r;
    }
    const status = worst(linked.map((g) => g.status)) as Status;
    const culprit = linked.find((g) => g.status === status) as RowResult;
    const progresses = linked.map((g) => g.progress).filter((p): p is number => p !== undefined);
    return {
      ...r,
      status,
      explanation: EXPLAIN.elementFromGoals({
        goals: linked.length,
        culprit: culprit.name,
        at: culprit.sheet === r.sheet ? culprit.cell : `${quoteSheet(culprit.sheet)}!${culprit.cell}`,
        status,
      }),
      progress: progresses.length ? Math.min(...progresses) : undefined,
      actual: culprit.actual,
      target: culprit.target,
      gap: culprit.gap,
      shortfall: culprit.shortfall,
      trend: culprit.trend,
      linked: linked.map((g) => g.key),
    };
  });
}
