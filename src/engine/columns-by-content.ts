// A goals or KPI table's value column when its header does not say which one it is: among several period columns
// ("Q1 Actual … Q4 Actual", "Q3 2025 | Q2 2025") the latest period holding values, or else the last one; with none, the one column whose cells read like the targets.
// Every choice is said in a warning, and a table left without one is one problem, never a silent No Data per row.
import { cellAddress, quoteSheet, rangeAddress } from "./address";
import type { SheetView } from "./grid";
import { isOurHeader } from "./headers";
import { type Problem, problem } from "./problems";
import { parseTarget } from "./targets";
import type { Column, Table } from "./table";
import { type Unit, readCell } from "./values";

/** What is known of a table before its actual column is settled. */
export type TableShape = Pick<
  Table,
  "id" | "sheet" | "kind" | "headerRow" | "left" | "right" | "lastRow" | "columns" | "fields" | "problems"
>;

const q = (s: string) => `"${s}"`;

const userColumns = (t: TableShape) => t.columns.filter((c) => c.header !== "" && !isOurHeader(c.header));

/** "'Goals 2050'!A2:G10": the user's columns, without the status columns we add beside them. */
export function tableRange(t: TableShape): string {
  const right = Math.max(t.left, ...userColumns(t).map((c) => c.col));
  return `${quoteSheet(t.sheet)}!${rangeAddress({ top: t.headerRow, left: t.left, bottom: t.lastRow, right })}`;
}

function hasValue(view: SheetView, t: TableShape, col: number): boolean {
  for (let r = t.headerRow + 1; r <= t.lastRow; r++)
    if (readCell(view.value(r, col), view.format(r, col), "mdy").kind !== "none") return true;
  return false;
}

/** The unit a row's target is in, when it names a level (not a change from the baseline). */
function targetUnit(view: SheetView, row: number, col: number): Unit | undefined {
  const cell = readCell(view.value(row, col), view.format(row, col), "mdy");
  if (cell.kind === "quantity") return cell.q.unit;
  if (cell.kind !== "text") return undefined;
  const parsed = parseTarget(cell.text);
  return parsed.ok && parsed.target.kind === "numeric" && !parsed.target.change ? parsed.target.value.unit : undefined;
}

/** True when a column's cells are quantities of its rows' target units (a plain number may stand for % or money). */
function readsLikeTargets(view: SheetView, t: TableShape, col: number, targetCol: number): boolean {
  let matches = 0;
  const numbers: number[] = [];
  for (let r = t.headerRow + 1; r <= t.lastRow; r++) {
    const cell = readCell(view.value(r, col), view.format(r, col), "mdy");
    if (cell.kind === "none") continue;
    if (cell.kind !== "quantity") return false;
    numbers.push(cell.q.value);
    const want = targetUnit(view, r, targetCol);
    if (want === undefined) continue;
    const unit = cell.q.unit;
    const plain = unit === "number" && cell.evidence === "none" && (want === "percent" || want === "currency");
    if (unit !== want && !plain) return false;
    matches++;
  }
  // 1, 2, 3 … is a row number, not a measurement.
  const counting = numbers.length > 1 && numbers.every((n, i) => n === (numbers[0] ?? 0) + i);
  return matches > 0 && !counting;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * Where a period header sits in time, as year × 12 + month of the period's end: "Q3 2025", "Sep-50", "FY24", "H1",
 * "2050". Without a year, only the month (or quarter, half) counts. Undefined when the header names no period.
 */
function periodRank(header: string): { rank: number; year: boolean } | undefined {
  const words = header.toLowerCase().split(/[^a-z0-9]+/);
  let month: number | undefined;
  let year: number | undefined;
  for (const w of words) {
    let m = /^q([1-4])$/.exec(w);
    if (m) month = Number(m[1]) * 3;
    else if ((m = /^h([12])$/.exec(w))) month = Number(m[1]) * 6;
    else if ((m = /^fy(\d{2}|\d{4})$/.exec(w))) year = Number(m[1]) < 100 ? 2000 + Number(m[1]) : Number(m[1]);
    else if (/^(?:19|20|21)\d\d$/.test(w)) year = Number(w);
    else if (MONTHS.includes(w.slice(0, 3)) && /^[a-z]{3,9}$/.test(w)) month = MONTHS.indexOf(w.slice(0, 3)) + 1;
    else if (/^\d{2}$/.test(w) && month !== undefined) year = 2000 + Number(w);
  }
  if (month === undefined && year === undefined) return undefined;
  return { rank: (year ?? 0) * 12 + (month ?? 12), year: year !== undefined };
}

/** Among period columns, the one of the latest period, when every header places itself in time the same way. */
function latestPeriod(columns: readonly Column[]): Column | undefined {
  const ranked = columns.map((c) => ({ c, p: periodRank(c.header) }));
  if (ranked.length < 2 || ranked.some((r) => r.p === undefined)) return undefined;
  if (new Set(ranked.map((r) => r.p?.year)).size > 1) return undefined;
  const sorted = [...ranked].sort((a, b) => (b.p?.rank ?? 0) - (a.p?.rank ?? 0));
  const [first, second] = sorted;
  return first && second && first.p?.rank !== second.p?.rank ? first.c : undefined;
}

/**
 * The actual column of a goals or KPI table, and the warning or problem that says how it was found.
 * `undefined` actual with no problem: the table has none, and evaluation says so once (missingActualProblem).
 */
export function resolveActual(view: SheetView, t: TableShape): { actual: number | undefined; problems: Problem[] } {
  const current = t.fields.actual;
  if (t.kind !== "goals" && t.kind !== "kpi") return { actual: current, problems: [] };
  const named = t.columns.filter((c) => c.field === "actual");
  const strong = named.filter((c) => !c.weak);
  const plain = strong.length > 0 ? strong : named;
  // An empty "YTD" beside a filled "This Month": the period columns that hold values are the candidates.
  const filledPeriods = named.filter((c) => c.period && hasValue(view, t, c.col));
  const best = plain.some((c) => hasValue(view, t, c.col)) || filledPeriods.length === 0 ? plain : filledPeriods;
  if ((best.length > 1 && best.some((c) => c.period)) || best !== plain) {
    const filled = best.filter((c) => hasValue(view, t, c.col));
    const chosen = latestPeriod(filled) ?? filled[filled.length - 1] ?? best[best.length - 1];
    if (chosen) {
      const p = problem("actualFromSeveral", "warning", t.sheet, cellAddress(t.headerRow, chosen.col), {
        table: tableRange(t),
        headers: named.map((c) => q(c.header)).join(", "),
        header: chosen.header,
      });
      return { actual: chosen.col, problems: [p] };
    }
  }
  if (best[0]) return { actual: best[0].col, problems: [] };
  const nameCol = t.fields.name ?? t.fields.goal;
  const targetCol = t.fields.target;
  if (nameCol === undefined || targetCol === undefined) return { actual: undefined, problems: [] };
  const candidates = t.columns.filter(
    (c) =>
      c.field === undefined &&
      c.header !== "" &&
      !isOurHeader(c.header) &&
      c.col > nameCol &&
      c.col !== targetCol &&
      readsLikeTargets(view, t, c.col, targetCol),
  );
  const [only] = candidates;
  if (candidates.length === 1 && only) {
    const p = problem("actualByContent", "warning", t.sheet, cellAddress(t.headerRow, only.col), {
      table: tableRange(t),
      header: only.header,
    });
    return { actual: only.col, problems: [p] };
  }
  if (candidates.length > 1) {
    const p = problem("actualAmbiguous", "error", t.sheet, cellAddress(t.headerRow, t.left), {
      table: tableRange(t),
      headers: candidates.map((c) => q(c.header)).join(", "),
    });
    return { actual: undefined, problems: [p] };
  }
  return { actual: undefined, problems: [] };
}

/**
 * The table's own problems (how its actual column was chosen), and ONE problem for a goals or KPI table with no
 * actual column whose rows did not all take their values from the measurement log.
 */
export function tableProblems(t: TableShape, rows: readonly { tableId: string; actualFrom?: { kind: string } }[]): Problem[] {
  const own = [...(t.problems ?? [])];
  if (t.kind !== "goals" && t.kind !== "kpi") return own;
  if (t.fields.actual !== undefined || own.some((p) => p.code === "actualAmbiguous")) return own;
  const mine = rows.filter((r) => r.tableId === t.id);
  if (!mine.some((r) => r.actualFrom?.kind !== "log")) return own;
  const columns = userColumns(t)
    .map((c) => q(c.header))
    .join(", ");
  own.push(problem("noActualColumn", "warning", t.sheet, cellAddress(t.headerRow, t.left), { table: tableRange(t), columns }));
  return own;
}
