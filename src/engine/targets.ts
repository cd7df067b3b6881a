// Target text → structured target, and which way is "better" for a row.
import { HOURS_PER, type Quantity, type QuantityToken, formatQuantity, isNoValueMarker, scanQuantities } from "./values";

export type Comparator = ">=" | ">" | "<=" | "<" | "=" | "between";
export type Direction = "higher" | "lower";

export interface NumericTarget {
  readonly kind: "numeric";
  /** Undefined when the text gave a bare value: the row's direction decides (≥ or ≤). */
  readonly comparator: Comparator | undefined;
  readonly value: Quantity;
  /** Upper bound of a "between" target. */
  readonly upper?: Quantity;
  /** A change from the row's Baseline instead of a level. */
  readonly change?: {
    /** "points" adds `amount` to the baseline; "percent" multiplies it by 1 + amount/100. */
    readonly mode: "points" | "percent";
    /** Signed; undefined sign ("improve by") follows the row's direction. */
    readonly amount: number;
    readonly signed: boolean;
  };
  /** "from 60 to 70": a baseline stated in the target itself. */
  readonly impliedBaseline?: Quantity;
  /** A direction the wording itself implies (increase/reduce). */
  readonly verbDirection?: Direction;
}

export interface CategoricalTarget {
  readonly kind: "categorical";
  readonly expected: string;
  readonly affirmative: boolean;
}

export type Target = NumericTarget | CategoricalTarget;

export type TargetParse =
  | { readonly ok: true; readonly target: Target }
  | { readonly ok: false; readonly empty: true }
  | { readonly ok: false; readonly empty: false; readonly reason: string };

const AFFIRMATIVE = new Set([
  "yes",
  "y",
  "done",
  "complete",
  "completed",
  "approved",
  "true",
  "✓",
  "✔",
  "✅",
  "x",
  "achieved",
  "met",
  "passed",
  "pass",
  "signed off",
  "launched",
  "live",
  "in place",
  "implemented",
  "delivered",
  "finished",
]);

export function isAffirmative(text: string): boolean {
  return AFFIRMATIVE.has(
    text
      .trim()
      .toLowerCase()
      .replace(/[.!]+$/, ""),
  );
}

const UP_VERBS = /\b(increase[sd]?|increasing|grow(?:s|n|th)?|raise[sd]?|boost(?:ed|s)?|lift|maximi[sz]e|expand|double|triple)\b/;
const DOWN_VERBS =
  /\b(reduce[sd]?|reducing|reduction|decrease[sd]?|decreasing|lower(?:ed|s)?|cut(?:s)?|drop|minimi[sz]e|shorten|eliminate|halve|limit|decline)\b/;
const IMPROVE = /\b(improve[sd]?|improving|improvement|better)\b/;
const LOWER_NOUNS = new RegExp(
  String.raw`\b(costs?|cost-per|cpa|cac|churn|errors?|incidents?|burn|burn rate|expenses?|spend|refunds?|disputes?|variance|defects?|complaints?|delays?|backlog|turnover|attrition|downtime|latency|bounce|abandonment|absenteeism|escalations?|waste|debt|overdue|outages?|bugs?|tickets? open|dso|aht|lead time|cycle time|duration|wait)\b` +
    String.raw`|(?<!\b(?:on|up|real|full|part|first|one|any|in|over)[\s-])\btimes?\b`,
);

// Phrases that read as "more is better" even though they hold a lower-is-better word.
const HIGHER_PHRASES =
  /\b(cost savings?|savings?|saved|(?:error|defect|incident|bug)[- ]free|free of|accuracy|mtbf|between failures|uptime|availability|on[- ]time|avoided|avoidance)\b/;

/** Which way is better for a row: a Polarity value first, then the wording, then "higher". */
export function inferDirection(name: string, extraText = "", polarity?: string): { direction: Direction; because: string } {
  if (polarity) {
    const p = parsePolarity(polarity);
    if (p) return { direction: p, because: "Direction column" };
  }
  const text = `${name} ${extraText}`.toLowerCase();
  if (UP_VERBS.test(text)) return { direction: "higher", because: "wording" };
  if (DOWN_VERBS.test(text)) return { direction: "lower", because: "wording" };
  if (HIGHER_PHRASES.test(name.toLowerCase())) return { direction: "higher", because: "wording" };
  const noun = LOWER_NOUNS.exec(name.toLowerCase());
  if (noun) return { direction: "lower", because: `"${noun[0].trim()}" is better lower` };
  return { direction: "higher", because: "default" };
}

export function parsePolarity(text: string): Direction | undefined {
  const t = text.trim().toLowerCase();
  if (/^[↑▲⬆+]/.test(t) || /^(higher|high|up|increase|max|maximi[sz]e|more|positive)\b|higher is better|more is better/.test(t))
    return "higher";
  if (/^[↓▼⬇-]/.test(t) || /^(lower|low|down|decrease|min|minimi[sz]e|less|fewer|negative)\b|lower is better|less is better/.test(t))
    return "lower";
  return undefined;
}

type PhraseTable = readonly (readonly [RegExp, Comparator | "better"])[];
// Matched against the text just before the number (end-anchored) and just after it (start-anchored).
const BEFORE: PhraseTable = [
  [/(?:>=|=>|at least|a minimum of|minimum of|minimum|min\.?|no less than|not less than|no fewer than|not below|not under)\s*$/, ">="],
  [
    /(?:<=|=<|at most|no more than|not more than|a maximum of|maximum of|maximum|max\.?|up to|within|not exceed|not to exceed|not exceeding|no higher than|not above|not over|capped at)\s*$/,
    "<=",
  ],
  [/(?:>|more than|greater than|above|over|exceed|exceeds|exceeding|higher than|beyond|better than)\s*$/, ">"],
  [/(?:<|less than|fewer than|under|below|lower than|shorter than|faster than)\s*$/, "<"],
  [/(?:=|==|exactly|equal to|equals)\s*$/, "="],
];
const AFTER: PhraseTable = [
  [/^\s*(?:\+|or (?:higher|more|above|greater|over)|and (?:above|up|over|higher)|minimum|min\b|at least|at minimum)/, ">="],
  [/^\s*(?:or (?:less|lower|below|fewer|under)|and (?:below|under|less|lower)|maximum|max\b|at most|at maximum|or sooner|or faster)/, "<="],
  [/^\s*or better/, "better"],
];

function comparatorNear(text: string, tok: QuantityToken): Comparator | "better" | undefined {
  const before = text.slice(Math.max(0, tok.index - 40), tok.index);
  const after = text.slice(tok.index + tok.length, tok.index + tok.length + 30);
  for (const [re, c] of AFTER) if (re.test(after)) return c;
  for (const [re, c] of BEFORE) if (re.test(before)) return c;
  return undefined;
}

const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const DATE_PHRASES = new RegExp(
  [
    String.raw`\b(?:by|before|until|in|for|during|within|through|end of|eo[ymq])?\s*\b(?:q[1-4]|h[12])[\s/-]*(?:fy)?\d{4}\b`,
    String.raw`\b(?:by|before|until|in|for|during|through|end of)?\s*\b(?:fy)?\d{4}[\s/-]*(?:q[1-4]|h[12])\b`,
    String.raw`\b(?:by|before|until|in|on|for|through|end of)?\s*\b${MONTH}\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b`,
    String.raw`\b(?:by|before|until|in|on|for|through|end of)?\s*\b\d{1,2}(?:st|nd|rd|th)?\s+${MONTH},?\s+\d{4}\b`,
    String.raw`\b(?:by|before|until|in|for|through|end of)?\s*\b${MONTH}\s+\d{4}\b`,
    String.raw`\b(?:by|before|until|on)?\s*\b\d{4}-\d{2}-\d{2}\b`,
    String.raw`\b(?:by|before|until|on)?\s*\b\d{1,2}[/.]\d{1,2}[/.]\d{4}\b`,
    String.raw`\b(?:by|before|until|in|for|during|through|end of|fy)\s*(?:fy)?(?:19|20)\d{2}\b`,
    String.raw`\bper\s+\d[\d,]*\s*[a-z]*`,
    String.raw`\b(?:top|tier|level|phase|stage|step|version|v)\s*\d+\b`,
    String.raw`\b(?:iso|iec|soc|pci|gdpr|hipaa)[\s/-]*\d+(?:[:-]\d+)?\b`,
  ].join("|"),
  "g",
);

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[≥⩾]/g, ">=")
    .replace(/[≤⩽]/g, "<=")
    .replace(/[–—]/g, "-")
    .replace(/\bzero\b/g, "0")
    .replace(/\bnone\b/g, "0")
    .replace(/^no\s+(?!more|less|fewer|higher|lower|later|longer|greater|worse|than|\d)(?=[a-z])/, "0 ")
    .replace(/\s+/g, " ")
    .replace(/[.;!]+$/, "")
    .trim();
}

/** The bare end of a range takes the other end's unit: "2 to 3 days" means 2 days, not 2 hours. */
function withUnitOf(q: Quantity, other: Quantity): Quantity {
  if (q.unit !== "number" || other.unit === "number") return q;
  if (other.unit === "hours") return { ...other, value: q.value * HOURS_PER[other.display ?? "h"] };
  return { ...other, value: q.value };
}

/** Parses a Target cell. Never throws; an unreadable target says what was not understood. */
export function parseTarget(input: string | number): TargetParse {
  const raw = typeof input === "number" ? String(input) : input;
  const text = normalize(raw);
  if (text === "" || isNoValueMarker(text)) return { ok: false, empty: true };
  // "=B2*1.1" typed as text: reading a number out of it would be a guess.
  if (/^=\s*(?:[a-z_$(]|[\d.]+\s*[-+*/^&])/.test(text))
    return {
      ok: false,
      empty: false,
      reason: "it is a formula stored as text, not a value; enter the formula without quoting it, or the target value itself",
    };
  const stripped = text
    .replace(DATE_PHRASES, " ")
    // "40%-60%", "2-3 days", "$40-60K": a hyphen between two numbers is a range.
    .replace(/(\d[%a-z]*)\s*-\s*(?=[$€£¥]?\d)/g, "$1 to ")
    .replace(/(\d+(?:\.\d+)?)(\s*to\s*[$€£¥]?\d+(?:\.\d+)?)(k|m|bn|b)\b/g, "$1$3$2$3")
    .replace(/\s+/g, " ")
    .trim();

  if (!/\d/.test(stripped)) {
    const words = stripped.split(" ").filter(Boolean);
    if (words.length > 0 && words.length <= 4 && !UP_VERBS.test(stripped) && !DOWN_VERBS.test(stripped) && !IMPROVE.test(stripped)) {
      const expected = raw.trim().replace(/[.!]+$/, "");
      const achievement = /^(achieve|complete|obtain|get|pass|launch|implement|deliver|finish|sign|publish|roll out|go live)\b/i.test(
        expected,
      );
      return { ok: true, target: { kind: "categorical", expected, affirmative: isAffirmative(expected) || achievement } };
    }
    return { ok: false, empty: false, reason: `no number or value to compare with in "${raw.trim()}"` };
  }

  const tokens = scanQuantities(stripped);
  const verbDirection: Direction | undefined = UP_VERBS.test(stripped) ? "higher" : DOWN_VERBS.test(stripped) ? "lower" : undefined;

  // between 40% and 60% / 40%-60% / 40 to 60
  const between = /between\s+(.+?)\s+(?:and|to|-)\s+(.+)$/.exec(stripped);
  const rangeTokens = between
    ? [...scanQuantities(between[1] as string), ...scanQuantities(between[2] as string)]
    : rangeOf(stripped, tokens);
  if (rangeTokens && rangeTokens.length === 2) {
    const [a, b] = rangeTokens as [QuantityToken, QuantityToken];
    const lo = withUnitOf(a.q, b.q);
    const hi = withUnitOf(b.q, a.q);
    const [low, high] = lo.value <= hi.value ? [lo, hi] : [hi, lo];
    return { ok: true, target: { kind: "numeric", comparator: "between", value: low, upper: high } };
  }

  // from 60 to 70
  const fromTo = /\bfrom\s+(.+?)\s+to\s+(.+)$/.exec(stripped);
  if (fromTo) {
    const a = scanQuantities(fromTo[1] as string);
    const b = scanQuantities(fromTo[2] as string);
    if (a.length === 1 && b.length === 1) {
      const from = withUnitOf((a[0] as QuantityToken).q, (b[0] as QuantityToken).q);
      const to = withUnitOf((b[0] as QuantityToken).q, (a[0] as QuantityToken).q);
      const dir: Direction = to.value >= from.value ? "higher" : "lower";
      return {
        ok: true,
        target: { kind: "numeric", comparator: dir === "higher" ? ">=" : "<=", value: to, impliedBaseline: from, verbDirection: dir },
      };
    }
  }

  // increase/reduce/improve X by N (points | %)
  const change =
    /\b(?:increase[sd]?|grow|raise|boost|lift|improve[sd]?|reduce[sd]?|decrease[sd]?|lower|cut|drop|shorten|minimi[sz]e|maximi[sz]e)\b.*?\bby\s+(.+)$/.exec(
      stripped,
    );
  if (change) {
    const byTokens = scanQuantities(change[1] as string);
    if (byTokens.length >= 1) {
      const tok = byTokens[0] as QuantityToken;
      const signed = verbDirection !== undefined;
      const magnitude = Math.abs(tok.q.value);
      const amount = verbDirection === "lower" ? -magnitude : magnitude;
      const mode = tok.q.unit === "percent" && !tok.points ? "percent" : "points";
      const unitQ: Quantity = mode === "percent" ? { value: 0, unit: "number" } : { ...tok.q, value: 0 };
      return {
        ok: true,
        target: { kind: "numeric", comparator: undefined, value: unitQ, change: { mode, amount, signed }, verbDirection },
      };
    }
  }

  if (tokens.length === 0) return { ok: false, empty: false, reason: `no number to compare with in "${raw.trim()}"` };
  let chosen: QuantityToken | undefined;
  let comparator: Comparator | "better" | undefined;
  const withComparator = tokens.filter((t) => comparatorNear(stripped, t) !== undefined);
  if (tokens.length === 1) chosen = tokens[0];
  else if (withComparator.length === 1) chosen = withComparator[0];
  else {
    const withUnit = tokens.filter((t) => t.q.unit !== "number");
    if (withUnit.length === 1) chosen = withUnit[0];
  }
  if (!chosen) {
    const list = tokens.map((t) => formatQuantity(t.q)).join(", ");
    return {
      ok: false,
      empty: false,
      reason: `it holds several numbers (${list}) and none is marked as the target; put the target value alone in the cell`,
    };
  }
  comparator = comparatorNear(stripped, chosen);
  return {
    ok: true,
    target: { kind: "numeric", comparator: comparator === "better" ? undefined : comparator, value: chosen.q, verbDirection },
  };
}

function rangeOf(text: string, tokens: QuantityToken[]): QuantityToken[] | undefined {
  if (tokens.length !== 2) return undefined;
  const [a, b] = tokens as [QuantityToken, QuantityToken];
  const gap = text.slice(a.index + a.length, b.index).trim();
  const before = text.slice(0, a.index).trim();
  const after = text.slice(b.index + b.length).trim();
  if ((gap === "-" || gap === "to") && after === "" && (before === "" || /^(?:range|range of|keep|maintain|stay|hold)/.test(before)))
    return tokens;
  return undefined;
}

const SYMBOL: Record<Comparator, string> = { ">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "=", between: "between" };

export function comparatorSymbol(c: Comparator): string {
  return SYMBOL[c];
}
