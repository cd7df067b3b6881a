// An in-memory Excel: the browser demo's workbook, and the adapter tests' stand-in for Office.js. What only tests
// use to inspect it (snapshots, cell look-ups, resetting the sync statistics) is in test/support/memory-excel.ts.
import { dayFromDate, serialFromDay, type CellValue, type WorkbookGrid, isCellError } from "../../engine";
import type { ExcelRunner } from "../run";
import { MemoryContext, type MemoryLimits, type MemoryStats } from "./api";
import { type MemoryCell, type MemorySheet, MemoryState, cellFor, getCell, usedRect } from "./state";

export { MemoryContext, MemoryExcelError, MAX_READ_CELLS, type MemoryStats, type SyncRecord } from "./api";
export {
  MemoryState,
  type MemoryCell,
  type MemoryChart,
  type MemoryChartSeries,
  type MemorySheet,
  type MemoryConditionalFormat,
  type MemoryValidation,
} from "./state";

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

export class MemoryExcel {
  readonly state = new MemoryState();
  readonly stats: MemoryStats = { syncs: [], failures: [], calculationSuspensions: 0 };
  readonly limits: MemoryLimits = { payloadBytes: PAYLOAD_LIMIT };
  private readonly listeners = new Set<() => void>();

  /** A workbook holding these sheets and names; dates become serials, as Excel stores them. A subclass makes its own kind. */
  static fromGrid<T extends MemoryExcel>(this: new () => T, grid: WorkbookGrid): T {
    const excel = new this();
    for (const g of grid.sheets) {
      const s = excel.state.addSheet(g.name);
      const top = g.origin?.row ?? 0;
      const left = g.origin?.col ?? 0;
      g.values.forEach((row, i) =>
        row.forEach((v, j) => {
          const format = g.numberFormats?.[i]?.[j];
          if (v === null && (!format || format === "General")) return;
          const cell = cellFor(s, top + i, left + j);
          setFromGrid(cell, v, format);
        }),
      );
      s.merges.push(...(g.merges ?? []));
      s.protected = Boolean(g.protected);
    }
    for (const n of grid.names ?? []) excel.state.names.push({ name: n.name, formula: `=${n.ref}` });
    return excel;
  }

  /** Runs a batch as Excel.run does: a context, the batch, then a final sync of anything still queued. */
  readonly run: ExcelRunner = async (batch) => {
    const ctx = new MemoryContext(this.state, this.stats, this.limits);
    try {
      const result = await batch(ctx as unknown as Excel.RequestContext);
      if (ctx.pending > 0) await ctx.sync();
      return result;
    } finally {
      this.listeners.forEach((l) => l());
    }
  };

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  sheet(name: string): MemorySheet {
    const s = this.state.sheet(name);
    if (!s) throw new Error(`No sheet "${name}" in the in-memory workbook.`);
    return s;
  }

  /**
   * Every visible and hidden sheet as plain values from A1, e.g. to compare with the .xlsx path. The browser test
   * reads it from the built demo (window.kpaDemo), so it stays here rather than with the test-only helpers.
   */
  values(sheet: string): (string | number | boolean)[][] {
    const s = this.sheet(sheet);
    const used = usedRect(s, true);
    if (!used) return [];
    const out: (string | number | boolean)[][] = [];
    for (let r = 0; r <= used.bottom; r++) {
      const row: (string | number | boolean)[] = [];
      for (let c = 0; c <= used.right; c++) row.push(getCell(s, r, c)?.value ?? "");
      out.push(row);
    }
    return out;
  }
}

function setFromGrid(cell: MemoryCell, v: CellValue, format: string | undefined): void {
  if (format) cell.numberFormat = format;
  if (v === null) return;
  if (v instanceof Date) {
    cell.value = serialFromDay(dayFromDate(v));
    if (!format || format === "General") cell.numberFormat = "yyyy-mm-dd";
  } else if (isCellError(v)) {
    cell.value = v.error;
  } else {
    cell.value = v;
  }
}
