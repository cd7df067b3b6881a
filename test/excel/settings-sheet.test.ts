// The add-in judges through the same engine as `kpa`, so it reads the workbook's KPA Settings sheet too. A value
// in the sheet wins over what the pane saved in the document (the sheet is the rules everyone reads); where the
// sheet sets nothing, the pane's saved value applies.
import type { EvaluateSettings } from "../../src/app/port";
import { pct, sheet, workbook } from "../fixtures/builders";
import { SETTINGS, setup } from "./harness";

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
