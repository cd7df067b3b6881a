// Applies a write plan to plain grids: the reference semantics every adapter must match.
import { parseIsoDate, ymd } from "./dates";
import type { CellValue, DefinedName, SheetGrid, WorkbookGrid } from "./grid";
import type { PlanValue, SheetPlan, WritePlan } from "./write-plan";
import { NAME_PREFIX } from "./ownership";

export function planValueToCell(v: PlanValue): CellValue {
  if (v === null || typeof v !== "object") return v;
  if ("date" in v) {
    const d = parseIsoDate(v.date);
    if (d === undefined) return v.date;
    const { y, m, d: day } = ymd(d);
    return new Date(Date.UTC(y, m - 1, day));
  }
  return v.text;
}

class MutableSheet {
  readonly rows: CellValue[][];
  readonly formats: string[][];
  constructor(readonly grid: SheetGrid) {
    const top = grid.origin?.row ?? 0;
    const left = grid.origin?.col ?? 0;
    this.rows = [];
    this.formats = [];
    grid.values.forEach((row, i) => row.forEach((v, j) => this.set(top + i, left + j, v, grid.numberFormats?.[i]?.[j])));
  }
  set(r: number, c: number, v: CellValue, format?: string | null): void {
    while (this.rows.length <= r) this.rows.push([]);
    while (this.formats.length <= r) this.formats.push([]);
    const row = this.rows[r] as CellValue[];
    while (row.length <= c) row.push(null);
    row[c] = v;
    if (format) {
      const f = this.formats[r] as string[];
      while (f.length <= c) f.push("General");
      f[c] = format;
    }
  }
  toGrid(): SheetGrid {
    const width = Math.max(0, ...this.rows.map((r) => r.length));
    const values = this.rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? null));
    const numberFormats = this.rows.map((_, i) => Array.from({ length: width }, (_, c) => this.formats[i]?.[c] ?? "General"));
    return { name: this.grid.name, values, numberFormats, merges: this.grid.merges, protected: this.grid.protected };
  }
}

function sheetFromPlan(p: SheetPlan): SheetGrid {
  const m = new MutableSheet({ name: p.name, values: [] });
  p.values.forEach((row, i) => row.forEach((v, j) => m.set(i, j, planValueToCell(v))));
  for (const f of p.numberFormats) {
    for (let r = f.range.top; r <= f.range.bottom; r++)
      for (let c = f.range.left; c <= f.range.right; c++) m.set(r, c, m.rows[r]?.[c] ?? null, f.format);
  }
  return m.toGrid();
}

export function applyPlanToGrid(wb: WorkbookGrid, plan: WritePlan): WorkbookGrid {
  const ours = new Set(plan.sheets.map((s) => s.name));
  const sheets = new Map<string, MutableSheet>();
  for (const s of wb.sheets) if (!ours.has(s.name)) sheets.set(s.name, new MutableSheet(s));
  for (const c of plan.clears) {
    const s = sheets.get(c.sheet);
    if (!s) continue;
    for (let r = c.range.top; r <= c.range.bottom; r++) for (let col = c.range.left; col <= c.range.right; col++) s.set(r, col, null);
  }
  for (const w of plan.writes) {
    const s = sheets.get(w.sheet);
    if (!s) throw new Error(`Plan writes to sheet "${w.sheet}", which the workbook does not have.`);
    w.values.forEach((row, i) => row.forEach((v, j) => s.set(w.row + i, w.col + j, planValueToCell(v), w.numberFormats?.[i]?.[j])));
  }
  for (const a of plan.appends) {
    let m = sheets.get(a.sheet);
    if (!m) {
      if (!a.create) throw new Error(`Plan appends to sheet "${a.sheet}", which the workbook does not have.`);
      const created = new MutableSheet({ name: a.sheet, values: [] });
      a.create.header.forEach((h, c) => created.set(0, c, h));
      sheets.set(a.sheet, created);
      m = created;
    }
    const target = m;
    a.values.forEach((row, i) => row.forEach((v, j) => target.set(a.row + i, j, planValueToCell(v), a.numberFormats?.[i]?.[j])));
  }
  const rewritten = new Map(plan.sheets.map((p) => [p.name, sheetFromPlan(p)]));
  // Our sheets keep their tabs; new ones go at the end, as the adapters add them.
  const out: SheetGrid[] = wb.sheets.map((s) => rewritten.get(s.name) ?? (sheets.get(s.name) as MutableSheet).toGrid());
  const placed = new Set(wb.sheets.map((s) => s.name));
  for (const p of plan.sheets) if (!placed.has(p.name)) out.push(rewritten.get(p.name) as SheetGrid);
  for (const a of plan.appends) {
    if (placed.has(a.sheet) || out.some((s) => s.name === a.sheet)) continue;
    out.push((sheets.get(a.sheet) as MutableSheet).toGrid());
  }
  const names: DefinedName[] = [...(wb.names ?? []).filter((n) => !n.name.startsWith(NAME_PREFIX)), ...plan.names];
  return { sheets: out, names };
}
