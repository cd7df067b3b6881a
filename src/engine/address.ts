// A1-style addresses for 0-based sheet coordinates.
import type { Rect } from "./grid";

export function columnLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

export function rangeAddress(r: Rect): string {
  const a = cellAddress(r.top, r.left);
  const b = cellAddress(r.bottom, r.right);
  return a === b ? a : `${a}:${b}`;
}

/** Quotes a sheet name for use in a reference, as Excel does. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** An absolute reference such as `'My Sheet'!$F$4:$H$9`. */
export function absoluteRef(sheet: string, r: Rect): string {
  const abs = (row: number, col: number) => `$${columnLetters(col)}$${row + 1}`;
  const a = abs(r.top, r.left);
  const b = abs(r.bottom, r.right);
  return `${quoteSheet(sheet)}!${a === b ? a : `${a}:${b}`}`;
}

/** Parses `Sheet!A1`, `'My Sheet'!$A$1:$B$2` or `=Sheet!A1`; undefined when it is not a single-area reference. */
export function parseRef(ref: string): { sheet: string; rect: Rect } | undefined {
  const m = /^=?(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(ref.trim());
  if (!m) return undefined;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] as string);
  const top = Number(m[4]) - 1;
  const left = columnIndex(m[3] as string);
  const bottom = m[6] !== undefined ? Number(m[6]) - 1 : top;
  const right = m[5] !== undefined ? columnIndex(m[5]) : left;
  return {
    sheet,
    rect: { top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) },
  };
}

/** The rects of a list of areas: "A1:B2 C3" (as .xlsx stores them) or "Sheet1!A1:B2, 'My sheet'!C3" (as Excel reports them). */
export function parseAreas(list: string): Rect[] {
  return list
    .split(/[\s,]+(?=(?:[^']*'[^']*')*[^']*$)/)
    .filter((part) => part.length > 0)
    .map((part) => parseRef(part.includes("!") ? part : `X!${part}`)?.rect)
    .filter((r): r is Rect => r !== undefined);
}

/** Excel's longest sheet name. */
export const MAX_SHEET_NAME = 31;

/**
 * `wanted`, or "wanted (2)", "wanted (3)"… when a sheet of that name exists (compared as Excel does, ignoring case),
 * cut to fit Excel's 31 characters.
 */
export function uniqueSheetName(wanted: string, existing: Iterable<string>): string {
  const taken = new Set<string>();
  for (const name of existing) taken.add(name.toLowerCase());
  let name = wanted.slice(0, MAX_SHEET_NAME);
  for (let i = 2; taken.has(name.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    name = `${wanted.slice(0, MAX_SHEET_NAME - suffix.length)}${suffix}`;
  }
  return name;
}
