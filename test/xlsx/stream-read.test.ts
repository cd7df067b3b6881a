// The streaming reader (src/xlsx/stream-read.ts) against the ExcelJS reader it is to replace: on every corpus
// layout, the bundled example and the rich fixture, the engine reads every cell the same way from both, and the
// grids evaluate to the same statuses. Then the package shapes ExcelJS never writes: inline strings, rich and
// phonetic shared strings, prefixed elements, the 1904 date system, cells without references.
import * as fs from "fs";
import * as path from "path";
import JSZip from "jszip";
import { type CellValue, type SheetGrid, type WorkbookGrid, run } from "../../src/engine";
import { readCell } from "../../src/engine/values";
import { PackageReadError, readPackage } from "../../src/xlsx/stream-read";
import { exceljsGrid } from "../support/exceljs-reader";
import { writeLayout } from "../corpus/build";
import { LAYOUTS } from "../corpus/layouts";
import { evaluateOk, removeDir, richWorkbook, tempDir } from "../fixtures/xlsx";

const EXAMPLE = path.resolve(__dirname, "../../examples/customer-service-kpa.xlsx");
const OPTS = { asOf: "2050-10-15", generatedAt: "2050-10-15T09:00:00Z", generator: "test" };

/** What the engine reads from a cell, without the raw text (a date is a Date from ExcelJS, a serial from us). */
function reading(v: CellValue, format: string): string {
  const r = readCell(v, format, "mdy") as unknown as Record<string, unknown>;
  const { raw: _raw, ...rest } = r;
  return JSON.stringify(rest);
}

function cellsOf(g: SheetGrid): Map<string, string> {
  const out = new Map<string, string>();
  g.values.forEach((row, r) =>
    row.forEach((v, c) => {
      const read = reading(v, g.numberFormats?.[r]?.[c] ?? "General");
      if (read !== reading(null, "General")) out.set(`${r},${c}`, read);
    }),
  );
  return out;
}

function expectSameGrids(ours: WorkbookGrid, theirs: WorkbookGrid, file: string): void {
  expect(ours.sheets.map((s) => s.name)).toEqual(theirs.sheets.map((s) => s.name));
  let cells = 0;
  ours.sheets.forEach((s, i) => {
    const t = theirs.sheets[i] as SheetGrid;
    const a = cellsOf(s);
    const b = cellsOf(t);
    cells += b.size;
    for (const [at, read] of b) expect([file, s.name, at, a.get(at)]).toEqual([file, s.name, at, read]);
    for (const at of a.keys()) expect([file, s.name, at, b.has(at)]).toEqual([file, s.name, at, true]);
    expect(s.merges ?? []).toEqual(t.merges ?? []);
    expect(Boolean(s.protected)).toBe(Boolean(t.protected));
  });
  expect(cells).toBeGreaterThan(0);
  // Our names (ownership) come through the same; ExcelJS keeps single-range names only, as we do.
  const ours_ = (ours.names ?? []).filter((n) => n.name.startsWith("KPATracker_")).map((n) => `${n.name}=${n.ref}`);
  const theirs_ = (theirs.names ?? []).filter((n) => n.name.startsWith("KPATracker_")).map((n) => `${n.name}=${n.ref}`);
  expect(ours_.sort()).toEqual(theirs_.sort());
}

async function both(file: string): Promise<{ ours: WorkbookGrid; theirs: WorkbookGrid }> {
  const data = fs.readFileSync(file);
  const ours = readPackage(data, file).grid;
  const theirs = await exceljsGrid(data);
  return { ours, theirs };
}

function statuses(wb: WorkbookGrid): string[] {
  return run(wb, OPTS).evaluation.rows.map((r) => `${r.key} ${r.status}`);
}

let dir: string;
beforeAll(() => {
  dir = tempDir("kpa-stream-");
});
afterAll(() => removeDir(dir));

describe("the streaming reader reads what the ExcelJS reader reads", () => {
  it("on every corpus layout", async () => {
    expect(LAYOUTS.length).toBeGreaterThan(0);
    for (const layout of LAYOUTS) {
      const file = await writeLayout(layout, path.join(dir, `${layout.name}.xlsx`));
      const { ours, theirs } = await both(file);
      expectSameGrids(ours, theirs, layout.name);
      expect(statuses(ours)).toEqual(statuses(theirs));
    }
  });

  it("on the bundled example, before and after an evaluation", async () => {
    const { ours, theirs } = await both(EXAMPLE);
    expectSameGrids(ours, theirs, "example");
    const rows = statuses(ours);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows).toEqual(statuses(theirs));
    // Evaluated: our columns, our sheets, our names and the history, all read alike.
    const evaluated = path.join(dir, "evaluated.xlsx");
    await evaluateOk(EXAMPLE, "--as-of", "2050-10-15", "--out", evaluated, "--quiet");
    const after = await both(evaluated);
    expectSameGrids(after.ours, after.theirs, "evaluated example");
    expect((after.ours.names ?? []).filter((n) => n.name.startsWith("KPATracker_")).length).toBeGreaterThan(3);
    expect(statuses(after.ours)).toEqual(rows);
  });

  it("on the rich fixture: merges, a protected sheet, a hidden sheet, names", async () => {
    const file = await richWorkbook(path.join(dir, "rich.xlsx"));
    const { ours, theirs } = await both(file);
    expectSameGrids(ours, theirs, "rich");
    const read = readPackage(fs.readFileSync(file), file);
    expect(read.sheets.some((s) => s.state !== "visible")).toBe(true);
    expect(read.grid.sheets.some((s) => s.protected)).toBe(true);
  });
});

/** A package of hand-written parts: the shapes other writers produce. */
async function handWritten(sheetXml: string, extra: { strings?: string; workbookPr?: string; styles?: string } = {}): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>',
  );
  zip.file(
    "_rels/.rels",
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  zip.file(
    "xl/workbook.xml",
    `<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${extra.workbookPr ?? ""}<x:sheets><x:sheet name="Goals &amp; KPIs" sheetId="1" r:id="rId1"/></x:sheets><x:definedNames><x:definedName name="KPATracker_Cols_1">'Goals &amp; KPIs'!$D$1:$D$3</x:definedName></x:definedNames></x:workbook>`,
  );
  zip.file(
    "xl/_rels/workbook.xml.rels",
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/>${
      extra.strings ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' : ""
    }${extra.styles ? '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' : ""}</Relationships>`,
  );
  if (extra.strings) zip.file("xl/sharedStrings.xml", extra.strings);
  if (extra.styles) zip.file("xl/styles.xml", extra.styles);
  zip.file("xl/worksheets/sheet1.xml", sheetXml);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

const SHEET = (rows: string) =>
  `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>${rows}</x:sheetData></x:worksheet>`;

describe("package shapes ExcelJS never writes", () => {
  it("reads prefixed elements, inline strings, rich and phonetic shared strings, booleans, errors and formula results", async () => {
    const strings =
      '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Goal</t></si><si><r><t>Tar</t></r><r><rPr><b/></rPr><t xml:space="preserve">get </t></r><rPh sb="0" eb="1"><t>ターゲット</t></rPh></si></sst>';
    const data = await handWritten(
      SHEET(
        '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>Actual</x:t></x:is></x:c><x:c r="D1" t="inlineStr"><x:is><x:t>=not a formula</x:t></x:is></x:c></x:row>' +
          '<x:row r="3"><x:c r="A3" t="str"><x:f>"Ship "&amp;"it"</x:f><x:v>Ship it</x:v></x:c><x:c r="B3"><x:v>10</x:v></x:c><x:c r="C3" t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c><x:c r="D3" t="b"><x:v>1</x:v></x:c><x:c r="E3"><x:f>SUM(B3)</x:f></x:c></x:row>',
      ),
      { strings },
    );
    const { grid, sheets } = readPackage(data, "hand.xlsx");
    expect(sheets).toEqual([{ name: "Goals & KPIs", part: "xl/worksheets/sheet1.xml", state: "visible" }]);
    expect(grid.sheets[0]?.values).toEqual([
      ["Goal", "Target ", "Actual", "=not a formula"],
      [],
      ["Ship it", 10, { error: "#DIV/0!" }, true],
    ]);
    expect(grid.names).toEqual([{ name: "KPATracker_Cols_1", ref: "'Goals & KPIs'!$D$1:$D$3" }]);
  });

  it("places cells written without references one after another, and rows without numbers below the last", async () => {
    const data = await handWritten(SHEET('<x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c><x:v>2</x:v></x:c></x:row><x:row><x:c r="C2"><x:v>3</x:v></x:c></x:row>'));
    expect(readPackage(data, "refless.xlsx").grid.sheets[0]?.values).toEqual([["a", 2], [null, null, 3]]);
  });

  it("reads a 1904 workbook's dates as the same days as a 1900 one", async () => {
    const styles =
      '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="20" applyNumberFormat="1"/></cellXfs></styleSheet>';
    // 2050-06-30 is 55,698 in the 1900 system and 54,236 in the 1904 one; 0.5 as h:mm is a duration, not moved.
    const rows = '<x:row r="1"><x:c r="A1" s="1"><x:v>54236</x:v></x:c><x:c r="B1" s="2"><x:v>0.5</x:v></x:c><x:c r="C1"><x:v>54236</x:v></x:c></x:row>';
    const grid1904 = readPackage(await handWritten(SHEET(rows), { styles, workbookPr: '<x:workbookPr date1904="1"/>' }), "1904.xlsx").grid;
    const sheet = grid1904.sheets[0] as SheetGrid;
    expect(sheet.values[0]).toEqual([55698, 0.5, 54236]);
    expect(sheet.numberFormats?.[0]).toEqual(["yyyy-mm-dd", "h:mm"]);
    expect(readCell(sheet.values[0]?.[0] ?? null, "yyyy-mm-dd", "mdy")).toMatchObject({ kind: "date" });
  });

  it("says in one sentence which file and part cannot be read", async () => {
    expect(() => readPackage(new TextEncoder().encode("not a zip"), "notes.xlsx")).toThrow(
      new PackageReadError("notes.xlsx is not an .xlsx workbook that can be read (it is not a zip package)."),
    );
    // A zip whose central directory is cut off: a damaged package, said as such.
    const good = await handWritten(SHEET('<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>'));
    expect(() => readPackage(good.subarray(0, good.length - 30), "cut.xlsx")).toThrow(
      /^cut\.xlsx is not an \.xlsx workbook that can be read \(its zip data is damaged: .+\)\.$/,
    );
    // A sheet the workbook lists with no relationship to its part: refused, never skipped unread.
    const zip = await JSZip.loadAsync(good);
    zip.file("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>');
    const orphan = await zip.generateAsync({ type: "uint8array" });
    expect(() => readPackage(orphan, "orphan.xlsx")).toThrow(
      new PackageReadError('orphan.xlsx is damaged: the sheet "Goals & KPIs" has no relationship to its part. Open it in Excel, save it, and try again.'),
    );
    const broken = await handWritten('<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row>');
    expect(() => readPackage(broken, "broken.xlsx")).toThrow(/^broken\.xlsx, sheet "Goals & KPIs" \(xl\/worksheets\/sheet1\.xml\) is not well-formed XML \(.+\)\. Open it in Excel, save it, and try again\.$/);
  });
});
