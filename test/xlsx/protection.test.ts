// Guarantee: protection is respected as Excel and LibreOffice write it. A workbook whose structure is locked gets
// no new sheet, and a protected sheet no new cells: one sentence, exit code 2, nothing written, the input as it was.
import * as fs from "fs";
import * as path from "path";
import { Package } from "../../src/xlsx/package";
import { AS_OF, removeDir, runKpa, tempDir } from "../fixtures/xlsx";

const SOURCE = path.join(__dirname, "..", "fixtures", "lossless", "table.xlsx");

let dir: string;
beforeAll(() => (dir = tempDir()));
afterAll(() => removeDir(dir));

/** The corpus's table.xlsx with one part edited. */
function edited(name: string, part: string, edit: (xml: string) => string): string {
  const pkg = new Package(fs.readFileSync(SOURCE), SOURCE);
  const xml = pkg.text(part) as string;
  const after = edit(xml);
  expect(after).not.toBe(xml);
  pkg.set(part, after);
  const file = path.join(dir, name);
  fs.writeFileSync(file, pkg.bytes());
  return file;
}

const CASES: [string, string, (xml: string) => string, RegExp][] = [
  [
    "locked-structure.xlsx",
    "xl/workbook.xml",
    (xml) => xml.replace(/<sheets>/, '<workbookProtection lockStructure="1"/><sheets>'),
    /^kpa: .*locked-structure\.xlsx: the workbook's structure is protected, so KPA Tracker cannot add its sheets \(KPA Summary, KPA Gaps, KPA History\)\. Unprotect the workbook/,
  ],
  [
    "locked-structure-lo.xlsx",
    "xl/workbook.xml",
    (xml) => xml.replace(/<sheets>/, '<workbookProtection lockStructure="true"/><sheets>'),
    /the workbook's structure is protected/,
  ],
  [
    "protected-sheet-lo.xlsx",
    "xl/worksheets/sheet1.xml",
    (xml) => xml.replace(/<\/sheetData>/, '</sheetData><sheetProtection sheet="true" objects="true" scenarios="true"/>'),
    /^kpa: \S*protected-sheet-lo\.xlsx: sheet "Goals" is protected, so its status columns cannot be written\. Unprotect it \(in Excel, Review > Unprotect Sheet\) and evaluate again\.$/,
  ],
];

it.each(CASES)("refuses %s in one sentence, writing nothing", async (name, part, edit, message) => {
  const input = edited(name, part, edit);
  const before = fs.readFileSync(input);
  const out = path.join(dir, `out-${name}`);
  const run = await runKpa("evaluate", input, "--out", out, "--as-of", AS_OF);
  expect(run.code).toBe(2);
  expect(run.err).toHaveLength(1);
  expect(run.err[0]).toMatch(message);
  expect(fs.existsSync(out)).toBe(false);
  expect(fs.readFileSync(input).equals(before)).toBe(true);
  expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
});

it("evaluates an evaluated workbook whose structure was locked since, without adding the KPA Settings sheet", async () => {
  // Evaluated without the settings sheet (as versions before it did), then locked: every sheet of ours exists.
  const first = path.join(dir, "evaluated.xlsx");
  expect((await runKpa("evaluate", SOURCE, "--out", first, "--as-of", AS_OF, "--no-settings-sheet", "--quiet")).code).toBe(0);
  const pkg = new Package(fs.readFileSync(first), first);
  const wb = pkg.text("xl/workbook.xml") as string;
  pkg.set("xl/workbook.xml", wb.replace(/<sheets>/, '<workbookProtection lockStructure="1"/><sheets>'));
  const locked = path.join(dir, "evaluated-locked.xlsx");
  fs.writeFileSync(locked, pkg.bytes());

  const out = path.join(dir, "out-evaluated-locked.xlsx");
  const run = await runKpa("evaluate", locked, "--out", out, "--as-of", AS_OF);
  expect(run.err).toEqual([]);
  expect(run.code).toBe(0);
  expect(run.out).toContain(
    'The workbook\'s structure is protected, so no "KPA Settings" sheet was added: this run judged by the flags given and the defaults.',
  );
  const after = new Package(fs.readFileSync(out), out).text("xl/workbook.xml") as string;
  expect(after).toMatch(/lockStructure="1"/);
  expect(after).toContain('name="KPA Summary"');
  expect(after).not.toContain("KPA Settings");
});
