// Finds KPA tables anywhere on a sheet by their header rows: stacked under section headings or side by side.
import { cellAddress } from "./address";
import { type CellValue, type Rect, type SheetGrid, SheetView } from "./grid";
import { resolveActual } from "./columns-by-content";
import { type Field, isOurHeader, isOurOutput, matchHeaderDetail } from "./headers";
import type { Column, Table, TableKind } from "./table";
import { isNoValueMarker } from "./values";

interface HeaderCandidate {
  row: number;
  left: number;
  right: number;
  kind: TableKind;
  columns: Column[];
  fields: Partial<Record<Field, number>>;
}

function classify(
  fields: Partial<Record<Field, number>>,
  count: number,
): { kind: TableKind; fields: Partial<Record<Field, number>> } | undefined {
  const has = (f: Field) => fields[f] !== undefined;
  if (count < 2) return undefined;
  if ((has("trainingNeeds") || has("trainingProvider")) && (has("role") || has("name") || has("timeline") || has("trainingNeeds")))
    return { kind: "training", fields };
  if (has("role") && (has("responsibilities") || has("accountability") || has("reporting") || has("support")))
    return { kind: "roles", fields };
  if (has("goal") && has("target")) return { kind: "goals", fields };
  // "KPI | Goal | Actual": the Goal column holds the target value.
  if (has("name") && has("goal") && has("actual") && !has("target")) {
    const { goal, ...rest } = fields;
    return { kind: "kpi", fields: { ...rest, target: goal } };
  }
  if (has("name") && has("target")) return { kind: "kpi", fields };
  if (has("name") && (has("method") || has("frequency") || has("description") || has("owner"))) return { kind: "kpa", fields };
  if (has("goal") && (has("timeline") || has("owner") || has("priority") || has("actual"))) return { kind: "goals", fields };
  return undefined;
}

/** Runs of adjacent non-empty cells in a row (merged cells count as filled). */
function segments(view: SheetView, row: number, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  for (let c = from; c <= to + 1; c++) {
    const filled = c <= to && (!view.isEmpty(row, c) || view.merge(row, c) !== undefined);
    if (filled && start < 0) start = c;
    if (!filled && start >= 0) {
      out.push([start, c - 1]);
      start = -1;
    }
  }
  return out;
}

function headerAt(view: SheetView, row: number, left: number, right: number): HeaderCandidate | undefined {
  if (right - left < 1) return undefined;
  // A header row is text: a number or date anywhere rules the row out before any word is matched (most rows are
  // data rows, and matching their words was a tenth of a run).
  for (let c = left; c <= right; c++) {
    const v = view.value(row, c);
    if (v !== null && typeof v !== "string") return undefined;
  }
  const columns: Column[] = [];
  const fields: Partial<Record<Field, number>> = {};
  const weakField = new Set<Field>();
  let matched = 0;
  // Loose words (Result, Plan, Score…) help read a table's columns, but alone they do not make a header row.
  let strong = 0;
  for (let c = left; c <= right; c++) {
    const header = view.text(row, c);
    // What we write beside a table (a status, an explanation ending "→ Needs Target") is never a header.
    const m = header && !isOurOutput(header) ? matchHeaderDetail(header) : undefined;
    const field = m?.field;
    if (m && field !== undefined) {
      matched++;
      if (!m.weak) strong++;
      // The first column for a field, unless it was headed loosely and this one is not ("Budget" then "Target").
      if (fields[field] === undefined || (weakField.has(field) && !m.weak)) {
        fields[field] = c;
        if (m.weak) weakField.add(field);
        else weakField.delete(field);
      }
    }
    columns.push({ col: c, header, field, ...(m?.weak ? { weak: true } : {}), ...(m?.period ? { period: true } : {}) });
  }
  // Our own headers (KPA Status…), written beside a table's header, neither make nor break a header row: a row
  // reads the same before and after we add them.
  const ourHeaders = columns.filter((c) => c.field !== undefined && isOurHeader(c.header)).length;
  if ((matched - ourHeaders) * 2 < columns.filter((c) => c.header !== "").length - ourHeaders) return undefined;
  // "Service | Target | Current": plainly headed target and actual columns; the first other column names the rows.
  if (fields.name === undefined && fields.goal === undefined && fields.target !== undefined && fields.actual !== undefined) {
    const target = fields.target;
    const i = columns.findIndex((c) => c.field === undefined && c.header !== "" && c.col < target && !INDEX_HEADER.test(c.header));
    const named = columns[i];
    if (named && !weakField.has("target") && !weakField.has("actual")) {
      columns[i] = { ...named, field: "name" };
      fields.name = named.col;
      strong++;
    }
  }
  // Two plainly headed columns make a header row; so does one beside a target and an actual ("KPI | Plan | Score").
  const threeWay = strong >= 1 && fields.target !== undefined && fields.actual !== undefined;
  const cls = classify(fields, threeWay ? Math.max(strong, 2) : strong);
  if (!cls) return undefined;
  return { row, left, right, kind: cls.kind, columns, fields: cls.fields };
}

/** A line of notes under a table ("Note: …", "* excludes …", "Trend: improving since Q2 …") ends it. */
const NOTE_LINE =
  /^\s*(?:[*†‡¹²³]|(?:notes?|nb|n\.b\.|sources?|footnotes?|legend|definitions?|remarks?|comments?|trends?|assumptions?|caveats?|methodology|calculation|formula|data as of|last updated|updated|prepared by)\b\s*[:.–-])|^[A-Z][A-Za-z ]{1,30}:\s+\S+(?:\s+\S+){3,}/;

/** A column of row numbers or references, not names: "#", "No.", "Ref", "ID". */
const INDEX_HEADER = /^\s*(?:#|no\.?|nr\.?|num(?:ber)?|ref(?:erence)?|id|s\/?n|sr\.?(?: no\.?)?|item no\.?|row)\s*$/i;

const STRONG_HEADING =
  /^(?:(?:[IVXLC]+|\d+(?:\.\d+)*|[A-Z])[.)]\s+\S|(?:section|part|pillar|category|area|kpa|perspective)\s*[\dIVX]*\s*[:.\-–]\s*\S)/i;

export function isHeadingText(text: string, strict: boolean): boolean {
  const t = text.trim();
  if (!t || t.length > 100) return false;
  if (STRONG_HEADING.test(t)) return true;
  const letters = t.replace(/[^A-Za-z]/g, "");
  if (letters.length >= 4 && letters === letters.toUpperCase() && /\s/.test(t.replace(/\([^)]*\)/g, "").trim())) return true;
  if (strict) return false;
  return t.split(/\s+/).length <= 10 && !/[.!?:]$/.test(t);
}

function soleCell(view: SheetView, row: number, left: number, right: number): number | undefined {
  let found: number | undefined;
  for (let c = left; c <= right; c++) {
    if (!view.isEmpty(row, c)) {
      if (found !== undefined) return undefined;
      found = c;
    }
  }
  return found;
}

function soleCellOf(view: SheetView, row: number, cols: readonly number[]): number | undefined {
  let found: number | undefined;
  for (const c of cols) {
    if (!view.isEmpty(row, c)) {
      if (found !== undefined) return undefined;
      found = c;
    }
  }
  return found;
}

function rowIsBlank(view: SheetView, row: number, left: number, right: number): boolean {
  for (let c = left; c <= right; c++) if (!view.isEmpty(row, c)) return false;
  return true;
}

function groupWeight(text: string): number | undefined {
  const m = /(\d+(?:\.\d+)?)\s*%\s*(?:weight|weighting)|(?:weight|weighting)\s*[:=]?\s*(\d+(?:\.\d+)?)\s*%/i.exec(text);
  return m ? Number(m[1] ?? m[2]) : undefined;
}

/** The header rows that start in row `r`, one per run of filled cells. */
function headersIn(view: SheetView, r: number): HeaderCandidate[] {
  const out: HeaderCandidate[] = [];
  for (const [a, b] of segments(view, r, view.left, view.right)) {
    const h = headerAt(view, r, a, b);
    if (h) out.push(h);
    else out.push(...headersAround(view, r, a, b));
  }
  return out;
}

/**
 * The header rows on either side of what we write or write over (a status, an explanation, a TBD) in a run of
 * cells that is no header row as a whole: a status we wrote in a column we took over joins a header row to the
 * cells beyond it, and must not hide it.
 */
function headersAround(view: SheetView, r: number, a: number, b: number): HeaderCandidate[] {
  const out: HeaderCandidate[] = [];
  let start = a;
  let split = false;
  for (let c = a; c <= b + 1; c++) {
    const v = c <= b ? view.value(r, c) : null;
    const ours = typeof v === "string" && (isOurOutput(v) || isNoValueMarker(v));
    if (c <= b && !ours) continue;
    split ||= c <= b;
    if (split && c - 1 > start) {
      const h = headerAt(view, r, start, c - 1);
      if (h) out.push(h);
    }
    start = c + 1;
  }
  return out;
}

/**
 * A value under one of our headers that we write there or write over: a status, an explanation, a progress figure,
 * a no-value marker (TBD, N/A, -), or anything that is not text (a stray TRUE, a date, an error), which can never
 * be a header's word. The user's own words (a header below) stay visible.
 */
function isOurValue(v: CellValue): boolean {
  if (v === null) return false;
  return typeof v !== "string" || isOurWriting(v) || isNoValueMarker(v);
}

/** A value we write under our headers: a status, an explanation or a progress figure. Never a no-value marker. */
function isOurWriting(v: CellValue): boolean {
  if (typeof v === "number") return true;
  return typeof v === "string" && v.trim() !== "" && isOurOutput(v);
}

/** Our columns under one table's header row, down to its last row (Infinity while the table is being read). */
interface OurColumns {
  readonly headerRow: number;
  bottom: number;
  readonly cols: readonly number[];
}

/**
 * A sheet in which our values (isOurValue) under our headers read as empty: the columns of every table found so
 * far, so two tables side by side mask both their columns in a row below them, not each only its own.
 */
class MaskedView extends SheetView {
  readonly masks: OurColumns[] = [];

  override value(row: number, col: number): CellValue {
    const v = super.value(row, col);
    if (v === null) return v;
    for (const m of this.masks) if (row > m.headerRow && row <= m.bottom && m.cols.includes(col) && isOurValue(v)) return null;
    return v;
  }
}

/**
 * Every table on a sheet, top to bottom, left to right. Never throws. `written`: the blocks our defined names say we
 * wrote on this sheet (a table's header row down to its last row, in our columns).
 */
export function detectTables(grid: SheetGrid, written: readonly Rect[] = []): Table[] {
  const view = new SheetView(grid);
  if (view.bottom < view.top || view.right < view.left) return [];
  const candidates = new Map<number, HeaderCandidate[]>();
  for (let r = view.top; r <= view.bottom; r++) {
    const list = headersIn(view, r);
    if (list.length > 0) candidates.set(r, list);
  }
  const overlapsHeader = (row: number, left: number, right: number) =>
    (candidates.get(row) ?? []).some((h) => h.left <= right && h.right >= left);

  const tables: Table[] = [];
  const withoutOurs = new MaskedView(grid);
  const claimed: { top: number; bottom: number; left: number; right: number }[] = [];
  // Rows in order; a table's rows may turn a row below into a header row (candidates.set below).
  for (let r = view.top; r <= view.bottom; r++) {
    for (const h of candidates.get(r) ?? []) {
      if (claimed.some((t) => r >= t.top && r <= t.bottom && h.left <= t.right && h.right >= t.left)) continue;
      let last = r;
      // Our own columns do not keep a table going: a row is blank when the user's cells are.
      const userCols = h.columns.filter((c) => !isOurHeader(c.header)).map((c) => c.col);
      // Cells under a header we write (KPA Status, Progress, Explanation) are our output: they neither make nor
      // break a header row below, so a row reads the same before and after we write them.
      const ours = h.columns.filter((c) => isOurHeader(c.header)).map((c) => c.col);
      const mask: OurColumns | undefined = ours.length > 0 ? { headerRow: r, bottom: Infinity, cols: ours } : undefined;
      if (mask) withoutOurs.masks.push(mask);
      for (let x = r + 1; x <= view.bottom; x++) {
        if (userCols.every((c) => view.isEmpty(x, c))) break;
        // The row's headers before this table read it with its own columns masked: a heading below the table ends
        // it, so the row is not the table's, and what sits in our columns there is the user's, read as it stands.
        const unread = candidates.get(x);
        if (mask && ours.some((c) => isOurValue(view.value(x, c)))) {
          // We never write a no-value marker: one in a row that reads as a header as it stands is the user's
          // (another table's header under ours), and stays; in a data row it is a cell we write over. A header
          // made of the user's cells alone (spanning none of our columns that hold something) ended the table
          // before our columns existed too: we never wrote into the row, so it reads as it stands.
          const asIs = headersIn(view, x);
          const overlaps = (o: HeaderCandidate) => o.left <= h.right && o.right >= h.left;
          const writing = ours.some((c) => isOurWriting(view.value(x, c)));
          const usersAlone = asIs.filter((o) => !ours.some((c) => c >= o.left && c <= o.right && !view.isEmpty(x, c)));
          // A row inside a block we wrote (our defined name) was one of the table's rows when we wrote it: it stays
          // one, whatever our cells in it now hold (a cell we emptied can make the user's cells beside it read as a
          // header). Only headers beside the table are read there.
          const wroteHere = written.some((b) => b.top === r && x <= b.bottom && ours.some((c) => c >= b.left && c <= b.right));
          const headers = wroteHere
            ? headersIn(withoutOurs, x).filter((o) => !overlaps(o))
            : (!writing && asIs.some(overlaps)) || usersAlone.some(overlaps)
              ? asIs
              : headersIn(withoutOurs, x);
          // This table decides the headers across its own columns; beside it, what an earlier table's reading
          // found stays (it may have masked its own columns, which this reading no longer does).
          const beside = (candidates.get(x) ?? []).filter(
            (o) => !overlaps(o) && !headers.some((n) => n.left <= o.right && n.right >= o.left),
          );
          const merged = [...beside, ...headers].sort((a, b) => a.left - b.left);
          if (merged.length > 0) candidates.set(x, merged);
          else candidates.delete(x);
        }
        if (overlapsHeader(x, h.left, h.right)) break;
        // Only the user's cells count here too: our columns beside a heading do not make it a row.
        const sole = soleCellOf(view, x, userCols);
        if (sole !== undefined) {
          const merge = view.merge(x, sole);
          const text = view.text(x, sole);
          const mergedAcross = merge !== undefined && merge.right > merge.left;
          if (
            typeof view.value(x, sole) === "string" &&
            (mergedAcross || (sole === h.left && (isHeadingText(text, true) || NOTE_LINE.test(text))))
          ) {
            if (unread) candidates.set(x, unread);
            else candidates.delete(x);
            break;
          }
        }
        last = x;
      }
      if (mask) mask.bottom = last;
      claimed.push({ top: r, bottom: last, left: h.left, right: h.right });
      const group = findGroup(view, r, h.left, h.right, claimed);
      const shape = {
        id: `${grid.name}!${cellAddress(r, h.left)}`,
        sheet: grid.name,
        kind: h.kind,
        headerRow: r,
        left: h.left,
        right: h.right,
      };
      const chosen = resolveActual(view, { ...shape, lastRow: last, columns: h.columns, fields: h.fields });
      const fields = chosen.actual === h.fields.actual ? h.fields : { ...h.fields, actual: chosen.actual };
      tables.push({
        id: `${grid.name}!${cellAddress(r, h.left)}`,
        sheet: grid.name,
        kind: h.kind,
        group: group?.text,
        groupCell: group ? cellAddress(group.row, group.col) : undefined,
        groupWeight: group ? groupWeight(group.text) : undefined,
        headerRow: r,
        left: h.left,
        right: h.right,
        firstRow: r + 1,
        lastRow: last,
        columns: h.columns,
        fields,
        ...(chosen.problems.length > 0 ? { problems: chosen.problems } : {}),
      });
    }
  }
  return tables.sort((a, b) => a.headerRow - b.headerRow || a.left - b.left);
}

function findGroup(
  view: SheetView,
  headerRow: number,
  left: number,
  right: number,
  claimed: readonly { top: number; bottom: number; left: number; right: number }[],
): { text: string; row: number; col: number } | undefined {
  const from = Math.max(view.left, left - 1);
  for (let y = headerRow - 1; y >= Math.max(view.top, headerRow - 8); y--) {
    if (claimed.some((t) => y >= t.top && y <= t.bottom && t.left <= right && t.right >= left)) return undefined;
    if (rowIsBlank(view, y, from, right)) continue;
    const sole = soleCell(view, y, from, right);
    if (sole === undefined) return undefined;
    const text = view.text(y, sole);
    if (typeof view.value(y, sole) === "string" && isHeadingText(text, false)) return { text, row: y, col: sole };
  }
  return undefined;
}
