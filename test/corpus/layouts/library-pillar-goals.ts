// A library's yearly pillar goals: title lines and an intro above goals written as sentences, the number or the
// deadline inside the sentence ("rate of 95%", "by March 2010", "80% growth"), milestones ("Create a tool",
// "Develop a metric") and goals with no measurable target. The source is a five-column slide (one column per
// pillar): rebuilt as Pillar | Goal with an added Actual column; the one goal with three measures is split into
// three rows; the Finance pillar is cut off in the source and left out.
import { ck, defineLayout, pct } from "../layout";

const MAXIMIZE = "Maximize the University’s access to information resources as measured by:";
const G = {
  satisfaction: "Maintain baseline faculty/staff satisfaction rate of 95% (based on August 2009 university survey)",
  recognized: "75% of faculty and staff feel good performance is recognized",
  tool: "Create a tool to measure satisfaction levels for services and resources by March 2010",
  impact:
    "Impact the health and wellness of South Carolinians by providing access to consumer health information as measured by number of outreach activities and number of access requests to web-based resources",
  metric: "Develop a metric for measuring the value of Library support for grants & research, including use of resources and expertise",
  commons:
    "Continue designing the Learning Commons to provide improved learning and collaboration areas and services for students and faculty",
  online: `${MAXIMIZE} providing 85 % of collection in online format`,
  uptime: `${MAXIMIZE} 98% up time for computer networks`,
  ejournals: `${MAXIMIZE} 95 % of e-journals and other e-collections available on & off campus`,
  global: "Support the MUSC global initiative by developing an infrastructure platform for curriculum delivery.",
  visibility:
    "Increase visibility of MUSC scholarship and research, both current and historic by greater awareness and participation with the MEDICA institution repository as measured by 80% growth in the number of items preserved",
};

export const libraryPillarGoals = defineLayout({
  name: "library-pillar-goals",
  source: "https://slideum.com/doc/5832567/presentation",
  asOf: "2010-04-15",
  sheets: [
    {
      name: "FY09-10",
      blocks: [
        {
          at: "A1",
          rows: [
            ["FY09-10 Pillar Goal Metrics"],
            ["MUSC Library Excellence"],
            [
              "As we begin our pursuits in Excellence – we will be striving to reach or exceed the top quartile in most key areas (some yet unmeasured as indicated below). Once benchmark data are available, we will establish step goals to move us upwards at all times.",
            ],
            null,
            ["Pillar", "Goal", "Actual"],
            ["People", G.satisfaction, pct(0.93)],
            [null, G.recognized, pct(0.71)],
            ["Service", G.tool, "In progress"],
            [null, G.impact, "14 outreach activities"],
            ["Quality", G.metric, "Complete"],
            [null, G.commons, "Design phase 2 underway"],
            ["Growth", G.online, pct(0.82)],
            [null, G.uptime, pct(0.991, "0.0%")],
            [null, G.ejournals, pct(0.88)],
            [null, G.global, "Platform pilot live"],
            [null, G.visibility, "62% growth"],
          ],
        },
      ],
    },
  ],
  checks: [
    ck(G.satisfaction, "At Risk", "93% vs ≥ 95% (August 2009 dates the baseline survey, it is no deadline): 2.1% short"),
    ck(G.recognized, "At Risk", "71% vs ≥ 75%: 5.3% short"),
    ck(G.tool, "Overdue", "milestone due March 2010 (Mar 31) before the as-of date, actual In progress = not done"),
    ck(G.impact, "Needs Target", "no number or status word in the goal"),
    ck(G.metric, "Met", "milestone ('Develop …'), actual Complete = done"),
    ck(G.commons, "Needs Target", "prose ('Continue designing …'): no number, no status word, no milestone verb first"),
    ck(G.online, "At Risk", "82% vs ≥ 85%: 3.5% short"),
    ck(G.uptime, "Met", "99.1% ≥ 98%"),
    ck(G.ejournals, "At Risk", "88% vs ≥ 95%: 7.4% short"),
    ck(G.global, "Needs Target", "prose ('Support …'): no number, no status word, no milestone verb first"),
    ck(G.visibility, "Off Track", "62% growth vs ≥ 80% growth: 22.5% short"),
  ],
});
