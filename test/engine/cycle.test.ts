// The evaluation cycle inside the workbook: measurements logged, actuals drawn from the log, trends and
// projections, the history of snapshots, and what people type on the Gaps sheet kept across evaluations.
import { applyPlanToGrid } from "../../src/engine/apply";
import { evaluateGrid, HISTORY_HEADERS, LOG_HEADERS, kpiChoices, planMeasurements, type SheetPlan } from "../../src/engine";
import type { CellValue, SheetGrid, WorkbookGrid } from "../../src/engine/grid";
import { run } from "../../src/engine/index";
import { computeTrend, linearFit } from "../../src/engine/trend";
import { type Cell, pct, sheet, workbook } from "../fixtures/builders";

const GEN = { generatedAt: "2050-10-15T09:00:00Z", generator: "test" };
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

function goals(rows: Cell[][]): SheetGrid {
  return sheet("Goals", [["Goal", "Target", "Timeline", "Owner", "Actual"], ...rows]);
}

function log(rows: Cell[][]): SheetGrid {
  return sheet("KPA Data", [[...LOG_HEADERS], ...rows]);
}

function rowOf(wb: WorkbookGrid, asOf: string, name: string) {
  const ev = evaluateGrid(wb, { asOf });
  const r = ev.rows.find((x) => x.name === name);
  if (!r) throw new Error(`no row ${name}`);
  return { row: r, ev, problems: ev.problems };
}

describe("actuals from the KPA Data log", () => {
  const wb = workbook(
    goals([
      ["Customer Satisfaction (CSAT)", "≥ 85%", d("2050-12-15"), "Dana", null],
      ["First Response Time", "< 2 hours", d("2050-12-31"), "Lee", "1.5 hours"],
    ]),
    log([
      ["Customer Satisfaction (CSAT)", d("2050-07-31"), pct(0.8), "Survey tool", "Ana", null],
      ["Customer Satisfaction (CSAT)", d("2050-09-30"), pct(0.84), "Survey tool", "Ana", null],
      // After the as-of date: not used yet.
      ["Customer Satisfaction (CSAT)", d("2050-11-30"), pct(0.95), "Survey tool", "Ana", null],
      ["First Response Time", "Q3 2050", "2.5 hours", "Helpdesk export", null, null],
    ]),
  );

  it("an empty Actual takes the latest logged value on or before the as-of date, and says where it came from", () => {
    const { row } = rowOf(wb, "2050-10-15", "Customer Satisfaction (CSAT)");
    expect(row.actual).toBe("84%");
    expect(row.actualFrom).toEqual({
      kind: "log",
      sheet: "KPA Data",
      cell: "C3",
      date: "2050-09-30",
      source: "Survey tool",
      value: "84%",
    });
    expect(row.explanation).toContain("84% (logged Sep 30, 2050, Survey tool) vs ≥ 85%");
  });

  it("a later as-of date picks the later value", () => {
    expect(rowOf(wb, "2050-12-01", "Customer Satisfaction (CSAT)").row.actual).toBe("95%");
    expect(rowOf(wb, "2050-12-01", "Customer Satisfaction (CSAT)").row.status).toBe("Met");
  });

  it("an Actual typed in the table wins over the log, and the explanation says so", () => {
    const { row } = rowOf(wb, "2050-10-15", "First Response Time");
    expect(row.actual).toBe("1.5 h");
    expect(row.status).toBe("Met");
    expect(row.actualFrom?.kind).toBe("table");
    expect(row.explanation).toContain("typed Actual, used over the log's 2.5 h of Sep 30, 2050");
  });

  it("with no actual and nothing logged, says so", () => {
    const wb2 = workbook(goals([["Net Promoter Score", "≥ 50", d("2050-12-15"), "Kim", null]]), log([]));
    const { row } = rowOf(wb2, "2050-10-15", "Net Promoter Score");
    expect(row.status).toBe("No Data");
    expect(row.explanation).toBe("No actual value yet, and none logged → No Data");
  });

  it("matches a log KPI to a goal that names it, or shares its acronym", () => {
    const wb2 = workbook(
      goals([["Raise CSAT", "≥ 85%", d("2050-12-15"), "Dana", null]]),
      log([["Customer Satisfaction (CSAT)", d("2050-09-30"), pct(0.9), null, null, null]]),
    );
    expect(rowOf(wb2, "2050-10-15", "Raise CSAT").row.actual).toBe("90%");
  });

  it("reports unusable log rows with their sheet and cell, and does not treat the log as a KPA table", () => {
    const wb2 = workbook(
      goals([["Customer Satisfaction (CSAT)", "≥ 85%", d("2050-12-15"), "Dana", null]]),
      log([
        ["Customer Satisfaction (CSAT)", "someday", pct(0.8), null, null, null],
        [null, d("2050-09-30"), pct(0.8), null, null, null],
        ["Customer Satisfation", d("2050-09-30"), pct(0.8), null, null, null],
      ]),
    );
    const ev = evaluateGrid(wb2, { asOf: "2050-10-15" });
    expect(ev.tables.map((t) => t.sheet)).toEqual(["Goals"]);
    const where = ev.problems.map((p) => `${p.sheet}!${p.cell} ${p.code}`);
    expect(where).toEqual(
      expect.arrayContaining(["KPA Data!B2 logDateNotUnderstood", "KPA Data!A3 logNoKpi", "KPA Data!A4 logKpiUnknown"]),
    );
  });
});

describe("trends and projections", () => {
  const series = (values: [string, number][]) =>
    values.map(([iso, v]) => ["Customer Satisfaction (CSAT)", d(iso), pct(v), "Survey", null, null]);

  it("a rising KPI whose straight line reaches the target by its date is On Track, with the projection in the explanation", () => {
    const wb = workbook(
      goals([["Customer Satisfaction (CSAT)", "≥ 85%", d("2050-12-15"), "Dana", null]]),
      log(
        series([
          ["2050-06-30", 0.75],
          ["2050-07-31", 0.77],
          ["2050-08-31", 0.79],
          ["2050-09-30", 0.81],
        ]),
      ),
    );
    const { row } = rowOf(wb, "2050-10-15", "Customer Satisfaction (CSAT)");
    expect(row.trend?.direction).toBe("improving");
    expect(row.trend?.changeText).toBe("+2 pts since Aug 31, 2050");
    expect(row.trend?.projection?.date).toBe("2050-12-15");
    // 2 points a month from 81% on Sep 30: about 86% by Dec 15.
    expect(row.trend?.projection?.value).toBeGreaterThan(85);
    expect(row.trend?.projection?.value).toBeLessThan(87);
    expect(row.status).toBe("On Track");
    expect(row.explanation).toMatch(/projected 86% by Dec 15, 2050 → On Track$/);
  });

  it("a declining KPI projected to miss stays Off Track and says where it is heading", () => {
    const wb = workbook(
      goals([["Customer Satisfaction (CSAT)", "≥ 85%", d("2050-12-15"), "Dana", null]]),
      log(
        series([
          ["2050-08-31", 0.78],
          ["2050-09-30", 0.74],
        ]),
      ),
    );
    const { row } = rowOf(wb, "2050-10-15", "Customer Satisfaction (CSAT)");
    expect(row.trend?.direction).toBe("declining");
    expect(row.trend?.change).toBeCloseTo(-4);
    expect(row.status).toBe("Off Track");
    expect(row.explanation).toMatch(/projected \d+% by Dec 15, 2050 → Off Track$/);
  });

  it("judges direction by polarity: falling response times are improving", () => {
    const wb = workbook(
      goals([["First Response Time", "< 2 hours", d("2050-12-31"), "Lee", null]]),
      log([
        ["First Response Time", "Jul 2050", "3 hours", null, null, null],
        ["First Response Time", "Aug 2050", "2.6 hours", null, null, null],
      ]),
    );
    const { row } = rowOf(wb, "2050-10-15", "First Response Time");
    expect(row.trend?.direction).toBe("improving");
    expect(row.trend?.changeText).toBe("−0.4 h since Jul 31, 2050");
  });

  it("a typed Actual has no date: the trend is the log's alone, and its projection does not judge a typed value that differs", () => {
    const wb = workbook(
      goals([["Net Promoter Score", "≥ 50", d("2050-12-15"), "Kim", 20]]),
      log([
        ["Net Promoter Score", "Jul 2050", 40, null, null, null],
        ["Net Promoter Score", "Sep 2050", 46, null, null, null],
      ]),
    );
    const { row, problems } = rowOf(wb, "2050-10-15", "Net Promoter Score");
    expect(row.trend?.latest).toEqual({ date: "2050-09-30", value: 46 });
    expect(row.trend?.direction).toBe("improving");
    // The log's rising line would reach 50 by December, but it starts from 46, not from the 20 judged.
    expect(row.trend?.projection?.reaches).toBe(true);
    expect(row.status).toBe("Off Track");
    expect(row.explanation).not.toContain("projected");
    const disagree = problems.filter((p) => p.code === "typedActualDisagreesWithLog");
    expect(disagree).toHaveLength(1);
    expect(disagree[0]?.message).toContain("46 (Sep 30, 2050)");
  });

  it("a typed Actual equal to the log's latest value is that value: the projection judges it", () => {
    const wb = workbook(
      goals([["Net Promoter Score", "≥ 50", d("2050-12-15"), "Kim", 46]]),
      log([
        ["Net Promoter Score", "Jul 2050", 40, null, null, null],
        ["Net Promoter Score", "Sep 2050", 46, null, null, null],
      ]),
    );
    const { row, problems } = rowOf(wb, "2050-10-15", "Net Promoter Score");
    expect(row.status).toBe("On Track");
    expect(row.explanation).toContain("projected");
    expect(problems.filter((p) => p.code === "typedActualDisagreesWithLog")).toEqual([]);
  });

  it("needs two values on different days; one value gives an actual but no trend", () => {
    const wb = workbook(
      goals([["Customer Satisfaction (CSAT)", "≥ 85%", d("2050-12-15"), "Dana", null]]),
      log(series([["2050-09-30", 0.8]])),
    );
    expect(rowOf(wb, "2050-10-15", "Customer Satisfaction (CSAT)").row.trend).toBeUndefined();
  });

  it("fits a least-squares line and keeps percentages within 0–100%", () => {
    const fit = linearFit([
      { day: 0, value: 1 },
      { day: 1, value: 3 },
      { day: 2, value: 5 },
    ]);
    expect(fit?.slope).toBeCloseTo(2);
    expect(fit?.at(10)).toBeCloseTo(21);
    const t = computeTrend({
      points: [
        { day: 0, value: 60 },
        { day: 30, value: 90 },
      ],
      unit: { value: 0, unit: "percent" },
      polarity: { kind: "higher" },
      projectTo: 365,
      meets: (v) => v >= 95,
    });
    expect(t?.projection?.value).toBe(100);
    expect(t?.projection?.reaches).toBe(true);
  });

  it("a flat series is flat", () => {
    const t = computeTrend({
      points: [
        { day: 0, value: 80 },
        { day: 30, value: 80 },
      ],
      unit: { value: 0, unit: "percent" },
      polarity: { kind: "higher" },
      meets: () => false,
    });
    expect(t?.direction).toBe("flat");
  });
});

function cells(g: SheetGrid | undefined): CellValue[][] {
  if (!g) throw new Error("missing sheet");
  return g.values as CellValue[][];
}

function sheetOf(wb: WorkbookGrid, name: string): SheetGrid | undefined {
  return wb.sheets.find((s) => s.name === name);
}

function summaryText(plan: { sheets: readonly SheetPlan[] }): string[] {
  const s = plan.sheets.find((p) => p.role === "summary") as SheetPlan;
  return s.values.map((r) =>
    r.map((v) => (v !== null && typeof v === "object" ? ("text" in v ? v.text : v.date) : String(v ?? ""))).join(" | "),
  );
}

describe("history", () => {
  const base = () =>
    workbook(
      goals([
        ["Customer Satisfaction (CSAT)", "≥ 85%", d("2050-12-15"), "Dana", pct(0.86)],
        ["Net Promoter Score", "≥ 50", d("2050-12-15"), "Kim", 40],
      ]),
    );

  it("appends one snapshot row per evaluated row, under a header", () => {
    const { plan } = run(base(), { asOf: "2050-09-30", ...GEN });
    const after = applyPlanToGrid(base(), plan);
    const h = cells(sheetOf(after, "KPA History"));
    expect(h[0]).toEqual([...HISTORY_HEADERS]);
    expect(h.slice(1).map((r) => [r[2], r[5], r[6]])).toEqual([
      ["Goals|goals|customer satisfaction (csat)", "Met", "86%"],
      ["Goals|goals|net promoter score", "Off Track", "40"],
    ]);
    expect(plan.history).toEqual({ since: null, changes: [], appended: 2 });
  });

  it("is skipped when nothing changed for the same as-of date, and grows by rows otherwise, never rewriting old ones", () => {
    const first = applyPlanToGrid(base(), run(base(), { asOf: "2050-09-30", ...GEN }).plan);
    const again = run(first, { asOf: "2050-09-30", ...GEN }).plan;
    expect(again.appends).toEqual([]);

    const later = run(first, { asOf: "2050-10-31", ...GEN }).plan;
    expect(later.appends).toHaveLength(1);
    expect(later.appends[0]?.row).toBe(3);
    expect(later.appends[0]?.create).toBeUndefined();
    const second = applyPlanToGrid(first, later);
    const h = cells(sheetOf(second, "KPA History"));
    expect(h.slice(0, 3)).toEqual(cells(sheetOf(first, "KPA History")).slice(0, 3));
    expect(h).toHaveLength(5);
  });

  it("lists rows newly Off Track or Overdue and rows recovered to Met since the previous evaluation", () => {
    const first = applyPlanToGrid(base(), run(base(), { asOf: "2050-09-30", ...GEN }).plan);
    const edit = (wb: WorkbookGrid): WorkbookGrid => {
      const g = sheetOf(wb, "Goals") as SheetGrid;
      const values = g.values.map((r) => [...r]);
      (values[1] as CellValue[])[4] = 0.7; // CSAT falls to 70%
      (values[2] as CellValue[])[4] = 55; // NPS recovers
      const numberFormats = g.numberFormats?.map((r) => [...r]);
      if (numberFormats) (numberFormats[1] as string[])[4] = "0%";
      return { ...wb, sheets: wb.sheets.map((s) => (s === g ? { ...g, values, numberFormats } : s)) };
    };
    const changed = edit(first);
    const { plan } = run(changed, { asOf: "2050-10-31", ...GEN });
    expect(plan.history.since).toBe("2050-09-30");
    expect(plan.history.changes.map((c) => [c.name, c.from, c.to, c.kind])).toEqual([
      ["Customer Satisfaction (CSAT)", "Met", "Off Track", "worse"],
      ["Net Promoter Score", "Off Track", "Met", "recovered"],
    ]);
    const text = summaryText(plan);
    expect(text).toContain("Changes since the evaluation as of 2050-09-30");
    // The row, what happened to it, what it was and where it is (each but the row across merged columns).
    expect(text).toContain("Customer Satisfaction (CSAT) | Newly Off Track |  | was Met |  | Goals!A2");
    expect(text).toContain("Net Promoter Score | Recovered to Met |  | was Off Track |  | Goals!A3");

    // Evaluating the same thing again keeps comparing with the same earlier snapshot.
    const after = applyPlanToGrid(changed, plan);
    const again = run(after, { asOf: "2050-10-31", ...GEN }).plan;
    expect(again.appends).toEqual([]);
    expect(again.history.changes).toEqual(plan.history.changes);
  });
});

describe("the Gaps sheet people fill in", () => {
  const wb = () =>
    workbook(
      goals([
        ["Customer Satisfaction (CSAT)", "≥ 85%", d("2050-12-15"), "Dana", pct(0.7)],
        ["Marketing ROI", "≥ 300%", d("2050-12-15"), "Kim", pct(2)],
      ]),
    );

  function gapsGrid(g: WorkbookGrid): SheetGrid {
    return sheetOf(g, "KPA Gaps") as SheetGrid;
  }

  function typeIn(g: WorkbookGrid, key: string, column: string, value: string): WorkbookGrid {
    const gaps = gapsGrid(g);
    const header = gaps.values.findIndex((r) => r.includes("Key"));
    const headers = gaps.values[header] as CellValue[];
    const values = gaps.values.map((r) => [...r]);
    const row = values.findIndex((r) => r[headers.indexOf("Key")] === key);
    (values[row] as CellValue[])[headers.indexOf(column)] = value;
    return { ...g, sheets: g.sheets.map((s) => (s === gaps ? { ...gaps, values } : s)) };
  }

  function columnFor(g: WorkbookGrid, key: string, column: string): CellValue {
    const gaps = gapsGrid(g);
    const headers = gaps.values.find((r) => r.includes("Key")) as CellValue[];
    const row = gaps.values.find((r) => r[headers.indexOf("Key")] === key) as CellValue[];
    return row[headers.indexOf(column)] ?? null;
  }

  it("has a Cause column with a Process / Resources / Strategy list, and a department's corrective action", () => {
    const { plan } = run(wb(), { asOf: "2050-10-15", ...GEN });
    const gaps = plan.sheets.find((s) => s.role === "gaps") as SheetPlan;
    const header = gaps.values.find((r) => r.includes("Cause")) as string[];
    expect(gaps.validations).toEqual([
      expect.objectContaining({
        list: ["Process", "Resources", "Strategy"],
        range: expect.objectContaining({ left: header.indexOf("Cause") }),
      }),
    ]);
    const after = applyPlanToGrid(wb(), plan);
    expect(String(columnFor(after, "Goals|goals|marketing roi", "Suggested action"))).toMatch(/campaign|channel|marketing/i);
    expect(String(columnFor(after, "Goals|goals|customer satisfaction (csat)", "Suggested action"))).toMatch(/support/i);
  });

  it("keeps typed causes and responses through every re-evaluation, even when the row recovers", () => {
    const key = "Goals|goals|customer satisfaction (csat)";
    let g = applyPlanToGrid(wb(), run(wb(), { asOf: "2050-10-15", ...GEN }).plan);
    g = typeIn(g, key, "Cause", "Resources");
    g = typeIn(g, key, "Response", "Two more agents from November");
    for (const asOf of ["2050-10-20", "2050-10-25"]) {
      g = applyPlanToGrid(g, run(g, { asOf, ...GEN }).plan);
      expect(columnFor(g, key, "Cause")).toBe("Resources");
      expect(columnFor(g, key, "Response")).toBe("Two more agents from November");
    }
  });
});

describe("recording measurements", () => {
  const wb = () => workbook(goals([["Customer Satisfaction (CSAT)", "≥ 85%", d("2050-12-15"), "Dana", null]]));

  it("creates the KPA Data log with its header when the workbook has none", () => {
    const plan = planMeasurements(wb(), [{ kpi: "Customer Satisfaction (CSAT)", date: "2050-09-30", value: "84%", source: "Survey" }]);
    expect(plan.issues).toEqual([]);
    expect(plan.append?.sheet).toBe("KPA Data");
    expect(plan.append?.create?.header).toEqual([...LOG_HEADERS]);
    expect(plan.append?.values).toEqual([["Customer Satisfaction (CSAT)", { date: "2050-09-30" }, 0.84, "Survey", null, null]]);
    expect(plan.at).toEqual({ sheet: "KPA Data", cell: "A2" });
  });

  it("appends below the existing rows, and the next evaluation uses the value", () => {
    const first = wb();
    const p1 = planMeasurements(first, [{ kpi: "Customer Satisfaction (CSAT)", date: "Q3 2050", value: "84%" }]);
    const withLog = applyPlanToGrid(first, { ...emptyPlan(), appends: [p1.append as NonNullable<typeof p1.append>] });
    const p2 = planMeasurements(withLog, [{ kpi: "Customer Satisfaction (CSAT)", date: "2050-10-10", value: "86%" }]);
    expect(p2.append?.row).toBe(2);
    expect(p2.append?.create).toBeUndefined();
    expect(rowOf(withLog, "2050-10-15", "Customer Satisfaction (CSAT)").row.actual).toBe("84%");
  });

  it("is all or nothing: any unusable input means no append, with each problem named", () => {
    const plan = planMeasurements(wb(), [
      { kpi: "Customer Satisfaction (CSAT)", date: "2050-09-30", value: "84%" },
      { kpi: "", date: "someday", value: "~~" },
    ]);
    expect(plan.append).toBeUndefined();
    expect(plan.issues.map((i) => [i.index, i.field])).toEqual([
      [1, "kpi"],
      [1, "date"],
      [1, "value"],
    ]);
  });

  it("skips a measurement the log already holds, so recording twice adds nothing", () => {
    const m = { kpi: "Customer Satisfaction (CSAT)", date: "2050-09-30", value: "84%", source: "Survey" };
    const once = planMeasurements(wb(), [m]);
    const after = applyPlanToGrid(wb(), { ...emptyPlan(), appends: [once.append as NonNullable<typeof once.append>] });
    const twice = planMeasurements(after, [m, { ...m, value: "85%" }]);
    expect(twice.duplicates).toEqual([0]);
    expect(twice.alreadyAt).toEqual([{ index: 0, sheet: "KPA Data", cell: "A2" }]);
    expect(twice.added).toEqual([1]);
    expect(twice.append?.values).toHaveLength(1);
  });

  it("offers goal names first, then KPA elements, for the picker", () => {
    expect(
      kpiChoices([
        { kind: "kpa", name: "Customer Satisfaction (CSAT)" },
        { kind: "goals", name: "Raise CSAT" },
        { kind: "kpi", name: "raise csat" },
        { kind: "training", name: "Coaching" },
      ]),
    ).toEqual([
      { name: "Raise CSAT", group: "goal" },
      { name: "Customer Satisfaction (CSAT)", group: "element" },
    ]);
  });
});

function emptyPlan() {
  const { plan } = run(workbook(), { asOf: "2050-10-15", ...GEN });
  return { ...plan, sheets: [], appends: [], names: [], writes: [], clears: [] };
}
