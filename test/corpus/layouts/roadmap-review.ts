// A monthly roadmap review with its own figures: a milestone table (Target Date, Health 85/100, Progress %) above a
// Key Metrics table headed Metric | Value | Target | Status, where Value is the only actual. "3/5 (60%)" against
// "80%", "50% (mid-Q1)", "87 pts/cycle" against "95 pts/cycle", "2 critical" against "0".
import { ck, defineLayout } from "../layout";

export const roadmapReview = defineLayout({
  name: "roadmap-review",
  source: "coalesce-labs/catalyst plugins/pm/templates/reports/MONTHLY_EXAMPLE.md",
  asOf: "2025-01-17",
  sheets: [
    {
      name: "Monthly Review",
      blocks: [
        {
          at: "A1",
          rows: [
            ["Monthly Roadmap Review - January 2025"],
            [
              "Strategic Overview: Q1 roadmap is mixed health (3 on track, 1 at risk, 1 critical). API Platform v2 launch on schedule for Jan 31. Mobile app delayed 2 weeks due to resource constraints.",
            ],
            null,
            ["Executive Summary"],
            ["Quarter at a Glance (Q1 2025)"],
            ["Milestone", "Target Date", "Health", "Progress", "Status"],
            ["API Platform v2", "Jan 31", "🟢 85/100", "72%", "On track for early delivery"],
            ["Mobile App Beta", "Feb 15", "🟡 62/100", "42%", "At risk, projected Feb 28 (+13 days)"],
            ["Dashboard v3", "Mar 1", "🔴 45/100", "28%", "Critical, projected Mar 22 (+21 days)"],
            ["Analytics Platform", "Mar 15", "🟢 78/100", "55%", "On track"],
            ["Security Audit", "Mar 31", "🟢 80/100", "48%", "On track"],
            null,
            ["Key Metrics"],
            ["Metric", "Value", "Target", "Status"],
            ["Milestones On Track", "3/5 (60%)", "80%", "🟡 Below target"],
            ["Overall Progress", "49%", "50% (mid-Q1)", "🟡 Slightly behind"],
            ["Team Velocity", "87 pts/cycle", "95 pts/cycle", "🟡 Below capacity"],
            ["Blockers", "2 critical", "0", "🔴 Needs attention"],
            ["Resource Utilization", "78%", "85%", "🟡 Underutilized"],
            null,
            ["Resource Utilization"],
            ["Team", "Capacity", "Allocated", "Utilization", "Status"],
            ["Backend", "5 devs", "4.2 FTE", "84%", "🟢 Good"],
            ["Frontend", "4 devs", "2.8 FTE", "70%", "🟡 Underutilized"],
            ["Mobile", "2 devs", "2.0 FTE", "100%", "🔴 At capacity"],
            ["Design", "2 designers", "2.0 FTE", "100%", "🔴 At capacity"],
          ],
        },
      ],
    },
  ],
  checks: [
    ck("Milestones On Track", "Off Track", "3/5 = 60% vs ≥ 80%: 25% short (share vs percent target)"),
    ck("Overall Progress", "At Risk", "49% vs ≥ 50% (the note is not part of the number): 2% short"),
    ck("Team Velocity", "At Risk", "87 pts/cycle vs ≥ 95 pts/cycle: 8.4% short"),
    ck("Blockers", "Off Track", "zero target, 2 above it"),
    ck("Resource Utilization", "At Risk", "78% vs ≥ 85%: 8.2% short", { occurrence: 1 }),
  ],
});
