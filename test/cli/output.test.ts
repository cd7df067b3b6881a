// Guarantee: what the command prints. Progress lines go only to the progress channel (stderr, and only on a
// terminal: see bin.test.ts for the real process), the summary to stdout, and --quiet prints nothing at all.
import * as fs from "fs";
import * as path from "path";
import type { Report } from "../../src/engine/report";
import { AS_OF, EXAMPLE, date, evaluateOk, goalsWorkbook, removeDir, runKpa, tempDir } from "../fixtures/xlsx";

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
    // 10 goals and trainings; the 5 KPA elements take their statuses from their goals and are not counted again.
    expect(run.out[0]).toBe(`Evaluated 10 rows in 4 tables as of ${AS_OF} → ${out}`);
    // The example has no KPA Settings sheet, so its first evaluation adds one.
    expect(run.out[1]).toBe(
      'Created the "KPA Settings" sheet with the settings this run used: edit it to change how rows are judged, by kpa and the add-in.',
    );
    expect(run.out[2]).toBe("5 KPA elements take their status from the goals that measure them, so they are not counted again.");
    expect(run.out.join("\n")).toMatch(/^ {2}At Risk +1$/m);
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

describe("kpa evaluate --milestone-window", () => {
  it("sets how many days before its deadline a milestone not started is At Risk", async () => {
    // Due 40 days after the as-of date and not started: outside the default 30-day window, inside a 60-day one.
    const file = await goalsWorkbook(path.join(dir, "launch.xlsx"), [
      { goal: "Launch the partner portal", target: "Launched", timeline: date("2050-11-24"), owner: "Ana", actual: "Not started" },
    ]);
    const statusOf = async (...flags: string[]) => {
      const json = path.join(dir, `r${flags.length}.json`);
      await evaluateOk(file, "--out", path.join(dir, `o${flags.length}.xlsx`), "--as-of", AS_OF, "--json", json, ...flags);
      const report = JSON.parse(fs.readFileSync(json, "utf8")) as Report;
      expect(report.rows).toHaveLength(1);
      return report.rows[0]?.status;
    };
    expect(await statusOf()).toBe("On Track");
    expect(await statusOf("--milestone-window", "60")).toBe("At Risk");
  });
});
