// Runs every corpus layout (public KPI scorecards rebuilt as .xlsx) through `kpa evaluate` and compares the status of
// each expected row with the JSON report. Expectations were decided by hand from README.md's rules; a row the product
// did not evaluate counts as a miss. Prints one score table at the end and fails on any wrong row.
import * as fs from "fs";
import * as path from "path";
import { removeDir, runKpa, tempDir } from "../fixtures/xlsx";
import { writeLayout } from "./build";
import type { Expected, Layout, Status } from "./layout";
import { LAYOUTS } from "./layouts";

interface ReportRow {
  readonly sheet: string;
  readonly row: number;
  readonly name: string;
  readonly status: string;
  readonly actual: string | null;
  readonly target: string | null;
  readonly explanation: string;
}

interface Miss {
  readonly expected: Expected;
  readonly got: string;
  readonly detail: string;
}

interface Outcome {
  readonly layout: string;
  readonly total: number;
  readonly misses: readonly Miss[];
}

const STATUSES: readonly Status[] = ["Met", "On Track", "At Risk", "Off Track", "Overdue", "No Data", "Needs Target"];

async function evaluateLayout(layout: Layout, dir: string): Promise<Outcome> {
  const input = await writeLayout(layout, path.join(dir, `${layout.name}.xlsx`));
  const out = path.join(dir, `${layout.name}.evaluated.xlsx`);
  const reportFile = path.join(dir, `${layout.name}.json`);
  const run = await runKpa("evaluate", input, "--out", out, "--as-of", layout.asOf, "--json", reportFile, "--quiet");
  if (run.code !== 0 || !fs.existsSync(reportFile)) {
    const why = `kpa exited ${run.code}: ${run.err.join(" ").trim() || "no report"}`;
    return {
      layout: layout.name,
      total: layout.expected.length,
      misses: layout.expected.map((e) => ({ expected: e, got: "(not evaluated)", detail: why })),
    };
  }
  const report = JSON.parse(fs.readFileSync(reportFile, "utf8")) as { rows: readonly ReportRow[] };
  const byCell = new Map(report.rows.map((r) => [`${r.sheet}!${r.row}`, r]));
  const misses: Miss[] = [];
  for (const e of layout.expected) {
    const r = byCell.get(`${e.sheet}!${e.row}`);
    if (!r) misses.push({ expected: e, got: "(not evaluated)", detail: "the report has no row here" });
    else if (r.status !== e.status)
      misses.push({ expected: e, got: r.status, detail: `target ${r.target ?? "—"}, actual ${r.actual ?? "—"}: ${r.explanation}` });
  }
  return { layout: layout.name, total: layout.expected.length, misses };
}

const describeMiss = (layout: string, m: Miss): string =>
  `${layout} ${m.expected.sheet}!${m.expected.row} ${m.expected.name}: expected ${m.expected.status} (${m.expected.why}), got ${m.got}; ${m.detail}`;

function scoreTable(outcomes: readonly Outcome[]): string {
  const width = Math.max(...outcomes.map((o) => o.layout.length), 6);
  const lines = ["KPI scorecard corpus: rows right / rows expected", ""];
  let right = 0;
  let total = 0;
  for (const o of outcomes) {
    right += o.total - o.misses.length;
    total += o.total;
    lines.push(`${o.layout.padEnd(width)}  ${String(o.total - o.misses.length).padStart(3)} / ${o.total}`);
  }
  lines.push(`${"TOTAL".padEnd(width)}  ${String(right).padStart(3)} / ${total}`);
  const misses = outcomes.flatMap((o) => o.misses.map((m) => describeMiss(o.layout, m)));
  if (misses.length > 0) lines.push("", `Mismatches (${misses.length}):`, ...misses.map((m) => `- ${m}`));
  return lines.join("\n");
}

describe("public KPI scorecard corpus", () => {
  const outcomes: Outcome[] = [];
  let dir = "";

  beforeAll(() => {
    dir = tempDir("kpa-corpus-");
  });

  afterAll(() => {
    removeDir(dir);
    if (outcomes.length > 0) console.log(scoreTable(outcomes));
  });

  test("holds at least 12 distinct layouts, each with rows to check", () => {
    expect(LAYOUTS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(LAYOUTS.map((l) => l.name)).size).toBe(LAYOUTS.length);
    for (const layout of LAYOUTS) {
      expect({ layout: layout.name, expected: layout.expected.length > 0 }).toEqual({ layout: layout.name, expected: true });
      expect(layout.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const e of layout.expected) expect(STATUSES).toContain(e.status);
      const keys = layout.expected.map((e) => `${e.sheet}!${e.row}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  test.each(LAYOUTS)(
    "$name: every expected row gets its status",
    async (layout) => {
      expect(layout.expected.length).toBeGreaterThan(0);
      const outcome = await evaluateLayout(layout, dir);
      outcomes.push(outcome);
      expect(outcome.misses.map((m) => describeMiss(layout.name, m))).toEqual([]);
    },
    60_000,
  );
});
