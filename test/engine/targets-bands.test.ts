// What people really type as targets: tolerance bands ("±5%", "100 ± 10", "2 either way"), zero targets ("none",
// "no incidents") and prose that is no target at all ("best in class"). Each phrasing is checked twice: how the target
// is parsed, and the status a one-row table gets for one or more actuals.
// Expectations come from the product rules, not from what the parser happens to do.
import { type RowResult, evaluateGrid } from "../../src/engine";
import type { Problem } from "../../src/engine/problems";
import { type Comparator, parseTarget } from "../../src/engine/targets";
import type { Quantity } from "../../src/engine/values";
import { type Cell, pct, sheet, workbook } from "../fixtures/builders";

const AS_OF = "2050-10-15";

const num = (value: number): Quantity => ({ value, unit: "number" });
const per = (value: number): Quantity => ({ value, unit: "percent" });
const money = (value: number): Quantity => ({ value, unit: "currency", currency: "$" });
const hrs = (h: number): Quantity => ({ value: h, unit: "hours" });
const days = (d: number): Quantity => ({ value: d * 24, unit: "hours" });
const score = (value: number, outOf: number): Quantity => ({ value, unit: "score", outOf });

type Status = RowResult["status"];

/** The parsed target a phrasing must give. */
interface Parsed {
  readonly comparator: Comparator | undefined;
  readonly value: Quantity;
  readonly upper?: Quantity;
  readonly centre?: Quantity;
  readonly reading?: "band" | "zero";
}

/** A tolerance band: `centre` for one around a value, none for a deviation around zero ("±5%"). */
const band = (low: Quantity, high: Quantity, centre?: Quantity): Parsed => ({
  comparator: "between",
  value: low,
  upper: high,
  centre,
  reading: "band",
});
const range = (low: Quantity, high: Quantity): Parsed => ({ comparator: "between", value: low, upper: high });
const zero = (value: Quantity = num(0)): Parsed => ({ comparator: "<=", value, reading: "zero" });
const level = (comparator: Comparator, value: Quantity): Parsed => ({ comparator, value });

const round = (n: number): number => Math.round(n * 1e9) / 1e9;
const plain = (q: Quantity | undefined) => (q ? { value: round(q.value), unit: q.unit, currency: q.currency, outOf: q.outOf } : undefined);

function expectParsed(input: string | number, exp: Parsed): void {
  const res = parseTarget(input);
  expect(res).toMatchObject({ ok: true, target: { kind: "numeric" } });
  if (!res.ok || res.target.kind !== "numeric") return;
  const t = res.target;
  expect({ comparator: t.comparator, value: plain(t.value), upper: plain(t.upper), centre: plain(t.centre), reading: t.reading }).toEqual({
    comparator: exp.comparator,
    value: plain(exp.value),
    upper: plain(exp.upper),
    centre: plain(exp.centre),
    reading: exp.reading,
  });
}

/** Judges one KPI row: its name, target and actual (and a Direction when given). */
function judge(name: string, target: Cell, actual: Cell, direction?: string): { row: RowResult; problems: readonly Problem[] } {
  const header = ["KPI", "Target", "Actual", ...(direction ? ["Direction"] : [])];
  const ev = evaluateGrid(workbook(sheet("K", [header, [name, target, actual, ...(direction ? [direction] : [])]])), { asOf: AS_OF });
  expect(ev.rows).toHaveLength(1);
  return { row: ev.rows[0] as RowResult, problems: ev.problems };
}

type Judged = readonly (readonly [Cell, Status])[];
const met = (actual: Cell) => [actual, "Met"] as const;
const atRisk = (actual: Cell) => [actual, "At Risk"] as const;
const offTrack = (actual: Cell) => [actual, "Off Track"] as const;

// ---------------------------------------------------------------------------------------------
// 2. Two-sided targets: Met inside the band; outside it, the distance to the nearest bound (relative to the band's
// centre when it has one, else to that bound) goes through the usual tolerance rule (10%: At Risk, beyond: Off Track).
// ---------------------------------------------------------------------------------------------
const BANDS: readonly (readonly [string, string, Parsed, Judged])[] = [
  // A deviation band around zero: |actual| ≤ 5%.
  ["Forecast error", "±5%", band(per(-5), per(5)), [met("3%"), atRisk("5.4%"), offTrack("12%"), met("-4%"), atRisk("-5.4%")]],
  ["Forecast error", "+/- 5%", band(per(-5), per(5)), [met("-3%"), atRisk("5.4%"), offTrack("-12%")]],
  ["Forecast error", "+/-5%", band(per(-5), per(5)), [met(pct(0.03)), atRisk(pct(0.054)), offTrack(pct(-0.12))]],
  ["Forecast error", "+-5%", band(per(-5), per(5)), [met("4.9%"), offTrack("6%")]],
  ["Forecast error", "± 5 %", band(per(-5), per(5)), [met("0%")]],
  ["Forecast variance", "plus or minus 5%", band(per(-5), per(5)), [met("-5%"), atRisk("5.5%")]],
  ["Forecast variance", "Plus/minus 5%", band(per(-5), per(5)), [met("2%")]],
  ["Budget variance", "within 5%", band(per(-5), per(5)), [met("-4%"), offTrack("-6%"), atRisk("5.2%")]],
  ["Budget variance", "Variance within 5%", band(per(-5), per(5)), [offTrack("-8%"), met("4%")]],
  ["Budget variance", "within ±5%", band(per(-5), per(5)), [atRisk("-5.3%")]],
  ["Forecast accuracy", "Within +/- 3% of forecast", band(per(-3), per(3)), [met("-2%"), atRisk("3.2%"), offTrack("-5%")]],
  ["Spend", "within 5% of target", band(per(-5), per(5)), [met("-1%"), offTrack("7%")]],
  ["Opex", "Keep spend within 5% of budget", band(per(-5), per(5)), [met("-3%"), atRisk("-5.3%")]],
  ["Headcount vs plan", "within 2% of plan", band(per(-2), per(2)), [met("1.5%"), atRisk("-2.1%")]],
  ["Delivery slip", "within 2 days of schedule", band(days(-2), days(2)), [met("1 day"), offTrack("-3 days")]],
  ["Sales vs quota", "within 10 points of quota", band(num(-10), num(10)), [met(-8), atRisk(11)]],
  ["Stock count error", "no more than 2 either way", band(num(-2), num(2)), [met(1), met(-2), atRisk(2.1), offTrack(3)]],
  ["Stock count error", "2 either way", band(num(-2), num(2)), [met(-1), offTrack(-3)]],
  ["Temperature deviation", "3% either side", band(per(-3), per(3)), [met("-3%"), atRisk("3.3%")]],
  ["Delivery timing", "up to 1 day either way", band(days(-1), days(1)), [met("20 hours"), atRisk("26 hours"), offTrack("-2 days")]],
  ["Cash forecast", "give or take 5%", band(per(-5), per(5)), [met("4%")]],
  ["Score drift", "plus/minus 3 points", band(num(-3), num(3)), [met(2), offTrack(-4)]],
  ["Lead time variance", "±0.5 days", band(days(-0.5), days(0.5)), [met("6 hours"), atRisk("13 hours")]],
  ["Forecast error", "+5%/-5%", band(per(-5), per(5)), [met("-5%"), atRisk("5.2%")]],
  ["Budget variance", "|variance| < 5%", band(per(-5), per(5)), [met("-4%"), offTrack("-9%")]],
  ["Budget variance", "Absolute variance under 3%", band(per(-3), per(3)), [met("2%"), offTrack("-4%")]],
  ["Share of wallet change", "within 2 percentage points", band(per(-2), per(2)), [met("-1.5%"), atRisk("2.1%")]],
  // A band around a value: "5% ± 1" is 4% to 6%, and a miss is relative to 5%.
  ["Conversion rate", "5% ± 1", band(per(4), per(6), per(5)), [met("4.5%"), atRisk("6.4%"), offTrack("3%")]],
  ["Conversion rate", "5% ± 1%", band(per(4), per(6), per(5)), [met("6%"), atRisk("3.6%")]],
  ["Conversion rate", "5% +/- 1 pp", band(per(4), per(6), per(5)), [met("4%"), offTrack("7%")]],
  ["Occupancy", "90% ± 2", band(per(88), per(92), per(90)), [met("91%"), atRisk("95%"), offTrack("70%")]],
  ["Units per batch", "100 ± 10", band(num(90), num(110), num(100)), [met(105), atRisk(115), offTrack(75)]],
  ["Units per batch", "100 ± 10%", band(num(90), num(110), num(100)), [met(110), atRisk(89), offTrack(121)]],
  ["Units per batch", "100 +/- 10%", band(num(90), num(110), num(100)), [met(95), offTrack(130)]],
  ["Orders per day", "target 50, tolerance ±5", band(num(45), num(55), num(50)), [met(52), atRisk(57), atRisk(60), offTrack(61)]],
  ["Orders per day", "Target 50, tolerance 5", band(num(45), num(55), num(50)), [met(45), atRisk(40), offTrack(38)]],
  ["Orders per day", "50 with a 10% tolerance", band(num(45), num(55), num(50)), [met(54), atRisk(56)]],
  ["Orders per day", "50 (±5)", band(num(45), num(55), num(50)), [met(48), offTrack(62)]],
  ["Calls per agent", "within 10% of 200", band(num(180), num(220), num(200)), [met(215), atRisk(230), offTrack(150)]],
  ["Calls per agent", "±5% of 200", band(num(190), num(210), num(200)), [met(200), atRisk(215)]],
  [
    "Monthly spend",
    "$1M ± 5%",
    band(money(950_000), money(1_050_000), money(1_000_000)),
    [met("$1.02M"), atRisk("$1.08M"), offTrack("$800K")],
  ],
  ["Shift length", "8 hours ± 30 min", band(hrs(7.5), hrs(8.5), hrs(8)), [met("8.2 hours"), atRisk("9 hours"), offTrack("10 hours")]],
  ["Sprint length", "10 ± 1 days", band(days(9), days(11), days(10)), [met("10 days"), atRisk("12 days")]],
  ["Rating", "4.5/5 ± 0.2", band(score(4.3, 5), score(4.7, 5), score(4.5, 5)), [met("4.4/5"), atRisk("4/5"), offTrack("3.5/5")]],
  ["Net adds", "0 ± 2", band(num(-2), num(2), num(0)), [met(1), met(-2), offTrack(3)]],
  // Plain ranges keep their wording; a miss is relative to the nearest bound.
  ["Utilisation", "40–60%", range(per(40), per(60)), [met("50%"), atRisk("62%"), offTrack("30%")]],
  ["Inventory turns", "between 3 and 5", range(num(3), num(5)), [met(4), atRisk(5.3), offTrack(2)]],
  ["Review cycle", "Between 3 and 5 days", range(days(3), days(5)), [met("4 days"), atRisk("2.8 days")]],
  ["Conversion rate", "between 4% and 6%", range(per(4), per(6)), [met("5%"), atRisk("6.5%")]],
  ["Forecast error", "-5% to +5%", range(per(-5), per(5)), [met("0%"), atRisk("-5.2%")]],
];

describe("two-sided targets: parsed as a band", () => {
  it.each(BANDS.map(([name, target, parsed]) => [target, name, parsed] as const))("%p", (target, _name, parsed) =>
    expectParsed(target, parsed),
  );
});

describe("two-sided targets: judged inside and outside the band", () => {
  const cases = BANDS.flatMap(([name, target, , judged]) => judged.map(([actual, status]) => [target, actual, status, name] as const));
  it.each(cases)("%p with actual %p → %p", (target, actual, status, name) => {
    const { row } = judge(name, target, actual);
    expect(row.status).toBe(status);
    expect(row.explanation.endsWith(`→ ${status}`)).toBe(true);
  });
});

describe("two-sided targets: the explanation shows how the target was read", () => {
  it.each<[string, Cell, string]>([
    ["±5%", "3%", "3% vs between -5% and 5% (target read as −5% to +5%): target met → Met"],
    ["±5%", "5.4%", "5.4% vs between -5% and 5% (target read as −5% to +5%): 8% over, within 10% tolerance → At Risk"],
    ["±5%", "12%", "12% vs between -5% and 5% (target read as −5% to +5%): 140% over, beyond 10% tolerance → Off Track"],
    ["±5%", "-4%", "-4% vs between -5% and 5% (target read as −5% to +5%): target met → Met"],
    ["within 5% of budget", "-5.5%", "-5.5% vs between -5% and 5% (target read as −5% to +5%): 10% under, within 10% tolerance → At Risk"],
    ["5% ± 1", "6.4%", "6.4% vs between 4% and 6% (target read as 4% to 6% around 5%): 8% over, within 10% tolerance → At Risk"],
    ["100 ± 10%", "75", "75 vs between 90 and 110 (target read as 90 to 110 around 100): 15% under, beyond 10% tolerance → Off Track"],
    ["between 4% and 6%", "5%", "5% vs between 4% and 6%: target met → Met"],
  ])("%p with %p", (target, actual, explanation) => {
    expect(judge("Forecast error", target, actual).row.explanation).toBe(explanation);
  });

  it("keeps one-sided 'within' for durations and counts: within 2 hours is at most 2 hours", () => {
    expectParsed("within 2 hours", level("<=", hrs(2)));
    expectParsed("Resolve within 3 days", level("<=", days(3)));
    expect(judge("Response time", "within 2 hours", "1 hour").row.status).toBe("Met");
  });

  it("a band whose centre is unclear, or a tolerance without its amount, is not understood rather than guessed", () => {
    for (const t of ["±5% or 10 units", "100 or 120 ± 5", "tolerance ±", "90% tolerance 5 or 10", "Increase revenue by 10% ± 2%"]) {
      expect([t, parseTarget(t).ok]).toEqual([t, false]);
    }
    const { row, problems } = judge("Output", "±5% or 10 units", 3);
    expect(row.status).toBe("Needs Target");
    expect(problems).toEqual([expect.objectContaining({ cell: "B2", code: "targetNotUnderstood", severity: "error" })]);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Zero targets: "0", "none", "no incidents" mean at most 0, whatever the row's name; anything above is Off Track
// (a zero target has no tolerance). Only an explicit comparison in the text, or a Direction column, says otherwise.
// ---------------------------------------------------------------------------------------------
const ZEROS: readonly (readonly [string, string | number, Parsed, Judged])[] = [
  ["Safety record", "0", zero(), [met(0), offTrack(1)]],
  ["Safety record", 0, zero(), [met(0), offTrack(2)]],
  ["Customer complaints", "zero", zero(), [met(0), offTrack(1)]],
  ["Data breaches", "Zero", zero(), [offTrack(3)]],
  ["Audit findings", "none", zero(), [met(0), offTrack(1)]],
  ["Audit findings", "None", zero(), [met("0")]],
  ["Open critical bugs", "nil", zero(), [met(0), offTrack(4)]],
  ["Open critical bugs", "Nil", zero(), [offTrack(1)]],
  ["Workplace safety", "no incidents", zero(), [met(0), offTrack(1)]],
  ["Quality", "No critical incidents", zero(), [met(0), offTrack(2)]],
  ["Release quality", "0 defects", zero(), [met(0), offTrack(1)]],
  ["Safety", "zero lost-time incidents", zero(), [met(0), offTrack(1)]],
  ["Security", "Zero data breaches by Q4 2050", zero(), [met(0), offTrack(1)]],
  ["Compliance", "No regulatory fines", zero(), [offTrack(1)]],
  ["Payroll errors", "0%", zero(per(0)), [met("0%"), offTrack("0.5%")]],
  ["Write-offs", "$0", zero(money(0)), [met("$0"), offTrack("$120")]],
  ["Unplanned downtime", "0 hours", zero(hrs(0)), [met("0 h"), offTrack("2 hours")]],
  ["Customer wins lost", "none allowed", zero(), [met(0), offTrack(1)]],
  ["Harassment cases", "Zero tolerance", zero(), [met(0), offTrack(1)]],
  // An explicit comparison is kept.
  ["Net cash", ">= 0", level(">=", num(0)), [met(5), offTrack(-1)]],
  ["Net cash", "at least 0", level(">=", num(0)), [met(0), offTrack(-3)]],
  ["Net cash", "0 or more", level(">=", num(0)), [met(2)]],
  ["NPS", "> 0", level(">", num(0)), [met(10), offTrack(-5)]],
  ["Stock difference", "exactly 0", level("=", num(0)), [met(0), offTrack(1)]],
];

describe("zero targets: parsed as at most 0", () => {
  it.each(ZEROS.map(([name, target, parsed]) => [target, name, parsed] as const))("%p", (target, _name, parsed) =>
    expectParsed(target, parsed),
  );
});

describe("zero targets: judged", () => {
  const cases = ZEROS.flatMap(([name, target, , judged]) => judged.map(([actual, status]) => [target, actual, status, name] as const));
  it.each(cases)("%p with actual %p → %p", (target, actual, status, name) => {
    expect(judge(name, target, actual).row.status).toBe(status);
  });

  it("says how a zero target was read, and that it has no tolerance", () => {
    expect(judge("Safety record", "no incidents", 0).row.explanation).toBe(
      "0 incidents vs ≤ 0 incidents (target read as 0 (none allowed)): target met → Met",
    );
    const miss = judge("Safety record", "no incidents", 2).row;
    expect(miss.explanation).toBe(
      "2 incidents vs ≤ 0 incidents (target read as 0 (none allowed)): 2 incidents over, a zero target has no tolerance → Off Track",
    );
    expect(miss.gap).toBe("2 incidents over");
  });

  it("is Off Track however small the miss, even with the widest tolerance", () => {
    const ev = evaluateGrid(
      workbook(
        sheet("K", [
          ["KPI", "Target", "Actual"],
          ["Defects", "0", 1],
        ]),
      ),
      { asOf: AS_OF, tolerance: 1 },
    );
    expect(ev.rows[0]?.status).toBe("Off Track");
  });

  it("a Direction column saying higher is better makes 0 a floor", () => {
    const { row, problems } = judge("Net income", "0", 3, "Higher is better");
    expect([row.status, row.target]).toEqual(["Met", "≥ 0"]);
    expect(judge("Net income", "0", -3, "Higher is better").row.status).toBe("Off Track");
    expect(problems).toEqual([]);
  });

  it("warns when the row's wording says higher is better but the target is 0", () => {
    const { row, problems } = judge("Grow referrals", "0", 2);
    expect(row.status).toBe("Off Track");
    expect(problems).toEqual([expect.objectContaining({ cell: "B2", code: "zeroTargetReadAsNone", severity: "warning" })]);
    expect(problems[0]?.message).toContain('"0"');
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Prose is not a target: text with no number needs a status word or a milestone verb to be categorical; anything
// else is Needs Target with an error that quotes it.
// ---------------------------------------------------------------------------------------------
const PROSE: readonly string[] = [
  "in line with the annual plan",
  "In line with plan",
  "best in class",
  "Best-in-class",
  "as agreed with the board",
  "industry standard",
  "market leading",
  "improve significantly",
  "World class",
  "Exceed expectations",
  "Continuous improvement",
  "Increase sales",
  "Top quartile",
  "Above industry average",
  "Meet customer expectations",
  "Excellent",
  "As high as possible",
  "Maintain current levels",
  "Top 3 in the industry",
  "Industry benchmark",
  "Strong",
  "Better than last year",
];

describe("prose targets: Needs Target, with a problem quoting the text", () => {
  it.each(PROSE)("%p", (target) => {
    const parsed = parseTarget(target);
    expect(parsed).toMatchObject({ ok: false, empty: false });
    const { row, problems } = judge("Customer satisfaction", target, "92%");
    expect(row.status).toBe("Needs Target");
    expect(problems).toEqual([expect.objectContaining({ cell: "B2", code: "targetNotUnderstood", severity: "error" })]);
    expect(problems[0]?.message).toContain(`"${target}"`);
    // Either it has nothing to measure by, or it points to a target kept elsewhere ("in line with the plan").
    expect(problems[0]?.message).toMatch(/no number .* no status word|points to a target kept elsewhere/);
  });
});

const STATUS_TARGETS: readonly (readonly [string, boolean, Cell])[] = [
  ["Approved", true, "Yes"],
  ["Complete", true, "Done"],
  ["Yes", true, "Yes"],
  ["Launched", true, "Yes"],
  ["Signed", true, "Yes"],
  ["Live", true, "Yes"],
  ["Delivered", true, "Done"],
  ["Done", true, "Yes"],
  ["Passed", true, "Yes"],
  ["Certified", true, "Yes"],
  ["Implemented", true, "Yes"],
  ["In place", true, "Yes"],
  ["Go live", true, "Yes"],
  ["Go-live", true, "Yes"],
  ["Sign-off", true, "Yes"],
  ["Launch the new site", true, "Done"],
  ["Complete migration", true, "Done"],
  ["Obtain ISO certification", true, "Yes"],
  ["ISO 27001 certified", true, "Yes"],
  ["Policy approved by the board", true, "Yes"],
  ["Roll out the CRM to all teams", true, "Done"],
  ["On budget", true, "Yes"],
  ["Phase 2 complete", true, "Done"],
  ["Within SLA", true, "Yes"],
  ["Green", false, "Green"],
];

describe("a negation the reader cannot place is not dropped", () => {
  it.each(["Do not exceed budget by more than 5%", "Must not be 0", "Never 100%"])("%p is not understood", (target) => {
    expect(parseTarget(target)).toMatchObject({ ok: false, empty: false, reason: expect.stringMatching(/"(?:not|never)"/) });
  });

  it.each<[string, Parsed]>([
    ["Not to exceed $10,000", level("<=", money(10_000))],
    ["Must not fall below 95%", level(">=", per(95))],
    ["Never above 2%", level("<=", per(2))],
    ["never below 4.5", level(">=", num(4.5))],
  ])("%p keeps its comparison", (target, parsed) => expectParsed(target, parsed));
});

describe("a value that is no status word", () => {
  it("is met by an actual that says exactly the same, and is Needs Target otherwise", () => {
    expect(judge("Partner tier", "Gold", "gold").row.status).toBe("Met");
    const { row, problems } = judge("Partner tier", "Gold", "Silver");
    expect(row.status).toBe("Needs Target");
    expect(problems).toEqual([expect.objectContaining({ cell: "B2", code: "targetNotUnderstood" })]);
  });
});

describe("targets that say there is none yet", () => {
  it.each(["Not applicable", "To be confirmed", "Not set"])("%p is no target, not prose", (target) => {
    expect(parseTarget(target)).toEqual({ ok: false, empty: true });
  });
});

describe("status targets stay categorical", () => {
  it.each(STATUS_TARGETS)("%p (affirmative %p) is Met by %p", (target, affirmative, actual) => {
    expect(parseTarget(target)).toEqual({ ok: true, target: { kind: "categorical", expected: target, affirmative } });
    expect(judge("Milestone", target, actual).row.status).toBe("Met");
  });
});
