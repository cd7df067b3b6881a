// `npm run bench`: engine throughput on large generated workbooks. Targets live here, never in timed tests.
const { run } = require("../build/engine/index.js");

const TARGET_MS_PER_10K_ROWS = 1500;

function workbook(rows) {
  const values = [["Goal", "Target", "Timeline", "Priority", "Owner", "Baseline", "Actual", "Start"]];
  const numberFormats = [values[0].map(() => "General")];
  for (let i = 0; i < rows; i++) {
    values.push([`Goal ${i}`, i % 3 === 0 ? "≥ 85%" : i % 3 === 1 ? "< 2 hours" : "Improve by 10 points", 55153, i % 2 ? "High" : "Low", `Owner ${i % 50}`, i % 3 === 1 ? "4 hours" : 0.7, i % 3 === 1 ? `${1 + (i % 4)} hours` : 0.6 + (i % 40) / 100, 54789]);
    numberFormats.push(["General", "General", "yyyy-mm-dd", "General", "General", "0%", "0%", "yyyy-mm-dd"]);
  }
  return { sheets: [{ name: "Goals", values, numberFormats }] };
}

let failed = false;
run(workbook(1000), { asOf: "2050-10-15", generatedAt: "warm-up", generator: "bench" }); // let the JIT warm up
for (const rows of [1000, 10000, 50000, 100000]) {
  const wb = workbook(rows);
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = process.hrtime.bigint();
  const { evaluation, plan } = run(wb, { asOf: "2050-10-15", generatedAt: "bench", generator: "bench" });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  const per10k = (ms / rows) * 10000;
  const ok = per10k <= TARGET_MS_PER_10K_ROWS;
  failed ||= !ok;
  console.log(`${String(rows).padStart(7)} rows: ${ms.toFixed(0).padStart(6)} ms (${per10k.toFixed(0)} ms per 10k rows, target ≤ ${TARGET_MS_PER_10K_ROWS}) heap +${heapMb.toFixed(0)} MB, ${evaluation.rows.length} rows evaluated, ${plan.writes.length} writes ${ok ? "ok" : "SLOW"}`);
}
process.exitCode = failed ? 1 : 0;
