// Values across the Office.js boundary: what Range.values gives us, and what we may safely give it.
import { serialFromIso, type CellValue, type PlanValue, cellText, quoteSheet } from "../engine";

const ERROR_TEXT =
  /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|PYTHON!|TIMEOUT!|EXTERNAL!)$/;

/** Range.values gives error cells as their text; the engine wants them as error values. */
export function fromExcel(v: unknown): CellValue {
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "boolean") return v;
  const s = String(v);
  return ERROR_TEXT.test(s) ? { error: s } : s;
}

// Excel turns typed text into a formula (=, +, -), a number, a date, a percent or a boolean; an apostrophe stops it.
const NEEDS_QUOTE = /^(?:[=+\-@'#]|\s*[$€£¥(]?\s*[\d.])|^\s*(?:true|false)\s*$/i;
// "June 30, 2050", "Mar-2051", "Jan 5": a month name followed by a number is read as a date.
const MONTH_DATE = /^\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?[\s\-/,]*\d/i;

/** A string as Excel must receive it to keep it as the same text. */
export function literalText(s: string): string {
  return NEEDS_QUOTE.test(s) || MONTH_DATE.test(s) ? `'${s}` : s;
}

/** One plan value as a Range.values entry. Plan strings are always literal text; dates become serials. */
export function toExcel(v: PlanValue): string | number | boolean {
  if (v === null) return "";
  // Excel refuses a cell of more than 32,767 characters: a longer copy of a user's text is cut, ending in "…".
  if (typeof v === "string") return literalText(cellText(v));
  // Excel has no infinity or NaN (JSON would send them as null, clearing the cell): the error the file path writes.
  if (typeof v === "number" && !Number.isFinite(v)) return "#NUM!";
  if (typeof v !== "object") return v;
  if ("date" in v) {
    const serial = serialFromIso(v.date);
    return serial === undefined ? literalText(v.date) : serial;
  }
  const target = `#${quoteSheet(v.sheet)}!${v.cell}`.replace(/"/g, '""');
  // HYPERLINK shows at most 255 characters; the link text is a string literal inside it, never a formula.
  const text = v.text.slice(0, 255).replace(/"/g, '""');
  return `=HYPERLINK("${target}","${text}")`;
}

export function isDatePlanValue(v: PlanValue): boolean {
  return v !== null && typeof v === "object" && "date" in v && serialFromIso(v.date) !== undefined;
}
