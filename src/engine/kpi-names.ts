// KPI, goal and element names compared loosely (acronyms and the words that carry meaning). Not Excel defined names.

const GENERIC = new Set([
  "customer",
  "customers",
  "rate",
  "score",
  "level",
  "total",
  "average",
  "avg",
  "number",
  "percentage",
  "percent",
  "the",
  "of",
  "to",
  "a",
  "an",
  "and",
  "for",
  "by",
  "in",
  "on",
  "with",
  "per",
  "increase",
  "improve",
  "reduce",
  "achieve",
  "decrease",
  "maintain",
  "grow",
  "raise",
  "lower",
  "reach",
  "kpi",
  "kpa",
  "metric",
  "measure",
  "overall",
  "time",
  "first",
  "new",
  "our",
  "all",
  "from",
]);

export function acronyms(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\(([A-Za-z]{2,6})\)/g)) out.add((m[1] as string).toUpperCase());
  for (const m of text.matchAll(/\b([A-Z]{2,6})\b/g)) out.add(m[1] as string);
  return out;
}

export function significantWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().split(/[^a-z]+/)) {
    if (w.length < 3 || GENERIC.has(w)) continue;
    out.add(
      w.length > 4 && w.endsWith("ies") ? `${w.slice(0, -3)}y` : w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w,
    );
  }
  return out;
}
