// A company's ESG compliance document: carbon goals written relative to a 2020 baseline ("20% reduction from 2020
// baseline", "Net zero emissions"), a monthly Metric | Target | Current | Status table whose author wrote "Track" as the
// current value and "⚠️ Behind" as the status, and social targets in bullets ("Zero", "40+/year", "40% underrepresented
// groups", "60% from host communities", "1% of profits"). The carbon goals and social bullets are rebuilt as tables
// with added Baseline / Actual columns.
import { ck, defineLayout } from "../layout";

const SOCIAL = ["Metric", "Target", "Actual"];

export const esgComplianceMetrics = defineLayout({
  name: "esg-compliance-metrics",
  source: "HimanshiGoyal2005/GLedger documents/esg_compliance.md",
  asOf: "2025-06-30",
  sheets: [
    {
      name: "ESG",
      blocks: [
        {
          at: "A1",
          rows: [
            ["ESG Compliance Document"],
            ["Environmental, Social, and Governance Framework"],
            null,
            ["Environmental Commitments"],
            ["Carbon Neutrality Goals"],
            ["Carbon Neutrality Goal", "Target", "Baseline", "Actual"],
            ["2025 Target", "20% reduction from 2020 baseline", "48,200 tCO2e", "40,900 tCO2e"],
            ["2030 Target", "50% reduction from 2020 baseline", "48,200 tCO2e", "40,900 tCO2e"],
            ["2040 Target", "Net zero emissions", "48,200 tCO2e", "40,900 tCO2e"],
            null,
            ["Scope 1 Emissions (Direct): Owned/controlled facilities; Company vehicles; On-site fuel combustion"],
            ["Scope 2 Emissions (Indirect): Purchased electricity; Purchased steam/heat/cooling"],
            [
              "Scope 3 Emissions (Value Chain): Supplier emissions (Category 1); Transportation (Category 4, 9); Employee commuting (Category 7)",
            ],
            null,
            ["Sustainability Metrics"],
            ["Monthly Tracking"],
            ["Metric", "Target", "Current", "Status"],
            ["Total CO2 Emissions", "< 5000 tons", "Track", "Monitor"],
            ["Energy Intensity", "< 100 kWh/unit", "108 kWh/unit", "Monitor"],
            ["Renewable Energy %", "> 30%", "22%", "⚠️ Behind"],
            ["Waste Diversion", "> 75%", "68%", "⚠️ Behind"],
            ["Water Recycling", "> 40%", "35%", "⚠️ Behind"],
            null,
            ["Quarterly Reviews: Board ESG Committee meeting; Third-party audit of emissions data; Supplier sustainability assessment"],
            null,
            ["Social Responsibility"],
            ["Workforce"],
            SOCIAL,
            ["Safety incidents", "Zero", "2 incidents"],
            ["Training hours per employee", "40+/year", "3.1/month"],
            ["Diversity goal", "40% underrepresented groups", "37% underrepresented groups"],
            null,
            ["Community"],
            SOCIAL,
            ["Local hiring", "60% from host communities", "212 of 340 hires"],
            ["Community investment", "1% of profits", "0.8% of profits"],
            ["Public transparency reports", null, "Published"],
            null,
            ["Governance"],
            [
              "Board Oversight: ESG Committee with 3 independent directors; Quarterly ESG performance reviews; Annual sustainability report",
            ],
            ["Transparency: CDP submission; TCFD aligned reporting; GRI standards"],
          ],
        },
      ],
    },
  ],
  checks: [
    ck("2025 Target", "At Risk", "baseline 48,200 × 0.8 = ≤ 38,560 tCO2e; 40,900 is 6.1% over (not past 2025, no start date)"),
    ck("2030 Target", "Off Track", "baseline 48,200 × 0.5 = ≤ 24,100 tCO2e; 40,900 is 69.7% over"),
    ck("2040 Target", "Off Track", "'Net zero emissions' means at most 0; 40,900 tCO2e is above zero"),
    ck("Energy Intensity", "At Risk", "108 kWh/unit vs < 100 kWh/unit: 8% over"),
    ck("Renewable Energy %", "Off Track", "22% vs > 30%: 26.7% short (author's ⚠️ Behind is not used)"),
    ck("Waste Diversion", "At Risk", "68% vs > 75%: 9.3% short"),
    ck("Water Recycling", "Off Track", "35% vs > 40%: 12.5% short"),
    ck("Safety incidents", "Off Track", "zero target; 2 incidents is above zero"),
    ck("Training hours per employee", "At Risk", "3.1/month = 37.2/year vs ≥ 40/year: 7% short (per-period converted)"),
    ck("Diversity goal", "At Risk", "37% vs 40% underrepresented groups: 7.5% short"),
    ck("Local hiring", "Met", "212 of 340 = 62.4% ≥ 60% (count out of total vs a percentage)"),
    ck("Community investment", "Off Track", "0.8% vs 1% of profits: 20% short"),
    ck("Public transparency reports", "Needs Target", "no target"),
  ],
});
