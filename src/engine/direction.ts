// Which way is better for a row: higher (revenue, CSAT) or lower (cost, churn, response time), from a Direction
// column, from the wording of the goal and target, or from the kind of thing measured.

export type Direction = "higher" | "lower";

export const UP_VERBS = /\b(increase[sd]?|increasing|grow(?:s|n|th)?|raise[sd]?|boost(?:ed|s)?|lift|maximi[sz]e|expand|double|triple)\b/;
export const DOWN_VERBS =
  /\b(reduce[sd]?|reducing|reduction|decrease[sd]?|decreasing|lower(?:ed|s)?|cut(?:s)?|drop|minimi[sz]e|shorten|eliminate|halve|limit|decline)\b/;
const LOWER_NOUNS = new RegExp(
  String.raw`\b(costs?|cost-per|cpa|cac|churn|errors?|incidents?|burn|burn rate|expenses?|spend|refunds?|disputes?|variance|defects?|complaints?|delays?|backlog|turnover|attrition|downtime|latency|bounce|abandonment|absenteeism|escalations?|waste|debt|overdue|outages?|bugs?|tickets? open|dso|aht|lead time|cycle time|duration|wait|elapsed|aging|ageing|turnaround)\b` +
    String.raw`|(?<!\b(?:on|up|real|full|part|first|one|any|in|over)[\s-])\btimes?\b`,
);

// Phrases that read as "more is better" even though they hold a lower-is-better word.
const HIGHER_PHRASES =
  /\b(cost savings?|savings?|saved|(?:error|defect|incident|bug)[- ]free|free of|accuracy|mtbf|between failures|uptime|availability|on[- ]time|avoided|avoidance)\b/;

const AMOUNT_OF_CHANGE =
  /\b(?:reduction|decrease|savings?|improvement|avoidance|saved)\s*(?:\([^)]*\))?\s*(?:%|rate|percent(?:age)?|achieved|ytd)?\s*$/;

/** Which way is better for a row: a Polarity value first, then the wording, then "higher". */
export function inferDirection(name: string, extraText = "", polarity?: string): { direction: Direction; because: string } {
  if (polarity) {
    const p = parsePolarity(polarity);
    if (p) return { direction: p, because: "Direction column" };
  }
  const text = `${name} ${extraText}`.toLowerCase();
  // "Cost of Quality Reduction", "Cycle Time Reduction %": the amount of the change is measured, and more of it is better.
  if (AMOUNT_OF_CHANGE.test(name.toLowerCase())) return { direction: "higher", because: "wording" };
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
