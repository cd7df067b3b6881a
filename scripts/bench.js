// `npm run bench`: the engine's speed and memory as ratios against a peer measured in the same run, never in timed
// tests. The peer is what a team would use instead of KPA Tracker: a status formula per row, computed by a formula
// engine (HyperFormula, a dev dependency used here only: it is GPL-3, never bundled, never imported from src/).
// Goals (issue 13): on 100k goal rows the engine is at least 3× faster than HyperFormula, its heap grows by at most
// 100 MB, and its time per 10k rows stays flat from 1k to 500k rows. Exits 1 when a goal is missed.
const { HyperFormula } = require("hyperformula");
const { run } = require("../build/engine/index.js");

const AS_OF = "2050-10-15";
const AS_OF_SERIAL = 55075; // 2050-10-15 as an Excel serial
const TOLERANCE = 0.1;
const RATIO_GOAL = 3;
const HEAP_GOAL_MB = 100;
const REPEATS = 3;
// HyperFormula refuses sheets over 40k rows by default; Excel's own limit is the fair one.
const HF_CONFIG = { licenseKey: "gpl-v3", maxRows: 1048576 };

/** Row i of both workbooks: a percent target, a percent actual (sometimes missing) and a due date around the as-of date. */
function row(i) {
  const target = 0.7 + (i % 25) / 100;
  const actual = i % 17 === 0 ? null : 0.55 + (i % 40) / 100;
  const due = AS_OF_SERIAL - 60 + (i % 180);
  return { name: `Goal ${i}`, target, actual, due };
}

function engineWorkbook(rows) {
  const values = [["Goal", "Target", "Actual", "Timeline"]];
  const numberFormats = [["General", "General", "General", "General"]];
  for (let i = 0; i < rows; i++) {
    const r = row(i);
    values.push([r.name, r.target, r.actual, r.due]);
    numberFormats.push(["General", "0%", "0%", "yyyy-mm-dd"]);
  }
  return { sheets: [{ name: "Goals", values, numberFormats }] };
}

/** The same rows with the status a spreadsheet user would write: No Data, Met, Overdue, At Risk or Off Track. */
function formulaSheet(rows) {
  const data = [["Goal", "Target", "Actual", "Timeline", "Status"]];
  for (let i = 0; i < rows; i++) {
    const r = row(i);
    const n = i + 2;
    data.push([
      r.name,
      r.target,
      r.actual,
      r.due,
      `=IF(C${n}="","No Data",IF(C${n}>=B${n},"Met",IF(D${n}<${AS_OF_SERIAL},"Overdue",IF(C${n}>=B${n}*(1-${TOLERANCE}),"At Risk","Off Track"))))`,
    ]);
  }
  return data;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

function timeEngine(rows) {
  const wb = engineWorkbook(rows);
  const times = [];
  let heapMb = 0;
  let evaluated = 0;
  for (let k = 0; k < REPEATS; k++) {
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    const t0 = process.hrtime.bigint();
    const result = run(wb, { asOf: AS_OF, tolerance: TOLERANCE, generatedAt: "bench", generator: "bench" });
    times.push(ms(t0));
    // Heap held by the result (the evaluation and its write plan), after collecting what the run threw away.
    global.gc?.();
    heapMb = Math.max(heapMb, (process.memoryUsage().heapUsed - before) / 1e6);
    evaluated = result.evaluation.rows.length;
  }
  return { ms: median(times), heapMb, evaluated };
}

function timeFormulas(rows) {
  const data = formulaSheet(rows);
  const times = [];
  let statuses = 0;
  for (let k = 0; k < REPEATS; k++) {
    global.gc?.();
    const t0 = process.hrtime.bigint();
    const hf = HyperFormula.buildFromArray(data, HF_CONFIG);
    const values = hf.getSheetValues(0);
    times.push(ms(t0));
    statuses = values.length - 1;
    hf.destroy();
  }
  return { ms: median(times), statuses };
}

if (!global.gc) console.log("(run through npm run bench, which passes --expose-gc, for heap figures)");
// Let the JIT warm up both, so the 1k figure is the steady state and not the compiler's first pass.
for (let k = 0; k < 5; k++) {
  run(engineWorkbook(2000), { asOf: AS_OF, generatedAt: "warm-up", generator: "bench" });
  HyperFormula.buildFromArray(formulaSheet(2000), HF_CONFIG).destroy();
}

// The two must judge alike for the ratio to mean anything: compare their statuses on 10k rows.
{
  const rows = 10000;
  const engine = run(engineWorkbook(rows), { asOf: AS_OF, tolerance: TOLERANCE, generatedAt: "bench", generator: "bench" });
  const hf = HyperFormula.buildFromArray(formulaSheet(rows), HF_CONFIG);
  const formulaStatus = hf.getSheetValues(0).slice(1).map((r) => r[4]);
  hf.destroy();
  const byRow = new Map(engine.evaluation.rows.map((r) => [r.row, r.status]));
  const same = formulaStatus.filter((st, i) => byRow.get(i + 1) === st).length;
  console.log(`statuses agree on ${same} of ${rows} rows (${((same / rows) * 100).toFixed(1)}%)`);
}

let failed = false;
console.log(`median of ${REPEATS} runs each; ratio = HyperFormula time / engine time (goal ≥ ${RATIO_GOAL}); heap = engine result held`);
for (const rows of [1000, 10000, 100000, 500000]) {
  const engine = timeEngine(rows);
  const peer = rows <= 100000 ? timeFormulas(rows) : undefined;
  const ratio = peer ? peer.ms / engine.ms : undefined;
  const per10k = (engine.ms / rows) * 10000;
  const parts = [
    `${String(rows).padStart(6)} rows`,
    `engine ${engine.ms.toFixed(0).padStart(6)} ms (${per10k.toFixed(0)} ms per 10k, ${engine.evaluated} rows judged)`,
    peer ? `HyperFormula ${peer.ms.toFixed(0).padStart(6)} ms (${peer.statuses} statuses)` : "HyperFormula not run",
    ratio ? `ratio ${ratio.toFixed(2)}` : "",
    `heap +${engine.heapMb.toFixed(0)} MB`,
  ];
  if (rows === 100000) {
    const ok = ratio >= RATIO_GOAL && engine.heapMb <= HEAP_GOAL_MB;
    parts.push(ok ? "goals met" : `GOAL MISSED (ratio ≥ ${RATIO_GOAL}, heap ≤ ${HEAP_GOAL_MB} MB)`);
    failed ||= !ok;
  }
  console.log(parts.filter(Boolean).join(" · "));
}
process.exitCode = failed ? 1 : 0;
