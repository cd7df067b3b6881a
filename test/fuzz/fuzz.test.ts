// `npm run fuzz` (scripts/fuzz.js): the property test of test/engine/property.test.ts at scale, 100,000 cases by
// default, split over shards that each run this file with FUZZ_CASES and FUZZ_SEED. Runs only in the jest project
// "fuzz", which exists only when FUZZ_CASES is set (jest.config.js), so `npm test` never runs it. Prints the cases run, the share that judged at least one row and the share of rows per
// status; fails when fewer than half the cases judge a row or a status never occurs. A failure's shrunk case is
// written to out/fuzz-failure-SEED.ts as a ready-to-paste `it` for test/engine/fuzz-regressions.test.ts.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { STATUSES, type Status } from "../../src/engine/status";
import { checkCase } from "./check";
import { options, workbook } from "./generators";
import { reduce } from "./reduce";

const CASES = Number(process.env.FUZZ_CASES ?? 100_000);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() ^ (Math.random() * 0x100000000);
const OUT = path.join(__dirname, "..", "..", "out");
const say = (line: string) => process.stdout.write(`${line}\n`);
const pct = (n: number, of: number) => `${of === 0 ? "0" : ((100 * n) / of).toFixed(2)}%`;

it(
  `fuzz: ${CASES} generated workbooks through run → apply → run → apply`,
  () => {
    let cases = 0;
    let evaluated = 0;
    let rows = 0;
    let problems = 0;
    const statuses = new Map<Status, number>(STATUSES.map((s) => [s, 0]));
    const started = Date.now();
    let shrinking = false;
    const details = fc.check(
      fc.property(workbook, options, (wb, opts) => {
        if (shrinking) {
          checkCase(wb, opts);
          return;
        }
        let stats: ReturnType<typeof checkCase>;
        try {
          stats = checkCase(wb, opts);
        } catch (e) {
          // The runs after the first failure shrink it: they do not count.
          shrinking = true;
          throw e;
        }
        cases++;
        if (stats.statuses.length > 0) evaluated++;
        rows += stats.statuses.length;
        problems += stats.problems;
        for (const s of stats.statuses) statuses.set(s, (statuses.get(s) ?? 0) + 1);
        if (cases % 10_000 === 0) process.stderr.write(`fuzz: ${cases} cases, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
      }),
      { numRuns: CASES, seed: SEED },
    );
    const seconds = (Date.now() - started) / 1000;
    say(
      `fuzz: seed ${SEED}, ${cases} cases in ${seconds.toFixed(0)} s (${((1000 * seconds) / Math.max(1, cases)).toFixed(1)} ms per case)`,
    );
    say(`fuzz: ${pct(evaluated, cases)} of cases judged at least one row; ${rows} rows, ${problems} problems`);
    for (const s of STATUSES)
      say(`fuzz:   ${s.padEnd(12)} ${String(statuses.get(s) ?? 0).padStart(9)} rows  ${pct(statuses.get(s) ?? 0, rows)}`);
    // For scripts/fuzz.js, which adds up its shards.
    if (process.env.FUZZ_REPORT)
      fs.writeFileSync(
        process.env.FUZZ_REPORT,
        JSON.stringify({
          seed: SEED,
          cases,
          evaluated,
          rows,
          problems,
          seconds,
          failed: details.failed,
          statuses: Object.fromEntries(statuses),
        }),
      );

    if (details.failed && details.counterexample) {
      // fast-check's shrunk case, made smaller still by dropping sheets, rows and cells while it fails the same way.
      const small = reduce(...details.counterexample);
      const example = fc.stringify([small.wb, small.opts]);
      let error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      try {
        checkCase(small.wb, small.opts);
      } catch (e) {
        error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      }
      fs.mkdirSync(OUT, { recursive: true });
      const file = path.join(OUT, `fuzz-failure-${details.seed}.ts`);
      fs.writeFileSync(
        file,
        [
          `// Found by npm run fuzz (seed ${details.seed}, path ${details.counterexamplePath}), shrunk and reduced:`,
          ...error.split("\n").map((l) => `// ${l}`),
          `it("FIXME: name what it checks", () => {`,
          `  const [wb, opts] = ${example};`,
          `  checkCase(wb, opts);`,
          `});`,
          "",
        ].join("\n"),
      );
      say(`fuzz: FAILED after ${cases} cases (seed ${details.seed}, path ${details.counterexamplePath}); shrunk case in ${file}`);
      throw new Error(`${error}\n\nShrunk case:\n${example.slice(0, 20_000)}`);
    }
    expect(cases).toBe(CASES);
    expect(evaluated / cases).toBeGreaterThanOrEqual(0.5);
    expect(STATUSES.filter((s) => (statuses.get(s) ?? 0) === 0)).toEqual([]);
  },
  24 * 3600 * 1000,
);
