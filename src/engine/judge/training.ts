// Training rows: Met when done, Overdue when not done past the timeline, On Track before it (At Risk if in trouble).
import { type Day, longDate } from "../dates";
import { EXPLAIN } from "../explain";
import type { Field } from "../headers";
import type { Judgement } from "../model";
import { problem } from "../problems";
import type { JudgeContext, RowReader } from "../row-reader";
import { isAffirmative } from "../targets";
import { classifyWork } from "./categorical";

export function judgeTraining(row: RowReader, name: string, timeline: Day | undefined, ctx: JudgeContext): Judgement {
  const field: Field | undefined = row.has("completed") ? "completed" : row.has("status") ? "status" : undefined;
  if (!field) return { status: "No Data", explanation: EXPLAIN.trainingNoCompletionColumn() };
  const r = row.read(field, ctx);
  let done = false;
  let detail: string | undefined;
  let trouble: string | undefined;
  if (r.kind === "bool") done = r.value;
  else if (r.kind === "date") {
    done = r.day <= ctx.asOf;
    detail = done ? `completed ${longDate(r.day)}` : `planned for ${longDate(r.day)}`;
  } else if (r.kind === "text" || r.kind === "quantity") {
    const text = row.text(field);
    // The same reader as a milestone's actual: done, in progress, in trouble, not started (or failed, read as not done).
    const state = classifyWork(r, text, ctx.asOf);
    done = isAffirmative(text) || (r.kind === "quantity" && r.q.unit === "percent" && r.q.value >= 100) || state.family === "done";
    if (state.family === "trouble" || state.family === "failed") trouble = state.label;
    if (!done && r.kind === "text" && state.family === "unknown") {
      ctx.problems.push(problem("completionNotUnderstood", "warning", row.table.sheet, row.address(field), { text }));
    }
  }
  if (done) return { status: "Met", explanation: EXPLAIN.trainingDone({ detail }), progress: 1 };
  if (timeline === undefined) {
    ctx.problems.push(problem("trainingNoTimeline", "warning", row.table.sheet, row.address("timeline"), { name }));
    return { status: "Needs Target", explanation: EXPLAIN.trainingNoTimeline(), progress: 0 };
  }
  const due = longDate(timeline);
  if (timeline < ctx.asOf) return { status: "Overdue", explanation: EXPLAIN.trainingOverdue({ due }), progress: 0 };
  if (trouble) return { status: "At Risk", explanation: EXPLAIN.trainingTrouble({ state: trouble, due }), progress: 0 };
  return { status: "On Track", explanation: EXPLAIN.trainingPending({ due }), progress: 0 };
}
