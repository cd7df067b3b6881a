// `npm run demo`: evaluates the bundled example into out/ and prints the counts and the gaps.
const fs = require("fs");
const path = require("path");
const { main } = require("../build/cli/main.js");

const root = path.join(__dirname, "..");
const out = (name) => path.join(root, "out", name);
const io = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  progress: () => undefined,
};

// The cycle: a helpdesk export joins the workbook's measurement log, then the workbook is evaluated.
async function demo() {
  // kpa never creates a missing output folder: the demo makes its own.
  fs.mkdirSync(path.join(root, "out"), { recursive: true });
  const imported = await main(
    [
      "import",
      path.join(root, "examples", "customer-service-kpa.xlsx"),
      "--csv",
      path.join(root, "examples", "helpdesk-export.csv"),
      "--out",
      out("customer-service-kpa.with-data.xlsx"),
    ],
    io,
  );
  if (imported !== 0) return imported;
  io.out("");
  return main(
    [
      "evaluate",
      out("customer-service-kpa.with-data.xlsx"),
      "--out",
      out("customer-service-kpa.evaluated.xlsx"),
      "--json",
      out("customer-service-kpa.report.json"),
      "--as-of",
      "2050-10-15",
    ],
    io,
  );
}

demo().then((code) => {
  if (code === 0)
    process.stdout.write(
      '\nOpen out/customer-service-kpa.evaluated.xlsx in Excel or LibreOffice: see the "KPA Summary", "KPA Gaps", "KPA Settings", "KPA History" and "KPA Data" sheets.\n',
    );
  process.exitCode = code;
});
