// The add-in judges through the same engine as `kpa`, so it reads the workbook's KPA Settings sheet too. A value
// in the sheet wins over what the pane saved in the document (the sheet is the rules everyone reads); where the
// sheet sets nothing, the pane's saved value applies.
import { type EvaluateSettings, PortError } from "../../src/app/port";
import { createExcelPort } from "../../src/excel/excel-port";
import { pct, sheet, workbook } from "../fixtures/builders";
import { NOW, SETTINGS, memorySettings, setup } from "./harness";

/** A goal 15% short of its target: Off Track at a 10% tolerance, At Risk at the sheet's 20%. */
const grid = () =>
  workbook(
    sheet("Goals", [
      ["Goal", "Target", "Actual"],
      ["Grow revenue", "≥ 100", 85],
    ]),
    sheet("KPA Settings", [["KPA Settings"], ["Setting", "Value", "What it means"], ["Tolerance", pct(0.2)]]),
  );

/** The pane's settings without a tolerance of its own: the workbook's rules decide. */
const FROM_SHEET = { ...SETTINGS, tolerance: undefined } as unknown as EvaluateSettings;

describe("the Excel port and the KPA Settings sheet", () => {
  it("judges with the sheet's tolerance when the pane passes none", async () => {
    const { port } = setup(grid());
    const result = await port.evaluate(FROM_SHEET);
    expect(result.counts["At Risk"]).toBe(1);
    expect(result.counts["Off Track"]).toBe(0);
  });

  it("the sheet's tolerance wins over the one the pane saved in the document", async () => {
    const { port } = setup(grid());
    const result = await port.evaluate({ ...SETTINGS, tolerance: 0.1 });
    expect(result.counts["At Risk"]).toBe(1);
    expect(result.counts["Off Track"]).toBe(0);
  });

  it("where the sheet sets no tolerance, the pane's saved one applies", async () => {
    const blank = workbook(
      sheet("Goals", [
        ["Goal", "Target", "Actual"],
        ["Grow revenue", "≥ 100", 85],
      ]),
      sheet("KPA Settings", [["KPA Settings"], ["Setting", "Value", "What it means"], ["Tolerance", null]]),
    );
    const { port } = setup(blank);
    expect((await port.evaluate({ ...SETTINGS, tolerance: 0.2 })).counts["At Risk"]).toBe(1);
    const again = setup(blank);
    expect((await again.port.evaluate({ ...SETTINGS, tolerance: 0.1 })).counts["Off Track"]).toBe(1);
  });

  it("a value the sheet cannot read is a problem naming its cell", async () => {
    const bad = workbook(
      sheet("Goals", [
        ["Goal", "Target", "Actual"],
        ["Grow revenue", "≥ 100", 85],
      ]),
      sheet("KPA Settings", [["KPA Settings"], ["Setting", "Value"], ["Tolerance", "lots"]]),
    );
    const { port } = setup(bad);
    const scan = await port.scan(FROM_SHEET);
    expect(scan.problems.map((p) => `${p.sheet}!${p.cell}`)).toContain("KPA Settings!B3");
    expect(scan.tables.map((t) => t.sheet)).toEqual(["Goals"]);
  });
});

// The pane's Options show and edit the KPA Settings sheet: what the pane shows is what the file says.
describe("the pane's Options and the KPA Settings sheet", () => {
  const goalsOnly = () =>
    workbook(
      sheet("Goals", [
        ["Goal", "Target", "Actual"],
        ["Grow revenue", "≥ 100", 85],
      ]),
    );

  it("load the rules from the sheet, over what an earlier version saved in the document", async () => {
    const { port } = setup(grid(), { settings: memorySettings({ asOf: "2050-09-30", tolerance: 0.05, dateOrder: "dmy" }) });
    const loaded = await port.loadSettings();
    // The sheet sets the tolerance; the document's date order applies where the sheet sets none.
    expect(loaded).toMatchObject({ asOf: "2050-09-30", tolerance: 0.2, dateOrder: "dmy" });
  });

  it("a changed tolerance is written to its cell on the sheet, and nothing else of the sheet changes", async () => {
    const { excel, port } = setup(grid());
    const before = excel.values("KPA Settings");
    await port.saveSettings({ ...SETTINGS, tolerance: 0.2, milestoneWindowDays: 45 });
    const after = excel.values("KPA Settings");
    expect(after.length).toBeGreaterThan(0);
    expect(excel.cell("KPA Settings", "B3")?.value).toBe(0.2);
    // The window had no row: it gets one below the sheet's content, after a blank row, with what it means.
    expect(after[0]).toEqual(before[0]);
    expect(after[2]?.[0]).toBe("Tolerance");
    expect(excel.cell("KPA Settings", "A5")?.value).toBe("Milestone warning window (days)");
    expect(excel.cell("KPA Settings", "B5")?.value).toBe(45);
    expect(String(excel.cell("KPA Settings", "C5")?.value)).toMatch(/milestone not yet started/);
    // And the next evaluation, in the pane or in kpa, reads them back.
    expect(await port.loadSettings()).toMatchObject({ tolerance: 0.2, milestoneWindowDays: 45 });
    const result = await port.evaluate({ ...SETTINGS, tolerance: 0.2, milestoneWindowDays: 45 });
    expect(result.problems.filter((p) => p.sheet === "KPA Settings")).toEqual([]);
  });

  it("saving settings nobody changed writes nothing to the workbook (a new as-of date lives in the document)", async () => {
    const { excel, port } = setup(goalsOnly());
    const before = excel.snapshot();
    await port.saveSettings({ ...SETTINGS, asOf: "2050-12-31" });
    expect(excel.snapshot()).toEqual(before);
    expect(excel.state.names).toEqual([]);
    expect((await port.loadSettings()).asOf).toBe("2050-12-31");
  });

  it("a changed rule in a workbook without the sheet creates it, holding every rule, and marks it with our name", async () => {
    const { excel, port } = setup(goalsOnly());
    await port.saveSettings({ ...SETTINGS, fiscalYearStart: 4 });
    const values = excel.values("KPA Settings");
    expect(values.length).toBeGreaterThan(5);
    expect(values.slice(2, 6).map((r) => r.slice(0, 2))).toEqual([
      ["Tolerance", 0.1],
      ["Milestone warning window (days)", 30],
      ["Date order", "mdy"],
      ["Fiscal year start", "April"],
    ]);
    expect(excel.cell("KPA Settings", "B3")?.numberFormat).toBe("0%");
    expect(excel.state.names.map((n) => n.name)).toContain("KPATracker_Sheet_Settings");
    expect(await port.loadSettings()).toMatchObject({ fiscalYearStart: 4 });
  });

  it("a sheet made from Options prints as ours do, and on a host without page layout (ExcelApi 1.9) is made without it", async () => {
    const { excel, port } = setup(goalsOnly());
    await port.saveSettings({ ...SETTINGS, tolerance: 0.2 });
    expect(excel.sheet("KPA Settings").print.centerFooter).toContain("page");
    const older = setup(goalsOnly(), { print: false });
    await older.port.saveSettings({ ...SETTINGS, tolerance: 0.2 });
    expect(older.excel.cell("KPA Settings", "B3")?.value).toBe(0.2);
    expect(older.excel.sheet("KPA Settings").print.centerFooter).toBe("");
    expect(older.excel.stats.failures).toEqual([]);
  });

  it("settings an earlier version saved in the document move into the sheet on the first evaluation, once", async () => {
    const { excel, port } = setup(goalsOnly(), { settings: memorySettings({ asOf: SETTINGS.asOf, tolerance: 0.2, dateOrder: "dmy" }) });
    const loaded = await port.loadSettings();
    expect(loaded).toMatchObject({ tolerance: 0.2, dateOrder: "dmy" });
    const result = await port.evaluate({ ...SETTINGS, tolerance: 0.2, dateOrder: "dmy" });
    expect(result.counts["At Risk"]).toBe(1);
    expect(excel.cell("KPA Settings", "B3")?.value).toBe(0.2);
    expect(excel.cell("KPA Settings", "B5")?.value).toBe("dmy");
    // From now on the sheet decides, whatever the document says: a second port whose document holds other values.
    const other = createExcelPort(excel.run, { kind: "memory", settings: memorySettings({ tolerance: 0.05 }), now: () => NOW });
    expect(await other.loadSettings()).toMatchObject({ tolerance: 0.2, dateOrder: "dmy" });
    const before = excel.values("KPA Settings");
    await port.evaluate({ ...SETTINGS, tolerance: 0.2, dateOrder: "dmy" });
    expect(excel.values("KPA Settings")).toEqual(before);
  });

  it("a protected settings sheet: a PortError naming it, and nothing changed", async () => {
    const { excel, port } = setup(grid());
    excel.sheet("KPA Settings").protected = true;
    const before = excel.snapshot();
    const failure = await port.saveSettings({ ...SETTINGS, tolerance: 0.3 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PortError);
    expect((failure as PortError).message).toContain('"KPA Settings"');
    expect((failure as PortError).message).toMatch(/protected/i);
    expect(excel.snapshot()).toEqual(before);
  });

  it("undo removes the sheet the evaluation made while it holds what was written, and keeps it once someone edited it", async () => {
    const first = setup(goalsOnly());
    const before = first.excel.snapshot();
    await first.port.evaluate(SETTINGS);
    expect(first.excel.state.sheet("KPA Settings")).toBeDefined();
    expect((await first.port.undo()).message).not.toContain("KPA Settings");
    expect(first.excel.snapshot()).toEqual(before);

    const second = setup(goalsOnly());
    await second.port.evaluate(SETTINGS);
    await second.port.saveSettings({ ...SETTINGS, tolerance: 0.25 });
    const undone = await second.port.undo();
    expect(undone.message).toContain('The "KPA Settings" sheet stays, as it was edited since.');
    expect(second.excel.state.sheet("KPA Settings")).toBeDefined();
    expect(second.excel.cell("KPA Settings", "B3")?.value).toBe(0.25);
    // Our summary sheets are gone as usual.
    expect(second.excel.state.sheet("KPA Summary")).toBeUndefined();
  });

  it("a measurement recorded for Q1 2050 counts from the end of the quarter the sheet's fiscal year start makes it", async () => {
    const { excel, port } = setup(
      workbook(
        sheet("Goals", [
          ["Goal", "Target", "Actual"],
          ["Grow revenue", "≥ 100", null],
        ]),
        sheet("KPA Settings", [["KPA Settings"], ["Setting", "Value"], ["Fiscal year start", "April"]]),
      ),
    );
    const at = await port.recordMeasurement({ kpi: "Grow revenue", date: "Q1 2050", value: "101" });
    expect(at.added).toBe(true);
    expect(excel.values(at.sheet).some((r) => r[0] === "Grow revenue")).toBe(true);
    // As of August 1, 2049 the first quarter of FY2050 (April to June 2049) has ended: its value counts.
    const result = await port.evaluate({ ...SETTINGS, asOf: "2049-08-01" });
    expect(result.counts.Met).toBe(1);
  });
});
