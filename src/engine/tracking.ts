// "Add tracking columns": Baseline and Actual headers for a goals table that has neither, so it can be judged.
import { cellAddress, rangeAddress } from "./address";
import type { Table } from "./table";
import { SheetView, type WorkbookGrid } from "./grid";
import { type Ownership, ownsCell } from "./ownership";
import type { RangeWrite } from "./write-plan";
import { type Problem, problem } from "./problems";

export const TRACKING_HEADERS = ["Baseline", "Actual"] as const;

export function canAddTracking(t: Table): boolean {
  return (t.kind === "goals" || t.kind === "kpi") && t.fields.actual === undefined && t.fields.baseline === undefined;
}

/** The header write for the two columns right of the table, or a problem when those cells are taken. */
export function trackingColumns(wb: WorkbookGrid, table: Table, ownership: Ownership): RangeWrite | Problem {
  const grid = wb.sheets.find((s) => s.name === table.sheet);
  const view = grid ? new SheetView(grid) : undefined;
  const left = table.right + 1;
  for (let c = left; c < left + TRACKING_HEADERS.length; c++) {
    for (let r = table.headerRow; r <= table.lastRow; r++) {
      if (view && !view.isEmpty(r, c) && !ownsCell(ownership, table.sheet, r, c)) {
        return problem("noRoomForColumns", "error", table.sheet, cellAddress(r, c), {
          table: `${table.sheet}!${rangeAddress({ top: table.headerRow, left: table.left, bottom: table.lastRow, right: table.right })}`,
          blocker: `${table.sheet}!${cellAddress(r, c)}`,
          needed: TRACKING_HEADERS.length,
          columns: "Baseline and Actual",
        });
      }
    }
  }
  return {
    sheet: table.sheet,
    row: table.headerRow,
    col: left,
    values: [[...TRACKING_HEADERS]],
    styleFrom: { row: table.headerRow, col: table.right },
  };
}
