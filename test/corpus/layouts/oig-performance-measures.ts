// A US federal Inspector General's semiannual report page: each of nine quantitative performance measures with its
// author-assigned status ("Met", "Substantially met", "Not met", lower-case "met"), "FY2006 Actual" and "FY2006 Target",
// footnote markers glued to some measure names, and the footnotes below. The page lists "Status = …, FY2006 Actual =
// …, FY2006 Target = …" under each measure: rebuilt as one Measure | Status | FY2006 Actual | FY2006 Target table with
// the page's own figures.
import { ck, defineLayout } from "../layout";

const N = {
  benefit: "Financial Benefit Return¹",
  other: "Other Benefits²",
  past: "Past Recommendations Implemented³",
  reports: "Audit/Evaluation Reports Issued",
  days: "Average Elapsed Calendar Days to Issue Final Audit/Evaluation Report",
  actions: "Investigative Actions⁴",
  closed: "Closed Investigations Resulting in Reports to Management, Convictions, Civil Actions, or Administrative Actions",
  prosecution: "Investigations Accepted for Prosecution Resulting in Convictions, Pleas, and/or Settlements",
  within30: "Investigation Reports Issued Within 30 Days After Completing Case",
};

export const oigPerformanceMeasures = defineLayout({
  name: "oig-performance-measures",
  source: "https://webarchive.library.unt.edu/eot2008/20090506152337/http:/fdicoig.gov/semi-reports/sarOct06/Quantitative.html",
  asOf: "2006-10-31",
  sheets: [
    {
      name: "FY2006",
      blocks: [
        {
          at: "A1",
          rows: [
            ["Achievement of Fiscal Year 2006 Quantitative Performance Measures"],
            null,
            ["Measure", "Status", "FY2006 Actual", "FY2006 Target"],
            [N.benefit, "Met", "196%", "100%"],
            [N.other, "Met", 127, 70],
            [N.past, "Substantially met", "93%", "95%"],
            [N.reports, "Substantially met", 26, 30],
            [N.days, "Not met", 239, 180],
            [N.actions, "Met", 169, 120],
            [N.closed, "met", "84%", "80%"],
            [N.prosecution, "Substantially met", "67%", "70%"],
            [N.within30, "Substantially met", "98%", "100%"],
            null,
            [
              "1 - Includes all financial benefits, including audit-related questioned costs; recommendations for better use of funds; and investigative fines, restitution, settlements, and other monetary recoveries divided by OIG’s total fiscal year budget obligations.",
            ],
            [
              "2 - Benefits to the FDIC that cannot be estimated in dollar terms that result in improved services; statutes, regulations, or policies; or business operations and occurring as a result of work that the OIG has completed over the past several years. Includes outcomes from implementation of OIG audit/evaluation recommendations.",
            ],
            ["3 - Fiscal year 2004 recommendations implemented by fiscal year-end 2006."],
            [
              "4 - Indictments, convictions, informations, arrests, pre-trial diversions, criminal non-monetary sentencings, monetary actions, employee actions, and other administrative actions.",
            ],
          ],
        },
      ],
    },
  ],
  checks: [
    ck(N.benefit, "Met", "196% ≥ 100%"),
    ck(N.other, "Met", "127 ≥ 70"),
    ck(N.past, "At Risk", "93% vs 95%: 2.1% short (author's 'Substantially met' is not used)"),
    ck(N.reports, "Off Track", "26 vs 30: 13.3% short"),
    ck(N.actions, "Met", "169 ≥ 120"),
    ck(N.closed, "Met", "84% ≥ 80%"),
    ck(N.prosecution, "At Risk", "67% vs 70%: 4.3% short"),
    ck(N.within30, "At Risk", "98% vs 100%: 2% short ('Within 30 Days' is in the name, not the target)"),
  ],
});
