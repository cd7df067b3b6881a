// Problems found in a workbook: one home for every message, each naming its sheet and cell.
import { quoteSheet } from "./address";

export type Severity = "error" | "warning";

export interface Problem {
  readonly sheet: string;
  readonly cell: string;
  readonly severity: Severity;
  readonly code: ProblemCode;
  readonly message: string;
}

const q = (s: string) => `"${s}"`;
/** "0.9" → "90%": how a bare fraction reads as a percentage. */
const fraction = (s: string) => {
  const n = Number(s.trim());
  return Number.isFinite(n) ? `${Math.round(n * 100 * 1e6) / 1e6}%` : `${s} × 100%`;
};

export const MESSAGES = {
  targetNotUnderstood: (p: { target: string; reason: string }) =>
    `Target ${q(p.target)} was not understood: ${p.reason}. Write it like "≥ 85%", "< 2 hours" or "Increase by 10 points".`,
  zeroTargetReadAsNone: (p: { target: string }) =>
    `Target ${q(p.target)} was read as none allowed (at most 0), though the row's wording says higher is better. If 0 is a floor, write "≥ 0"; if it is a level to reach, put that level in the target.`,
  targetNeedsBaseline: (p: { target: string }) =>
    `Target ${q(p.target)} is a change from the baseline, but the row has no Baseline value. Add a Baseline column or value.`,
  actualNotANumber: (p: { actual: string; target: string }) =>
    `Actual ${q(p.actual)} is not a number, so it cannot be compared with the target ${p.target}. Enter a value such as 85% or 3.5 hours.`,
  unitMismatch: (p: { actual: string; actualUnit: string; target: string; targetUnit: string }) =>
    `Actual ${q(p.actual)} is a ${p.actualUnit} but the target ${p.target} is a ${p.targetUnit}. Enter the actual in the target's unit.`,
  targetFractionAmbiguous: (p: { target: string; actual: string }) =>
    `Target ${q(p.target)} could be ${p.target}% or ${fraction(p.target)}, against the actual ${q(p.actual)}. Write the target with its % sign, or format the cell as a percentage.`,
  percentAmbiguous: (p: { actual: string }) =>
    `Actual ${p.actual} is a plain number compared with a percentage target; it was read as ${p.actual}%. Format the cell as a percentage, or type the percent (85 for 85%).`,
  typedActualDisagreesWithLog: (p: { actual: string; logged: string; date: string }) =>
    `Actual ${q(p.actual)} is typed in the table, but the measurement log's latest value is ${p.logged} (${p.date}); the typed value was judged and the trend drawn from the log alone. Clear the cell to judge the logged value, or log the new value with its date.`,
  dateAmbiguous: (p: { text: string; read: string }) =>
    `Date ${q(p.text)} could be read either way; it was read as ${p.read} (the date order setting). Write dates like 2050-12-15 to avoid doubt.`,
  dateNotUnderstood: (p: { text: string; column: string }) =>
    `${p.column} ${q(p.text)} is not a date. Write a date such as 2050-12-15, "December 15, 2050" or "Q4 2050".`,
  comparatorConflict: (p: { target: string; direction: string }) =>
    `Target ${q(p.target)} contradicts the Direction column (${p.direction}); the target's own comparison was used. Correct the Direction or the target.`,
  elementUnlinked: (p: { element: string }) =>
    `KPA element ${q(p.element)} is not measured by any goal. Add a goal that names it (or its acronym) so it can be judged.`,
  ownerWithoutRole: (p: { owner: string; cells: string; suggestion?: string }) =>
    `${q(p.owner)} owns ${p.cells} but has no row in the roles table.${p.suggestion ? ` Did you mean ${q(p.suggestion)}?` : ""} Add a role row or correct the name.`,
  reviewOverdue: (p: { name: string; due: string; last: string; frequency: string }) =>
    `The ${p.frequency.toLowerCase()} review of ${q(p.name)} was due on ${p.due} (last review ${p.last}). Review it and update its Last Review date.`,
  frequencyNotUnderstood: (p: { text: string }) =>
    `Review frequency ${q(p.text)} is not one we know. Use daily, weekly, bi-weekly, monthly, quarterly, biannually, annually, per gate or ad hoc.`,
  noRoomForColumns: (p: {
    table: string;
    blocker: string;
    needed: number;
    columns?: string;
    insert?: { count: number; after: string };
    shared?: { header: string; table: string };
  }) =>
    p.shared && !p.insert
      ? `No room to write the status columns of the table at ${p.table}: they would share column ${columnOf(p.blocker)} with the ${p.shared.header} column of the table at ${p.shared.table}, and one column cannot be sized for both. Give the two tables the same number of columns, or move one of them; until then the table's rows that are not Met are listed on KPA Gaps.`
      : p.insert
        ? `No room to write the status columns of the table at ${p.table}: ${p.blocker} is not empty. Insert ${p.insert.count} column${p.insert.count === 1 ? "" : "s"} after ${p.insert.after} (the task pane offers it after Evaluate; on the command line, kpa evaluate --make-room), or move what is in the way; until then the table's rows that are not Met are listed on KPA Gaps.`
        : `No room to write the ${p.columns ?? "status"} columns of the table at ${p.table}: ${p.blocker} is not empty. Leave ${p.needed} empty columns to the right of the table.`,
  columnsLeftOut: (p: { table: string; columns: string[]; column: string; shared: { header: string; table: string } }) =>
    `The table at ${p.table} gets no ${p.columns.join(" or ")} column: column ${p.column} holds the ${p.shared.header} column of the table at ${p.shared.table}, and one column cannot be sized for both. Give the two tables the same number of columns to have ${p.columns.length === 1 ? "it" : "them"} too.`,
  trainingNoTimeline: (p: { name: string }) =>
    `Training for ${q(p.name)} has no timeline, so it cannot be judged as due or overdue. Add a date.`,
  completionNotUnderstood: (p: { text: string }) =>
    `Completion ${q(p.text)} is not yes, no or a date; it was read as not done. Enter Yes, No or the completion date.`,
  milestoneNotUnderstood: (p: { actual: string; target: string }) =>
    `Actual ${q(p.actual)} does not say whether ${q(p.target)} is done, so the row is No Data. Write done (Yes, Done, Complete or the date it was done), in progress (In progress, On track, Drafting, 50%, Phase 2 of 3), in trouble (Delayed, Blocked, On hold, Waiting on …), not started (No, Not started, Planned) or failed (Cancelled, Rejected).`,
  weightNotANumber: (p: { text: string }) =>
    `Weight ${q(p.text)} is not a number; the row is left out of the weighted score. Enter a number such as 20 or 20%.`,
  sheetNameTaken: (p: { wanted: string; used: string }) =>
    `A sheet named ${q(p.wanted)} already exists and is not ours; the results were written to ${q(p.used)} instead.`,
  // Our defined names, proven against the cells they point at (ownership.ts).
  columnsMarkNotProven: (p: { name: string; range: string }) =>
    `The defined name ${p.name} says KPA Tracker wrote ${p.range}, but those cells do not hold what it wrote there, so they are not taken for KPA Tracker's: they were left as they are, nothing in them cleared or written over, and the name was removed. If they are left over from KPA Tracker, delete them yourself.`,
  sheetMarkNotProven: (p: { name: string; sheet: string; ours: string; title: string }) =>
    `The defined name ${p.name} says the sheet ${q(p.sheet)} is KPA Tracker's ${p.ours} sheet, but its A1 does not read ${q(p.title)}, so it is not taken for KPA Tracker's: it was left as it is, and the name now marks the sheet the results are written to.`,
  logNoKpi: (p: { row: number }) =>
    `The measurement in row ${p.row} has a value but no KPI, so it is not used. Enter the KPI or goal it measures.`,
  logNoValue: (p: { kpi: string }) =>
    `This measurement of ${q(p.kpi)} has no value, so it is not used. Enter the value, or delete the row.`,
  logDateNotUnderstood: (p: { kpi: string; text: string }) =>
    `The measurement of ${q(p.kpi)} is dated ${q(p.text)}, which is not a date or period, so it is not used. Write a date such as 2050-09-30, "Sep 2050" or "Q3 2050".`,
  logKpiUnknown: (p: { kpi: string }) =>
    `Measurements of ${q(p.kpi)} match no goal or KPI in the workbook, so they are not used. Write the KPI as the goal table names it.`,
  logValueUnusable: (p: { kpi: string; value: string; date: string }) =>
    `The logged value ${q(p.value)} of ${q(p.kpi)} (${p.date}) cannot be compared with its target, so it is left out of the trend. Enter it in the target's unit.`,
  // Finding a table's value column (detect.ts, columns-by-content.ts).
  actualByContent: (p: { table: string; header: string }) =>
    `The table at ${p.table} has no column headed Actual; the column ${q(p.header)} holds values like its targets, so it was read as the actual. Head it "Actual" if that is right, or rename it if not.`,
  actualAmbiguous: (p: { table: string; headers: string }) =>
    `The table at ${p.table} has no column headed Actual, and the columns ${p.headers} all hold values like its targets, so none was used and its rows are No Data. Head the column of current values "Actual".`,
  actualFromSeveral: (p: { table: string; headers: string; header: string }) =>
    `The table at ${p.table} has several value columns (${p.headers}); ${q(p.header)}, the latest period holding values, was read as the actual. Keep the current period's values in a column headed "Actual" to choose it yourself.`,
  noActualColumn: (p: { table: string; columns: string }) =>
    `The table at ${p.table} has no column of actual values (its columns: ${p.columns}), so its rows are No Data. Head the column of current values "Actual", or add one (Add tracking columns).`,
  // A row's own threshold columns (judge/thresholds.ts).
  thresholdNotUsed: (p: { column: string; text: string; reason: string; tolerance: string }) =>
    `${p.column} ${q(p.text)} was not used: ${p.reason}. The row was judged with ${p.tolerance} tolerance instead.`,
  // The KPA Settings sheet (settings-sheet.ts).
  settingNotUnderstood: (p: { setting: string; text: string; expected: string; instead: string }) =>
    `The setting ${p.setting} ${q(p.text)} was not understood, so ${p.instead}. Write ${p.expected}.`,
} as const;

export type ProblemCode = keyof typeof MESSAGES;

export function problem<C extends ProblemCode>(
  code: C,
  severity: Severity,
  sheet: string,
  cell: string,
  params: Parameters<(typeof MESSAGES)[C]>[0],
): Problem {
  const message = (MESSAGES[code] as (p: typeof params) => string)(params);
  return { sheet, cell, severity, code, message };
}

/** "Goals!E19" as a reader would write it. */
export function where(p: { sheet: string; cell: string }): string {
  return `${quoteSheet(p.sheet)}!${p.cell}`;
}

/** The column letters of a reference such as "Sheet 1!I16". */
function columnOf(ref: string): string {
  return /([A-Z]+)\d+$/.exec(ref)?.[1] ?? ref;
}
