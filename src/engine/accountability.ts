// Accountability: every owner named in a table should have a row in the roles table.
import { cellAddress } from "./address";
import type { Table } from "./table";
import { SheetView, type WorkbookGrid } from "./grid";
import type { RoleGap } from "./model";
import { type Problem, problem } from "./problems";

export function checkAccountability(wb: WorkbookGrid, tables: readonly Table[], problems: Problem[]): RoleGap[] {
  const roleTables = tables.filter((t) => t.kind === "roles");
  if (roleTables.length === 0) return [];
  const roles: string[] = [];
  for (const t of roleTables) {
    const sheet = wb.sheets.find((s) => s.name === t.sheet);
    const col = t.fields.role ?? t.fields.name;
    if (!sheet || col === undefined) continue;
    const view = new SheetView(sheet);
    for (let r = t.firstRow; r <= t.lastRow; r++) {
      const text = view.text(r, col);
      if (text) roles.push(text);
    }
  }
  const known = new Set(roles.map(normName));
  const missing = new Map<string, { owner: string; cells: string[]; sheet: string; first: string }>();
  for (const t of tables) {
    if (t.kind === "roles" || t.kind === "training" || t.fields.owner === undefined) continue;
    const sheet = wb.sheets.find((s) => s.name === t.sheet);
    if (!sheet) continue;
    const view = new SheetView(sheet);
    const col = t.fields.owner;
    for (let r = t.firstRow; r <= t.lastRow; r++) {
      for (const owner of view
        .text(r, col)
        .split(/[/;,]/)
        .map((s) => s.trim())
        .filter(Boolean)) {
        const key = normName(owner);
        if (known.has(key)) continue;
        const entry = missing.get(key) ?? { owner, cells: [], sheet: t.sheet, first: cellAddress(r, col) };
        entry.cells.push(`${t.sheet === entry.sheet ? "" : `${t.sheet}!`}${cellAddress(r, col)}`);
        missing.set(key, entry);
      }
    }
  }
  const gaps: RoleGap[] = [];
  for (const m of missing.values()) {
    const gap = { owner: m.owner, cells: m.cells.join(", "), sheet: m.sheet, cell: m.first, suggestion: closestRole(m.owner, roles) };
    gaps.push(gap);
    problems.push(problem("ownerWithoutRole", "warning", m.sheet, m.first, gap));
  }
  return gaps;
}

function normName(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** The role sharing most of the owner's words, when it shares at least 60% of them. */
function closestRole(owner: string, roles: readonly string[]): string | undefined {
  const words = normName(owner).split(" ");
  let best: string | undefined;
  let bestScore = 0;
  for (const role of roles) {
    const rw = new Set(normName(role).split(" "));
    const shared = words.filter((w) => rw.has(w)).length;
    const score = shared / Math.max(words.length, rw.size);
    if (score > bestScore) {
      best = role;
      bestScore = score;
    }
  }
  return bestScore >= 0.6 ? best : undefined;
}
