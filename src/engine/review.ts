// Review schedules: Frequency of Review plus Last Review gives the next review date; one past the as-of date is a problem.
import { addMonths, isoDate, longDate } from "./dates";
import { problem } from "./problems";
import { type JudgeContext, type RowReader, readDate } from "./row-reader";

/** Months between reviews; null for schedules with no fixed interval (ad hoc, per gate). */
const FREQUENCIES: readonly [RegExp, number | null][] = [
  [/^(daily|every day|each day)$/, 0],
  [/^(weekly|every week|each week)$/, 0.25],
  [/^(bi-?weekly|fortnightly|every (2|two) weeks)$/, 0.5],
  [/^(monthly|every month|each month)$/, 1],
  [/^(bi-?monthly|every (2|two) months)$/, 2],
  [/^(quarterly|every quarter|every (3|three) months)$/, 3],
  [/^(bi-?annual(ly)?|semi-?annual(ly)?|twice a year|half-?yearly|every (6|six) months)$/, 6],
  [/^(annual(ly)?|yearly|every year|once a year)$/, 12],
  [/^(per gate|ad hoc|ad-hoc|as needed|as required|on demand|ongoing|continuous|real-?time|per project|per release|per launch)$/, null],
];

/** The next review date (ISO), when the row has a frequency and a last review. */
export function reviewSchedule(row: RowReader, name: string, ctx: JudgeContext): string | undefined {
  if (!row.has("frequency")) return undefined;
  const text = row.text("frequency");
  if (!text) return undefined;
  const key = text
    .toLowerCase()
    .replace(/[.\s]+$/, "")
    .replace(/\s+/g, " ");
  const found = FREQUENCIES.find(([re]) => re.test(key));
  if (!found) {
    ctx.problems.push(problem("frequencyNotUnderstood", "warning", row.table.sheet, row.address("frequency"), { text }));
    return undefined;
  }
  const months = found[1];
  if (months === null || !row.has("lastReview")) return undefined;
  const last = readDate(row, "lastReview", "Last review", ctx);
  if (last === undefined) return undefined;
  const due = months === 0 ? last + 1 : months === 0.25 ? last + 7 : months === 0.5 ? last + 14 : addMonths(last, months);
  if (due < ctx.asOf) {
    ctx.problems.push(
      problem("reviewOverdue", "warning", row.table.sheet, row.address("lastReview"), {
        name,
        due: longDate(due),
        last: longDate(last),
        frequency: text,
      }),
    );
  }
  return isoDate(due);
}
