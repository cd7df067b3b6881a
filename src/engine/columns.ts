// Our columns beside each user table (KPA Status, Progress, Explanation): where they go, what they hold, and
// which of our earlier cells they no longer cover.
import { LINE_POINTS, textWidth, wrappedLines } from "./sheets/measure";
import { cellAddress, columnLetters, rangeAddress } from "./address";
import type { Table } from "./table";
import { type Rect, SheetView, type WorkbookGrid, pointInRect } from "./grid";
import { OUR_HEADERS, isOurHeader } from "./headers";
import type { Evaluation, RowResult } from "./model";
import { ownsCell } from "./ownership";
import { type Problem, problem } from "./problems";
import { PROGRESS_BAR, STATUS_RULES } from "./sheets/styles";
import { isNoValueMarker } from "./values";
import type { CfPlan, PlanValue, RangeWrite, RoomRequest } from "./write-plan";

// Beyond the no-value markers (TBD, N/A, -): words people park in an unused Status column.
const PLACEHOLDER_STATUS = /^(pending|status|to do|todo)$/i;

export interface ColumnsPlan {
  readonly writes: readonly RangeWrite[];
  readonly conditionalFormats: readonly CfPlan[];
  /**
   * The blocks written: each becomes one of our defined names, whose digest is taken of `header` (what the block's
   * top cell holds: our header, or "" where our statuses go under the user's own header).
   */
  readonly owned: readonly { readonly sheet: string; readonly rect: Rect; readonly header: string }[];
  /** Tables left without their columns, and the columns to insert to make room. */
  readonly room: readonly RoomRequest[];
}

/** Status, progress and explanation cells for every judged table, or a problem where there is no room. */
export function planColumns(wb: WorkbookGrid, ev: Evaluation, problems: Problem[]): ColumnsPlan {
  const writes: RangeWrite[] = [];
  const conditionalFormats: CfPlan[] = [];
  const owned: { sheet: string; rect: Rect; header: string }[] = [];
  const room: RoomRequest[] = [];
  // By table, then by sheet row (side-by-side tables share rows): no key string per row and column.
  const byTable = new Map<string, Map<number, RowResult>>();
  for (const r of ev.rows) {
    let rows = byTable.get(r.tableId);
    if (!rows) byTable.set(r.tableId, (rows = new Map()));
    rows.set(r.row, r);
  }
  const views = new Map(wb.sheets.map((s) => [s.name, new SheetView(s)]));

  const placements = ev.tables.flatMap((table) => {
    const view = views.get(table.sheet);
    if (table.kind === "roles" || table.lastRow < table.firstRow || !view) return [];
    return [{ table, placed: placeColumns(view, table, ev) as Placed | Blocked }];
  });
  shareNoColumn(placements, problems);
  // Each table's right edge once this plan has written its columns: an insert must not cut through those either.
  const rightEdge = new Map(ev.tables.map((t) => [t.id, t.right]));
  for (const { table, placed } of placements)
    if (!("blocker" in placed)) rightEdge.set(table.id, Math.max(table.right, ...Object.values(placed).map((p) => p.col)));

  for (const { table, placed } of placements) {
    if ("blocker" in placed) {
      const request = makeRoom(table, placed, ev.tables, rightEdge);
      if (request) room.push(request);
      problems.push(noRoom(table, placed, request));
      continue;
    }
    const userRight = Math.max(...table.columns.filter((c) => !isOurHeader(c.header)).map((c) => c.col));
    const entries = (Object.entries(placed) as [Role, Placement][]).sort((a, b) => a[1].col - b[1].col);
    const results = byTable.get(table.id);
    // Side-by-side columns are one write: a row of three cells, not three one-cell rows (a third of the memory).
    for (const run of adjacentRuns(entries)) {
      const writeHeader = (run[0] as [Role, Placement])[1].writeHeader;
      const rows: PlanValue[][] = [];
      if (writeHeader) rows.push(run.map(([role]) => OUR_HEADERS[role]));
      for (let r = table.firstRow; r <= table.lastRow; r++) {
        const res = results?.get(r);
        rows.push(run.map(([role]) => (res ? cellFor(role, res) : null)));
      }
      // Only the progress column sets a format; every row shares one read-only row of formats.
      const formats = formatRows(run, rows.length, writeHeader);
      const top = writeHeader ? table.headerRow : table.firstRow;
      // What each cell needs across, measured once: for the width of a column we add, and for explanations' wrap.
      const needs = run.map(([role, p], j) => (p.fresh || role === "explanation" ? rows.map((r) => needOf(r[j] ?? null)) : undefined));
      const widths = needs.map((n, j) =>
        run[j]?.[1].fresh && n
          ? Math.min(
              MAX_WIDTH,
              n.reduce((a, b) => Math.max(a, b), 0),
            )
          : null,
      );
      // Explanations longer than their column wrap, and their rows grow to hold them.
      const wrap = run.map(([role], j) => role === "explanation" && (needs[j] ?? []).some((n) => n > (widths[j] ?? MAX_WIDTH)));
      const points = wrap.some(Boolean) ? rowPointsFor(rows, needs, wrap, widths, writeHeader) : undefined;
      writes.push({
        sheet: table.sheet,
        row: top,
        col: (run[0] as [Role, Placement])[1].col,
        values: rows,
        numberFormats: formats,
        styleFrom: writeHeader ? { row: table.headerRow, col: userRight } : undefined,
        ...(widths.some((w) => w !== null) ? { columnWidths: widths } : {}),
        ...(points ? { wrap, rowPoints: points } : {}),
      });
    }
    for (const [role, col] of entries) {
      const top = col.writeHeader ? table.headerRow : table.firstRow;
      owned.push({
        sheet: table.sheet,
        rect: { top, left: col.col, bottom: table.lastRow, right: col.col },
        header: col.writeHeader ? OUR_HEADERS[role] : "",
      });
      const data: Rect = { top: table.firstRow, left: col.col, bottom: table.lastRow, right: col.col };
      if (role === "status") conditionalFormats.push({ sheet: table.sheet, range: data, rules: STATUS_RULES });
      if (role === "progress") conditionalFormats.push({ sheet: table.sheet, range: data, rules: [PROGRESS_BAR] });
    }
  }

  return { writes: widestPerColumn(writes), conditionalFormats, owned, room };
}

/**
 * One width per sheet column: where tables stacked on a sheet put our columns in the same sheet column (one's
 * explanation above another's status), the column takes the widest of them, so neither is cut off.
 */
function widestPerColumn(writes: readonly RangeWrite[]): RangeWrite[] {
  const widest = new Map<string, number>();
  const key = (w: RangeWrite, j: number) => `${w.sheet}\n${w.col + j}`;
  for (const w of writes) w.columnWidths?.forEach((c, j) => c !== null && widest.set(key(w, j), Math.max(c, widest.get(key(w, j)) ?? 0)));
  return writes.map((w) =>
    w.columnWidths ? { ...w, columnWidths: w.columnWidths.map((c, j) => (c === null ? null : (widest.get(key(w, j)) ?? c))) } : w,
  );
}

type Role = keyof typeof OUR_HEADERS;

/** Widest column we size to its text: longer explanations wrap within it. */
const MAX_WIDTH = 50;

/** What a value needs across, in characters with a margin (a percent for progress); past MAX_WIDTH, at least that. */
function needOf(v: PlanValue): number {
  if (typeof v !== "string") return typeof v === "number" ? 6 : 0;
  // Text as long as the widest column is wider than it (no character is narrower than a digit but a low
  // surrogate, which comes in pairs): its length says so without measuring.
  return v.length + 1 >= MAX_WIDTH * 2 || (v.length >= MAX_WIDTH && !/[\ud800-\udfff]/.test(v))
    ? v.length + 2
    : Math.ceil(textWidth(v)) + 2;
}

/** Points per row for wrapped text at these widths (an existing column we cannot see is taken as MAX_WIDTH). */
function rowPointsFor(
  rows: readonly (readonly PlanValue[])[],
  needs: readonly (readonly number[] | undefined)[],
  wrap: readonly boolean[],
  widths: readonly (number | null)[],
  header: boolean,
): (number | null)[] {
  return rows.map((r, i) => {
    if (header && i === 0) return null;
    let lines = 1;
    wrap.forEach((w, j) => {
      const v = r[j];
      const width = widths[j] ?? MAX_WIDTH;
      // Most text fits its column (measured widely): only the rest is counted in lines.
      if (w && typeof v === "string" && (needs[j]?.[i] ?? 0) > width) lines = Math.max(lines, wrappedLines(v, width));
    });
    return lines > 1 ? lines * LINE_POINTS : null;
  });
}

/** Placed columns in runs of adjacent ones that all write their header or all leave it. */
function adjacentRuns(entries: readonly [Role, Placement][]): [Role, Placement][][] {
  const runs: [Role, Placement][][] = [];
  for (const e of entries) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (run && last && last[1].col + 1 === e[1].col && last[1].writeHeader === e[1].writeHeader) run.push(e);
    else runs.push([e]);
  }
  return runs;
}

/** The number formats of a run's rows: "0%" under Progress, shared by every data row; none without Progress. */
function formatRows(run: readonly [Role, Placement][], count: number, header: boolean): (readonly (string | null)[])[] | undefined {
  const at = run.findIndex(([role]) => role === "progress");
  if (at < 0) return undefined;
  const data = run.map((_, i) => (i === at ? "0%" : null));
  const none = run.map(() => null);
  return Array.from({ length: count }, (_, i) => (i === 0 && header ? none : data));
}

interface Placement {
  col: number;
  /** False when we reuse the user's own (empty) Status column: its header stays theirs. */
  writeHeader: boolean;
  /** A column we add now: it gets a width for what it holds. Later evaluations keep whatever width it has then. */
  fresh?: boolean;
}

/** Where a table's columns would go, but `blocker` (0-based) is taken, `needed` columns from its right edge. */
interface Blocked {
  readonly blocker: { readonly row: number; readonly col: number };
  /** Our new columns plus one empty column before the neighbour. */
  readonly needed: number;
  /** Set when the blocker is another table's column of ours, in a sheet column this table's would share. */
  readonly shared?: { readonly header: string; readonly table: string };
}

/**
 * Our columns for two tables stacked on a sheet never share a sheet column in different roles (one's status under
 * another's explanation): one width cannot suit both. A table whose new columns would land on another's keeps those
 * before that column (its status first) and goes without the rest, with a warning; one whose status would land there
 * gets the no-room rule.
 */
function shareNoColumn(placements: { table: Table; placed: Placed | Blocked }[], problems: Problem[]): void {
  const taken = new Map<string, { role: Role; table: Table }>();
  const at = (t: Table, col: number) => `${t.sheet}\n${col}`;
  const claim = (table: Table, entries: readonly [Role, Placement][]) => {
    for (const [role, pl] of entries) if (!taken.has(at(table, pl.col))) taken.set(at(table, pl.col), { role, table });
  };
  // Columns already written keep their place, every table's, before any new one is placed; then the table reaching
  // furthest right places its own first, since the narrower tables are the ones a user can widen to line up with it.
  // So a second evaluation leaves out what the first did.
  for (const p of placements)
    if (!("blocker" in p.placed))
      claim(
        p.table,
        (Object.entries(p.placed) as [Role, Placement][]).filter(([, pl]) => !pl.fresh),
      );
  const found: { index: number; problem: Problem }[] = [];
  const settledFirst = [...placements].sort((a, b) => freshCount(a.placed) - freshCount(b.placed) || b.table.right - a.table.right);
  for (const p of settledFirst) {
    if ("blocker" in p.placed) continue;
    const entries = (Object.entries(p.placed) as [Role, Placement][]).sort((a, b) => a[1].col - b[1].col);
    const clashAt = entries.findIndex(([role, pl]) => {
      const other = taken.get(at(p.table, pl.col));
      return pl.fresh && other !== undefined && other.role !== role;
    });
    const clash = entries[clashAt];
    const other = clash && taken.get(at(p.table, clash[1].col));
    if (clash && other) {
      // The other table's own columns: its range with ours would change once ours are written.
      const shared = { header: OUR_HEADERS[other.role], table: `${other.table.sheet}!${tableRange(other.table, true)}` };
      const cell = { row: other.table.headerRow, col: clash[1].col };
      if (clash[0] === "status") {
        p.placed = { blocker: cell, needed: entries.filter(([, pl]) => pl.fresh).length + 1, shared };
        continue;
      }
      const left = entries.slice(clashAt).filter(([, pl]) => pl.fresh);
      const kept = entries.filter((e) => !left.includes(e));
      p.placed = Object.fromEntries(kept) as Placed;
      found.push({
        index: placements.indexOf(p),
        problem: problem("columnsLeftOut", "warning", p.table.sheet, cellAddress(cell.row, cell.col), {
          table: `${p.table.sheet}!${tableRange(p.table, true)}`,
          columns: left.map(([role]) => OUR_HEADERS[role]),
          column: columnLetters(cell.col),
          shared,
        }),
      });
      claim(p.table, kept);
      continue;
    }
    claim(p.table, entries);
  }
  // In the tables' order, whatever order they were placed in: the same warnings read the same each evaluation.
  problems.push(...found.sort((a, b) => a.index - b.index).map((f) => f.problem));
}

type Placed = Partial<Record<Role, Placement>>;

function freshCount(placed: Placed | Blocked): number {
  return "blocker" in placed ? 0 : Object.values(placed).filter((pl) => pl.fresh).length;
}

function placeColumns(view: SheetView, table: Table, ev: Evaluation): Record<keyof typeof OUR_HEADERS, Placement> | Blocked {
  const found: Partial<Record<keyof typeof OUR_HEADERS, Placement>> = {};
  for (const c of table.columns) {
    if (c.field !== "status" && c.field !== "progress" && c.field !== "explanation") continue;
    if (found[c.field]) continue;
    const ours = isOurHeader(c.header) || ownsCell(ev.ownership, table.sheet, table.firstRow, c.col);
    if (ours) found[c.field] = { col: c.col, writeHeader: isOurHeader(c.header) };
    else if (c.field === "status" && table.kind !== "training" && isPlaceholderColumn(view, table, c.col))
      found.status = { col: c.col, writeHeader: false };
  }
  const missing = (["status", "progress", "explanation"] as const).filter((k) => !found[k]);
  if (missing.length > 0) {
    // Room for the new columns plus one empty column, so the table stays apart from its neighbours.
    const needed = missing.length + 1;
    // Another table's cells are never free, empty ones included; our old cells elsewhere are free to write over.
    const others = ev.tables.filter((t) => t.sheet === table.sheet && t.id !== table.id);
    const otherAt = (r: number, c: number) =>
      others.find((t) => r >= t.headerRow && r <= Math.max(t.headerRow, t.lastRow) && c >= t.left && c <= t.right);
    for (let c = table.right + 1; c <= table.right + needed; c++) {
      for (let r = table.headerRow; r <= table.lastRow; r++) {
        const other = otherAt(r, c);
        // The blocker named is a cell with something in it: the other table's header in that column.
        if (other) return { blocker: { row: view.isEmpty(r, c) ? other.headerRow : r, col: c }, needed };
        if (!view.isEmpty(r, c) && !ownsCell(ev.ownership, table.sheet, r, c)) return { blocker: { row: r, col: c }, needed };
      }
    }
    missing.forEach((k, i) => (found[k] = { col: table.right + 1 + i, writeHeader: true, fresh: true }));
  }
  return found as Record<keyof typeof OUR_HEADERS, Placement>;
}

/**
 * Whole columns to insert so the table's columns fit: as many as the empty columns before the blocker fall short,
 * right after the table when that splits no other table on the sheet, else further right within the empty gap.
 * Undefined when every place would cut through another table.
 */
function makeRoom(table: Table, b: Blocked, tables: readonly Table[], rightEdge: ReadonlyMap<string, number>): RoomRequest | undefined {
  const count = b.needed - (b.blocker.col - table.right - 1);
  const others = tables.filter((t) => t.sheet === table.sheet && t.id !== table.id);
  for (let at = table.right + 1; at <= b.blocker.col; at++) {
    if (others.some((t) => t.left < at && at <= (rightEdge.get(t.id) ?? t.right))) continue;
    return { sheet: table.sheet, at, count, table: tableRange(table) };
  }
  return undefined;
}

function noRoom(table: Table, b: Blocked, request: RoomRequest | undefined): Problem {
  const blocker = cellAddress(b.blocker.row, b.blocker.col);
  return problem("noRoomForColumns", "warning", table.sheet, blocker, {
    table: `${table.sheet}!${tableRange(table)}`,
    blocker: `${table.sheet}!${blocker}`,
    needed: b.needed,
    shared: b.shared,
    insert: request && { count: request.count, after: columnLetters(request.at - 1) },
  });
}

/** A table's range; with `usersOnly`, up to its last column that is not one of ours. */
function tableRange(t: Table, usersOnly = false): string {
  const mine = t.columns.filter((c) => !isOurHeader(c.header)).map((c) => c.col);
  const right = usersOnly && mine.length > 0 ? Math.max(...mine) : t.right;
  return rangeAddress({ top: t.headerRow, left: t.left, bottom: t.lastRow, right });
}

function isPlaceholderColumn(view: SheetView, table: Table, col: number): boolean {
  for (let r = table.firstRow; r <= table.lastRow; r++) {
    if (view.isEmpty(r, col)) continue;
    // An error is a formula's result, the user's: only typed text is a placeholder.
    if (typeof view.value(r, col) !== "string") return false;
    const t = view.text(r, col);
    if (!PLACEHOLDER_STATUS.test(t) && !isNoValueMarker(t)) return false;
  }
  return true;
}

function cellFor(role: keyof typeof OUR_HEADERS, r: RowResult): PlanValue {
  if (role === "status") return r.status;
  if (role === "progress") return r.progress === undefined ? null : Math.round(r.progress * 10000) / 10000;
  return r.explanation;
}

/** Cells in our old blocks that the new plan no longer covers. */
export function staleCells(ev: Evaluation, owned: readonly { sheet: string; rect: Rect }[]): { sheet: string; range: Rect }[] {
  const out: { sheet: string; range: Rect }[] = [];
  for (const b of ev.ownership.blocks) {
    for (let c = b.rect.left; c <= b.rect.right; c++) {
      let start: number | undefined;
      for (let r = b.rect.top; r <= b.rect.bottom + 1; r++) {
        const covered = r > b.rect.bottom || owned.some((o) => o.sheet === b.sheet && pointInRect(r, c, o.rect));
        if (!covered && start === undefined) start = r;
        if (covered && start !== undefined) {
          out.push({ sheet: b.sheet, range: { top: start, left: c, bottom: r - 1, right: c } });
          start = undefined;
        }
      }
    }
  }
  return out;
}
