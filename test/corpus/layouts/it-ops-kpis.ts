// An IT-operations KPI guide: four sections under emoji headings, each KPI Name | Description | Target Example.
// Targets "≥ 98%", "≤ 4 hours", "≥ 30 days" (MTBF: more is better), "> baseline" with no baseline anywhere.
// The guide has no actuals: an Actual column is added at the right, some in other units than the target.
import { ck, defineLayout } from "../layout";

const HEAD = ["KPI Name", "Description", "Target Example", "Actual"];

export const itOpsKpis = defineLayout({
  name: "it-ops-kpis",
  source: "victorcalife/it-service-operations ops-kpis.md",
  asOf: "2025-08-31",
  sheets: [
    {
      name: "IT Ops KPIs",
      blocks: [
        {
          at: "A1",
          rows: [
            ["📈 IT Operations – Key Performance Indicators (KPIs)"],
            [
              "This guide presents essential KPIs to measure and improve IT service operations, with a focus on performance, reliability, and continuous improvement.",
            ],
            null,
            ["🎯 Service Performance"],
            HEAD,
            ["SLA Compliance (%)", "% of tickets resolved within agreed SLA", "≥ 98%", "96.5%"],
            ["MTTR (Mean Time to Repair)", "Average time to restore service after an incident", "≤ 4 hours", "210 min"],
            ["MTBF (Mean Time Between Failures)", "Average time between system/service failures", "≥ 30 days", "3 weeks"],
            ["Uptime (%)", "Availability of critical services/systems", "≥ 99.9%", "99.95%"],
            null,
            ["🔁 Support Effectiveness"],
            HEAD,
            ["First Contact Resolution (FCR)", "% of tickets resolved without escalation", "≥ 70%", "64%"],
            ["Escalation Rate (%)", "% of tickets escalated beyond initial team", "≤ 5%", "5.4%"],
            ["Reopen Rate (%)", "% of tickets reopened after closure", "≤ 3%", "4.5%"],
            null,
            ["📦 Operational Efficiency"],
            HEAD,
            ["Backlog Aging", "% of tickets unresolved for >7 days", "≤ 10%", null],
            ["Ticket Throughput", "Avg. tickets resolved per agent/team per week", "> baseline", "42 per week"],
            ["Change Success Rate", "% of changes with no incident/regression", "≥ 95%", "97%"],
            null,
            ["🧠 Knowledge & Prevention"],
            HEAD,
            ["RCA Completion Rate", "% of incidents with RCA completed within timeframe", "≥ 90%", "17 of 20"],
            ["Problem Recurrence Rate", "% of repeated incidents for same root cause", "≤ 2%", "3 incidents"],
          ],
        },
      ],
    },
  ],
  checks: [
    ck("SLA Compliance (%)", "At Risk", "96.5% vs ≥ 98%: 1.5% short"),
    ck("MTTR (Mean Time to Repair)", "Met", "210 min = 3.5 hours ≤ 4 hours (time converted)"),
    ck("MTBF (Mean Time Between Failures)", "Off Track", "3 weeks = 21 days vs ≥ 30 days: 30% short"),
    ck("Uptime (%)", "Met", "99.95% ≥ 99.9%"),
    ck("First Contact Resolution (FCR)", "At Risk", "64% vs ≥ 70%: 8.6% short"),
    ck("Escalation Rate (%)", "At Risk", "5.4% vs ≤ 5%: 8% over"),
    ck("Reopen Rate (%)", "Off Track", "4.5% vs ≤ 3%: 50% over"),
    ck("Backlog Aging", "No Data", "no actual"),
    ck("Ticket Throughput", "Needs Target", "'> baseline' has no number and there is no Baseline"),
    ck("Change Success Rate", "Met", "97% ≥ 95%"),
    ck("RCA Completion Rate", "At Risk", "17 of 20 = 85% vs ≥ 90%: 5.6% short (share vs percent target)"),
    ck("Problem Recurrence Rate", "No Data", "unit mismatch: '3 incidents' (a count) vs '≤ 2%' (a rate): error, no guess"),
  ],
});
