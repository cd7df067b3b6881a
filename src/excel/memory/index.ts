// An in-memory Excel: the browser demo's workbook, and the adapter tests' stand-in for Office.js.
import { parseRef, dayFromDate, serialFromDay, type CellValue, type WorkbookGrid, isCellError } from "../../engine";
import type { ExcelRunner } from "../run";
import { MemoryContext, type MemoryLimits, type MemoryStats } from "./api";
import { type MemoryCell, type MemorySheet, MemoryState, type MemoryValidation, cellFor, getCell, isPristineCell, usedRect } from "./state";

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

  /** A workbook holding these sheets and names; dates become serials, as Excel stores them. */
  static fromGrid(grid: WorkbookGrid): MemoryExcel {
    const excel = new MemoryExcel();
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

  resetStats(): void {
    this.stats.syncs.length = 0;
    this.stats.failures.length = 0;
    this.stats.calculationSuspensions = 0;
  }

  sheet(name: string): MemorySheet {
    const s = this.state.sheet(name);
    if (!s) throw new Error(`No sheet "${name}" in the in-memory workbook.`);
    return s;
  }

  cell(sheet: string, address: string): MemoryCell | undefined {
    const ref = parseRef(`X!${address}`);
    if (!ref) throw new Error(`"${address}" is not a cell address.`);
    return getCell(this.sheet(sheet), ref.rect.top, ref.rect.left);
  }

  /** The data validation covering a cell, if any: its list, prompt and the whole range it covers. */
  validationAt(sheet: string, address: string): MemoryValidation | undefined {
    const ref = parseRef(`X!${address}`);
    if (!ref) throw new Error(`"${address}" is not a cell address.`);
    const { top, left } = ref.rect;
    return this.sheet(sheet).validations.find(
      (v) => top >= v.range.top && top <= v.range.bottom && left >= v.range.left && left <= v.range.right,
    );
  }

  /** Every visible and hidden sheet as plain values from A1, e.g. to compare with the .xlsx path. */
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

  /** A deep copy of the whole state, for "nothing changed" comparisons. */
  snapshot(): unknown {
    return JSON.parse(
      JSON.stringify({
        sheets: this.state.sheets.map((s) => ({
          ...s,
          id: undefined,
          // A cell with no value and no format is one Excel never stored: an empty write must not count as a change.
          rows: [...s.rows]
            .map(([r, row]) => [r, [...row].filter(([, cell]) => !isPristineCell(cell)).sort(([a], [b]) => a - b)] as const)
            .filter(([, row]) => row.length > 0)
            .sort(([a], [b]) => a - b),
          columnWidths: [...s.columnWidths].sort(([a], [b]) => a - b),
          hiddenColumns: [...s.hiddenColumns].sort((a, b) => a - b),
          conditionalFormats: s.conditionalFormats.map((cf) => ({ ranges: cf.ranges, rule: cf.rule })),
          charts: s.charts.map((c) => ({ ...c, id: undefined })),
        })),
        names: [...this.state.names].sort((a, b) => a.name.localeCompare(b.name)),
      }),
    );
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
