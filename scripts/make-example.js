// Regenerates examples/customer-service-kpa.xlsx, the workbook `npm run demo` evaluates.
// Run: node scripts/make-example.js   (after npm ci)
const path = require("path");
const ExcelJS = require("exceljs");

const d = (iso) => new Date(`${iso}T00:00:00Z`);
const rows = [
  ["Key Performance Areas (KPA): Customer Service"],
  ["Prepared by: Service Operations"],
  ["Reviewed quarterly with the leadership team"],
  ["How the support organisation is measured, the goals for this year, who owns them and the training behind them."],
  [],
  ["I. Performance Evaluation and Management"],
  ["KPA Element", "Description", "Measurement Method", "Frequency of Review", "Responsible Party", "Last Review"],
  ["Customer Satisfaction (CSAT)", "Share of surveyed customers who rate their support experience 4 or 5 out of 5.", "Post-ticket surveys", "Quarterly", "Customer Experience Lead", d("2050-07-05")],
  ["Net Promoter Score (NPS)", "Likelihood that customers recommend us, promoters minus detractors.", "Twice-yearly relationship survey", "Biannually", "Marketing Manager", d("2050-03-20")],
  ["Customer Retention Rate", "Customers still active twelve months after their first purchase.", "CRM cohort report", "Annually", "Sales Director", d("2050-01-15")],
  ["First Response Time", "Average time from a new ticket to the first human reply.", "Helpdesk reporting", "Monthly", "Support Manager", d("2050-08-31")],
  ["First-Contact Resolution", "Share of tickets solved without a follow-up contact.", "Helpdesk ticket analysis", "Monthly", "Support Supervisor", d("2050-09-30")],
  [],
  ["II. Goal-Setting and Prioritization"],
  ["Each goal is judged against its target as of the evaluation date; Baseline and Start Date let KPA Tracker tell On Track from At Risk."],
  ["Goal", "Target", "Timeline", "Priority Level", "Owner", "Baseline", "Actual", "Start Date"],
  ["Raise CSAT", "Achieve a CSAT score of 85% or higher.", "December 15, 2050", "High", "Customer Experience Lead", 0.72, 0.86, d("2050-01-01")],
  ["Achieve NPS of 45", "Improve NPS by 10 points.", "June 30, 2050", "Medium", "Marketing Manager", 35, 41, d("2050-01-01")],
  ["Improve Retention Rate", "Retain 90% of customers year-over-year.", "December 31, 2050", "High", "Sales Director", 0.85, 0.88, d("2050-01-01")],
  ["Reduce First Response Time", "Average first response in under 2 hours.", "October 31, 2050", "Medium", "Customer Service Manager", "4 hours", "3.5 hours", d("2050-01-01")],
  ["Increase First-Contact Resolution", "Achieve a first-contact resolution rate of 80%.", "November 30, 2050", "High", "Support Supervisor", 0.7, 0.79, d("2050-01-01")],
  ["Publish a self-service help centre", "Complete", "Q3 2050", "Low", "Support Manager", null, "In progress", d("2050-04-01")],
  [],
  ["III. Role Clarity and Accountability"],
  ["Every goal owner and responsible party should appear here."],
  ["Role", "Responsibilities", "Accountability", "Reporting Structure", "Support Needed"],
  ["Customer Experience Lead", "Sets the service strategy and owns satisfaction.", "Overall CSAT", "Reports to Chief Operating Officer", "Budget for survey tooling"],
  ["Marketing Manager", "Runs the NPS programme and acts on feedback.", "NPS", "Reports to VP Marketing", "Survey analysis from Support"],
  ["Sales Director", "Runs renewal and retention plays.", "Retention", "Reports to Chief Executive Officer", "Churn-risk reports"],
  ["Support Manager", "Runs the support desk day to day.", "Response times and help centre", "Reports to Customer Experience Lead", "Two more agents in Q4"],
  ["Support Supervisor", "Coaches agents on first-contact resolution.", "Resolution rate", "Reports to Support Manager", "Time for weekly coaching"],
  [],
  ["IV. Employee Development and Training Needs"],
  ["Training that supports the goals above."],
  ["Role", "Training Needs", "Training Provider", "Timeline", "Expected Outcome", "Completed"],
  ["Customer Experience Lead", "Customer analytics", "External consultant", d("2050-02-15"), "Decisions grounded in data", "Yes"],
  ["Marketing Manager", "Survey design", "Online course", d("2050-03-30"), "Better NPS response rates", "No"],
  ["Support Manager", "Workforce planning", "Industry conference", d("2050-11-20"), "Fewer queue spikes", null],
  ["Support Supervisor", "Troubleshooting coaching", "In-house workshop", d("2050-06-15"), "More tickets solved first time", d("2050-06-10")],
];

async function main() {
  const wb = new ExcelJS.Workbook();
  wb.creator = "KPA Tracker";
  const ws = wb.addWorksheet("Customer Service KPA");
  [36, 48, 30, 18, 26, 14, 14, 14].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  rows.forEach((r, i) => {
    const row = ws.getRow(i + 1);
    r.forEach((v, j) => {
      if (v === null || v === undefined) return;
      const cell = row.getCell(j + 1);
      cell.value = v;
      if (v instanceof Date) cell.numFmt = "mmm d, yyyy";
    });
  });
  // Goal baselines and actuals that are fractions are percentages.
  for (let r = 17; r <= 22; r++) for (const c of [6, 7]) if (typeof ws.getCell(r, c).value === "number" && r !== 18) ws.getCell(r, c).numFmt = "0%";
  for (const r of [1]) ws.getCell(r, 1).font = { bold: true, size: 16, color: { argb: "FF1F3864" } };
  for (const r of [6, 14, 24, 32]) ws.getCell(r, 1).font = { bold: true, size: 13, color: { argb: "FF1F3864" } };
  for (const r of [7, 16, 26, 34]) {
    ws.getRow(r).eachCell((c) => {
      c.font = { bold: true, color: { argb: "FF1F3864" } };
      c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
    });
  }
  const out = path.join(__dirname, "..", "examples", "customer-service-kpa.xlsx");
  await wb.xlsx.writeFile(out);
  console.log(`Wrote ${out}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
