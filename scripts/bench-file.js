// `npm run bench` (second part): `kpa evaluate` on .xlsx files against ExcelJS merely reading and writing the same
// file, each run as its own process, side by side in one run; wall time and peak memory (max RSS), medians of 3.
// Goals (issue 12): on 50k rows at most 1.0× ExcelJS's wall time and 0.6× its peak memory; 500k rows within 2 GB;
// cost linear in the rows (10k, 50k, 200k, 500k). Exits 1 when a goal is missed.
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
// The input is zipped by our own writer (npm run bench builds it first).
const { FIXED_STAMP, newEntry, writeZip } = require("../build/xlsx/zip.js");
const KPA = path.join(ROOT, "bin", "kpa.js");
const AS_OF = "2050-10-15";
const AS_OF_SERIAL = 55075;
const REPEATS = 3;
const TIME_GOAL = 1.0;
const MEMORY_GOAL = 0.6;
const BIG_GOAL_MB = 2048;
// KPA_BENCH_ROWS=50000 measures one size (for a quick look); the goals are judged on the sizes that are run.
const SIZES = process.env.KPA_BENCH_ROWS ? process.env.KPA_BENCH_ROWS.split(",").map(Number) : [10000, 50000, 200000, 500000];

/** A workbook of `rows` goal rows (text, percent target and actual, a due date, an owner), written as Excel would. */
function workbook(rows) {
  const cells = [];
  const s = (ref, text) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  cells.push(`<row r="1">${s("A1", "Goal")}${s("B1", "Target")}${s("C1", "Actual")}${s("D1", "Timeline")}${s("E1", "Owner")}</row>`);
  for (let i = 0; i < rows; i++) {
    const n = i + 2;
    const target = 0.7 + (i % 25) / 100;
    const actual = i % 17 === 0 ? "" : `<c r="C${n}" s="1"><v>${0.55 + (i % 40) / 100}</v></c>`;
    const due = AS_OF_SERIAL - 60 + (i % 180);
    cells.push(
      `<row r="${n}">${s(`A${n}`, `Goal ${i}`)}<c r="B${n}" s="1"><v>${target}</v></c>${actual}<c r="D${n}" s="2"><v>${due}</v></c>${s(`E${n}`, `Owner ${i % 40}`)}</row>`,
    );
  }
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:E${rows + 1}"/><sheetData>${cells.join("")}</sheetData></worksheet>`;
  const files = {
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    "_rels/.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Goals" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    "xl/styles.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
    "xl/worksheets/sheet1.xml": sheet,
  };
  return Buffer.from(writeZip(Object.entries(files).map(([name, text]) => newEntry(name, Buffer.from(text, "utf8"), FIXED_STAMP))));
}

// The peer: ExcelJS reading the file into its workbook model and writing it back, nothing else.
const EXCELJS_ROUND_TRIP = `
const ExcelJS = require("exceljs");
(async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(process.argv[1]);
  await wb.xlsx.writeFile(process.argv[2]);
})().catch((e) => { console.error(e.message); process.exit(1); });
`;

// Prints the process's peak memory when it exits, so every run is measured the same way.
const REPORT_RSS = path.join(os.tmpdir(), "kpa-bench-rss.js");
fs.writeFileSync(REPORT_RSS, 'process.on("exit", () => process.stderr.write(`\\nmaxrss ${process.resourceUsage().maxRSS}\\n`));\n');

/** Runs node with `args`, returning its wall time in ms and peak RSS in MB. */
function measure(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--require", REPORT_RSS, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  const kb = Number(/maxrss (\d+)/.exec(r.stderr)?.[1]);
  return { ms: wall, mb: kb / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeBoth(file, rows, repeats, withPeer) {
  const out = path.join(path.dirname(file), `out-${rows}.xlsx`);
  const ours = [];
  const peer = [];
  for (let k = 0; k < repeats; k++) {
    ours.push(measure([KPA, "evaluate", file, "--out", out, "--as-of", AS_OF, "--quiet"]));
    if (withPeer) peer.push(measure(["-e", EXCELJS_ROUND_TRIP, file, out]));
  }
  const pick = (list) => (list.length ? { ms: median(list.map((x) => x.ms)), mb: median(list.map((x) => x.mb)) } : undefined);
  return { ours: pick(ours), peer: pick(peer) };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kpa-bench-file-"));
let failed = false;
try {
  console.log(`kpa evaluate vs ExcelJS read + write of the same file; separate processes, medians of ${REPEATS} (one run above 50k)`);
  for (const rows of SIZES) {
    const file = path.join(dir, `goals-${rows}.xlsx`);
    fs.writeFileSync(file, workbook(rows));
    const size = (fs.statSync(file).size / 1e6).toFixed(1);
    const { ours, peer } = timeBoth(file, rows, rows <= 50000 ? REPEATS : 1, rows <= 50000);
    const parts = [
      `${String(rows).padStart(6)} rows (${size} MB)`,
      `kpa ${ours.ms.toFixed(0).padStart(6)} ms, ${ours.mb.toFixed(0)} MB peak (${((ours.ms / rows) * 10000).toFixed(0)} ms per 10k)`,
    ];
    if (peer) {
      const time = ours.ms / peer.ms;
      const memory = ours.mb / peer.mb;
      parts.push(`ExcelJS ${peer.ms.toFixed(0).padStart(6)} ms, ${peer.mb.toFixed(0)} MB peak`, `time ×${time.toFixed(2)}`, `memory ×${memory.toFixed(2)}`);
      if (rows === 50000) {
        const ok = time <= TIME_GOAL && memory <= MEMORY_GOAL;
        parts.push(ok ? "goals met" : `GOAL MISSED (time ≤ ×${TIME_GOAL}, memory ≤ ×${MEMORY_GOAL})`);
        failed ||= !ok;
      }
    }
    if (rows === 500000) {
      const ok = ours.mb <= BIG_GOAL_MB;
      parts.push(ok ? `within ${BIG_GOAL_MB} MB` : `GOAL MISSED (≤ ${BIG_GOAL_MB} MB)`);
      failed ||= !ok;
    }
    console.log(parts.join(" · "));
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
