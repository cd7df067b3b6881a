// detect → evaluate → plan → apply → evaluate must never throw and must keep its promises, whatever the grid holds.
// The grids are tables people build (test/fuzz/generators.ts), now and then with values from the edges; the
// properties are checked by test/fuzz/check.ts. `npm run fuzz` runs the same at 100,000 cases.
import fc from "fast-check";
import { STATUSES, type Status } from "../../src/engine/status";
import { checkCase } from "../fuzz/check";
import { options, workbook } from "../fuzz/generators";

it("keeps its promises on generated workbooks: no throw, known statuses, valid cells, user cells kept, idempotent", () => {
  // Across the runs: how many rows and problems were checked, so the checks cannot pass on empty results alone.
  let cases = 0;
  let evaluated = 0;
  let problems = 0;
  const statuses = new Map<Status, number>();
  fc.assert(
    fc.property(workbook, options, (wb, opts) => {
      const stats = checkCase(wb, opts);
      cases++;
      if (stats.statuses.length > 0) evaluated++;
      problems += stats.problems;
      for (const s of stats.statuses) statuses.set(s, (statuses.get(s) ?? 0) + 1);
    }),
    { numRuns: 300 },
  );
  // Tables, not noise: most cases judge a row, and every status occurs.
  expect(evaluated / cases).toBeGreaterThanOrEqual(0.5);
  expect([...statuses.keys()].sort()).toEqual([...STATUSES].sort());
  expect(problems).toBeGreaterThan(0);
  // A few hundred cases of detection, evaluation, planning and applying twice: seconds on an idle machine.
}, 120_000);
