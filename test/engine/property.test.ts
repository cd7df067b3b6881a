// detect + evaluate + plan must never throw, whatever the grid holds.
import fc from "fast-check";
import { applyPlanToGrid } from "../../src/engine/apply";
import type { CellValue, SheetGrid } from "../../src/engine/grid";
import { run } from "../../src/engine/index";
import { STATUSES } from "../../src/engine/status";

// Header words and KPA-ish phrases make tables appear often, so evaluation paths are exercised, not just detection.
const words = fc.constantFrom(
  "Goal",
  "Target",
  "Actual",
  "Baseline",
  "KPI",
  "Owner",
  "Timeline",
  "Role",
  "Training Needs",
  "Completed",
  "Status",
  "Weight",
  "Start",
  "Direction",
  "Frequency of Review",
  "Last Review",
  "KPA Status",
  "85%",
  "< 2 hours",
  "Improve NPS by 10 points.",
  "between 40% and 60%",
  "Q4 2050",
  "03/04/2050",
  "TBD",
  "N/A",
  "-",
  "Yes",
  "Approved",
  "$1.2M",
  "3:1",
  "8/10",
  "=SUM(A1)",
  "I. Section",
  "lower is better",
  "",
);
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 4, arbitrary: words },
  { weight: 2, arbitrary: fc.string() },
  { weight: 2, arbitrary: fc.double({ noNaN: false }) },
  { weight: 1, arbitrary: fc.integer({ min: -1e6, max: 1e6 }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: false }) },
  { weight: 1, arbitrary: fc.constantFrom({ error: "#N/A" }, { error: "#DIV/0!" }) },
  { weight: 3, arbitrary: fc.constant(null) },
);
const format = fc.constantFrom("General", "0%", "yyyy-mm-dd", "$#,##0", "@", "0.00", "h:mm");
const grid: fc.Arbitrary<SheetGrid> = fc
  .record({
    name: fc.constantFrom("Sheet1", "KPA", "Goals 2050", "KPA Summary"),
    rows: fc.array(fc.array(fc.tuple(cell, format), { maxLength: 9 }), { maxLength: 14 }),
    row: fc.nat(5),
    col: fc.nat(5),
  })
  .map(({ name, rows, row, col }) => ({
    name,
    values: rows.map((r) => r.map(([v]) => v)),
    numberFormats: rows.map((r) => r.map(([, f]) => f)),
    origin: { row, col },
  }));

it("never throws on arbitrary grids; each row's explanation ends with its status, each problem names a cell", () => {
  // Across the runs: how many rows and problems were checked, so the checks cannot pass on empty results alone.
  let rows = 0;
  let problems = 0;
  fc.assert(
    fc.property(fc.array(grid, { minLength: 1, maxLength: 3 }), fc.double({ min: 0, max: 1, noNaN: true }), (sheets, tolerance) => {
      const unique = sheets.filter((s, i) => sheets.findIndex((x) => x.name === s.name) === i);
      const wb = { sheets: unique };
      const { evaluation, plan } = run(wb, { asOf: "2050-06-30", tolerance, generatedAt: "t", generator: "fc" });
      for (const r of evaluation.rows) {
        expect(STATUSES).toContain(r.status);
        expect(r.explanation).toMatch(new RegExp(`\\S → ${r.status}$`));
      }
      for (const p of plan.problems) expect(p.cell).toMatch(/^[A-Z]{1,3}\d+$/);
      rows += evaluation.rows.length;
      problems += plan.problems.length;
      // Applying the plan and evaluating again must not throw either.
      run(applyPlanToGrid(wb, plan), { asOf: "2050-06-30", tolerance, generatedAt: "t", generator: "fc" });
    }),
    { numRuns: 400 },
  );
  expect(rows).toBeGreaterThan(0);
  expect(problems).toBeGreaterThan(0);
  // 400 runs of detection, evaluation and planning: seconds on an idle machine, far more on a busy one.
}, 120_000);
