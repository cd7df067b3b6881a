// Target cells → structured targets, and which way is "better" for a row.
// Expectations come from the product requirements, not from what the parser happens to do.
import type { Quantity, Unit } from "../../src/engine/values";
import { type Direction, inferDirection } from "../../src/engine/direction";
import { type Comparator, type NumericTarget, type TargetParse, parseTarget } from "../../src/engine/targets";

// ---------------------------------------------------------------------------------------------
// Builders for expected quantities (durations are always stored in hours).
// ---------------------------------------------------------------------------------------------
const num = (value: number): Quantity => ({ value, unit: "number" });
const pct = (value: number): Quantity => ({ value, unit: "percent" });
const money = (value: number, currency = "$"): Quantity => ({ value, unit: "currency", currency });
const hrs = (h: number): Quantity => ({ value: h, unit: "hours", display: "h" });
const mins = (m: number): Quantity => ({ value: m / 60, unit: "hours", display: "min" });
const secs = (s: number): Quantity => ({ value: s / 3600, unit: "hours" });
const days = (d: number): Quantity => ({ value: d * 24, unit: "hours", display: "days" });
const weeks = (w: number): Quantity => ({ value: w * 168, unit: "hours", display: "weeks" });
const ratio = (value: number): Quantity => ({ value, unit: "ratio" });
const score = (value: number, outOf: number): Quantity => ({ value, unit: "score", outOf });

/** What a numeric target must look like. Fields left out of `verb`/`changeUnit` are not checked. */
interface NumExp {
  readonly comparator: Comparator | undefined;
  readonly value?: Quantity;
  readonly upper?: Quantity;
  readonly change?: NumericTarget["change"];
  /** Unit the change amount is in ("$5" → currency, "2 hours" → hours). */
  readonly changeUnit?: Unit;
  readonly impliedBaseline?: Quantity;
  readonly verb?: Direction;
}

/** A level target: `cmp` undefined means a bare value whose direction the row decides. */
const level = (comparator: Comparator | undefined, value: Quantity, verb?: Direction): NumExp => ({ comparator, value, verb });
const bare = (value: Quantity): NumExp => level(undefined, value);
const between = (low: Quantity, high: Quantity): NumExp => ({ comparator: "between", value: low, upper: high });
const change = (mode: "points" | "percent", amount: number, signed: boolean, changeUnit?: Unit): NumExp => ({
  comparator: undefined,
  change: { mode, amount, signed },
  changeUnit,
});
const fromTo = (from: Quantity, to: Quantity, comparator: Comparator, verb: Direction): NumExp => ({
  comparator,
  value: to,
  impliedBaseline: from,
  verb,
});

const round = (n: number): number => Math.round(n * 1e9) / 1e9;

/** A quantity reduced to what matters; `display` is only compared when the expectation names it. */
function q(actual: Quantity | undefined, expected: Quantity | undefined): Record<string, unknown> | undefined {
  if (!actual) return undefined;
  return {
    value: round(actual.value),
    unit: actual.unit,
    currency: actual.currency,
    outOf: actual.outOf,
    display: expected?.display !== undefined ? actual.display : undefined,
  };
}

function expectNumeric(input: string | number, exp: NumExp): void {
  const res: TargetParse = parseTarget(input);
  expect(res).toMatchObject({ ok: true, target: { kind: "numeric" } });
  if (!res.ok || res.target.kind !== "numeric") return;
  const t = res.target;
  const actual = {
    comparator: t.comparator,
    value: exp.value ? q(t.value, exp.value) : undefined,
    upper: q(t.upper, exp.upper),
    change: t.change ? { ...t.change, amount: round(t.change.amount) } : undefined,
    changeUnit: exp.changeUnit !== undefined ? t.value.unit : undefined,
    impliedBaseline: q(t.impliedBaseline, exp.impliedBaseline),
    verb: exp.verb !== undefined ? t.verbDirection : undefined,
  };
  const expected = {
    comparator: exp.comparator,
    value: exp.value ? q(exp.value, exp.value) : undefined,
    upper: q(exp.upper, exp.upper),
    change: exp.change,
    changeUnit: exp.changeUnit,
    impliedBaseline: q(exp.impliedBaseline, exp.impliedBaseline),
    verb: exp.verb,
  };
  expect(actual).toEqual(expected);
}

// ---------------------------------------------------------------------------------------------
// The examples written in the issue, verbatim.
// ---------------------------------------------------------------------------------------------
describe("parseTarget: issue examples", () => {
  it.each<[string | number, NumExp]>([
    ["Achieve a CSAT score of 85% or higher.", level(">=", pct(85))],
    ["Improve NPS by 10 points.", change("points", 10, false)],
    ["Retain 90% of customers year-over-year.", bare(pct(90))],
    ["Average response time to under 2 hours.", level("<", hrs(2))],
    ["Achieve a first-contact resolution rate of 80%.", bare(pct(80))],
    ["Increase CSAT by 15%", change("percent", 15, true)],
    ["Reduce churn by 20%", change("percent", -20, true)],
    ["70%+", level(">=", pct(70))],
    ["<15%", level("<", pct(15))],
    ["5,000+", level(">=", num(5000))],
    ["> 3:1", level(">", ratio(3))],
    ["> 7/10", level(">", score(7, 10))],
    ["< 4 hours", level("<", hrs(4))],
    ["0", level("<=", num(0))],
    ["between 40% and 60%", between(pct(40), pct(60))],
    ["$833K", bare(money(833_000))],
  ])("%p", (input, exp) => expectNumeric(input, exp));
});

// ---------------------------------------------------------------------------------------------
// Level targets with an explicit comparator, in the many ways managers write them.
// ---------------------------------------------------------------------------------------------
describe("parseTarget: comparators in words and symbols", () => {
  it.each<[string, NumExp]>([
    ["at least 95%", level(">=", pct(95))],
    ["At least 95% on-time delivery", level(">=", pct(95))],
    ["Minimum 90%", level(">=", pct(90))],
    ["min. 90%", level(">=", pct(90))],
    ["No less than 98% accuracy", level(">=", pct(98))],
    ["Margin of at least 35%", level(">=", pct(35))],
    ["≥ 99.9% uptime", level(">=", pct(99.9))],
    ["≥95%", level(">=", pct(95))],
    ["5K+ users", level(">=", num(5000))],
    ["at least 4 out of 5", level(">=", score(4, 5))],
    [">= 90%", level(">=", pct(90))],
    ["90% or above", level(">=", pct(90))],
    ["90% and above", level(">=", pct(90))],
    ["Gross margin 60%+", level(">=", pct(60))],
    ["NPS of 50 or more", level(">=", num(50))],
    ["eNPS ≥ +30", level(">=", num(30))],
    ["≥ 4.5/5", level(">=", score(4.5, 5))],
    ["CSAT 4.5/5 or higher", level(">=", score(4.5, 5))],
    ["2:1 or higher", level(">=", ratio(2))],
    ["More than 1,000 sign-ups", level(">", num(1000))],
    ["Greater than 4.2", level(">", num(4.2))],
    ["over 100", level(">", num(100))],
    ["Maintain a current ratio above 1.5:1", level(">", ratio(1.5))],
    ["NPS > 0", level(">", num(0))],
    ["> 95% by 31/12/2050", level(">", pct(95))],
    ["no more than 5 complaints", level("<=", num(5))],
    ["No more than 2 critical bugs per month", level("<=", num(2))],
    ["Not more than 1% defect rate", level("<=", pct(1))],
    ["<= 5%", level("<=", pct(5))],
    ["≤ 24h", level("<=", hrs(24))],
    ["within 48 hours", level("<=", hrs(48))],
    ["Respond to all enquiries within 24 hours", level("<=", hrs(24))],
    ["maximum 2 days", level("<=", days(2))],
    ["Max 3 days", level("<=", days(3))],
    ["Up to 5 days", level("<=", days(5))],
    ["5 days or less", level("<=", days(5))],
    ["2 weeks or less", level("<=", weeks(2))],
    ["≤ 30 minutes", level("<=", mins(30))],
    ["5 or fewer", level("<=", num(5))],
    ["Not to exceed $10,000", level("<=", money(10_000))],
    ["CPA ≤ $45", level("<=", money(45))],
    ["Variance within 5%", between(pct(-5), pct(5))],
    ["Resolve tickets within 1 business day", level("<=", days(1))],
    ["under $50K", level("<", money(50_000))],
    ["Keep churn below 3%", level("<", pct(3))],
    ["Less than 2% error rate", level("<", pct(2))],
    ["Fewer than 3 escalations per month", level("<", num(3))],
    ["below 5", level("<", num(5))],
    ["Budget variance under 2%", level("<", pct(2))],
    ["Cost per hire < $4,000", level("<", money(4_000))],
    ["Burn rate under $150K/month", level("<", money(150_000))],
    ["Employee turnover < 10% annually", level("<", pct(10))],
    ["DSO below 45 days", level("<", days(45))],
    ["First response < 1h", level("<", hrs(1))],
    ["< 24 hrs", level("<", hrs(24))],
    ["less than 1 day", level("<", days(1))],
    ["Respond in under 15 mins", level("<", mins(15))],
    ["Page load under 3 seconds", level("<", secs(3))],
    ["exactly 100", level("=", num(100))],
    ["= 100%", level("=", pct(100))],
  ])("%p", (input, exp) => expectNumeric(input, exp));
});

// ---------------------------------------------------------------------------------------------
// Bare values: no comparator, so the row's direction decides (≥ or ≤), except a zero target, which is
// at most 0 whatever the row. Dates in the text are deadlines, never the target value.
// ---------------------------------------------------------------------------------------------
describe("parseTarget: bare values and deadlines in the text", () => {
  it.each<[string | number, NumExp]>([
    [0, level("<=", num(0))],
    [85, bare(num(85))],
    ["95%", bare(pct(95))],
    ["85 %", bare(pct(85))],
    ["100%", bare(pct(100))],
    ["100% compliance", bare(pct(100))],
    ["Hold at 95%", bare(pct(95))],
    ["Uptime 99.95%", bare(pct(99.95))],
    ["Target: 85%", bare(pct(85))],
    ["zero incidents", level("<=", num(0))],
    ["Zero lost-time incidents", level("<=", num(0))],
    ["No critical incidents", level("<=", num(0))],
    ["3x", bare(ratio(3))],
    ["1.5x", bare(ratio(1.5))],
    ["ROAS of 4x", bare(ratio(4))],
    ["LTV:CAC of 3:1", bare(ratio(3))],
    ["4.5/5", bare(score(4.5, 5))],
    ["8 out of 10", bare(score(8, 10))],
    ["9/10 or better", bare(score(9, 10))],
    ["95% SLA compliance or better", bare(pct(95))],
    ["$1.2M", bare(money(1_200_000))],
    ["€250K", bare(money(250_000, "€"))],
    ["£1.5m", bare(money(1_500_000, "£"))],
    ["R 2 million", bare(money(2_000_000, "R"))],
    ["USD 500K", bare(money(500_000))],
    ["90 days", bare(days(90))],
    ["30 min", bare(mins(30))],
    ["Reduce AHT to 5 min", level(undefined, mins(5), "lower")],
    ["Close 50 deals per quarter", bare(num(50))],
    ["Sign 10 new partners", bare(num(10))],
    ["Keep headcount at 120", bare(num(120))],
    ["Reach 5,000 users by Q4 2050", bare(num(5000))],
    ["Hire 12 engineers by June 2050", bare(num(12))],
    ["Launch 3 new products in H1 2050", bare(num(3))],
    ["Onboard 200 new clients by 31 December 2050", bare(num(200))],
    ["Achieve 1,000,000 downloads by 2050-12-31", bare(num(1_000_000))],
    ["Sign 25 resellers by 12/31/2050", bare(num(25))],
    ["95% by Q3 2050", bare(pct(95))],
    ["$1.2M in new ARR by end of FY2050", bare(money(1_200_000))],
  ])("%p", (input, exp) => expectNumeric(input, exp));
});

// ---------------------------------------------------------------------------------------------
// Ranges ("between", "40-60%", "2-3 days"): the unit of one end carries over to the other.
// ---------------------------------------------------------------------------------------------
describe("parseTarget: ranges", () => {
  it.each<[string, NumExp]>([
    ["Between 40 and 60%", between(pct(40), pct(60))],
    ["Between 4 and 6 hours", between(hrs(4), hrs(6))],
    ["40-60%", between(pct(40), pct(60))],
    ["40%–60%", between(pct(40), pct(60))],
    ["40%-60%", between(pct(40), pct(60))],
    ["40% - 60%", between(pct(40), pct(60))],
    ["90 to 95%", between(pct(90), pct(95))],
    ["2-3 days", between(days(2), days(3))],
    ["1-2 weeks", between(weeks(1), weeks(2))],
    ["between 30 and 45 minutes", between(mins(30), mins(45))],
    ["$40K-$60K", between(money(40_000), money(60_000))],
    ["$40-60K", between(money(40_000), money(60_000))],
    ["Keep inventory turnover between 6 and 8", between(num(6), num(8))],
  ])("%p", (input, exp) => expectNumeric(input, exp));
});

// ---------------------------------------------------------------------------------------------
// Changes from a baseline: "by N points" adds, "by N%" multiplies. Increase/reduce verbs sign the
// amount; "improve" leaves the sign to the row's direction.
// ---------------------------------------------------------------------------------------------
describe("parseTarget: changes from a baseline", () => {
  it.each<[string, NumExp]>([
    ["Improve NPS by 10 pts", change("points", 10, false)],
    ["Boost CSAT by 15 percent", change("percent", 15, true)],
    ["Lower churn by 20%", change("percent", -20, true)],
    ["Cut costs by 10%", change("percent", -10, true)],
    ["Grow MRR by 10% QoQ", change("percent", 10, true)],
    ["Improve on-time delivery by 5%", change("percent", 5, false)],
    ["Improve CSAT by 5 percentage points", change("points", 5, false, "percent")],
    ["Decrease churn by 2 pp", change("points", -2, true)],
    ["Decrease cost per acquisition by $5", change("points", -5, true, "currency")],
    ["Increase revenue by $200K", change("points", 200_000, true, "currency")],
    ["Reduce response time by 2 hours", change("points", -2, true, "hours")],
    ["Increase active users by 5,000 by Q4 2050", change("points", 5000, true, "number")],
  ])("%p", (input, exp) => expectNumeric(input, exp));
});

// ---------------------------------------------------------------------------------------------
// "from A to B": B is the target, A the baseline the wording states, and the way it moves is the direction.
// ---------------------------------------------------------------------------------------------
describe("parseTarget: from A to B", () => {
  it.each<[string, NumExp]>([
    ["from 60 to 70", fromTo(num(60), num(70), ">=", "higher")],
    ["from 60% to 70%", fromTo(pct(60), pct(70), ">=", "higher")],
    ["From 12% to 8%", fromTo(pct(12), pct(8), "<=", "lower")],
    ["Reduce churn from 5% to 3%", fromTo(pct(5), pct(3), "<=", "lower")],
    ["Increase NPS from 30 to 45 by Q4 2050", fromTo(num(30), num(45), ">=", "higher")],
    ["Increase conversion rate from 2.5% to 3.5%", fromTo(pct(2.5), pct(3.5), ">=", "higher")],
  ])("%p", (input, exp) => expectNumeric(input, exp));
});

// ---------------------------------------------------------------------------------------------
// Yes/no style targets: the expected text is kept; "affirmative" says any yes-word will do.
// ---------------------------------------------------------------------------------------------
describe("parseTarget: categorical targets", () => {
  it.each<[string, string, boolean]>([
    ["Approved", "Approved", true],
    ["Complete", "Complete", true],
    ["Yes", "Yes", true],
    ["Done", "Done", true],
    ["Completed.", "Completed", true],
    ["Signed off", "Signed off", true],
    ["Implemented", "Implemented", true],
    ["Live", "Live", true],
    ["✓", "✓", true],
    ["Green", "Green", false],
    ["Amber", "Amber", false],
  ])("%p → expected %p, affirmative %p", (input, expected, affirmative) => {
    expect(parseTarget(input)).toEqual({ ok: true, target: { kind: "categorical", expected, affirmative } });
  });
});

// ---------------------------------------------------------------------------------------------
// Not a target: empty markers say "no target yet"; vague wording says why it was not understood.
// ---------------------------------------------------------------------------------------------
describe("parseTarget: empty targets", () => {
  it.each<[string]>([[""], ["   "], ["TBD"], ["tbd"], ["N/A"], ["n/a"], ["-"], ["—"], ["TBC"]])("%p", (input) => {
    expect(parseTarget(input)).toEqual({ ok: false, empty: true });
  });
});

describe("parseTarget: unreadable targets", () => {
  it.each<[string]>([
    ["make customers happier and more loyal over time"],
    ["Improve customer satisfaction significantly"],
    ["Increase sales"],
    ["Reduce costs where possible"],
    ["5 calls, 10 emails, 3 meetings"],
  ])("%p", (input) => {
    // Not understood, with a reason that says something.
    expect(parseTarget(input)).toMatchObject({ ok: false, empty: false, reason: expect.stringMatching(/\S/) });
  });
});

// ---------------------------------------------------------------------------------------------
// Which way is better: higher by default, lower when the name says so, and a Direction/Polarity
// column value overrides both.
// ---------------------------------------------------------------------------------------------
describe("inferDirection: from the row name", () => {
  it.each<[string, Direction]>([
    ["Response Time", "lower"],
    ["Average resolution time", "lower"],
    ["Time to hire", "lower"],
    ["Cost per Acquisition", "lower"],
    ["Churn Rate", "lower"],
    ["Security incidents", "lower"],
    ["Error rate", "lower"],
    ["Monthly cash burn", "lower"],
    ["Operating expenses", "lower"],
    ["Refund rate", "lower"],
    ["Payment disputes", "lower"],
    ["Budget variance", "lower"],
    ["Reduce onboarding time", "lower"],
    ["Lower ticket backlog", "lower"],
    ["Customer Retention Rate", "higher"],
    ["On-time delivery", "higher"],
    ["Uptime", "higher"],
    ["Revenue", "higher"],
    ["NPS", "higher"],
    ["Customer Lifetime Value", "higher"],
    ["First-time fix rate", "higher"],
    ["Full-time hires", "higher"],
    ["Sales growth", "higher"],
    ["Cost savings achieved", "higher"],
    ["Error-free invoices", "higher"],
    ["Mean time between failures", "higher"],
  ])("%p → %p", (name, direction) => {
    expect(inferDirection(name).direction).toBe(direction);
  });
});

describe("inferDirection: wording next to the name", () => {
  it.each<[string, string, Direction]>([
    ["Support tickets", "Reduce by 20%", "lower"],
    ["Active users", "Increase by 5,000", "higher"],
    ["Customer Retention Rate", "90%", "higher"],
    ["Response Time", "2 hours", "lower"],
  ])("%p with %p → %p", (name, extra, direction) => {
    expect(inferDirection(name, extra).direction).toBe(direction);
  });
});

describe("inferDirection: a Direction/Polarity column overrides the name", () => {
  it.each<[string, string, Direction]>([
    ["Revenue", "Lower is better", "lower"],
    ["Response Time", "higher", "higher"],
    ["Uptime", "↓", "lower"],
    ["Churn Rate", "↑", "higher"],
    ["Churn Rate", "Higher is better", "higher"],
    ["Customer Retention Rate", "Lower", "lower"],
    ["Cost per Acquisition", "Less is better", "lower"],
    ["Security incidents", "up", "higher"],
    ["Revenue", "▼", "lower"],
  ])("%p with polarity %p → %p", (name, polarity, direction) => {
    expect(inferDirection(name, "", polarity)).toEqual({ direction, because: "Direction column" });
  });

  it.each<[string, string, Direction]>([
    ["Churn Rate", "see notes", "lower"],
    ["Uptime", "n/a", "higher"],
  ])("%p with an unreadable polarity %p falls back to the name → %p", (name, polarity, direction) => {
    expect(inferDirection(name, "", polarity).direction).toBe(direction);
  });
});
