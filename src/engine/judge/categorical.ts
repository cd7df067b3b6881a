// Categorical targets ("Approved", "Complete", "Launch by Sept"): Met when the actual says done. Before the deadline
// a milestone is judged like a training row, by what its actual reports: progress, trouble, not started or failed.
// An actual that says none of these is not guessed: the row is No Data with a problem.
import { type Day, longDate, parseDateText } from "../dates";
import { EXPLAIN } from "../explain";
import type { Judgement } from "../model";
import { problem } from "../problems";
import type { JudgeContext } from "../row-reader";
import { type CategoricalTarget, isAffirmative } from "../targets";
import type { Reading } from "../values";

/** What a status or completion cell reports about a piece of work. */
export type WorkState =
  | { readonly family: "done"; readonly detail?: string }
  | { readonly family: "progress"; readonly label: string; readonly progress?: number }
  | { readonly family: "trouble"; readonly label: string }
  | { readonly family: "notStarted"; readonly label: string; readonly planned?: Day }
  | { readonly family: "failed"; readonly label: string }
  | { readonly family: "unknown" };

// Words that say the work is finished (on top of targets.ts's affirmatives). Checked whole, or followed by a date.
const DONE_WORDS = String.raw`yes|y|done|complete|completed|finished|achieved|met|passed|pass|approved|accepted|signed|signed off|signed-off|launched|live|went live|gone live|in place|implemented|delivered|shipped|released|deployed|rolled out|published|certified|accredited|awarded|obtained|secured|closed|resolved|received|executed|fulfilled|accomplished|attended|hired|ratified|adopted|agreed|in production|operational|true|ok|✓|✔|✅|x`;
const DONE = new RegExp(String.raw`^(?:yes\b[\s,:;-]*)?(?:fully\s+|all\s+|now\s+)?(?:${DONE_WORDS})(?<rest>.*)$`);

/** After a done word: nothing, or a date ("Launched 12 Sep 2050", "done on 2050-09-12", "complete (2050-09-12)"). */
function isDoneTail(rest: string): boolean {
  const tail = rest
    .replace(/^[\s,:;(-]*(?:(?:on|in|at|as of)\s+)?/, "")
    .replace(/\)\s*$/, "")
    .trim();
  if (tail === "") return true;
  // "Complete by Nov 2050" is a plan, not a completion date.
  if (/^(?:by|before|until|due|expected|eta|planned|target(?:ed)?|not|no|will|to be|next|soon)\b/.test(tail)) return false;
  return /\d/.test(tail) && parseDateText(tail) !== undefined;
}

// "Contract signed", "ISO 27001 certified": a thing, then a done word, with nothing that says not yet.
const ENDS_DONE = new RegExp(String.raw`^[\w\s&/'-]+\s(?:${DONE_WORDS})$`);
const NOT_YET_WORDS =
  /\b(?:not|no|un\w+|yet|will|to be|being|partially|partly|almost|nearly|awaiting|pending|planned|scheduled|expected)\b/;

// A negated problem is good news: "no issues", "not blocked", "low risk".
const BENIGN =
  /\b(?:(?:no|not|without|zero|nil)\s+(?:major\s+|known\s+|open\s+|any\s+)?(?:issues?|blockers?|problems?|concerns?|risks?|delays?|delayed|blocked|behind|late)|unblocked|low risk|no longer (?:blocked|delayed|on hold))\b/g;

const FAILED =
  /\b(failed|fail|rejected|declined|denied|cancell?ed|abandoned|dropped|descoped|de-scoped|scrapped|withdrawn|lost|off[\s-]track|red|won'?t (?:happen|launch|be (?:done|met|delivered|completed))|will not (?:happen|launch|be (?:done|met|delivered|completed))|not (?:going to|gonna) happen)\b/;

// Handed over and waiting for someone's verdict: the work itself is done, so it is progress.
const IN_REVIEW =
  /\b(?:waiting|awaiting|pending)\s+(?:on\s+|for\s+)?(?:(?:final|legal|client|customer|board|management|exec(?:utive)?|cab|qa)\s+)?(?:approval|review|sign[\s-]?off|signatures?|sign(?:ing)?|feedback|verification|acceptance|go[\s-]?live)\b/;

const TROUBLE =
  /\b(delay(?:ed|s)?|missed|blocked|blockers?|behind|slipp(?:ing|ed)|slip(?:s)?|at risk|risks?|risky|on hold|paused|stalled|stuck|waiting|awaiting|pending\s+\w+|issues?|problems?|late|overdue|escalated|amber|yellow|orange|not on (?:track|schedule|target|plan)|off (?:schedule|plan)|deferred|postponed|rescheduled|pushed (?:back|out)|de-?prioriti[sz]ed|concerns?|concerned|struggling|challenges?|challenged|under[\s-]resourced|short[\s-]staffed|needs? (?:help|attention|support|escalation)|troubled|jeopardy|unlikely|doubtful|impeded|dependent on)\b/;

const NOT_STARTED =
  /^(?:no|n|nope|false|not started(?: yet)?|not yet started|yet to (?:start|begin)|not begun|pending|planned|scheduled|to ?do|to-do|open|new|backlog|in backlog|queued|proposed|idea|none|nothing yet|unstarted|not initiated|not kicked off|0|☐|✗|✘|❌)$|^(?:not started|not yet started|yet to (?:start|begin)|not begun|planned (?:for|in|on|to)|scheduled (?:for|in|on|to)|to be (?:started|scheduled|planned)|will (?:start|begin|kick off)|starts? (?:in|on|next)|starting (?:in|on|next))\b/;
// Not done, without saying whether work began: "Not yet", "Not approved", "Incomplete", "To be signed".
const NOT_DONE =
  /^(?:not yet|not done(?: yet)?|incomplete|not complete(?:d)?(?: yet)?|not finished|unfinished|unsigned|unapproved|outstanding)$|\b(?:not (?:yet )?(?:\w+ed|complete|done|live|in place|signed off)|to be \w+(?:ed)?)\b/;

const PROGRESS =
  /\b(in progress|in-progress|wip|work in progress|started|underway|under way|ongoing|on[\s-]track|on schedule|on target|on plan|ahead(?: of schedule)?|progressing|making progress|drafting|drafted|draft|in draft|in review|under review|reviewing|being reviewed|in (?:qa|test(?:ing)?|uat|development|dev|design|build|pilot|validation|negotiation|procurement|implementation|planning|progress)|testing|piloting|building|developing|implementing|rolling out|being (?:built|tested|drafted|reviewed|implemented|prepared|finali[sz]ed|developed|rolled out|negotiated|signed)|submitted|sent (?:for|to)|partially|partly|almost|nearly|mostly|green|active|working on(?: it)?|kicked off|initiated|begun|planning|scoping|designing|negotiating|final stages?|finali[sz]ing|half[\s-]?way|wrapping up|in flight|executing|preparing|prep)\b/;

const PERCENT = /(\d+(?:\.\d+)?)\s*%/;
const OF = /\b(\d+)\s*(?:of|\/|out of)\s*(\d+)\b/;

function percentState(value: number, label: string): WorkState {
  if (value >= 100) return { family: "done" };
  if (value <= 0) return { family: "notStarted", label: "not started" };
  return { family: "progress", label, progress: value / 100 };
}

/** Reads a status or completion cell: done, in progress, in trouble, not started, failed, or not understood. */
export function classifyWork(actual: Reading, text: string, asOf: Day): WorkState {
  if (actual.kind === "bool") return actual.value ? { family: "done" } : { family: "notStarted", label: "not started" };
  if (actual.kind === "date")
    return actual.day <= asOf
      ? { family: "done", detail: `completed ${longDate(actual.day)}` }
      : { family: "notStarted", label: `planned for ${longDate(actual.day)}`, planned: actual.day };
  if (actual.kind === "quantity") {
    const q = actual.q;
    if (q.unit === "percent") return percentState(q.value, `${fmt(q.value)}% done`);
    if (q.unit === "score" && q.outOf) return percentState((q.value / q.outOf) * 100, `${fmt(q.value)} of ${q.outOf} done`);
    if (q.unit === "number" && q.value === 0) return { family: "notStarted", label: "not started" };
    return { family: "unknown" };
  }
  if (actual.kind !== "text") return { family: "unknown" };
  return classifyText(text);
}

function fmt(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** The text half of classifyWork; also used on a target ("Signed", "ISO 27001 certified") to see if it is an achievement. */
export function classifyText(input: string): WorkState {
  const t = input
    .toLowerCase()
    .replace(/[_–—]/g, " ")
    .replace(/[’‘]/g, "'")
    .replace(/[.!]+$/, "")
    .replace(/\s+/g, " ")
    .trim();
  if (t === "") return { family: "unknown" };
  if (isAffirmative(t)) return { family: "done" };
  const done = DONE.exec(t);
  if (done) {
    const rest = done.groups?.rest ?? "";
    if (isDoneTail(rest)) return { family: "done" };
  }
  const failed = FAILED.exec(t);
  if (failed) return { family: "failed", label: `reported as failed ("${failed[1]}")` };
  const benign = t.replace(BENIGN, " ");
  if (IN_REVIEW.test(benign)) return { family: "progress", label: "in progress (awaiting review)" };
  const trouble = TROUBLE.exec(benign);
  if (trouble) return { family: "trouble", label: `trouble reported ("${trouble[1]}")` };
  const b = benign.replace(/\s+/g, " ").trim();
  if (b === "") return { family: "progress", label: "in progress (no issues reported)" };
  if (NOT_STARTED.test(b)) return { family: "notStarted", label: "not started" };
  if (NOT_DONE.test(b)) return { family: "notStarted", label: "not done yet" };
  const pct = PERCENT.exec(t);
  if (pct) return percentState(Number(pct[1]), `${fmt(Number(pct[1]))}% done`);
  const of = OF.exec(t);
  if (of && Number(of[2]) > 0) {
    const [a, b] = [Number(of[1]), Number(of[2])];
    return a >= b
      ? { family: "done" }
      : a <= 0
        ? { family: "notStarted", label: "not started" }
        : { family: "progress", label: `${a} of ${b}`, progress: a / b };
  }
  if (PROGRESS.test(b)) return { family: "progress", label: "in progress" };
  if (ENDS_DONE.test(t) && !NOT_YET_WORDS.test(t)) return { family: "done" };
  if (b !== t) return { family: "progress", label: "in progress (no issues reported)" };
  return { family: "unknown" };
}

/** A target that names an achievement (Complete, Launch by Sept, Signed, Yes) rather than a value to equal (Green, Gold). */
export function isAchievement(target: CategoricalTarget): boolean {
  return target.affirmative || classifyText(target.expected).family === "done";
}

export function judgeCategorical(
  actual: Reading,
  actualText: string,
  target: CategoricalTarget,
  timeline: Day | undefined,
  ctx: JudgeContext,
  how: { source: string; fromGoal: boolean; sheet?: string; cell?: string },
): Judgement {
  const text = actual.kind === "bool" ? (actual.value ? "Yes" : "No") : actualText;
  const head = EXPLAIN.categoricalHead({ actual: text, expected: target.expected, source: how.source, fromGoal: how.fromGoal });
  const base = { actual: text, target: `"${target.expected}"` };
  const achievement = isAchievement(target);
  const state = classifyWork(actual, text, ctx.asOf);
  const exact = text.trim().toLowerCase() === target.expected.toLowerCase();
  if (exact || (achievement && (isAffirmative(text) || state.family === "done"))) {
    const detail = state.family === "done" ? state.detail : undefined;
    const explanation = detail ? EXPLAIN.categoricalDone({ head, detail }) : EXPLAIN.categoricalMet({ head });
    return { ...base, status: "Met", explanation, progress: 1 };
  }
  const notMet = { ...base, progress: state.family === "progress" ? (state.progress ?? 0) : 0, gap: "not met" };

  // "Done" against a value target ("Gold") says nothing about the value: it is another value.
  if (state.family === "unknown" || state.family === "done") {
    if (!achievement) {
      // A value target ("Gold") with another value ("Silver"): plainly not it.
      if (timeline !== undefined && timeline < ctx.asOf)
        return { ...notMet, status: "Overdue", explanation: EXPLAIN.categoricalOverdue({ head, due: longDate(timeline) }) };
      return { ...notMet, status: "Off Track", explanation: EXPLAIN.categoricalOtherValue({ head }) };
    }
    if (how.sheet !== undefined && how.cell !== undefined)
      ctx.problems.push(problem("milestoneNotUnderstood", "error", how.sheet, how.cell, { actual: text, target: target.expected }));
    return { ...base, status: "No Data", explanation: EXPLAIN.milestoneNotUnderstood({ head }) };
  }
  if (timeline !== undefined && timeline < ctx.asOf)
    return { ...notMet, status: "Overdue", explanation: EXPLAIN.categoricalOverdue({ head, due: longDate(timeline) }) };

  const due = timeline === undefined ? undefined : longDate(timeline);
  switch (state.family) {
    case "failed":
      return { ...notMet, status: "Off Track", explanation: EXPLAIN.milestoneFailed({ head, state: state.label }) };
    case "trouble":
      return { ...notMet, status: "At Risk", explanation: EXPLAIN.milestoneTrouble({ head, state: state.label, due }) };
    case "progress":
      return { ...notMet, status: "On Track", explanation: EXPLAIN.milestoneProgress({ head, state: state.label, due }) };
    case "notStarted": {
      if (timeline === undefined)
        return { ...notMet, status: "Off Track", explanation: EXPLAIN.milestoneNotStartedNoTimeline({ head, state: state.label }) };
      if (state.planned !== undefined && state.planned > timeline)
        return {
          ...notMet,
          status: "At Risk",
          explanation: EXPLAIN.milestonePlannedLate({ head, planned: longDate(state.planned), due: longDate(timeline) }),
        };
      const window = ctx.milestoneWindowDays;
      const days = timeline - ctx.asOf;
      const p = { head, state: state.label, due: longDate(timeline), days, window };
      if (days <= window) return { ...notMet, status: "At Risk", explanation: EXPLAIN.milestoneNotStartedSoon(p) };
      return { ...notMet, status: "On Track", explanation: EXPLAIN.milestoneNotStartedEarly(p) };
    }
  }
}
