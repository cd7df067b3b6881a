// Milestones: categorical targets ("Complete", "Launched", "Signed") judged by what the actual reports, before and
// after their deadline, and the training rows that share the same reader.
import { InvalidOptionError, type RowResult, evaluateGrid } from "../../src/engine";
import { parseIsoDate } from "../../src/engine/dates";
import { classifyText, judgeCategorical } from "../../src/engine/judge/categorical";
import type { JudgeContext } from "../../src/engine/row-reader";
import type { Problem } from "../../src/engine/problems";
import { DEFAULT_MILESTONE_WINDOW_DAYS, checkOptions, isMilestoneWindowDays } from "../../src/engine/settings";
import type { CategoricalTarget } from "../../src/engine/targets";
import { type Cell, pct, sheet, workbook } from "../fixtures/builders";

const AS_OF = "2050-10-15";
const H = ["Goal", "Target", "Timeline", "Actual"];

/** Evaluates a one-table workbook with one goal row. */
function one(target: string, timeline: Cell, actual: Cell): { row: RowResult; problems: readonly Problem[] } {
  const ev = evaluateGrid(workbook(sheet("Goals", [H, ["Milestone", target, timeline, actual]])), { asOf: AS_OF });
  expect(ev.rows).toHaveLength(1);
  return { row: ev.rows[0] as RowResult, problems: ev.problems };
}

type Situation = "early" | "window" | "past" | "none";
const TIMELINE: Record<Situation, Cell> = {
  early: "2050-12-31", // 77 days after the as-of date: before the 30-day window
  window: "2050-10-27", // 12 days: inside it
  past: "2050-09-30",
  none: null,
};
type Family = "progress" | "trouble" | "notStarted" | "failed" | "done" | "unknown";
const EXPECTED: Record<Family, Record<Situation, string>> = {
  progress: { early: "On Track", window: "On Track", past: "Overdue", none: "On Track" },
  trouble: { early: "At Risk", window: "At Risk", past: "Overdue", none: "At Risk" },
  notStarted: { early: "On Track", window: "At Risk", past: "Overdue", none: "Off Track" },
  failed: { early: "Off Track", window: "Off Track", past: "Overdue", none: "Off Track" },
  done: { early: "Met", window: "Met", past: "Met", none: "Met" },
  unknown: { early: "No Data", window: "No Data", past: "No Data", none: "No Data" },
};

const PHRASINGS: Record<Family, Cell[]> = {
  progress: [
    "In progress",
    "in-progress",
    "WIP",
    "Started",
    "Underway",
    "On schedule",
    "On track",
    "Drafting",
    "In review",
    "Under review",
    "Testing",
    "In UAT",
    "50% done",
    "75% complete",
    pct(0.4),
    "Phase 2 of 3",
    "3/5 sites",
    "Ongoing",
    "Awaiting approval",
    "Pending legal review",
    "Submitted for signature",
    "Nearly done",
    "Ahead of schedule",
    "Green",
    "Kicked off",
    "On track, no issues",
    "No blockers",
    "Being finalised",
    "Complete 80%",
  ],
  trouble: [
    "Delayed",
    "Blocked",
    "Behind schedule",
    "Slipping",
    "At risk",
    "On hold",
    "Stalled",
    "Waiting on vendor",
    "Waiting for budget",
    "In progress but blocked",
    "Not on track",
    "Postponed",
    "Amber",
    "Late",
    "Missed the design milestone",
    "50% done, delayed by legal",
    "Pending budget",
  ],
  notStarted: [
    "Not started",
    "Not yet started",
    "No",
    false,
    "Pending",
    "Planned",
    "To do",
    "Open",
    "Not yet",
    "Yet to start",
    "0%",
    "Backlog",
    "Not approved",
    "Incomplete",
    "Scheduled",
    "0 of 4",
  ],
  failed: ["Cancelled", "Rejected", "Failed", "Off track", "Red", "Won't happen this year"],
  done: ["Done", "Yes", true, "Completed", "Launched 2050-09-12", "100%", "Signed", "Shipped", "✓", "4 of 4", "Done (Sep 12, 2050)"],
  unknown: ["Purple monkey", "Acme Corp", "Q", "See notes", "42"],
};

const TARGETS = ["Complete", "Launched", "Launch by Sept", "Signed", "Approved", "Yes"];

const CASES: [Family, Cell, Situation, string, string][] = [];
let i = 0;
for (const family of Object.keys(PHRASINGS) as Family[])
  for (const actual of PHRASINGS[family])
    for (const situation of Object.keys(TIMELINE) as Situation[])
      CASES.push([family, actual, situation, TARGETS[i++ % TARGETS.length] as string, EXPECTED[family][situation]]);

describe("milestones: what the actual reports, before and after the deadline", () => {
  it("has at least 50 phrasings", () => {
    expect(Object.values(PHRASINGS).flat().length).toBeGreaterThanOrEqual(50);
  });

  it.each(CASES)("%s %p, timeline %s, target %p → %s", (family, actual, situation, target, status) => {
    const { row, problems } = one(target, TIMELINE[situation], actual);
    expect(row.status).toBe(status);
    expect(row.explanation.endsWith(`→ ${status}`)).toBe(true);
    const unread = problems.filter((p) => p.code === "milestoneNotUnderstood");
    if (family === "unknown") {
      expect(unread).toEqual([expect.objectContaining({ sheet: "Goals", cell: "D2", severity: "error" })]);
      expect(unread[0]?.message).toContain(`"${String(actual)}"`);
      expect(unread[0]?.message).toContain("In progress");
    } else expect(unread).toEqual([]);
  });

  it.each(TARGETS.flatMap((t) => (Object.keys(TIMELINE) as Situation[]).map((s) => [t, s] as const)))(
    "an empty actual against %p (timeline %s) → No Data",
    (target, situation) => {
      const { row } = one(target, TIMELINE[situation], null);
      expect(row.status).toBe("No Data");
      expect(row.explanation.endsWith("→ No Data")).toBe(true);
    },
  );
});

describe("milestone explanations name the rule", () => {
  it.each([
    ["In progress", "2050-12-31", '"In progress" vs "Complete": not yet, in progress, due Dec 31, 2050 → On Track'],
    [
      "Not started",
      "2050-10-27",
      '"Not started" vs "Complete": not started, due in 12 days (Oct 27, 2050, within the 30-day warning window) → At Risk',
    ],
    [
      "Not started",
      "2050-10-15",
      '"Not started" vs "Complete": not started, due today (Oct 15, 2050, within the 30-day warning window) → At Risk',
    ],
    [
      "Not started",
      "2050-12-31",
      '"Not started" vs "Complete": not started, due in 77 days (Dec 31, 2050, before the 30-day warning window), so nothing is due yet → On Track',
    ],
    ["Blocked", "2050-12-31", '"Blocked" vs "Complete": not yet, trouble reported ("blocked"), due Dec 31, 2050 → At Risk'],
    ["No", null, '"No" vs "Complete": not started and no timeline, so it is due now → Off Track'],
    ["Drafting", null, '"Drafting" vs "Complete": not yet, in progress, no timeline → On Track'],
    ["Cancelled", "2050-12-31", '"Cancelled" vs "Complete": reported as failed ("cancelled") → Off Track'],
    ["Pending", "2050-09-30", '"Pending" vs "Complete": not yet, was due Sep 30, 2050 → Overdue'],
    ["50% done", "2050-12-31", '"50% done" vs "Complete": not yet, 50% done, due Dec 31, 2050 → On Track'],
  ])("%p due %p", (actual, timeline, explanation) => {
    expect(one("Complete", timeline, actual).row.explanation).toBe(explanation);
  });

  it("reports progress where the actual gives one", () => {
    expect(one("Complete", "2050-12-31", "Phase 2 of 4").row.progress).toBe(0.5);
    expect(one("Complete", "2050-12-31", "Blocked").row.progress).toBe(0);
  });

  it("a completion date on or before the as-of date is done; a later one is a plan", () => {
    const done = one("Complete", "2050-12-31", { v: 54946, f: "yyyy-mm-dd" }).row; // Jun 6, 2050
    expect(done.status).toBe("Met");
    expect(done.explanation).toMatch(/done, completed .* → Met$/);
    expect(one("Complete", "2050-12-31", "2050-11-15").row.status).toBe("On Track"); // planned in time, before the window
    expect(one("Complete", "2050-10-27", "2050-10-20").row.status).toBe("At Risk"); // not started inside the window
    const late = one("Complete", "2050-11-30", "2050-12-15").row; // planned after its deadline
    expect(late.status).toBe("At Risk");
    expect(late.explanation).toBe('"2050-12-15" vs "Complete": planned for Dec 15, 2050, after it is due (Nov 30, 2050) → At Risk');
  });

  it("a value target (not an achievement) with another value is Off Track, as before, and uses the same progress words", () => {
    const asOf = parseIsoDate(AS_OF) as number;
    const ctx = {
      asOf,
      tolerance: 0.1,
      order: "mdy",
      milestoneWindowDays: DEFAULT_MILESTONE_WINDOW_DAYS,
      problems: [],
    } as unknown as JudgeContext;
    const judge = (expected: string, actual: string, days: number) =>
      judgeCategorical({ kind: "text", text: actual }, actual, { kind: "categorical", expected, affirmative: false }, asOf + days, ctx, {
        source: "",
        fromGoal: false,
      });
    expect(judge("Gold", "Silver", 77)).toMatchObject({
      status: "Off Track",
      explanation: '"Silver" vs "Gold": a different value → Off Track',
    });
    expect(judge("Gold", "Silver", -15).status).toBe("Overdue");
    expect(judge("Gold", "gold", 77).status).toBe("Met");
    expect(judge("Green", "Amber", 77).status).toBe("At Risk");
    expect(judge("Gold", "Done", 77).status).toBe("Off Track");
    expect(ctx.problems).toEqual([]);
  });
});

describe("the milestone warning window", () => {
  const target: CategoricalTarget = { kind: "categorical", expected: "Complete", affirmative: true };
  const asOf = parseIsoDate(AS_OF) as number;
  const ctx = (window = DEFAULT_MILESTONE_WINDOW_DAYS): JudgeContext =>
    ({ asOf, tolerance: 0.1, order: "mdy", problems: [], milestoneWindowDays: window }) as unknown as JudgeContext;
  const judge = (days: number, window?: number) =>
    judgeCategorical({ kind: "text", text: "Not started" }, "Not started", target, asOf + days, ctx(window), {
      source: "",
      fromGoal: false,
    });

  it.each([
    [30, undefined, "At Risk"],
    [31, undefined, "On Track"],
    [0, undefined, "At Risk"],
    [12, 7, "On Track"],
    [7, 7, "At Risk"],
    [1, 0, "On Track"],
    [0, 0, "At Risk"],
    [200, 366, "At Risk"],
  ])("due in %p days, window %p → %s", (days, window, status) => {
    const j = judge(days, window);
    expect(j.status).toBe(status);
    expect(j.explanation.endsWith(`→ ${status}`)).toBe(true);
  });

  it("is an option with a default of 30 whole days, checked like the others", () => {
    expect(DEFAULT_MILESTONE_WINDOW_DAYS).toBe(30);
    expect(checkOptions({ asOf: AS_OF }).milestoneWindowDays).toBe(30);
    expect(checkOptions({ asOf: AS_OF, milestoneWindowDays: 14 }).milestoneWindowDays).toBe(14);
    for (const bad of [-1, 1.5, 367, Number.NaN, Infinity]) {
      expect(isMilestoneWindowDays(bad)).toBe(false);
      expect(() => checkOptions({ asOf: AS_OF, milestoneWindowDays: bad })).toThrow(InvalidOptionError);
    }
    expect(() => checkOptions({ asOf: AS_OF, milestoneWindowDays: -1 })).toThrow("whole number of days from 0 to 366");
    expect(isMilestoneWindowDays(0)).toBe(true);
    expect(isMilestoneWindowDays(366)).toBe(true);
  });
});

describe("the shared reader", () => {
  it.each([
    ["Launched", "done"],
    ["Complete by Nov 2050", "unknown"],
    ["Done on 2050-09-12", "done"],
    ["Not delayed", "progress"],
    ["Low risk", "progress"],
    ["Not complete", "notStarted"],
    ["To be signed", "notStarted"],
    ["ISO 27001 certified", "done"],
    ["Contract signed", "done"],
    ["Contract not signed", "notStarted"],
    ["Contract being signed", "progress"],
    ["Contract to be signed", "notStarted"],
  ])("%p → %s", (text, family) => {
    expect(classifyText(text).family).toBe(family);
  });
});

describe("training rows share the reader", () => {
  const TH = ["Role", "Training Needs", "Timeline", "Completed"];
  const train = (timeline: Cell, completed: Cell) =>
    evaluateGrid(workbook(sheet("T", [TH, ["Lead", "Analytics", timeline, completed]])), { asOf: AS_OF });

  it.each([
    ["Yes", "2050-12-31", "Met"],
    ["Attended", "2050-12-31", "Met"],
    ["No", "2050-12-31", "On Track"],
    ["No", "2050-10-20", "On Track"], // training keeps no warning window
    ["In progress", "2050-12-31", "On Track"],
    ["Booked", "2050-12-31", "On Track"], // not understood: read as not done, with a warning (as before)
    ["Delayed", "2050-12-31", "At Risk"],
    ["On hold", "2050-12-31", "At Risk"],
    ["Cancelled", "2050-12-31", "At Risk"],
    ["Delayed", "2050-09-30", "Overdue"],
    ["No", "2050-09-30", "Overdue"],
  ])("%p due %p → %s", (completed, timeline, status) => {
    const ev = train(timeline, completed);
    expect(ev.rows[0]?.status).toBe(status);
    expect(ev.rows[0]?.explanation.endsWith(`→ ${status}`)).toBe(true);
    expect(ev.problems.some((p) => p.code === "completionNotUnderstood")).toBe(completed === "Booked");
  });
});
