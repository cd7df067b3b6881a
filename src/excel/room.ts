// Making room beside a table: whole worksheet columns inserted, with the user's consent, so its status columns fit.
// Undo evaluation deletes them again (the "inserted" entries of the undo record).
import { columnLetters, type RoomRequest } from "../engine";
import type { UndoEntry } from "./undo-sheet";

/** Excel's number of columns (A to XFD). */
const COLUMNS = 16384;

/** "I:K": the whole columns from the 0-based `at`, `count` of them. */
export function columnsAddress(at: number, count: number): string {
  if (!Number.isInteger(at) || !Number.isInteger(count) || at < 0 || count < 1 || at + count > COLUMNS)
    throw new RangeError(`No such columns: ${count} from column index ${at}.`);
  return `${columnLetters(at)}:${columnLetters(at + count - 1)}`;
}

/**
 * Queues the column inserts (no sync): highest column first per sheet so indices stay valid. Each request's `at` is
 * where the columns go in the sheet as it is now, before any of the inserts. Excel refuses the batch at sync when a
 * sheet is protected (AccessDenied) or non-blank cells would be pushed past column XFD (NonBlankCellOffSheet).
 */
export function queueInsertColumns(context: Excel.RequestContext, requests: readonly RoomRequest[]): void {
  // Highest first across all sheets is highest first on each.
  const ordered = [...requests].sort((a, b) => b.at - a.at);
  for (const r of ordered) {
    context.workbook.worksheets
      .getItem(r.sheet)
      .getRange(columnsAddress(r.at, r.count))
      .insert("Right" as Excel.InsertShiftDirection);
  }
}

/**
 * Where the columns of each request are once all of them are inserted (queueInsertColumns), as the undo record keeps
 * them: a request's columns sit right of those inserted before it on its sheet. Ties keep a contiguous block.
 */
export function insertedEntries(requests: readonly RoomRequest[]): Extract<UndoEntry, { kind: "inserted" }>[] {
  const ascending = requests.map((r, i) => ({ r, i })).sort((a, b) => a.r.at - b.r.at || a.i - b.i);
  const out: Extract<UndoEntry, { kind: "inserted" }>[] = [];
  for (const [k, { r }] of ascending.entries()) {
    const before = ascending
      .slice(0, k)
      .filter((x) => x.r.sheet.toLowerCase() === r.sheet.toLowerCase())
      .reduce((a, x) => a + x.r.count, 0);
    out.push({ kind: "inserted", sheet: r.sheet, at: r.at + before, count: r.count });
  }
  return out;
}
