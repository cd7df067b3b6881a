// The properties every workbook must keep through run → apply → run → apply, as one function that throws a
// plain Error naming the first broken one. Shared by test/engine/property.test.ts and test/fuzz/fuzz.test.ts.
import { cellAddress, columnIndex } from "../../src/engine/address";
import { applyPlanToGrid, planValueToCell } from "../../src/engine/apply";
import { type CellValue, type SheetGrid, SheetView, type WorkbookGrid, isBlank, isCellError } from "../../src/engine/grid";
import { isOurHeader } from "../../src/engine/headers";
import { type RunResult, run } from "../../src/engine/index";
import type { RowResult } from "../../src/engine/model";
import { isOurSheet, ownsCell } from "../../src/engine/ownership";
import type { EvaluateOptions } from "../../src/engine/settings";
import { STATUSES, type Status } from "../../src/engine/status";
import { isNoValueMarker } from "../../src/engine/values";
import type { PlanOptions } from "../../src/engine/write-plan";

export type FuzzOptions = EvaluateOptions & PlanOptions;

/** What one case did: the statuses of its first evaluation and how many problems it raised. */
export interface CaseStats {
  readonly statuses: readonly Status[];
  readonly problems: number;
}

// Words people park in an unused Status column, which the plan may write over (src/engine/columns.ts).
const PLACEHOLDER_STATUS = /^(pending|status|to do|todo)$/i;
const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

class Broken extends Error {}
function fail(message: string): never {
  throw new Broken(message);
}

/** Runs the case and checks every property; throws on the first one broken. */
export function checkCase(wb: WorkbookGrid, opts: FuzzOptions): CaseStats {
  const first = run(wb, opts);
  checkRun(wb, first, "first run");
  const once = applyPlanToGrid(wb, first.plan);
  const second = run(once, opts);
  checkRun(once, second, "second run");
  // The second evaluation of our own output judges every row the same.
  const before = first.evaluation.rows.map((r) => `${r.key} ${r.status}`);
  const after = second.evaluation.rows.map((r) => `${r.key} ${r.status}`);
  if (before.join("\n") !== after.join("\n")) fail(`statuses changed on the second run:\n${diffLines(before, after)}`);
  // Applying the second plan to the applied grid changes nothing.
  const twice = applyPlanToGrid(once, second.plan);
  sameWorkbook(once, twice, new Set(second.plan.sheets.map((s) => s.name)));
  return { statuses: first.evaluation.rows.map((r) => r.status), problems: first.plan.problems.length };
}

function checkRun(wb: WorkbookGrid, res: RunResult, which: string): void {
  const { evaluation, plan } = res;
  for (const r of evaluation.rows) checkRow(r, which);
  const sheets = new Set([...wb.sheets.map((s) => s.name), ...plan.sheets.map((s) => s.name), ...plan.appends.map((a) => a.sheet)]);
  for (const p of plan.problems) {
    if (!sheets.has(p.sheet)) fail(`${which}: problem ${p.code} names sheet "${p.sheet}", which does not exist`);
    if (!validA1(p.cell)) fail(`${which}: problem ${p.code} on ${p.sheet} names cell "${p.cell}", not an A1 address`);
    if (!p.message.trim()) fail(`${which}: problem ${p.code} at ${p.sheet}!${p.cell} has no message`);
  }
  checkOwnership(wb, res, which);
}

function checkRow(r: RowResult, which: string): void {
  const at = `${which}: row ${r.sheet}!${r.cell} (${r.kind} "${r.name.slice(0, 60)}")`;
  if (!(STATUSES as readonly string[]).includes(r.status)) fail(`${at} has status "${r.status}", not one of ours`);
  if (!r.explanation.trim()) fail(`${at} has an empty explanation`);
  if (!r.explanation.endsWith(` → ${r.status}`) || !/\S → /.test(r.explanation))
    fail(`${at} explanation does not end with its status ${r.status}: "${r.explanation.slice(-200)}"`);
  if (!validA1(r.cell)) fail(`${at} names cell "${r.cell}", not an A1 address`);
  if (r.status === "No Data" || r.status === "Needs Target") return;
  if (r.kind === "training") {
    // A training row is judged by its completion and its timeline, not a target.
    if (r.status !== "Met" && r.timeline === undefined) fail(`${at} is ${r.status} with no timeline`);
    return;
  }
  if (r.target === undefined || r.target.trim() === "") fail(`${at} is ${r.status} but has no target read`);
}

function validA1(cell: string): boolean {
  const m = /^([A-Z]{1,3})([1-9]\d{0,6})$/.exec(cell);
  if (!m) return false;
  return columnIndex(m[1] as string) < MAX_COL && Number(m[2]) <= MAX_ROW;
}

/**
 * The plan writes only cells that are blank, inside our blocks, in a column headed with our header, or a
 * placeholder in a Status column it took over; it clears only inside our blocks, appends only to our sheets and
 * replaces only our sheets.
 */
function checkOwnership(wb: WorkbookGrid, res: RunResult, which: string): void {
  const { evaluation, plan } = res;
  const o = evaluation.ownership;
  const views = new Map(wb.sheets.map((s) => [s.name, new SheetView(s)]));
  const userSheet = (name: string) => views.has(name) && !isOurSheet(o, name);
  for (const s of plan.sheets) if (userSheet(s.name)) fail(`${which}: the plan replaces the user's sheet "${s.name}"`);
  for (const a of plan.appends) if (userSheet(a.sheet)) fail(`${which}: the plan appends to the user's sheet "${a.sheet}"`);
  for (const c of plan.clears) {
    for (let r = c.range.top; r <= c.range.bottom; r++)
      for (let col = c.range.left; col <= c.range.right; col++)
        if (!ownsCell(o, c.sheet, r, col)) fail(`${which}: the plan clears ${c.sheet}!${cellAddress(r, col)}, outside our blocks`);
  }
  const ourColumns = new Set<string>();
  for (const t of evaluation.tables)
    for (const c of t.columns) if (isOurHeader(c.header)) ourColumns.add(`${t.sheet}|${c.col}|${t.headerRow}|${t.lastRow}`);
  const inOurColumn = (sheet: string, row: number, col: number) =>
    evaluation.tables.some(
      (t) => t.sheet === sheet && row >= t.headerRow && row <= t.lastRow && ourColumns.has(`${t.sheet}|${col}|${t.headerRow}|${t.lastRow}`),
    );
  for (const w of plan.writes) {
    const view = views.get(w.sheet);
    if (!view) fail(`${which}: the plan writes to sheet "${w.sheet}", which does not exist`);
    if (!userSheet(w.sheet)) fail(`${which}: the plan writes cells on our sheet "${w.sheet}"; it must replace it whole`);
    w.values.forEach((rowValues, i) =>
      rowValues.forEach((v, j) => {
        const r = w.row + i;
        const c = w.col + j;
        if (r >= MAX_ROW || c >= MAX_COL) fail(`${which}: the plan writes outside the sheet at row ${r}, column ${c}`);
        const old = view.value(r, c);
        if (isBlank(old) || sameCell(old, planValueToCell(v)) || ownsCell(o, w.sheet, r, c) || inOurColumn(w.sheet, r, c)) return;
        const t = typeof old === "string" ? old.trim() : "";
        if (t && (PLACEHOLDER_STATUS.test(t) || isNoValueMarker(t))) return;
        fail(
          `${which}: the plan overwrites the user's cell ${w.sheet}!${cellAddress(r, c)} (${show(old)}) with ${show(planValueToCell(v))}`,
        );
      }),
    );
  }
}

function sameCell(a: CellValue | undefined, b: CellValue | undefined): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (x instanceof Date || y instanceof Date) return x instanceof Date && y instanceof Date && Object.is(x.getTime(), y.getTime());
  if (isCellError(x) || isCellError(y)) return isCellError(x) && isCellError(y) && x.error === y.error;
  return Object.is(x, y);
}

function show(v: CellValue | undefined): string {
  if (v instanceof Date) return `Date(${v.getTime()})`;
  if (isCellError(v)) return `{ error: ${JSON.stringify(v.error)} }`;
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  const s = JSON.stringify(v) ?? "undefined";
  return s.length > 80 ? `${s.slice(0, 77)}…"` : s;
}

/**
 * Same sheets in the same order, the user's with the same values and number formats, and the same defined names.
 * Our own sheets are rebuilt on every run and may differ in what is said once (a sheet name taken).
 */
function sameWorkbook(once: WorkbookGrid, twice: WorkbookGrid, ours: ReadonlySet<string>): void {
  const a = once.sheets.map((s) => s.name);
  const b = twice.sheets.map((s) => s.name);
  if (a.join("\n") !== b.join("\n")) fail(`applying twice changes the sheets: [${a.join(", ")}] then [${b.join(", ")}]`);
  once.sheets.forEach((s, i) => ours.has(s.name) || sameSheet(s, twice.sheets[i] as SheetGrid));
  const names = (w: WorkbookGrid) => (w.names ?? []).map((n) => `${n.name}=${n.ref}`).join("\n");
  if (names(once) !== names(twice))
    fail(`applying twice changes the defined names:\n${diffLines(names(once).split("\n"), names(twice).split("\n"))}`);
}

function sameSheet(x: SheetGrid, y: SheetGrid): void {
  const vx = new SheetView(x);
  const vy = new SheetView(y);
  const top = Math.min(vx.top, vy.top);
  const left = Math.min(vx.left, vy.left);
  const bottom = Math.max(vx.bottom, vy.bottom);
  const right = Math.max(vx.right, vy.right);
  for (let r = top; r <= bottom; r++)
    for (let c = left; c <= right; c++) {
      const a = vx.value(r, c);
      const b = vy.value(r, c);
      if (!sameCell(a, b)) fail(`applying twice changes ${x.name}!${cellAddress(r, c)}: ${show(a)} then ${show(b)}`);
      if (!isBlank(a) && vx.format(r, c) !== vy.format(r, c))
        fail(`applying twice changes the format of ${x.name}!${cellAddress(r, c)}: ${vx.format(r, c)} then ${vy.format(r, c)}`);
    }
}

function diffLines(a: readonly string[], b: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length) && out.length < 6; i++)
    if (a[i] !== b[i]) out.push(`  - ${a[i] ?? "(none)"}\n  + ${b[i] ?? "(none)"}`);
  return out.join("\n");
}
