// The in-memory Excel as the tests use it: src/excel/memory's workbook, plus what only tests need to inspect it —
// snapshots for "nothing changed" comparisons, cell and data-validation look-ups, and resetting the sync statistics.
// Everything else src/excel/memory exports is re-exported, so a test imports the in-memory Excel from here alone.
import { parseRef } from "../../src/engine";
import { MemoryExcel as BaseMemoryExcel, type MemoryCell, type MemoryValidation } from "../../src/excel/memory";
import { getCell, isEmptyCell } from "../../src/excel/memory/state";

export * from "../../src/excel/memory";

export class MemoryExcel extends BaseMemoryExcel {
  resetStats(): void {
    this.stats.syncs.length = 0;
    this.stats.failures.length = 0;
    this.stats.calculationSuspensions = 0;
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
          rowHeights: [...s.rowHeights].sort(([a], [b]) => a - b),
          merges: [...s.merges].sort((a, b) => a.top - b.top || a.left - b.left),
          conditionalFormats: s.conditionalFormats.map((cf) => ({ ranges: cf.ranges, rule: cf.rule })),
          charts: s.charts.map((c) => ({ ...c, id: undefined })),
        })),
        names: [...this.state.names].sort((a, b) => a.name.localeCompare(b.name)),
      }),
    );
  }
}

/** Nothing Excel could show, save or tell apart from a cell never touched: no value, no formula, no format. */
function isPristineCell(c: MemoryCell | undefined): boolean {
  return !c || (isEmptyCell(c) && !c.quotePrefix && c.numberFormat === "General" && Object.keys(c.format).length === 0);
}
