// Header text → the field it names. Matching ignores case, spacing and punctuation.
import { STATUSES } from "./status";

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
  | "explanation"
  // A row's own thresholds (judge/thresholds.ts): its At Risk band as a share of the target, the value at which it is
  // still At Risk (amber), and the value past which it is Off Track (red).
  | "tolerance"
  | "amber"
  | "red";

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
  // Only whole phrases: "Tolerance", "Amber", "Red" and the like name no other column today. A bare "Threshold" stays
  // a loose target (it is the only target of some tables); beside a real Target it is read as the red threshold
  // (judge/thresholds.ts).
  tolerance: [
    "tolerance",
    "row tolerance",
    "tolerance band",
    "allowed variance",
    "acceptable variance",
    "variance allowed",
    "allowed deviation",
    "acceptable deviation",
  ],
  amber: [
    "amber",
    "amber threshold",
    "amber below",
    "amber above",
    "amber if below",
    "amber if above",
    "amber level",
    "amber trigger",
    "yellow",
    "yellow threshold",
    "yellow below",
    "yellow above",
    "warning",
    "warning threshold",
    "warning level",
    "warning below",
    "warning above",
    "at risk below",
    "at risk above",
    "at risk if below",
    "at risk if above",
    "at risk threshold",
    "at risk level",
  ],
  red: [
    "red",
    "red threshold",
    "red below",
    "red above",
    "red if below",
    "red if above",
    "red level",
    "red line",
    "redline",
    "red trigger",
    "off track below",
    "off track above",
    "off track if below",
    "off track if above",
    "off track threshold",
    "off track level",
    "critical threshold",
    "critical level",
    "minimum",
    "minimum acceptable",
    "min acceptable",
    "maximum acceptable",
    "max acceptable",
  ],
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

// Words that name a column only loosely: a column headed with one of these loses to one headed with a strong word
// ("Target" beats "Budget", "Actual" beats "Score") when a table has both.
const WEAK_WORDS: Readonly<Record<string, Field>> = {
  value: "actual",
  values: "actual",
  result: "actual",
  results: "actual",
  score: "actual",
  performance: "actual",
  outcome: "actual",
  outcomes: "actual",
  measured: "actual",
  achievement: "actual",
  reading: "actual",
  latest: "actual",
  now: "actual",
  plan: "target",
  planned: "target",
  budget: "target",
  budgeted: "target",
  standard: "target",
  norm: "target",
  benchmark: "target",
  threshold: "target",
  expected: "target",
  goalvalue: "target",
  item: "name",
  items: "name",
};

const MONTHS =
  "jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december";
const PERIOD_NOUN = "month|mo|quarter|qtr|year|yr|week|wk|period|fy|half|day|today";
/** A word that names one period: Q3, H1, FY50, 2050, Sep, YTD, MTD… */
const PERIOD_LABEL = new RegExp(
  `^(?:q[1-4]|h[12]|fy\\d{0,4}|cy\\d{2,4}|(?:19|20|21)\\d\\d|${MONTHS}|ytd|mtd|qtd|wtd|ttm|ltm|r12m?|t12m?)$`,
);
/** "Prior Year", "Last Quarter …", "PY …": the previous period's value, a baseline. */
const PRIOR_PERIOD = new RegExp(`\\b(?:last|prior|previous|prev)\\s+(?:${PERIOD_NOUN})\\b|^(?:py|ly)\\b`);
const PERIOD_PHRASE = new RegExp(
  `\\b(?:(?:this|current|cur|latest|last|prior|previous|prev|full)\\s+(?:${PERIOD_NOUN})|to date|so far|as (?:of|at)(?:\\s+\\w+)*$|for the (?:${PERIOD_NOUN})|per (?:${PERIOD_NOUN})|py|ly)\\b`,
  "g",
);
/** Words that qualify how often or in what unit a column is given: "Annual Target", "Actual hrs", "Revenue $K". */
const QUALIFIER =
  /^(?:annual|annually|yearly|monthly|quarterly|weekly|daily|current|cur|percent|pct|hrs|hr|hours|mins|min|minutes|days|usd|eur|gbp|k|m|mm|bn|amount|figure|figures|level|data|total|overall|example|examples|sample|suggested|proposed|recommended|typical|indicative)$/;
/** Nouns that add nothing to the field before them: "KPI Name", "Target Value", "Metric Title". */
const TRAILING_NOUN = /^(?:name|title|label|value|values)$/;

export interface HeaderMatch {
  readonly field: Field;
  /** A loose word ("Budget", "Score", "Sep-50"): a strong header for the same field wins over it. */
  readonly weak: boolean;
  /** The header names a period (Q3, 2050, YTD, this month…): one of several period columns. */
  readonly period: boolean;
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, " ")
    .replace(/%/g, " percent ")
    .replace(/[‘’'`]/g, "")
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
}

/** True when a header names a period anywhere, parentheses included: "Actual (Q3)", "YTD", "Sep-50". */
function namesPeriod(text: string): boolean {
  const all = text.toLowerCase().split(/[^a-z0-9]+/);
  return all.some((w) => PERIOD_LABEL.test(w)) || new RegExp(PERIOD_PHRASE.source).test(all.join(" "));
}

function lookupWords(ws: readonly string[]): { field: Field; weak: boolean } | undefined {
  const key = ws.join("");
  if (!key) return undefined;
  const weak = WEAK_WORDS[key];
  if (weak) return { field: weak, weak: true };
  const field = LOOKUP.get(key);
  return field ? { field, weak: false } : undefined;
}

/**
 * A header's field, read through its qualifiers: period words (Q3, H1, FY50, 2050, Sep-50, YTD, "this month",
 * "to date"), unit words ("%", "hrs", "$K", anything in parentheses) and filler ("current", "value", "name").
 */
export function matchHeaderDetail(text: string): HeaderMatch | undefined {
  const key = headerKey(text);
  if (!key) return undefined;
  const exact = LOOKUP.get(key);
  const ws = words(text);
  const bareWeak = WEAK_WORDS[key];
  if (bareWeak) return { field: bareWeak, weak: true, period: false };
  if (exact) return { field: exact, weak: false, period: namesPeriod(text) };
  // "Prior Year", "Last Quarter Actual", "PY": last period's value is a baseline.
  const joined = ws.join(" ");
  const prior = PRIOR_PERIOD.test(joined);
  // "this month", "current quarter", "to date", "so far", "as of …" are period qualifiers, not words of the field.
  let rest = joined
    .replace(PERIOD_PHRASE, " @ ")
    .split(" ")
    .filter((w) => w !== "");
  let period = rest.includes("@");
  rest = rest.filter((w) => {
    if (w === "@") return false;
    if (PERIOD_LABEL.test(w)) {
      period = true;
      return false;
    }
    return true;
  });
  // A two-digit year or day only counts beside another period word: "Sep-50", "Q3 '50".
  if (period) rest = rest.filter((w) => !/^\d{1,2}$/.test(w));
  const qualifiersGone = rest.filter((w) => !QUALIFIER.test(w));
  const candidates: string[][] = [rest, qualifiersGone];
  const last = qualifiersGone[qualifiersGone.length - 1];
  if (qualifiersGone.length > 1 && last !== undefined && TRAILING_NOUN.test(last)) candidates.push(qualifiersGone.slice(0, -1));
  for (const c of candidates) {
    const hit = lookupWords(c);
    if (!hit) continue;
    if (prior) return hit.field === "actual" || hit.field === "baseline" ? { field: "baseline", weak: false, period: true } : undefined;
    return { ...hit, period };
  }
  // Nothing but a period: "YTD", "Sep-50", "Q3 2050", "This month" head a column of values for that period.
  if (qualifiersGone.length === 0 && period)
    return prior ? { field: "baseline", weak: false, period: true } : { field: "actual", weak: true, period: true };
  if (qualifiersGone.length === 0 && prior) return { field: "baseline", weak: false, period: true };
  // "KPI / Metric", "Target or Goal": every named part agrees.
  if (/\/|\bor\b|&/.test(text)) {
    const parts = text
      .split(/\/|\bor\b|&/i)
      .map((p) => p.trim())
      .filter((p) => p !== "");
    const hits = parts.map((p) => (headerKey(p) ? matchHeaderDetail(p) : undefined));
    const found = hits.filter((h): h is HeaderMatch => h !== undefined);
    if (parts.length > 1 && found.length > 0 && found.every((h) => h.field === found[0]?.field)) return found[0];
  }
  const field = fallback(key);
  return field ? { field, weak: false, period } : undefined;
}

function fallback(key: string): Field | undefined {
  if (/target$/.test(key) && !/date$/.test(key)) return "target";
  if (/^(actual|current)/.test(key) || /actual$/.test(key)) return "actual";
  if (/^baseline/.test(key)) return "baseline";
  if (/^weight/.test(key)) return "weight";
  if (/^(kpi|kpa|metric)name/.test(key)) return "name";
  if (/duedate$|deadline$/.test(key)) return "timeline";
  return undefined;
}

/** The field a header names, or undefined. "Q4 Target" and "Target (2050)" are targets too. */
export function matchHeader(text: string): Field | undefined {
  return matchHeaderDetail(text)?.field;
}

/** A header that reads as a red threshold when the table has a real Target beside it: "Threshold", "Threshold %". */
export function isLooseThreshold(text: string): boolean {
  const ws = words(text).filter((w) => !QUALIFIER.test(w) && !TRAILING_NOUN.test(w));
  return ws.length === 1 && ws[0] === "threshold";
}

/** Headers of the columns we add: recognisable in plain Excel and on the next evaluation. */
export const OUR_HEADERS = { status: "KPA Status", progress: "KPA Progress", explanation: "KPA Explanation" } as const;

const OUR_HEADER_SET: ReadonlySet<string> = new Set(Object.values(OUR_HEADERS));

/** True for the header text of a column that KPA Tracker adds. */
export function isOurHeader(text: string): boolean {
  return OUR_HEADER_SET.has(text.trim());
}

const STATUS_SET: ReadonlySet<string> = new Set(STATUSES);
const EXPLANATION_END = new RegExp(`\\S → (?:${STATUSES.join("|")})$`);

/** True for what KPA Tracker writes in its columns: a status word, or an explanation ending "→ Status". */
export function isOurOutput(text: string): boolean {
  const t = text.trim();
  return STATUS_SET.has(t) || EXPLANATION_END.test(t);
}
