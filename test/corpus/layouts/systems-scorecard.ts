// A weekly engineering systems scorecard with its own figures: title lines (one holding an unexpanded "$(date -I)"),
// Metric | Current | Target | Trend | Status, durations in h, min and ms on both sides, strict "<" targets.
import { ck, defineLayout } from "../layout";

export const systemsScorecard = defineLayout({
  name: "systems-scorecard",
  source: "shardie-github/floyo systems/scorecard.md",
  asOf: "2025-06-02",
  sheets: [
    {
      name: "Scorecard",
      blocks: [
        {
          at: "A1",
          rows: [
            ["Systems Scorecard"],
            ["Last Updated: $(date -I)"],
            ["Frequency: Weekly (Monday 04:40 UTC)"],
            null,
            ["Metrics Overview"],
            ["Metric", "Current", "Target", "Trend", "Status"],
            ["Lead Time", "5.5h", "<2h", "🔴", "Needs Improvement"],
            ["Cycle Time", "1.75h", "<1.25h", "🟡", "In Progress"],
            ["PR Queue Length", 2, "<1", "🟡", "In Progress"],
            ["CI Failure Rate", "10%", "<5%", "🟡", "In Progress"],
            ["MTTR", "60min", "<30min", "🔴", "Needs Improvement"],
            ["Rework %", "8%", "<3.5%", "🟡", "In Progress"],
            ["Uptime", "99.5%", "99.9%", "🟡", "In Progress"],
            ["p95 Latency", "750ms", "<500ms", "🔴", "Needs Improvement"],
            null,
            ["Legend:"],
            ["🟢 Green: On target"],
            ["🟡 Amber: In progress, approaching target"],
            ["🔴 Red: Needs improvement"],
          ],
        },
      ],
    },
  ],
  checks: [
    ck("Lead Time", "Off Track", "5.5h vs < 2h: 175% over"),
    ck("Cycle Time", "Off Track", "1.75h vs < 1.25h: 40% over"),
    ck("PR Queue Length", "Off Track", "2 vs < 1: 100% over"),
    ck("CI Failure Rate", "Off Track", "10% vs < 5%: 100% over"),
    ck("MTTR", "Off Track", "60min vs < 30min: 100% over"),
    ck("Rework %", "Off Track", "8% vs < 3.5%: 129% over"),
    ck("Uptime", "At Risk", "99.5% vs ≥ 99.9%: 0.4% short"),
    ck("p95 Latency", "Off Track", "750ms vs < 500ms: 50% over"),
  ],
});
