// A generated SLA page: a title and a date line above an overview table headed Service | Target | Current | Status,
// then definition tables that hold targets only. The source's Current cells all said TBD.
import { ck, defineLayout } from "../layout";

export const slaTracking = defineLayout({
  name: "sla-tracking",
  source: "AbyzAnna/edufeed .specweave/docs/internal/operations/SLA-TRACKING.md",
  asOf: "2025-12-31",
  sheets: [
    {
      name: "SLA",
      blocks: [
        {
          at: "A1",
          rows: [
            ["Service Level Agreements (SLA)"],
            ["Generated: 12/30/2025"],
            null,
            ["SLA Overview"],
            ["Service", "Target", "Current", "Status"],
            ["Availability", "99.9%", "99.82%", "🟡"],
            ["Response Time (p95)", "< 200ms", "240ms", "🟡"],
            ["Error Rate", "< 0.1%", "TBD", "🟡"],
            null,
            ["Definitions"],
            ["Availability"],
            ["Percentage of time the service is operational and accessible."],
            ["Target", "Monthly Downtime"],
            ["99.9%", "43.8 minutes"],
            ["99.95%", "21.9 minutes"],
            ["99.99%", "4.38 minutes"],
            null,
            ["Response Time"],
            ["Time from request receipt to response delivery."],
            ["Percentile", "Target"],
            ["p50", "< 50ms"],
            ["p95", "< 200ms"],
            ["p99", "< 500ms"],
          ],
        },
      ],
    },
  ],
  checks: [
    ck("Availability", "At Risk", "99.82% vs ≥ 99.9%: 0.08% short", { occurrence: 1 }),
    ck("Response Time (p95)", "Off Track", "240ms vs < 200ms: 20% over (response time: lower is better)"),
    ck("Error Rate", "No Data", "actual TBD = no value"),
  ],
});
