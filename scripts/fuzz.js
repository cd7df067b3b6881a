// `npm run fuzz [-- CASES [SEED]]`: the engine's property test at scale (test/fuzz/fuzz.test.ts), 100,000 cases
// unless told otherwise, split over FUZZ_SHARDS jest processes (default: 2, or 1 on a one-core machine), each with
// its own seed. The shards run in jest's "fuzz" project, which jest.config.js defines only when FUZZ_CASES is set,
// so `npm test` never runs it. Prints the cases run, the share that judged a row and the share of rows per status,
// and fails when a case breaks a property, fewer than half the cases judge a row, or a status never occurs.
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const STATUSES = ["Met", "On Track", "At Risk", "Off Track", "Overdue", "No Data", "Needs Target"];
const [casesArg = "100000", seedArg] = process.argv.slice(2);
if (!/^\d+$/.test(casesArg) || Number(casesArg) < 1 || (seedArg !== undefined && !/^-?\d+$/.test(seedArg))) {
  console.error(`usage: npm run fuzz -- [CASES] [SEED]  (CASES a whole number, not ${casesArg})`);
  process.exit(2);
}
const cases = Number(casesArg);
const seed = seedArg === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(seedArg);
const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
const shards = Math.max(1, Math.min(Number(process.env.FUZZ_SHARDS) || Math.min(2, cores), cases));
const root = path.join(__dirname, "..");
const outDir = path.join(root, "out");
fs.mkdirSync(outDir, { recursive: true });
const jest = require.resolve("jest/bin/jest");

console.log(
  `fuzz: ${cases} cases over ${shards} shard${shards === 1 ? "" : "s"}, seed ${seed}${shards > 1 ? `..${seed + shards - 1}` : ""}`,
);
const started = Date.now();

function shard(k) {
  const share = Math.floor(cases / shards) + (k < cases % shards ? 1 : 0);
  const report = path.join(outDir, `fuzz-report-${k}.json`);
  fs.rmSync(report, { force: true });
  const env = { ...process.env, FUZZ_CASES: String(share), FUZZ_SEED: String(seed + k), FUZZ_REPORT: report };
  return new Promise((resolve) => {
    // Jest reports on stderr (shown as it goes); the test's figures go to stdout, kept to show per shard at the end.
    const child = spawn(process.execPath, [jest, "test/fuzz/fuzz.test.ts", "--selectProjects", "fuzz"], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("close", (code) => {
      const data = fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, "utf8")) : undefined;
      resolve({ k, code, out, data });
    });
  });
}

Promise.all(Array.from({ length: shards }, (_, k) => shard(k))).then((results) => {
  const seconds = (Date.now() - started) / 1000;
  const total = { cases: 0, evaluated: 0, rows: 0, problems: 0, statuses: Object.fromEntries(STATUSES.map((s) => [s, 0])) };
  let failed = false;
  for (const r of results) {
    process.stdout.write(
      r.out
        .split("\n")
        .filter((l) => l.startsWith("fuzz:"))
        .map((l) => `[shard ${r.k}] ${l}\n`)
        .join(""),
    );
    if (r.code !== 0 || !r.data) failed = true;
    if (!r.data) continue;
    total.cases += r.data.cases;
    total.evaluated += r.data.evaluated;
    total.rows += r.data.rows;
    total.problems += r.data.problems;
    for (const s of STATUSES) total.statuses[s] += r.data.statuses[s] ?? 0;
  }
  const pct = (n, of) => (of === 0 ? "0%" : `${((100 * n) / of).toFixed(2)}%`);
  console.log(
    `fuzz: ${total.cases} cases in ${seconds.toFixed(0)} s over ${shards} shard(s) (${((1000 * seconds * shards) / Math.max(1, total.cases)).toFixed(1)} ms per case per process)`,
  );
  console.log(
    `fuzz: ${pct(total.evaluated, total.cases)} of cases judged at least one row; ${total.rows} rows, ${total.problems} problems`,
  );
  for (const s of STATUSES)
    console.log(`fuzz:   ${s.padEnd(12)} ${String(total.statuses[s]).padStart(9)} rows  ${pct(total.statuses[s], total.rows)}`);
  const missing = STATUSES.filter((s) => total.statuses[s] === 0);
  if (total.evaluated * 2 < total.cases) console.log("fuzz: FAILED: fewer than half the cases judged a row");
  if (missing.length) console.log(`fuzz: FAILED: no row was ${missing.join(", ")}`);
  if (failed) console.log("fuzz: FAILED: a shard failed (its error and shrunk case are above; the case is in out/fuzz-failure-*.ts)");
  const ok = !failed && !missing.length && total.evaluated * 2 >= total.cases && total.cases === cases;
  console.log(ok ? `fuzz: ${total.cases} passed, 0 failed` : "fuzz: failed");
  process.exit(ok ? 0 : 1);
});
