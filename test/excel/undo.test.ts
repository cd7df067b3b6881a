// Undo evaluation puts the workbook back exactly as it was before the latest evaluation: every cell, format,
// rule, name and sheet. Excel's own undo cannot do this for an add-in, so the record lives in a hidden sheet.
import type { WorkbookGrid } from "../../src/engine/grid";
import { UNDO_SHEET, decodeUndo, encodeUndo } from "../../src/excel/undo-sheet";
import type { MemoryExcel } from "../support/memory-excel";
import { PortError } from "../../src/app/port";
import { type RoomRequest, run as runEngine } from "../../src/engine";
import { createExcelPort } from "../../src/excel/excel-port";
import { readWorkbook } from "../../src/excel/read";
import { queueInsertColumns } from "../../src/excel/room";
import { applyPlan } from "../../src/excel/write";
import { sheet, workbook } from "../fixtures/builders";
import { seedTemplate } from "../fixtures/template";
import { NOW, SETTINGS, memorySettings, setup } from "./harness";
import { GOLDEN, TRACKED, goalsWorkbook, loggedWorkbook } from "./fixtures";
import { OUR_SHEETS } from "../../src/engine/ownership";

interface Snapshot {
  sheets: { name: string; conditionalFormats: unknown[] }[];
  names: { name: string }[];
}

function without(snapshot: unknown, sheet: string): Snapshot {
  const s = snapshot as Snapshot;
  return { ...s, sheets: s.sheets.filter((x) => x.name !== sheet) };
}

/** A user's own touches the evaluation must not disturb: a rule on the goals, a name, a styled header. */
function withUserTouches(excel: MemoryExcel): void {
  const s = excel.sheet("Goals");
  s.conditionalFormats.push({
    id: 9001,
    ranges: [{ top: 1, left: 4, bottom: 40, right: 4 }],
    rule: { type: "CellValue", operator: "LessThan", formula1: "=90", fill: "#FFC7CE" },
  });
  const header = s.rows.get(0)?.get(0);
  if (header) header.format = { bold: true, fill: "#1F3864", color: "#FFFFFF" };
  s.columnWidths.set(0, 120);
  excel.state.names.push({ name: "Actuals", formula: "=Goals!$E$2:$E$41" });
}

describe.each([
  ["the seed template with tracking columns", TRACKED, undefined],
  ["the golden side-by-side scorecard", GOLDEN, undefined],
  ["a goals sheet with the user's own rule, name and styles", () => goalsWorkbook(40), withUserTouches],
] as [string, () => WorkbookGrid, ((e: MemoryExcel) => void) | undefined][])("undoing an evaluation of %s", (_label, grid, touch) => {
  it("gives back exactly the workbook from before the evaluation", async () => {
    const { excel, port } = setup(grid());
    touch?.(excel);
    const before = excel.snapshot();
    await port.evaluate(SETTINGS);
    expect(excel.snapshot()).not.toEqual(before);
    const result = await port.undo();
    expect(result.undone).toBe(true);
    expect(result.message).toContain(SETTINGS.asOf);
    expect(excel.snapshot()).toEqual(before);
    expect(excel.stats.failures).toEqual([]);
  });

  it("after a second evaluation (another as-of date), gives back the workbook as the first one left it", async () => {
    const { excel, port } = setup(grid());
    touch?.(excel);
    await port.evaluate(SETTINGS);
    const afterFirst = without(excel.snapshot(), UNDO_SHEET);
    await port.evaluate({ ...SETTINGS, asOf: "2051-01-31" });
    const afterSecond = without(excel.snapshot(), UNDO_SHEET);
    // The second evaluation really changed something (the as-of date at least), or this proves nothing.
    expect(afterSecond).not.toEqual(afterFirst);
    const result = await port.undo();
    expect(result).toMatchObject({ undone: true, message: expect.stringContaining("2051-01-31") });
    expect(excel.snapshot()).toEqual(afterFirst);
    expect(excel.state.sheet(UNDO_SHEET)).toBeUndefined();
  });
});

describe("undo after evaluating the same workbook again", () => {
  // The smallest case of the failures above. The second evaluation's record lists each of our blocks twice (as
  // it was, and as it is now: the same range), so undo loads the same rules through two collections and deletes
  // each twice; the second delete fails, after the first has already removed the rules.
  it("undoes the second evaluation", async () => {
    const { excel, port } = setup(goalsWorkbook(5));
    await port.evaluate(SETTINGS);
    const afterFirst = without(excel.snapshot(), UNDO_SHEET);
    await port.evaluate(SETTINGS);
    await expect(port.undo()).resolves.toMatchObject({ undone: true });
    expect(excel.snapshot()).toEqual(afterFirst);
  });
});

describe("undo after the table changed between evaluations", () => {
  const stripRules = (snap: Snapshot) => ({ ...snap, sheets: snap.sheets.map((x) => ({ ...x, conditionalFormats: [] })) });

  /** Evaluates ten goals, then the user clears the last three rows, then evaluates again. */
  async function shrunk() {
    const { excel, port } = setup(goalsWorkbook(10));
    await port.evaluate(SETTINGS);
    for (let r = 8; r <= 10; r++) for (let c = 0; c <= 4; c++) excel.sheet("Goals").rows.get(r)?.delete(c);
    const beforeSecond = without(excel.snapshot(), UNDO_SHEET);
    await port.evaluate(SETTINGS);
    // The second evaluation cleared the three rows' old statuses.
    expect(excel.values("Goals").length).toBe(8);
    return { excel, port, beforeSecond };
  }

  it("puts back the old statuses of rows the user cleared, and the rest as it was", async () => {
    const { excel, port, beforeSecond } = await shrunk();
    await expect(port.undo()).resolves.toMatchObject({ undone: true });
    expect(excel.values("Goals")[10]?.slice(5, 8)).toEqual(["Met", 1, expect.stringContaining("target met")]);
    expect(stripRules(without(excel.snapshot(), UNDO_SHEET))).toEqual(stripRules(beforeSecond));
  });

  // Our rules spanned the old block (rows 2-11); the second evaluation copied it to the undo record as two
  // ranges (its new block, rows 1-8, and the cleared rows 9-11), so undo pastes each rule back in two pieces.
  it("puts back our rules as they were, not split in two", async () => {
    const { excel, port, beforeSecond } = await shrunk();
    await port.undo();
    const rules = (snap: Snapshot) => snap.sheets.map((x) => ({ sheet: x.name, rules: x.conditionalFormats }));
    expect(rules(without(excel.snapshot(), UNDO_SHEET))).toEqual(rules(beforeSecond));
  });

  it("keeps the user's own edits made after the evaluation, outside our columns", async () => {
    const { excel, port } = setup(goalsWorkbook(10));
    await port.evaluate(SETTINGS);
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Goals");
      ws.getRange("E3").values = [[42]];
      ws.getRange("A12").values = [["A goal added later"]];
    });
    await port.undo();
    expect(excel.cell("Goals", "E3")?.value).toBe(42);
    expect(excel.cell("Goals", "A12")?.value).toBe("A goal added later");
    expect(excel.values("Goals")[0]).toEqual(["Goal", "Target", "Timeline", "Owner", "Actual"]);
  });
});

describe("canUndo and an empty undo", () => {
  it("is false before any evaluation, true after one, false again after undoing it", async () => {
    const { port } = setup(TRACKED());
    expect(await port.canUndo()).toBe(false);
    await port.evaluate(SETTINGS);
    expect(await port.canUndo()).toBe(true);
    await port.undo();
    expect(await port.canUndo()).toBe(false);
  });

  it("says there is nothing to undo, and changes nothing, when no evaluation was made", async () => {
    const { excel, port } = setup(TRACKED());
    const before = excel.snapshot();
    const result = await port.undo();
    expect(result.undone).toBe(false);
    expect(result.message).toMatch(/no evaluation to undo/i);
    expect(excel.snapshot()).toEqual(before);
  });

  it("undoes only once: a second undo finds nothing", async () => {
    const { excel, port } = setup(TRACKED());
    const before = excel.snapshot();
    await port.evaluate(SETTINGS);
    expect((await port.undo()).undone).toBe(true);
    expect((await port.undo()).undone).toBe(false);
    expect(excel.snapshot()).toEqual(before);
  });
});

describe("when undo cannot run", () => {
  it("refuses with a PortError naming a written sheet that became protected, and changes nothing", async () => {
    const { excel, port } = setup(TRACKED());
    await port.evaluate(SETTINGS);
    excel.sheet("KPA").protected = true;
    const before = excel.snapshot();
    excel.resetStats();
    const failure = await port.undo().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PortError);
    expect((failure as PortError).message).toContain('"KPA"');
    expect((failure as PortError).message).toMatch(/protected/);
    expect((failure as PortError).where).toEqual({ sheet: "KPA" });
    expect(excel.snapshot()).toEqual(before);
    expect(excel.stats.failures).toEqual([]);
    // Once unprotected, the same undo works.
    excel.sheet("KPA").protected = false;
    expect((await port.undo()).undone).toBe(true);
  });

  it("refuses with a PortError when the workbook's structure became protected, and changes nothing", async () => {
    const { excel, port } = setup(TRACKED());
    await port.evaluate(SETTINGS);
    excel.state.workbookProtected = true;
    const before = excel.snapshot();
    await expect(port.undo()).rejects.toBeInstanceOf(PortError);
    expect(excel.snapshot()).toEqual(before);
  });

  it("refuses with a PortError naming a written sheet that was deleted", async () => {
    const { excel, port } = setup(workbook(seedTemplate("KPA"), seedTemplate("Second KPA")));
    await port.evaluate(SETTINGS);
    excel.state.sheets.splice(
      excel.state.sheets.findIndex((s) => s.name === "Second KPA"),
      1,
    );
    const before = excel.snapshot();
    await expect(port.undo()).rejects.toMatchObject({ name: "PortError", where: { sheet: "Second KPA" } });
    expect(excel.snapshot()).toEqual(before);
  });
});

describe("undo and what an evaluation appends or draws", () => {
  const history = (excel: MemoryExcel) => excel.values(OUR_SHEETS.history);
  const chartsOf = (excel: MemoryExcel) => excel.sheet(OUR_SHEETS.summary).charts.map((c) => ({ ...c, id: undefined }));

  it("deletes the History sheet the first evaluation created, with its name", async () => {
    const { excel, port } = setup(loggedWorkbook());
    await port.evaluate(SETTINGS);
    expect(history(excel).length).toBeGreaterThan(1);
    await port.undo();
    expect(excel.state.sheet(OUR_SHEETS.history)).toBeUndefined();
    expect(excel.state.names.filter((n) => n.name.startsWith("KPATracker_"))).toEqual([]);
  });

  it("removes the snapshot rows a later evaluation appended, and only those", async () => {
    const { excel, port } = setup(loggedWorkbook());
    await port.evaluate(SETTINGS);
    const afterFirst = without(excel.snapshot(), UNDO_SHEET);
    const firstRows = history(excel);
    await port.evaluate({ ...SETTINGS, asOf: "2050-11-30" });
    expect(history(excel).length).toBe(2 * firstRows.length - 1);
    await port.undo();
    expect(history(excel)).toEqual(firstRows);
    expect(excel.snapshot()).toEqual(afterFirst);
  });

  it.each([
    ["more charts", "2050-08-31", "2050-10-15", 1, 3],
    ["fewer charts", "2050-10-15", "2050-08-31", 3, 1],
  ])("puts back the Summary's charts as they were when the undone evaluation drew %s", async (_label, first, second, before, after) => {
    const { excel, port } = setup(loggedWorkbook());
    await port.evaluate({ ...SETTINGS, asOf: first });
    const afterFirst = without(excel.snapshot(), UNDO_SHEET);
    const chartsBefore = chartsOf(excel);
    expect(chartsBefore).toHaveLength(before);
    await port.evaluate({ ...SETTINGS, asOf: second });
    expect(chartsOf(excel)).toHaveLength(after);
    expect(chartsOf(excel)).not.toEqual(chartsBefore);
    await port.undo();
    expect(chartsOf(excel)).toEqual(chartsBefore);
    expect(excel.snapshot()).toEqual(afterFirst);
  });

  it("puts back only the charts that were there: one the user deleted stays deleted, one the user drew stays", async () => {
    const { excel, port } = setup(loggedWorkbook());
    await port.evaluate(SETTINGS);
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(OUR_SHEETS.summary);
      ws.charts.getItem("KPATracker_Chart_2").delete();
      ws.charts.add("ColumnClustered" as Excel.ChartType, ws.getRange("B10:B16"), "Columns" as Excel.ChartSeriesBy).name = "Mine";
    });
    const beforeSecond = without(excel.snapshot(), UNDO_SHEET);
    await port.evaluate({ ...SETTINGS, asOf: "2050-10-20" });
    expect(
      excel
        .sheet(OUR_SHEETS.summary)
        .charts.map((c) => c.name)
        .sort(),
    ).toEqual(["KPATracker_Chart_1", "KPATracker_Chart_2", "KPATracker_Chart_3", "Mine"]);
    await port.undo();
    // Ours are drawn again after the user's, so the stacking order differs; each chart is as it was.
    const byName = (snap: unknown) => {
      const s = snap as { sheets: { charts: { name: string }[] }[] };
      return { ...s, sheets: s.sheets.map((x) => ({ ...x, charts: [...x.charts].sort((a, b) => a.name.localeCompare(b.name)) })) };
    };
    expect(byName(excel.snapshot())).toEqual(byName(beforeSecond));
    expect(
      excel
        .sheet(OUR_SHEETS.summary)
        .charts.map((c) => c.name)
        .sort(),
    ).toEqual(["KPATracker_Chart_1", "KPATracker_Chart_3", "Mine"]);
  });

  it("refuses with a PortError naming the History sheet when it became protected, and changes nothing", async () => {
    const { excel, port } = setup(loggedWorkbook());
    await port.evaluate(SETTINGS);
    await port.evaluate({ ...SETTINGS, asOf: "2050-11-30" });
    excel.sheet(OUR_SHEETS.history).protected = true;
    const before = excel.snapshot();
    await expect(port.undo()).rejects.toMatchObject({ name: "PortError", where: { sheet: OUR_SHEETS.history } });
    expect(excel.snapshot()).toEqual(before);
  });
});

describe("undo after making room beside a table", () => {
  /**
   * Goals in A:C with a neighbour in E:F (no room for our three columns), and the user's own things around it: a
   * formula and a name reaching into the neighbour, widths, a hidden column, a merge across the insert point, a rule.
   */
  function crowded(): MemoryExcel {
    const { excel } = setup(
      workbook(
        sheet("Goals", [
          ["Goal", "Target", "Actual", null, "Region", "Owner"],
          ["Sales", "≥ 10", 12, null, "North", "Ana"],
          ["Calls", "≥ 10", 4, null, "South", "Bo"],
          [],
          [],
          ["A note across the sheet"],
        ]),
        sheet("Notes", [["see"]]),
      ),
    );
    const goals = excel.sheet("Goals");
    goals.columnWidths.set(2, 80);
    goals.columnWidths.set(4, 100);
    goals.hiddenColumns.add(6);
    goals.merges.push({ top: 5, left: 0, bottom: 5, right: 5 });
    goals.conditionalFormats.push({
      id: 9002,
      ranges: [{ top: 1, left: 4, bottom: 2, right: 4 }],
      rule: { type: "CellValue", operator: "EqualTo", formula1: '="North"', fill: "#C6EFCE" },
    });
    const note = excel.sheet("Notes").rows.get(0)?.get(0);
    if (!note) throw new Error("no note");
    Object.assign(note, { formula: "=Goals!E2&Goals!C2", value: "North12" });
    excel.state.names.push({ name: "Regions", formula: "=Goals!$E$2:$E$3" });
    return excel;
  }

  /** Evaluates as the port does when the user accepted every offer: inserts, reads again, writes with the record. */
  async function evaluateMakingRoom(excel: MemoryExcel): Promise<readonly RoomRequest[]> {
    return excel.run(async (context) => {
      const options = { ...SETTINGS, generatedAt: "2050-10-15 09:00" };
      const first = runEngine((await readWorkbook(context)).grid, options).plan;
      queueInsertColumns(context, first.room);
      await context.sync();
      const read = await readWorkbook(context);
      await applyPlan(context, runEngine(read.grid, options).plan, read, { inserted: first.room });
      return first.room;
    });
  }

  it("inserts, writes the statuses in the new columns, and undo gives back the sheet from before the insert", async () => {
    const excel = crowded();
    const before = excel.snapshot();
    const room = await evaluateMakingRoom(excel);
    expect(room).toEqual([{ sheet: "Goals", at: 3, count: 3, table: "A1:C3" }]);
    expect(excel.values("Goals")[0]?.slice(0, 8)).toEqual([
      "Goal",
      "Target",
      "Actual",
      "KPA Status",
      "KPA Progress",
      "KPA Explanation",
      "",
      "Region",
    ]);
    expect(excel.cell("Notes", "A1")?.formula).toBe("=Goals!H2&Goals!C2");
    expect(excel.state.names.find((n) => n.name === "Regions")?.formula).toBe("=Goals!$H$2:$H$3");

    const { port } = setupOn(excel);
    const result = await port.undo();
    expect(result.undone).toBe(true);
    expect(excel.snapshot()).toEqual(before);
    expect(excel.state.sheet(UNDO_SHEET)).toBeUndefined();
    expect(excel.stats.failures).toEqual([]);
  });

  it("deletes several inserts on one sheet, highest first, back to the sheet as it was", async () => {
    const excel = crowded();
    const before = excel.snapshot();
    const room: RoomRequest[] = [
      { sheet: "Goals", at: 3, count: 2, table: "A1:C3" },
      { sheet: "Goals", at: 5, count: 1, table: "E1:F3" },
    ];
    await excel.run(async (context) => {
      queueInsertColumns(context, room);
      await context.sync();
      const read = await readWorkbook(context);
      await applyPlan(context, runEngine(read.grid, { ...SETTINGS }).plan, read, { inserted: room });
    });
    // Region (E) moved past the two columns at D, Owner (F) past those and the one at F.
    expect([excel.cell("Goals", "G1")?.value, excel.cell("Goals", "I1")?.value]).toEqual(["Region", "Owner"]);
    const { port } = setupOn(excel);
    await expect(port.undo()).resolves.toMatchObject({ undone: true });
    expect(excel.snapshot()).toEqual(before);
  });

  it("refuses, changing nothing, when a sheet whose only change was the insert became protected", async () => {
    const excel = crowded();
    const room: RoomRequest[] = [{ sheet: "Goals", at: 3, count: 1, table: "A1:C3" }];
    const touched = await excel.run(async (context) => {
      queueInsertColumns(context, room);
      await context.sync();
      const read = await readWorkbook(context);
      const plan = runEngine(read.grid, { ...SETTINGS }).plan;
      await applyPlan(context, plan, read, { inserted: room });
      return [...plan.writes, ...plan.clears, ...plan.ruleScope].map((w) => w.sheet);
    });
    // Still no room for the statuses: nothing but the insert touched Goals.
    expect(touched).not.toContain("Goals");
    excel.sheet("Goals").protected = true;
    const before = excel.snapshot();
    const { port } = setupOn(excel);
    await expect(port.undo()).rejects.toThrow(/Goals/);
    expect(excel.snapshot()).toEqual(before);
  });

  it("keeps the inserted columns in the record, and refuses to undo, changing nothing, once their sheet is protected", async () => {
    const excel = crowded();
    await evaluateMakingRoom(excel);
    const record = await excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem(UNDO_SHEET).getRange("A:D").getUsedRangeOrNullObject(true).load("values");
      await context.sync();
      return r.values;
    });
    expect(decodeUndo(record)?.filter((e) => e.kind === "inserted")).toEqual([{ kind: "inserted", sheet: "Goals", at: 3, count: 3 }]);
    excel.sheet("Goals").protected = true;
    const before = excel.snapshot();
    const { port } = setupOn(excel);
    await expect(port.undo()).rejects.toThrow(PortError);
    expect(excel.snapshot()).toEqual(before);
  });
});

describe("the undo record's inserted columns", () => {
  it("encode as a column range and decode back; a record without them still decodes", () => {
    const entries = [
      { kind: "asOf", asOf: "2050-10-15" },
      { kind: "inserted", sheet: "Goals", at: 8, count: 3 },
    ] as const;
    const rows = encodeUndo(entries);
    expect(rows[2]).toEqual(["inserted", "Goals", "I:K", ""]);
    expect(decodeUndo(rows)).toEqual(entries);
    expect(decodeUndo(encodeUndo([entries[0]]))).toEqual([entries[0]]);
    expect(decodeUndo([...rows, ["inserted", "Goals", "K:I", ""]])).toBeUndefined();
  });
});

/** A port over a workbook already set up. */
function setupOn(excel: MemoryExcel) {
  return { port: createExcelPort(excel.run, { kind: "memory", settings: memorySettings(), now: () => NOW }) };
}
