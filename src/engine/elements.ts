// KPA elements are judged through the goals that measure them (linked by acronym or shared words): worst goal wins.
import { quoteSheet } from "./address";
import { EXPLAIN } from "./explain";
import { acronyms, significantWords } from "./kpi-names";
import type { RowResult } from "./model";
import { type Problem, problem } from "./problems";
import { type Status, worst } from "./status";

export function linkElements(rows: readonly RowResult[], problems: Problem[]): RowResult[] {
  const goals = rows.filter((r) => r.kind === "goals" || r.kind === "kpi");
  // Each goal's acronyms and words once, not once per element: elements × goals grew with the square of the sheet.
  let features: { acr: Set<string>; words: Set<string> }[] | undefined;
  return rows.map((r) => {
    if (r.kind !== "kpa") return r;
    features ??= goals.map((g) => ({ acr: acronyms(g.name), words: significantWords(g.name) }));
    const acr = [...acronyms(r.name)];
    const words = [...significantWords(r.name)];
    const linked = goals.filter((_, i) => {
      const f = features?.[i];
      return f !== undefined && (acr.some((a) => f.acr.has(a)) || words.some((w) => f.words.has(w)));
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
