// References after whole worksheet columns are inserted: what Excel does to every formula, range and name when
// a user inserts columns, done for the places we patch ourselves (a saved package, the in-memory Excel).
import { columnIndex, columnLetters } from "./address";

/** `count` new columns go in before the 0-based column `at` of `sheet`; that column and those right of it move. */
export interface ColumnInsert {
  readonly sheet: string;
  readonly at: number;
  readonly count: number;
}

/** Excel's last column (XFD), 0-based. */
export const LAST_COLUMN = 16383;

const sameSheet = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A 0-based column after the insert. */
export function shiftColumn(col: number, ins: ColumnInsert): number {
  return col >= ins.at ? col + ins.count : col;
}

// One reference inside a formula, after an optional sheet prefix: a cell or cell range (A1, $A$1:B$2), a column
// range (A:C) or a row range (1:3). Letters may be lower case as typed; files hold upper case.
const CELL = String.raw`(\$?)([A-Za-z]{1,3})(\$?)(\d+)`;
const COLS = String.raw`(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})`;
const ROWS = String.raw`(\$?)(\d+):(\$?)(\d+)`;
const REF = new RegExp(String.raw`(?:${CELL}(?::${CELL})?|${COLS}|${ROWS})`, "y");
// A sheet prefix: 'Any name'! or Plain_name!; a 3-D prefix (Jan:Mar! or 'Jan:Mar'!) and external books ([1]Sheet!) are
// kept as they are.
const PREFIX = /(?:'((?:[^']|'')+)'|([A-Za-z_\u00A1-\uFFFF][\w.\u00A1-\uFFFF]*))!/y;
// An unquoted 3-D prefix, Jan:Mar!: its span of sheets is read as one "sheet" named "Jan:Mar", which no sheet can be
// (":" is not allowed in sheet names), so inserting columns in one sheet of the span leaves it alone, as Excel does.
// Without this, "Jan:Mar" read as a column range and the cell after "!" as a cell of the formula's own sheet.
const THREE_D = /([A-Za-z_\u00A1-\uFFFF][\w.\u00A1-\uFFFF]*):([A-Za-z_\u00A1-\uFFFF][\w.\u00A1-\uFFFF]*)!/y;
const NAME_CHAR = /[\w.\u00A1-\uFFFF$]/;

interface Part {
  abs: boolean;
  letters?: string;
  rowAbs?: boolean;
  row?: number;
}

// What cannot follow a reference: more name (A1B, LOG10( is a function, R2D2.x a name), "!" (A:B! is a sheet name)
// or "[" (T1[Sales] is a table named T1).
const NOT_A_REF_AFTER = /[\w.(![\u00A1-\uFFFF]/;

type Kind = "cells" | "cols" | "rows";

/** The parts of one REF match. */
function readRef(m: RegExpExecArray): { parts: Part[]; kind: Kind } {
  if (m[2] !== undefined) {
    const parts: Part[] = [{ abs: m[1] === "$", letters: m[2], rowAbs: m[3] === "$", row: Number(m[4]) }];
    if (m[6] !== undefined) parts.push({ abs: m[5] === "$", letters: m[6], rowAbs: m[7] === "$", row: Number(m[8]) });
    return { parts, kind: "cells" };
  }
  if (m[10] !== undefined) {
    return {
      kind: "cols",
      parts: [
        { abs: m[9] === "$", letters: m[10] },
        { abs: m[11] === "$", letters: m[12] as string },
      ],
    };
  }
  return {
    kind: "rows",
    parts: [
      { abs: false, rowAbs: m[13] === "$", row: Number(m[14]) },
      { abs: false, rowAbs: m[15] === "$", row: Number(m[16]) },
    ],
  };
}

/** Rewrites each reference of a formula, leaving strings, structured references and names untouched. */
/** `fn` answers a reference's new parts, or text to put in its place ("#REF!"), or undefined to keep it. */
function mapReferences(formula: string, fn: (sheet: string | undefined, parts: Part[], kind: Kind) => Part[] | string | undefined): string {
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i] as string;
    if (ch === '"') {
      // A string literal, with "" for a quote inside it.
      let j = i + 1;
      while (j < formula.length && !(formula[j] === '"' && formula[j + 1] !== '"')) j += formula[j] === '"' ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "[") {
      // A structured reference (Table1[[#This Row],[Sales]]) or an external book index: kept whole.
      let depth = 0;
      let j = i;
      for (; j < formula.length; j++) {
        if (formula[j] === "[") depth++;
        else if (formula[j] === "]" && --depth === 0) break;
      }
      // An external reference "[1]Sheet1!A1": its sheet is read as "[1]Sheet1", which names no sheet of this book
      // ("[" is not allowed in sheet names), so inserting columns here leaves it alone, while a shared formula's
      // relative parts still translate.
      const after = j + 1;
      PREFIX.lastIndex = after;
      const ext = PREFIX.exec(formula);
      let end = ext ? PREFIX.lastIndex : after;
      if (ext) {
        REF.lastIndex = end;
        const m = REF.exec(formula);
        if (m && !NOT_A_REF_AFTER.test(formula[REF.lastIndex] ?? "")) {
          const { parts, kind } = readRef(m);
          const moved = fn(`${formula.slice(i, after)}${ext[1] ?? ext[2]}`, parts, kind);
          out += formula.slice(i, end) + refText(moved, formula.slice(end, REF.lastIndex));
          i = REF.lastIndex;
          continue;
        }
      }
      out += formula.slice(i, end);
      i = end;
      continue;
    }
    const before = i > 0 ? (formula[i - 1] as string) : "";
    if (before && NAME_CHAR.test(before)) {
      out += ch;
      i++;
      continue;
    }
    let sheet: string | undefined;
    let at = i;
    THREE_D.lastIndex = i;
    const span = THREE_D.exec(formula);
    PREFIX.lastIndex = i;
    // A sheet name that reads as a cell (A1) would have to be quoted: "A1:Sheet2!B2" is no 3-D prefix.
    const p = span && !/^[A-Za-z]{1,3}\d+$/.test(span[1] as string) ? span : PREFIX.exec(formula);
    if (p && p === span) {
      sheet = `${p[1]}:${p[2]}`;
      at = THREE_D.lastIndex;
    } else if (p) {
      sheet = p[1] !== undefined ? p[1].replace(/''/g, "'") : p[2];
      at = PREFIX.lastIndex;
    }
    REF.lastIndex = at;
    const m = REF.exec(formula);
    const next = formula[REF.lastIndex] ?? "";
    if (!m || NOT_A_REF_AFTER.test(next)) {
      if (p) {
        // A sheet prefix whose reference we do not read (a name scoped to a sheet): keep it as it is.
        out += formula.slice(i, at);
        i = at;
      } else if (!NAME_CHAR.test(ch)) {
        out += ch;
        i++;
      } else {
        // Skip the whole word, so "LOG10" is not read again from "OG10".
        let j = i + 1;
        while (j < formula.length && NAME_CHAR.test(formula[j] as string)) j++;
        out += formula.slice(i, j);
        i = j;
      }
      continue;
    }
    const { parts, kind } = readRef(m);
    const moved = fn(sheet, parts, kind);
    out += formula.slice(i, at) + refText(moved, formula.slice(at, REF.lastIndex));
    i = REF.lastIndex;
  }
  return out;
}

function refText(moved: Part[] | string | undefined, before: string): string {
  if (moved === undefined) return before;
  return typeof moved === "string" ? moved : moved.map(partText).join(":");
}

function partText(p: Part): string {
  const col = p.letters === undefined ? "" : `${p.abs ? "$" : ""}${p.letters}`;
  const row = p.row === undefined ? "" : `${p.rowAbs ? "$" : ""}${p.row}`;
  return col + row;
}

/** Moves the column parts of one reference; a range across the insert grows, as Excel's do. */
function shiftParts(parts: Part[], kind: Kind, ins: ColumnInsert): Part[] | undefined {
  if (kind === "rows") return undefined;
  const cols = parts.map((p) => columnIndex(p.letters as string));
  if (cols.some((c) => c > LAST_COLUMN)) return undefined; // not a column: leave it be
  const moved = cols.map((c) => shiftColumn(c, ins));
  if (moved.every((c, k) => c === cols[k])) return undefined;
  return parts.map((p, k) => ({ ...p, letters: columnLetters(Math.min(moved[k] as number, LAST_COLUMN)) }));
}

/**
 * A formula with its references to `ins.sheet` moved. `home` is the sheet the formula sits on, whose references
 * need no prefix; undefined for a defined name, where only prefixed references are moved. With or without "=".
 */
export function shiftFormula(formula: string, home: string | undefined, ins: ColumnInsert): string {
  return mapReferences(formula, (sheet, parts, kind) => {
    const on = sheet ?? home;
    if (on === undefined || !sameSheet(on, ins.sheet)) return undefined;
    return shiftParts(parts, kind, ins);
  });
}

/** A space-separated list of areas on the inserted sheet ("A1:B2 D4", as .xlsx sqref attributes hold). */
export function shiftAreas(list: string, ins: ColumnInsert): string {
  return list
    .split(" ")
    .map((area) => (area ? mapReferences(area, (_s, parts, kind) => shiftParts(parts, kind, ins)) : area))
    .join(" ");
}

/**
 * A formula as it reads `dRow` rows and `dCol` columns away from where it is written: relative parts move,
 * absolute ones stay (how a shared formula reads in each of its cells).
 */
export function translateFormula(formula: string, dRow: number, dCol: number): string {
  return mapReferences(formula, (_sheet, parts) =>
    parts.map((p) => ({
      ...p,
      letters: p.letters === undefined || p.abs ? p.letters : columnLetters(columnIndex(p.letters) + dCol),
      row: p.row === undefined || p.rowAbs ? p.row : p.row + dRow,
    })),
  );
}

/** `count` whole columns from the 0-based column `at` of `sheet` are deleted; those right of them move left. */
export type ColumnDelete = ColumnInsert;

/** A column span after the delete: moved left, cut short, or undefined when every column of it went. */
export function deleteSpan(
  left: number,
  right: number,
  del: { readonly at: number; readonly count: number },
): [number, number] | undefined {
  const end = del.at + del.count - 1;
  const l = Math.min(left, right);
  const r = Math.max(left, right);
  if (l >= del.at && r <= end) return undefined;
  const nl = l < del.at ? l : l > end ? l - del.count : del.at;
  const nr = r < del.at ? r : r > end ? r - del.count : del.at - 1;
  return [nl, nr];
}

/**
 * A formula with its references to `del.sheet` after the delete: references right of the deleted columns move left,
 * ranges across them shrink, and references wholly inside them become #REF!, as Excel writes them. `home` as for
 * shiftFormula.
 */
export function deleteColumnsInFormula(formula: string, home: string | undefined, del: ColumnDelete): string {
  return mapReferences(formula, (sheet, parts, kind) => {
    const on = sheet ?? home;
    if (kind === "rows" || on === undefined || !sameSheet(on, del.sheet)) return undefined;
    const cols = parts.map((p) => columnIndex(p.letters as string));
    if (cols.some((c) => c > LAST_COLUMN)) return undefined;
    const l = cols[0] as number;
    const r = cols[cols.length - 1] as number;
    const span = deleteSpan(l, r, del);
    if (!span) return "#REF!";
    if (span[0] === Math.min(l, r) && span[1] === Math.max(l, r)) return undefined;
    const [nl, nr] = l <= r ? span : [span[1], span[0]];
    return parts.map((p, k) => ({ ...p, letters: columnLetters(k === 0 ? nl : nr) }));
  });
}
