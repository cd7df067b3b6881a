// The example workbook: what `npm run demo` evaluates (as examples/customer-service-kpa.xlsx) and what the
// browser demo loads into the in-memory Excel. Pure data, so both paths share one source.
import { type CellValue, type SheetGrid, type WorkbookGrid, LOG_HEADERS, LOG_SHEET, LOG_WIDTHS } from "../engine";

export const EXAMPLE_SHEET = "Customer Service KPA";
export const EXAMPLE_COLUMN_WIDTHS = [36, 48, 30, 18, 26, 14, 20, 26];
export const DATE_FORMAT = "mmm d, yyyy";

const d = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

// prettier-ignore -- one row per line reads like the sheet
export const EXAMPLE_ROWS: readonly (readonly CellValue[])[] = [
  ["Key Performance Areas (KPA): Customer Service"],
  ["Prepared by: Service Operations"],
  ["Reviewed quarterly with the leadership team"],
  ["How the support organisation is measured, the goals for this year, who owns them and the training behind them."],
  [],
  ["I. Performance Evaluation and Management"],
  // Every table is eight columns wide, so the status columns KPA Tracker adds line up down the sheet.
  [
    "KPA Element",
    "Description",
    "Measurement Method",
    "Frequency of Review",
    "Responsible Party",
    "Last Review",
    "Dashboard",
    "Review Forum",
  ],
  [
    "Customer Satisfaction (CSAT)",
    "Share of surveyed customers who rate their support experience 4 or 5 out of 5.",
    "Post-ticket surveys",
    "Quarterly",
    "Customer Experience Lead",
    d("2050-07-05"),
    "Service dashboard",
    "Quarterly business review",
  ],
  [
    "Net Promoter Score (NPS)",
    "Likelihood that customers recommend us, promoters minus detractors.",
    "Twice-yearly relationship survey",
    "Biannually",
    "Marketing Manager",
    d("2050-03-20"),
    "Marketing dashboard",
    "Leadership offsite",
  ],
  [
    "Customer Retention Rate",
    "Customers still active twelve months after their first purchase.",
    "CRM cohort report",
    "Annually",
    "Sales Director",
    d("2050-01-15"),
    "Revenue dashboard",
    "Annual planning",
  ],
  [
    "First Response Time",
    "Average time from a new ticket to the first human reply.",
    "Helpdesk reporting",
    "Monthly",
    "Support Manager",
    d("2050-08-31"),
    "Helpdesk dashboard",
    "Weekly support huddle",
  ],
  [
    "First-Contact Resolution",
    "Share of tickets solved without a follow-up contact.",
    "Helpdesk ticket analysis",
    "Monthly",
    "Support Supervisor",
    d("2050-09-30"),
    "Helpdesk dashboard",
    "Weekly support huddle",
  ],
  [],
  ["II. Goal-Setting and Prioritization"],
  ["Each goal is judged against its target as of the evaluation date; Baseline and Start Date let KPA Tracker tell On Track from At Risk."],
  ["Goal", "Target", "Timeline", "Priority Level", "Owner", "Baseline", "Actual", "Start Date"],
  [
    "Raise CSAT",
    "Achieve a CSAT score of 85% or higher.",
    "December 15, 2050",
    "High",
    "Customer Experience Lead",
    0.72,
    0.86,
    d("2050-01-01"),
  ],
  ["Achieve NPS of 45", "Improve NPS by 10 points.", "June 30, 2050", "Medium", "Marketing Manager", 35, 41, d("2050-01-01")],
  [
    "Improve Retention Rate",
    "Retain 90% of customers year-over-year.",
    "December 31, 2050",
    "High",
    "Sales Director",
    0.85,
    0.88,
    d("2050-01-01"),
  ],
  [
    "Reduce First Response Time",
    "Average first response in under 2 hours.",
    "October 31, 2050",
    "Medium",
    "Customer Service Manager",
    "4 hours",
    "3.5 hours",
    d("2050-01-01"),
  ],
  [
    "Increase First-Contact Resolution",
    "Achieve a first-contact resolution rate of 80%.",
    "November 30, 2050",
    "High",
    "Support Supervisor",
    0.7,
    null,
    d("2050-01-01"),
  ],
  ["Publish a self-service help centre", "Complete", "Q3 2050", "Low", "Support Manager", null, "In progress", d("2050-04-01")],
  [],
  ["III. Role Clarity and Accountability"],
  ["Every goal owner and responsible party should appear here."],
  ["Role", "Responsibilities", "Accountability", "Reporting Structure", "Support Needed"],
  [
    "Customer Experience Lead",
    "Sets the service strategy and owns satisfaction.",
    "Overall CSAT",
    "Reports to Chief Operating Officer",
    "Budget for survey tooling",
  ],
  ["Marketing Manager", "Runs the NPS programme and acts on feedback.", "NPS", "Reports to VP Marketing", "Survey analysis from Support"],
  ["Sales Director", "Runs renewal and retention plays.", "Retention", "Reports to Chief Executive Officer", "Churn-risk reports"],
  [
    "Support Manager",
    "Runs the support desk day to day.",
    "Response times and help centre",
    "Reports to Customer Experience Lead",
    "Two more agents in Q4",
  ],
  [
    "Support Supervisor",
    "Coaches agents on first-contact resolution.",
    "Resolution rate",
    "Reports to Support Manager",
    "Time for weekly coaching",
  ],
  [],
  ["IV. Employee Development and Training Needs"],
  ["Training that supports the goals above."],
  ["Role", "Training Needs", "Training Provider", "Timeline", "Expected Outcome", "Completed", "Delivery", "Seats"],
  [
    "Customer Experience Lead",
    "Customer analytics",
    "External consultant",
    d("2050-02-15"),
    "Decisions grounded in data",
    "Yes",
    "On site",
    1,
  ],
  ["Marketing Manager", "Survey design", "Online course", d("2050-03-30"), "Better NPS response rates", "No", "Online", 2],
  ["Support Manager", "Workforce planning", "Industry conference", d("2050-11-20"), "Fewer queue spikes", null, "In person", 1],
  [
    "Support Supervisor",
    "Troubleshooting coaching",
    "In-house workshop",
    d("2050-06-15"),
    "More tickets solved first time",
    d("2050-06-10"),
    "In house",
    6,
  ],
];

/** 1-based rows of the section titles ("IV. …") and of the table header under each, for styling. */
export const EXAMPLE_SECTION_ROWS: readonly number[] = EXAMPLE_ROWS.flatMap((r, i) =>
  /^[IVX]+\. /.test(String(r[0] ?? "")) ? [i + 1] : [],
);
export const EXAMPLE_HEADER_ROWS: readonly number[] = EXAMPLE_SECTION_ROWS.map((section) => {
  // A header is the first row under its section title with a value in several columns (a caption has one).
  const at = EXAMPLE_ROWS.findIndex((r, i) => i >= section && r.filter((v) => v !== null && v !== undefined).length > 1);
  return at + 1;
});

/** Goal baselines and actuals that are fractions are percentages (rows 17–22, columns F–G; NPS is points). */
export function exampleFormat(row: number, col: number, v: CellValue): string {
  if (v instanceof Date) return DATE_FORMAT;
  if (typeof v === "number" && row >= 17 && row <= 22 && row !== 18 && (col === 6 || col === 7)) return "0%";
  return "General";
}

export { LOG_SHEET as EXAMPLE_LOG_SHEET, LOG_WIDTHS as EXAMPLE_LOG_WIDTHS };

/** The measurement log: several periods per KPI, so trends and projections show. First-Contact Resolution has no
 * Actual in the table, so its actual comes from here. */
// prettier-ignore -- one measurement per line reads like the sheet
export const EXAMPLE_LOG: readonly (readonly CellValue[])[] = [
  [...LOG_HEADERS],
  ["Customer Satisfaction (CSAT)", d("2050-06-30"), 0.78, "Post-ticket surveys", "Customer Experience Lead", null],
  ["Net Promoter Score (NPS)", "H2 2049", 35, "Relationship survey", "Marketing Manager", "Baseline wave"],
  ["Net Promoter Score (NPS)", "H1 2050", 41, "Relationship survey", "Marketing Manager", null],
  ["Customer Retention Rate", "Q1 2050", 0.86, "CRM cohort report", "Sales Director", null],
  ["Customer Retention Rate", "Q2 2050", 0.87, "CRM cohort report", "Sales Director", null],
  ["Customer Retention Rate", "Q3 2050", 0.875, "CRM cohort report", "Sales Director", "Two enterprise renewals slipped"],
  ["First-Contact Resolution", d("2050-06-30"), 0.72, "Helpdesk ticket analysis", "Support Supervisor", null],
  ["First-Contact Resolution", d("2050-07-31"), 0.74, "Helpdesk ticket analysis", "Support Supervisor", null],
  ["First-Contact Resolution", d("2050-08-31"), 0.765, "Helpdesk ticket analysis", "Support Supervisor", "Weekly coaching started"],
  ["First-Contact Resolution", d("2050-09-30"), 0.79, "Helpdesk ticket analysis", "Support Supervisor", null],
];

/** Log values that are fractions are percentages (column C; NPS is points). */
export function exampleLogFormat(col: number, v: CellValue): string {
  if (v instanceof Date) return "yyyy-mm-dd";
  if (col === 3 && typeof v === "number" && v < 1) return "0.0%";
  return "General";
}

export function exampleGrid(): WorkbookGrid {
  const values = EXAMPLE_ROWS.map((r) => [...r]);
  const numberFormats = values.map((r, i) => r.map((v, j) => exampleFormat(i + 1, j + 1, v)));
  const sheet: SheetGrid = { name: EXAMPLE_SHEET, values, numberFormats };
  const logValues = EXAMPLE_LOG.map((r) => [...r]);
  const log: SheetGrid = {
    name: LOG_SHEET,
    values: logValues,
    numberFormats: logValues.map((r) => r.map((v, j) => exampleLogFormat(j + 1, v))),
  };
  return { sheets: [sheet, log] };
}
