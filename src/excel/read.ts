// Reads a workbook into the engine's grids in a few round trips: two for the outline, then row blocks
// batched by size. A payload error halves the batch and retries, so a huge sheet still reads.
import {
  cellAddress,
  MAX_CELLS,
  MAX_COLUMNS,
  parseAreas,
  tooManyCells,
  tooManyColumns,
  type CellValue,
  type DefinedName,
  type Rect,
  type SheetGrid,
  type WorkbookGrid,
  NAME_PREFIX,
} from "../engine";
import { MESSAGES } from "../app/messages";
import { PortError } from "../app/port";
import { isPayloadError } from "./errors";
import { UNDO_SHEET, type UndoEntry, decodeUndo, isInternalSheet } from "./undo-sheet";
import { fromExcel } from "./values";

export interface ReadOptions {
  /** Rows per block; Microsoft suggests 5,000–20,000. */
  readonly blockRows?: number;
  /** Cells per round trip before the first payload error; values and formats together stay well under 5 MB. */
  readonly cellsPerSync?: number;
  /** Merged areas need ExcelApi 1.13. */
  readonly merges?: boolean;
  readonly onProgress?: (fraction: number) => void;
}

export interface SheetInfo {
  readonly name: string;
  readonly visibility: string;
  readonly protected: boolean;
  /** Conditional formats on the sheet with their A1 ranges, so ours can be replaced without another round trip. */
  readonly rules: readonly { readonly format: Excel.ConditionalFormat; readonly ranges: readonly Rect[] }[];
  /** Charts on the sheet by name, so ours can be replaced without another round trip. */
  readonly charts: readonly { readonly name: string; readonly chart: Excel.Chart }[];
}

export interface ReadResult {
  readonly grid: WorkbookGrid;
  readonly sheets: readonly SheetInfo[];
  /** Our internal sheets (undo data), by name. */
  readonly internalSheets: readonly string[];
  /** The undo record of the previous evaluation, when there is one and it reads: what charts it drew. */
  readonly previousUndo?: readonly UndoEntry[];
  readonly workbookProtected: boolean;
  readonly syncs: number;
}

export const DEFAULT_BLOCK_ROWS = 10_000;
export const DEFAULT_CELLS_PER_SYNC = 150_000;

interface Block {
  readonly sheet: number;
  readonly top: number;
  readonly rows: number;
  readonly left: number;
  readonly cols: number;
}

interface Outlined {
  readonly ws: Excel.Worksheet;
  readonly name: string;
  readonly used: Excel.Range;
}

/**
 * Refuses, before any block is read, a sheet whose values reach past MAX_COLUMNS columns (naming a cell that holds
 * one, found in one more round trip) or a workbook whose used ranges hold more than MAX_CELLS cells (naming the
 * sheet and row where the running total passes the cap): a stray value at XFD1048576 would otherwise be read whole.
 */
async function checkSize(outline: readonly Outlined[], sync: () => Promise<void>): Promise<void> {
  const wide = outline.find((o) => !o.used.isNullObject && o.used.columnIndex + o.used.columnCount > MAX_COLUMNS);
  if (wide) {
    // The used range's last column holds a value by definition; its first row holding one names a real cell.
    const col = wide.used.columnIndex + wide.used.columnCount - 1;
    const cell = wide.ws.getRangeByIndexes(wide.used.rowIndex, col, wide.used.rowCount, 1).getUsedRangeOrNullObject(true).load("rowIndex");
    await sync();
    const row = cell.isNullObject ? wide.used.rowIndex : cell.rowIndex;
    throw new PortError(tooManyColumns({ sheet: wide.name, row, col }), { sheet: wide.name, cell: cellAddress(row, col) });
  }
  let total = 0;
  for (const o of outline) {
    if (o.used.isNullObject) continue;
    const cells = o.used.rowCount * o.used.columnCount;
    if (total + cells > MAX_CELLS) {
      // The first row whose cells take the running total past the cap.
      const row = o.used.rowIndex + Math.floor((MAX_CELLS - total) / o.used.columnCount);
      throw new PortError(tooManyCells({ sheet: o.name, row }), { sheet: o.name, cell: cellAddress(row, o.used.columnIndex) });
    }
    total += cells;
  }
}

export async function readWorkbook(context: Excel.RequestContext, options: ReadOptions = {}): Promise<ReadResult> {
  let syncs = 0;
  const sync = async () => {
    syncs++;
    await context.sync();
  };
  const wb = context.workbook;
  const worksheets = wb.worksheets.load("items/name,items/visibility");
  const names = wb.names.load("items/name,items/type,items/formula");
  const wbProtection = wb.protection.load("protected");
  await sync();

  const all = worksheets.items;
  const internalSheets = all.filter((ws) => isInternalSheet(ws.name)).map((ws) => ws.name);
  const outline = all
    .filter((ws) => !isInternalSheet(ws.name))
    .map((ws) => ({
      ws,
      name: ws.name,
      visibility: ws.visibility as string,
      used: ws.getUsedRangeOrNullObject(true).load("rowIndex,columnIndex,rowCount,columnCount"),
      protection: ws.protection.load("protected"),
      rules: ws.getRange().conditionalFormats.load("items/type"),
      charts: ws.charts.load("items/name"),
    }));
  const manifest = internalSheets.includes(UNDO_SHEET)
    ? wb.worksheets.getItem(UNDO_SHEET).getRange("A:D").getUsedRangeOrNullObject(true).load("values")
    : undefined;
  await sync();
  await checkSize(outline, sync);

  // The rules' ranges and the merged areas ride along with the first batch of values (again, if it fails).
  let ruleAreas: { format: Excel.ConditionalFormat; areas: Excel.RangeAreas }[][] = [];
  let mergeAreas: (Excel.RangeAreas | undefined)[] = [];
  let extrasLoaded = false;
  const queueExtras = () => {
    ruleAreas = outline.map((o) => o.rules.items.map((format) => ({ format, areas: format.getRanges().load("address") })));
    mergeAreas = outline.map((o) =>
      options.merges !== false && !o.used.isNullObject ? o.used.getMergedAreasOrNullObject().load("address") : undefined,
    );
  };

  const blockRows = Math.max(1, options.blockRows ?? DEFAULT_BLOCK_ROWS);
  let cellsPerSync = Math.max(1, options.cellsPerSync ?? DEFAULT_CELLS_PER_SYNC);
  // One segment per sheet; each round trip slices blocks off the front until its cell budget is full.
  const segments: Block[] = [];
  outline.forEach((o, i) => {
    if (!o.used.isNullObject)
      segments.push({ sheet: i, top: o.used.rowIndex, rows: o.used.rowCount, left: o.used.columnIndex, cols: o.used.columnCount });
  });
  const totalCells = segments.reduce((a, b) => a + b.rows * b.cols, 0);
  const values: CellValue[][][] = outline.map(() => []);
  const formats: string[][][] = outline.map(() => []);
  const firstRow = outline.map((o) => (o.used.isNullObject ? 0 : o.used.rowIndex));

  let pending = segments;
  let done = 0;
  while (pending.length > 0) {
    const batch: { block: Block; range: Excel.Range }[] = [];
    let cells = 0;
    if (!extrasLoaded) queueExtras();
    while (pending.length > 0) {
      const seg = pending[0] as Block;
      let fit = Math.floor((cellsPerSync - cells) / seg.cols);
      if (fit < 1 && batch.length === 0) fit = 1; // a row wider than the budget still goes, alone
      if (fit < 1) break;
      const block: Block = { ...seg, rows: Math.min(seg.rows, fit, blockRows) };
      pending =
        block.rows === seg.rows
          ? pending.slice(1)
          : [{ ...seg, top: seg.top + block.rows, rows: seg.rows - block.rows }, ...pending.slice(1)];
      const range = (outline[block.sheet] as (typeof outline)[number]).ws
        .getRangeByIndexes(block.top, block.left, block.rows, block.cols)
        .load("values,numberFormat");
      batch.push({ block, range });
      cells += block.rows * block.cols;
    }
    try {
      await sync();
    } catch (e) {
      if (!isPayloadError(e)) throw e;
      const only = batch.length === 1 ? (batch[0] as (typeof batch)[number]).block : undefined;
      if (only && only.rows === 1) {
        const sheet = (outline[only.sheet] as (typeof outline)[number]).name;
        throw new PortError(MESSAGES.rowTooLarge({ sheet, row: only.top + 1 }), { sheet, cell: cellAddress(only.top, only.left) });
      }
      // Halve the budget and read the same rows again, in smaller slices.
      cellsPerSync = Math.max(1, Math.floor(cells / 2));
      pending = [...batch.map(({ block }) => block), ...pending];
      continue;
    }
    extrasLoaded = true;
    for (const { block, range } of batch) {
      const v = range.values;
      const f = range.numberFormat as string[][];
      for (let i = 0; i < block.rows; i++) {
        const at = block.top + i - (firstRow[block.sheet] as number);
        (values[block.sheet] as CellValue[][])[at] = (v[i] as unknown[]).map(fromExcel);
        (formats[block.sheet] as string[][])[at] = f[i] as string[];
      }
      done += block.rows * block.cols;
    }
    options.onProgress?.(totalCells === 0 ? 1 : done / totalCells);
  }
  if (!extrasLoaded) {
    queueExtras();
    await sync();
  }

  const sheets: SheetInfo[] = outline.map((o, i) => ({
    name: o.name,
    visibility: o.visibility,
    protected: o.protection.protected,
    rules: (ruleAreas[i] ?? []).map(({ format, areas }) => ({ format, ranges: parseAreas(areas.address) })),
    charts: o.charts.items.map((chart) => ({ name: chart.name, chart })),
  }));
  const grids: SheetGrid[] = outline.map((o, i) => {
    const merge = mergeAreas[i];
    return {
      name: o.name,
      values: values[i] as CellValue[][],
      numberFormats: formats[i] as string[][],
      origin: o.used.isNullObject ? undefined : { row: o.used.rowIndex, col: o.used.columnIndex },
      merges: merge && !merge.isNullObject ? parseAreas(merge.address) : [],
      protected: o.protection.protected,
    };
  });
  const definedNames: DefinedName[] = names.items
    .filter((n) => n.type === "Range" || n.name.startsWith(NAME_PREFIX))
    .map((n) => ({ name: n.name, ref: n.formula.replace(/^=/, "") }));
  return {
    grid: { sheets: grids, names: definedNames },
    sheets,
    internalSheets,
    previousUndo: manifest && !manifest.isNullObject ? decodeUndo(manifest.values) : undefined,
    workbookProtected: wbProtection.protected,
    syncs,
  };
}
