// The browser demo's calculator for the worksheet functions. The in-memory Excel keeps a formula as text (its value is
// "#NAME?" for anything but arithmetic), so the demo grid asks here what a cell holding =KPA.STATUS, =KPA.EXPLAIN or
// =KPA.PROGRESS shows, computed by the worksheet functions' own code (judgeArgs) from the referenced cells' current
// values. It reads only what such a call needs: arguments that are a cell (A1, $B$7, Sheet!A1, 'My sheet'!A1), text
// in quotes, a number, TRUE or FALSE, TODAY() or nothing. Anything else shows "#NAME?"; nothing here throws.
import { columnIndex } from "../engine";
import { judgeArgs } from "../functions/functions";

/** A cell's value as the in-memory Excel holds it; null for an empty cell. Errors are their text ("#N/A"). */
export type CellRead = string | number | boolean | null;

export type FormulaArg =
  | { readonly kind: "ref"; readonly sheet?: string; readonly row: number; readonly col: number }
  | { readonly kind: "value"; readonly value: string | number | boolean | null }
  | { readonly kind: "today" }
  /** A reference a deleted column left behind (=KPA.STATUS(#REF!, …)). */
  | { readonly kind: "error"; readonly error: string };

export type KpaFunction = "STATUS" | "EXPLAIN" | "PROGRESS";

export interface KpaCall {
  readonly name: KpaFunction;
  readonly args: readonly FormulaArg[];
}

export interface FormulaContext {
  /** The sheet the formula is on: a reference without a sheet name reads from it. */
  readonly sheet: string;
  /** A cell's value (0-based row and column); undefined when there is no such sheet. */
  read(sheet: string, row: number, col: number): CellRead | undefined;
  /** Today as an Excel date serial, for TODAY(). */
  today(): number;
}

/** Each function's arguments: actual and target, then due, asOf, baseline and goal. */
const MIN_ARGS = 2;
const MAX_ARGS = 6;
const MAX_ROW = 1_048_576;
const MAX_COL = 16_383; // XFD
const ERROR_VALUE = /^#(?:N\/A|NAME\?|VALUE!|REF!|DIV\/0!|NUM!|NULL!|SPILL!|CALC!)$/;

const CALL = /^=\s*KPA\.(STATUS|EXPLAIN|PROGRESS)\s*\(/i;
const STRING = /^"((?:[^"]|"")*)"/;
const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?(?![\w.$:!(])/i;
const TODAY = /^TODAY\s*\(\s*\)/i;
const BOOLEAN = /^(TRUE|FALSE)(?![\w.$:!(])/i;
const SHEET = String.raw`(?:'((?:[^']|'')+)'|([A-Za-z_][\w.]*))!`;
const REF = new RegExp(String.raw`^(?:${SHEET})?\$?([A-Za-z]{1,3})\$?(\d+)(?![\w.$:!(])`);
const REF_ERROR = new RegExp(String.raw`^(?:${SHEET})?#REF!`);

/** Whether a formula calls one of the worksheet functions, as written: such a cell is computed here. */
export function isKpaFormula(formula: string): boolean {
  return /^=\s*KPA\./i.test(formula);
}

/** One argument at the start of `text` and its length; undefined when it is none of the kinds read here. */
function readArg(text: string): { arg: FormulaArg; length: number } | undefined {
  if (text.startsWith(",") || text.startsWith(")")) return { arg: { kind: "value", value: null }, length: 0 };
  let m = STRING.exec(text);
  if (m) return { arg: { kind: "value", value: (m[1] as string).replace(/""/g, '"') }, length: m[0].length };
  m = NUMBER.exec(text);
  if (m) return { arg: { kind: "value", value: Number(m[0]) }, length: m[0].length };
  m = TODAY.exec(text);
  if (m) return { arg: { kind: "today" }, length: m[0].length };
  m = BOOLEAN.exec(text);
  if (m) return { arg: { kind: "value", value: (m[1] as string).toUpperCase() === "TRUE" }, length: m[0].length };
  m = REF_ERROR.exec(text);
  if (m) return { arg: { kind: "error", error: "#REF!" }, length: m[0].length };
  m = REF.exec(text);
  if (m) {
    const row = Number(m[4]) - 1;
    const col = columnIndex(m[3] as string);
    if (row < 0 || row >= MAX_ROW || col > MAX_COL) return undefined;
    const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
    return { arg: sheet === undefined ? { kind: "ref", row, col } : { kind: "ref", sheet, row, col }, length: m[0].length };
  }
  return undefined;
}

/** The call in a formula such as `=KPA.STATUS(G17, B17, C17, "2050-10-15")`; undefined when it cannot be read. */
export function readKpaCall(formula: string): KpaCall | undefined {
  const call = CALL.exec(formula);
  if (!call) return undefined;
  const name = (call[1] as string).toUpperCase() as KpaFunction;
  let rest = formula.slice(call[0].length).trimStart();
  const args: FormulaArg[] = [];
  if (rest.startsWith(")")) rest = rest.slice(1);
  else {
    for (;;) {
      const read = readArg(rest);
      if (!read) return undefined;
      args.push(read.arg);
      rest = rest.slice(read.length).trimStart();
      const separator = rest[0];
      rest = rest.slice(1).trimStart();
      if (separator === ")") break;
      if (separator !== ",") return undefined;
    }
  }
  if (rest.trim() !== "" || args.length < MIN_ARGS || args.length > MAX_ARGS) return undefined;
  return { name, args };
}

/**
 * What a cell holding `formula` shows: the worksheet function's result (a status, an explanation or a progress
 * fraction) or an error as Excel shows it: "#NAME?" for a formula this cannot read, the error of an argument that is
 * one, "#REF!" for a sheet that is not there, "#VALUE!" for an unusable as-of date, "#N/A" for no progress.
 * Undefined when the formula calls no worksheet function of ours: the cell shows what the in-memory Excel holds.
 */
export function kpaFormulaValue(formula: string, context: FormulaContext): string | number | undefined {
  if (!isKpaFormula(formula)) return undefined;
  try {
    const call = readKpaCall(formula);
    if (!call) return "#NAME?";
    const values: (string | number | boolean | null)[] = [];
    for (const arg of call.args) {
      let value: CellRead | undefined;
      if (arg.kind === "error") return arg.error;
      if (arg.kind === "today") value = context.today();
      else if (arg.kind === "value") value = arg.value;
      else {
        value = context.read(arg.sheet ?? context.sheet, arg.row, arg.col);
        if (value === undefined) return "#REF!";
        if (value === "") value = null;
      }
      // Excel hands a function no error: the cell shows the argument's.
      if (typeof value === "string" && ERROR_VALUE.test(value)) return value;
      values.push(value);
    }
    const [actual, target, due, asOf, baseline, goal] = values;
    const judged = judgeArgs(actual, target, due, asOf, baseline, goal);
    if (call.name === "STATUS") return judged.status;
    if (call.name === "EXPLAIN") return judged.explanation;
    return judged.progress ?? "#N/A";
  } catch {
    // An as-of date that is no date (judgeArgs' #VALUE!), or any other failure of the judgement.
    return "#VALUE!";
  }
}
