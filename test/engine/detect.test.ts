import { evaluateGrid } from "../../src/engine";
import { detectTables } from "../../src/engine/detect";
import { matchHeader } from "../../src/engine/headers";
import { pct, sheet, workbook } from "../fixtures/builders";
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
    const [t] = detectTables(
      sheet("S", [
        ["KPI", "Goal", "Actual"],
        ["CSAT", "85%", "80%"],
      ]),
    );
    expect(t?.kind).toBe("kpi");
    expect(t?.fields.target).toBe(1);
  });

  it("finds nothing in prose, numbers or an empty sheet", () => {
    expect(detectTables(sheet("S", []))).toEqual([]);
    expect(detectTables(sheet("S", [["Some notes about the quarter."], [1, 2, 3], ["Owner"]]))).toEqual([]);
  });

  it("ignores a merged heading cell that spans the table", () => {
    const grid = {
      ...sheet("S", [
        ["Goal", "Target", "Actual"],
        ["A", "10", "12"],
        ["SECTION TWO", null, null],
        ["B", "5", "4"],
      ]),
      merges: [{ top: 2, left: 0, bottom: 2, right: 2 }],
    };
    const [first] = detectTables(grid);
    expect(first?.lastRow).toBe(1);
  });
});

describe("the actual column when the header does not name it plainly", () => {
  const AS_OF = "2050-09-30";

  it.each([
    [["KPI", "Q3 Target", "Q3 Actual"], 2],
    [["Metric", "Goal", "Sep-50"], 2],
    [["Indicator", "Budget", "YTD"], 2],
    [["Key Result", "Plan", "Achieved to date"], 2],
    [["KPI Name", "Target (%)", "Actual (%)"], 2],
    [["Performance Indicator", "Benchmark", "Current Value"], 2],
    [["KPI", "Threshold", "This month"], 2],
    [["Measure", "Plan", "Score"], 2],
  ])("%j: the actual is column %i", (header, col) => {
    const [t] = detectTables(sheet("S", [header, ["CSAT", "85%", "80%"]]));
    expect(t?.kind).toBe("kpi");
    expect(t?.fields.actual).toBe(col);
    expect(t?.fields.target).toBe(1);
    expect(t?.problems).toBeUndefined();
  });

  it.each([[["Item", "Threshold", "This month"]], [["Goal", "Result 2049"]], [["Item", "Plan", "Notes"]]])(
    "%j: loose words alone do not make a header row",
    (header) => {
      expect(detectTables(sheet("S", [header, ["CSAT", "85%", "80%"]]))).toEqual([]);
    },
  );

  it("prefers a strong header over a loose one in either order", () => {
    const [a] = detectTables(
      sheet("S", [
        ["KPI", "Budget", "Target", "Score", "Actual"],
        ["CSAT", "80%", "85%", "3", "80%"],
      ]),
    );
    expect(a?.fields).toMatchObject({ target: 2, actual: 4 });
    const [b] = detectTables(
      sheet("S", [
        ["KPI", "Target", "Actual", "Score"],
        ["CSAT", "85%", "80%", "3"],
      ]),
    );
    expect(b?.fields).toMatchObject({ target: 1, actual: 2 });
  });

  it("takes the last period column holding values, and says so", () => {
    const [t] = detectTables(
      sheet("Scores", [
        ["KPI", "Target", "Q1 Actual", "Q2 Actual", "Q3 Actual", "Q4 Actual"],
        ["CSAT", "85%", "80%", "82%", "84%", null],
        ["NPS", "50", "40", "44", null, null],
      ]),
    );
    expect(t?.fields.actual).toBe(4);
    expect(t?.problems).toEqual([expect.objectContaining({ code: "actualFromSeveral", severity: "warning", cell: "E1" })]);
    expect(t?.problems?.[0]?.message).toContain('"Q3 Actual", the latest period holding values');
  });

  it("reads an unrecognised column whose cells are quantities of the targets' kind as the actual, with a warning", () => {
    const [t] = detectTables(
      sheet("Board", [
        ["#", "KPI", "Target", "Owner", "Dashboard", "Comment"],
        [1, "CSAT", "≥ 85%", "CX Lead", pct(0.82), "survey"],
        [2, "Handle time", "< 4 hours", "Support", "3.5 hours", "ok"],
        [3, "Revenue", "$833K", "Sales", "$790K", "late deals"],
      ]),
    );
    expect(t?.kind).toBe("kpi");
    expect(t?.fields.actual).toBe(4);
    expect(t?.problems).toHaveLength(1);
    expect(t?.problems?.[0]).toMatchObject({ code: "actualByContent", severity: "warning", sheet: "Board", cell: "E1" });
    expect(t?.problems?.[0]?.message).toContain('"Dashboard"');
    expect(t?.problems?.[0]?.message).toContain("Board!A1:F4");
  });

  it("counts a column of formulas by its cached values, and ignores text and row numbers", () => {
    const [t] = detectTables(
      sheet("S", [
        ["No", "KPI", "Target", "Note", "Calc"],
        [1, "Leads", 100, "fine", 120],
        [2, "Deals", 20, "slow", 18],
      ]),
    );
    expect(t?.fields.actual).toBe(4);
    expect(t?.problems?.[0]?.code).toBe("actualByContent");
  });

  it("does not guess between two such columns: one problem naming both", () => {
    const [t] = detectTables(
      sheet("S", [
        ["KPI", "Target", "Team A", "Team B"],
        ["CSAT", "85%", "80%", "82%"],
        ["Churn", "< 3%", "3.5%", "3.1%"],
      ]),
    );
    expect(t?.fields.actual).toBeUndefined();
    expect(t?.problems).toEqual([expect.objectContaining({ code: "actualAmbiguous", cell: "A1" })]);
    expect(t?.problems?.[0]?.message).toContain('"Team A", "Team B"');
  });

  it("does not take a column of another kind than the targets", () => {
    const [t] = detectTables(
      sheet("S", [
        ["KPI", "Target", "Reviewed"],
        ["CSAT", "85%", "2050-09-01"],
        ["NPS", "50", "2050-09-02"],
      ]),
    );
    expect(t?.fields.actual).toBeUndefined();
    expect(t?.problems).toBeUndefined();
  });

  it("gives a table with no actual column ONE problem naming it and its columns, not a silent No Data per row", () => {
    const ev = evaluateGrid(
      workbook(
        sheet("Plan", [
          ["Goal", "Target", "Timeline", "Owner"],
          ["Raise CSAT", "85%", "2050-12-31", "CX Lead"],
          ["Cut churn", "< 3%", "2050-12-31", "CX Lead"],
          ["Grow NPS", "50", "2050-12-31", "CX Lead"],
        ]),
      ),
      { asOf: AS_OF },
    );
    expect(ev.rows.map((r) => r.status)).toEqual(["No Data", "No Data", "No Data"]);
    const missing = ev.problems.filter((p) => p.code === "noActualColumn");
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ sheet: "Plan", cell: "A1" });
    expect(missing[0]?.message).toContain("Plan!A1:D4");
    expect(missing[0]?.message).toContain('"Goal", "Target", "Timeline", "Owner"');
    expect(missing[0]?.message).toContain('"Actual"');
  });

  it("reports the ambiguous table once and judges the chosen column's rows", () => {
    const ev = evaluateGrid(
      workbook(
        sheet(
          "S",
          [
            ["KPI", "Target", "Team A", "Team B"],
            ["CSAT", "85%", "80%", "82%"],
          ],
          { row: 0, col: 0 },
        ),
        sheet("T", [
          ["KPI", "Target", "Dashboard"],
          ["CSAT", "85%", "90%"],
        ]),
      ),
      { asOf: AS_OF },
    );
    expect(ev.problems.map((p) => `${p.sheet} ${p.code}`)).toEqual(["S actualAmbiguous", "T actualByContent"]);
    expect(ev.rows.map((r) => `${r.sheet} ${r.status}`)).toEqual(["S No Data", "T Met"]);
  });
});
