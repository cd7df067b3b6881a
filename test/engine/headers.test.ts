import { matchHeader, matchHeaderDetail } from "../../src/engine/headers";

describe("a header is read through its period, unit and filler qualifiers", () => {
  it.each([
    // The value column.
    ["Actual", "actual"],
    ["Current", "actual"],
    ["Value", "actual"],
    ["Result", "actual"],
    ["Achieved", "actual"],
    ["Score", "actual"],
    ["Measured", "actual"],
    ["Performance", "actual"],
    ["Outcome", "actual"],
    ["YTD", "actual"],
    ["MTD", "actual"],
    ["Q3 Actual", "actual"],
    ["This month", "actual"],
    ["Current Quarter", "actual"],
    ["Actual (YTD)", "actual"],
    ["Current Value", "actual"],
    ["2050 Actual", "actual"],
    ["Sep-50", "actual"],
    ["Sept 2050 Actual", "actual"],
    ["H1 2050", "actual"],
    ["Q3 '50", "actual"],
    ["FY50 Actual", "actual"],
    ["Actual %", "actual"],
    ["Actual hrs", "actual"],
    ["Actual ($K)", "actual"],
    ["Actual Score", "actual"],
    ["Achieved to date", "actual"],
    ["Value as of Sep 30", "actual"],
    ["Monthly Actual", "actual"],
    // The name column.
    ["Metric", "name"],
    ["Measure", "name"],
    ["Indicator", "name"],
    ["Item", "name"],
    ["Key Result", "name"],
    ["KPI Name", "name"],
    ["Measure Name", "name"],
    ["Performance Indicator", "name"],
    ["Key Performance Indicator (KPI)", "name"],
    ["KPI / Metric", "name"],
    ["Objective", "goal"],
    ["Q3 Goal", "goal"],
    // The target column.
    ["Target", "target"],
    ["Plan", "target"],
    ["Standard", "target"],
    ["Norm", "target"],
    ["Threshold", "target"],
    ["Benchmark", "target"],
    ["Budget", "target"],
    ["FY50 Budget", "target"],
    ["Q3 Target", "target"],
    ["Target (2050)", "target"],
    ["Target %", "target"],
    ["Annual Target", "target"],
    ["Target Value", "target"],
    ["Target (hrs)", "target"],
    // Last period's value is a baseline.
    ["Last Year", "baseline"],
    ["Prior Year Actual", "baseline"],
    ["PY Actual", "baseline"],
    ["Previous Quarter", "baseline"],
    ["Baseline (2049)", "baseline"],
    // Other fields keep their meaning through qualifiers.
    ["Q3 Target Date", "timeline"],
    ["Target Date", "timeline"],
    ["Expected Outcome", "outcome"],
    ["Current Owner", "owner"],
    ["Current Status", "status"],
    ["Q3 Status", "status"],
    ["KPA Status", "status"],
    ["Last Review", "lastReview"],
    ["Weight (%)", "weight"],
  ])("%s → %s", (header, field) => {
    expect(matchHeader(header)).toBe(field);
  });

  it.each(["Action Plan", "Month", "Monthly", "Date or Period", "Next Year", "KPI No", "Total", "CSAT Score"])(
    "%s names none of the target, actual or name columns",
    (header) => {
      expect(["actual", "target", "name"]).not.toContain(matchHeader(header));
    },
  );

  it("marks loose words as weak and period columns as periods", () => {
    expect(matchHeaderDetail("Actual")).toEqual({ field: "actual", weak: false, period: false });
    expect(matchHeaderDetail("Score")).toMatchObject({ field: "actual", weak: true });
    expect(matchHeaderDetail("Budget")).toMatchObject({ field: "target", weak: true });
    expect(matchHeaderDetail("Q3 Actual")).toMatchObject({ field: "actual", weak: false, period: true });
    expect(matchHeaderDetail("Actual (Q2)")).toMatchObject({ field: "actual", period: true });
    expect(matchHeaderDetail("Sep-50")).toMatchObject({ field: "actual", weak: true, period: true });
  });

  it("does not match prose", () => {
    expect(matchHeader("Setting clear goals is crucial for aligning team efforts.")).toBeUndefined();
    expect(matchHeader("")).toBeUndefined();
  });
});
