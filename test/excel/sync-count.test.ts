// The key guarantee of the Office.js adapter: round trips do not grow with the workbook's rows or tables, only with
// the bytes it must send. Writing takes one sync while the data fits the 4.5 MB budget (a re-evaluation that
// changes nothing takes one even at 50,000 rows) and never more than the bytes need plus one; the first evaluation
// also appends a history snapshot of every row, so at 50,000 rows it needs a few. Reading takes two syncs for the
// outline plus one per 150,000 cells; and no request or response ever comes near Excel's 5 MB limit.
import { NAME_PREFIX } from "../../src/engine/ownership";
import { DEFAULT_CELLS_PER_SYNC, readWorkbook } from "../../src/excel/read";
import { MemoryExcel, PAYLOAD_LIMIT, type SyncRecord } from "../support/memory-excel";
import { sheet, workbook } from "../fixtures/builders";
import { usedRect } from "../../src/excel/memory/state";
import type { ExcelPort } from "../../src/excel/excel-port";
import { DEFAULT_BUDGET_BYTES } from "../../src/excel/write";
import { SETTINGS, setup } from "./harness";
import { goalsWorkbook, isShortRow, isStatusText } from "./fixtures";

const SIZES = [100, 1_000, 10_000, 50_000];

interface Measured {
  readonly readSyncs: number;
  readonly writeSyncs: number;
  /** Taking and releasing the workbook's run lock: one round trip before the reads, two after the writes. */
  readonly lockSyncs: number;
  /** Request bytes of the write round trips. */
  readonly writeBytes: number;
  /** Rows on KPA History after the evaluation, header included. */
  readonly historyRows: number;
  /** Cells in the used ranges of the sheets read (all but our internal one). */
  readonly cells: number;
  readonly syncs: readonly SyncRecord[];
  readonly failures: readonly string[];
  readonly counts: Record<string, number>;
  readonly gapRows: number;
  readonly statusesWritten: number;
}

/** Cells the adapter has to read: the used range of every sheet but our internal one. */
function cellsToRead(excel: MemoryExcel): number {
  return excel.state.sheets
    .filter((s) => !s.name.startsWith(NAME_PREFIX))
    .reduce((a, s) => {
      const r = usedRect(s, true);
      return a + (r ? (r.bottom - r.top + 1) * (r.right - r.left + 1) : 0);
    }, 0);
}

async function evaluateOnce(excel: MemoryExcel, port: ExcelPort, asOf: string): Promise<Measured> {
  excel.resetStats();
  const cells = cellsToRead(excel);
  const result = await port.evaluate({ ...SETTINGS, asOf });
  const stats = port.lastStats;
  if (!stats) throw new Error("evaluate() left no stats");
  const goals = excel.values("Goals");
  const statusCol = goals[0]?.indexOf("KPA Status") ?? -1;
  return {
    readSyncs: stats.readSyncs,
    writeSyncs: stats.writeSyncs,
    lockSyncs: stats.lockSyncs.taken + stats.lockSyncs.released,
    writeBytes: excel.stats.syncs
      .slice(stats.lockSyncs.taken + stats.readSyncs, excel.stats.syncs.length - stats.lockSyncs.released)
      .reduce((a, s) => a + s.requestBytes, 0),
    historyRows: excel.values("KPA History").length,
    cells,
    syncs: [...excel.stats.syncs],
    failures: [...excel.stats.failures],
    counts: { ...result.counts },
    gapRows: excel.values("KPA Gaps").filter((r) => isStatusText(r[0])).length,
    statusesWritten: goals.slice(1).filter((r) => isStatusText(r[statusCol])).length,
  };
}

type Which = "first" | "second" | "unchanged";

/**
 * The first evaluation of a fresh goals sheet, then the weekly one (the same workbook a few days later), then that
 * one again with nothing changed.
 */
async function measure(n: number, again = true): Promise<Partial<Record<Which, Measured>>> {
  const { excel, port } = setup(goalsWorkbook(n));
  const first = await evaluateOnce(excel, port, SETTINGS.asOf);
  if (!again) return { first };
  const second = await evaluateOnce(excel, port, "2050-10-20");
  return { first, second, unchanged: await evaluateOnce(excel, port, "2050-10-20") };
}

const measured = new Map<number, Partial<Record<Which, Measured>> | Error>();

beforeAll(async () => {
  for (const n of SIZES) {
    try {
      measured.set(n, await measure(n));
    } catch (e) {
      measured.set(n, e as Error);
    }
  }
}, 600_000);

function get(n: number, which: Which): Measured {
  const m = measured.get(n);
  if (m === undefined) throw new Error(`${n} rows were not measured`);
  if (m instanceof Error) throw m;
  const out = m[which];
  if (!out) throw new Error(`no ${which} evaluation of ${n} rows`);
  return out;
}

/** The bound on write round trips: what the bytes need at the budget, plus one. One per row or table would break it. */
const writeBound = (m: Measured) => Math.ceil(m.writeBytes / DEFAULT_BUDGET_BYTES) + 1;

describe.each(SIZES)("a goals table of %i rows", (n) => {
  describe.each(["first", "second", "unchanged"] as const)("the %s evaluation", (which) => {
    it("is typical: 5% of the rows are short of target and listed on KPA Gaps, the rest are Met", () => {
      const m = get(n, which);
      const short = Array.from({ length: n }, (_, i) => i).filter(isShortRow).length;
      expect(short / n).toBeCloseTo(0.05, 2);
      expect(m.counts["Met"]).toBe(n - short);
      expect(m.counts["Off Track"]).toBe(short);
      expect(m.gapRows).toBe(short);
      expect(m.statusesWritten).toBe(n);
      expect(m.failures).toEqual([]);
    });

    it("writes in as few round trips as its bytes need: one while they fit the budget, at most that plus one", () => {
      const m = get(n, which);
      expect(m.writeSyncs).toBeGreaterThanOrEqual(1);
      expect(m.writeSyncs).toBeLessThanOrEqual(writeBound(m));
      // Within the budget, exactly one.
      expect(m.writeSyncs).toBeLessThanOrEqual(m.writeBytes <= DEFAULT_BUDGET_BYTES ? 1 : writeBound(m));
    });

    it("keeps one history snapshot per as-of date: every row once, none again when nothing changed", () => {
      const snapshots = which === "first" ? 1 : 2;
      expect(get(n, which).historyRows).toBe(1 + snapshots * n);
    });

    it("reads in two outline round trips plus one per 150,000 cells, not one per row or table", () => {
      const m = get(n, which);
      expect(m.readSyncs).toBeGreaterThanOrEqual(3);
      expect(m.readSyncs).toBeLessThanOrEqual(2 + Math.ceil(m.cells / DEFAULT_CELLS_PER_SYNC));
    });

    it("makes exactly the round trips it reports, and keeps each under the 5 MB payload limit", () => {
      const m = get(n, which);
      expect(m.lockSyncs).toBe(3);
      expect(m.syncs).toHaveLength(m.lockSyncs + m.readSyncs + m.writeSyncs);
      expect(m.syncs.length).toBeGreaterThan(0);
      for (const s of m.syncs) {
        expect(s.requestBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
        expect(s.responseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
      }
    });
  });
});

it("re-evaluates a workbook that did not change in one write round trip, whatever the row count", () => {
  expect(SIZES.map((n) => get(n, "unchanged").writeSyncs)).toEqual(SIZES.map(() => 1));
  // Including 50,000 rows, whose status columns alone are megabytes: the round trip is full, not small.
  expect(get(50_000, "unchanged").writeBytes).toBeGreaterThan(DEFAULT_BUDGET_BYTES / 2);
});

it("takes the same write round trips for 100 rows as for 10,000, and only a few more for 50,000 with its history", () => {
  const writes = [100, 1_000, 10_000].flatMap((n) => [get(n, "first").writeSyncs, get(n, "second").writeSyncs]);
  expect(writes).toEqual(writes.map(() => 1));
  // 50,000 rows' snapshot is megabytes: more than one round trip, each of them nearly full.
  const big = get(50_000, "first");
  expect(big.writeBytes).toBeGreaterThan(DEFAULT_BUDGET_BYTES);
  expect(big.writeSyncs).toBeGreaterThan(1);
  expect(big.writeSyncs).toBeLessThanOrEqual(writeBound(big));
});

it("sends data in proportion to the rows, so the byte counts above measure real work", () => {
  // A check on the measurement itself: 500 times the rows must move far more than 100 times the bytes.
  const bytes = (n: number) => get(n, "first").syncs.reduce((a, s) => a + s.requestBytes + s.responseBytes, 0);
  expect(bytes(50_000)).toBeGreaterThan(100 * bytes(100));
  // And the second read sees the status columns and summary sheets the first one wrote.
  expect(get(50_000, "second").cells).toBeGreaterThan(get(50_000, "first").cells);
});

describe("readWorkbook on its own", () => {
  // The smallest case of the second evaluation's excess above: 8 columns (the goals table with our three) by
  // 30,000 rows is 240,008 cells, two round trips' worth, but blocks of 10,000 rows hold 80,000 cells and only
  // one fits in a 150,000-cell round trip, so it takes three.
  it("fills each round trip with up to 150,000 cells whatever the sheet's width", async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => [`Goal ${i}`, 100, 101, "Owner", 1, "Met", 1, "fine"]);
    const excel = MemoryExcel.fromGrid(workbook(sheet("Wide", [["a", "b", "c", "d", "e", "f", "g", "h"], ...rows])));
    const read = await excel.run((ctx) => readWorkbook(ctx));
    expect(read.grid.sheets[0]?.values).toHaveLength(30_001);
    const cells = 30_001 * 8;
    expect(read.syncs).toBeLessThanOrEqual(2 + Math.ceil(cells / DEFAULT_CELLS_PER_SYNC));
    // 30,000 rows: a heavy in-memory read, with a bound of its own.
  }, 120_000);
});

describe("a sheet of 100,000 rows", () => {
  const N = 100_000;
  let outcome: Measured | undefined;

  beforeAll(async () => {
    outcome = (await measure(N, false)).first;
  }, 300_000);

  it("evaluates without a single failed round trip and writes a status on every row", () => {
    const m = outcome as Measured;
    expect(m.failures).toEqual([]);
    expect(m.statusesWritten).toBe(N);
    expect(m.counts["Met"]! + m.counts["Off Track"]!).toBe(N);
  });

  it("still keeps every round trip under 5 MB and the round trips bounded", () => {
    const m = outcome as Measured;
    expect(m.syncs.length).toBeGreaterThan(0);
    for (const s of m.syncs) {
      expect(s.requestBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
      expect(s.responseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    }
    expect(m.readSyncs).toBeLessThanOrEqual(2 + Math.ceil(m.cells / DEFAULT_CELLS_PER_SYNC));
    expect(m.writeSyncs).toBeLessThanOrEqual(writeBound(m));
    expect(m.historyRows).toBe(N + 1);
  });
});
