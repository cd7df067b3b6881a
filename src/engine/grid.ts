// The engine's input: a workbook as plain data. The add-in's and the CLI's adapters both produce this shape.

/** An Excel error value such as `#N/A` or `#DIV/0!`, kept as a value rather than thrown. */
export interface CellError {
  readonly error: string;
}

export type CellValue = string | number | boolean | Date | CellError | null;

/** A rectangle in 0-based sheet coordinates, inclusive on both ends. */
export interface Rect {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface SheetGrid {
  readonly name: string;
  /** Rows of cell values, starting at `origin` (the used range need not start at A1). */
  readonly values: readonly (readonly CellValue[])[];
  /** Same shape as `values`; missing rows or cells mean "General". */
  readonly numberFormats?: readonly (readonly string[])[];
  /** 0-based sheet position of values[0][0]; defaults to A1. */
  readonly origin?: { readonly row: number; readonly col: number };
  readonly merges?: readonly Rect[];
  readonly protected?: boolean;
}

/** A workbook-level defined name. `ref` is an A1 reference such as `'Goals'!$F$4:$H$9`. */
export interface DefinedName {
  readonly name: string;
  readonly ref: string;
}

export interface WorkbookGrid {
  readonly sheets: readonly SheetGrid[];
  readonly names?: readonly DefinedName[];
}

/** Whether the cell at (row, col) lies inside `r`. */
export function pointInRect(row: number, col: number, r: Rect): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}

/** Whether `inner` lies wholly inside `outer`. */
export function rectInside(inner: Rect, outer: Rect): boolean {
  return inner.top >= outer.top && inner.bottom <= outer.bottom && inner.left >= outer.left && inner.right <= outer.right;
}

export function isCellError(v: unknown): v is CellError {
  return typeof v === "object" && v !== null && !(v instanceof Date) && typeof (v as CellError).error === "string";
}

export function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** Random access to a sheet in sheet coordinates, hiding the origin offset and ragged rows. */
export class SheetView {
  readonly name: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  private readonly grid: SheetGrid;
  // By row × 16384 + col (Excel's column count): a number key, no string built per lookup.
  private readonly mergeAt = new Map<number, Rect>();

  constructor(grid: SheetGrid) {
    this.grid = grid;
    this.name = grid.name;
    this.top = grid.origin?.row ?? 0;
    this.left = grid.origin?.col ?? 0;
    let width = 0;
    for (const row of grid.values) width = Math.max(width, row.length);
    this.bottom = this.top + grid.values.length - 1;
    this.right = this.left + width - 1;
    for (const m of grid.merges ?? []) {
      for (let r = m.top; r <= m.bottom; r++) {
        for (let c = m.left; c <= m.right; c++) this.mergeAt.set(r * 16384 + c, m);
      }
    }
  }

  value(row: number, col: number): CellValue {
    const r = this.grid.values[row - this.top];
    if (!r) return null;
    const v = r[col - this.left];
    return v === undefined ? null : v;
  }

  format(row: number, col: number): string {
    const r = this.grid.numberFormats?.[row - this.top];
    return r?.[col - this.left] ?? "General";
  }

  merge(row: number, col: number): Rect | undefined {
    return this.mergeAt.size === 0 ? undefined : this.mergeAt.get(row * 16384 + col);
  }

  isEmpty(row: number, col: number): boolean {
    return isBlank(this.value(row, col));
  }

  /** True when no cell holds a value. */
  isBlankSheet(): boolean {
    return this.grid.values.every((row) => row.every((v) => isBlank(v)));
  }

  text(row: number, col: number): string {
    const v = this.value(row, col);
    if (v === null) return "";
    if (typeof v === "string") return v.trim();
    // An invalid Date (NaN time) reads as the value reader names it (values.ts), rather than throwing.
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? "invalid date" : v.toISOString().slice(0, 10);
    if (isCellError(v)) return v.error;
    return String(v);
  }
}
