// Header text → the field it names. Matching ignores case, spacing and punctuation.

export type Field =
  | "name"
  | "goal"
  | "description"
  | "method"
  | "frequency"
  | "owner"
  | "target"
  | "timeline"
  | "priority"
  | "baseline"
  | "actual"
  | "weight"
  | "department"
  | "role"
  | "responsibilities"
  | "accountability"
  | "reporting"
  | "support"
  | "trainingNeeds"
  | "trainingProvider"
  | "outcome"
  | "completed"
  | "start"
  | "lastReview"
  | "direction"
  | "unit"
  | "notes"
  | "status"
  | "progress"
  | "explanation";

const SYNONYMS: Record<Field, readonly string[]> = {
  name: [
    "element",
    "kpa element",
    "kpa",
    "kpi",
    "kpis",
    "key performance indicator",
    "key performance indicators",
    "metric",
    "metrics",
    "indicator",
    "measure",
    "kpi name",
    "metric name",
    "performance indicator",
    "key result",
  ],
  goal: ["goal", "goals", "objective", "objectives", "smart goal", "goal description"],
  description: ["description", "definition", "what it measures", "details"],
  method: [
    "measurement method",
    "measurement",
    "method",
    "data source",
    "source",
    "how measured",
    "measured by",
    "measurement tool",
    "calculation",
  ],
  frequency: ["frequency of review", "review frequency", "cadence", "frequency", "review cadence", "reporting frequency", "review cycle"],
  owner: [
    "responsible party",
    "owner",
    "accountable",
    "responsible",
    "kpi owner",
    "goal owner",
    "accountable party",
    "owned by",
    "responsible person",
  ],
  target: [
    "target",
    "pre launch target",
    "target value",
    "goal value",
    "benchmark",
    "threshold",
    "target level",
    "success criteria",
    "success measure",
  ],
  timeline: [
    "timeline",
    "due date",
    "deadline",
    "target date",
    "due",
    "by when",
    "completion target",
    "target completion",
    "end date",
    "timeframe",
    "time frame",
  ],
  priority: ["priority", "priority level", "importance"],
  baseline: ["baseline", "starting value", "start value", "baseline value", "initial value", "previous", "prior"],
  actual: [
    "actual",
    "current",
    "current value",
    "result",
    "achieved",
    "actual value",
    "actuals",
    "current performance",
    "latest",
    "latest value",
    "ytd",
    "ytd actual",
    "measured value",
    "value",
  ],
  weight: ["weight", "weighting", "weight percent", "weightage"],
  department: ["department", "area", "dept", "function", "team", "business unit", "division"],
  role: ["role", "position", "job title", "roles"],
  responsibilities: ["responsibilities", "responsibility", "key responsibilities", "duties"],
  accountability: ["accountability", "accountable for"],
  reporting: ["reporting structure", "reports to", "reporting line"],
  support: ["support needed", "support", "resources needed", "support required"],
  trainingNeeds: ["training needs", "training need", "training", "training required", "development needs", "skills gap"],
  trainingProvider: ["training provider", "provider", "delivered by", "trainer"],
  outcome: ["expected outcome", "outcome", "expected result", "expected outcomes"],
  completed: ["completed", "done", "complete", "completion", "completion date", "date completed", "completed on", "finished"],
  start: ["start", "start date", "started", "begin", "start of period"],
  lastReview: ["last review", "last reviewed", "last review date", "reviewed on", "date of last review", "last reviewed on"],
  direction: ["direction", "polarity", "better if", "higher or lower", "trend direction", "good direction"],
  unit: ["unit", "units", "uom", "unit of measure"],
  notes: ["notes", "comments", "comment", "remarks", "note"],
  status: ["status", "kpa status", "rag", "rag status", "current status"],
  progress: ["progress", "kpa progress", "percent complete", "progress percent", "completion percent"],
  explanation: ["explanation", "kpa explanation", "why", "status explanation"],
};

export function headerKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/\([^)]*\)/g, " ")
    .replace(/%/g, " percent ")
    .replace(/[^a-z0-9]+/g, "");
}

const LOOKUP = new Map<string, Field>();
for (const [field, words] of Object.entries(SYNONYMS) as [Field, readonly string[]][]) {
  for (const w of words) LOOKUP.set(headerKey(w), field);
}

/** The field a header names, or undefined. "Q4 Target" and "Target (2050)" are targets too. */
export function matchHeader(text: string): Field | undefined {
  const key = headerKey(text);
  if (!key) return undefined;
  const exact = LOOKUP.get(key);
  if (exact) return exact;
  if (/target$/.test(key) && !/date$/.test(key)) return "target";
  if (/^(actual|current)/.test(key) || /actual$/.test(key)) return "actual";
  if (/^baseline/.test(key)) return "baseline";
  if (/^weight/.test(key)) return "weight";
  if (/^(kpi|kpa|metric)name/.test(key)) return "name";
  if (/duedate$|deadline$/.test(key)) return "timeline";
  return undefined;
}

/** Headers of the columns we add: recognisable in plain Excel and on the next evaluation. */
export const OUR_HEADERS = { status: "KPA Status", progress: "KPA Progress", explanation: "KPA Explanation" } as const;

const OUR_HEADER_SET: ReadonlySet<string> = new Set(Object.values(OUR_HEADERS));

/** True for the header text of a column that KPA Tracker adds. */
export function isOurHeader(text: string): boolean {
  return OUR_HEADER_SET.has(text.trim());
}
