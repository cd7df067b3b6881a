// Quantities are read the same way on both sides: unit words after a number, durations, money scales and currencies,
// rates per period, growth qualifiers, counts out of totals, notes in brackets, bare numbers and zero targets.
// Each phrasing is checked for how the target and the actual were read (the parsed quantity) and for the status of a
// one-row table; a mismatch or an ambiguity must also raise a problem with the right code at the right cell.
// Expectations come from the product rules (numbered R1–R12 below), not from what the reader happens to do.
import { type RowResult, type Status, evaluateGrid } from "../../src/engine";
import type { Problem, ProblemCode } from "../../src/engine/problems";
import { type Comparator, parseTarget } from "../../src/engine/targets";
import { type Quantity, readCell } from "../../src/engine/values";
import { type Cell, pct, sheet, workbook } from "../fixtures/builders";

const AS_OF = "2050-10-15";

// ---------------------------------------------------------------------------------------------
// Expected quantities. Durations are in hours, percentages in points, a count out of a total keeps its numerator.
// ---------------------------------------------------------------------------------------------
type Extra = Pick<Quantity, "per" | "growth" | "outOf">;
const count = (value: number, label?: string, extra: Extra = {}): Quantity => ({ value, unit: "number", label, ...extra });
const percent = (value: number, extra: Pick<Quantity, "growth" | "label"> = {}): Quantity => ({ value, unit: "percent", ...extra });
const money = (value: number, currency = "$"): Quantity => ({ value, unit: "currency", currency });
const hours = (h: number): Quantity => ({ value: h, unit: "hours" });
const minutes = (m: number): Quantity => hours(m / 60);
const seconds = (s: number): Quantity => hours(s / 3600);
const millis = (ms: number): Quantity => hours(ms / 3_600_000);
const days = (d: number): Quantity => hours(d * 24);
const weeks = (w: number): Quantity => hours(w * 168);
const months = (m: number): Quantity => hours((m * 365.25 * 24) / 12);
const years = (y: number): Quantity => hours(y * 365.25 * 24);
const outOf = (value: number, total: number, label?: string): Quantity => ({ value, unit: "score", outOf: total, label });
const ratio = (value: number): Quantity => ({ value, unit: "ratio" });
/** Words after a percentage describe it ("95% of tickets"): they are kept, whatever their exact wording. */
const about = (word: string): string => expect.stringContaining(word) as string;

const round = (n: number): number => Math.round(n * 1e9) / 1e9;
/** The parts of a quantity the rules speak of; undefined parts are left out (toEqual ignores them). Case is no part of a unit. */
const shape = (q: Quantity) => ({
  value: round(q.value),
  unit: q.unit,
  currency: q.currency,
  outOf: q.outOf,
  label: typeof q.label === "string" ? q.label.toLowerCase() : q.label,
  per: q.per,
  growth: q.growth,
});

/** How a target must be read: its comparison (undefined for a bare value) and its quantity. */
interface TargetRead {
  readonly comparator: Comparator | undefined;
  readonly q: Quantity;
  /** A zero target: at most 0. */
  readonly zero?: boolean;
  /** "Grow MRR by 10% QoQ": a change whose figure is the growth rate to reach. */
  readonly growBy?: boolean;
}
const atLeast = (q: Quantity): TargetRead => ({ comparator: ">=", q });
const atMost = (q: Quantity): TargetRead => ({ comparator: "<=", q });
const bare = (q: Quantity): TargetRead => ({ comparator: undefined, q });
const nothing = (q: Quantity = count(0)): TargetRead => ({ comparator: "<=", q, zero: true });
const growBy = (q: Quantity): TargetRead => ({ comparator: undefined, q, growBy: true });

/** How an actual must be read: a quantity (and a note set aside), or not at all. */
type ActualRead = { readonly q: Quantity; readonly note?: string } | "unread";
const is = (q: Quantity, note?: string): ActualRead => ({ q, note });
const UNREAD = "unread" as const;

interface Case {
  readonly rule: string;
  readonly name: string;
  readonly target: string | number;
  readonly actual: Cell;
  readonly t: TargetRead;
  readonly a: ActualRead;
  readonly status: Status;
  /** The one error the row must raise: its code, its cell and words its message must hold. */
  readonly problem?: readonly [ProblemCode, "B2" | "C2", ...string[]];
  /** Words the explanation must hold (how a bare side took the other's unit). */
  readonly shows?: readonly string[];
}

const mismatch = (...mentions: string[]) => ["unitMismatch", "C2", ...mentions] as const;
const notANumber = (...mentions: string[]) => ["actualNotANumber", "C2", ...mentions] as const;
const fraction = (...mentions: string[]) => ["targetFractionAmbiguous", "B2", ...mentions] as const;

const k = (
  rule: string,
  name: string,
  target: string | number,
  actual: Cell,
  t: TargetRead,
  a: ActualRead,
  status: Status,
  more: Pick<Case, "problem" | "shows"> = {},
): Case => ({ rule, name, target, actual, t, a, status, ...more });

// ---------------------------------------------------------------------------------------------
// The phrasings.
// ---------------------------------------------------------------------------------------------
const CASES: readonly Case[] = [
  // R1. A unit word after a number is part of the quantity on both sides; counts compare when they count the same thing.
  k("R1", "Tickets closed", "≥ 20 tickets", "19 tickets", atLeast(count(20, "tickets")), is(count(19, "tickets")), "At Risk"),
  k("R1", "Tickets closed", "≥ 20 tickets", "25 tickets", atLeast(count(20, "tickets")), is(count(25, "tickets")), "Met"),
  k("R1", "Tickets closed", "≥ 20 tickets", "12 tickets", atLeast(count(20, "tickets")), is(count(12, "tickets")), "Off Track"),
  k("R1", "Tickets closed", "≥ 20 tickets", "17 Tickets", atLeast(count(20, "tickets")), is(count(17, "Tickets")), "Off Track"),
  k("R1", "Units shipped", "250 units", "260 units", bare(count(250, "units")), is(count(260, "units")), "Met"),
  k("R1", "Units shipped", "≥ 250 units", "240 units", atLeast(count(250, "units")), is(count(240, "units")), "At Risk"),
  k("R1", "Training sessions", "≥ 12 reps", "9 reps", atLeast(count(12, "reps")), is(count(9, "reps")), "Off Track"),
  k("R1", "Carbon output", "≤ 6.2 t", "5.9 t", atMost(count(6.2, "t")), is(count(5.9, "t")), "Met"),
  k("R1", "Carbon output", "≤ 6.2 t", "6.6 t", atMost(count(6.2, "t")), is(count(6.6, "t")), "At Risk"),
  k(
    "R1",
    "Customer acquisition",
    "≥ 50 customers",
    "47 new customers",
    atLeast(count(50, "customers")),
    is(count(47, "new customers")),
    "At Risk",
  ),
  k(
    "R1",
    "Customer acquisition",
    "≥ 50 new customers",
    "52 customers",
    atLeast(count(50, "new customers")),
    is(count(52, "customers")),
    "Met",
  ),
  k(
    "R1",
    "Customer acquisition",
    "≥ 40 net new customers",
    "30 customers",
    atLeast(count(40, "net new customers")),
    is(count(30, "customers")),
    "Off Track",
  ),
  k("R1", "Orders", "≥ 100 total orders", "96 orders", atLeast(count(100, about("orders"))), is(count(96, "orders")), "At Risk"),
  k("R1", "Store openings", "≥ 4 stores", "1 store", atLeast(count(4, "stores")), is(count(1, "store")), "Off Track"),
  k("R1", "Deliveries", "≥ 3 deliveries", "1 delivery", atLeast(count(3, "deliveries")), is(count(1, "delivery")), "Off Track"),
  k("R1", "Quality", "≤ 5 defects", "3 defects", atMost(count(5, "defects")), is(count(3, "defects")), "Met"),
  k(
    "R1",
    "App downloads",
    "≥ 500 downloads",
    "520 app downloads",
    atLeast(count(500, "downloads")),
    is(count(520, "app downloads")),
    "Met",
  ),
  k("R1", "Demos", "≥ 15 demos booked", "14 demos", atLeast(count(15, "demos booked")), is(count(14, "demos")), "At Risk"),
  k("R1", "User base", "≥ 1,000 users", "1,050 active users", atLeast(count(1000, "users")), is(count(1050, "active users")), "Met"),
  k("R1", "Clinic throughput", "≥ 60 patients seen", "66 patients", atLeast(count(60, "patients seen")), is(count(66, "patients")), "Met"),
  k("R1", "Energy use", "≤ 400 kWh", "380 kWh", atMost(count(400, "kWh")), is(count(380, "kWh")), "Met"),
  k("R1", "Tickets closed", 20, "19 tickets", bare(count(20)), is(count(19, "tickets")), "At Risk", { shows: ["20 tickets"] }),
  k("R1", "Tickets closed", "20", "26 tickets", bare(count(20)), is(count(26, "tickets")), "Met", { shows: ["20 tickets"] }),
  k("R1", "Tickets closed", "≥ 20 tickets", 19, atLeast(count(20, "tickets")), is(count(19)), "At Risk", { shows: ["19 tickets"] }),
  k("R1", "Tickets closed", "≥ 30 tickets", "35", atLeast(count(30, "tickets")), is(count(35)), "Met", { shows: ["35 tickets"] }),
  k("R1", "Support volume", "≥ 20 calls", "18 tickets", atLeast(count(20, "calls")), is(count(18, "tickets")), "No Data", {
    problem: mismatch("tickets", "calls"),
  }),
  k("R1", "Hiring", "≥ 10 hires", "12 leavers", atLeast(count(10, "hires")), is(count(12, "leavers")), "No Data", {
    problem: mismatch("hires", "leavers"),
  }),
  k("R1", "Quality", "≤ 5 defects", "4 bugs", atMost(count(5, "defects")), is(count(4, "bugs")), "No Data", {
    problem: mismatch("defects", "bugs"),
  }),
  k("R1", "Pipeline", "≥ 200 leads", "150 MQLs", atLeast(count(200, "leads")), is(count(150, "MQLs")), "No Data", {
    problem: mismatch("leads", "MQLs"),
  }),

  // R2. A count or a rate of things is no percentage, money amount, duration or ratio.
  k("R2", "Ticket SLA", "≥ 95%", "18 tickets", atLeast(percent(95)), is(count(18, "tickets")), "No Data", {
    problem: mismatch("18 tickets"),
  }),
  k("R2", "Ticket SLA", "≥ 95%", "3 days", atLeast(percent(95)), is(days(3)), "No Data", { problem: mismatch("3 days") }),
  k("R2", "Sales", "≥ $50K", "40 deals", atLeast(money(50_000)), is(count(40, "deals")), "No Data", { problem: mismatch("40 deals") }),
  k("R2", "Response time", "≤ 4 hours", "3 tickets", atMost(hours(4)), is(count(3, "tickets")), "No Data", {
    problem: mismatch("3 tickets"),
  }),
  k("R2", "Pipeline coverage", "≥ 3:1", "4 customers", atLeast(ratio(3)), is(count(4, "customers")), "No Data", {
    problem: mismatch("4 customers"),
  }),
  k("R2", "Adoption", "≥ 90%", "3 per week", atLeast(percent(90)), is(count(3, undefined, { per: "week" })), "No Data", {
    problem: mismatch("3 per week"),
  }),
  k("R2", "Tickets closed", "≥ 50 tickets", "95%", atLeast(count(50, "tickets")), is(percent(95)), "No Data", { problem: mismatch("95%") }),
  k("R2", "Lead time", "≤ 2 days", "5 incidents", atMost(days(2)), is(count(5, "incidents")), "No Data", {
    problem: mismatch("5 incidents"),
  }),
  k("R2", "Revenue", "≥ $1M", "12 per month", atLeast(money(1_000_000)), is(count(12, undefined, { per: "month" })), "No Data", {
    problem: mismatch("12 per month"),
  }),
  k("R2", "Demo cadence", "≥ 10 per week", "$12K", atLeast(count(10, undefined, { per: "week" })), is(money(12_000)), "No Data", {
    problem: mismatch("$12K"),
  }),
  k("R2", "Outages", "≤ 5 incidents/year", "2 hours", atMost(count(5, "incidents", { per: "year" })), is(hours(2)), "No Data", {
    problem: mismatch("2 hours"),
  }),
  k("R2", "Audit coverage", "≥ 80%", "12 audits", atLeast(percent(80)), is(count(12, "audits")), "No Data", {
    problem: mismatch("12 audits"),
  }),

  // R3. Time units convert (ms, s, min, h, days, weeks, months, years); money scales K, M, B; currencies must agree.
  k("R3", "Response time", "≤ 4 hours", "210 min", atMost(hours(4)), is(minutes(210)), "Met"),
  k("R3", "Onboarding period", "≥ 30 days", "3 weeks", atLeast(days(30)), is(weeks(3)), "Off Track"),
  k("R3", "Page load", "≤ 200 ms", "0.25 s", atMost(millis(200)), is(seconds(0.25)), "Off Track"),
  k("R3", "Page load", "≤ 200 ms", "190 ms", atMost(millis(200)), is(millis(190)), "Met"),
  k("R3", "API latency", "≤ 2 s", "2100 ms", atMost(seconds(2)), is(millis(2100)), "At Risk"),
  k("R3", "Handling time", "≤ 1 h", "45 min", atMost(hours(1)), is(minutes(45)), "Met"),
  k("R3", "Handling time", "≤ 30 min", "0.52 h", atMost(minutes(30)), is(hours(0.52)), "At Risk"),
  k("R3", "Cycle time", "≤ 2 weeks", "16 days", atMost(weeks(2)), is(days(16)), "Off Track"),
  k("R3", "Payback period", "≤ 3 months", "95 days", atMost(months(3)), is(days(95)), "At Risk"),
  k("R3", "Payback period", "≤ 1 year", "10 months", atMost(years(1)), is(months(10)), "Met"),
  k("R3", "Contract length", "≥ 2 years", "20 months", atLeast(years(2)), is(months(20)), "Off Track"),
  k("R3", "Resolution time", "≤ 48 hours", "2.5 days", atMost(hours(48)), is(days(2.5)), "Off Track"),
  k("R3", "Resolution time", "≤ 5 days", "100 hours", atMost(days(5)), is(hours(100)), "Met"),
  k("R3", "Answer time", "≤ 90 s", "1.6 min", atMost(seconds(90)), is(minutes(1.6)), "At Risk"),
  k("R3", "Response time", "≤ 4 hours", 3, atMost(hours(4)), is(count(3)), "Met", { shows: ["3 h"] }),
  k("R3", "Revenue", "≥ $1.2M", "$1,150K", atLeast(money(1_200_000)), is(money(1_150_000)), "At Risk"),
  k("R3", "Revenue", "≥ $500K", "$0.6M", atLeast(money(500_000)), is(money(600_000)), "Met"),
  k("R3", "Bookings", "≥ $2B", "$1.5B", atLeast(money(2e9)), is(money(1.5e9)), "Off Track"),
  k("R3", "UK revenue", "≥ £1m", "£1.1m", atLeast(money(1_000_000, "£")), is(money(1_100_000, "£")), "Met"),
  k("R3", "UK revenue", "≥ £1.2m", "£1.1m", atLeast(money(1_200_000, "£")), is(money(1_100_000, "£")), "At Risk"),
  k("R3", "Revenue", "≥ $750K", "$800,000", atLeast(money(750_000)), is(money(800_000)), "Met"),
  k("R3", "Revenue", "≥ $1M", { v: 1_100_000, f: "$#,##0" }, atLeast(money(1_000_000)), is(money(1_100_000)), "Met"),
  k("R3", "Deal size", "≥ $5K", "4,800", atLeast(money(5000)), is(count(4800)), "At Risk"),
  k("R3", "Revenue", "≥ $1M", "£1.1m", atLeast(money(1_000_000)), is(money(1_100_000, "£")), "No Data", { problem: mismatch("£1.1m") }),
  k("R3", "EU spend", "≤ €50K", "$45K", atMost(money(50_000, "€")), is(money(45_000)), "No Data", { problem: mismatch("$45K") }),
  k("R3", "Revenue", "≥ $1M", { v: 1_100_000, f: '"£"#,##0' }, atLeast(money(1_000_000)), is(money(1_100_000, "£")), "No Data", {
    problem: mismatch(),
  }),

  // R4. Rates per period; rates over different periods convert by days; one side without a period compares as is.
  k(
    "R4",
    "Leads",
    "≥ 200/month",
    "52/week",
    atLeast(count(200, undefined, { per: "month" })),
    is(count(52, undefined, { per: "week" })),
    "Met",
  ),
  k(
    "R4",
    "Posts",
    "≥ 3 per week",
    "2 per week",
    atLeast(count(3, undefined, { per: "week" })),
    is(count(2, undefined, { per: "week" })),
    "Off Track",
  ),
  k(
    "R4",
    "Signups",
    "≥ 50/month",
    "48/month",
    atLeast(count(50, undefined, { per: "month" })),
    is(count(48, undefined, { per: "month" })),
    "At Risk",
  ),
  k(
    "R4",
    "Site visits",
    "≥ 2 a day",
    "13 per week",
    atLeast(count(2, undefined, { per: "day" })),
    is(count(13, undefined, { per: "week" })),
    "At Risk",
  ),
  k(
    "R4",
    "Releases",
    "≥ 10 weekly",
    "40 per month",
    atLeast(count(10, undefined, { per: "week" })),
    is(count(40, undefined, { per: "month" })),
    "At Risk",
  ),
  k(
    "R4",
    "Board reports",
    "≥ 10 p.a.",
    "1 per month",
    atLeast(count(10, undefined, { per: "year" })),
    is(count(1, undefined, { per: "month" })),
    "Met",
  ),
  k(
    "R4",
    "Safety",
    "≤ 6 incidents/year",
    "1 incident per quarter",
    atMost(count(6, "incidents", { per: "year" })),
    is(count(1, "incident", { per: "quarter" })),
    "Met",
  ),
  k(
    "R4",
    "Safety",
    "≤ 6 incidents/year",
    "2 incidents per quarter",
    atMost(count(6, "incidents", { per: "year" })),
    is(count(2, "incidents", { per: "quarter" })),
    "Off Track",
  ),
  k(
    "R4",
    "Orders",
    "≥ 1,000 per quarter",
    "310/month",
    atLeast(count(1000, undefined, { per: "quarter" })),
    is(count(310, undefined, { per: "month" })),
    "At Risk",
  ),
  k(
    "R4",
    "Deployments",
    "≥ 5/day",
    "30/week",
    atLeast(count(5, undefined, { per: "day" })),
    is(count(30, undefined, { per: "week" })),
    "Off Track",
  ),
  k(
    "R4",
    "Sales calls",
    "≥ 12 calls per day",
    "70 calls per week",
    atLeast(count(12, "calls", { per: "day" })),
    is(count(70, "calls", { per: "week" })),
    "Off Track",
  ),
  k(
    "R4",
    "Sales calls",
    "≥ 60 calls per week",
    "11 calls a day",
    atLeast(count(60, "calls", { per: "week" })),
    is(count(11, "calls", { per: "day" })),
    "Met",
  ),
  k(
    "R4",
    "Outages",
    "≤ 2 outages per month",
    "20 outages annually",
    atMost(count(2, "outages", { per: "month" })),
    is(count(20, "outages", { per: "year" })),
    "Met",
  ),
  k(
    "R4",
    "Leads",
    "≥ 200/month",
    "2,600 yearly",
    atLeast(count(200, undefined, { per: "month" })),
    is(count(2600, undefined, { per: "year" })),
    "Met",
  ),
  k("R4", "Leads", "≥ 100 monthly", "110", atLeast(count(100, undefined, { per: "month" })), is(count(110)), "Met"),
  k(
    "R4",
    "Tickets closed",
    "≥ 20 tickets per week",
    "19 tickets",
    atLeast(count(20, "tickets", { per: "week" })),
    is(count(19, "tickets")),
    "At Risk",
  ),
  k("R4", "Posts", "≥ 25", "20 per week", atLeast(count(25)), is(count(20, undefined, { per: "week" })), "Off Track"),
  k(
    "R4",
    "Outreach",
    "≥ 40 calls per week",
    "30 emails per week",
    atLeast(count(40, "calls", { per: "week" })),
    is(count(30, "emails", { per: "week" })),
    "No Data",
    {
      problem: mismatch("emails", "calls"),
    },
  ),

  // R5. Growth qualifiers: two different specific ones do not compare; generic "growth" agrees with any; absent is fine.
  k("R5", "Revenue growth", "≥ 8% YoY", "7% MoM", atLeast(percent(8, { growth: "yoy" })), is(percent(7, { growth: "mom" })), "No Data", {
    problem: mismatch("7% MoM"),
  }),
  k("R5", "Revenue growth", "≥ 8% YoY", "7% QoQ", atLeast(percent(8, { growth: "yoy" })), is(percent(7, { growth: "qoq" })), "No Data", {
    problem: mismatch("7% QoQ"),
  }),
  k("R5", "Traffic growth", "≥ 2% WoW", "3% QoQ", atLeast(percent(2, { growth: "wow" })), is(percent(3, { growth: "qoq" })), "No Data", {
    problem: mismatch("3% QoQ"),
  }),
  k("R5", "Revenue growth", "≥ 8% YoY", "9% YoY", atLeast(percent(8, { growth: "yoy" })), is(percent(9, { growth: "yoy" })), "Met"),
  k("R5", "Revenue growth", "≥ 8% YoY", "7.5% y/y", atLeast(percent(8, { growth: "yoy" })), is(percent(7.5, { growth: "yoy" })), "At Risk"),
  k(
    "R5",
    "Revenue growth",
    "≥ 10% year-over-year",
    "6% YoY",
    atLeast(percent(10, { growth: "yoy" })),
    is(percent(6, { growth: "yoy" })),
    "Off Track",
  ),
  k(
    "R5",
    "Revenue growth",
    "≥ 15% y/y",
    "16% year over year",
    atLeast(percent(15, { growth: "yoy" })),
    is(percent(16, { growth: "yoy" })),
    "Met",
  ),
  k("R5", "MRR growth", "≥ 5% QoQ", "6% growth", atLeast(percent(5, { growth: "qoq" })), is(percent(6, { growth: "growth" })), "Met"),
  k(
    "R5",
    "MRR growth",
    "≥ 5% growth",
    "4.8% QoQ",
    atLeast(percent(5, { growth: "growth" })),
    is(percent(4.8, { growth: "qoq" })),
    "At Risk",
  ),
  k(
    "R5",
    "Revenue growth",
    "≥ 20% growth",
    "25% YoY growth",
    atLeast(percent(20, { growth: "growth" })),
    is(percent(25, { growth: "yoy" })),
    "Met",
  ),
  k("R5", "User growth", "≥ 3% MoM", "3.5%", atLeast(percent(3, { growth: "mom" })), is(percent(3.5)), "Met"),
  k("R5", "User growth", "≥ 3%", "2% MoM", atLeast(percent(3)), is(percent(2, { growth: "mom" })), "Off Track"),
  k("R5", "User growth", "≥ 4% MoM", "4.2% m/m", atLeast(percent(4, { growth: "mom" })), is(percent(4.2, { growth: "mom" })), "Met"),
  k("R5", "Traffic growth", "≥ 2% WoW", "1.9% WoW", atLeast(percent(2, { growth: "wow" })), is(percent(1.9, { growth: "wow" })), "At Risk"),
  k("R5", "MRR", "Grow MRR by 10% QoQ", "11%", growBy(percent(10, { growth: "qoq" })), is(percent(11)), "Met"),
  k("R5", "MRR", "Grow MRR by 10% QoQ", "9.5%", growBy(percent(10, { growth: "qoq" })), is(percent(9.5)), "At Risk"),
  k("R5", "MRR", "Grow MRR by 10% QoQ", "6% QoQ", growBy(percent(10, { growth: "qoq" })), is(percent(6, { growth: "qoq" })), "Off Track"),
  k("R5", "MRR", "Grow MRR by 10% QoQ", pct(0.12), growBy(percent(10, { growth: "qoq" })), is(percent(12)), "Met"),
  k("R5", "MRR", "Grow MRR by 10% QoQ", "12% YoY", growBy(percent(10, { growth: "qoq" })), is(percent(12, { growth: "yoy" })), "No Data", {
    problem: mismatch("12% YoY"),
  }),

  // R6. Counts out of totals: a share against a percentage, the count against a count, scaled against another total.
  k("R6", "Sites live", "≥ 80%", "4/5", atLeast(percent(80)), is(outOf(4, 5)), "Met"),
  k("R6", "Sites live", "≥ 75%", "4/5", atLeast(percent(75)), is(outOf(4, 5)), "Met"),
  k("R6", "Audits passed", "≥ 90%", "17 of 20", atLeast(percent(90)), is(outOf(17, 20)), "At Risk"),
  k("R6", "Audits passed", "≥ 90%", "19 out of 20", atLeast(percent(90)), is(outOf(19, 20)), "Met"),
  k("R6", "Sites live", "≥ 80%", "7 of 10 sites", atLeast(percent(80)), is(outOf(7, 10, "sites")), "Off Track"),
  k("R6", "Lead conversion", "≥ 35%", "450 of 1,200 leads", atLeast(percent(35)), is(outOf(450, 1200, "leads")), "Met"),
  k("R6", "Churn", "≤ 30%", "1 in 4", atMost(percent(30)), is(outOf(1, 4)), "Met"),
  k("R6", "Win rate", "≥ 30%", "1 in 4", atLeast(percent(30)), is(outOf(1, 4)), "Off Track"),
  k("R6", "Sites live", "≥ 4 sites", "4/5 sites", atLeast(count(4, "sites")), is(outOf(4, 5, "sites")), "Met"),
  k("R6", "Sites live", "≥ 5 sites", "3/5 sites", atLeast(count(5, "sites")), is(outOf(3, 5, "sites")), "Off Track"),
  k("R6", "Sites live", "≥ 6 sites", "5/8 sites", atLeast(count(6, "sites")), is(outOf(5, 8, "sites")), "Off Track"),
  k("R6", "Lead conversion", "≥ 480 leads", "450 of 1,200 leads", atLeast(count(480, "leads")), is(outOf(450, 1200, "leads")), "At Risk"),
  k("R6", "Audits passed", "5 of 5", "3 of 5", bare(outOf(5, 5)), is(outOf(3, 5)), "Off Track"),
  k("R6", "Audits passed", "≥ 4 of 5 sites", "3 of 5 sites", atLeast(outOf(4, 5, "sites")), is(outOf(3, 5, "sites")), "Off Track"),
  k("R6", "Coverage", "≥ 3 of 4", "7 of 8", atLeast(outOf(3, 4)), is(outOf(7, 8)), "Met"),
  k("R6", "Customer rating", "≥ 8/10", "3.7/5.0", atLeast(outOf(8, 10)), is(outOf(3.7, 5)), "At Risk"),
  k("R6", "Customer rating", "≥ 4.0/5", "3.7/5.0", atLeast(outOf(4, 5)), is(outOf(3.7, 5)), "At Risk"),
  k("R6", "Customer rating", "≥ 9/10", "4/5", atLeast(outOf(9, 10)), is(outOf(4, 5)), "Off Track"),

  // R7. Words after a percentage describe it and need not agree.
  k("R7", "Ticket SLA", "≥ 95% of tickets", "93%", atLeast(percent(95, { label: about("tickets") })), is(percent(93)), "At Risk"),
  k("R7", "Ticket SLA", "≥ 95% of tickets", pct(0.97), atLeast(percent(95, { label: about("tickets") })), is(percent(97)), "Met"),
  k("R7", "Ticket SLA", "≥ 95%", "96% of tickets", atLeast(percent(95)), is(percent(96, { label: about("tickets") })), "Met"),
  k(
    "R7",
    "Revenue share",
    "≥ 20% of total",
    "19% of revenue",
    atLeast(percent(20, { label: about("total") })),
    is(percent(19, { label: about("revenue") })),
    "At Risk",
  ),
  k(
    "R7",
    "Returns",
    "≤ 5% of orders",
    "4% of shipments",
    atMost(percent(5, { label: about("orders") })),
    is(percent(4, { label: about("shipments") })),
    "Met",
  ),
  k(
    "R7",
    "Answer rate",
    "≥ 90% of calls answered",
    "80% of calls",
    atLeast(percent(90, { label: about("calls") })),
    is(percent(80, { label: about("calls") })),
    "Off Track",
  ),
  k(
    "R7",
    "Engagement",
    "≥ 60% of staff",
    "58% of employees",
    atLeast(percent(60, { label: about("staff") })),
    is(percent(58, { label: about("employees") })),
    "At Risk",
  ),

  // R8. A note in brackets after the actual is set aside, unless it gives another value of the same kind.
  k("R8", "Safety", "≤ 2 incidents", "1 incident (minor)", atMost(count(2, "incidents")), is(count(1, "incident"), "minor"), "Met"),
  k("R8", "Safety", "0", "0 incidents (2 years running)", nothing(), is(count(0, "incidents"), "2 years running"), "Met"),
  k("R8", "Rollout", "≥ 55%", "3/5 (60%)", atLeast(percent(55)), is(outOf(3, 5), "60%"), "Met"),
  k("R8", "Sites live", "≥ 75%", "4/5 (80%)", atLeast(percent(75)), is(outOf(4, 5), "80%"), "Met"),
  k("R8", "CSAT", "≥ 90%", "92% (Q3)", atLeast(percent(90)), is(percent(92), "Q3"), "Met"),
  k("R8", "Response time", "≤ 4 hours", "3.5 hours (avg)", atMost(hours(4)), is(hours(3.5), "avg"), "Met"),
  k("R8", "Revenue", "≥ $1M", "$1.1M (est.)", atLeast(money(1_000_000)), is(money(1_100_000), "est."), "Met"),
  k("R8", "Lead time", "≤ 3 days", "2 days (weekend excluded)", atMost(days(3)), is(days(2), "weekend excluded"), "Met"),
  k(
    "R8",
    "Customer acquisition",
    "≥ 50 customers",
    "55 new customers (record)",
    atLeast(count(50, "customers")),
    is(count(55, "new customers"), "record"),
    "Met",
  ),
  k("R8", "CSAT", "≥ 90%", "85% (90% last month)", atLeast(percent(90)), UNREAD, "No Data", {
    problem: notANumber("85% (90% last month)"),
  }),
  k("R8", "Response time", "≤ 4 hours", "3.5 hours (5 hours last month)", atMost(hours(4)), UNREAD, "No Data", {
    problem: notANumber("3.5 hours (5 hours last month)"),
  }),
  k("R8", "Revenue", "≥ $1M", "$1.1M ($900K last year)", atLeast(money(1_000_000)), UNREAD, "No Data", {
    problem: notANumber("$1.1M ($900K last year)"),
  }),
  k("R8", "Error rate", "≤ 5%", "3% (2% last month)", atMost(percent(5)), UNREAD, "No Data", { problem: notANumber("3% (2% last month)") }),

  // R9. A bare target takes the actual's unit; a bare fraction against a typed "85%" is ambiguous, against a
  // percent-formatted cell it is on the same scale.
  k("R9", "Resolution time", "4", "3.5 days", bare(count(4)), is(days(3.5)), "Met", { shows: ["4 days"] }),
  k("R9", "Resolution time", "4", "5 days", bare(count(4)), is(days(5)), "Off Track", { shows: ["4 days"] }),
  k("R9", "Response time", 4, "3 hours", bare(count(4)), is(hours(3)), "Met"),
  k("R9", "Lead time", "10", "2 weeks", bare(count(10)), is(weeks(2)), "Met", { shows: ["10 weeks"] }),
  k("R9", "Customer satisfaction", "90", "85%", bare(count(90)), is(percent(85)), "At Risk", { shows: ["90%"] }),
  k("R9", "Customer satisfaction", 90, "92%", bare(count(90)), is(percent(92)), "Met", { shows: ["90%"] }),
  k("R9", "Customer satisfaction", "90", pct(0.85), bare(count(90)), is(percent(85)), "At Risk", { shows: ["90%"] }),
  k("R9", "Uptime", "99.9", "99.95%", bare(count(99.9)), is(percent(99.95)), "Met"),
  k("R9", "Uptime", 99.9, "98%", bare(count(99.9)), is(percent(98)), "At Risk"),
  k("R9", "Customer rating", "4.5", "4.2/5", bare(count(4.5)), is(outOf(4.2, 5)), "At Risk", { shows: ["4.5/5"] }),
  k("R9", "Deals closed", "20", "22 deals", bare(count(20)), is(count(22, "deals")), "Met", { shows: ["20 deals"] }),
  k("R9", "Revenue", 250_000, "$240K", bare(count(250_000)), is(money(240_000)), "At Risk"),
  k("R9", "Revenue", "1000000", "$1.1M", bare(count(1_000_000)), is(money(1_100_000)), "Met"),
  k("R9", "Customer satisfaction", 0.9, "85%", bare(count(0.9)), is(percent(85)), "Needs Target", { problem: fraction("0.9", "85%") }),
  k("R9", "Customer satisfaction", 0.9, "92%", bare(count(0.9)), is(percent(92)), "Needs Target", { problem: fraction("0.9", "92%") }),
  k("R9", "Customer satisfaction", "0.95", "97%", bare(count(0.95)), is(percent(97)), "Needs Target", { problem: fraction("0.95", "97%") }),
  k("R9", "Conversion", 0.05, "4.5%", bare(count(0.05)), is(percent(4.5)), "Needs Target", { problem: fraction("0.05", "4.5%") }),
  k("R9", "Customer satisfaction", 0.9, pct(0.85), bare(count(0.9)), is(percent(85)), "At Risk", { shows: ["90%"] }),
  k("R9", "Customer satisfaction", 0.9, pct(0.95), bare(count(0.9)), is(percent(95)), "Met"),
  k("R9", "Customer satisfaction", 0.9, pct(0.7), bare(count(0.9)), is(percent(70)), "Off Track"),
  k("R9", "Customer satisfaction", "0.95", pct(0.9), bare(count(0.95)), is(percent(90)), "At Risk", { shows: ["95%"] }),
  k("R9", "Conversion", 0.05, pct(0.046), bare(count(0.05)), is(percent(4.6)), "At Risk", { shows: ["5%"] }),

  // R10. "None", "nil", "zero" as an actual are 0.
  k("R10", "Incidents", "≤ 2 incidents", "None", atMost(count(2, "incidents")), is(count(0)), "Met"),
  k("R10", "Complaints", "≤ 5", "nil", atMost(count(5)), is(count(0)), "Met"),
  k("R10", "Hiring", "≥ 3 hires", "zero", atLeast(count(3, "hires")), is(count(0)), "Off Track"),
  k("R10", "Referrals", "≥ 10", "None", atLeast(count(10)), is(count(0)), "Off Track"),
  k("R10", "Downtime", "≤ 2 hours", "Zero", atMost(hours(2)), is(count(0)), "Met"),
  k("R10", "Audit findings", "0", "none", nothing(), is(count(0)), "Met"),

  // R11. Words that relate the number to something else make the actual unreadable.
  k("R11", "Delivery", "≤ 2 days", "3 days late", atMost(days(2)), UNREAD, "No Data", { problem: notANumber("3 days late") }),
  k("R11", "Growth", "≥ 10%", "5% up", atLeast(percent(10)), UNREAD, "No Data", { problem: notANumber("5% up") }),
  k("R11", "Projects", "≥ 20", "2 behind", atLeast(count(20)), UNREAD, "No Data", { problem: notANumber("2 behind") }),
  k("R11", "CSAT", "≥ 90%", "5% below target", atLeast(percent(90)), UNREAD, "No Data", { problem: notANumber("5% below target") }),
  k("R11", "Revenue", "≥ $1M", "$50K short", atLeast(money(1_000_000)), UNREAD, "No Data", { problem: notANumber("$50K short") }),
  k("R11", "Delivery", "≤ 3 days", "1 day early", atMost(days(3)), UNREAD, "No Data", { problem: notANumber("1 day early") }),
  k("R11", "Tickets closed", "≥ 20 tickets", "2 tickets ahead", atLeast(count(20, "tickets")), UNREAD, "No Data", {
    problem: notANumber("2 tickets ahead"),
  }),
  k("R11", "NPS", "≥ 50%", "3 points down", atLeast(percent(50)), UNREAD, "No Data", { problem: notANumber("3 points down") }),
  k("R11", "Units shipped", "≥ 100 units", "10 units over plan", atLeast(count(100, "units")), UNREAD, "No Data", {
    problem: notANumber("10 units over plan"),
  }),
  k("R11", "Response time", "≤ 4 hours", "2 hours overdue", atMost(hours(4)), UNREAD, "No Data", {
    problem: notANumber("2 hours overdue"),
  }),

  // R12. Zero targets are at most 0; anything above is Off Track.
  k("R12", "Lost-time incidents", "0", "1 incident", nothing(), is(count(1, "incident")), "Off Track"),
  k("R12", "Lost-time incidents", "none", "0 incidents", nothing(), is(count(0, "incidents")), "Met"),
  k("R12", "Release quality", "0 defects", "2 defects", nothing(count(0, "defects")), is(count(2, "defects")), "Off Track"),
  k("R12", "Release quality", "0 defects", "None", nothing(count(0, "defects")), is(count(0)), "Met"),
  k("R12", "Workplace safety", "no incidents", "0", nothing(count(0, "incidents")), is(count(0)), "Met"),
  k(
    "R12",
    "Workplace safety",
    "no incidents",
    "1 incident (minor)",
    nothing(count(0, "incidents")),
    is(count(1, "incident"), "minor"),
    "Off Track",
  ),
  k("R12", "Data breaches", "zero", "0.5", nothing(), is(count(0.5)), "Off Track"),
  k("R12", "Unplanned downtime", "0 hours", "30 min", nothing(hours(0)), is(minutes(30)), "Off Track"),
  k("R12", "Audit findings", "none", "2 findings", nothing(), is(count(2, "findings")), "Off Track"),
  k("R12", "Payroll errors", 0, "3 errors", nothing(), is(count(3, "errors")), "Off Track"),

  // More phrasings of each rule: other spellings, plurals, qualifiers, periods, currencies and scales.
  // R1
  k("R1", "Branch openings", "≥ 3 branches", "1 branch", atLeast(count(3, "branches")), is(count(1, "branch")), "Off Track"),
  k("R1", "Packing", "≥ 12 boxes", "1 box", atLeast(count(12, "boxes")), is(count(1, "box")), "Off Track"),
  k("R1", "Code review", "≥ 3 PRs", "1 PR", atLeast(count(3, "PRs")), is(count(1, "PR")), "Off Track"),
  k("R1", "Campaigns", "≥ 5 ads", "1 ad", atLeast(count(5, "ads")), is(count(1, "ad")), "Off Track"),
  k("R1", "Kits shipped", "≥ 4 kits", "1 kit", atLeast(count(4, "kits")), is(count(1, "kit")), "Off Track"),
  k(
    "R1",
    "Enterprise sales",
    "≥ 50 new paying enterprise customers",
    "48 customers",
    atLeast(count(50, "new paying enterprise customers")),
    is(count(48, "customers")),
    "At Risk",
  ),
  k(
    "R1",
    "Sales pilots",
    "≥ 12 proofs of concept",
    "11 proofs of concept",
    atLeast(count(12, "proofs of concept")),
    is(count(11, "proofs of concept")),
    "At Risk",
  ),
  k("R1", "Tickets closed", "20 tickets or more", "19 tickets", atLeast(count(20, "tickets")), is(count(19, "tickets")), "At Risk"),
  k("R1", "Tickets closed", "≥ 20 tickets", "~19 tickets", atLeast(count(20, "tickets")), is(count(19, "tickets")), "At Risk"),
  k(
    "R1",
    "Customer acquisition",
    "at least 45 new customers",
    "43 customers",
    atLeast(count(45, "new customers")),
    is(count(43, "customers")),
    "At Risk",
  ),
  k("R1", "Quality", "up to 5 defects", "6 defects", atMost(count(5, "defects")), is(count(6, "defects")), "Off Track"),
  k("R1", "Site visits", "≥ 4 site visits", "3 visits", atLeast(count(4, "site visits")), is(count(3, "visits")), "Off Track"),
  k(
    "R1",
    "Patient falls",
    "≤ 2.5 falls per 1,000 bed days",
    "3 falls per 1,000 bed days",
    atMost(count(2.5, "falls per 1,000 bed days")),
    is(count(3, "falls per 1,000 bed days")),
    "Off Track",
  ),
  k(
    "R1",
    "Complaints",
    "≤ 2 complaints per 1,000 orders",
    "1.5 complaints per 1,000 orders",
    atMost(count(2, "complaints per 1,000 orders")),
    is(count(1.5, "complaints per 1,000 orders")),
    "Met",
  ),
  // R2
  k("R2", "Tickets closed", "≥ 20 tickets", "$19", atLeast(count(20, "tickets")), is(money(19)), "No Data", { problem: mismatch("$19") }),
  k("R2", "Tickets closed", "≥ 20 tickets", "19 hours", atLeast(count(20, "tickets")), is(hours(19)), "No Data", {
    problem: mismatch("19 hours"),
  }),
  k(
    "R2",
    "Ticket SLA",
    "≥ 95% of tickets",
    "18 tickets",
    atLeast(percent(95, { label: about("tickets") })),
    is(count(18, "tickets")),
    "No Data",
    {
      problem: mismatch("18 tickets"),
    },
  ),
  k("R2", "Posts", "≥ 3 per week", "60%", atLeast(count(3, undefined, { per: "week" })), is(percent(60)), "No Data", {
    problem: mismatch("60%"),
  }),
  k("R2", "Pipeline coverage", "≥ 3:1", "4 per month", atLeast(ratio(3)), is(count(4, undefined, { per: "month" })), "No Data", {
    problem: mismatch("4 per month"),
  }),
  // R3
  k("R3", "Handling time", "≤ 1.5 hrs", "95 minutes", atMost(hours(1.5)), is(minutes(95)), "At Risk"),
  k("R3", "Page load", "≤ 250ms", "0.3s", atMost(millis(250)), is(seconds(0.3)), "Off Track"),
  k("R3", "Payback period", "≤ 6 mths", "190 days", atMost(months(6)), is(days(190)), "At Risk"),
  k("R3", "Customer tenure", "≥ 1 yr", "14 months", atLeast(years(1)), is(months(14)), "Met"),
  k("R3", "Contract length", "≤ 2 yrs", "30 months", atMost(years(2)), is(months(30)), "Off Track"),
  k("R3", "Cycle time", "≤ 1 week", "8 days", atMost(weeks(1)), is(days(8)), "Off Track"),
  k("R3", "Answer time", "≤ 30 seconds", "0.4 min", atMost(seconds(30)), is(minutes(0.4)), "Met"),
  k("R3", "Lead time", "no more than 2 days", "36 hours", atMost(days(2)), is(hours(36)), "Met"),
  k("R3", "Response time", "under 4 hours", "230 minutes", { comparator: "<", q: hours(4) }, is(minutes(230)), "Met"),
  k("R3", "Response time", "≤ 4 hours", "approx. 3.5 hours", atMost(hours(4)), is(hours(3.5)), "Met"),
  k("R3", "Revenue", "≥ $1.2 million", "$1.15M", atLeast(money(1_200_000)), is(money(1_150_000)), "At Risk"),
  k("R3", "Revenue", "≥ 2.5M USD", "$2.4M", atLeast(money(2_500_000)), is(money(2_400_000)), "At Risk"),
  k("R3", "SA revenue", "≥ R 3m", "ZAR 2.5m", atLeast(money(3_000_000, "R")), is(money(2_500_000, "R")), "Off Track"),
  k("R3", "Japan revenue", "≥ ¥100M", "¥95M", atLeast(money(100_000_000, "¥")), is(money(95_000_000, "¥")), "At Risk"),
  k("R3", "Revenue", "≥ $1M", "USD 1.05M", atLeast(money(1_000_000)), is(money(1_050_000)), "Met"),
  k("R3", "Deal size", "≥ $10K", "10.5K", atLeast(money(10_000)), is(count(10_500)), "Met"),
  k("R3", "Revenue", "≥ $50k", "$48k", atLeast(money(50_000)), is(money(48_000)), "At Risk"),
  k("R3", "Revenue", "≥ €1M", "EUR 1.2M", atLeast(money(1_000_000, "€")), is(money(1_200_000, "€")), "Met"),
  k("R3", "EU revenue", "≥ €2B", "£2B", atLeast(money(2e9, "€")), is(money(2e9, "£")), "No Data", { problem: mismatch("£2B") }),
  k("R3", "Revenue", "≥ $1M", "1.1M GBP", atLeast(money(1_000_000)), is(money(1_100_000, "£")), "No Data", {
    problem: mismatch("1.1M GBP"),
  }),
  k("R3", "Revenue", "≥ $1M", { v: 1_100_000, f: "[$€-407] #,##0.00" }, atLeast(money(1_000_000)), is(money(1_100_000, "€")), "No Data", {
    problem: mismatch(),
  }),
  // R4
  k(
    "R4",
    "Posts",
    "≥ 3 per week",
    "10 per month",
    atLeast(count(3, undefined, { per: "week" })),
    is(count(10, undefined, { per: "month" })),
    "Off Track",
  ),
  k(
    "R4",
    "Orders",
    "≥ 100/wk",
    "430/mo",
    atLeast(count(100, undefined, { per: "week" })),
    is(count(430, undefined, { per: "month" })),
    "At Risk",
  ),
  k(
    "R4",
    "Donations",
    "≥ 5,000 per year",
    "400 per month",
    atLeast(count(5000, undefined, { per: "year" })),
    is(count(400, undefined, { per: "month" })),
    "At Risk",
  ),
  k(
    "R4",
    "Check-ins",
    "≥ 2 per day",
    "1 every day",
    atLeast(count(2, undefined, { per: "day" })),
    is(count(1, undefined, { per: "day" })),
    "Off Track",
  ),
  k(
    "R4",
    "Reviews",
    "≥ 20 quarterly",
    "7 per month",
    atLeast(count(20, undefined, { per: "quarter" })),
    is(count(7, undefined, { per: "month" })),
    "Met",
  ),
  k(
    "R4",
    "Workshops",
    "≥ 4 per month",
    "1 a week",
    atLeast(count(4, undefined, { per: "month" })),
    is(count(1, undefined, { per: "week" })),
    "Met",
  ),
  k(
    "R4",
    "Safety",
    "≤ 3 incidents per year",
    "1 incident a quarter",
    atMost(count(3, "incidents", { per: "year" })),
    is(count(1, "incident", { per: "quarter" })),
    "Off Track",
  ),
  k(
    "R4",
    "Sales",
    "≥ 1,200 annually",
    "110 monthly",
    atLeast(count(1200, undefined, { per: "year" })),
    is(count(110, undefined, { per: "month" })),
    "Met",
  ),
  k(
    "R4",
    "Newsletters",
    "≥ 50 per annum",
    "1 per week",
    atLeast(count(50, undefined, { per: "year" })),
    is(count(1, undefined, { per: "week" })),
    "Met",
  ),
  k(
    "R4",
    "MRR",
    "≥ $500K per year",
    "$45K/month",
    atLeast({ ...money(500_000), per: "year" }),
    is({ ...money(45_000), per: "month" }),
    "Met",
  ),
  k(
    "R4",
    "Recurring revenue",
    "≥ $600K p.a.",
    "$47K per month",
    atLeast({ ...money(600_000), per: "year" }),
    is({ ...money(47_000), per: "month" }),
    "At Risk",
  ),
  k(
    "R4",
    "Lead generation",
    "≥ 200 new leads/month",
    "55 leads per week",
    atLeast(count(200, "new leads", { per: "month" })),
    is(count(55, "leads", { per: "week" })),
    "Met",
  ),
  k(
    "R4",
    "Training time",
    "≥ 8 hours per week",
    "30 hours per month",
    atLeast({ ...hours(8), per: "week" }),
    is({ ...hours(30), per: "month" }),
    "Off Track",
  ),
  k(
    "R4",
    "Training time",
    "≥ 40 hours/year",
    "1 hour per week",
    atLeast({ ...hours(40), per: "year" }),
    is({ ...hours(1), per: "week" }),
    "Met",
  ),
  k(
    "R4",
    "Leads",
    "200+/month",
    "52/week",
    atLeast(count(200, undefined, { per: "month" })),
    is(count(52, undefined, { per: "week" })),
    "Met",
  ),
  k(
    "R4",
    "Tickets closed",
    "at least 20 tickets a week",
    "3 tickets a day",
    atLeast(count(20, "tickets", { per: "week" })),
    is(count(3, "tickets", { per: "day" })),
    "Met",
  ),
  k(
    "R4",
    "Incidents",
    "max 4 incidents per quarter",
    "1 incident a month",
    atMost(count(4, "incidents", { per: "quarter" })),
    is(count(1, "incident", { per: "month" })),
    "Met",
  ),
  k("R4", "Posts", "≥ 3 per week", 2, atLeast(count(3, undefined, { per: "week" })), is(count(2)), "Off Track"),
  k(
    "R4",
    "Demos",
    "≥ 3 demos per week",
    "14 demos per month",
    atLeast(count(3, "demos", { per: "week" })),
    is(count(14, "demos", { per: "month" })),
    "Met",
  ),
  k(
    "R4",
    "Leads",
    "≥ 1.5 a day",
    "50/month",
    atLeast(count(1.5, undefined, { per: "day" })),
    is(count(50, undefined, { per: "month" })),
    "Met",
  ),
  k(
    "R4",
    "Exercise sessions",
    "≥ 2 per week",
    "3x per week",
    atLeast(count(2, undefined, { per: "week" })),
    is(count(3, undefined, { per: "week" })),
    "Met",
  ),
  // R5
  k(
    "R5",
    "Revenue growth",
    "≥ 8% YoY",
    "7% year-on-year",
    atLeast(percent(8, { growth: "yoy" })),
    is(percent(7, { growth: "yoy" })),
    "Off Track",
  ),
  k("R5", "MRR growth", "≥ 5% q/q", "4.6% QoQ", atLeast(percent(5, { growth: "qoq" })), is(percent(4.6, { growth: "qoq" })), "At Risk"),
  k(
    "R5",
    "User growth",
    "≥ 3% MoM",
    "2.9% month-over-month",
    atLeast(percent(3, { growth: "mom" })),
    is(percent(2.9, { growth: "mom" })),
    "At Risk",
  ),
  k("R5", "User growth", "≥ 3% MoM", "4% WoW", atLeast(percent(3, { growth: "mom" })), is(percent(4, { growth: "wow" })), "No Data", {
    problem: mismatch("4% WoW"),
  }),
  k("R5", "Revenue growth", "≥ 8% YoY", pct(0.09), atLeast(percent(8, { growth: "yoy" })), is(percent(9)), "Met"),
  k("R5", "Revenue growth", "≥ 8% YoY", "9% growth", atLeast(percent(8, { growth: "yoy" })), is(percent(9, { growth: "growth" })), "Met"),
  k(
    "R5",
    "Revenue growth",
    "≥ 8% YoY growth",
    "7% MoM",
    atLeast(percent(8, { growth: "yoy" })),
    is(percent(7, { growth: "mom" })),
    "No Data",
    {
      problem: mismatch("7% MoM"),
    },
  ),
  k(
    "R5",
    "Revenue growth",
    "≥ 8% YoY",
    "9% QoQ growth",
    atLeast(percent(8, { growth: "yoy" })),
    is(percent(9, { growth: "qoq" })),
    "No Data",
    {
      problem: mismatch("9% QoQ growth"),
    },
  ),
  k("R5", "Revenue", "Grow revenue by 8% YoY", "7.5%", growBy(percent(8, { growth: "yoy" })), is(percent(7.5)), "At Risk"),
  k("R5", "Sales", "Increase sales by 15% y/y", "14%", growBy(percent(15, { growth: "yoy" })), is(percent(14)), "At Risk"),
  k("R5", "MRR", "Grow MRR by 10% QoQ", "11% growth", growBy(percent(10, { growth: "qoq" })), is(percent(11, { growth: "growth" })), "Met"),
  // R6
  k("R6", "Audits passed", "≥ 85%", "9/10", atLeast(percent(85)), is(outOf(9, 10)), "Met"),
  k("R6", "Sites live", "≥ 80%", "3 out of 5", atLeast(percent(80)), is(outOf(3, 5)), "Off Track"),
  k("R6", "Sites live", "≥ 4 sites", "3 of 5 sites", atLeast(count(4, "sites")), is(outOf(3, 5, "sites")), "Off Track"),
  k("R6", "Milestones", "≥ 2 of 3", "1 of 3", atLeast(outOf(2, 3)), is(outOf(1, 3)), "Off Track"),
  k("R6", "Customer rating", "≥ 4.5/5", "4.3/5", atLeast(outOf(4.5, 5)), is(outOf(4.3, 5)), "At Risk"),
  k("R6", "Lead conversion", "≥ 70%", "450 of 1,200 leads", atLeast(percent(70)), is(outOf(450, 1200, "leads")), "Off Track"),
  k("R6", "Audits passed", "≥ 9 out of 10", "17 of 20", atLeast(outOf(9, 10)), is(outOf(17, 20)), "At Risk"),
  k("R6", "Sites live", "≥ 4 of 5 sites", "3 sites", atLeast(outOf(4, 5, "sites")), is(count(3, "sites")), "Off Track"),
  k("R6", "Referral rate", "≥ 1 in 3", "2 in 5", atLeast(outOf(1, 3)), is(outOf(2, 5)), "Met"),
  k("R6", "Checks passed", "≥ 90%", "38/40", atLeast(percent(90)), is(outOf(38, 40)), "Met"),
  k("R6", "Checks passed", "≥ 90%", "1,150 of 1,200", atLeast(percent(90)), is(outOf(1150, 1200)), "Met"),
  k("R6", "Store coverage", "≥ 18 stores", "17 of 20 stores", atLeast(count(18, "stores")), is(outOf(17, 20, "stores")), "At Risk"),
  k("R6", "Coverage", "≥ 3 of 5", "4 of 8", atLeast(outOf(3, 5)), is(outOf(4, 8)), "Off Track"),
  k("R6", "Customer rating", "> 8/10", "4.5/5", { comparator: ">", q: outOf(8, 10) }, is(outOf(4.5, 5)), "Met"),
  k("R6", "Checks passed", "min. 90%", "19/20", atLeast(percent(90)), is(outOf(19, 20)), "Met"),
  // R7
  k(
    "R7",
    "Revenue mix",
    "≥ 30% of revenue",
    "28% of sales",
    atLeast(percent(30, { label: about("revenue") })),
    is(percent(28, { label: about("sales") })),
    "At Risk",
  ),
  k(
    "R7",
    "Ticket SLA",
    "≥ 90% of tickets",
    "19 of 20 tickets",
    atLeast(percent(90, { label: about("tickets") })),
    is(outOf(19, 20, "tickets")),
    "Met",
  ),
  k(
    "R7",
    "Hiring mix",
    "≥ 50% of hires",
    "46% of new hires",
    atLeast(percent(50, { label: about("hires") })),
    is(percent(46, { label: about("hires") })),
    "At Risk",
  ),
  k(
    "R7",
    "Ticket SLA",
    "≥ 95%",
    "93% of tickets closed within SLA",
    atLeast(percent(95)),
    is(percent(93, { label: about("tickets") })),
    "At Risk",
  ),
  k("R7", "On-time delivery", "≥ 95%", "88% on time", atLeast(percent(95)), is(percent(88, { label: about("time") })), "At Risk"),
  k("R7", "Ticket SLA", "≥ 95%", "92% within SLA", atLeast(percent(95)), is(percent(92, { label: about("sla") })), "At Risk"),
  // R8
  k("R8", "CSAT", "≥ 90%", "92% (up from 88%)", atLeast(percent(90)), UNREAD, "No Data", { problem: notANumber("92% (up from 88%)") }),
  k("R8", "Response time", "≤ 4 hours", "3 hours (median)", atMost(hours(4)), is(hours(3), "median"), "Met"),
  k("R8", "CSAT", "≥ 90%", "93% (provisional)", atLeast(percent(90)), is(percent(93), "provisional"), "Met"),
  k("R8", "CSAT", "≥ 90%", "93% (n=120)", atLeast(percent(90)), is(percent(93), "n=120"), "Met"),
  k("R8", "Revenue", "≥ $1M", "$1.1M (FY)", atLeast(money(1_000_000)), is(money(1_100_000), "FY"), "Met"),
  k(
    "R8",
    "Safety",
    "≤ 2 incidents",
    "1 incident (3 hours downtime)",
    atMost(count(2, "incidents")),
    is(count(1, "incident"), "3 hours downtime"),
    "Met",
  ),
  k("R8", "Sites live", "≥ 80%", "4/5 (75%)", atLeast(percent(80)), UNREAD, "No Data", { problem: notANumber("4/5 (75%)") }),
  k("R8", "Sites live", "≥ 75%", "4 of 5 sites (80%)", atLeast(percent(75)), is(outOf(4, 5, "sites"), "80%"), "Met"),
  k("R8", "Revenue growth", "≥ 10% YoY", "10.5% YoY (8% last year)", atLeast(percent(10, { growth: "yoy" })), UNREAD, "No Data", {
    problem: notANumber("10.5% YoY (8% last year)"),
  }),
  k(
    "R8",
    "Safety",
    "≤ 2 incidents",
    "0 incidents (2 years running)",
    atMost(count(2, "incidents")),
    is(count(0, "incidents"), "2 years running"),
    "Met",
  ),
  // R9
  k("R9", "Customer rating", "≥ 4", "3.8/5", atLeast(count(4)), is(outOf(3.8, 5)), "At Risk", { shows: ["4/5"] }),
  k("R9", "Lead time", "≤ 3", "2.5 weeks", atMost(count(3)), is(weeks(2.5)), "Met", { shows: ["3 weeks"] }),
  k("R9", "Pipeline coverage", "≥ 3", "2.5:1", atLeast(count(3)), is(ratio(2.5)), "Off Track", { shows: ["3:1"] }),
  k("R9", "Average order value", "≥ 50", "$48", atLeast(count(50)), is(money(48)), "At Risk", { shows: ["$50"] }),
  k("R9", "Incidents", "≤ 5", "4 incidents", atMost(count(5)), is(count(4, "incidents")), "Met", { shows: ["5 incidents"] }),
  k("R9", "Customer satisfaction", "0.9", "0.85", bare(count(0.9)), is(count(0.85)), "At Risk"),
  k("R9", "Customer satisfaction", 0.9, "85 percent", bare(count(0.9)), is(percent(85)), "Needs Target", {
    problem: fraction("0.9", "85 percent"),
  }),
  k("R9", "Error rate", "≤ 1.5", "1.2%", atMost(count(1.5)), is(percent(1.2)), "Met", { shows: ["1.5%"] }),
  k("R9", "Response time", "2", "1.8 hours", bare(count(2)), is(hours(1.8)), "Met"),
  k("R9", "Customer satisfaction", "≥ 0.9", "92%", atLeast(count(0.9)), is(percent(92)), "Needs Target", {
    problem: fraction("0.9", "92%"),
  }),
  k("R9", "Customer satisfaction", "≥ 0.9", pct(0.92), atLeast(count(0.9)), is(percent(92)), "Met", { shows: ["90%"] }),
  k("R9", "Win rate", 0.5, "45%", bare(count(0.5)), is(percent(45)), "Needs Target", { problem: fraction("0.5", "45%") }),
  // R10
  k("R10", "Downtime", "≤ 4 hours", "none", atMost(hours(4)), is(count(0)), "Met"),
  k("R10", "CSAT", "≥ 95%", "zero", atLeast(percent(95)), is(count(0)), "Off Track"),
  k("R10", "Write-offs", "≤ $5K", "None", atMost(money(5000)), is(count(0)), "Met"),
  k("R10", "Defects", "0 defects", "nil", nothing(count(0, "defects")), is(count(0)), "Met"),
  k("R10", "Complaints", "≤ 3 complaints", "NIL", atMost(count(3, "complaints")), is(count(0)), "Met"),
  // R11
  k("R11", "Delivery", "≤ 2 days", "3 days behind schedule", atMost(days(2)), UNREAD, "No Data", {
    problem: notANumber("3 days behind schedule"),
  }),
  k("R11", "CSAT", "≥ 90%", "5% above target", atLeast(percent(90)), UNREAD, "No Data", { problem: notANumber("5% above target") }),
  k("R11", "Projects", "≥ 20", "2 more than last month", atLeast(count(20)), UNREAD, "No Data", {
    problem: notANumber("2 more than last month"),
  }),
  k("R11", "Growth", "≥ 5%", "10% down", atLeast(percent(5)), UNREAD, "No Data", { problem: notANumber("10% down") }),
  k("R11", "Projects", "≥ 20", "3 short", atLeast(count(20)), UNREAD, "No Data", { problem: notANumber("3 short") }),
  k("R11", "Delivery", "≤ 2 weeks", "1 week overdue", atMost(weeks(2)), UNREAD, "No Data", { problem: notANumber("1 week overdue") }),
  k("R11", "NPS", "≥ 50%", "2 points up", atLeast(percent(50)), UNREAD, "No Data", { problem: notANumber("2 points up") }),
  k("R11", "Spend", "≤ $50K", "$5K over budget", atMost(money(50_000)), UNREAD, "No Data", { problem: notANumber("$5K over budget") }),
  k("R11", "Delivery", "≤ 10 days", "2 days ahead of plan", atMost(days(10)), UNREAD, "No Data", {
    problem: notANumber("2 days ahead of plan"),
  }),
  k("R11", "Growth", "≥ 10%", "15% higher", atLeast(percent(10)), UNREAD, "No Data", { problem: notANumber("15% higher") }),
  k("R11", "Revenue growth", "≥ 8% YoY", "5% up YoY", atLeast(percent(8, { growth: "yoy" })), UNREAD, "No Data", {
    problem: notANumber("5% up YoY"),
  }),
  // R12
  k("R12", "Payroll errors", "0", "0.1%", nothing(), is(percent(0.1)), "Off Track"),
  k(
    "R12",
    "Workplace safety",
    "no incidents",
    "1 incident per month",
    nothing(count(0, "incidents")),
    is(count(1, "incident", { per: "month" })),
    "Off Track",
  ),
  k("R12", "Release quality", "zero defects", "0 defects", nothing(count(0, "defects")), is(count(0, "defects")), "Met"),
  k("R12", "Write-offs", "none", "$0", nothing(), is(money(0)), "Met"),
  k("R12", "Write-offs", "none", "$120", nothing(), is(money(120)), "Off Track"),
  k(
    "R12",
    "Safety",
    "No lost-time incidents",
    "1 lost-time incident",
    nothing(count(0, "lost-time incidents")),
    is(count(1, "lost-time incident")),
    "Off Track",
  ),
  k("R12", "Unplanned downtime", "0 hours", "0 min", nothing(hours(0)), is(minutes(0)), "Met"),
  // Unit words that are also ordinary English words, and rates over things rather than time.
  k("R1", "Account plans", "≥ 3 plans", "1 plan", atLeast(count(3, "plans")), is(count(1, "plan")), "Off Track"),
  k("R1", "Budgets approved", "≥ 2 budgets", "1 budget", atLeast(count(2, "budgets")), is(count(1, "budget")), "Off Track"),
  k("R1", "Quality deviations", "≤ 3 deviations", "1 deviation", atMost(count(3, "deviations")), is(count(1, "deviation")), "Met"),
  k("R1", "Tickets closed", "≥ 20 tickets", "19 tickets closed", atLeast(count(20, "tickets")), is(count(19, "tickets closed")), "At Risk"),
  k(
    "R1",
    "Agent productivity",
    "≥ 20 tickets/agent",
    "19 tickets per agent",
    atLeast(count(20, "tickets per agent")),
    is(count(19, "tickets per agent")),
    "At Risk",
  ),
  k(
    "R4",
    "Agent productivity",
    "≥ 20 tickets per agent per week",
    "3 tickets per agent a day",
    atLeast(count(20, "tickets per agent", { per: "week" })),
    is(count(3, "tickets per agent", { per: "day" })),
    "Met",
  ),
  k("R6", "Sites live", "≥ 75%", "4/5 sites", atLeast(percent(75)), is(outOf(4, 5, "sites")), "Met"),
  k("R8", "Rollout", "≥ 55%", "60% (3/5)", atLeast(percent(55)), is(percent(60), "3/5"), "Met"),
  k("R8", "Response time", "≤ 4 hours", "3.5 hours (210 min)", atMost(hours(4)), is(hours(3.5), "210 min"), "Met"),
  k("R8", "Safety", "≤ 3 incidents", "2 incidents (1 last month)", atMost(count(3, "incidents")), UNREAD, "No Data", {
    problem: notANumber("2 incidents (1 last month)"),
  }),
  k("R8", "Safety", "≤ 3 incidents", "2 incidents (1 incident last month)", atMost(count(3, "incidents")), UNREAD, "No Data", {
    problem: notANumber("2 incidents (1 incident last month)"),
  }),
];

// ---------------------------------------------------------------------------------------------
// Checks.
// ---------------------------------------------------------------------------------------------
function cellText(c: Cell): string {
  if (c !== null && typeof c === "object" && "f" in c) return `${String(c.v)} formatted ${c.f}`;
  return typeof c === "string" ? JSON.stringify(c) : String(c);
}

function cellParts(c: Cell): { value: Exclude<Cell, { v: unknown; f: string }>; format: string } {
  if (c !== null && typeof c === "object" && "f" in c) return { value: c.v, format: c.f };
  return { value: c, format: "General" };
}

/** Judges one KPI row with the default 10% tolerance, as of AS_OF, with no timeline. */
function judge(name: string, target: Cell, actual: Cell): { row: RowResult; problems: readonly Problem[] } {
  const ev = evaluateGrid(
    workbook(
      sheet("K", [
        ["KPI", "Target", "Actual"],
        [name, target, actual],
      ]),
    ),
    { asOf: AS_OF },
  );
  expect(ev.rows).toHaveLength(1);
  return { row: ev.rows[0] as RowResult, problems: ev.problems };
}

function expectTargetRead(input: string | number, exp: TargetRead): void {
  const res = parseTarget(input);
  expect(res).toMatchObject({ ok: true, target: { kind: "numeric" } });
  if (!res.ok || res.target.kind !== "numeric") return;
  const t = res.target;
  if (exp.growBy) {
    expect(t.change).toBeDefined();
    expect(t.asGrowth && shape(t.asGrowth)).toEqual(shape(exp.q));
    return;
  }
  expect({ comparator: t.comparator, q: shape(t.value), zero: t.reading === "zero" }).toEqual({
    comparator: exp.comparator,
    q: shape(exp.q),
    zero: exp.zero ?? false,
  });
}

function expectActualRead(actual: Cell, exp: ActualRead): void {
  const { value, format } = cellParts(actual);
  const r = readCell(value, format, "mdy");
  if (exp === UNREAD) {
    expect(r.kind).not.toBe("quantity");
    return;
  }
  expect(r.kind).toBe("quantity");
  if (r.kind !== "quantity") return;
  expect({ q: shape(r.q), note: r.note }).toEqual({ q: shape(exp.q), note: exp.note });
}

const title = (c: Case) => `${c.rule} ${c.name}: target ${cellText(c.target)} with actual ${cellText(c.actual)} → ${c.status}`;

describe("quantities are read the same way on both sides", () => {
  it("has at least 120 phrasings, none twice", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(120);
    const keys = CASES.map((c) => `${cellText(c.target)}|${cellText(c.actual)}|${c.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  describe("the target is read as the rules say", () => {
    it.each(CASES.map((c) => [title(c), c] as const))("%s", (_title, c) => expectTargetRead(c.target, c.t));
  });

  describe("the actual is read as the rules say", () => {
    it.each(CASES.map((c) => [title(c), c] as const))("%s", (_title, c) => expectActualRead(c.actual, c.a));
  });

  describe("the one-row table gets the rules' status, and a problem only when one is due", () => {
    it.each(CASES.map((c) => [title(c), c] as const))("%s", (_title, c) => {
      const { row, problems } = judge(c.name, c.target, c.actual);
      expect(row.status).toBe(c.status);
      expect(row.explanation.endsWith(`→ ${c.status}`)).toBe(true);
      for (const words of c.shows ?? []) expect(row.explanation).toContain(words);
      const errors = problems.filter((p) => p.severity === "error");
      if (!c.problem) {
        expect(errors).toEqual([]);
        return;
      }
      const [code, cell, ...mentions] = c.problem;
      expect(errors).toEqual([expect.objectContaining({ sheet: "K", cell, code })]);
      for (const words of mentions) expect(errors[0]?.message).toContain(words);
    });
  });
});
