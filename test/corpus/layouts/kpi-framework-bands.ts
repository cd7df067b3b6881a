// A project-analytics KPI framework: a numbered list of seven metrics, each with a formula and a target, rebuilt as a
// table under two title lines. Targets include a band "80–95%", a deviation "≤ ±10%", "≤ 5 days", and one metric
// with no target at all ("trending up"). The source has no actuals.
import { ck, defineLayout, pct } from "../layout";

export const kpiFrameworkBands = defineLayout({
  name: "kpi-framework-bands",
  source: "KapilBlr/Performance-Analytics-and-KPI-Tracker docs/02_kpis.md",
  asOf: "2025-09-30",
  sheets: [
    {
      name: "KPI Framework",
      blocks: [
        {
          at: "A1",
          rows: [
            ["KPI Framework"],
            ["Tracking 7 key metrics:"],
            null,
            ["#", "KPI", "Formula", "Target", "Actual"],
            [1, "On-Time Delivery (%)", "(On-time projects / Total projects) × 100", "≥ 85%", pct(0.81)],
            [2, "Resource Utilization (%)", "(Actual hours / Planned hours) × 100", "80–95%", pct(0.975, "0.0%")],
            [3, "Cost Variance (%)", "((Actual - Planned) / Planned) × 100", "≤ ±10%", "+13%"],
            [4, "Task Completion Rate (%)", "(Completed tasks / Total tasks) × 100", "≥ 90%", "172 of 200"],
            [5, "Average Delay (days)", "Sum of delays / Number of delayed projects", "≤ 5 days", "1 week"],
            [6, "Project Success Rate (%)", "(Successful projects / Total projects) × 100", "≥ 80%", "7/10 projects"],
            [7, "Project Velocity", "Measure: Average projects completed per month — trending up", null, "3.4 per month"],
          ],
        },
      ],
    },
  ],
  checks: [
    ck("On-Time Delivery (%)", "At Risk", "81% vs ≥ 85%: 4.7% short"),
    ck("Resource Utilization (%)", "At Risk", "97.5% outside 80–95%: 2.5 points above, 2.9% of the centre 87.5%"),
    ck("Cost Variance (%)", "Off Track", "+13% outside −10%..+10% (no centre): 3 points beyond, 30% of the bound"),
    ck("Task Completion Rate (%)", "At Risk", "172 of 200 = 86% vs ≥ 90%: 4.4% short (share vs percent target)"),
    ck("Average Delay (days)", "Off Track", "1 week = 7 days vs ≤ 5 days: 40% over (time converted)"),
    ck("Project Success Rate (%)", "Off Track", "7/10 projects = 70% vs ≥ 80%: 12.5% short"),
    ck("Project Velocity", "Needs Target", "no target (the measure only says 'trending up')"),
  ],
});
