// How much of a workbook KPA Tracker reads, on both paths (the add-in and `kpa`), and the sentence for each limit.
// The caps keep memory and time bounded: a stray value at XFD1048576 or a million-row sheet is refused with one
// sentence before it is read whole, rather than read until memory runs out.
import { cellAddress, columnLetters } from "./address";

/** Columns read per sheet: a KPA table is a few dozen wide; a value further right is refused, not read. */
export const MAX_COLUMNS = 1_000;
/**
 * Cells read per workbook, counted as each row's span from column A to its last value (what a row costs in the
 * grid). 3 million holds a 500,000-row table of six columns.
 */
export const MAX_CELLS = 3_000_000;
/** Excel's own sheet size. */
export const EXCEL_ROWS = 1_048_576;
export const EXCEL_COLUMNS = 16_384;
/** Excel keeps at most this many characters in a cell; longer text is cut, with "…" at the end. */
export const MAX_CELL_TEXT = 32_767;

const n = (x: number) => x.toLocaleString("en-US");
const q = (s: string) => `"${s}"`;

/**
 * A sheet with a value right of the last column read: names the cell, the limit and how to get under it.
 * `file` prefixes the sentence on the command line.
 */
export function tooManyColumns(p: { file?: string; sheet: string; row: number; col: number }): string {
  const where = p.file ? `${p.file}: sheet ${q(p.sheet)}` : `Sheet ${q(p.sheet)}`;
  return (
    `${where} uses ${n(p.col + 1)} columns (a value at ${cellAddress(p.row, p.col)}); KPA Tracker reads up to ${n(MAX_COLUMNS)}. ` +
    `Clear or move what is right of column ${columnLetters(MAX_COLUMNS - 1)}, save, and evaluate again.`
  );
}

/** A workbook with more cells than are read: names the sheet and row where the limit was reached. */
export function tooManyCells(p: { file?: string; sheet: string; row: number }): string {
  const what = p.file ? `${p.file} holds` : "This workbook holds";
  return (
    `${what} more than ${n(MAX_CELLS)} cells (the limit was reached on sheet ${q(p.sheet)} at row ${n(p.row + 1)}); ` +
    `KPA Tracker reads up to ${n(MAX_CELLS)}. Move old rows to another workbook, or clear unused rows and columns, and evaluate again.`
  );
}

/** Text cut to what a cell holds, ending in "…" when cut. */
export function cellText(s: string): string {
  if (s.length <= MAX_CELL_TEXT) return s;
  // Not between the halves of a surrogate pair.
  let end = MAX_CELL_TEXT - 1;
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${s.slice(0, end)}…`;
}
