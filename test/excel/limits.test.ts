// How much of a workbook the add-in reads: a sheet whose values reach past MAX_COLUMNS columns, or a workbook whose
// used ranges hold more than MAX_CELLS cells, is refused with the engine's sentence before a single block is read,
// so a stray value at XFD1048576 or a million-row sheet never costs a read of the whole used range.
import { MAX_CELLS, MAX_CELL_TEXT, MAX_COLUMNS, cellAddress, tooManyCells, tooManyColumns } from "../../src/engine";
import { toExcel } from "../../src/excel/values";
import { readWorkbook } from "../../src/excel/read";
import { PortError } from "../../src/app/port";
import { MemoryExcel } from "../support/memory-excel";
import { cellFor } from "../../src/excel/memory/state";
import { SETTINGS, setup } from "./harness";
import { goalsWorkbook } from "./fixtures";

/** Puts a value in a cell of a sheet of the in-memory workbook (0-based row and column). */
function put(excel: MemoryExcel, sheet: string, row: number, col: number, value: string | number): void {
  const s = excel.state.sheet(sheet) ?? excel.state.addSheet(sheet);
  cellFor(s, row, col).value = value;
}

async function readFailure(excel: MemoryExcel): Promise<PortError> {
  const failure = await excel.run((ctx) => readWorkbook(ctx)).catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(PortError);
  return failure as PortError;
}

/** The largest response of any round trip: a block of the sheet read would be far larger than the outline's. */
const largestResponse = (excel: MemoryExcel) => Math.max(...excel.stats.syncs.map((s) => s.responseBytes));

describe("a value right of the last column read", () => {
  it("a stray value at XFD1048576 is refused naming that cell, in one round trip more than the outline", async () => {
    const excel = MemoryExcel.fromGrid(goalsWorkbook(50));
    put(excel, "Goals", 1_048_575, 16_383, "stray");
    const e = await readFailure(excel);
    expect(e.message).toBe(tooManyColumns({ sheet: "Goals", row: 1_048_575, col: 16_383 }));
    expect(e.message).toContain("XFD1048576");
    expect(e.where).toEqual({ sheet: "Goals", cell: "XFD1048576" });
    // The two outline round trips and the one that found the cell; no block of values was read.
    expect(excel.stats.syncs).toHaveLength(3);
    expect(largestResponse(excel)).toBeLessThan(5_000);
  });

  it("names a cell that holds a value in the last used column, not the used range's empty corner", async () => {
    const excel = MemoryExcel.fromGrid(goalsWorkbook(5));
    put(excel, "Goals", 20, 1_499, "far right, higher up");
    put(excel, "Goals", 40, 1_200, "less far right, lower down");
    const e = await readFailure(excel);
    expect(e.message).toBe(tooManyColumns({ sheet: "Goals", row: 20, col: 1_499 }));
    expect(e.where).toEqual({ sheet: "Goals", cell: cellAddress(20, 1_499) });
    expect(excel.cell("Goals", cellAddress(20, 1_499))?.value).toBe("far right, higher up");
  });

  it("reads a sheet whose values end exactly at the last column read", async () => {
    const excel = MemoryExcel.fromGrid(goalsWorkbook(5));
    put(excel, "Goals", 3, MAX_COLUMNS - 1, "last column read");
    const read = await excel.run((ctx) => readWorkbook(ctx));
    const row = read.grid.sheets[0]?.values[3];
    expect(row).toHaveLength(MAX_COLUMNS);
    expect(row?.[MAX_COLUMNS - 1]).toBe("last column read");
  });

  it("makes evaluate() reject with the sentence and change nothing", async () => {
    const { excel, port } = setup(goalsWorkbook(10));
    put(excel, "Goals", 2, 5_000, "x");
    const before = excel.snapshot();
    await expect(port.evaluate(SETTINGS)).rejects.toMatchObject({
      name: "PortError",
      message: tooManyColumns({ sheet: "Goals", row: 2, col: 5_000 }),
    });
    expect(excel.snapshot()).toEqual(before);
    expect(excel.stats.calculationSuspensions).toBe(0);
  });
});

describe("more cells than are read", () => {
  // Sparse sheets: a value in the first and the last cell give a used range of rows × columns without storing them.
  function spanning(excel: MemoryExcel, sheet: string, rows: number, cols: number): void {
    put(excel, sheet, 0, 0, "first");
    put(excel, sheet, rows - 1, cols - 1, "last");
  }

  it("names the sheet and row where the running total over the sheets passes the cap", async () => {
    const excel = new MemoryExcel();
    spanning(excel, "Old years", 200_000, 10); // 2,000,000 cells
    spanning(excel, "This year", 150_000, 10); // 1,500,000 more: the cap is passed 100,000 rows in
    expect(200_000 * 10 + 150_000 * 10).toBeGreaterThan(MAX_CELLS);
    const e = await readFailure(excel);
    expect(e.message).toBe(tooManyCells({ sheet: "This year", row: 100_000 }));
    expect(e.message).toContain("row 100,001");
    expect(e.where).toEqual({ sheet: "This year", cell: "A100001" });
    // Refused from the outline alone.
    expect(excel.stats.syncs).toHaveLength(2);
    expect(largestResponse(excel)).toBeLessThan(5_000);
  });

  it("counts a sheet's used range from its first used row and column", async () => {
    const excel = new MemoryExcel();
    put(excel, "Offset", 1_000, 2, "first");
    put(excel, "Offset", 1_000 + MAX_CELLS / 4, 5, "last"); // 4 columns × (MAX_CELLS / 4 + 1) rows
    const e = await readFailure(excel);
    expect(e.message).toBe(tooManyCells({ sheet: "Offset", row: 1_000 + MAX_CELLS / 4 }));
  });
});

describe("what the add-in writes stays within Excel's cell limits", () => {
  it("a goal named in 40,000 characters is copied to our sheets cut to 32,767, ending in …; the user's cell is kept", async () => {
    const grid = goalsWorkbook(5);
    const long = "L".repeat(40_000);
    const rows = grid.sheets[0]?.values as unknown as unknown[][];
    expect(rows[1]?.[0]).toEqual(expect.any(String));
    rows[1] = [long, ...(rows[1] ?? []).slice(1)];
    const { excel, port } = setup(grid);
    await port.evaluate(SETTINGS);
    const texts: string[] = [];
    for (const s of excel.state.sheets)
      for (const row of s.rows.values()) for (const c of row.values()) if (typeof c.value === "string") texts.push(c.value);
    expect(texts.filter((t) => t.length > MAX_CELL_TEXT)).toEqual([long]);
    const cut = texts.filter((t) => t.length === MAX_CELL_TEXT && t.endsWith("…"));
    expect(cut.length).toBeGreaterThan(0);
  });

  it("a number that is not finite is written as #NUM!, as the file path writes it, not sent as JSON null", () => {
    expect([toExcel(Infinity), toExcel(-Infinity), toExcel(NaN)]).toEqual(["#NUM!", "#NUM!", "#NUM!"]);
    expect(toExcel(1.5)).toBe(1.5);
  });
});
