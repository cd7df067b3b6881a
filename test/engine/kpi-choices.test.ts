// What the pane's KPI picker offers (kpiChoices): grouped, each name once, from the evaluation's rows and its log.
import { kpiChoices } from "../../src/engine";
import { evaluateGrid } from "../../src/engine/evaluate";
import { pct, sheet, workbook } from "../fixtures/builders";

describe("kpiChoices", () => {
  it("groups goals, KPIs, KPA elements and the names only the log holds, each name once", () => {
    const wb = workbook(
      sheet("Goals", [
        ["Goal", "Target", "Actual"],
        ["Reduce Response Time", "< 2 hours", "3 hours"],
        ["Row 3", "≥ 10", 12],
      ]),
      sheet("KPIs", [
        ["KPI", "Target", "Actual"],
        ["Net Promoter Score (NPS)", "≥ 50", 45],
        ["reduce response time", "< 2 hours", "1 hour"],
      ]),
      sheet("Elements", [["KPA Element", "Description"], ["Customer Service", "Answer every customer well"]]),
      sheet("KPA Data", [
        ["KPI", "Date", "Value"],
        ["Escalation Rate", "2050-05-31", pct(0.04)],
        ["Net Promoter Score (NPS)", "2050-05-31", 44],
      ]),
    );
    const ev = evaluateGrid(wb, { asOf: "2050-06-30" });
    const choices = kpiChoices(ev.rows, ev.log.entries);
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.map((c) => `${c.group}: ${c.name}`)).toEqual([
      "goal: Reduce Response Time",
      // "Row 3" is a placeholder, not a name; "reduce response time" is the goal above in other letters.
      "kpi: Net Promoter Score (NPS)",
      "element: Customer Service",
      "logged: Escalation Rate",
    ]);
  });
});
