// Guarantee: what the command prints. Progress lines go only to the progress channel (stderr, and only on a
// terminal: see bin.test.ts for the real process), the summary to stdout, and --quiet prints nothing at all.
import * as fs from "fs";
import * as path from "path";
import { AS_OF, EXAMPLE, removeDir, runKpa, tempDir } from "../fixtures/xlsx";

let dir: string;
beforeEach(() => (dir = tempDir()));
afterEach(() => removeDir(dir));

describe("kpa evaluate output", () => {
  it("sends progress to the progress channel only, and the summary to stdout", async () => {
    const out = path.join(dir, "out.xlsx");
    const run = await runKpa("evaluate", EXAMPLE, "--out", out, "--as-of", AS_OF);
    expect(run.code).toBe(0);
    expect(run.err).toEqual([]);
    expect(run.progress).toEqual([`Reading ${EXAMPLE}…`, "Evaluating 2 sheet(s)…", `Writing ${out}…`]);
    expect(run.out[0]).toBe(`Evaluated 15 rows in 4 tables as of ${AS_OF} → ${out}`);
    expect(run.out.join("\n")).toMatch(/^ {2}At Risk +2$/m);
    expect(run.out.join("\n")).toContain(`At Risk       Customer Service KPA!A19  Improve Retention Rate:`);
    for (const line of run.progress) expect(run.out).not.toContain(line);
  });

  it("prints nothing at all with --quiet, and still writes the workbook and the report", async () => {
    const out = path.join(dir, "out.xlsx");
    const json = path.join(dir, "report.json");
    const run = await runKpa("evaluate", EXAMPLE, "--out", out, "--json", json, "--as-of", AS_OF, "--quiet");
    expect(run).toEqual({ code: 0, out: [], err: [], progress: [] });
    expect(fs.statSync(out).size).toBeGreaterThan(1000);
    expect(fs.statSync(json).size).toBeGreaterThan(1000);
  });

  it("writes IN.evaluated.xlsx beside the input when no --out is given", async () => {
    const input = path.join(dir, "team.xlsx");
    fs.copyFileSync(EXAMPLE, input);
    const run = await runKpa("evaluate", input, "--as-of", AS_OF, "--quiet");
    expect(run.code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(["team.evaluated.xlsx", "team.xlsx"]);
  });
});
