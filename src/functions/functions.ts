// Worksheet functions: =KPA.STATUS, =KPA.EXPLAIN and =KPA.PROGRESS (the namespace KPA is set in manifest.xml). Each
// judges one goal with the engine's own evaluation (src/engine/single.ts), so a formula and Evaluate agree.
// The functions' metadata (functions.json) is generated from the JSDoc below at build time by
// custom-functions-metadata-plugin, which also appends the CustomFunctions.associate calls for them to this file.
//
// Arguments are read as a cell of a goals table would be: text exactly as typed ("≥ 85%", "under 2 hours", "±5%");
// due and asOf numbers are Excel date serials (a date cell's value); an actual or baseline number beside a percentage
// target is a percent-formatted cell when that reading is nearer the target (0.8 beside "≥ 85%" is 80%, and so is 80).
import { InvalidOptionError, type SingleResult, type SingleValue, judgeOne } from "../engine";

// The custom functions runtime's global, as far as used here (and by the associate calls the plugin appends); it is
// absent outside Excel, in the pane opened in a browser and in tests. @types/office-js does not declare it.
declare const CustomFunctions: {
  associate(id: string, fn: (...args: never[]) => unknown): void;
  readonly ErrorCode: { readonly invalidValue: string; readonly notAvailable: string };
  readonly Error: new (code: string, message?: string) => Error;
};

// The metadata generator reads these signatures and knows only plain types: `any` is "a cell's value" (SingleValue).

type Arg = SingleValue;

// Outside Excel (the pane opened in a browser, where this script also loads) there is no custom functions runtime: the
// associate calls the build appends then register with a stand-in that does nothing.
const scope = globalThis as { CustomFunctions?: unknown };
if (scope.CustomFunctions === undefined) scope.CustomFunctions = { associate: () => undefined };

/** An error Excel shows in the cell (#VALUE!, #N/A) with the reason as its tooltip; a plain Error outside Excel. */
function cellError(code: "invalidValue" | "notAvailable", message: string): Error {
  if (typeof CustomFunctions.Error !== "function") return new Error(message);
  const codes = { invalidValue: CustomFunctions.ErrorCode.invalidValue, notAvailable: CustomFunctions.ErrorCode.notAvailable };
  return new CustomFunctions.Error(codes[code], message);
}

/** The engine's judgement of the arguments; an unusable as-of date is #VALUE! with its reason. */
export function judgeArgs(actual: Arg, target: Arg, due?: Arg, asOf?: Arg, baseline?: Arg, goal?: Arg): SingleResult {
  try {
    return judgeOne({ actual, target, due, asOf, baseline, goal });
  } catch (e) {
    if (e instanceof InvalidOptionError) throw cellError("invalidValue", e.message);
    throw e;
  }
}

/**
 * The status of a goal: Met, On Track, At Risk, Off Track, Overdue, No Data or Needs Target, judged as KPA Tracker
 * judges a row of a goals table.
 * @customfunction STATUS
 * @param {any} actual The value reached so far: a number, or text such as "80%" or "1.5 hours".
 * @param {any} target The target as written in a table, such as "≥ 85%", "under 2 hours" or "±5%".
 * @param {any} [due] The deadline: a date, or a date as text.
 * @param {any} [asOf] The day to judge as of: a date, or a date as text. Today when omitted; pass TODAY() to recalculate daily.
 * @param {any} [baseline] The starting value, for targets that are a change ("+10 points", "reduce by 20%").
 * @param {any} [goal] The goal's wording, such as "Reduce response time": it sets the direction of a bare target.
 * @returns {string} The status.
 */
export function status(actual: any, target: any, due?: any, asOf?: any, baseline?: any, goal?: any): string {
  return judgeArgs(actual, target, due, asOf, baseline, goal).status;
}

/**
 * Why a goal has its status, in one line, as KPA Tracker explains a row of a goals table.
 * @customfunction EXPLAIN
 * @param {any} actual The value reached so far: a number, or text such as "80%" or "1.5 hours".
 * @param {any} target The target as written in a table, such as "≥ 85%", "under 2 hours" or "±5%".
 * @param {any} [due] The deadline: a date, or a date as text.
 * @param {any} [asOf] The day to judge as of: a date, or a date as text. Today when omitted; pass TODAY() to recalculate daily.
 * @param {any} [baseline] The starting value, for targets that are a change ("+10 points", "reduce by 20%").
 * @param {any} [goal] The goal's wording, such as "Reduce response time": it sets the direction of a bare target.
 * @returns {string} The explanation.
 */
export function explain(actual: any, target: any, due?: any, asOf?: any, baseline?: any, goal?: any): string {
  return judgeArgs(actual, target, due, asOf, baseline, goal).explanation;
}

/**
 * How far a goal is toward its target, from 0 to 1 (format the cell as a percentage); #N/A where progress is not defined.
 * @customfunction PROGRESS
 * @param {any} actual The value reached so far: a number, or text such as "80%" or "1.5 hours".
 * @param {any} target The target as written in a table, such as "≥ 85%", "under 2 hours" or "±5%".
 * @param {any} [due] The deadline: a date, or a date as text.
 * @param {any} [asOf] The day to judge as of: a date, or a date as text. Today when omitted; pass TODAY() to recalculate daily.
 * @param {any} [baseline] The starting value, for targets that are a change ("+10 points", "reduce by 20%").
 * @param {any} [goal] The goal's wording, such as "Reduce response time": it sets the direction of a bare target.
 * @returns {number} The progress fraction.
 */
export function progress(actual: any, target: any, due?: any, asOf?: any, baseline?: any, goal?: any): number {
  const judged = judgeArgs(actual, target, due, asOf, baseline, goal);
  if (judged.progress === undefined) throw cellError("notAvailable", `No progress: ${judged.explanation}`);
  return judged.progress;
}
