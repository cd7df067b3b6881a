// The evaluation cycle through Office.js: the KPA History snapshot appended by each evaluation and the changes
// since the previous one, the native charts on KPA Summary (a status pie, a line per logged KPI), the Cause
// drop-down on KPA Gaps and the trend arrows, all as the in-memory Excel holds them after the port evaluates.
import { rangeAddress } from "../../src/engine/address";
import { dayFromYMD, serialFromDay } from "../../src/engine/dates";
import { HISTORY_HEADERS, type ChartPlan } from "../../src/engine";
import { OUR_SHEETS } from "../../src/engine/ownership";
import { STATUSES, STATUS_STYLE } from "../../src/engine/status";
import { type MemoryChart, MemoryExcel } from "../support/memory-excel";
import { Batcher, DEFAULT_BUDGET_BYTES, queueChart, sheetRef, widthInPoints } from "../../src/excel/write";
import { sheet, workbook } from "../fixtures/builders";
import { SETTINGS, setup } from "./harness";
import { TRACKED, loggedWorkbook } from "./fixtures";

/** The values a chart series draws, read from the cells its range names. */
function seriesValues(excel: MemoryExcel, ref: { sheet: string; range: string } | undefined): (string | number | boolean)[] {
  if (!ref) throw new Error("the series has no values");
  const [a, b] = ref.range.split(":") as [string, string?];
  const col = a.replace(/\d+/g, "");
  const from = Number(a.replace(/\D+/g, ""));
  const to = Number((b ?? a).replace(/\D+/g, ""));
  expect((b ?? a).replace(/\d+/g, "")).toBe(col);
  return Array.from({ length: to - from + 1 }, (_, i) => excel.cell(ref.sheet, `${col}${from + i}`)?.value ?? "");
}

describe("KPA History", () => {
  it("is created by the first evaluation: a styled, frozen header and one row per evaluated row", async () => {
    const { excel, port } = setup(TRACKED());
    const result = await port.evaluate(SETTINGS);
    expect(result.since).toBeNull();
    expect(result.changes).toEqual([]);
    const rows = excel.values(OUR_SHEETS.history);
    expect(rows[0]).toEqual([...HISTORY_HEADERS]);
    expect(result.total).toBeGreaterThan(0);
    // Every evaluated row has its snapshot, KPA elements judged through their goals included.
    expect(rows).toHaveLength(1 + result.total + result.rollups);
    const history = excel.sheet(OUR_SHEETS.history);
    expect(history.freezeRows).toBe(1);
    expect(history.tabColor).toBe("#7030A0");
    expect(history.rows.get(0)?.get(0)?.format).toMatchObject({ bold: true, fill: "#1F3864", color: "#FFFFFF" });
    expect(history.columnWidths.size).toBe(HISTORY_HEADERS.length);
    // Each row: when, as of (a real date), the row's key and status.
    const asOf = serialFromDay(dayFromYMD(2050, 10, 15));
    for (const r of rows.slice(1)) {
      // Evaluated at 2050-10-15T09:00:00Z: a date and time (09:00 is 0.375 of a day).
      expect(r[0]).toBe(asOf + 0.375);
      expect(r[1]).toBe(asOf);
      expect(STATUSES).toContain(r[5]);
    }
    expect(excel.cell(OUR_SHEETS.history, "B2")?.numberFormat).toBe("yyyy-mm-dd");
    // The timestamp is a real date and time, in UTC as its format says.
    expect(excel.cell(OUR_SHEETS.history, "A2")?.numberFormat).toBe('yyyy-mm-dd hh:mm:ss "UTC"');
    expect(excel.cell(OUR_SHEETS.history, "A2")?.quotePrefix).toBeUndefined();
    expect(excel.state.names.find((n) => n.name === "KPATracker_Sheet_History")?.formula).toBe("='KPA History'!$A$1");
  });

  it("gets no rows from evaluating again with the same as-of date", async () => {
    const { excel, port } = setup(TRACKED());
    await port.evaluate(SETTINGS);
    const once = excel.values(OUR_SHEETS.history);
    const again = await port.evaluate(SETTINGS);
    expect(excel.values(OUR_SHEETS.history)).toEqual(once);
    expect(again.since).toBeNull();
  });

  it("gets a second snapshot for another as-of date, and the result lists a row that went Off Track since", async () => {
    const { excel, port } = setup(loggedWorkbook());
    const first = await port.evaluate(SETTINGS);
    expect(excel.values("Goals")[2]?.[5]).toBe("Met");
    // The team types this month's response time: 5 hours against a target of under 2.
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Goals").getRange("E3").values = [["5 hours"]];
    });
    const second = await port.evaluate({ ...SETTINGS, asOf: "2050-10-20" });
    const history = excel.values(OUR_SHEETS.history);
    expect(history).toHaveLength(1 + 2 * first.total);
    expect(history.slice(1).map((r) => r[1])).toEqual([
      ...Array.from({ length: first.total }, () => serialFromDay(dayFromYMD(2050, 10, 15))),
      ...Array.from({ length: first.total }, () => serialFromDay(dayFromYMD(2050, 10, 20))),
    ]);
    expect(second.since).toBe("2050-10-15");
    expect(second.changes).toEqual([
      {
        key: "Goals|goals|first response time",
        name: "First Response Time",
        sheet: "Goals",
        cell: "A3",
        from: "Met",
        to: "Off Track",
        kind: "worse",
      },
    ]);
    // KPA Summary says the same.
    const summary = excel.values(OUR_SHEETS.summary);
    expect(summary.map((r) => r[0])).toContain("Changes since the evaluation as of 2050-10-15");
    // The row's name, what happened to it (across two columns) and what it was.
    const line = summary.find((r) => r[1] === "Newly Off Track");
    expect([line?.[0], line?.[1], line?.[3]]).toEqual(["First Response Time", "Newly Off Track", "was Met"]);
  });

  it("refuses, changing nothing, when the History sheet is protected and a snapshot must be added", async () => {
    const { excel, port } = setup(TRACKED());
    await port.evaluate(SETTINGS);
    excel.sheet(OUR_SHEETS.history).protected = true;
    const before = excel.snapshot();
    const failure = await port.evaluate({ ...SETTINGS, asOf: "2050-11-30" }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: "PortError", where: { sheet: OUR_SHEETS.history } });
    expect((failure as Error).message).toMatch(/"KPA History" is protected/);
    expect(excel.snapshot()).toEqual(before);
  });
});

describe("charts on KPA Summary", () => {
  let excel: MemoryExcel;
  let charts: MemoryChart[];

  beforeAll(async () => {
    const made = setup(loggedWorkbook());
    excel = made.excel;
    await made.port.evaluate(SETTINGS);
    charts = excel.sheet(OUR_SHEETS.summary).charts;
  });

  it("draws a status pie and one line chart per KPI with two or more logged values, named as ours", () => {
    expect(charts.map((c) => [c.type, c.title])).toEqual([
      ["Pie", "Status of 3 rows as of 2050-10-15"],
      ["LineMarkers", "Customer Satisfaction (CSAT)"],
      ["LineMarkers", "Net Promoter Score"],
    ]);
    expect(charts.map((c) => c.name)).toEqual(["KPATracker_Chart_1", "KPATracker_Chart_2", "KPATracker_Chart_3"]);
  });

  it("gives the pie one slice per status, each in its status colour, drawn from the status counts", () => {
    const pie = charts[0] as MemoryChart;
    expect(pie.series).toHaveLength(1);
    const [series] = pie.series;
    expect(series?.pointFills).toEqual(STATUSES.map((s) => STATUS_STYLE[s].fill.toUpperCase()));
    expect(seriesValues(excel, series?.xValues)).toEqual([...STATUSES]);
    const counts = seriesValues(excel, series?.values);
    expect(counts.reduce((a, b) => Number(a) + Number(b), 0)).toBe(3);
    // Beside the status counts (row 6 on: title, as-of, generated, tolerance and a blank row above), columns E to J.
    expect(pie.position).toEqual({ from: "E6", to: "K20" });
  });

  it("draws each KPI's logged values against their dates, two across below the trends table", () => {
    const [, csat, nps] = charts as [MemoryChart, MemoryChart, MemoryChart];
    expect(seriesValues(excel, csat.series[0]?.values)).toEqual([0.8, 0.84]);
    expect(seriesValues(excel, csat.series[0]?.xValues)).toEqual([
      serialFromDay(dayFromYMD(2050, 7, 31)),
      serialFromDay(dayFromYMD(2050, 9, 30)),
    ]);
    // A typed Actual (55) has no date: the chart shows the log's dated points only.
    expect(seriesValues(excel, nps.series[0]?.values)).toEqual([45, 52]);
    expect(csat.series[0]?.name).toBe("Customer Satisfaction (CSAT)");
    expect(csat.legendVisible).toBe(false);
    expect([csat.position, nps.position]).toEqual([
      { from: "A47", to: "D61" },
      { from: "E47", to: "K61" },
    ]);
  });

  it("replaces its charts when evaluated again, never duplicating them, and keeps a chart the user added", async () => {
    const made = setup(loggedWorkbook());
    await made.port.evaluate(SETTINGS);
    await made.excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(OUR_SHEETS.summary);
      const mine = ws.charts.add("ColumnClustered" as Excel.ChartType, ws.getRange("B10:B16"), "Columns" as Excel.ChartSeriesBy);
      mine.name = "My chart";
    });
    await made.port.evaluate(SETTINGS);
    await made.port.evaluate({ ...SETTINGS, asOf: "2050-10-20" });
    const names = made.excel.sheet(OUR_SHEETS.summary).charts.map((c) => c.name);
    expect(names.sort()).toEqual(["KPATracker_Chart_1", "KPATracker_Chart_2", "KPATracker_Chart_3", "My chart"]);
    expect(made.excel.sheet(OUR_SHEETS.summary).charts.find((c) => c.name === "KPATracker_Chart_1")?.title).toBe(
      "Status of 3 rows as of 2050-10-20",
    );
  });

  it("draws only the pie when no KPI has two logged values", async () => {
    const made = setup(TRACKED());
    await made.port.evaluate(SETTINGS);
    expect(made.excel.sheet(OUR_SHEETS.summary).charts.map((c) => c.type)).toEqual(["Pie"]);
  });
});

describe("trend arrows and trends in the result", () => {
  it("puts a three-arrows icon set on the Summary's trend column, over -1/0/1 values", async () => {
    const { excel, port } = setup(loggedWorkbook());
    await port.evaluate(SETTINGS);
    const summary = excel.values(OUR_SHEETS.summary);
    const header = summary.findIndex((r) => r[0] === "KPI" && r[1] === "Trend");
    expect(header).toBeGreaterThan(0);
    const icons = excel.sheet(OUR_SHEETS.summary).conditionalFormats.filter((cf) => cf.rule.type === "IconSet");
    expect(icons).toHaveLength(1);
    expect(icons[0]?.ranges.map(rangeAddress)).toEqual([`B${header + 2}:B${header + 3}`]);
    expect(icons[0]?.rule).toEqual({
      type: "IconSet",
      style: "ThreeArrows",
      criteria: [
        null,
        { type: "Number", operator: "GreaterThanOrEqual", formula: "=0" },
        { type: "Number", operator: "GreaterThanOrEqual", formula: "=1" },
      ],
    });
    // Both KPIs improved: 1 each, shown as words by the number format.
    expect([summary[header + 1]?.[1], summary[header + 2]?.[1]]).toEqual([1, 1]);
    expect(excel.cell(OUR_SHEETS.summary, `B${header + 2}`)?.numberFormat).toBe('"improving";"declining";"flat"');
  });

  it("gives each gap its trend in words, and scan lists the KPIs a measurement can be recorded for", async () => {
    // NPS typed as 20, below its target and well below the 45 and 52 logged before: a second gap. The trend is the
    // log's (a typed value has no date), so it still reads improving.
    const { port } = setup(loggedWorkbook(20));
    const result = await port.evaluate(SETTINGS);
    const csat = result.gaps.find((g) => g.name === "Customer Satisfaction (CSAT)");
    expect(csat?.trend).toMatch(/^improving, \+4 pts since Jul 31, 2050; projected \d+% by Dec 15, 2050$/);
    const others = result.gaps.filter((g) => g.name !== "Customer Satisfaction (CSAT)");
    expect(others.map((g) => g.name)).toEqual(["Net Promoter Score"]);
    expect(others[0]?.trend).toMatch(/^improving, \S/);
    const scan = await port.scan(SETTINGS);
    expect(scan.kpis.map((k) => `${k.group}: ${k.name}`)).toEqual([
      "goal: Customer Satisfaction (CSAT)",
      "goal: First Response Time",
      "goal: Net Promoter Score",
    ]);
    expect(result.kpis).toEqual(scan.kpis);
  });
});

describe("the Cause drop-down on KPA Gaps", () => {
  it("lists Process, Resources and Strategy with a prompt, on the Cause cells of every gap row", async () => {
    const { excel, port } = setup(loggedWorkbook(20));
    const result = await port.evaluate(SETTINGS);
    const gaps = excel.values(OUR_SHEETS.gaps);
    const header = gaps.findIndex((r) => r[0] === "Status");
    const cause = (gaps[header] ?? []).indexOf("Cause");
    expect(cause).toBe(11);
    const gapRows = gaps.slice(header + 1).filter((r) => STATUSES.includes(r[0] as (typeof STATUSES)[number])).length;
    expect(gapRows).toBe(result.gaps.length);
    expect(gapRows).toBeGreaterThanOrEqual(2);
    const validations = excel.sheet(OUR_SHEETS.gaps).validations;
    expect(validations).toEqual([
      {
        range: { top: header + 1, left: cause, bottom: header + gapRows, right: cause },
        rule: { list: { inCellDropDown: true, source: "Process,Resources,Strategy" } },
        prompt: { message: "Why is this row short? Process, Resources or Strategy.", showPrompt: true, title: "" },
      },
    ]);
    expect(excel.validationAt(OUR_SHEETS.gaps, `L${header + 2}`)).toBe(validations[0]);
    expect(excel.validationAt(OUR_SHEETS.gaps, `K${header + 2}`)).toBeUndefined();
  });

  it("follows the gap rows when they get fewer, leaving no list on rows that are gone", async () => {
    const { excel, port } = setup(loggedWorkbook(20));
    await port.evaluate(SETTINGS);
    const before = excel.sheet(OUR_SHEETS.gaps).validations.map((v) => v.range);
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Goals").getRange("E4").values = [[60]];
    });
    await port.evaluate(SETTINGS);
    const after = excel.sheet(OUR_SHEETS.gaps).validations.map((v) => v.range);
    expect(after).toHaveLength(1);
    expect(after[0]?.bottom).toBe((before[0]?.bottom ?? 0) - 1);
  });
});

describe("queueChart on its own", () => {
  it("draws any kind the plan names: bars with several series, point colours and a value-axis format", async () => {
    const excel = MemoryExcel.fromGrid(
      workbook(
        sheet("Data", [
          ["Team", "Q1", "Q2"],
          ["North", 0.5, 0.6],
          ["South", 0.7, 0.65],
        ]),
      ),
    );
    const chart: ChartPlan = {
      kind: "bar",
      title: "Scores by team",
      series: [
        {
          name: "Q1",
          values: { top: 1, left: 1, bottom: 2, right: 1 },
          categories: { top: 1, left: 0, bottom: 2, right: 0 },
          numberFormat: "0%",
        },
        {
          name: "Q2",
          values: { top: 1, left: 2, bottom: 2, right: 2 },
          categories: { top: 1, left: 0, bottom: 2, right: 0 },
          pointColors: ["#112233", "#445566"],
        },
      ],
      from: { row: 4, col: 0 },
      to: { row: 20, col: 6 },
    };
    await excel.run(async (ctx) => {
      const b = new Batcher(ctx, DEFAULT_BUDGET_BYTES);
      await queueChart(b, sheetRef(ctx, "Data"), chart, "KPATracker_Chart_9");
      await b.flush();
      expect(b.syncs).toBe(1);
    });
    expect(excel.sheet("Data").charts.map((c) => ({ ...c, id: undefined }))).toEqual([
      {
        id: undefined,
        name: "KPATracker_Chart_9",
        type: "BarClustered",
        title: "Scores by team",
        legendVisible: true,
        valueAxisFormat: "0%",
        series: [
          { name: "Q1", values: { sheet: "Data", range: "B2:B3" }, xValues: { sheet: "Data", range: "A2:A3" }, pointFills: [null, null] },
          {
            name: "Q2",
            values: { sheet: "Data", range: "C2:C3" },
            xValues: { sheet: "Data", range: "A2:A3" },
            pointFills: ["#112233", "#445566"],
          },
        ],
        position: { from: "A5", to: "G21" },
      },
    ]);
  });
});

describe("our columns beside a table", () => {
  it("are sized to what they hold when added, and keep the width people give them afterwards", async () => {
    const { excel, port } = setup(TRACKED());
    const first = await port.evaluate(SETTINGS);
    expect(first.total).toBeGreaterThan(0);
    const ws = excel.sheet("KPA");
    // The goals table's columns are H, I, J (7 to 9): KPA Status, KPA Progress and a capped KPA Explanation that wraps.
    const widths = [7, 8, 9].map((c) => ws.columnWidths.get(c));
    expect(widths.every((w) => w !== undefined)).toBe(true);
    expect(widths[0]).toBeGreaterThanOrEqual(widthInPoints("Needs Target".length));
    expect(widths[2]).toBe(widthInPoints(50));
    expect(excel.cell("KPA", "J17")?.format.wrap).toBe(true);
    // Someone narrows the explanation column; the next evaluation leaves it so.
    ws.columnWidths.set(9, 100);
    await port.evaluate({ ...SETTINGS, asOf: "2050-10-20" });
    expect(ws.columnWidths.get(9)).toBe(100);
  });
});

describe("printing our sheets", () => {
  it("sets each to one page wide, its frozen rows on every page, our footer; not where the host lacks ExcelApi 1.9", async () => {
    const { excel, port } = setup(TRACKED());
    await port.evaluate(SETTINGS);
    const sheets = [OUR_SHEETS.summary, OUR_SHEETS.gaps, OUR_SHEETS.history];
    expect(sheets.length).toBe(3);
    for (const name of sheets) {
      const s = excel.sheet(name);
      // The Summary breaks its pages between tables, at a zoom that fits its width; the others fit one page wide.
      if (name === OUR_SHEETS.summary) {
        expect([name, s.print.zoom.scale !== undefined && s.print.zoom.scale >= 50 && s.print.zoom.scale <= 100]).toEqual([name, true]);
        expect([name, s.print.rowBreaks.length > 0]).toEqual([name, true]);
      } else expect([name, s.print.zoom]).toEqual([name, { horizontalFitToPages: 1 }]);
      expect([name, s.print.titleRows]).toEqual([name, `$1:$${s.freezeRows}`]);
      expect([name, s.print.centerFooter]).toEqual([
        name,
        name === OUR_SHEETS.history ? "&A · printed &D · page &P of &N" : "&A · as of 2050-10-15 · page &P of &N",
      ]);
    }
    expect(excel.sheet(OUR_SHEETS.gaps).print.orientation).toBe("Landscape");
    // The user's own sheet prints as they set it.
    expect(excel.sheet("KPA").print).toEqual({ orientation: "Portrait", zoom: { scale: 100 }, rowBreaks: [], titleRows: undefined, centerFooter: "" });

    const older = setup(TRACKED(), { print: false });
    await older.port.evaluate(SETTINGS);
    expect(older.excel.sheet(OUR_SHEETS.summary).print.centerFooter).toBe("");
    expect(older.excel.values(OUR_SHEETS.summary).length).toBeGreaterThan(3);
  });
});
