// A sample balanced-scorecard table from a course question: Perspective | Objective | Metric | Target Value, the
// perspective written only on the first row of its group, targets all written "> x" (%, ratio, $, plain count).
// Two objectives have no target in the sample, one metric no objective. The sample has no actuals: an Actual
// column is added at the right.
import { ck, defineLayout, money, pct } from "../layout";

export const balancedScorecardSample = defineLayout({
  name: "balanced-scorecard-sample",
  source: "https://unifolks.com/questions/build-a-balanced-scorecard-for-the-unit-of-the-organization-for-which-you-work-317879.html",
  asOf: "2025-12-31",
  sheets: [
    {
      name: "Balanced Scorecard",
      blocks: [
        {
          at: "A1",
          rows: [
            ["Perspective", "Objective", "Metric", "Target Value", "Actual"],
            ["Financial", "Revenue Growth", "Annual Rate of Growth", "> 6%", "5.6% YoY"],
            [null, "Operating Profit Growth", "% EBIT/Sales", "> 7%", pct(0.074, "0.0%")],
            [null, "Short-term Solvency", "Current Ratio", "> 2.0", 1.7],
            [null, "Long-term Solvency", "Long-term Debt/Equity", null, 0.6],
            ["Customer", "Increase Number of Customers", "Annual rate of Customers Increase", "> 5%", pct(0.062, "0.0%")],
            [null, "Maintaining Transaction Size", "Average Transaction Size", "> $600", money(575)],
            [null, "Improve Customer Satisfaction", "Median Score: Customer Survey", "> 90%", pct(0.88)],
            ["Internal", "Product Improvement", "Ratio of New to Old Products", "> 4%", pct(0.045, "0.0%")],
            [null, null, "% R&D Expense to Revenue", "> 8%", null],
            [null, "Maintain Market Share", "Market Share %", "> 24%", pct(0.19)],
            ["Learning", "Employee Training", "Annual Hours of Employee Training", "> 30,000", "31,200 hours"],
            [null, "Employee Turnover", null, null, pct(0.14)],
            [null, "Employee Compensation", "Average Compensation", "> $38,000", money(36500)],
          ],
        },
      ],
    },
  ],
  checks: [
    ck("Annual Rate of Growth", "At Risk", "5.6% YoY vs > 6% (qualifier on one side only): 6.7% short"),
    ck("% EBIT/Sales", "Met", "7.4% > 7%"),
    ck("Current Ratio", "Off Track", "1.7 vs > 2.0: 15% short"),
    ck("Long-term Debt/Equity", "Needs Target", "no target in the sample"),
    ck("Annual rate of Customers Increase", "Met", "6.2% > 5%"),
    ck("Average Transaction Size", "At Risk", "$575 vs > $600: 4.2% short"),
    ck("Median Score: Customer Survey", "At Risk", "88% vs > 90%: 2.2% short"),
    ck("Ratio of New to Old Products", "Met", "4.5% > 4%"),
    ck("% R&D Expense to Revenue", "No Data", "no actual"),
    ck("Market Share %", "Off Track", "19% vs > 24%: 21% short"),
    ck("Annual Hours of Employee Training", "Met", "31,200 hours > 30,000 (bare target read in the actual's unit)"),
    ck("Employee Turnover", "Needs Target", "no metric, no target in the sample"),
    ck("Average Compensation", "At Risk", "$36,500 vs > $38,000: 3.9% short"),
  ],
});
