// `npm run demo`: evaluates the bundled example into out/ and prints the counts and the gaps.
const path = require("path");
const { main } = require("../build/cli/main.js");

const root = path.join(__dirname, "..");
const args = [
  "evaluate",
  path.join(root, "examples", "customer-service-kpa.xlsx"),
  "--out", path.join(root, "out", "customer-service-kpa.evaluated.xlsx"),
  "--json", path.join(root, "out", "customer-service-kpa.report.json"),
  "--as-of", "2050-10-15",
];
main(args, {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  progress: () => undefined,
}).then((code) => {
  if (code === 0) process.stdout.write('\nOpen out/customer-service-kpa.evaluated.xlsx in Excel or LibreOffice: see the "KPA Summary" and "KPA Gaps" sheets.\n');
  process.exitCode = code;
});
