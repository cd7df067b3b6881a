// Every sentence the add-in shows a user, in one place: the port's refusals and Office's failures (src/excel), the
// pane's notices, hints and empty states (src/taskpane), the demo's notes and the ribbon's dialog. Like the engine's
// problems (src/engine/problems.ts), each takes what it names and returns one plain sentence, saying what to do where
// there is something to do. Words only: no Office, React or DOM here, so the ribbon's bundle stays small.
import { MAX_MILESTONE_WINDOW_DAYS, MAX_TOLERANCE, type MeasurementIssue, STATUSES, type StatusCounts } from "../engine";
import { PortError } from "./port";

const q = (s: string) => `"${s}"`;

/** "date", "date and value", "KPI, date and value". */
function listed(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** Days in the pane, in the user's locale ("Jun 30, 2050" in English): one format everywhere. */
const DAY_FORMAT = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });

/** An ISO day (YYYY-MM-DD) in the user's locale; anything else (not a real day included) as it is. */
export function formatDay(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === iso ? DAY_FORMAT.format(d) : iso;
}

/**
 * A sentence of the port's (which names days as ISO dates, as the command line does) with each real day in the
 * user's locale, for the pane: one date format there.
 */
export function localDates(sentence: string, format: (iso: string) => string = formatDay): string {
  return sentence
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, (iso) => format(iso))
    .replace(ENGINE_DAY, (all, mon: string, d: string, y: string) => {
      // The engine's own way of writing a day in its sentences ("Jun 30, 2050", the same in every locale).
      const iso = `${y}-${String(ENGINE_MONTHS.indexOf(mon) + 1).padStart(2, "0")}-${d.padStart(2, "0")}`;
      const out = format(iso);
      return out === iso ? all : out;
    });
}

const ENGINE_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const ENGINE_DAY = new RegExp(`\\b(${ENGINE_MONTHS.join("|")}) (\\d{1,2}), (\\d{4})\\b`, "g");

/** "4 Met, 2 Off Track": the statuses that have rows, in the workbook's order. */
function statusList(counts: StatusCounts): string {
  return STATUSES.filter((s) => (counts[s] ?? 0) > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(", ");
}

const FIELD_WORDS: Record<MeasurementIssue["field"], string> = { kpi: "KPI", date: "date", value: "value" };

/** "12 ms", "1.2 s". */
function elapsed(ms: number): string {
  return ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** What the port is doing while it refuses a second change ("KPA Tracker is still busy (evaluating)"). */
export type BusyTask =
  "evaluating" | "undoing" | "adding a template" | "adding tracking columns" | "recording a measurement" | "saving the settings";

/** What KPA Tracker could not do to a protected sheet ("… so KPA Tracker cannot refresh it"). */
export type SheetAction =
  | "write its status columns"
  | "add this evaluation's rows to it"
  | "refresh it"
  | "add its tracking columns"
  | "add the measurement to it"
  | "undo the evaluation"
  | "insert columns in it"
  | "save the settings in it";

export const MESSAGES = {
  // Office.js error codes (src/excel/errors.ts maps each code to one of these).
  cellEditMode: () => "Excel is busy editing a cell. Press Enter or Esc to leave the cell, then try again.",
  accessDenied: () => "Excel refused the change because part of the workbook is protected or read-only. Unprotect it, then try again.",
  requestTooLarge: () =>
    "The workbook sent more data than Excel accepts at once. Try again; if it keeps happening, evaluate a smaller copy.",
  responseTooLarge: () =>
    "The workbook returned more data than Excel can send at once. Try again; if it keeps happening, evaluate a smaller copy.",
  excelOverloaded: () => "Excel is handling too many requests right now. Wait a moment and try again.",
  editConflict: () => "Someone else changed the workbook at the same time. Try again.",
  itemRemoved: () => "A sheet or range KPA Tracker needs was removed while it worked. Try again.",
  itemExists: () => "A sheet or name KPA Tracker wanted to create already exists. Rename it and try again.",
  columnsOffSheet: () =>
    "Excel cannot insert the columns: something at the far right of the sheet (column XFD) would be pushed off it. Clear those last columns, then try again.",
  insertDeleteConflict: () => "The change clashes with a table or merged cells. Remove the clash and try again.",
  mergedCells: () => "The change overlaps merged cells. Unmerge them and try again.",
  requestAborted: () => "Excel cancelled the request. Try again.",
  excelTooOld: () => "This version of Excel lacks a feature KPA Tracker needs. Update Excel, or use Excel on the web.",
  rangeInvalid: () => "A range KPA Tracker needs is no longer valid. Try again.",
  excelError: (p: { code?: string; detail: string }) =>
    `Excel reported an error${p.code ? ` (${p.code})` : ""}: ${p.detail.replace(/\.$/, "")}. Try again; if it keeps happening, reload the add-in.`,

  // The port: refusals before anything changes, and outcomes.
  busy: (p: { task: BusyTask }) => `KPA Tracker is still busy (${p.task}). Wait for it to finish, then try again.`,
  rowTooLarge: (p: { sheet: string; row: number }) =>
    `Row ${p.row} of sheet ${q(p.sheet)} holds more data than Excel can send at once. Shorten its longest texts and try again.`,
  rowTooLargeToWrite: (p: { sheet: string; row: number }) =>
    `Row ${p.row} of sheet ${q(p.sheet)} would take more data than Excel accepts at once. Shorten its longest texts and try again.`,
  changeTooLarge: () =>
    "One change KPA Tracker must make is larger than Excel accepts at once. Shorten the longest texts in the workbook and try again.",
  sheetRemovedWhileReading: (p: { sheet: string }) => `Sheet ${q(p.sheet)} was removed while KPA Tracker was reading it. Try again.`,
  sheetProtected: (p: { sheet: string; action: SheetAction }) =>
    `Sheet ${q(p.sheet)} is protected, so KPA Tracker cannot ${p.action}. Unprotect it (Review > Unprotect Sheet) and try again.`,
  sheetCannotBeAdded: (p: { sheet: string }) =>
    `The workbook's structure is protected, so the ${q(p.sheet)} sheet cannot be added. Unprotect the workbook (Review > Protect Workbook) and try again.`,
  summarySheetsCannotBeAdded: () =>
    "The workbook's structure is protected, so KPA Tracker cannot add its summary sheets. Unprotect the workbook (Review > Protect Workbook) and evaluate again.",
  unknownDepartment: (p: { department: string }) => `There is no department ${q(p.department)} in the library.`,
  tableGone: (p: { table: string }) => `The table at ${p.table} is no longer there. Look at "What was found" again.`,
  tableHasTracking: (p: { table: string }) => `The table at ${p.table} already has tracking columns.`,
  nothingRecorded: (p: { issues: readonly MeasurementIssue[] }) =>
    `Nothing was recorded. Fix the ${listed([...new Set(p.issues.map((i) => FIELD_WORDS[i.field]))])} and try again: ${p.issues
      .map((i) => i.message)
      .join("; ")}.`,
  logLost: () => "The measurement log could not be found again. Try again.",
  settingsNotSaved: (p: { reason: string }) => `The settings could not be saved in the workbook (${p.reason}). Try again.`,

  // Undo evaluation.
  nothingToUndo: () => "There is no evaluation to undo.",
  undone: (p: { asOf?: string; kept?: readonly string[] }) =>
    `Undid the evaluation${p.asOf ? ` as of ${p.asOf}` : ""}: the status columns and summary sheets are back as they were.${
      p.kept && p.kept.length > 0
        ? ` The ${listed(p.kept.map(q))} sheet${p.kept.length === 1 ? " stays, as it was" : "s stay, as they were"} edited since.`
        : ""
    }`,
  undoDamaged: (p: { range?: string } = {}) =>
    `The undo record is damaged${p.range ? ` (bad range ${q(p.range)})` : ""}, so the evaluation cannot be undone. Evaluate again instead.`,
  sheetGoneSinceEvaluation: (p: { sheet: string }) =>
    `Sheet ${q(p.sheet)} was deleted or renamed since the evaluation, so it cannot be undone.`,
  addedSheetsCannotBeRemoved: () =>
    "The workbook's structure is protected, so the sheets KPA Tracker added cannot be removed. Unprotect it and try again.",

  // The pane: notices after an action.
  unexpected: (p: { detail: string }) =>
    `Something went wrong: ${p.detail.trim().replace(/[.!?\s]+$/, "") || "no details were given"}. Try again; if it keeps happening, reload the add-in.`,
  couldNotStart: (p: { detail: string }) => `KPA Tracker could not start: ${p.detail}. Reload the add-in.`,
  templateAdded: (p: { sheet: string }) => `Added sheet ${p.sheet}.`,
  trackingAdded: (p: { range: string }) => `Added Baseline and Actual columns at ${p.range}.`,
  measurementAdded: (p: { sheet: string; cell: string }) => `Added to ${p.sheet}!${p.cell}. Evaluate to see it in the statuses and trends.`,
  measurementAlreadyLogged: (p: { sheet: string; cell: string }) =>
    `Already in the log at ${p.sheet}!${p.cell} (same KPI, date, value and source), so nothing was added.`,

  // The pane: settings.
  asOfHint: () => "Deadlines and reviews are judged as of this day.",
  asOfInvalid: () => "Enter a date, such as 2050-06-30.",
  toleranceHint: () => "How far short of a target still counts as At Risk rather than Off Track.",
  toleranceInvalid: () => `Enter a percentage from 0 to ${MAX_TOLERANCE * 100}.`,
  dateOrderHint: () => "How dates written with numbers only are read.",
  milestoneWindowHint: () => "Days before a deadline in which a milestone not started counts as At Risk.",
  milestoneWindowInvalid: () => `Enter a whole number of days from 0 to ${MAX_MILESTONE_WINDOW_DAYS}.`,
  fiscalYearStartHint: () => "Q1 2050 and FY50 follow it. A fiscal year is named by the year it ends in.",
  optionsWhere: () =>
    "Kept in the workbook's KPA Settings sheet, so everyone who evaluates it, in Excel or with kpa, judges by the same rules.",
  settingsNeedFixing: () => "Correct the as-of date or the options to evaluate.",

  // The pane: what was found, and the result.
  noTablesFound: () => "No KPA tables were found. Insert a KPA template below to start one.",
  noProblems: () => "No problems found.",
  notEvaluated: () => "Not evaluated yet. Evaluate writes a status beside every goal and adds summary sheets.",
  heldEvaluation: (p: { asOf: string; total: number }) =>
    `The workbook holds an evaluation of ${p.total} ${p.total === 1 ? "row" : "rows"} as of ${formatDay(p.asOf)}. Evaluate to see its gaps and changes.`,
  rowsEvaluated: (p: { total: number; rollups: number; asOf: string }) =>
    `${p.total} ${p.total === 1 ? "row" : "rows"} evaluated as of ${formatDay(p.asOf)}${p.rollups > 0 ? `; ${p.rollups} KPA ${p.rollups === 1 ? "element takes its" : "elements take their"} status from ${p.rollups === 1 ? "its" : "their"} goals` : ""}.`,
  weightedScore: (p: { score: number }) => `Weighted score: ${Math.round(p.score * 100)}%`,
  nothingEvaluated: () =>
    "No rows were evaluated: no KPA table was found. Insert a KPA template, or give your tables headers such as Goal, Target and Actual, then evaluate again.",
  noGaps: () => "Every row is Met: there are no gaps.",
  firstEvaluation: () => "First evaluation: changes in status will show from the next one.",
  noChanges: (p: { since: string }) => `No status changes since ${formatDay(p.since)}.`,
  changesSince: (p: { since: string }) => `Changes since ${formatDay(p.since)}`,
  /** Beside a change's new status: "newly, was At Risk" or "recovered, was Off Track". */
  changeWas: (p: { from: string; kind: "worse" | "recovered" }) => `${p.kind === "worse" ? "newly" : "recovered"}, was ${p.from}`,
  problemsFound: (p: { count: number }) =>
    `${p.count} ${p.count === 1 ? "problem was" : "problems were"} found in the workbook; Setup lists ${p.count === 1 ? "it" : "them"}.`,
  roomOffer: (p: { sheet: string; table: string; after: string; count: number }) =>
    `The table at ${p.sheet}!${p.table} has no room for its statuses. Insert ${p.count} ${p.count === 1 ? "column" : "columns"} after ${p.after} to show them beside it? Formulas and other tables move with the cells.`,
  roomMade: (p: { sheet: string; after: string; count: number }) =>
    `Inserted ${p.count} ${p.count === 1 ? "column" : "columns"} after ${p.after} on ${p.sheet}. Undo evaluation removes ${p.count === 1 ? "it" : "them"} again.`,
  roomNotMade: () =>
    "No columns were inserted: the cells around the table changed since the offer. Evaluated again without inserting; any new offer shows above.",
  finished: (p: { elapsedMs: number; sheets: readonly string[] }) =>
    `Done in ${elapsed(p.elapsedMs)}.${p.sheets.length > 0 ? ` Wrote ${p.sheets.join(", ")}.` : ""}`,

  // The pane: one announcement per finished action, for screen readers (the notices show the same outcome).
  evaluated: (p: { total: number; counts: StatusCounts }) =>
    p.total === 0
      ? "Evaluated: no KPA table was found, so no rows were evaluated."
      : `Evaluated ${p.total} ${p.total === 1 ? "row" : "rows"}: ${statusList(p.counts)}.`,

  // The pane: recording a measurement, and adding tracking columns.
  recordHint: () => "Adds a row to the KPA Data sheet. Evaluate afterwards to see it in the statuses and trends.",
  kpiHint: () => "Pick one from the workbook's tables, or type a new name.",
  periodHint: () => "A day such as 2050-09-30, or a period such as Q3 2050 or Sep 2050.",
  valueHint: () => "As measured, such as 84%, 3.5 hours or 1200.",
  sourceHint: () => "Where the number comes from.",
  enteredByHint: () => "Remembered for this session.",
  trackingHint: () => "These tables have targets but nowhere to record where you started and where you are.",

  // The browser demo.
  demoNote: () => "Demo: an example workbook in memory — nothing leaves your browser.",
  demoNoSheets: () => "The workbook has no sheets.",
  demoRowsHidden: (p: { shown: number; total: number }) =>
    `Showing the first ${p.shown} of ${p.total} rows; ${p.total - p.shown} more are hidden.`,

  // The ribbon: a failure is shown in a dialog (src/commands/notice.html) and logged to the console.
  ribbonFailed: (p: { reason: string }) => `KPA Tracker: Evaluate failed: ${p.reason}`,
  ribbonNoticeFailed: (p: { sentence: string; reason: string }) =>
    `KPA Tracker: Evaluate failed and the dialog saying so could not be shown (${p.reason}): ${p.sentence}`,
} as const;

export type MessageId = keyof typeof MESSAGES;

/** Any failure as one plain sentence for the user: a PortError already is one; anything else is unexpected. */
export function describeError(e: unknown): string {
  if (e instanceof PortError) return e.message;
  return MESSAGES.unexpected({ detail: e instanceof Error ? e.message : String(e) });
}
