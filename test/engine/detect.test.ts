import { detectTables } from "../../src/engine/detect";
import { matchHeader } from "../../src/engine/headers";
import { sheet } from "../fixtures/builders";
import { TEMPLATE_HEADER_ROWS, seedTemplate } from "../fixtures/template";

describe("header matching ignores case, spacing and punctuation and knows synonyms", () => {
  it.each([
    ["KPA Element", "name"],
    ["kpi", "name"],
    ["Metric", "name"],
    ["Indicator", "name"],
    ["Measure", "name"],
    ["Measurement Method", "method"],
    ["Data source", "method"],
    ["Frequency of Review", "frequency"],
    ["review-frequency", "frequency"],
    ["Cadence", "frequency"],
    ["Responsible Party", "owner"],
    ["OWNER", "owner"],
    ["Accountable", "owner"],
    ["Goal", "goal"],
    ["Objective", "goal"],
    ["Target", "target"],
    ["Pre-launch Target", "target"],
    ["Q4 Target", "target"],
    ["Timeline", "timeline"],
    ["Due Date", "timeline"],
    ["Deadline", "timeline"],
    ["Target Date", "timeline"],
    ["Priority", "priority"],
    ["Priority  Level", "priority"],
    ["Baseline", "baseline"],
    ["Starting value", "baseline"],
    ["Actual", "actual"],
    ["Current", "actual"],
    ["Current Value", "actual"],
    ["Result", "actual"],
    ["Achieved", "actual"],
    ["Weight (%)", "weight"],
    ["Department", "department"],
    ["Area", "department"],
    ["Role", "role"],
    ["Training Needs", "trainingNeeds"],
    ["Training Provider", "trainingProvider"],
    ["Completed", "completed"],
    ["Done", "completed"],
    ["Start", "start"],
    ["Start Date", "start"],
    ["Last Review", "lastReview"],
    ["Direction", "direction"],
    ["Polarity", "direction"],
  ])("%s → %s", (header, field) => {
    expect(matchHeader(header)).toBe(field);
  });

  it("does not match prose", () => {
    expect(matchHeader("Setting clear goals is crucial for aligning team efforts.")).toBeUndefined();
    expect(matchHeader("")).toBeUndefined();
  });
});

describe("detectTables", () => {
  it("finds the four stacked tables of the seed template with their section headings", () => {
    const tables = detectTables(seedTemplate());
    expect(tables.map((t) => [t.kind, t.headerRow + 1, t.firstRow + 1, t.lastRow + 1, t.group])).toEqual([
      ["kpa", TEMPLATE_HEADER_ROWS.kpa, 8, 12, "I. Performance Evaluation and Management"],
      ["goals", TEMPLATE_HEADER_ROWS.goals, 17, 21, "II. Goal-Setting and Prioritization"],
      ["roles", TEMPLATE_HEADER_ROWS.roles, 26, 30, "III. Role Clarity and Accountability"],
      ["training", TEMPLATE_HEADER_ROWS.training, 35, 39, "IV. Employee Development and Training Needs"],
    ]);
    expect(tables[1]?.id).toBe("KPA!A16");
  });

  it("finds tables that do not start at A1 and side-by-side tables", () => {
    const grid = sheet(
      "Scorecard",
      [
        ["FOUNDATIONAL KPIs (40% weight)", null, null, null, null, "Section 2: Growth"],
        ["KPI", "Target", "Actual", null, null, "Metric", "Pre-launch Target", "Current"],
        ["CSAT", "85%", "88%", null, null, "Signups", "5,000+", "4,200"],
        ["NPS", "50", "45", null, null, "Churn", "<3%", "2.5%"],
        [null, null, null, null, null, "Revenue", "$833K", "$790K"],
      ],
      { row: 3, col: 1 },
    );
    const tables = detectTables(grid);
    expect(tables.map((t) => [t.id, t.kind, t.group, t.groupWeight, t.lastRow - t.firstRow + 1])).toEqual([
      ["Scorecard!B5", "kpi", "FOUNDATIONAL KPIs (40% weight)", 40, 2],
      ["Scorecard!G5", "kpi", "Section 2: Growth", undefined, 3],
    ]);
  });

  it("ends a table at a section heading or a new header row even without a blank row", () => {
    const grid = sheet("S", [
      ["Goal", "Target", "Owner"],
      ["Grow revenue", "$1.2M", "Sales Director"],
      ["II. Training"],
      ["Role", "Training Needs", "Timeline"],
      ["Sales Director", "Negotiation", "2050-03-01"],
      ["KPI", "Target", "Actual"],
      ["CSAT", "85%", "80%"],
    ]);
    const tables = detectTables(grid);
    expect(tables.map((t) => [t.kind, t.firstRow + 1, t.lastRow + 1, t.group])).toEqual([
      ["goals", 2, 2, undefined],
      ["training", 5, 5, "II. Training"],
      ["kpi", 7, 7, undefined],
    ]);
  });

  it("treats a KPI table whose target column is headed Goal as a kpi table", () => {
    const [t] = detectTables(sheet("S", [["KPI", "Goal", "Actual"], ["CSAT", "85%", "80%"]]));
    expect(t?.kind).toBe("kpi");
    expect(t?.fields.target).toBe(1);
  });

  it("finds nothing in prose, numbers or an empty sheet", () => {
    expect(detectTables(sheet("S", []))).toEqual([]);
    expect(detectTables(sheet("S", [["Some notes about the quarter."], [1, 2, 3], ["Owner"]]))).toEqual([]);
  });

  it("ignores a merged heading cell that spans the table", () => {
    const grid = {
      ...sheet("S", [["Goal", "Target", "Actual"], ["A", "10", "12"], ["SECTION TWO", null, null], ["B", "5", "4"]]),
      merges: [{ top: 2, left: 0, bottom: 2, right: 2 }],
    };
    const [first] = detectTables(grid);
    expect(first?.lastRow).toBe(1);
  });
});
