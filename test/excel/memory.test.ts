// The in-memory Excel stands in for Office.js in every adapter test, so it must fail where Excel fails:
// unloaded properties, payload limits, protected sheets, cell-edit mode, and typed text turning into formulas.
import { dayFromYMD, serialFromDay } from "../../src/engine/dates";
import { MemoryExcel, MemoryExcelError } from "../support/memory-excel";
import { sheet, workbook } from "../fixtures/builders";

function book(): MemoryExcel {
  return MemoryExcel.fromGrid(
    workbook(
      sheet("Data", [
        ["Name", "Score"],
        ["Ada", 3],
        ["Bo", 4],
      ]),
      sheet("Other", [["x"]]),
    ),
  );
}

/** The rejection of a promise, for asserting on its code. */
async function failure(p: Promise<unknown>): Promise<MemoryExcelError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof MemoryExcelError) return e;
    throw e;
  }
  throw new Error("expected the batch to fail");
}

describe("loading", () => {
  it("refuses to read values that were never loaded", async () => {
    const excel = book();
    const e = await failure(
      excel.run(async (ctx) => {
        const range = ctx.workbook.worksheets.getItem("Data").getRange("A1:B2");
        return range.values;
      }),
    );
    expect(e.code).toBe("PropertyNotLoaded");
  });

  it("refuses to read values that were loaded but not yet synced, and gives them after the sync", async () => {
    const excel = book();
    const seen = await excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Data").getRange("A1:B2").load("values");
      let before: string | undefined;
      try {
        void range.values;
      } catch (e) {
        before = (e as MemoryExcelError).code;
      }
      await ctx.sync();
      return { before, after: range.values };
    });
    expect(seen.before).toBe("PropertyNotLoaded");
    expect(seen.after).toEqual([
      ["Name", "Score"],
      ["Ada", 3],
    ]);
  });

  it("gives only the properties that were loaded", async () => {
    const excel = book();
    const e = await failure(
      excel.run(async (ctx) => {
        const range = ctx.workbook.worksheets.getItem("Data").getRange("A1:B2").load("address");
        await ctx.sync();
        expect(range.address).toBe("Data!A1:B2");
        return range.values;
      }),
    );
    expect(e.code).toBe("PropertyNotLoaded");
  });
});

describe("round trips", () => {
  it("records every sync with its command count and sizes, and the final implicit one of run()", async () => {
    const excel = book();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      ws.getRange("A1:B3").load("values");
      await ctx.sync();
      ws.getRange("C1").values = [["new"]];
      ws.getRange("C2").values = [["newer"]];
      await ctx.sync();
      ws.getRange("C3").values = [["last"]];
      // run() syncs what is still queued, as Excel.run does.
    });
    expect(excel.stats.syncs.map((s) => s.commands)).toEqual([1, 2, 1]);
    const [read, write] = excel.stats.syncs;
    expect(read?.responseBytes).toBeGreaterThan(JSON.stringify([["Name", "Score"]]).length);
    expect(write?.requestBytes).toBeGreaterThan(JSON.stringify([["newer"]]).length);
    expect(excel.values("Data").map((r) => r[2])).toEqual(["new", "newer", "last"]);
    expect(excel.stats.failures).toEqual([]);
  });

  it("changes nothing until the batch is synced", async () => {
    const excel = book();
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").getRange("A2").values = [["Changed"]];
      expect(excel.cell("Data", "A2")?.value).toBe("Ada");
      await ctx.sync();
      expect(excel.cell("Data", "A2")?.value).toBe("Changed");
    });
  });
});

describe("payload limits", () => {
  it("refuses a request over the limit with RequestPayloadSizeLimitExceeded and applies none of it", async () => {
    const excel = book();
    excel.limits.payloadBytes = 2_000;
    const before = excel.snapshot();
    const e = await failure(
      excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Data");
        ws.getRange("A2").values = [["small write, first in the batch"]];
        ws.getRange("D1:D100").values = Array.from({ length: 100 }, (_, i) => [`row ${i} ${"x".repeat(20)}`]);
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(excel.snapshot()).toEqual(before);
    expect(excel.stats.failures).toEqual(["RequestPayloadSizeLimitExceeded"]);
    expect(excel.stats.syncs).toHaveLength(1);
    expect(excel.stats.syncs[0]?.requestBytes).toBeGreaterThan(2_000);
  });

  it("refuses a read whose answer is over the limit with ResponsePayloadSizeLimitExceeded and loads nothing", async () => {
    const excel = MemoryExcel.fromGrid(
      workbook(
        sheet(
          "Big",
          Array.from({ length: 500 }, (_, i) => [`text number ${i}`, i]),
        ),
      ),
    );
    excel.limits.payloadBytes = 4_000;
    let reread: string | undefined;
    const e = await failure(
      excel.run(async (ctx) => {
        const range = ctx.workbook.worksheets.getItem("Big").getRange("A1:B500").load("values");
        try {
          await ctx.sync();
        } finally {
          try {
            void range.values;
          } catch (err) {
            reread = (err as MemoryExcelError).code;
          }
        }
      }),
    );
    expect(e.code).toBe("ResponsePayloadSizeLimitExceeded");
    expect(reread).toBe("PropertyNotLoaded");
    expect(excel.stats.failures).toEqual(["ResponsePayloadSizeLimitExceeded"]);
    // The same read in two halves fits.
    excel.resetStats();
    const halves = await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Big");
      const a = ws.getRange("A1:B50").load("values");
      await ctx.sync();
      const b = ws.getRange("A51:B100").load("values");
      await ctx.sync();
      return [...a.values, ...b.values];
    });
    expect(halves).toHaveLength(100);
    expect(halves[99]).toEqual(["text number 99", 99]);
    expect(excel.stats.failures).toEqual([]);
  });
});

describe("refusals", () => {
  it("refuses writes to a protected sheet with AccessDenied, values, formats, clears and rules alike", async () => {
    const excel = book();
    excel.sheet("Data").protected = true;
    const before = excel.snapshot();
    const attempts: ((ws: Excel.Worksheet) => void)[] = [
      (ws) => (ws.getRange("A1").values = [["no"]]),
      (ws) => (ws.getRange("A1").numberFormat = [["0%"]]),
      (ws) => (ws.getRange("A1").format.font.bold = true),
      (ws) => ws.getRange("A1:B3").clear("Contents" as Excel.ClearApplyTo),
      (ws) => ws.getRange("A1").conditionalFormats.add("CellValue" as Excel.ConditionalFormatType),
      (ws) => ws.getRange("C1").copyFrom("Other!A1", "All" as Excel.RangeCopyType),
      (ws) => ws.charts.add("Pie" as Excel.ChartType, ws.getRange("B1:B3"), "Columns" as Excel.ChartSeriesBy),
      (ws) => (ws.getRange("A1").dataValidation.rule = { list: { inCellDropDown: true, source: "a,b" } }),
      (ws) => ws.getRange("A1").dataValidation.clear(),
    ];
    for (const attempt of attempts) {
      const e = await failure(excel.run(async (ctx) => attempt(ctx.workbook.worksheets.getItem("Data"))));
      expect(e.code).toBe("AccessDenied");
    }
    expect(excel.snapshot()).toEqual(before);
    // Reading a protected sheet is fine, and so is writing another sheet.
    const values = await excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Data").getRange("A2").load("values");
      ctx.workbook.worksheets.getItem("Other").getRange("B1").values = [["ok"]];
      await ctx.sync();
      return r.values;
    });
    expect(values).toEqual([["Ada"]]);
    expect(excel.cell("Other", "B1")?.value).toBe("ok");
  });

  it("refuses every batch, even a read, while a cell is being edited", async () => {
    const excel = book();
    excel.state.cellEditMode = true;
    const before = excel.snapshot();
    const read = await failure(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.load("items/name");
        await ctx.sync();
      }),
    );
    expect(read.code).toBe("InvalidOperationInCellEditMode");
    const write = await failure(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Data").getRange("A1").values = [["no"]];
      }),
    );
    expect(write.code).toBe("InvalidOperationInCellEditMode");
    expect(excel.snapshot()).toEqual(before);
    excel.state.cellEditMode = false;
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").getRange("A1").values = [["yes"]];
    });
    expect(excel.cell("Data", "A1")?.value).toBe("yes");
  });

  it("refuses adding a sheet when the workbook's structure is protected", async () => {
    const excel = book();
    excel.state.workbookProtected = true;
    const e = await failure(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.add("New");
      }),
    );
    expect(e.code).toBe("AccessDenied");
    expect(excel.state.sheets.map((s) => s.name)).toEqual(["Data", "Other"]);
  });
});

describe("typed text", () => {
  async function write(excel: MemoryExcel, values: (string | number | boolean | null)[][], at = "A1"): Promise<void> {
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Other").getRange(at).values = values;
    });
  }

  async function read(excel: MemoryExcel, address: string): Promise<{ values: unknown[][]; formulas: unknown[][] }> {
    return excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Other").getRange(address).load("values,formulas");
      await ctx.sync();
      return { values: r.values, formulas: r.formulas };
    });
  }

  it("turns =1+1 into a formula, as Excel does with typed text", async () => {
    const excel = book();
    await write(excel, [["=1+1"]]);
    expect(excel.cell("Other", "A1")?.formula).toBe("=1+1");
    expect(await read(excel, "A1")).toEqual({ values: [[2]], formulas: [["=1+1"]] });
  });

  it("keeps '=1+1 as the text =1+1, with no formula", async () => {
    const excel = book();
    await write(excel, [["'=1+1"]]);
    const cell = excel.cell("Other", "A1");
    expect(cell?.formula).toBeUndefined();
    expect(cell?.value).toBe("=1+1");
    expect(await read(excel, "A1")).toEqual({ values: [["=1+1"]], formulas: [["=1+1"]] });
  });

  it.each([
    ["+5", 5],
    ["007", 7],
    ["TRUE", true],
    ["12%", 0.12],
    ["June 30, 2050", serialFromDay(dayFromYMD(2050, 6, 30))],
    ["Mar-2051", serialFromDay(dayFromYMD(2051, 3, 1))],
    ["1E5", 100000],
    [".5", 0.5],
  ])("coerces the unquoted text %p to %p, and keeps it as text with an apostrophe", async (text, typed) => {
    const excel = book();
    await write(excel, [[text, `'${text}`]], "A1:B1");
    expect(excel.cell("Other", "A1")?.value).toEqual(typed);
    expect(excel.cell("Other", "B1")?.value).toBe(text);
    expect(excel.cell("Other", "B1")?.formula).toBeUndefined();
  });

  it.each(["May 2050 review", "Marketing 2050", "Q3 2050", "June 31, 2050", "E11", "e5", "."])(
    "keeps %p as text: not a date or number Excel knows",
    async (text) => {
      const excel = book();
      await write(excel, [[text]]);
      expect(excel.cell("Other", "A1")).toMatchObject({ value: text, numberFormat: "General" });
    },
  );

  it("leaves a cell alone where the values array holds null", async () => {
    const excel = book();
    await excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Data").getRange("A2:B3");
      r.numberFormat = [
        ["@", null],
        [null, null],
      ];
      r.values = [
        [null, 30],
        ["Cy", null],
      ] as unknown as string[][];
    });
    expect(excel.values("Data")).toEqual([
      ["Name", "Score"],
      ["Ada", 30],
      ["Cy", 4],
    ]);
    expect(excel.cell("Data", "A2")?.numberFormat).toBe("@");
    expect(excel.cell("Data", "B2")?.numberFormat).toBe("General");
  });

  it("refuses a values array of the wrong shape", async () => {
    const excel = book();
    const e = await failure(write(excel, [["a", "b"]], "A1:C1"));
    expect(e.code).toBe("InvalidArgument");
    expect(excel.values("Other")).toEqual([["x"]]);
  });
});

describe("copyFrom", () => {
  function withRules(): MemoryExcel {
    const excel = MemoryExcel.fromGrid(
      workbook(
        sheet("Src", [
          ["a", 1, { v: 0.5, f: "0%" }],
          ["b", 2, { v: 0.25, f: "0%" }],
          ["c", 3, { v: 1, f: "0%" }],
        ]),
        sheet("Dst", [["keep"]]),
      ),
    );
    const src = excel.sheet("Src");
    (src.rows.get(0)?.get(0) as { format: object }).format = { bold: true, fill: "#FFEEDD" };
    src.conditionalFormats.push(
      // Spans rows 1-5 of column B: only rows 2-3 lie in the copied range B2:C3.
      { id: 900, ranges: [{ top: 0, left: 1, bottom: 4, right: 1 }], rule: { type: "CellValue", operator: "EqualTo", formula1: "=2" } },
      // Wholly outside the copied range.
      { id: 901, ranges: [{ top: 0, left: 0, bottom: 2, right: 0 }], rule: { type: "DataBar", gradientFill: false } },
    );
    return excel;
  }

  it('"All" copies values, number formats and formats, and the source\'s rules clipped to what was copied', async () => {
    const excel = withRules();
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets
        .getItem("Dst")
        .getRange("E10:F11")
        .copyFrom("Src!B2:C3", "All" as Excel.RangeCopyType);
      ctx.workbook.worksheets
        .getItem("Dst")
        .getRange("A5")
        .copyFrom("Src!A1", "All" as Excel.RangeCopyType);
    });
    expect(excel.cell("Dst", "E10")?.value).toBe(2);
    expect(excel.cell("Dst", "F10")).toMatchObject({ value: 0.25, numberFormat: "0%" });
    expect(excel.cell("Dst", "F11")).toMatchObject({ value: 1, numberFormat: "0%" });
    expect(excel.cell("Dst", "A5")).toMatchObject({ value: "a", format: { bold: true, fill: "#FFEEDD" } });
    expect(excel.cell("Dst", "A1")?.value).toBe("keep");
    // B2:C3 took the part of the B1:B5 rule it holds (now E10:E11); A1 took its part of the A1:A3 data bar (now A5).
    const rules = excel.sheet("Dst").conditionalFormats;
    expect(rules.map((r) => ({ ranges: r.ranges, type: r.rule.type }))).toEqual([
      { ranges: [{ top: 9, left: 4, bottom: 10, right: 4 }], type: "CellValue" },
      { ranges: [{ top: 4, left: 0, bottom: 4, right: 0 }], type: "DataBar" },
    ]);
    expect(rules[0]?.rule).toEqual({ type: "CellValue", operator: "EqualTo", formula1: "=2" });
    // The source is untouched.
    expect(excel.sheet("Src").conditionalFormats).toHaveLength(2);
  });

  it('"Formats" copies the look but not the values', async () => {
    const excel = withRules();
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets
        .getItem("Dst")
        .getRange("A1")
        .copyFrom("Src!A1", "Formats" as Excel.RangeCopyType);
      ctx.workbook.worksheets
        .getItem("Dst")
        .getRange("B1")
        .copyFrom("Src!C1", "Formats" as Excel.RangeCopyType);
    });
    expect(excel.cell("Dst", "A1")).toMatchObject({ value: "keep", format: { bold: true, fill: "#FFEEDD" } });
    expect(excel.cell("Dst", "B1")).toMatchObject({ value: "", numberFormat: "0%" });
  });

  it("fills a larger destination with copies of a one-cell source, as a paste does", async () => {
    const excel = withRules();
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets
        .getItem("Dst")
        .getRange("C3:D3")
        .copyFrom("Src!A1", "Formats" as Excel.RangeCopyType);
    });
    expect(excel.cell("Dst", "C3")?.format).toEqual({ bold: true, fill: "#FFEEDD" });
    expect(excel.cell("Dst", "D3")?.format).toEqual({ bold: true, fill: "#FFEEDD" });
    expect(excel.cell("Dst", "E3")).toBeUndefined();
  });

  it('"Values" drops formulas and keeps their results', async () => {
    const excel = book();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Other");
      ws.getRange("A2").values = [["=2+3"]];
      await ctx.sync();
      ws.getRange("B2").copyFrom("Other!A2", "Values" as Excel.RangeCopyType);
      ws.getRange("C2").copyFrom("Other!A2", "All" as Excel.RangeCopyType);
    });
    expect(excel.cell("Other", "B2")).toMatchObject({ value: 5 });
    expect(excel.cell("Other", "B2")?.formula).toBeUndefined();
    expect(excel.cell("Other", "C2")).toMatchObject({ value: 5, formula: "=2+3" });
  });
});

describe("snapshot", () => {
  it("tells a changed workbook from an unchanged one, and ignores empty cells with no format", async () => {
    const excel = book();
    const before = excel.snapshot();
    await excel.run(async (ctx) => {
      // An empty value over an empty cell: nothing Excel could show or save.
      ctx.workbook.worksheets.getItem("Data").getRange("F9").values = [[""]];
    });
    expect(excel.snapshot()).toEqual(before);
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").getRange("F9").numberFormat = [["0%"]];
    });
    expect(excel.snapshot()).not.toEqual(before);
  });
});

describe("charts", () => {
  /** A pie over Data!B2:B3 with a title, named, placed and coloured, in one batch. */
  async function pie(excel: MemoryExcel): Promise<void> {
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      const chart = ws.charts.add("Pie" as Excel.ChartType, ws.getRange("B2:B3"), "Columns" as Excel.ChartSeriesBy);
      chart.name = "Scores";
      chart.title.text = "Scores by name";
      const series = chart.series.getItemAt(0);
      series.setXAxisValues(ws.getRange("A2:A3"));
      series.name = "Score";
      series.points.getItemAt(1).format.fill.setSolidColor("#c00000");
      chart.setPosition("D1", "H10");
    });
  }

  it("adds a chart only when the batch syncs, with its series, title, point colours and place", async () => {
    const excel = book();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      ws.charts.add("Line" as Excel.ChartType, ws.getRange("B2:B3"), "Columns" as Excel.ChartSeriesBy);
      expect(excel.sheet("Data").charts).toHaveLength(0);
      await ctx.sync();
      expect(excel.sheet("Data").charts).toHaveLength(1);
    });
    await pie(excel);
    expect(excel.sheet("Data").charts.map((c) => ({ ...c, id: undefined }))[1]).toEqual({
      id: undefined,
      name: "Scores",
      type: "Pie",
      title: "Scores by name",
      legendVisible: true,
      series: [
        {
          name: "Score",
          values: { sheet: "Data", range: "B2:B3" },
          xValues: { sheet: "Data", range: "A2:A3" },
          pointFills: [null, "#C00000"],
        },
      ],
      position: { from: "D1", to: "H10" },
    });
  });

  it("lists charts by name only once loaded and synced, and deletes one by its proxy", async () => {
    const excel = book();
    await pie(excel);
    const e = await failure(excel.run(async (ctx) => ctx.workbook.worksheets.getItem("Data").charts.items));
    expect(e.code).toBe("PropertyNotLoaded");
    await excel.run(async (ctx) => {
      const charts = ctx.workbook.worksheets.getItem("Data").charts.load("items/name,count");
      await ctx.sync();
      expect(charts.count).toBe(1);
      expect(charts.items.map((c) => c.name)).toEqual(["Scores"]);
      charts.items[0]?.delete();
    });
    expect(excel.sheet("Data").charts).toEqual([]);
  });

  it("refuses a point, series or chart that is not there, changing nothing", async () => {
    for (const attempt of [
      (ws: Excel.Worksheet) => ws.charts.getItemAt(0).series.getItemAt(0).points.getItemAt(2).format.fill.setSolidColor("#000000"),
      (ws: Excel.Worksheet) => ws.charts.getItemAt(0).series.getItemAt(1).setValues(ws.getRange("B2:B3")),
      (ws: Excel.Worksheet) => ws.charts.getItemAt(1).delete(),
      (ws: Excel.Worksheet) => ws.charts.getItem("Nope").delete(),
      (ws: Excel.Worksheet) => ws.charts.add("Radar3D" as Excel.ChartType, ws.getRange("B2:B3")),
    ]) {
      const excel = book();
      await pie(excel);
      const before = excel.snapshot();
      const e = await failure(excel.run(async (ctx) => attempt(ctx.workbook.worksheets.getItem("Data"))));
      expect(["InvalidArgument", "ItemNotFound"]).toContain(e.code);
      expect(excel.snapshot()).toEqual(before);
    }
  });

  it("counts a chart's commands in the request, and goes with its sheet", async () => {
    const excel = book();
    await pie(excel);
    const [sync] = excel.stats.syncs;
    expect(sync?.commands).toBe(7);
    expect(sync?.requestBytes).toBeGreaterThan(7 * 80);
    await excel.run(async (ctx) => ctx.workbook.worksheets.getItem("Data").delete());
    expect(excel.state.sheets.flatMap((s) => s.charts)).toEqual([]);
  });
});

describe("data validation", () => {
  const LIST = { list: { inCellDropDown: true, source: "Process,Resources,Strategy" } };

  it("sets a list with a prompt, reads it back once loaded, and clears part of it", async () => {
    const excel = book();
    await excel.run(async (ctx) => {
      const dv = ctx.workbook.worksheets.getItem("Data").getRange("C2:C9").dataValidation;
      dv.rule = LIST;
      dv.prompt = { showPrompt: true, message: "Why?", title: "" };
      expect(() => dv.rule).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      expect(excel.sheet("Data").validations).toEqual([]);
      dv.load("rule,type,prompt");
      await ctx.sync();
      expect(dv.rule).toEqual(LIST);
      expect(dv.type).toBe("List");
      expect(dv.prompt).toEqual({ showPrompt: true, message: "Why?", title: "" });
    });
    expect(excel.validationAt("Data", "C5")?.range).toEqual({ top: 1, left: 2, bottom: 8, right: 2 });
    await excel.run(async (ctx) => ctx.workbook.worksheets.getItem("Data").getRange("C5:C6").dataValidation.clear());
    expect(excel.sheet("Data").validations.map((v) => v.range)).toEqual([
      { top: 1, left: 2, bottom: 3, right: 2 },
      { top: 6, left: 2, bottom: 8, right: 2 },
    ]);
    expect(excel.validationAt("Data", "C5")).toBeUndefined();
  });

  it("refuses a rule that is not one list, and a prompt over mixed validation", async () => {
    const excel = book();
    await excel.run(async (ctx) => void (ctx.workbook.worksheets.getItem("Data").getRange("C2").dataValidation.rule = LIST));
    for (const attempt of [
      (ws: Excel.Worksheet) => (ws.getRange("D2").dataValidation.rule = { list: { inCellDropDown: true, source: "" } }),
      (ws: Excel.Worksheet) => (ws.getRange("D2").dataValidation.rule = {}),
      (ws: Excel.Worksheet) => (ws.getRange("C1:C3").dataValidation.prompt = { showPrompt: true, message: "m", title: "" }),
    ]) {
      const e = await failure(excel.run(async (ctx) => attempt(ctx.workbook.worksheets.getItem("Data"))));
      expect(["InvalidArgument", "InvalidOperation"]).toContain(e.code);
    }
    expect(excel.sheet("Data").validations).toHaveLength(1);
  });

  it('comes along with a copy of "All" cells, not with a clear of them', async () => {
    const excel = book();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      ws.getRange("C2:C3").dataValidation.rule = LIST;
      ws.getRange("A1:C3").clear("All" as Excel.ClearApplyTo);
      ctx.workbook.worksheets
        .getItem("Other")
        .getRange("E5")
        .copyFrom("Data!B1:C3", "All" as Excel.RangeCopyType);
    });
    expect(excel.sheet("Data").validations).toHaveLength(1);
    expect(excel.sheet("Other").validations.map((v) => v.range)).toEqual([{ top: 5, left: 5, bottom: 6, right: 5 }]);
  });
});

describe("icon sets", () => {
  it("adds a three-arrows rule with its criteria, and refuses incomplete criteria", async () => {
    const excel = book();
    await excel.run(async (ctx) => {
      const f = ctx.workbook.worksheets
        .getItem("Data")
        .getRange("B2:B3")
        .conditionalFormats.add("IconSet" as Excel.ConditionalFormatType);
      f.iconSet.style = "ThreeArrows" as Excel.IconSet;
      f.iconSet.criteria = [
        {} as Excel.ConditionalIconCriterion,
        { type: "Number", operator: "GreaterThanOrEqual", formula: "=0" } as Excel.ConditionalIconCriterion,
        { type: "Number", operator: "GreaterThanOrEqual", formula: "=1" } as Excel.ConditionalIconCriterion,
      ];
    });
    expect(excel.sheet("Data").conditionalFormats.map((c) => c.rule)).toEqual([
      {
        type: "IconSet",
        style: "ThreeArrows",
        criteria: [
          null,
          { type: "Number", operator: "GreaterThanOrEqual", formula: "=0" },
          { type: "Number", operator: "GreaterThanOrEqual", formula: "=1" },
        ],
      },
    ]);
    const e = await failure(
      excel.run(async (ctx) => {
        const f = ctx.workbook.worksheets
          .getItem("Data")
          .getRange("B2:B3")
          .conditionalFormats.add("IconSet" as Excel.ConditionalFormatType);
        f.iconSet.criteria = [
          {} as Excel.ConditionalIconCriterion,
          { type: "Number" } as Excel.ConditionalIconCriterion,
          {} as Excel.ConditionalIconCriterion,
        ];
      }),
    );
    expect(e.code).toBe("InvalidArgument");
    // As in Excel, what the batch did before the refused command stays: the rule was added, without criteria.
    expect(excel.sheet("Data").conditionalFormats[1]?.rule).toEqual({ type: "IconSet", style: "ThreeTrafficLights1" });
  });
});

describe("column widths and page layout", () => {
  it("reads a column's width as set, the standard width when never set, and forgets a width set back to it", async () => {
    const excel = book();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      ws.getRange("B:B").format.columnWidth = 90;
      const b = ws.getRange("B1").format.load("columnWidth");
      const c = ws.getRange("C1").format.load("columnWidth");
      await ctx.sync();
      expect([b.columnWidth, c.columnWidth]).toEqual([90, 48]);
      ws.getRange("B:B").format.columnWidth = 48;
      await ctx.sync();
    });
    expect(excel.sheet("Data").columnWidths.size).toBe(0);
  });

  it("refuses a page zoom that is both a scale and pages, and title rows that are not whole rows", async () => {
    const excel = book();
    const zoom = await failure(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Data").pageLayout.zoom = { scale: 50, horizontalFitToPages: 1 };
        await ctx.sync();
      }),
    );
    expect(zoom.code).toBe("InvalidArgument");
    const rows = await failure(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Data").pageLayout.setPrintTitleRows("A1:B2");
        await ctx.sync();
      }),
    );
    expect(rows.code).toBe("InvalidArgument");
    expect(excel.sheet("Data").print).toEqual({ orientation: "Portrait", zoom: { scale: 100 }, rowBreaks: [], titleRows: undefined, centerFooter: "" });
  });
});
