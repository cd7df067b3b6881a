// Renders the first page of the evaluated example's KPA Summary, as LibreOffice prints it, to docs/summary.png for
// the README. Run after `npm run demo` (it reads out/customer-service-kpa.evaluated.xlsx):
//   node scripts/readme-picture.js
// Needs soffice (libreoffice-calc) and pdftoppm/pdftotext (poppler-utils).
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.join(__dirname, "..");
const input = path.join(root, "out", "customer-service-kpa.evaluated.xlsx");
const output = path.join(root, "docs", "summary.png");

function run(tool, args) {
  const r = spawnSync(tool, args, { encoding: "utf8", timeout: 300_000 });
  if (r.error) throw new Error(`${tool} could not be run (${r.error.message}): install libreoffice-calc and poppler-utils.`);
  if (r.status !== 0) throw new Error(`${tool} ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

function main() {
  if (!fs.existsSync(input)) throw new Error(`${input} is missing: run npm run demo first.`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "kpa-picture-"));
  try {
    // A fresh profile, so the user's LibreOffice settings do not change the picture.
    run("soffice", [`-env:UserInstallation=file://${work}/profile`, "--headless", "--convert-to", "pdf", "--outdir", work, input]);
    const pdf = path.join(work, "customer-service-kpa.evaluated.pdf");
    const pages = run("pdftotext", ["-layout", pdf, "-"]).split("\f");
    const first = pages.findIndex((page) => page.includes("KPA Summary · as of"));
    if (first < 0) throw new Error("The printed workbook has no KPA Summary page.");
    fs.mkdirSync(path.dirname(output), { recursive: true });
    const page = String(first + 1);
    run("pdftoppm", ["-f", page, "-l", page, "-r", "60", "-png", "-singlefile", pdf, output.replace(/\.png$/, "")]);
    process.stdout.write(`Wrote ${path.relative(root, output)} (page ${page} of the printed workbook, ${fs.statSync(output).size} bytes)\n`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

try {
  main();
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
