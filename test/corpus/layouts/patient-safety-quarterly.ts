// A hospital's quarterly patient-safety report with its own figures: the reporting quarter's column ("Q1 2025") sits
// left of the Target and the previous quarter's ("Q4 2024") right of it; targets are "<2.0" / ">4.5"; a score
// "4.7/5.0" against a bare ">4.5"; "3.0 days" against a bare "<3.5"; rates per 1000 patient days.
import { ck, defineLayout, pct } from "../layout";

export const patientSafetyQuarterly = defineLayout({
  name: "patient-safety-quarterly",
  source: "WhereisMaya/MISS example_evidence/reports/patient_safety_quarterly_2025_q1.md",
  asOf: "2025-04-01",
  sheets: [
    {
      name: "Q1 2025",
      blocks: [
        {
          at: "A1",
          rows: [
            ["Patient Safety Quarterly Report - Q1 2025"],
            null,
            ["Key Performance Indicators"],
            ["🎯 Safety Metrics"],
            ["Metric", "Q1 2025", "Target", "Q4 2024", "Change"],
            ["Fall Rate (per 1000 pt days)", 1.8, "<2.0", 2.1, "↓ 14%"],
            ["Pressure Injury Rate", 0.6, "<1.0", 0.8, "↓ 25%"],
            ["Medication Error Rate", 0.2, "<0.5", 0.3, "↓ 33%"],
            ["HAI Rate", 0.9, "<1.5", 1.2, "↓ 25%"],
            ["CLABSI Rate", 0.1, "<0.2", 0.15, "↓ 33%"],
            ["CAUTI Rate", 0.3, "<0.5", 0.4, "↓ 25%"],
            null,
            ["📊 Quality Indicators"],
            ["Indicator", "Q1 2025", "Target", "Q4 2024", "Change"],
            ["Patient Satisfaction", "4.7/5.0", ">4.5", 4.6, "↑ 2%"],
            ["Staff Satisfaction", "4.4/5.0", ">4.0", 4.3, "↑ 2%"],
            ["Readmission Rate", pct(0.072, "0.0%"), "<10%", pct(0.082, "0.0%"), "↓ 12%"],
            ["Mortality Rate", pct(0.016, "0.0%"), "<2.0%", pct(0.018, "0.0%"), "↓ 11%"],
            ["Length of Stay", "3.0 days", "<3.5", 3.2, "↓ 6%"],
            null,
            ["Report Prepared By: Quality Assurance Department"],
            ["Date: April 1, 2025"],
          ],
        },
      ],
    },
  ],
  checks: [
    ck("Fall Rate (per 1000 pt days)", "Met", "1.8 (Q1 2025, the latest quarter) < 2.0"),
    ck("Pressure Injury Rate", "Met", "0.6 < 1.0"),
    ck("Medication Error Rate", "Met", "0.2 < 0.5"),
    ck("HAI Rate", "Met", "0.9 < 1.5"),
    ck("CLABSI Rate", "Met", "0.1 < 0.2"),
    ck("CAUTI Rate", "Met", "0.3 < 0.5"),
    ck("Patient Satisfaction", "Met", "4.7/5.0 > 4.5"),
    ck("Staff Satisfaction", "Met", "4.4/5.0 > 4.0"),
    ck("Readmission Rate", "Met", "7.2% < 10%"),
    ck("Mortality Rate", "Met", "1.6% < 2.0%"),
    ck("Length of Stay", "Met", "3.0 days < 3.5 (bare target read in the actual's unit)"),
  ],
});
