import { InvalidOptionError, type RowResult, evaluateGrid } from "../../src/engine";
import { STATUSES } from "../../src/engine/status";
import { type Cell, pct, sheet, workbook } from "../fixtures/builders";
import { seedTemplate } from "../fixtures/template";

const AS_OF = "2050-10-15";

/** Evaluates one goals table with the given columns and rows. */
function goals(header: string[], rows: Cell[][], asOf = AS_OF, extra: { tolerance?: number; dateOrder?: "mdy" | "dmy" } = {}) {
  return evaluateGrid(workbook(sheet("Goals", [header, ...rows])), { asOf, ...extra });
}

function only(rows: readonly RowResult[]): RowResult {
  expect(rows).toHaveLength(1);
  return rows[0] as RowResult;
}

describe("status rules", () => {
  const H = ["Goal", "Target", "Timeline", "Baseline", "Actual", "Start"];

  it("1. no actual → No Data, before anything else", () => {
    const r = only(goals(H, [["Grow revenue", "gibberish target words here please", "2050-12-31", null, null]]).rows);
    expect(r.status).toBe("No Data");
    expect(r.explanation).toBe("No actual value yet → No Data");
  });

  it("1. Excel errors and placeholders in Actual are no data", () => {
    const ev = goals(H, [
      ["A", "≥ 10", null, null, { error: "#N/A" }],
      ["B", "≥ 10", null, null, "TBD"],
      ["C", "≥ 10", null, null, "-"],
    ]);
    expect(ev.rows.map((r) => r.status)).toEqual(["No Data", "No Data", "No Data"]);
  });

  it("2. no target → Needs Target; a target not understood names its cell", () => {
    const ev = goals(H, [
      ["Grow revenue", null, null, null, "$1M"],
      ["Delight users", "make customers happier and more loyal over time", null, null, "8"],
    ]);
    expect(ev.rows.map((r) => r.status)).toEqual(["Needs Target", "Needs Target"]);
    expect(ev.problems).toEqual([expect.objectContaining({ sheet: "Goals", cell: "B3", severity: "error", code: "targetNotUnderstood" })]);
    expect(ev.problems[0]?.message).toContain("make customers happier");
  });

  it("3. target satisfied → Met, whatever the timeline", () => {
    const r = only(goals(H, [["CSAT", "Achieve a CSAT score of 85% or higher.", "2050-01-01", null, pct(0.86)]]).rows);
    expect(r.status).toBe("Met");
    expect(r.explanation).toBe("86% vs ≥ 85%: target met → Met");
    expect(r.progress).toBe(1);
  });

  it("4. past the timeline and not met → Overdue", () => {
    const r = only(goals(H, [["CSAT", "85%", "June 30, 2050", null, "80%"]]).rows);
    expect(r.status).toBe("Overdue");
    expect(r.explanation).toBe("80% vs ≥ 85%: 5.9% short, was due Jun 30, 2050 → Overdue");
  });

  it("5. within the tolerance → At Risk, beyond → Off Track (the issue's example)", () => {
    const ev = goals(H, [
      ["Improve Retention Rate", "Retain 90% of customers year-over-year.", "December 31, 2050", null, "88%"],
      ["Improve Retention Rate again", "90%", "December 31, 2050", null, "70%"],
    ]);
    expect(ev.rows.map((r) => r.status)).toEqual(["At Risk", "Off Track"]);
    expect(ev.rows[0]?.explanation).toBe("88% vs ≥ 90%: 2.2% short, within 10% tolerance → At Risk");
    expect(ev.rows[1]?.explanation).toBe("70% vs ≥ 90%: 22% short, beyond 10% tolerance → Off Track");
  });

  it("5. the tolerance is configurable", () => {
    const ev = goals(H, [["Retention", "90%", "2050-12-31", null, "70%"]], AS_OF, { tolerance: 0.25 });
    expect(ev.rows[0]?.status).toBe("At Risk");
    expect(ev.rows[0]?.explanation).toContain("within 25% tolerance");
  });

  it("6. with a Baseline and a Start date, progress ahead of the time gone → On Track", () => {
    // Half the time has gone (Jan 1 → Dec 31), and 60% of the way from 60 to 80 is covered.
    const ev = goals(
      H,
      [
        ["Grow NPS", "80", "2050-12-31", 60, 72, "2050-01-01"],
        ["Grow NPS slowly", "80", "2050-12-31", 60, 62, "2050-01-01"],
      ],
      "2050-07-02",
    );
    expect(ev.rows.map((r) => r.status)).toEqual(["On Track", "Off Track"]);
    expect(ev.rows[0]?.explanation).toBe("72 vs ≥ 80 (baseline 60): 60% of the way with 50% of the time gone → On Track");
    expect(ev.rows[0]?.progress).toBeCloseTo(0.6);
  });

  it("7. categorical targets: affirmatives match; a pending one is On Track before its deadline and Overdue after", () => {
    const ev = goals(H, [
      ["Policy signed", "Approved", "2050-12-31", null, "approved"],
      ["Launch", "Complete", "2050-12-31", null, "Done"],
      ["Audit", "Yes", "2050-12-31", null, true],
      ["Vendor", "Approved", "2050-12-31", null, "Pending review"],
      ["Legal", "Approved", "2050-01-31", null, "Pending review"],
    ]);
    expect(ev.rows.map((r) => r.status)).toEqual(["Met", "Met", "Met", "On Track", "Overdue"]);
  });

  it("reaches each of the seven statuses, and every explanation ends with the status it gave", () => {
    // One goal per rule above, in the order of STATUSES.
    const ev = goals(H, [
      ["CSAT", "85%", "2050-12-31", null, pct(0.86)],
      ["Grow NPS", "80", "2050-12-31", 60, 79, "2050-01-01"],
      ["Retention", "90%", "2050-12-31", null, "88%"],
      ["Retention again", "90%", "2050-12-31", null, "70%"],
      ["CSAT last half", "85%", "June 30, 2050", null, "80%"],
      ["Revenue", "≥ 10", "2050-12-31", null, null],
      ["Grow revenue", null, null, null, "$1M"],
    ]);
    expect(ev.rows.map((r) => r.status)).toEqual([...STATUSES]);
    expect(ev.rows.map((r) => [r.name, r.explanation.endsWith(` → ${r.status}`)])).toEqual(ev.rows.map((r) => [r.name, true]));
    // The seed template too: its rows are judged by several of the rules, each explanation naming the outcome.
    const seed = evaluateGrid(workbook(seedTemplate()), { asOf: AS_OF });
    expect(seed.rows.length).toBeGreaterThan(0);
    expect(seed.rows.map((r) => [r.name, r.explanation.endsWith(` → ${r.status}`)])).toEqual(seed.rows.map((r) => [r.name, true]));
  });
});

describe("targets relative to the baseline", () => {
  const H = ["Goal", "Target", "Baseline", "Actual"];
  it.each([
    ["Improve NPS by 10 points.", 58, 64, "At Risk", "64 vs ≥ 68 (baseline 58 + 10 points)"],
    ["Increase CSAT by 15%", pct(0.7), pct(0.81), "Met", "81% vs ≥ 80.5% (baseline 70% +15%)"],
    ["Reduce churn by 20%", pct(0.05), pct(0.042), "At Risk", "4.2% vs ≤ 4% (baseline 5% −20%)"],
    ["Reduce response time by 2 hours", "6 hours", "3.5 hours", "Met", "3.5 h vs ≤ 4 h (baseline 6 h − 2 h)"],
  ])("%s", (target, baseline, actual, status, head) => {
    const r = only(goals(H, [[`Goal for ${target}`, target, baseline, actual]]).rows);
    expect(r.status).toBe(status);
    expect(r.explanation.startsWith(head)).toBe(true);
  });

  it("needs a baseline, and says which cell to fix", () => {
    const ev = goals(["Goal", "Target", "Actual"], [["NPS", "Improve NPS by 10 points.", 64]]);
    expect(ev.rows[0]?.status).toBe("Needs Target");
    expect(ev.problems).toEqual([expect.objectContaining({ cell: "B2", code: "targetNeedsBaseline", severity: "error" })]);
  });
});

describe("direction", () => {
  const H = ["KPI", "Target", "Actual", "Direction"];
  it("a bare number is higher-is-better; words in the name turn it around; a Direction column overrides both", () => {
    const ev = evaluateGrid(
      workbook(
        sheet("K", [
          H,
          ["Signups", "5,000", "5,200"],
          ["Cost per acquisition", "$50", "$45"],
          ["Churn", "3%", "2.5%"],
          ["Security incidents", "0", "0"],
          ["Security incidents (month)", "0", "2"],
          ["Escalations", "10", "12", "higher is better"],
          ["Uptime", "99.9%", "99.95%"],
        ]),
      ),
      { asOf: AS_OF },
    );
    expect(ev.rows.map((r) => [r.name, r.status, r.target])).toEqual([
      ["Signups", "Met", "≥ 5,000"],
      ["Cost per acquisition", "Met", "≤ $50"],
      ["Churn", "Met", "≤ 3%"],
      ["Security incidents", "Met", "≤ 0"],
      ["Security incidents (month)", "Off Track", "≤ 0"],
      ["Escalations", "Met", "≥ 10"],
      ["Uptime", "Met", "≥ 99.9%"],
    ]);
  });

  it("when the Goal text and the Target column disagree, the Target column wins", () => {
    const r = only(goals(["Goal", "Target", "Actual"], [["Achieve NPS of 70", "60", 65]]).rows);
    expect(r.status).toBe("Met");
    expect(r.target).toBe("≥ 60");
  });

  it("falls back to a target stated in the Goal when the Target cell is blank", () => {
    const r = only(goals(["Goal", "Target", "Actual"], [["Achieve NPS of 70", null, 65]]).rows);
    expect(r.status).toBe("At Risk");
    expect(r.explanation).toContain("(target from the Goal text)");
  });
});

describe("units", () => {
  const H = ["KPI", "Target", "Actual"];
  const ev = (rows: Cell[][]) => evaluateGrid(workbook(sheet("K", [H, ...rows])), { asOf: AS_OF });

  it("compares percent targets with percent cells, % strings and plain numbers as points", () => {
    const e = ev([
      ["A", "85%", pct(0.9)],
      ["B", "85%", "90%"],
      ["C", "85%", 90],
      ["D", { v: 0.85, f: "0%" }, 90],
    ]);
    expect(e.rows.map((r) => [r.status, r.actual, r.target])).toEqual([
      ["Met", "90%", "≥ 85%"],
      ["Met", "90%", "≥ 85%"],
      ["Met", "90%", "≥ 85%"],
      ["Met", "90%", "≥ 85%"],
    ]);
    expect(e.problems).toEqual([]);
  });

  it("reads a plain 0.85 against a percent target as 0.85% and warns", () => {
    const e = ev([["CSAT", "85%", 0.85]]);
    expect(e.rows[0]?.status).toBe("Off Track");
    expect(e.problems).toEqual([expect.objectContaining({ cell: "C2", code: "percentAmbiguous", severity: "warning" })]);
  });

  it("converts durations, money, ratios and scores", () => {
    const e = ev([
      ["Response time", "< 2 hours", "90 min"],
      ["Resolution time", "< 4 hours", 3],
      ["Revenue", "$833K", "$1.2M"],
      ["LTV:CAC", "> 3:1", "3.4:1"],
      ["Satisfaction", "> 7/10", "8/10"],
      ["Rating", "≥ 4.5/5", "9/10"],
    ]);
    expect(e.rows.map((r) => [r.status, r.actual])).toEqual([
      ["Met", "1.5 h"],
      ["Met", "3 h"],
      ["Met", "$1.2M"],
      ["Met", "3.4:1"],
      ["Met", "8/10"],
      ["Met", "4.5/5"],
    ]);
  });

  it("reports an actual in another unit, or one that is not a number, at its cell", () => {
    const e = ev([
      ["CSAT", "85%", "3 hours"],
      ["NPS", "50", "good"],
    ]);
    expect(e.rows.map((r) => r.status)).toEqual(["No Data", "No Data"]);
    expect(e.problems.map((p) => [p.cell, p.code])).toEqual([
      ["C2", "unitMismatch"],
      ["C3", "actualNotANumber"],
    ]);
  });
});

describe("dates", () => {
  it("reads an ambiguous 03/04/2050 month-first by default, day-first when set, and warns", () => {
    const H = ["Goal", "Target", "Timeline", "Actual"];
    const mdy = goals(H, [["A", "≥ 10", "03/04/2050", 5]], "2050-03-10");
    const dmy = goals(H, [["A", "≥ 10", "03/04/2050", 5]], "2050-03-10", { dateOrder: "dmy" });
    expect(mdy.rows[0]?.timeline).toBe("2050-03-04");
    expect(mdy.rows[0]?.status).toBe("Overdue");
    expect(dmy.rows[0]?.timeline).toBe("2050-04-03");
    expect(dmy.rows[0]?.status).toBe("Off Track");
    expect(mdy.problems).toEqual([expect.objectContaining({ cell: "C2", code: "dateAmbiguous" })]);
  });

  it("takes quarter and month timelines at their end", () => {
    const H = ["Goal", "Target", "Timeline", "Actual"];
    const e = goals(H, [
      ["A", "≥ 10", "Q3 2050", 5],
      ["B", "≥ 10", "June 2050", 5],
      ["C", "≥ 10", { v: 55153, f: "yyyy-mm-dd" }, 5],
    ]);
    expect(e.rows.map((r) => r.timeline)).toEqual(["2050-09-30", "2050-06-30", "2050-12-31"]);
  });

  it("rejects an invalid as-of date with a clear error", () => {
    expect(() => goals(["Goal", "Target"], [], "15/10/2050")).toThrow(InvalidOptionError);
  });
});

describe("training", () => {
  const H = ["Role", "Training Needs", "Timeline", "Completed"];
  it("done → Met; not done and past due → Overdue; not yet due → On Track", () => {
    const ev = evaluateGrid(
      workbook(
        sheet("T", [
          H,
          ["Lead", "Analytics", "2050-02-15", "Yes"],
          ["Manager", "Marketing", "2050-03-30", null],
          ["Director", "CRM", "2050-12-25", "No"],
          ["Supervisor", "Product", "2050-06-15", { v: 54946, f: "yyyy-mm-dd" }],
        ]),
      ),
      { asOf: AS_OF },
    );
    expect(ev.rows.map((r) => r.status)).toEqual(["Met", "Overdue", "On Track", "Met"]);
  });

  it("without a completion column → No Data", () => {
    const ev = evaluateGrid(workbook(seedTemplate()), { asOf: AS_OF });
    const training = ev.rows.filter((r) => r.kind === "training");
    expect(training).toHaveLength(5);
    expect(new Set(training.map((r) => r.status))).toEqual(new Set(["No Data"]));
  });
});

describe("KPA elements, reviews and accountability", () => {
  it("links each element to its goals by acronym and shared words, and takes the worst status", () => {
    const ev = evaluateGrid(
      workbook(
        seedTemplate("KPA", {
          goals: [{ header: "Actual", values: ["86%", "64", "88%", "3.5 hours", null] }],
        }),
      ),
      { asOf: AS_OF },
    );
    const elements = ev.rows.filter((r) => r.kind === "kpa");
    const goalsByKey = new Map(ev.rows.map((r) => [r.key, r.name]));
    expect(elements.map((e) => [e.name, (e.linked ?? []).map((k) => goalsByKey.get(k))])).toEqual([
      ["Customer Satisfaction Score (CSAT)", ["Increase CSAT by 15%"]],
      ["Net Promoter Score (NPS)", ["Achieve NPS of 70"]],
      ["Customer Retention Rate", ["Improve Retention Rate"]],
      ["Response Time to Customer Inquiries", ["Reduce Response Time"]],
      ["Resolution Rate", ["Increase Resolution Rate"]],
    ]);
  });

  it("warns about an element no goal measures", () => {
    const ev = evaluateGrid(
      workbook(
        sheet("S", [
          ["KPA Element", "Measurement Method"],
          ["Employee Engagement", "Survey"],
          [],
          ["Goal", "Target"],
          ["Grow revenue", "$1M"],
        ]),
      ),
      { asOf: AS_OF },
    );
    expect(ev.rows[0]?.status).toBe("Needs Target");
    // The goals table has no Actual column: one problem for that table, and the element's own.
    expect(ev.problems.map((p) => [p.code, p.cell])).toEqual([
      ["noActualColumn", "A4"],
      ["elementUnlinked", "A2"],
    ]);
  });

  it("computes the next review and flags one past due", () => {
    const ev = evaluateGrid(
      workbook(
        sheet("S", [
          ["KPA Element", "Frequency of Review", "Last Review"],
          ["CSAT", "Quarterly", "2050-06-01"],
          ["NPS", "Biannually", "2050-06-01"],
          ["Launches", "Per gate", "2050-01-01"],
          ["Odd", "Every blue moon", null],
        ]),
      ),
      { asOf: AS_OF },
    );
    expect(ev.rows.map((r) => r.nextReview)).toEqual(["2050-09-01", "2050-12-01", undefined, undefined]);
    expect(ev.problems.filter((p) => p.code !== "elementUnlinked").map((p) => [p.cell, p.code])).toEqual([
      ["C2", "reviewOverdue"],
      ["B5", "frequencyNotUnderstood"],
    ]);
  });

  it("reports each owner without a role row by name (the template's Customer Service Manager)", () => {
    const ev = evaluateGrid(workbook(seedTemplate()), { asOf: AS_OF });
    const gaps = ev.problems.filter((p) => p.code === "ownerWithoutRole");
    expect(gaps.map((p) => p.message.match(/^"([^"]+)"/)?.[1])).toEqual([
      "Customer Service Manager",
      "Marketing Director",
      "Sales Manager",
      "Customer Support Team",
      "Customer Service Team",
    ]);
    expect(gaps[0]?.message).toContain("E8, E20");
    expect(gaps[0]?.message).toContain('Did you mean "Customer Support Manager"?');
    expect(ev.problems.some((p) => p.message.startsWith('"Customer Support Manager"'))).toBe(false);
  });
});

describe("row identity", () => {
  it("keys rows by sheet, kind and name, numbering repeats", () => {
    const ev = goals(
      ["Goal", "Target", "Actual"],
      [
        ["A", "1", 1],
        ["A", "1", 1],
        ["B", "1", 1],
      ],
    );
    expect(ev.rows.map((r) => r.key)).toEqual(["Goals|goals|a", "Goals|goals|a#2", "Goals|goals|b"]);
  });
});

describe("targets that are formulas typed as text", () => {
  it("are reported as not understood rather than guessed", () => {
    const ev = goals(["Goal", "Target", "Actual"], [["A", "=B2*1.1", 5]]);
    expect(ev.rows[0]?.status).toBe("Needs Target");
    expect(ev.problems).toEqual([expect.objectContaining({ cell: "B2", code: "targetNotUnderstood" })]);
    expect(ev.problems[0]?.message).toContain("formula stored as text");
  });
});
