// Every layout in the corpus, in the order the score table lists them.
import type { Layout } from "../layout";
import { balancedScorecardSample } from "./balanced-scorecard-sample";
import { digitalKpiFramework } from "./digital-kpi-framework";
import { itOperationsPerformance } from "./it-operations-performance";
import { itOpsKpis } from "./it-ops-kpis";
import { kpiFrameworkBands } from "./kpi-framework-bands";
import { libraryPillarGoals } from "./library-pillar-goals";
import { miningSafetyMetrics } from "./mining-safety-metrics";
import { okrDefinitions } from "./okr-definitions";
import { patientSafetyQuarterly } from "./patient-safety-quarterly";
import { pilotScorecard } from "./pilot-scorecard";
import { roadmapReview } from "./roadmap-review";
import { salesPerformanceDashboard } from "./sales-performance-dashboard";
import { slaTracking } from "./sla-tracking";
import { sopIndustryScorecards } from "./sop-industry-scorecards";
import { systemsScorecard } from "./systems-scorecard";

export const LAYOUTS: readonly Layout[] = [
  sopIndustryScorecards,
  slaTracking,
  salesPerformanceDashboard,
  patientSafetyQuarterly,
  okrDefinitions,
  kpiFrameworkBands,
  miningSafetyMetrics,
  digitalKpiFramework,
  itOperationsPerformance,
  systemsScorecard,
  pilotScorecard,
  balancedScorecardSample,
  roadmapReview,
  libraryPillarGoals,
  itOpsKpis,
];
