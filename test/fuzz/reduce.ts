// Makes a failing workbook as small as it goes while it fails the same way: fewer sheets, names, rows and cells,
// no offset, no merges, default options. fast-check's own shrinking stops early on generated tables (their rows
// depend on their columns), so `npm run fuzz` runs this on its shrunk case before writing it out.
import type { CellValue, SheetGrid, WorkbookGrid } from "../../src/engine/grid";
import { type FuzzOptions, checkCase } from "./check";

/** How a failure reads without its particulars (cells, numbers, quoted values): the same bug keeps its signature. */
export function signature(e: unknown): string {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return (text.split("\n")[0] as string).split(/["\d(]/)[0] as string;
}

/** The signature of the failure checkCase raises on the workbook, or undefined when it passes. */
export function failure(wb: WorkbookGrid, opts: FuzzOptions): string | undefined {
  try {
    checkCase(wb, opts);
    return undefined;
  } catch (e) {
    return signature(e);
  }
}

function without(s: SheetGrid, key: "merges" | "numberFormats" | "origin"): SheetGrid {
  const copy: Record<string, unknown> = { ...s };
  delete copy[key];
  return copy as unknown as SheetGrid;
}

type Case = { wb: WorkbookGrid; opts: FuzzOptions };

export function reduce(wb: WorkbookGrid, opts: FuzzOptions, budget = 4000): Case {
  const wanted = failure(wb, opts);
  if (wanted === undefined) return { wb, opts };
  let best: Case = { wb, opts };
  let tries = 0;
  const attempt = (c: Case): boolean => {
    if (tries++ >= budget) return false;
    if (failure(c.wb, c.opts) !== wanted) return false;
    best = c;
    return true;
  };
  const withSheet = (c: Case, i: number, s: SheetGrid): Case => ({
    ...c,
    wb: { ...c.wb, sheets: c.wb.sheets.map((x, j) => (j === i ? s : x)) },
  });

  let progress = true;
  while (progress && tries < budget) {
    progress = false;
    // Options back to their defaults.
    for (const [k, v] of [
      ["tolerance", 0.1],
      ["milestoneWindowDays", 30],
      ["dateOrder", "mdy"],
    ] as const)
      if (best.opts[k] !== v && attempt({ ...best, opts: { ...best.opts, [k]: v } })) progress = true;
    // Whole sheets and names.
    for (let i = best.wb.sheets.length - 1; i >= 0 && best.wb.sheets.length > 1; i--)
      if (attempt({ ...best, wb: { ...best.wb, sheets: best.wb.sheets.filter((_, j) => j !== i) } })) progress = true;
    for (let i = (best.wb.names?.length ?? 0) - 1; i >= 0; i--)
      if (attempt({ ...best, wb: { ...best.wb, names: best.wb.names?.filter((_, j) => j !== i) } })) progress = true;
    if (best.wb.names?.length === 0) attempt({ ...best, wb: { sheets: best.wb.sheets } });
    for (let i = 0; i < best.wb.sheets.length; i++) {
      const s = () => best.wb.sheets[i] as SheetGrid;
      // No merges, no offset, no formats.
      if (s().merges && attempt(withSheet(best, i, without(s(), "merges")))) progress = true;
      if ((s().origin?.row || s().origin?.col) && attempt(withSheet(best, i, { ...s(), origin: { row: 0, col: 0 } }))) progress = true;
      // Rows, in halves then one by one.
      for (let size = Math.ceil(s().values.length / 2); size >= 1; size = size === 1 ? 0 : Math.ceil(size / 2))
        for (let at = s().values.length - size; at >= 0; at -= size) {
          const cut = (rows: readonly (readonly unknown[])[] | undefined) => rows && [...rows.slice(0, at), ...rows.slice(at + size)];
          const next = {
            ...s(),
            values: cut(s().values) as CellValue[][],
            numberFormats: cut(s().numberFormats) as string[][] | undefined,
          };
          if (attempt(withSheet(best, i, next))) progress = true;
        }
      // Cells: blank, then plain format.
      for (let r = 0; r < s().values.length; r++)
        for (let c = (s().values[r]?.length ?? 0) - 1; c >= 0; c--) {
          if (s().values[r]?.[c] !== null) {
            const values = s().values.map((row, y) => (y === r ? row.map((v, x) => (x === c ? null : v)) : row));
            if (attempt(withSheet(best, i, { ...s(), values }))) progress = true;
          }
          const f = s().numberFormats?.[r]?.[c];
          if (f !== undefined && f !== "General") {
            const numberFormats = s().numberFormats?.map((row, y) => (y === r ? row.map((v, x) => (x === c ? "General" : v)) : row));
            if (attempt(withSheet(best, i, { ...s(), numberFormats }))) progress = true;
          }
        }
      // Trailing empty cells and rows go, so the literal reads as the table it is.
      const values = s().values.map((row) => {
        let n = row.length;
        while (n > 0 && row[n - 1] === null) n--;
        return row.slice(0, n);
      });
      const numberFormats = s().numberFormats?.map((row, y) => row.slice(0, values[y]?.length ?? 0));
      if (values.some((row, y) => row.length !== s().values[y]?.length)) attempt(withSheet(best, i, { ...s(), values, numberFormats }));
      if (s().numberFormats?.every((row) => row.every((f) => f === "General"))) attempt(withSheet(best, i, without(s(), "numberFormats")));
      if (s().origin && !s().origin?.row && !s().origin?.col) attempt(withSheet(best, i, without(s(), "origin")));
    }
  }
  return best;
}
