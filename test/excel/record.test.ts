// Recording a measurement from the task pane: one row appended to the "KPA Data" log (created, laid out, when the
// workbook has none), never a row twice, nothing at all when a field cannot be used, and the user's text as text.
import { dayFromYMD, serialFromDay } from "../../src/engine/dates";
import { LOG_HEADERS, LOG_TAB_COLOR, LOG_WIDTHS } from "../../src/engine";
import type { MemoryExcel } from "../support/memory-excel";
import { widthInPoints } from "../../src/excel/write";
import { type MeasurementEntry, PortError } from "../../src/app/port";
import { sheet, workbook } from "../fixtures/builders";
import { SETTINGS, memorySettings, setup } from "./harness";
import { TRACKED, goalsWorkbook, loggedWorkbook } from "./fixtures";

const CSAT: MeasurementEntry = {
  kpi: "Customer Satisfaction (CSAT)",
  date: "2050-10-31",
  value: "86%",
  source: "Survey tool",
  enteredBy: "Ana",
  note: "October wave",
};

const serial = (y: number, m: number, d: number) => serialFromDay(dayFromYMD(y, m, d));

/** A failed call's PortError, asserting it is one. */
async function refusal(p: Promise<unknown>): Promise<PortError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(PortError);
  return e as PortError;
}

/** Every stored cell of the rows above `row` (0-based), as plain data. */
function rowsAbove(excel: MemoryExcel, name: string, row: number): unknown {
  return JSON.parse(JSON.stringify([...excel.sheet(name).rows].filter(([r]) => r < row).sort(([a], [b]) => a - b)));
}

describe("recording into a workbook without a log", () => {
  it('creates "KPA Data" laid out as a log, with the measurement in its first row', async () => {
    const { excel, port } = setup(goalsWorkbook(3));
    const at = await port.recordMeasurement(CSAT);
    expect(at).toEqual({ sheet: "KPA Data", cell: "A2", added: true });
    expect(excel.state.sheets.map((s) => s.name)).toEqual(["Goals", "KPA Data"]);
    expect(excel.values("KPA Data")).toEqual([
      [...LOG_HEADERS],
      ["Customer Satisfaction (CSAT)", serial(2050, 10, 31), 0.86, "Survey tool", "Ana", "October wave"],
    ]);
    const log = excel.sheet("KPA Data");
    expect(log.freezeRows).toBe(1);
    expect(log.tabColor).toBe(LOG_TAB_COLOR);
    expect([...log.columnWidths].sort(([a], [b]) => a - b).map(([, w]) => w)).toEqual(LOG_WIDTHS.map(widthInPoints));
    expect(log.rows.get(0)?.get(0)?.format).toMatchObject({ bold: true, fill: "#1F3864", color: "#FFFFFF" });
    expect(excel.cell("KPA Data", "B2")?.numberFormat).toBe("yyyy-mm-dd");
    expect(excel.cell("KPA Data", "C2")?.numberFormat).toBe("0.0%");
  });

  it("refuses with a PortError when the workbook's structure is protected, adding nothing", async () => {
    const { excel, port } = setup(goalsWorkbook(3));
    excel.state.workbookProtected = true;
    const before = excel.snapshot();
    const e = await refusal(port.recordMeasurement(CSAT));
    expect(e.message).toMatch(/structure is protected/);
    expect(excel.snapshot()).toEqual(before);
  });
});

describe("recording into an existing log", () => {
  it("appends below the rows already there, touching none of them, and the next evaluation uses it", async () => {
    const { excel, port } = setup(loggedWorkbook());
    const above = rowsAbove(excel, "KPA Data", 6);
    const at = await port.recordMeasurement({ kpi: "Net Promoter Score", date: "Q4 2050", value: "58" });
    expect(at).toEqual({ sheet: "KPA Data", cell: "A7", added: true });
    expect(rowsAbove(excel, "KPA Data", 6)).toEqual(above);
    expect(excel.values("KPA Data")[6]).toEqual(["Net Promoter Score", "Q4 2050", 58, "", "", ""]);
    // Columns the entry leaves empty stay untouched: no cell was created for them.
    expect(excel.cell("KPA Data", "D7")).toBeUndefined();
    expect(excel.sheet("KPA Data").rows.size).toBe(7);
    // NPS has a typed Actual (55); the explanation names the newer logged value it was preferred over.
    await port.evaluate({ ...SETTINGS, asOf: "2051-01-05" });
    expect(excel.values("Goals")[3]?.[7]).toContain("the log's 58");
  });

  it("reads dates with the saved date order", async () => {
    const { excel, port } = setup(loggedWorkbook(), { settings: memorySettings({ dateOrder: "dmy" }) });
    await port.recordMeasurement({ kpi: "Net Promoter Score", date: "03/04/2050", value: "50" });
    expect(excel.values("KPA Data")[6]?.slice(0, 3)).toEqual(["Net Promoter Score", serial(2050, 4, 3), 50]);
  });

  it("adds nothing for a measurement already logged, and points at the row holding it", async () => {
    const { excel, port } = setup(loggedWorkbook());
    const before = excel.snapshot();
    excel.resetStats();
    const at = await port.recordMeasurement({
      kpi: "customer satisfaction (csat)",
      date: "2050-09-30",
      value: "84%",
      source: "Survey tool",
    });
    expect(at).toEqual({ sheet: "KPA Data", cell: "A3", added: false });
    expect(excel.snapshot()).toEqual(before);
    expect(excel.stats.calculationSuspensions).toBe(0);
  });

  it("points at the row with the same value when the log holds the same KPI, date and source twice", async () => {
    const { excel, port } = setup(loggedWorkbook());
    const corrected: MeasurementEntry = { kpi: "Customer Satisfaction (CSAT)", date: "2050-09-30", value: "90%", source: "Survey tool" };
    expect(await port.recordMeasurement(corrected)).toEqual({ sheet: "KPA Data", cell: "A7", added: true });
    const before = excel.snapshot();
    expect(await port.recordMeasurement(corrected)).toEqual({ sheet: "KPA Data", cell: "A7", added: false });
    expect(excel.snapshot()).toEqual(before);
  });

  it("refuses with a PortError naming a protected log, adding nothing", async () => {
    const { excel, port } = setup(loggedWorkbook());
    excel.sheet("KPA Data").protected = true;
    const before = excel.snapshot();
    const e = await refusal(port.recordMeasurement(CSAT));
    expect(e.message).toContain('"KPA Data" is protected');
    expect(e.where).toEqual({ sheet: "KPA Data" });
    expect(excel.snapshot()).toEqual(before);
  });
});

describe("a measurement that cannot be used", () => {
  it.each([
    [
      "a date that is not one",
      { ...CSAT, date: "soon" },
      /^Nothing was recorded\. Fix the date and try again: "soon" is not a date or period \(write 2050-09-30/,
    ],
    ["a value that is not one", { ...CSAT, value: "abc!" }, /^Nothing was recorded\. Fix the value and try again: "abc!" is not a value/],
    ["an empty KPI", { ...CSAT, kpi: "  " }, /^Nothing was recorded\. Fix the KPI and try again: the KPI is empty\.$/],
    ["a bad date and value", { ...CSAT, date: "", value: "" }, /^Nothing was recorded\. Fix the date and value and try again: /],
  ] as [string, MeasurementEntry, RegExp][])(
    "%s: a PortError saying what to fix, and the workbook unchanged",
    async (_label, entry, message) => {
      for (const grid of [loggedWorkbook(), goalsWorkbook(3)]) {
        const { excel, port } = setup(grid);
        const before = excel.snapshot();
        const e = await refusal(port.recordMeasurement(entry));
        expect(e.message).toMatch(message);
        expect(excel.snapshot()).toEqual(before);
      }
    },
  );
});

describe("user text in a measurement", () => {
  it("stays the very text typed: no formula, number or date", async () => {
    const { excel, port } = setup(loggedWorkbook());
    const entry: MeasurementEntry = {
      kpi: "=SUM(A1)",
      date: "2050-10-31",
      value: "1200",
      source: "+5",
      enteredBy: "@home",
      note: "-3 days",
    };
    await port.recordMeasurement(entry);
    const row = 7;
    for (const [col, text] of [
      ["A", "=SUM(A1)"],
      ["D", "+5"],
      ["E", "@home"],
      ["F", "-3 days"],
    ] as const) {
      const cell = excel.cell("KPA Data", `${col}${row}`);
      expect({ col, value: cell?.value, formula: cell?.formula }).toEqual({ col, value: text, formula: undefined });
    }
    // No formula anywhere in the workbook, among all the cells it holds.
    const cells = excel.state.sheets.flatMap((s) => [...s.rows.values()].flatMap((line) => [...line.values()]));
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.filter((cell) => cell.formula !== undefined)).toEqual([]);
  });

  it("takes a duration or money as a number in its unit's format, and a word for a categorical target as text", async () => {
    const { excel, port } = setup(TRACKED());
    await port.recordMeasurement({ kpi: "Average Response Time", date: "Sep 2050", value: "3.5 hours" });
    await port.recordMeasurement({ kpi: "Handle time", date: "Sep 2050", value: "45 min" });
    await port.recordMeasurement({ kpi: "Revenue per customer", date: "Sep 2050", value: "$1,200.50" });
    await port.recordMeasurement({ kpi: "Launch", date: "Q3 2050", value: "Approved" });
    expect(excel.values("KPA Data").slice(1)).toEqual([
      ["Average Response Time", "Sep 2050", 3.5, "", "", ""],
      ["Handle time", "Sep 2050", 45, "", "", ""],
      ["Revenue per customer", "Sep 2050", 1200.5, "", "", ""],
      ["Launch", "Q3 2050", "Approved", "", "", ""],
    ]);
    expect(["C2", "C3", "C4"].map((c) => excel.cell("KPA Data", c)?.numberFormat)).toEqual(['0.0" h"', '0" min"', '"$"#,##0.00']);
    // Read back, each is the same value: logging it again in other words adds nothing.
    expect(await port.recordMeasurement({ kpi: "Average Response Time", date: "Sep 2050", value: "3.5 hrs" })).toMatchObject({ added: false });
    expect(await port.recordMeasurement({ kpi: "Revenue per customer", date: "Sep 2050", value: "$1200.50" })).toMatchObject({ added: false });
    expect(excel.cell("KPA Data", "B2")?.quotePrefix).toBe(true);
  });
});

it("is refused as busy while an evaluation runs", async () => {
  const { excel, port } = setup(
    workbook(
      sheet("Goals", [
        ["Goal", "Target", "Actual"],
        ["Win", 10, 12],
      ]),
    ),
  );
  const [evaluation, record] = await Promise.allSettled([port.evaluate(SETTINGS), port.recordMeasurement(CSAT)]);
  expect(evaluation.status).toBe("fulfilled");
  expect(record.status).toBe("rejected");
  expect(((record as PromiseRejectedResult).reason as PortError).message).toMatch(/busy/);
  expect(excel.state.sheet("KPA Data")).toBeUndefined();
});
