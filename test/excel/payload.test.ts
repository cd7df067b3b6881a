// Excel refuses a request or response over its payload limit (5 MB on the web, less elsewhere and under load).
// Reading must shrink its round trips until they fit and still return every cell; a row that can never fit
// must be named so the user can shorten it.
import { dayFromDate, serialFromDay } from "../../src/engine/dates";
import type { CellValue, WorkbookGrid } from "../../src/engine/grid";
import { MemoryExcel } from "../support/memory-excel";
import { readWorkbook } from "../../src/excel/read";
import { PortError } from "../../src/app/port";
import { sheet, workbook } from "../fixtures/builders";
import { SETTINGS, setup } from "./harness";
import { goalsWorkbook, isStatusText } from "./fixtures";

const SMALL_LIMIT = 300_000;

/** The source grid's values as Excel holds them: dates are serial numbers. */
function asExcelHolds(grid: WorkbookGrid, sheetIndex = 0): CellValue[][] {
  const g = grid.sheets[sheetIndex];
  if (!g) throw new Error("no such sheet");
  return g.values.map((row) => row.map((v) => (v instanceof Date ? serialFromDay(dayFromDate(v)) : v)));
}

describe("reading 20,000 rows under a 300,000-byte limit", () => {
  const source = goalsWorkbook(20_000);
  let excel: MemoryExcel;
  let read: Awaited<ReturnType<typeof readWorkbook>>;
  let normalSyncs: number;

  beforeAll(async () => {
    const normal = MemoryExcel.fromGrid(source);
    normalSyncs = (await normal.run((ctx) => readWorkbook(ctx))).syncs;
    excel = MemoryExcel.fromGrid(source);
    excel.limits.payloadBytes = SMALL_LIMIT;
    read = await excel.run((ctx) => readWorkbook(ctx));
  }, 120_000);

  it("the sheet really is too big for one round trip at that limit", () => {
    const normal = MemoryExcel.fromGrid(source);
    return normal.run(async (ctx) => {
      await readWorkbook(ctx);
      expect(Math.max(...normal.stats.syncs.map((s) => s.responseBytes))).toBeGreaterThan(SMALL_LIMIT);
    });
    // Reads the 20,000 rows once more.
  }, 120_000);

  it("returns every cell, exactly as the source grid holds it", () => {
    const got = read.grid.sheets[0];
    expect(read.grid.sheets).toHaveLength(1);
    expect(got?.name).toBe("Goals");
    expect(got?.origin).toEqual({ row: 0, col: 0 });
    expect(got?.values).toHaveLength(20_001);
    expect(got?.values).toEqual(asExcelHolds(source));
    // The dates kept their date format, so the engine still reads them as dates.
    expect(got?.numberFormats?.[1]?.[2]).toBe("yyyy-mm-dd");
    expect(got?.numberFormats?.[20_000]?.[2]).toBe("yyyy-mm-dd");
  });

  it("uses more round trips than without the limit, each of them within it", () => {
    expect(read.syncs).toBeGreaterThan(normalSyncs);
    const ok = excel.stats.syncs.filter((s) => s.responseBytes > 0);
    expect(ok.length).toBeGreaterThan(0);
    for (const s of excel.stats.syncs) {
      expect(s.requestBytes).toBeLessThanOrEqual(SMALL_LIMIT);
      expect(s.responseBytes).toBeLessThanOrEqual(SMALL_LIMIT);
    }
  });

  it("hit the limit at least once and recovered from it", () => {
    expect(excel.stats.failures.length).toBeGreaterThanOrEqual(1);
    expect(new Set(excel.stats.failures)).toEqual(new Set(["ResponsePayloadSizeLimitExceeded"]));
    // Every failure was retried: the reported syncs are all attempts, failed ones included.
    expect(read.syncs).toBe(excel.stats.syncs.length);
  });
});

describe("evaluating under a small limit", () => {
  it("reads and writes 20,000 rows when the write budget is set below the limit", async () => {
    const { excel, port } = setup(goalsWorkbook(20_000), { budgetBytes: 250_000 });
    excel.limits.payloadBytes = SMALL_LIMIT;
    const result = await port.evaluate(SETTINGS);
    expect(result.total).toBe(20_000);
    const values = excel.values("Goals");
    const status = values[0]?.indexOf("KPA Status") ?? -1;
    const statuses = values.slice(1).map((r) => r[status]);
    expect(statuses).toHaveLength(20_000);
    expect(statuses.filter((s) => !isStatusText(s))).toEqual([]);
    expect(port.lastStats?.writeSyncs).toBeGreaterThan(1);
    // Reading hit the limit and shrank its round trips; nothing else failed.
    expect(excel.stats.failures.length).toBeGreaterThan(0);
    expect(new Set(excel.stats.failures)).toEqual(new Set(["ResponsePayloadSizeLimitExceeded"]));
    expect(excel.stats.syncs.length).toBeGreaterThan(1);
    for (const s of excel.stats.syncs) expect(s.requestBytes).toBeLessThanOrEqual(SMALL_LIMIT);
  }, 120_000);
});

describe("a single row larger than the limit", () => {
  const long = "x".repeat(SMALL_LIMIT + 10_000);
  const grid = workbook(
    sheet("Summary notes", [["Note", "By"], ...Array.from({ length: 100 }, (_, i) => [i === 60 ? long : `note ${i}`, "me"])]),
  );

  it("fails reading with a PortError naming the sheet and the row", async () => {
    const excel = MemoryExcel.fromGrid(grid);
    excel.limits.payloadBytes = SMALL_LIMIT;
    const failure = await excel.run((ctx) => readWorkbook(ctx)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PortError);
    const e = failure as PortError;
    expect(e.message).toContain('"Summary notes"');
    expect(e.message).toContain("Row 62");
    expect(e.where).toEqual({ sheet: "Summary notes", cell: "A62" });
    expect(excel.stats.failures.length).toBeGreaterThan(0);
  });

  it("makes evaluate() reject with that PortError and change nothing", async () => {
    const { excel, port } = setup(grid);
    excel.limits.payloadBytes = SMALL_LIMIT;
    const before = excel.snapshot();
    await expect(port.evaluate(SETTINGS)).rejects.toMatchObject({
      name: "PortError",
      where: { sheet: "Summary notes" },
      message: expect.stringContaining('"Summary notes"'),
    });
    expect(excel.snapshot()).toEqual(before);
  });
});
