// Guarantee (issue 12): `kpa evaluate` patches a package; every part we do not own comes back byte for byte, the
// same compressed bytes under the same name, and the parts we write or patch validate against the ECMA-376 schemas.
// The corpus (test/fixtures/lossless/, built by build.py there) carries a chart, a pivot table, a slicer, sparklines,
// an image, notes and threaded comments, x14 validations, a table, a macro-enabled workbook and hidden sheets.
import * as fs from "fs";
import * as path from "path";
import { readPackage } from "../../src/xlsx/stream-read";
import { type ZipEntry, inflateEntry, readZip } from "../../src/xlsx/zip";
import { AS_OF, evaluateOk, removeDir, schemaVerdicts, tempDir } from "../fixtures/xlsx";

const CORPUS = path.join(__dirname, "..", "fixtures", "lossless");
const FILES = fs
  .readdirSync(CORPUS)
  .filter((f) => /\.xls[xm]$/.test(f))
  .sort();

// The parts an evaluation may change: the sheet we write statuses into, and the lists it adds to.
const OURS_TO_PATCH = new Set([
  "xl/worksheets/sheet1.xml",
  "xl/workbook.xml",
  "xl/_rels/workbook.xml.rels",
  "[Content_Types].xml",
  "xl/styles.xml",
]);

const entries = (file: string): Map<string, ZipEntry> => new Map(readZip(fs.readFileSync(file)).map((e) => [e.name, e]));

let dir: string;
beforeAll(() => (dir = tempDir()));
afterAll(() => removeDir(dir));

it("has a corpus of workbooks to check", () => {
  expect(FILES).toEqual(
    expect.arrayContaining(["chart.xlsx", "pivot.xlsx", "slicer.xlsx", "comments.xlsx", "macros.xlsm", "everything.xlsx"]),
  );
  expect(FILES.length).toBeGreaterThanOrEqual(11);
});

describe.each(FILES)("%s", (name) => {
  let input: string;
  let output: string;
  beforeAll(async () => {
    input = path.join(dir, name);
    fs.copyFileSync(path.join(CORPUS, name), input);
    output = path.join(dir, name.replace(/\.(xls[xm])$/, ".evaluated.$1"));
    await evaluateOk(input, "--out", output, "--as-of", AS_OF, "--quiet");
  });

  it("keeps every part it does not own byte for byte, compressed bytes included", () => {
    const before = entries(input);
    const after = entries(output);
    const kept = [...before.keys()].filter((n) => !OURS_TO_PATCH.has(n));
    expect(kept.length).toBeGreaterThanOrEqual(5);
    for (const n of kept) {
      const a = after.get(n);
      const b = before.get(n) as ZipEntry;
      expect([n, a !== undefined]).toEqual([n, true]);
      expect([n, Buffer.from((a as ZipEntry).raw).equals(Buffer.from(b.raw)), (a as ZipEntry).crc]).toEqual([n, true, b.crc]);
    }
    // The input is left as it was.
    expect(fs.readFileSync(input).equals(fs.readFileSync(path.join(CORPUS, name)))).toBe(true);
  });

  it("writes statuses beside the goals, and its patched and new parts validate against the schemas", () => {
    const grid = readPackage(fs.readFileSync(output), output).grid;
    const goals = grid.sheets.find((s) => s.name === "Goals");
    const header = goals?.values[0] ?? [];
    expect(header.slice(0, 5)).toEqual(["Goal", "Target", "Actual", "Timeline", "Owner"]);
    expect(header).toContain("KPA Status");
    expect(grid.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["KPA Summary", "KPA Gaps", "KPA History"]));
    const before = entries(input);
    const after = entries(output);
    const written = [...after.keys()].filter((n) => {
      const b = before.get(n);
      return !b || !Buffer.from(inflateEntry(b)).equals(Buffer.from(inflateEntry(after.get(n) as ZipEntry)));
    });
    expect(written).toEqual(expect.arrayContaining(["xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/styles.xml"]));
    const verdicts = schemaVerdicts(output);
    for (const n of written.filter((w) => w.endsWith(".xml") || w.endsWith(".rels")))
      expect([n, verdicts.get(n)?.split(" ")[0]]).toEqual([n, "PASS"]);
  });

  it("changes nothing of the user's when its own output is evaluated again", async () => {
    const again = path.join(dir, `again-${name}`);
    await evaluateOk(output, "--out", again, "--as-of", AS_OF, "--quiet");
    const before = entries(input);
    const after = entries(again);
    for (const n of [...before.keys()].filter((k) => !OURS_TO_PATCH.has(k)))
      expect([n, after.get(n) && Buffer.from((after.get(n) as ZipEntry).raw).equals(Buffer.from((before.get(n) as ZipEntry).raw))]).toEqual(
        [n, true],
      );
    // Our sheets are replaced, not added again.
    const grid = readPackage(fs.readFileSync(again), again).grid;
    expect(grid.sheets.filter((s) => s.name.startsWith("KPA ")).map((s) => s.name)).toEqual([
      "KPA Summary",
      "KPA Gaps",
      "KPA Settings",
      "KPA History",
    ]);
  });
});
