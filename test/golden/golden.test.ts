// Golden folders: each holds input.json (a workbook and options) and expected.json (what the engine makes of it).
// After a deliberate change, regenerate with `UPDATE_GOLDEN=1 npx jest test/golden` and review the diff.
import * as fs from "fs";
import * as path from "path";
import { applyPlanToGrid } from "../../src/engine/apply";
import { rangeAddress } from "../../src/engine/address";
import { describeTrend, run } from "../../src/engine/index";
import { type JsonCase, gridFromJson } from "../fixtures/json";

const ROOT = __dirname;
const cases = fs.readdirSync(ROOT).filter((d) => fs.existsSync(path.join(ROOT, d, "input.json")));

function snapshot(c: JsonCase) {
  const wb = gridFromJson(c);
  const { evaluation, plan } = run(wb, { ...c.options, generatedAt: "2050-01-01T00:00:00Z", generator: "golden" });
  return {
    tables: evaluation.tables.map((t) => ({ id: t.id, kind: t.kind, group: t.group ?? null, rows: `${t.firstRow + 1}-${t.lastRow + 1}` })),
    rows: evaluation.rows.map((r) => ({
      cell: `${r.sheet}!${r.cell}`,
      kind: r.kind,
      name: r.name,
      status: r.status,
      explanation: r.explanation,
      progress: r.progress === undefined ? null : Math.round(r.progress * 1000) / 1000,
      ...(r.actualFrom ? { actualFrom: `${r.actualFrom.kind} ${r.actualFrom.sheet}!${r.actualFrom.cell}` } : {}),
      ...(r.trend ? { trend: describeTrend(r.trend) } : {}),
    })),
    problems: plan.problems.map((p) => `${p.severity} ${p.sheet}!${p.cell} ${p.message}`),
    summary: { byStatus: plan.summary.byStatus, weightedScore: plan.summary.weightedScore ?? null },
    writes: plan.writes.map(
      (w) =>
        `${w.sheet}!${rangeAddress({ top: w.row, left: w.col, bottom: w.row + w.values.length - 1, right: w.col + (w.values[0]?.length ?? 1) - 1 })}`,
    ),
    names: plan.names.map((n) => `${n.name} = ${n.ref}`),
    history: plan.appends.map((a) => `${a.sheet}: ${a.values.length} rows from row ${a.row + 1}${a.create ? " (new sheet)" : ""}`),
    idempotent: (() => {
      const once = applyPlanToGrid(wb, plan);
      const again = run(once, { ...c.options, generatedAt: "2050-01-01T00:00:00Z", generator: "golden" });
      return JSON.stringify(applyPlanToGrid(once, again.plan)) === JSON.stringify(once);
    })(),
  };
}

describe.each(cases)("golden: %s", (name) => {
  it("matches expected.json", () => {
    const dir = path.join(ROOT, name);
    const input = JSON.parse(fs.readFileSync(path.join(dir, "input.json"), "utf8")) as JsonCase;
    const actual = snapshot(input);
    const file = path.join(dir, "expected.json");
    if (process.env.UPDATE_GOLDEN === "1") fs.writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
    expect(fs.existsSync(file)).toBe(true);
    expect(actual).toEqual(JSON.parse(fs.readFileSync(file, "utf8")));
    expect(actual.idempotent).toBe(true);
  });
});

it("has golden cases", () => {
  expect(cases.length).toBeGreaterThanOrEqual(5);
});
