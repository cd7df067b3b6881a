// Per-row thresholds: a goals or KPI table's own Tolerance, Amber and Red columns decide that row's band, the
// explanation says which rule decided, and a threshold that cannot be used is a warning naming its cell, the row then
// judged with the workbook tolerance. Expectations come from the product rules, not from what the code happens to do.
import { type RowResult, evaluateGrid } from "../../src/engine";
import { matchHeader } from "../../src/engine/headers";
import type { Problem } from "../../src/engine/problems";
import { type Cell, pct, sheet, table, workbook } from "../fixtures/builders";

const AS_OF = "2050-10-15";

/** One KPI row under the given threshold headers; its result and the workbook's problems. */
function judge(
  target: Cell,
  actual: Cell,
  thresholds: Readonly<Record<string, Cell>> = {},
  name = "Customer satisfaction",
): { row: RowResult; problems: readonly Problem[] } {
  const headers = Object.keys(thresholds);
  const rows = table(["KPI", "Target", "Actual", ...headers], [[name, target, actual, ...headers.map((h) => thresholds[h] ?? null)]]);
  const ev = evaluateGrid(workbook(sheet("K", rows)), { asOf: AS_OF });
  expect(ev.rows).toHaveLength(1);
  return { row: ev.rows[0] as RowResult, problems: ev.problems };
}

const thresholdProblems = (ps: readonly Problem[]) => ps.filter((p) => p.code === "thresholdNotUsed");

describe("header synonyms", () => {
  it.each([
    ["Tolerance", "tolerance"],
    ["Tolerance %", "tolerance"],
    ["Tolerance (%)", "tolerance"],
    ["Allowed variance", "tolerance"],
    ["Amber", "amber"],
    ["Amber threshold", "amber"],
    ["Warning", "amber"],
    ["At Risk below", "amber"],
    ["At Risk threshold", "amber"],
    ["Yellow", "amber"],
    ["Red", "red"],
    ["Red threshold", "red"],
    ["Off Track below", "red"],
    ["Minimum acceptable", "red"],
  ])("%s names the %s column", (header, field) => {
    expect(matchHeader(header)).toBe(field);
  });

  it("a bare Threshold stays the target of a table without another", () => {
    expect(matchHeader("Threshold")).toBe("target");
    const ev = evaluateGrid(workbook(sheet("K", table(["KPI", "Actual", "Threshold"], [["CPU usage", "70%", "< 80%"]]))), {
      asOf: AS_OF,
    });
    expect(ev.rows[0]?.status).toBe("Met");
  });

  it("beside a real Target, Threshold is the row's red", () => {
    const { row } = judge("≥ 85%", "68%", { Threshold: "70%" });
    expect(row.status).toBe("Off Track");
    expect(row.explanation).toBe("68% vs ≥ 85%: 20% short, below the row's red 70% (row threshold) → Off Track");
  });
});

describe("higher is better (≥ 85%)", () => {
  it("red only: not past red is At Risk, past it Off Track, however far the workbook tolerance reaches", () => {
    expect(judge("≥ 85%", "72%", { Red: "70%" }).row).toMatchObject({
      status: "At Risk",
      explanation: "72% vs ≥ 85%: 15% short, not below the row's red 70% → At Risk",
    });
    expect(judge("≥ 85%", "70%", { Red: "70%" }).row.status).toBe("At Risk");
    expect(judge("≥ 85%", "69%", { "Red threshold": "70%" }).row).toMatchObject({
      status: "Off Track",
      explanation: "69% vs ≥ 85%: 19% short, below the row's red 70% (row threshold) → Off Track",
    });
    // A red close to the target: 3% short is already past it, though within the workbook's 10%.
    expect(judge("≥ 85%", "82%", { "Off Track below": "83%" }).row.status).toBe("Off Track");
  });

  it("amber only: between the target and amber At Risk, past amber Off Track", () => {
    expect(judge("≥ 85%", "78%", { Amber: "75%" }).row).toMatchObject({
      status: "At Risk",
      explanation: "78% vs ≥ 85%: 8.2% short, within the row's amber 75% → At Risk",
    });
    expect(judge("≥ 85%", "74%", { "At Risk below": "75%" }).row).toMatchObject({
      status: "Off Track",
      explanation: "74% vs ≥ 85%: 13% short, below the row's amber 75% (row threshold) → Off Track",
    });
  });

  it("amber and red: At Risk down to red, the explanation says which side of amber; Off Track past red", () => {
    const t = { Amber: "80%", Red: "70%" };
    expect(judge("≥ 85%", "82%", t).row.explanation).toBe("82% vs ≥ 85%: 3.5% short, within the row's amber 80% → At Risk");
    expect(judge("≥ 85%", "75%", t).row).toMatchObject({
      status: "At Risk",
      explanation: "75% vs ≥ 85%: 12% short, below the row's amber 80% but not its red 70% → At Risk",
    });
    expect(judge("≥ 85%", "65%", t).row.status).toBe("Off Track");
    expect(judge("≥ 85%", "90%", t).row.status).toBe("Met");
  });

  it("reads thresholds as targets are written: ≥ 85%, below 70%, percent-formatted cells, bare numbers", () => {
    expect(judge("≥ 85%", "69%", { Red: "below 70%" }).row.status).toBe("Off Track");
    expect(judge("≥ 85%", "71%", { Red: "≥ 70%" }).row.status).toBe("At Risk");
    expect(judge(pct(0.85), pct(0.69), { Red: pct(0.7) }).row.status).toBe("Off Track");
    expect(judge("≥ 85%", "71%", { Red: 70 }).row.status).toBe("At Risk");
    expect(judge("$1,500", "$1,100", { Red: "$1,200" }, "Revenue per head").row.status).toBe("Off Track");
  });
});

describe("lower is better", () => {
  it("target < 2 hours, red 4 hours: 3 h At Risk, 5 h Off Track", () => {
    const t = { Red: "4 hours" };
    expect(judge("< 2 hours", "3 hours", t, "Response time").row).toMatchObject({
      status: "At Risk",
      explanation: "3 h vs < 2 h: 50% over, not above the row's red 4 h → At Risk",
    });
    expect(judge("< 2 hours", "5 hours", t, "Response time").row).toMatchObject({
      status: "Off Track",
      explanation: "5 h vs < 2 h: 150% over, above the row's red 4 h (row threshold) → Off Track",
    });
    // A bare number takes the target's unit.
    expect(judge("< 2 hours", "5 hours", { Red: 4 }, "Response time").row.status).toBe("Off Track");
  });

  it("amber and red on the high side", () => {
    const t = { Warning: "3 hours", Red: "4 hours" };
    expect(judge("< 2 hours", "2.5 hours", t, "Response time").row.explanation).toContain("within the row's amber 3 h → At Risk");
    expect(judge("< 2 hours", "3.5 hours", t, "Response time").row.explanation).toContain(
      "above the row's amber 3 h but not its red 4 h → At Risk",
    );
    expect(judge("< 2 hours", "4.5 hours", t, "Response time").row.status).toBe("Off Track");
  });
});

describe("Tolerance column", () => {
  it("replaces the workbook tolerance for the row", () => {
    // 15% short: beyond the workbook's 10%, within the row's 20%.
    expect(judge("≥ 80%", "68%", { Tolerance: "20%" }).row).toMatchObject({
      status: "At Risk",
      explanation: "68% vs ≥ 80%: 15% short, within the row's 20% tolerance → At Risk",
    });
    expect(judge("≥ 80%", "77%", { "Tolerance %": 0.02 }).row).toMatchObject({
      status: "Off Track",
      explanation: "77% vs ≥ 80%: 3.8% short, beyond the row's 2% tolerance (row threshold) → Off Track",
    });
    expect(judge("≥ 80%", "68%", { "Allowed variance": pct(0.2) }).row.status).toBe("At Risk");
    expect(judge("≥ 80%", "68%", { Tolerance: "±20%" }).row.status).toBe("At Risk");
  });

  it("works for a band target too, and an amount in the target's unit is its share of the target", () => {
    expect(judge("< 2 hours", "2.4 hours", { Tolerance: "30 min" }, "Response time").row.status).toBe("At Risk");
    expect(judge("< 2 hours", "2.6 hours", { Tolerance: "30 min" }, "Response time").row.status).toBe("Off Track");
  });

  it("amber or red decide over a Tolerance on the same row", () => {
    expect(judge("≥ 85%", "72%", { Tolerance: "5%", Red: "70%" }).row.status).toBe("At Risk");
  });
});

describe("a threshold that cannot be used: a warning naming the cell, and the workbook tolerance decides", () => {
  const fallback = (thresholds: Record<string, Cell>, cell: string, words: RegExp, target: Cell = "≥ 85%", actual: Cell = "72%") => {
    const { row, problems } = judge(
      target,
      actual,
      thresholds,
      typeof target === "string" && target.includes("hour") ? "Response time" : undefined,
    );
    const ps = thresholdProblems(problems);
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ severity: "warning", sheet: "K", cell });
    expect(ps[0]?.message).toMatch(words);
    expect(ps[0]?.message).toContain("judged with the workbook's 10% tolerance instead");
    expect(row.explanation).toMatch(/(within|beyond) 10% tolerance → (At Risk|Off Track)$/);
    return row;
  };

  it("red on the wrong side of the target", () => {
    // 72% is 15% short: beyond the workbook's 10%, whatever the red said.
    expect(fallback({ Red: "90%" }, "D2", /"90%" was not used: it is above the target ≥ 85%/).status).toBe("Off Track");
    expect(
      fallback(
        { Amber: "1 hour" },
        "D2",
        /"1 hour" was not used: it is below the target < 2 h, though lower is better for this row; an amber threshold lies above/,
        "< 2 hours",
        "2.1 hours",
      ).status,
    ).toBe("At Risk");
  });

  it("unreadable", () => {
    fallback({ Red: "ask Finance" }, "D2", /"ask Finance" was not used: it is not one value/);
    fallback({ Tolerance: "some" }, "D2", /not a share of the target/);
  });

  it("of another kind than the target", () => {
    fallback({ Red: "80%" }, "D2", /percentage but the target < 2 h is a duration/, "< 2 hours", "2.1 hours");
    fallback({ Red: "$50" }, "D2", /money amount but the target ≥ 85% is a percentage/);
  });

  it("a bare fraction against a percentage, a tolerance over 100%, amber past red", () => {
    fallback({ Red: 0.7 }, "D2", /could be 0.7% or 70%/);
    fallback({ Tolerance: "150%" }, "D2", /from 0% to 100%/);
    fallback({ Tolerance: 15 }, "D2", /could be 15% or 15/);
    fallback({ Amber: "65%", Red: "70%" }, "D2", /below the row's red 70%/);
  });

  it("a target with no worse side takes a Tolerance, not amber or red", () => {
    fallback({ Red: "90" }, "D2", /no better or worse side/, "between 95 and 105", "92");
    expect(judge("between 95 and 105", "85", { Tolerance: "15%" }).row.status).toBe("At Risk");
  });

  it("reports a bad cell on a row that met its target too, and leaves the status alone", () => {
    const { row, problems } = judge("≥ 85%", "90%", { Red: "90%" });
    expect(row.status).toBe("Met");
    expect(thresholdProblems(problems).map((p) => p.cell)).toEqual(["D2"]);
  });
});

describe("threshold columns are never read as something else", () => {
  it("a Red column beside a target is not taken for the missing actual", () => {
    const ev = evaluateGrid(workbook(sheet("K", table(["KPI", "Target", "Red"], [["Customer satisfaction", "≥ 85%", "70%"]]))), {
      asOf: AS_OF,
    });
    expect(ev.rows[0]?.status).toBe("No Data");
    expect(ev.problems.map((p) => p.code)).not.toContain("actualByContent");
  });

  it("every explanation still ends in → Status", () => {
    for (const actual of ["82%", "75%", "65%"]) {
      const { row } = judge("≥ 85%", actual, { Amber: "80%", Red: "70%" });
      expect(row.explanation.endsWith(`→ ${row.status}`)).toBe(true);
    }
  });
});

describe("without threshold cells nothing changes", () => {
  it("empty threshold cells and tables without the columns judge by the workbook tolerance", () => {
    expect(judge("≥ 85%", "72%", { Amber: null, Red: null, Tolerance: null }).row.explanation).toBe(
      "72% vs ≥ 85%: 15% short, beyond 10% tolerance → Off Track",
    );
    expect(judge("≥ 85%", "80%").row.explanation).toBe("80% vs ≥ 85%: 5.9% short, within 10% tolerance → At Risk");
  });

  it("Overdue and trend rules still come first", () => {
    const rows = table(["Goal", "Target", "Actual", "Timeline", "Red"], [["Raise satisfaction", "≥ 85%", "60%", "2050-09-30", "70%"]]);
    const ev = evaluateGrid(workbook(sheet("G", rows)), { asOf: AS_OF });
    expect(ev.rows[0]?.status).toBe("Overdue");
  });
});
