// fast-check arbitraries for workbooks that look like what people build: KPI, goal, training, roles and KPA
// tables under section titles, at random offsets, stacked or side by side, with targets and actuals from the
// vocabulary people type (test/engine/quantities.test.ts, test/corpus/) and now and then a value from the edges
// (NaN, ±Infinity, -0, 1e308, dates outside 1900–9999, 32,767-character strings, emoji, right-to-left text,
// cell errors, formula-looking text, holes). Timelines fall around the as-of date, so every status occurs.
// Used by test/engine/property.test.ts (a few hundred cases in `npm test`) and test/fuzz/fuzz.test.ts (`npm run fuzz`).
import fc from "fast-check";
import { dayFromYMD, serialFromDay, ymd } from "../../src/engine/dates";
import type { CellValue, DefinedName, Rect, SheetGrid, WorkbookGrid } from "../../src/engine/grid";
import type { EvaluateOptions } from "../../src/engine/settings";

/** The date every generated workbook is judged as of; timelines are placed around it. */
export const AS_OF = "2050-06-30";
const AS_OF_DAY = dayFromYMD(2050, 6, 30);
const MS_PER_DAY = 86_400_000;

/** A cell and its number format. */
export interface Cell {
  readonly v: CellValue;
  readonly f: string;
}
const cell = (v: CellValue, f = "General"): Cell => ({ v, f });
const text = (s: string): Cell => cell(s);
const pick = <T>(...xs: T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);
/** The arbitrary's value once in `every` cases, else null (shrinks to null). */
const onceIn = <T>(every: number, a: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: every - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: a });

// ---------------------------------------------------------------------------------------------
// The edges: values no table should hold, but workbooks do.
// ---------------------------------------------------------------------------------------------
const LONG = "x".repeat(32_767);
const LONG_WORDS = "Improve the onboarding experience ".repeat(990).slice(0, 32_767);
const EDGE_VALUES: readonly Cell[] = [
  cell(Number.NaN),
  cell(Number.POSITIVE_INFINITY),
  cell(Number.NEGATIVE_INFINITY),
  cell(-0),
  cell(-0, "0%"),
  cell(1e308),
  cell(-1e308),
  cell(1e308, "0%"),
  cell(5e-324),
  cell(Number.MAX_SAFE_INTEGER + 2),
  cell(1e308, "yyyy-mm-dd"),
  cell(-5, "yyyy-mm-dd"),
  cell(0, "yyyy-mm-dd"),
  cell(60, "yyyy-mm-dd"),
  cell(3_000_000, "yyyy-mm-dd"),
  cell(2_958_466, "m/d/yyyy"),
  cell(Number.NaN, "yyyy-mm-dd"),
  cell(Number.POSITIVE_INFINITY, "h:mm"),
  cell(new Date(Date.UTC(1800, 0, 1))),
  cell(new Date(Date.UTC(1899, 11, 31))),
  cell(new Date(Date.UTC(10000, 0, 1))),
  cell(new Date(8.64e15)),
  cell(new Date(-8.64e15)),
  cell(new Date(Number.NaN)),
  text(LONG),
  text(LONG_WORDS),
  text(`≥ ${"9".repeat(400)}%`),
  text(`${"1".repeat(330)}`),
  text("1e400"),
  text("-1e400%"),
  text("Infinity"),
  text("NaN"),
  text("-0"),
  text("📈🔥 85% 🚀"),
  text("✅"),
  text("👩🏽‍💻 Owner"),
  text("مؤشر الأداء"),
  text("٨٥٪"),
  text("‏≥ 85%‏"),
  text("יעד: 90%"),
  text("\u202e%58 ≥"),
  text("85\u00a0%"),
  text("８５％"),
  text("\u200b"),
  text("\ud800"),
  text("85%\n(Q3)"),
  text("   "),
  text(""),
  cell({ error: "#N/A" }),
  cell({ error: "#DIV/0!" }),
  cell({ error: "#REF!" }),
  cell({ error: "#VALUE!" }),
  cell({ error: "" }),
  text("#N/A"),
  text("#SPILL!"),
  text("=SUM(A1)"),
  text("=1/0"),
  text('=HYPERLINK("http://x","85%")'),
  text("+85%"),
  text("@Target"),
  cell(true),
  cell(false),
  cell(null),
  cell(null, "0%"),
  text("KPA Status"),
  text("Target"),
];
const edge: fc.Arbitrary<Cell> = fc.constantFrom(...EDGE_VALUES);

// ---------------------------------------------------------------------------------------------
// Dates around the as-of date, as serials with date formats, as Dates and as text.
// ---------------------------------------------------------------------------------------------
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

function dateCell(offset: number, style: number): Cell {
  const day = AS_OF_DAY + offset;
  const { y, m, d } = ymd(day);
  switch (style) {
    case 0:
      return cell(serialFromDay(day), "yyyy-mm-dd");
    case 1:
      return cell(new Date(day * MS_PER_DAY));
    case 2:
      return text(`${y}-${pad(m)}-${pad(d)}`);
    case 3:
      return text(`Q${Math.ceil(m / 3)} ${y}`);
    case 4:
      return text(`${pad(m)}/${pad(d)}/${y}`);
    case 5:
      return text(`${MONTHS[m - 1]} ${y}`);
    case 6:
      return cell(serialFromDay(day), "m/d/yyyy");
    case 7:
      return text(`${MONTHS[m - 1]} ${d}, ${y}`);
    case 8:
      return cell(serialFromDay(day), "d-mmm-yy");
    case 9:
      return text(`End of ${MONTHS[m - 1]} ${y}`);
    default:
      return cell(serialFromDay(day), "General");
  }
}

/** A date some days before or after the as-of date, or a word in place of one. */
const offsetDays = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -400, max: -1 }) },
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 400 }) },
  { weight: 1, arbitrary: fc.integer({ min: -80_000, max: 3_000_000 }) },
);
const timelineCell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 12, arbitrary: fc.tuple(offsetDays, fc.nat(10)).map(([o, s]) => dateCell(o, s)) },
  { weight: 2, arbitrary: fc.constant(cell(null)) },
  {
    weight: 1,
    arbitrary: pick("Ongoing", "TBD", "Q4", "ASAP", "Continuous", "next year", "Sept", "FY2050", "H2 2050", "31/12/2050").map(text),
  },
);
const pastDateCell: fc.Arbitrary<Cell> = fc.tuple(fc.integer({ min: -400, max: 0 }), fc.nat(10)).map(([o, s]) => dateCell(o, s));

// ---------------------------------------------------------------------------------------------
// Targets and actuals that belong together: a family of phrasing, a level, and how far the actual is from it.
// ---------------------------------------------------------------------------------------------
/** What one goal or KPI row measures. */
export interface Measure {
  readonly target: Cell;
  readonly actual: Cell;
  readonly baseline?: Cell;
  readonly direction?: Cell;
  /** A goal sentence that holds the target itself ("Achieve a CSAT score of 85% or higher."). */
  readonly goal?: string;
}

// How far the actual is from the target: above, at, within a tolerance, well short, nothing.
const FACTORS = [1.1, 1, 0.97, 0.93, 0.85, 0.6, 0.3, 0];
const factor = fc.constantFrom(...FACTORS);
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
/** Empty actuals, so a log's values are used (and trends drawn). */
const maybeEmpty = (a: fc.Arbitrary<Measure>): fc.Arbitrary<Measure> =>
  fc
    .tuple(
      a,
      fc.oneof(
        { weight: 8, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: pick<Cell>(cell(null), cell(null), text("TBD"), text("-")) },
      ),
    )
    .map(([m, empty]) => (empty ? { ...m, actual: empty } : m));

const percentHigher: fc.Arbitrary<Measure> = fc
  .tuple(fc.integer({ min: 40, max: 99 }), factor, fc.nat(9), fc.nat(7))
  .map(([t, k, ts, as]) => {
    const a = round(t * k, 1);
    const target = [
      text(`≥ ${t}%`),
      text(`${t}%`),
      text(`at least ${t}%`),
      text(`${t}%+`),
      cell(t / 100, "0%"),
      text(`> ${t}%`),
      text(`Minimum ${t}%`),
      text(`${t}% or above`),
      cell(t),
      text(`>= ${t} %`),
    ][ts] as Cell;
    const actual = [
      text(`${a}%`),
      cell(a / 100, "0%"),
      cell(a / 100, "0.0%"),
      cell(a),
      text(`${a}% (Q3)`),
      text(`${Math.round((a / 100) * 20)} of 20`),
      cell(a / 100),
      text(`${a} %`),
    ][as] as Cell;
    return { target, actual, direction: text("Higher is better") };
  });

const timeLower: fc.Arbitrary<Measure> = fc.tuple(pick(1, 2, 4, 8, 24, 48), factor, fc.nat(5), fc.nat(4)).map(([t, k, ts, as]) => {
  const a = k === 0 ? 0 : round(t / k, 2);
  const target = [
    text(`< ${t} hours`),
    text(`≤ ${t} hours`),
    text(`Max ${t} hours`),
    text(`${t} hours or less`),
    text(`under ${t}h`),
    text(`<= ${t * 60} min`),
  ][ts] as Cell;
  const actual = [text(`${a} hours`), text(`${round(a * 60, 0)} min`), cell(a / 24, "h:mm"), text(`${round(a / 24, 2)} days`), cell(a)][
    as
  ] as Cell;
  return { target, actual, direction: text("Lower is better") };
});

const UNITS = ["tickets", "sites", "deals", "hires", "audits", "calls"];
const countHigher: fc.Arbitrary<Measure> = fc
  .tuple(pick(3, 12, 20, 50, 250, 1000), pick(...UNITS), factor, fc.nat(5), fc.nat(3))
  .map(([t, u, k, ts, as]) => {
    const a = Math.round(t * k);
    const target = [
      text(`≥ ${t} ${u}`),
      text(`${t} ${u}`),
      text(`${t} per week`),
      text(`${t}+`),
      cell(t),
      text(`More than ${t.toLocaleString("en-US")} ${u}`),
    ][ts] as Cell;
    const actual = [text(`${a} ${u}`), cell(a), text(`${a} per week`), text(`${a.toLocaleString("en-US")}`)][as] as Cell;
    return { target, actual };
  });

const money: fc.Arbitrary<Measure> = fc
  .tuple(pick(50_000, 500_000, 1_200_000, 2_000_000_000), factor, fc.nat(3), fc.nat(3))
  .map(([t, k, ts, as]) => {
    const a = Math.round(t * k);
    const short = (n: number) => (n >= 1e9 ? `$${round(n / 1e9)}B` : n >= 1e6 ? `$${round(n / 1e6)}M` : `$${round(n / 1e3)}K`);
    const target = [text(short(t)), text(`≥ ${short(t)}`), cell(t, "$#,##0"), text(`$${t.toLocaleString("en-US")}`)][ts] as Cell;
    const actual = [cell(a, "$#,##0"), text(short(a)), text(`$${a.toLocaleString("en-US")}`), cell(a)][as] as Cell;
    return { target, actual, direction: text("Higher") };
  });

const band: fc.Arbitrary<Measure> = fc.tuple(pick(40, 6, 100), fc.nat(4), pick(0.5, 0.9, 1, 1.2, 1.6, 3)).map(([lo, ts, k]) => {
  const hi = lo * 1.5;
  const a = round(lo * k, 1);
  const target = [
    text(`between ${lo} and ${hi}`),
    text(`${lo}-${hi}`),
    text(`Between ${lo}% and ${hi}%`),
    text(`${(lo + hi) / 2} ± 10%`),
    text(`Keep inventory turnover between ${lo} and ${hi}`),
  ][ts] as Cell;
  const actual = ts === 2 ? text(`${a}%`) : cell(a);
  return { target, actual };
});

const zero: fc.Arbitrary<Measure> = fc.tuple(fc.nat(4), pick(0, 0, 1, 3, 12), fc.nat(2)).map(([ts, a, as]) => ({
  target: [text("0 incidents"), text("0"), text("none"), text("zero defects"), cell(0)][ts] as Cell,
  actual: [cell(a), text(`${a} incident${a === 1 ? "" : "s"}`), text(a === 0 ? "None" : `${a} defects`)][as] as Cell,
  direction: text("Lower is better"),
}));

const change: fc.Arbitrary<Measure> = fc.tuple(pick(30, 50, 72), fc.nat(4), pick(-5, 0, 4, 9, 10, 20)).map(([b, ts, d]) => {
  const target = [
    text("Improve NPS by 10 points"),
    text("Increase by 10%"),
    text("+10 pts"),
    text(`From ${b} to ${b + 10}`),
    text("Reduce by 20%"),
  ][ts] as Cell;
  return { target, actual: cell(b + d), baseline: cell(b), direction: ts === 4 ? text("Lower is better") : undefined };
});

const ratio: fc.Arbitrary<Measure> = fc
  .nat(4)
  .chain((ts) =>
    pick(
      { target: text("≥ 4.5/5"), actual: text(nth(ts, "4.2/5", "4.6/5", "3/5", "5/5")) },
      { target: text("3:1"), actual: text(nth(ts, "2.5:1", "3.4:1", "1:1", "4:1")) },
      { target: text("≥ 80%"), actual: text(nth(ts, "4/5", "7 of 10 sites", "3/5 (60%)", "19 out of 20")) },
      { target: text("4/5 sites"), actual: text(nth(ts, "3/5 sites", "4/5 sites", "5 of 5", "2 of 5 sites")) },
      { target: text("≥ 8/10"), actual: text(nth(ts, "3.7/5.0", "9/10", "7/10", "8 out of 10")) },
    ),
  );
function nth(i: number, ...xs: string[]): string {
  return xs[i % xs.length] as string;
}

const MILESTONE_TARGETS = [
  "Complete",
  "Launch by Sept",
  "Approved",
  "Go live",
  "Yes",
  "Signed off",
  "Done",
  "Launched",
  "ISO 27001 certified",
  "Complete by Nov 2050",
  "Contract signed",
];
const WORK_STATES = [
  "Done",
  "Yes",
  "Complete",
  "In progress",
  "Delayed",
  "Not started",
  "Planned",
  "Cancelled",
  "On hold",
  "Waiting on legal",
  "50% done",
  "Drafting",
  "Launched 12 Sep 2050",
  "Blocked",
  "No",
  "Awaiting approval",
  "Planned for Q3 2050",
  "75% complete",
  "Green",
  "Amber",
  "Behind schedule",
  "Contract being signed",
  "Phase 2 of 3",
  "banana",
];
const milestone: fc.Arbitrary<Measure> = fc
  .tuple(pick(...MILESTONE_TARGETS), pick(...WORK_STATES), fc.nat(9))
  .map(([t, a, s]) => ({ target: text(t), actual: s === 0 ? cell(true) : s === 1 ? dateCell(-20, 0) : text(a) }));

/** Goal sentences that carry their own target, and actuals for them. */
const GOAL_SENTENCES: readonly [string, readonly string[]][] = [
  ["Achieve a CSAT score of 85% or higher.", ["82%", "88%", "85%", "60%"]],
  ["Reduce average response time to under 2 hours.", ["1.5 hours", "2.2 hours", "3 hours", "90 min"]],
  ["Increase NPS from 30 to 45 by Q4 2050", ["41", "46", "30", "12"]],
  ["Launch the new site by Q4 2050", ["In progress", "Launched", "Delayed", "Not started"]],
  ["Hire 12 engineers by June 2050", ["9", "12", "11 hires", "3"]],
  ["Create a tool to track leads", ["Done", "Drafting", "Blocked", "Not started"]],
  ["Keep churn below 3%", ["2.5%", "3.2%", "5%", "2%"]],
  ["Cut costs by 10%", ["-12%", "-8%", "-2%", "5%"]],
  ["At least 95% on-time delivery", ["96%", "93%", "80%", "95%"]],
  ["Improve customer satisfaction significantly", ["Better", "82%", "TBD", "n/a"]],
];
const goalSentence: fc.Arbitrary<Measure> = fc.tuple(fc.nat(GOAL_SENTENCES.length - 1), fc.nat(3)).map(([i, j]) => {
  const [goal, actuals] = GOAL_SENTENCES[i] as [string, readonly string[]];
  return { goal, target: cell(null), actual: text(actuals[j] as string) };
});

/** Targets and actuals as people type them, drawn apart: most do not go together. */
const TARGET_WORDS = [
  "≥ 85%",
  "< 2 hours",
  "3 per week",
  "between 40 and 60",
  "±5%",
  "within 5% of plan",
  "0 incidents",
  "Complete",
  "Launch by Sept",
  "Improve NPS by 10 points",
  "$1.2M",
  "18 tickets",
  "4/5 sites",
  "TBD",
  "N/A",
  "in line with plan",
  "Above industry average",
  "As high as possible",
  "Q4 2050",
  "03/04/2050",
  "95% by Q3 2050",
  "> 95% by 31/12/2050",
  "Grow MRR by 10% QoQ",
  "≥ 8% YoY",
  "$40K-$60K",
  "1.5x",
  "2:1 or higher",
  "Hold at 95%",
  "Fewer than 3 escalations per month",
  "Must not fall below 95%",
  "5 calls, 10 emails, 3 meetings",
  "Best-in-class",
  "Gold",
  "100%",
  "0%",
  "",
];
const ACTUAL_WORDS = [
  "85%",
  "1.5 hours",
  "210 min",
  "2 per week",
  "45",
  "2 incidents",
  "Done",
  "In progress",
  "$1,150K",
  "17 tickets",
  "3/5 sites",
  "TBD",
  "N/A",
  "On track",
  "Gold",
  "96% of tickets",
  "92% (Q3)",
  "3 days late",
  "5% below target",
  "$50K short",
  "9% YoY",
  "None",
  "zero",
  "12%",
  "Yes",
  "No",
  "-",
];
const vocabulary: fc.Arbitrary<Measure> = fc
  .tuple(pick(...TARGET_WORDS), pick(...ACTUAL_WORDS), fc.nat(5))
  .map(([t, a, n]) => ({ target: text(t), actual: n === 0 ? cell(0.8, "0%") : n === 1 ? cell(17) : text(a) }));

export const measure: fc.Arbitrary<Measure> = maybeEmpty(
  fc.oneof(
    { weight: 6, arbitrary: percentHigher },
    { weight: 3, arbitrary: timeLower },
    { weight: 3, arbitrary: countHigher },
    { weight: 2, arbitrary: money },
    { weight: 2, arbitrary: band },
    { weight: 2, arbitrary: zero },
    { weight: 2, arbitrary: change },
    { weight: 2, arbitrary: ratio },
    { weight: 4, arbitrary: milestone },
    { weight: 3, arbitrary: vocabulary },
  ),
);

// ---------------------------------------------------------------------------------------------
// Columns: the header vocabulary of each field (src/engine/headers.ts) and what its cells hold.
// ---------------------------------------------------------------------------------------------
type FieldName =
  | "name"
  | "goal"
  | "target"
  | "actual"
  | "baseline"
  | "timeline"
  | "owner"
  | "priority"
  | "weight"
  | "start"
  | "direction"
  | "status"
  | "completed"
  | "role"
  | "trainingNeeds"
  | "responsibilities"
  | "reportsTo"
  | "description"
  | "frequency"
  | "lastReview"
  | "department"
  | "unit"
  | "notes"
  | "ourStatus"
  | "period1"
  | "period2"
  | "blank";

const HEADERS: Readonly<Record<FieldName, readonly string[]>> = {
  name: [
    "KPI",
    "Metric",
    "Measure",
    "Key Performance Indicator",
    "KPI Name",
    "Indicator",
    "Key Result",
    "KPI / Metric",
    "KPA Element",
    "Metric Name",
  ],
  goal: ["Goal", "Objective", "SMART Goal", "Goals", "Goal Description"],
  target: [
    "Target",
    "Target Value",
    "Q4 Target",
    "Target (2050)",
    "Benchmark",
    "Threshold",
    "Plan",
    "Standard",
    "Success Criteria",
    "Annual Target",
    "TARGET",
    "Target ",
  ],
  actual: [
    "Actual",
    "Current",
    "Result",
    "YTD",
    "Q3 Actual",
    "Actual (Q3)",
    "Current Value",
    "Achieved",
    "Latest",
    "Score",
    "Actual %",
    "Value",
  ],
  baseline: ["Baseline", "Prior Year", "Last Quarter", "Starting Value", "Baseline Value"],
  timeline: ["Timeline", "Due Date", "Deadline", "Target Date", "By When", "End Date", "Due"],
  owner: ["Owner", "Responsible Party", "Accountable", "KPI Owner", "Owned By"],
  priority: ["Priority", "Priority Level", "Importance"],
  weight: ["Weight", "Weighting", "Weight %", "Weight (%)"],
  start: ["Start Date", "Start", "Begin"],
  direction: ["Direction", "Polarity", "Better if", "Higher or Lower"],
  status: ["Status", "RAG", "Current Status", "RAG Status"],
  completed: ["Completed", "Done", "Completion Date", "Date Completed"],
  role: ["Role", "Position", "Job Title"],
  trainingNeeds: ["Training Needs", "Development Needs", "Training Required"],
  responsibilities: ["Responsibilities", "Key Responsibilities", "Duties"],
  reportsTo: ["Reports To", "Support Needed", "Accountability"],
  description: ["Description", "Definition", "What it measures"],
  frequency: ["Frequency of Review", "Review Frequency", "Cadence"],
  lastReview: ["Last Review", "Last Reviewed", "Last Review Date"],
  department: ["Department", "Team", "Area"],
  unit: ["Unit", "UOM", "Unit of Measure"],
  notes: ["Notes", "Comments", "Remarks"],
  ourStatus: ["KPA Status", "KPA Progress", "KPA Explanation"],
  period1: ["Q1", "Q2 2050", "Jan", "H1", "Sep-50"],
  period2: ["Q3", "Q3 2050", "Feb", "H2", "Oct-50"],
  blank: [""],
};

const KPI_NAMES = [
  "Customer Satisfaction (CSAT)",
  "Net Promoter Score",
  "First Contact Resolution",
  "Uptime",
  "MTTR",
  "Revenue",
  "Tickets closed",
  "Safety incidents",
  "Employee turnover",
  "On-time delivery",
  "Launch new website",
  "ISO 27001 certification",
  "Cost per hire",
  "Churn rate",
  "Gross margin",
  "Training completion",
  "Lost-time injuries",
  "Sales pipeline",
  "Response time",
  "Forecast accuracy",
  "Inventory turns",
  "Defect rate",
];
const ROLES = ["Team Lead", "Analyst", "Engineer", "Ana Silva", "Support Agent", "Sales Manager", "HR Partner"];
const OWNERS = ["Ana", "Bo Chen", "José Álvarez", "Ana Silva", "TBD", "Sales Manager", "Team Lead", "Ops"];

const row = (f: FieldName, m: Measure): fc.Arbitrary<Cell> => {
  switch (f) {
    case "name":
      return pick(...KPI_NAMES).map(text);
    case "goal":
      return m.goal !== undefined ? fc.constant(text(m.goal)) : pick(...KPI_NAMES, ...GOAL_SENTENCES.map(([g]) => g)).map(text);
    case "target":
      return fc.constant(m.target);
    case "actual":
      return fc.constant(m.actual);
    case "baseline":
      return m.baseline ? fc.constant(m.baseline) : pick(cell(null), cell(0.7, "0%"), text("4 hours"), cell(58));
    case "direction":
      return fc.oneof(
        { weight: 3, arbitrary: fc.constant(m.direction ?? cell(null)) },
        {
          weight: 1,
          arbitrary: pick("Higher is better", "Lower is better", "↑", "↓", "higher", "lower", "Maintain", "sideways").map(text),
        },
      );
    case "timeline":
    case "start":
      return f === "start" ? pastDateCell : timelineCell;
    case "lastReview":
      return fc.oneof(pastDateCell, fc.constant(cell(null)));
    case "completed":
      return fc.oneof(
        pick("Yes", "No", "In progress", "Delayed", "Booked", "", "Done", "Not started", "Blocked", "50%").map(text),
        pick(cell(true), cell(false), cell(1, "0%"), cell(0.5, "0%")),
        fc.tuple(fc.integer({ min: -200, max: 200 }), fc.nat(10)).map(([o, s]) => dateCell(o, s)),
      );
    case "owner":
      return pick(...OWNERS).map(text);
    case "priority":
      return pick("High", "Medium", "Low", "1", "P1", "Critical").map(text);
    case "weight":
      return fc.oneof(pick(cell(20), text("20%"), cell(0.2, "0%"), cell(10), text("high"), cell(-5), cell(null)));
    case "status":
      return pick("Green", "Amber", "Red", "TBD", "", "Pending", "On Track", "Complete", "N/A").map(text);
    case "role":
      return pick(...ROLES).map(text);
    case "trainingNeeds":
      return pick("Excel advanced", "First aid", "Leadership", "SQL basics", "Coaching skills").map(text);
    case "responsibilities":
      return pick("Runs the review", "Owns the pipeline", "Keeps the lights on", "Hires the team").map(text);
    case "reportsTo":
      return pick("Director", "CEO", "Budget for tools", "").map(text);
    case "description":
      return pick("% of tickets resolved within SLA", "Average time to restore service", "Share of customers who stay").map(text);
    case "frequency":
      return pick("Monthly", "Quarterly", "Weekly", "Annually", "Per gate", "Bi-weekly", "fortnightly-ish", "Ad hoc").map(text);
    case "department":
      return pick("Sales", "HR", "IT", "Finance", "Operations").map(text);
    case "unit":
      return pick("%", "hours", "$", "count", "").map(text);
    case "notes":
      return pick("in line with plan", "Note: excludes contractors", "see Q3 pack", "", "Trend: improving since Q2 2050").map(text);
    case "ourStatus":
      return pick("", "Met", "Off Track", "TBD").map(text);
    case "period1":
      return fc.oneof(fc.constant(m.actual), pick(cell(null), cell(0.8, "0%"), text("70%")));
    case "period2":
      return fc.oneof(fc.constant(m.actual), fc.constant(cell(null)));
    case "blank":
      return fc.constant(cell(null));
  }
};

/** A table's shape: the columns it must have and those it may have. */
interface Shape {
  readonly required: readonly FieldName[];
  readonly optional: readonly FieldName[];
  /** What its rows measure, when not the usual target and actual. */
  readonly measure?: fc.Arbitrary<Measure>;
}
const SHAPES: readonly Shape[] = [
  // KPI | Target | Actual (+ …)
  {
    required: ["name", "target", "actual"],
    optional: ["baseline", "timeline", "owner", "priority", "weight", "direction", "start", "status", "unit", "notes", "department"],
  },
  // Goal | Target | Actual | Timeline | Owner
  {
    required: ["goal", "target", "actual"],
    optional: ["timeline", "owner", "priority", "baseline", "start", "weight", "status", "direction"],
  },
  // Goal (holding its target) | Actual | Timeline
  { required: ["goal", "actual"], optional: ["timeline", "owner", "priority", "start"], measure: maybeEmpty(goalSentence) },
  // Role | Training Needs | Timeline | Completed
  { required: ["role", "trainingNeeds", "timeline"], optional: ["completed", "status", "owner"] },
  // Role | Responsibilities | Reports To
  { required: ["role", "responsibilities"], optional: ["reportsTo", "department"] },
  // KPA Element | Description | Owner | Frequency of Review | Last Review
  { required: ["name", "description"], optional: ["owner", "frequency", "lastReview", "department"] },
  // KPI | Target | Q1 | Q3: the actual read from the period columns
  { required: ["name", "target", "period1", "period2"], optional: ["owner", "timeline"] },
  // KPI | Target | Notes: no actual column
  { required: ["name", "target"], optional: ["notes", "owner", "timeline", "blank"] },
  // KPI | Target | Actual | KPA Status: our header typed by someone (or left from a copy)
  { required: ["name", "target", "actual", "ourStatus"], optional: ["timeline"] },
];
const SHAPE_WEIGHTS = [8, 6, 2, 3, 1, 2, 1, 1, 1];

const TITLES = [
  "I. Customer",
  "II. Goal-Setting and Prioritization",
  "FOUNDATIONAL KPIs (40% weight)",
  "Section 2: Operations",
  "🎯 Service Performance",
  "KPA: Safety",
  "Quarterly scorecard",
  "مؤشرات الأداء",
  "Training plan",
];
const NOTES = [
  "Note: figures as of June",
  "* excludes contractors",
  "Source: HR system export, refreshed monthly",
  "Trend: improving since Q2 2050",
];

/** A block of cells to place on a sheet, with merges relative to its top-left cell. */
export interface Block {
  readonly rows: readonly (readonly Cell[])[];
  readonly merges: readonly Rect[];
}

const tableBlock: fc.Arbitrary<Block> = fc
  .record({
    shape: fc.oneof(...SHAPES.map((s, i) => ({ weight: SHAPE_WEIGHTS[i] ?? 1, arbitrary: fc.constant(s) }))),
    extra: fc.array(fc.nat(20), { maxLength: 4 }),
    shuffle: fc.boolean(),
    seed: fc.nat(),
  })
  .chain(({ shape, extra, shuffle, seed }) => {
    const fields = [...shape.required];
    for (const e of extra) {
      const f = shape.optional[e % Math.max(1, shape.optional.length)];
      if (f !== undefined && !fields.includes(f)) fields.push(f);
    }
    if (shuffle) rotate(fields, seed);
    const headers = fc.tuple(...fields.map((f) => pick(...HEADERS[f])));
    const dataRow = (shape.measure ?? measure).chain((m) => fc.tuple(...fields.map((f) => row(f, m))));
    const mutatedRow = fc
      .tuple(
        dataRow,
        fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.tuple(fc.nat(fields.length - 1), edge) }),
      )
      .map(([cells, mut]) => (mut ? cells.map((c, i) => (i === mut[0] ? mut[1] : c)) : cells));
    return fc.record({
      headers,
      rows: fc.array(mutatedRow, { minLength: 0, maxLength: 8 }),
      title: onceIn(2, fc.tuple(pick(...TITLES), fc.boolean(), fc.boolean())),
      note: onceIn(5, pick(...NOTES)),
      headerEdge: onceIn(30, fc.tuple(fc.nat(fields.length - 1), edge)),
    });
  })
  .map(({ headers, rows, title, note, headerEdge }) => {
    const width = headers.length;
    const out: Cell[][] = [];
    const merges: Rect[] = [];
    if (title) {
      const [t, merged, gap] = title;
      out.push([text(t)]);
      if (merged && width > 1) merges.push({ top: 0, left: 0, bottom: 0, right: width - 1 });
      if (gap) out.push([]);
    }
    const head = headers.map(text);
    if (headerEdge) head[headerEdge[0]] = headerEdge[1];
    out.push(head);
    out.push(...rows);
    if (note) out.push([text(note)]);
    return { rows: out, merges };
  });

function rotate<T>(xs: T[], seed: number): void {
  // A cheap reordering that keeps the array's members: swap pairs chosen from the seed.
  for (let i = xs.length - 1; i > 0; i--) {
    const j = (seed >>> (i % 28)) % (i + 1);
    const a = xs[i] as T;
    xs[i] = xs[j] as T;
    xs[j] = a;
  }
}

/** Cells from the old property test's vocabulary: noise that sometimes reads as a header. */
const NOISE_WORDS = [
  "Goal",
  "Target",
  "Actual",
  "Baseline",
  "KPI",
  "Owner",
  "Timeline",
  "Role",
  "Training Needs",
  "Completed",
  "Status",
  "Weight",
  "Start",
  "Direction",
  "Frequency of Review",
  "Last Review",
  "KPA Status",
  "85%",
  "< 2 hours",
  "Improve NPS by 10 points.",
  "between 40% and 60%",
  "Q4 2050",
  "03/04/2050",
  "TBD",
  "N/A",
  "-",
  "Yes",
  "Approved",
  "$1.2M",
  "3:1",
  "8/10",
  "=SUM(A1)",
  "I. Section",
  "lower is better",
  "",
];
const noiseCell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 4, arbitrary: pick(...NOISE_WORDS).map(text) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map(text) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.double(), pick("General", "0%", "yyyy-mm-dd", "$#,##0", "@", "0.00", "h:mm")).map(([v, f]) => cell(v, f)),
  },
  { weight: 1, arbitrary: edge },
  { weight: 3, arbitrary: fc.constant(cell(null)) },
);
const noiseBlock: fc.Arbitrary<Block> = fc
  .array(fc.array(noiseCell, { maxLength: 7 }), { minLength: 1, maxLength: 8 })
  .map((rows) => ({ rows, merges: [] }));

export const block: fc.Arbitrary<Block> = fc.oneof({ weight: 9, arbitrary: tableBlock }, { weight: 1, arbitrary: noiseBlock });

// ---------------------------------------------------------------------------------------------
// Sheets: blocks stacked with gaps or side by side, at an offset, under one of the names people give them.
// ---------------------------------------------------------------------------------------------
const SHEET_NAMES = [
  "Sheet1",
  "KPA",
  "Goals 2050",
  "Scorecard",
  "Training",
  "KPA Summary",
  "KPA Gaps",
  "KPA History",
  "Bob's KPIs",
  "📊 Metrics",
  "Q3 (final)",
  "A".repeat(31),
  "مؤشرات",
];

interface Placed {
  readonly block: Block;
  /** Beside the previous block (same top row) rather than below everything so far. */
  readonly beside: boolean;
  readonly gap: number;
}

export function layoutSheet(
  name: string,
  placed: readonly Placed[],
  origin: { row: number; col: number },
  ragged: boolean,
  noFormats: boolean,
): SheetGrid {
  const cells = new Map<string, Cell>();
  const merges: Rect[] = [];
  let bandTop = 0;
  let bandBottom = -1;
  let prevRight = -1;
  for (const p of placed) {
    const height = p.block.rows.length;
    const width = Math.max(1, ...p.block.rows.map((r) => r.length));
    let top: number;
    let left: number;
    if (p.beside && bandBottom >= 0) {
      top = bandTop;
      left = prevRight + 1 + p.gap;
    } else {
      top = bandBottom + 1 + (bandBottom >= 0 ? p.gap : 0);
      left = 0;
      bandTop = top;
    }
    p.block.rows.forEach((r, i) => r.forEach((c, j) => cells.set(`${top + i},${left + j}`, c)));
    for (const m of p.block.merges)
      merges.push({
        top: origin.row + top + m.top,
        left: origin.col + left + m.left,
        bottom: origin.row + top + m.bottom,
        right: origin.col + left + m.right,
      });
    bandBottom = Math.max(bandBottom, top + height - 1);
    prevRight = left + width - 1;
  }
  let rows = 0;
  let cols = 0;
  for (const k of cells.keys()) {
    const [r, c] = k.split(",").map(Number) as [number, number];
    rows = Math.max(rows, r + 1);
    cols = Math.max(cols, c + 1);
  }
  const values: CellValue[][] = [];
  const numberFormats: string[][] = [];
  for (let r = 0; r < rows; r++) {
    const vr: CellValue[] = [];
    const fr: string[] = [];
    for (let c = 0; c < cols; c++) {
      const x = cells.get(`${r},${c}`);
      vr.push(x ? x.v : null);
      fr.push(x ? x.f : "General");
    }
    if (ragged) while (vr.length > 0 && vr[vr.length - 1] === null) vr.pop();
    values.push(vr);
    numberFormats.push(fr.slice(0, ragged ? vr.length : cols));
  }
  // Merged cells hold their value in the top-left cell only.
  for (const m of merges)
    for (let r = m.top; r <= m.bottom; r++)
      for (let c = m.left; c <= m.right; c++) {
        if (r === m.top && c === m.left) continue;
        const vr = values[r - origin.row];
        if (vr && c - origin.col < vr.length) vr[c - origin.col] = null;
      }
  return { name, values, ...(noFormats ? {} : { numberFormats }), origin, ...(merges.length ? { merges } : {}) };
}

const sheetBody = fc.record({
  placed: fc.array(
    fc.record({
      block,
      beside: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      gap: fc.nat(4),
    }),
    {
      minLength: 1,
      maxLength: 3,
    },
  ),
  origin: fc.record({ row: fc.nat(5), col: fc.nat(5) }),
  ragged: fc.boolean(),
  noFormats: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});

/** A measurement log: dated values of some KPIs, so actuals come from it and trends are drawn. */
const logSheet: fc.Arbitrary<SheetGrid> = fc
  .record({
    name: pick("KPA Data", "Measurements", "Log"),
    series: fc.array(
      fc.record({
        kpi: pick(...KPI_NAMES),
        start: fc.integer({ min: 40, max: 95 }),
        slope: fc.integer({ min: -8, max: 8 }),
        points: fc.integer({ min: 1, max: 5 }),
        style: fc.nat(3),
        late: fc.boolean(),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    short: fc.boolean(),
  })
  .map(({ name, series, short }) => {
    const header = short ? ["KPI", "Date", "Value"] : ["KPI", "Date or Period", "Value", "Source", "Entered by", "Note"];
    const values: CellValue[][] = [header];
    const numberFormats: string[][] = [header.map(() => "General")];
    for (const s of series) {
      for (let i = 0; i < s.points; i++) {
        const offset = -30 * (s.points - i) + (s.late ? 45 : 0);
        const v = s.start + s.slope * i;
        const date = dateCell(offset, s.style === 0 ? 0 : s.style === 1 ? 3 : 2);
        const value = s.style === 2 ? cell(v / 100, "0%") : text(`${v}%`);
        values.push([s.kpi, date.v, value.v, ...(short ? [] : ["Helpdesk export", "Ana", null])]);
        numberFormats.push(["General", date.f, value.f, ...(short ? [] : ["General", "General", "General"])]);
      }
    }
    return { name, values, numberFormats };
  });

const userSheet = fc
  .tuple(pick(...SHEET_NAMES), sheetBody)
  .map(([name, b]) => layoutSheet(name, b.placed, b.origin, b.ragged, b.noFormats));

/**
 * Defined names as an earlier evaluation or another app left them: our column blocks where nothing is any more
 * (right of what the sheet holds: a table that was wider), our sheet markers on the wrong sheet, broken references,
 * and the user's own names. A name of ours over the user's cells would make them ours, so none is generated.
 */
const names = (sheets: readonly SheetGrid[]): fc.Arbitrary<DefinedName[]> => {
  const quoted = (s: SheetGrid) => `'${s.name.replace(/'/g, "''")}'`;
  const letters = (c: number) => (c < 26 ? String.fromCharCode(65 + c) : `A${String.fromCharCode(65 + c - 26)}`);
  return fc.array(
    fc.oneof(
      fc.tuple(fc.constantFrom(...sheets), fc.nat(20), fc.nat(3), fc.nat(6), fc.nat(8)).map(([s, r, c, h, n]) => {
        const right = (s.origin?.col ?? 0) + Math.max(0, ...s.values.map((v) => v.length));
        const col = letters(right + c);
        return { name: `KPATracker_Cols_${n + 1}`, ref: `${quoted(s)}!$${col}$${r + 1}:$${col}$${r + 1 + h}` };
      }),
      fc.constantFrom(...sheets).map((s) => ({ name: "KPATracker_Sheet_Summary", ref: `${quoted(s)}!$A$1` })),
      pick(
        { name: "KPATracker_Cols_9", ref: "#REF!" },
        { name: "KPATracker_Cols_3", ref: "'Nowhere'!$A$1:$A$3" },
        { name: "Budget", ref: "Sheet1!$B$2:$B$9" },
        { name: "KPATracker_Sheet_History", ref: "'KPA History'!$A$1" },
      ),
    ),
    { maxLength: 2 },
  );
};

/** A workbook: one to three user sheets with unique names, sometimes a measurement log, now and then stale names. */
export const workbook: fc.Arbitrary<WorkbookGrid> = fc
  .record({
    sheets: fc.uniqueArray(userSheet, { minLength: 1, maxLength: 3, selector: (s) => s.name }),
    log: onceIn(4, logSheet),
    withNames: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  })
  .chain(({ sheets, log, withNames }) => {
    const all = log && !sheets.some((s) => s.name === log.name) ? [...sheets, log] : sheets;
    if (!withNames) return fc.constant<WorkbookGrid>({ sheets: all });
    return names(all).map((n) => ({ sheets: all, names: n }));
  });

/** The options an evaluation takes, across their allowed ranges. */
export const options: fc.Arbitrary<EvaluateOptions & { generatedAt: string; generator: string }> = fc
  .record({
    tolerance: fc.oneof(pick(0, 0.05, 0.1, 0.1, 0.2, 1), fc.double({ min: 0, max: 1, noNaN: true })),
    dateOrder: pick<"mdy" | "dmy">("mdy", "dmy"),
    milestoneWindowDays: pick(0, 30, 30, 366),
  })
  .map((o) => ({ asOf: AS_OF, generatedAt: "2050-06-30T09:00:00Z", generator: "fuzz", ...o }));
