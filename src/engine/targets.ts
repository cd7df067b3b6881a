// Target text → structured target: a level, a band, a change from the baseline, or a status word.
import { DOWN_VERBS, type Direction, UP_VERBS } from "./direction";
import { HOURS_PER, type Quantity, type QuantityToken, formatQuantity, isNoValueMarker, scanQuantities } from "./values";

export type Comparator = ">=" | ">" | "<=" | "<" | "=" | "between";

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
  /** A change whose amount is a growth rate ("by 10% QoQ"): the level to reach when the actual is a percentage. */
  readonly asGrowth?: Quantity;
  /** "from 60 to 70": a baseline stated in the target itself. */
  readonly impliedBaseline?: Quantity;
  /** A direction the wording itself implies (increase/reduce). */
  readonly verbDirection?: Direction;
  /** The value a tolerance band is centred on ("100 ± 10", "5% ± 1"); shortfalls outside the band are relative to it. */
  readonly centre?: Quantity;
  /**
   * How the text was read where that is not obvious from it: "band" for a tolerance ("±5%", "within 5% of plan",
   * "2 either way"), "zero" for a target of nothing ("0", "none", "no incidents"), which is at most 0.
   */
  readonly reading?: "band" | "zero";
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
  "certified",
  "accredited",
  "signed",
  "accepted",
  "published",
  "released",
  "deployed",
  "operational",
  "shipped",
  "go live",
  "go-live",
]);

export function isAffirmative(text: string): boolean {
  return AFFIRMATIVE.has(
    text
      .trim()
      .toLowerCase()
      .replace(/[.!]+$/, ""),
  );
}

type PhraseTable = readonly (readonly [RegExp, Comparator | "better"])[];
// Matched against the text just before the number (end-anchored) and just after it (start-anchored).
const BEFORE: PhraseTable = [
  [
    /(?:>=|=>|at least|a minimum of|minimum of|minimum|min\.?|no less than|not less than|no fewer than|(?:not|never)\s+(?:[a-z]+\s+)?(?:below|under|less than|fewer than|lower than))\s*$/,
    ">=",
  ],
  [
    /(?:<=|=<|at most|no more than|not more than|a maximum of|maximum of|maximum|max\.?|up to|within|not exceed|not to exceed|not exceeding|no higher than|capped at|(?:not|never)\s+(?:[a-z]+\s+)?(?:above|over|exceed(?:s|ing)?|more than|higher than|greater than))\s*$/,
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
  // After the quantity's unit words: "20 tickets or more".
  const after = text.slice(tok.end, tok.end + 30);
  const right = text.slice(tok.index + tok.length, tok.index + tok.length + 30);
  if (tok.plus) return ">=";
  for (const [re, c] of AFTER) if (re.test(right) || re.test(after)) return c;
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
    // A season ("by Fall of 2023") and the year a baseline is from ("20% reduction from 2020 baseline") are no targets.
    String.raw`\b(?:by|in|before|until|during)?\s*(?:the\s+)?(?:spring|summer|fall|autumn|winter)(?:\s+(?:of|term))?\s+(?:19|20)\d{2}\b`,
    String.raw`\b(?:from|vs\.?|versus|against|compared (?:to|with)|relative to|on)\s+(?:the\s+)?(?:fy\s?)?(?:19|20)\d{2}(?:\s+(?:baseline|levels?|figures?|values?|base year))?\b`,
    String.raw`\b(?:below|above|under|over)\s+(?:the\s+)?(?:fy\s?)?(?:19|20)\d{2}\s+(?:baseline|levels?|base year)\b`,
    // A time frame is not a target: "over the next 12 months", "over 3 years".
    String.raw`\b(?:over|in|during|for|within)\s+the\s+(?:next|last|past|coming|following|first)\s+\d+\s*(?:days?|weeks?|months?|quarters?|years?)\b`,
    String.raw`\bover\s+\d+\s*(?:months?|quarters?|years?)\b`,
    String.raw`\b(?:top|tier|level|phase|stage|step|version|v)\s*\d+\b`,
    String.raw`\b(?:iso|iec|soc|pci|gdpr|hipaa)[\s/-]*\d+(?:[:-]\d+)?\b`,
  ].join("|"),
  "g",
);

function normalize(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[≥⩾]/g, ">=")
      .replace(/[≤⩽]/g, "<=")
      .replace(/[–—−]/g, "-")
      // "+/- 5%", "+- 5", "plus or minus 5": one sign for a tolerance either way.
      .replace(/\+\s*\/\s*-|\+-(?=\s*[$€£¥]?\.?\d)|\bplus\s*(?:or|\/|-)?\s*minus\b/g, "±")
      // "+5%/-5%" is "±5%"; "zero tolerance" is none allowed, not a band of width 0.
      .replace(/\+\s*([$€£¥]?\d[\d,.]*\s*%?)\s*\/\s*-\s*\1(?![\d.])|-\s*([$€£¥]?\d[\d,.]*\s*%?)\s*\/\s*\+\s*\2(?![\d.])/g, "±$1$2")
      .replace(/\b(?:zero|0)[\s-]tolerance\b/g, "0")
      .replace(/\bzero\b/g, "0")
      .replace(/\bnone\b/g, "0")
      .replace(/\bnil\b/g, "0")
      .replace(/^no\s+(?!more|less|fewer|higher|lower|later|longer|greater|worse|than|\d)(?=[a-z])/, "0 ")
      .replace(/\s+/g, " ")
      .replace(/[.;!]+$/, "")
      .trim()
  );
}

/** The bare end of a range takes the other end's unit: "2 to 3 days" means 2 days, not 2 hours; "3 to 5 tickets", 3 tickets. */
function withUnitOf(q: Quantity, other: Quantity): Quantity {
  if (q.unit !== "number" || q.label || q.per || q.growth) return q;
  if (other.unit === "number") return { ...other, value: q.value };
  if (other.unit === "hours") return { ...other, value: q.value * HOURS_PER[other.display ?? "h"] };
  return { ...other, value: q.value };
}

// A target without a number is a status to reach only when it says which: a status word ("Approved", "Complete",
// "Go live", "On budget", "Green") or a milestone verb ("Launch the new site", "Obtain ISO certification").
// Anything else ("best in class", "in line with the plan") is prose: there is nothing to judge it by.
const AFFIRMATIVE_STATUS = new RegExp(
  String.raw`\b(?:approved|approval|complete[d]?|completion|done|finished|achieved|met|launched|launch|signed(?: off)?|sign[- ]?off|live|go[- ]live|delivered|passed|certified|certification|accredited|accreditation|implemented|implementation|in place|accepted|published|released|shipped|deployed|operational|compliant|in compliance|on time|on schedule|on budget|within (?:budget|scope|sla)|under budget)\b`,
);
const OTHER_STATUS = /^(?:yes|y|no|n|true|false|x|✓|✔|✅|pass|fail(?:ed)?|green|amber|red|yellow)$|\b(?:green|amber|red|rag)\b/;
const MILESTONE_VERB =
  /^(?:complete|obtain|pass|launch|implement|deliver|finish|sign|publish|release|ship|deploy|roll[- ]?out|go[- ]live|submit|install|migrate|introduce|open|secure|certify|adopt|hire|appoint|establish|set up|create|develop|build|design|define|draft|produce|conduct|recruit|onboard|upgrade|replace|automate|document|prepare|negotiate|award|acquire|train)\b/;
const NEGATION = /\b(?:not|no|never|without)\b/;
const MAX_STATUS_WORDS = 8;

function statusTarget(raw: string, stripped: string): TargetParse {
  const expected = raw.trim().replace(/[.!]+$/, "");
  const words = stripped.replace(/^(?:target|status|goal)\s*:\s*/, "").trim();
  // "Per published goals", "As agreed with the board": the target is kept somewhere else.
  if (REFERS_ELSEWHERE.test(words))
    return {
      ok: false,
      empty: false,
      reason: "it points to a target kept elsewhere rather than giving it; write the value or the status to reach here",
    };
  // "Yes/No", "Pass/Fail": the kind of answer, not which one is the aim.
  if (/^(?:yes|y|pass|true|done|complete)\s*(?:\/|or)\s*(?:no|n|fail|false|not done|incomplete)$/.test(words))
    return {
      ok: false,
      empty: false,
      reason: `it lists the possible answers, not the one to reach; write the answer that counts as met, such as "Yes"`,
    };
  const count = words.split(" ").filter(Boolean).length;
  const verb = MILESTONE_VERB.test(words);
  const affirmativeWord = AFFIRMATIVE_STATUS.test(words);
  if (count > 0 && count <= MAX_STATUS_WORDS && (verb || affirmativeWord || OTHER_STATUS.test(words))) {
    const affirmative = isAffirmative(expected) || ((verb || affirmativeWord) && !NEGATION.test(words));
    return { ok: true, target: { kind: "categorical", expected, affirmative } };
  }
  return {
    ok: false,
    empty: false,
    reason: "it describes an aim but has no number to measure against and no status word (such as Approved or Complete)",
  };
}

/**
 * A goal sentence that is a piece of work to finish ("Create a tool to measure satisfaction by March 2010"): a milestone
 * whose target is done. Aims without a deliverable ("Continue designing …", "Support the initiative …") are not.
 */
export function milestoneGoal(text: string): CategoricalTarget | undefined {
  const words = normalize(text).replace(DATE_PHRASES, " ").replace(/\s+/g, " ").trim();
  return MILESTONE_VERB.test(words) && !NEGATION.test(words) ? { kind: "categorical", expected: "Done", affirmative: true } : undefined;
}

// "by March 2010", "before Q3 2050", "due 2050-09-30", "no later than 15 Sep 2050": a deadline written into the text.
const DEADLINE = new RegExp(
  String.raw`\b(?:by|before|until|due(?: by| on)?|no later than|by (?:the )?end of|end of)\s+((?:q[1-4]|h[12])[\s/-]*(?:fy)?\d{4}|(?:fy)?\d{4}[\s/-]*(?:q[1-4]|h[12])|${MONTH}\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+${MONTH},?\s+\d{4}|${MONTH}\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{4}|(?:fy)?(?:19|20)\d{2}(?=\s*(?:$|[.,;)])))\b`,
);

/** The text of a deadline written into a target or goal, for the date reader; undefined when there is none. */
export function deadlineText(text: string): string | undefined {
  return DEADLINE.exec(text.toLowerCase())?.[1];
}

const REFERS_ELSEWHERE =
  /^(?:per|as per|in line with|inline with|in accordance with|according to|aligned? (?:with|to)|based on|see|refer to|as (?:set|defined|agreed|stated|approved|published|planned|budgeted)|consistent with|following|same as|tbc by|set by|defined (?:in|by))\b/;

/** Words that say there is no target yet, as TBD does. */
const NOT_SET = /^(?:not applicable|not set|not defined|to be (?:confirmed|determined|defined|agreed|set)|pending|awaiting target)$/;

/** Parses a Target cell. Never throws; an unreadable target says what was not understood. */
export function parseTarget(input: string | number): TargetParse {
  const raw = typeof input === "number" ? String(input) : input;
  const parsed = parseNormalized(raw);
  if (!parsed.ok || parsed.target.kind !== "numeric") return parsed;
  // Targets are read in lower case; unit words keep the case they were typed in ("PRs", "tCO2e").
  const t = parsed.target;
  const value = typedCase(t.value, raw);
  return { ok: true, target: t.upper ? { ...t, value, upper: typedCase(t.upper, raw) } : { ...t, value } };
}

function typedCase(q: Quantity, raw: string): Quantity {
  if (!q.label) return q;
  const at = raw.toLowerCase().indexOf(q.label);
  return at < 0 ? q : { ...q, label: raw.slice(at, at + q.label.length) };
}

function parseNormalized(raw: string): TargetParse {
  const text = normalize(raw);
  if (text === "" || isNoValueMarker(text) || NOT_SET.test(text)) return { ok: false, empty: true };
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

  if (!/\d/.test(stripped)) return statusTarget(raw, stripped);

  const tokens = scanQuantities(stripped);
  const band = bandOf(stripped, tokens);
  if (band) return band;
  // A tolerance word the reader could not tie to a number changes the meaning: say so rather than drop it.
  if (TOLERANCE_WORD.test(stripped))
    return {
      ok: false,
      empty: false,
      reason: `it gives a tolerance ("${TOLERANCE_WORD.exec(stripped)?.[0]}") without the amount next to it`,
    };
  if (NEGATED.test(stripped.replace(NEGATED_COMPARATORS, " ")))
    return {
      ok: false,
      empty: false,
      reason: `it says "${NEGATED.exec(stripped.replace(NEGATED_COMPARATORS, " "))?.[0]}" in a way that was not understood`,
    };
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
  const change = CHANGE.exec(stripped);
  if (change) {
    const byTokens = scanQuantities(change[1] as string);
    if (byTokens.length >= 1) {
      const tok = byTokens[0] as QuantityToken;
      const signed = verbDirection !== undefined;
      const magnitude = Math.abs(tok.q.value);
      const amount = verbDirection === "lower" ? -magnitude : magnitude;
      const mode = tok.q.unit === "percent" && !tok.points ? "percent" : "points";
      const unitQ: Quantity = mode === "percent" ? { value: 0, unit: "number" } : { ...tok.q, value: 0 };
      // "Grow MRR by 10% QoQ", "… as measured by 80% growth": against a growth rate, the figure is the level to reach.
      const asGrowth = tok.q.growth && tok.q.unit === "percent" ? { ...tok.q, value: magnitude } : undefined;
      return {
        ok: true,
        target: { kind: "numeric", comparator: undefined, value: unitQ, change: { mode, amount, signed }, verbDirection, asGrowth },
      };
    }
  }

  const nounChange = changeByNoun(stripped, tokens);
  if (nounChange) return { ok: true, target: { ...nounChange, verbDirection: nounChange.verbDirection ?? verbDirection } };

  if (tokens.length === 0) return { ok: false, empty: false, reason: `no number to compare with in "${raw.trim()}"` };
  let chosen: QuantityToken | undefined;
  let comparator: Comparator | "better" | undefined;
  // Numbers in brackets ("100,000 (12mo)") and time frames ("in 12 months") qualify the target; they are not it.
  const main = tokens.filter((t) => !isAside(stripped, t));
  const candidates = main.length > 0 ? main : tokens;
  const marked = candidates.filter((t) => comparatorNear(stripped, t) !== undefined);
  if (candidates.length === 1) chosen = candidates[0];
  else if (marked.length === 1) chosen = marked[0];
  else {
    const withUnit = candidates.filter((t) => t.q.unit !== "number");
    if (withUnit.length === 1 && withUnit[0]?.q.unit !== "hours") chosen = withUnit[0];
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
  if ((comparator === "<" || comparator === "<=") && ABSOLUTE.test(stripped)) {
    // "|variance| < 5%", "absolute error under 5%": a bound either way.
    const h: Quantity = { ...chosen.q, value: Math.abs(chosen.q.value) };
    return { ok: true, target: { kind: "numeric", comparator: "between", value: { ...h, value: -h.value }, upper: h, reading: "band" } };
  }
  if ((comparator === undefined || comparator === "better") && chosen.q.value === 0)
    // "0", "none", "no incidents": nothing is allowed, whatever the row's name (a count cannot rise towards zero).
    return { ok: true, target: { kind: "numeric", comparator: "<=", value: chosen.q, verbDirection, reading: "zero" } };
  return {
    ok: true,
    target: { kind: "numeric", comparator: comparator === "better" ? undefined : comparator, value: chosen.q, verbDirection },
  };
}

const DOWN_NOUN = /^(?:reduction|decrease|decline|cut|drop|fall|lowering)\b/;
const UP_NOUN = /^(?:increase|improvement|rise|uplift|gain|growth)\b/;

/**
 * "20% reduction from 2020 baseline", "a 15% increase in sales", "reduction of 20%": a percent change from the
 * baseline named by a noun rather than a verb. Against a growth rate it is the level to reach, as "by 10% QoQ" is.
 */
function changeByNoun(text: string, tokens: readonly QuantityToken[]): NumericTarget | undefined {
  if (tokens.length !== 1) return undefined;
  const t = tokens[0] as QuantityToken;
  if (t.q.unit !== "percent" || t.points) return undefined;
  const after = text.slice(t.index + t.length).trim();
  const before = text.slice(0, t.index).trim();
  const noun = /^(?:a|an)?\s*$/.test(before)
    ? after
    : /(?:reduction|decrease|decline|cut|drop|increase|improvement|rise|uplift|gain|growth)\s+of$/.test(before)
      ? (before
          .replace(/\s+of$/, "")
          .split(" ")
          .pop() ?? "")
      : "";
  const down = DOWN_NOUN.test(noun);
  if (!down && !UP_NOUN.test(noun)) return undefined;
  const magnitude = Math.abs(t.q.value);
  return {
    kind: "numeric",
    comparator: undefined,
    value: { value: 0, unit: "number" },
    change: { mode: "percent", amount: down ? -magnitude : magnitude, signed: true },
    verbDirection: down ? "lower" : "higher",
    asGrowth: { value: magnitude, unit: "percent", growth: t.q.growth ?? "growth" },
  };
}

// "increase/reduce/improve X by N": a change from the baseline.
const CHANGE =
  /\b(?:increase[sd]?|grow|raise|boost|lift|improve[sd]?|reduce[sd]?|decrease[sd]?|lower|cut|drop|shorten|minimi[sz]e|maximi[sz]e)\b.*?\bby\s+(.+)$/;

// Tolerance bands: "±5%", "5% ± 1", "100 ± 10%", "2 either way", "target 50, tolerance 5", "within 5% of plan".
const TOLERANCE_WORD =
  /±|\beither (?:way|side|direction)\b|\beach way\b|\bup or down\b|\bover or under\b|\babove or below\b|\btolerance\b|\bgive or take\b/;
const HALF_BEFORE = /(?:±|\btolerance(?:\s+(?:of|is|at|band of))?\s*:?|\btol\.?:?|\bgive or take)\s*±?\s*$/;
const HALF_AFTER =
  /^\s*(?:\)\s*)?(?:either (?:way|side|direction)|in either direction|each way|up or down|over or under|above or below|tolerance|tol\b)/;
// "within 5% of plan" is a deviation either way from the plan; "within 5% of revenue" would be a share, so only these count.
const REFERENCE =
  /^\s*of\s+(?:the\s+|our\s+|its\s+)?(?:target|plan(?:ned)?|budget(?:ed)?|forecasts?|goal|estimates?|projections?|benchmark|quota|actuals?|baseline|schedule|commitments?|expected)\b/;
const BAND_GAP =
  /^(?:[\s,;:()]|±|\b(?:target(?:ed)?|with(?:in)?|and|a|an|of|is|at|on|around|about|from|tolerance|tol\.?|margin|no more than|not more than|at most|up to|max(?:imum)?)\b)*$/;
const OF_NUMBER = /^\s*of\s+(?:the\s+)?(?:target\s+(?:of\s+)?)?(?=[-+$€£¥]?\.?\d)/;
const ABSOLUTE = /\|[^|]+\||\babs(?:olute)?\b/;
// "not"/"never" outside the comparisons that hold them would turn the meaning around.
const NEGATED = /\b(?:not|never)\b/;
const NEGATED_COMPARATORS =
  /\b(?:not|never)\s+(?:[a-z]+\s+)?(?:less than|more than|fewer than|greater than|higher than|lower than|below|under|above|over|exceed(?:ing|s)?|to exceed)(?=\s*[-+$€£¥]?\.?\d)/g;

function bandOf(text: string, tokens: readonly QuantityToken[]): TargetParse | undefined {
  // "Increase by 10% ± 2%": a change with a tolerance is not read (the caller says so) rather than read as a level.
  if (CHANGE.test(text)) return undefined;
  const half = tokens.find((t) => {
    const before = text.slice(Math.max(0, t.index - 40), t.index);
    const after = text.slice(t.index + t.length, t.index + t.length + 40);
    if (HALF_BEFORE.test(before) || HALF_AFTER.test(after)) return true;
    // "within 5%" is a band either way; "within 2 hours" stays "at most 2 hours".
    return /\bwithin\s*$/.test(before) && (t.q.unit === "percent" || REFERENCE.test(after) || OF_NUMBER.test(after));
  });
  if (!half) return undefined;
  const others = tokens.filter((t) => t !== half);
  // The centre is the other number, joined to the tolerance only by band words: "100 ± 10", "target 50, tolerance 5",
  // "50 (±5)", "within 10% of 200". "5% or 10 units" joins two targets, not a value and its tolerance.
  const joined = (t: QuantityToken) => BAND_GAP.test(t.index < half.index ? text.slice(t.end, half.index) : text.slice(half.end, t.index));
  const centreTok = others.length === 1 && joined(others[0] as QuantityToken) ? others[0] : undefined;
  if (!centreTok && others.length > 0) {
    const list = tokens.map((t) => formatQuantity(t.q)).join(", ");
    return { ok: false, empty: false, reason: `it holds several numbers (${list}) and it is not clear which one the tolerance is around` };
  }
  const h: Quantity = { ...half.q, value: Math.abs(half.q.value) };
  if (!centreTok) {
    return { ok: true, target: { kind: "numeric", comparator: "between", value: { ...h, value: -h.value }, upper: h, reading: "band" } };
  }
  let centre = centreTok.q;
  let amount: number;
  if (h.unit === "percent" && !half.points && centre.unit !== "percent") amount = (Math.abs(centre.value) * h.value) / 100;
  else if (h.unit === centre.unit || h.unit === "number") amount = withUnitOf(h, centre).value;
  else if (centre.unit === "number") {
    centre = withUnitOf(centre, h);
    amount = h.value;
  } else
    return {
      ok: false,
      empty: false,
      reason: `its tolerance ${formatQuantity(h)} is not in the unit of the value ${formatQuantity(centre)} it is around`,
    };
  const low = { ...centre, value: roundTo(centre.value - amount) };
  const high = { ...centre, value: roundTo(centre.value + amount) };
  return { ok: true, target: { kind: "numeric", comparator: "between", value: low, upper: high, centre, reading: "band" } };
}

/** A number in brackets, or a duration that frames the time ("in 12 months", "over 3 years"). */
function isAside(text: string, t: QuantityToken): boolean {
  const before = text.slice(0, t.index);
  if ((before.match(/\(/g) ?? []).length > (before.match(/\)/g) ?? []).length) return true;
  return t.q.unit === "hours" && /\b(?:in|over|during|for|after|per|every)\s*$/.test(before);
}

function roundTo(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}

function rangeOf(text: string, tokens: QuantityToken[]): QuantityToken[] | undefined {
  if (tokens.length !== 2) return undefined;
  const [a, b] = tokens as [QuantityToken, QuantityToken];
  const gap = text.slice(a.end, b.index).trim();
  const before = text.slice(0, a.index).trim();
  const after = text.slice(b.end).trim();
  // Words after a range that do not change it ("8-12% depending on industry") are a remark, not another bound.
  const remark =
    after === "" || (!/\d/.test(after) && !/\b(?:or|not|no|never|more|less|above|below|under|over|either|each|plus|minus)\b|±/.test(after));
  if ((gap === "-" || gap === "to") && remark && (before === "" || /^(?:range|range of|keep|maintain|stay|hold)/.test(before)))
    return tokens;
  return undefined;
}

const SYMBOL: Record<Comparator, string> = { ">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "=", between: "between" };

export function comparatorSymbol(c: Comparator): string {
  return SYMBOL[c];
}

/**
 * A row threshold cell read as a target is ("80%", "≥ 85%", "below 70%", "2 hours", "$1,200"): its one level. Undefined
 * for a band, a range, a change from the baseline or a status word: no single value to compare with.
 */
export function thresholdLevel(parsed: TargetParse): Quantity | undefined {
  if (!parsed.ok || parsed.target.kind !== "numeric") return undefined;
  const t = parsed.target;
  if (t.change || t.upper || t.comparator === "between") return undefined;
  return t.value;
}

/** A row's Tolerance cell ("10%", "± 10%", "0.1", "2 hours"): the width of its band, or undefined. */
export function toleranceAmount(parsed: TargetParse): Quantity | undefined {
  if (!parsed.ok || parsed.target.kind !== "numeric") return undefined;
  const t = parsed.target;
  if (t.change) return undefined;
  // "±10%" reads as the band −10% to +10%: its width either way.
  if (t.reading === "band" && t.upper && !t.centre && Math.abs(t.value.value + t.upper.value) < 1e-9) return t.upper;
  if (t.upper || t.comparator === "between" || t.comparator === ">" || t.comparator === ">=") return undefined;
  return t.value.value >= 0 ? t.value : undefined;
}
