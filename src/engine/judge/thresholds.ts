// A row's own thresholds, from columns beside its target: a Tolerance (its At Risk band as a share of the target), an
// Amber (the value up to which it is still At Risk) and a Red (the value past which it is Off Track). Each cell is read
// as a target is ("80%", "≥ 85%", "below 70%", "2 hours", "$1,200") in the target's unit. A cell that cannot be used
// (unreadable, of another kind than the target, on the wrong side of it) is a warning naming it, and the row is then
// judged with the workbook tolerance: never by a rule half read.
import { cellAddress } from "../address";
import { formatPercent } from "../explain";
import type { CellValue } from "../grid";
import { type Field, isLooseThreshold } from "../headers";
import { problem } from "../problems";
import type { JudgeContext, RowReader } from "../row-reader";
import { readTarget } from "../row-reader";
import { thresholdLevel, toleranceAmount } from "../targets";
import { type Quantity, formatQuantity, readCell } from "../values";
import { type Resolved, align, describeTarget, unitName } from "./quantity";

/** One threshold level in the target's unit, with its text for the explanation. */
export interface Level {
  readonly value: number;
  readonly text: string;
}

/** The rule a row's own columns set; undefined when it has none (or none usable): the workbook tolerance decides. */
export type RowRule =
  | { readonly kind: "tolerance"; readonly share: number }
  | { readonly kind: "levels"; readonly higher: boolean; readonly amber?: Level; readonly red?: Level };

type Role = "tolerance" | "amber" | "red";

interface ThresholdCell {
  readonly role: Role;
  readonly header: string;
  readonly address: string;
  readonly text: string;
  readonly value: CellValue;
  readonly format: string;
}

/** Relative slack when comparing a value with a level, so 80% written two ways is one value. */
export const EPS = 1e-9;

/** The row's threshold column for a role: its own header, or a loose "Threshold" beside a real Target for red. */
function columnFor(row: RowReader, role: Role): number | undefined {
  const t = row.table;
  const own = t.fields[role as Field];
  if (own !== undefined) return own;
  if (role !== "red" || t.fields.target === undefined) return undefined;
  return t.columns.find((c) => c.field === "target" && c.col !== t.fields.target && isLooseThreshold(c.header))?.col;
}

function cells(row: RowReader): ThresholdCell[] {
  const out: ThresholdCell[] = [];
  for (const role of ["tolerance", "amber", "red"] as const) {
    const col = columnFor(row, role);
    if (col === undefined || row.view.isEmpty(row.row, col)) continue;
    const header = row.table.columns.find((c) => c.col === col)?.header ?? role;
    out.push({
      role,
      header: header.trim() || role,
      address: cellAddress(row.row, col),
      text: row.view.text(row.row, col),
      value: row.view.value(row.row, col),
      format: row.view.format(row.row, col),
    });
  }
  return out;
}

/** True when a table has a column that can carry row thresholds: most tables have none, and pay nothing. */
export function hasThresholdColumns(row: RowReader): boolean {
  return columnFor(row, "tolerance") !== undefined || columnFor(row, "amber") !== undefined || columnFor(row, "red") !== undefined;
}

type Read = { readonly ok: true; readonly q: Quantity } | { readonly ok: false; readonly reason: string };

function quantityOf(cell: ThresholdCell, ctx: JudgeContext): Read {
  const r = readCell(cell.value, cell.format, ctx);
  if (r.kind === "quantity" && !r.note) return { ok: true, q: r.q };
  const text = r.kind === "text" ? r.text : cell.text;
  const parsed = readTarget(ctx, text);
  const q = cell.role === "tolerance" ? toleranceAmount(parsed) : thresholdLevel(parsed);
  if (q) return { ok: true, q };
  return {
    ok: false,
    reason:
      cell.role === "tolerance"
        ? 'it is not a share of the target; write it like "10%" or "0.1"'
        : 'it is not one value; write it as the target is written, like "80%", "2 hours" or "$1,200"',
  };
}

const isBare = (q: Quantity) => q.unit === "number" && !q.label && !q.per && !q.growth;

/** A level (amber or red) in the target's unit, on the side of the target where the row falls short. */
function level(cell: ThresholdCell, q: Quantity, r: Resolved): { ok: true; level: Level } | { ok: false; reason: string } {
  const target = describeTarget(r);
  const rv = r.value;
  if (r.comparator === "=" || r.comparator === "between")
    return { ok: false, reason: `the target ${target} has no better or worse side to put it on; give the row a Tolerance instead` };
  if (isBare(q) && rv.unit === "percent" && q.value !== 0 && Math.abs(q.value) < 1)
    return { ok: false, reason: `it could be ${q.value}% or ${Math.round(q.value * 100 * 1e6) / 1e6}%; write it with its % sign` };
  const v = align(q, rv);
  if (v === undefined)
    return { ok: false, reason: `it is a ${unitName(q)} but the target ${target} is a ${unitName(rv)}; write it in the target's unit` };
  const higher = r.comparator.startsWith(">");
  const t = rv.value;
  const tol = EPS * Math.max(1, Math.abs(t));
  if (higher ? v > t + tol : v < t - tol)
    return {
      ok: false,
      reason: `it is ${higher ? "above" : "below"} the target ${target}, though ${higher ? "higher" : "lower"} is better for this row; ${cell.role === "amber" ? "an amber" : "a red"} threshold lies ${higher ? "below" : "above"} the target`,
    };
  return { ok: true, level: { value: v, text: formatQuantity({ ...rv, value: v }) } };
}

/**
 * A Tolerance as a share of the target: "10%" and 0.1 are 10% of it, whatever the target's unit (so 10% of a ≥ 85%
 * target is 8.5 points); an amount in the target's own unit ("30 min" of "≤ 2 hours") is that amount's share of it.
 */
function share(q: Quantity, r: Resolved): { ok: true; share: number } | { ok: false; reason: string } {
  let s: number | undefined;
  if (q.unit === "percent" && !q.per && !q.growth) s = q.value / 100;
  else if (isBare(q)) {
    if (q.value > 1)
      return { ok: false, reason: `it could be ${q.value}% or ${q.value} of the target's unit; write it like "10%" or "0.1"` };
    s = q.value;
  } else {
    const v = align(q, r.value);
    if (v === undefined || q.unit === "percent" || r.value.value === 0)
      return { ok: false, reason: `it is a ${unitName(q)}, not a share of the target ${describeTarget(r)}; write it like "10%" or "0.1"` };
    s = Math.abs(v / r.value.value);
  }
  if (!(s >= 0) || s > 1) return { ok: false, reason: "a tolerance is a share of the target from 0% to 100%" };
  return { ok: true, share: s };
}

/**
 * The row's own rule, or undefined: no threshold cells, or one that cannot be used (then a warning names it and the
 * workbook tolerance decides). Amber and Red decide over a Tolerance on the same row.
 */
export function rowRule(row: RowReader, r: Resolved, ctx: JudgeContext): RowRule | undefined {
  if (!hasThresholdColumns(row)) return undefined;
  const found = cells(row);
  if (found.length === 0) return undefined;
  const bad = (cell: ThresholdCell, reason: string) =>
    ctx.problems.push(
      problem("thresholdNotUsed", "warning", row.table.sheet, cell.address, {
        column: cell.header,
        text: cell.text,
        reason,
        tolerance: `${ctx.sectionTolerance ? "the section's" : "the workbook's"} ${formatPercent(ctx.tolerance)}`,
      }),
    );
  let failed = false;
  let tolerance: number | undefined;
  const levels: { amber?: Level; red?: Level } = {};
  const at: { amber?: ThresholdCell; red?: ThresholdCell } = {};
  for (const cell of found) {
    const read = quantityOf(cell, ctx);
    if (!read.ok) {
      bad(cell, read.reason);
      failed = true;
      continue;
    }
    if (cell.role === "tolerance") {
      const s = share(read.q, r);
      if (s.ok) tolerance = s.share;
      else {
        bad(cell, s.reason);
        failed = true;
      }
      continue;
    }
    const l = level(cell, read.q, r);
    if (l.ok) {
      levels[cell.role] = l.level;
      at[cell.role] = cell;
    } else {
      bad(cell, l.reason);
      failed = true;
    }
  }
  const higher = r.comparator.startsWith(">");
  const { amber, red } = levels;
  if (amber && red && at.amber && (higher ? amber.value < red.value - EPS : amber.value > red.value + EPS)) {
    bad(at.amber, `it is ${higher ? "below" : "above"} the row's red ${red.text}; amber lies between the target and red`);
    failed = true;
  }
  if (failed) return undefined;
  if (amber || red) return { kind: "levels", higher, amber, red };
  return tolerance === undefined ? undefined : { kind: "tolerance", share: tolerance };
}
