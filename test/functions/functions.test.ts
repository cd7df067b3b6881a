// The worksheet functions on the inputs a formula passes: numbers without formats, date serials, text as typed.
import { serialFromIso } from "../../src/engine/dates";
import { evaluateGrid } from "../../src/engine/index";
import { judgeOne, singleGrid } from "../../src/engine/single";
import { explain, progress, status } from "../../src/functions/functions";

const AS_OF = "2050-01-01";

describe("KPA.STATUS, KPA.EXPLAIN, KPA.PROGRESS", () => {
  it("read a percentage actual as a fraction or as a percent figure, whichever is nearer the target", () => {
    for (const actual of [0.8, 80, "80%"]) {
      expect(status(actual, "≥ 85%", null, AS_OF)).toBe("At Risk");
      expect(explain(actual, "≥ 85%", null, AS_OF)).toBe("80% vs ≥ 85%: 5.9% short, within 10% tolerance → At Risk");
      expect(progress(actual, "≥ 85%", null, AS_OF)).toBeCloseTo(80 / 85, 10);
    }
    // A small error rate typed as a plain number stays a percent figure.
    expect(explain(1.5, "under 2%", null, AS_OF)).toMatch(/^1\.5% vs < 2%/);
  });

  it("agree with Evaluate on a cell holding 0.8 formatted 0%", () => {
    const grid = singleGrid({ actual: 0.8, target: "≥ 85%" });
    expect(grid.sheets[0]?.numberFormats?.[1]?.[2]).toBe("0%");
    const row = evaluateGrid(grid, { asOf: AS_OF }).rows[0];
    expect(row?.explanation).toBe(explain(0.8, "≥ 85%", null, AS_OF));
  });

  it("read durations, dates as serials or text, and today when asOf is omitted", () => {
    expect(status(1.5, "under 2 hours", null, AS_OF)).toBe("Met");
    expect(status("3 hours", "under 2 hours", null, AS_OF)).toBe("Off Track");
    const due = serialFromIso("2049-12-01") as number;
    const asOf = serialFromIso(AS_OF) as number;
    expect(status(0.5, "≥ 85%", due, asOf)).toBe(status(0.5, "≥ 85%", "2049-12-01", AS_OF));
    expect(status(0.5, "≥ 85%", due, asOf)).toBe("Overdue");
    expect(status(0.9, "≥ 85%")).toBe("Met");
  });

  it("say No Data without an actual and Needs Target without a target", () => {
    expect(status(null, "≥ 85%", null, AS_OF)).toBe("No Data");
    expect(status("", "≥ 85%", null, AS_OF)).toBe("No Data");
    expect(status(5, null, null, AS_OF)).toBe("Needs Target");
    expect(() => progress(5, null, null, AS_OF)).toThrow(/^No progress: No target/);
  });

  it("judge a milestone and a change from the baseline", () => {
    expect(status("Not started", "Complete", "2050-01-20", AS_OF)).toBe("At Risk");
    expect(status("Done", "Complete", "2050-01-20", AS_OF)).toBe("Met");
    expect(status(75, "+10 points", null, AS_OF, 60)).toBe("Met");
  });

  it("take the goal's wording for the direction of a bare target", () => {
    expect(status(3, "2", null, AS_OF, null, "Reduce complaints")).toBe("Off Track");
    expect(status(3, "2", null, AS_OF, null, "Increase sales calls")).toBe("Met");
  });

  it("refuse an unusable as-of date with its reason", () => {
    expect(() => status(1, "≥ 1", null, "someday")).toThrow("The as-of date someday is not a date.");
  });

  it("remember a judgement: the same inputs give the same object", () => {
    const a = judgeOne({ actual: 0.8, target: "≥ 85%", asOf: AS_OF });
    expect(judgeOne({ actual: 0.8, target: "≥ 85%", asOf: AS_OF, due: undefined })).toBe(a);
  });
});
