// Writes measured as Excel measures them, and recovering when Excel still refuses a round trip as too large.
// Excel on the web refuses a request over 5 MB counted in UTF-8 bytes: CJK text is three bytes a character, so a
// batch sized in characters could go out at three times the budget. A round trip refused anyway is sent again in
// halves (a lone write of many rows, in half the rows), down to one change too large on its own: that one is refused
// with a sentence naming the sheet and row.
import { MESSAGES } from "../../src/app/messages";
import { PortError } from "../../src/app/port";
import type { PlanValue } from "../../src/engine";
import { jsonBytes, utf8Bytes } from "../../src/excel/bytes";
import { Batcher, DEFAULT_BUDGET_BYTES, queueValues, sheetRef } from "../../src/excel/write";
import { MemoryExcel } from "../support/memory-excel";
import { sheet, table, workbook } from "../fixtures/builders";
import { GOALS_HEADER, goalRows, goalsWorkbook, isStatusText } from "./fixtures";
import { SETTINGS, setup } from "./harness";

describe("utf8Bytes", () => {
  it("counts what Buffer.byteLength counts, without encoding", () => {
    const samples = ["", "plain ASCII", "café £5", "目標を達成する", "🎯 target", "mixed ü 目 🎯 a", "\ud800 lone", "end \udc00"];
    expect(samples.length).toBeGreaterThan(0);
    for (const s of samples) expect([s, utf8Bytes(s)]).toEqual([s, Buffer.byteLength(s, "utf8")]);
    expect(utf8Bytes("目")).toBe(3);
    expect(jsonBytes(["目"])).toBe(7);
  });
});

/** Rows of CJK goal names: 30 characters each, 90 bytes. */
const cjkRows = (n: number): PlanValue[][] => Array.from({ length: n }, (_, i) => [`第${i + 1}目標：${"顧客満足度を向上させる".repeat(3)}`, i]);

describe("CJK text under the payload limit", () => {
  const BUDGET = 100_000;
  const LIMIT = 120_000;
  const rows = cjkRows(3_000);

  it("is measured in bytes: three times its length in characters", () => {
    const chars = JSON.stringify(rows).length;
    const bytes = jsonBytes(rows);
    // The figure behind this file: 3,000 rows are 150,784 characters of JSON but 402,784 bytes.
    expect([chars, bytes]).toEqual([150_784, 372_784]);
    expect(bytes).toBeGreaterThan(2.4 * chars);
    expect(bytes).toBeGreaterThan(2 * LIMIT);
  });

  it("goes out in round trips within the budget, none refused, every name written", async () => {
    const excel = MemoryExcel.fromGrid(workbook(sheet("Names", [["Goal", "#"]])));
    excel.limits.payloadBytes = LIMIT;
    let retries = -1;
    await excel.run(async (ctx) => {
      const b = new Batcher(ctx, BUDGET);
      await queueValues(b, sheetRef(ctx, "Names"), 1, 0, rows);
      await b.flush();
      retries = b.retries;
    });
    expect(excel.stats.failures).toEqual([]);
    expect(retries).toBe(0);
    // As many round trips as the bytes need at the budget (in characters, two would have seemed enough).
    expect(excel.stats.syncs.length).toBeGreaterThanOrEqual(Math.ceil(jsonBytes(rows) / BUDGET));
    for (const s of excel.stats.syncs) expect(s.requestBytes).toBeLessThanOrEqual(BUDGET + 1_000);
    const written = excel.values("Names").slice(1);
    expect(written).toHaveLength(rows.length);
    expect(written).toEqual(rows);
  });

  it("evaluates a workbook of CJK goals under a small limit without a write refused", async () => {
    const names = (i: number) => `第${i + 1}目標：${"顧客満足度を向上させる".repeat(4)}`;
    const grid = workbook(sheet("目標", table(GOALS_HEADER, goalRows(4_000).map((r, i) => [names(i), ...r.slice(1)]))));
    const { excel, port } = setup(grid, { budgetBytes: 250_000 });
    excel.limits.payloadBytes = 300_000;
    const result = await port.evaluate(SETTINGS);
    expect(result.total).toBe(4_000);
    // Reading may shrink its round trips (a response over the limit); no write request went over it.
    expect(excel.stats.failures.filter((f) => f !== "ResponsePayloadSizeLimitExceeded")).toEqual([]);
    expect(port.lastStats?.writeRetries).toBe(0);
    expect(port.lastStats?.writeSyncs).toBeGreaterThan(1);
    for (const s of excel.stats.syncs) expect(s.requestBytes).toBeLessThanOrEqual(300_000);
    const history = excel.values("KPA History");
    expect(history.length).toBeGreaterThan(4_000);
    expect(history.some((r) => r.includes(names(3_999)))).toBe(true);
  }, 120_000);
});

describe("a write round trip Excel refuses as too large", () => {
  it("is sent again in halves, and the workbook ends exactly as without the limit", async () => {
    const normal = setup(goalsWorkbook(3_000));
    await normal.port.evaluate(SETTINGS);
    expect(normal.port.lastStats?.writeRetries).toBe(0);

    // The default 4.5 MB budget against a 300,000-byte limit: the first write round trip is refused.
    const { excel, port } = setup(goalsWorkbook(3_000));
    excel.limits.payloadBytes = 300_000;
    const result = await port.evaluate(SETTINGS);
    expect(result.total).toBe(3_000);
    expect(excel.stats.failures).toContain("RequestPayloadSizeLimitExceeded");
    expect(port.lastStats?.writeRetries).toBeGreaterThan(0);
    for (const s of excel.stats.syncs.filter((x) => x.responseBytes > 0)) expect(s.requestBytes).toBeLessThanOrEqual(300_000);
    const statuses = excel.values("Goals").slice(1);
    const col = excel.values("Goals")[0]?.indexOf("KPA Status") ?? -1;
    expect(col).toBeGreaterThan(0);
    expect(statuses.filter((r) => !isStatusText(r[col]))).toEqual([]);
    expect(excel.snapshot()).toEqual(normal.excel.snapshot());
  }, 120_000);

  it("halves a lone write of many rows down to the row too large on its own, and names it", async () => {
    const excel = MemoryExcel.fromGrid(workbook(sheet("Data", [["Note"]])));
    // Under Excel's 32,767 characters a cell (longer text is cut before it is sent), over the payload limit.
    excel.limits.payloadBytes = 20_000;
    const rows: PlanValue[][] = [["a"], ["b"], ["x".repeat(30_000)], ["d"]];
    const failure = await excel
      .run(async (ctx) => {
        const b = new Batcher(ctx, DEFAULT_BUDGET_BYTES);
        await queueValues(b, sheetRef(ctx, "Data"), 1, 0, rows);
        await b.flush();
      })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PortError);
    expect((failure as PortError).message).toBe(MESSAGES.rowTooLargeToWrite({ sheet: "Data", row: 4 }));
    expect((failure as PortError).where).toEqual({ sheet: "Data", cell: "A4" });
    // The rows before it were written by the halves that fit; the long one never was.
    expect(excel.values("Data").map((r) => r[0])).toEqual(["Note", "a", "b"]);
  });

  it("refuses a change that cannot be split with a sentence, not Excel's message", async () => {
    const excel = MemoryExcel.fromGrid(workbook(sheet("Data", [["Note"]])));
    excel.limits.payloadBytes = 50_000;
    const failure = await excel
      .run(async (ctx) => {
        const b = new Batcher(ctx, DEFAULT_BUDGET_BYTES);
        await b.add(60_000, () => void (ctx.workbook.worksheets.getItem("Data").getRange("B1").values = [["y".repeat(60_000)]]));
        await b.flush();
      })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PortError);
    expect((failure as PortError).message).toBe(MESSAGES.changeTooLarge());
    expect(excel.values("Data")).toEqual([["Note"]]);
  });
});
