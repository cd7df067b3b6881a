// Every layout in the corpus, in the order the score table lists them.
import type { Layout } from "../layout";
import { balancedScorecardSample } from "./balanced-scorecard-sample";
import { digitalKpiFramework } from "./digital-kpi-framework";
import { esgComplianceMetrics } from "./esg-compliance-metrics";
import { hrStrategicKpis } from "./hr-strategic-kpis";
import { itOperationsPerformance } from "./it-operations-performance";
import { itOpsKpis } from "./it-ops-kpis";
import { kpiFrameworkBands } from "./kpi-framework-bands";
import { libraryPillarGoals } from "./library-pillar-goals";
import { miningSafetyMetrics } from "./mining-safety-metrics";
import { oigPerformanceMeasures } from "./oig-performance-measures";
import { okrDefinitions } from "./okr-definitions";
import { patientSafetyQuarterly } from "./patient-safety-quarterly";
import { pilotScorecard } from "./pilot-scorecard";
import { projectStatusReport } from "./project-status-report";
import { qualityObjectives2025 } from "./quality-objectives-2025";
import { roadmapReview } from "./roadmap-review";
import { salesPerformanceDashboard } from "./sales-performance-dashboard";
import { schoolDistrictStrategicGoals } from "./school-district-strategic-goals";
import { slaTracking } from "./sla-tracking";
import { sloStatusReport } from "./slo-status-report";
import { smartFactoryKpiDashboard } from "./smart-factory-kpi-dashboard";
import { sopIndustryScorecards } from "./sop-industry-scorecards";
import { supplyChainKpiReference } from "./supply-chain-kpi-reference";
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
  hrStrategicKpis,
  sloStatusReport,
  esgComplianceMetrics,
  supplyChainKpiReference,
  smartFactoryKpiDashboard,
  qualityObjectives2025,
  oigPerformanceMeasures,
  schoolDistrictStrategicGoals,
  projectStatusReport,
];
