// Inserting whole worksheet columns into a saved package (src/xlsx/insert-columns.ts): every formula, range, name
// and anchor that pointed at a moved cell still points at it, as after Excel's Insert > Sheet Columns.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { insertColumns } from "../../src/xlsx/insert-columns";
import { removeDir, tempDir } from "../fixtures/xlsx";

const OOXML = path.resolve(__dirname, "../../../shared/schemas/ooxml");
/** A 1×1 PNG for a picture. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

async function part(xlsx: Buffer, name: string): Promise<string> {
  const entry = (await JSZip.loadAsync(xlsx)).file(name);
  if (!entry) throw new Error(`no ${name} in the package`);
  return entry.async("string");
}

async function load(xlsx: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  return wb;
}

/** Every match of a regex's first group, asserted non-empty so a later check on them can fail. */
function all(xml: string, re: RegExp): string[] {
  const found = [...xml.matchAll(re)].map((m) => m[1] as string);
  expect(found.length).toBeGreaterThan(0);
  return found;
}

// --- A workbook built with ExcelJS, with a chart added by hand ------------------------------------------------

const CHART = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:strRef><c:f>Data!$A$2</c:f></c:strRef></c:tx><c:cat><c:strRef><c:f>Data!$B$1:$E$1</c:f></c:strRef></c:cat><c:val><c:numRef><c:f>Data!$B$2:$E$2</c:f></c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea></c:chart></c:chartSpace>`;

const CHART_ANCHOR = `<xdr:twoCellAnchor><xdr:from><xdr:col>6</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>8</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>10</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>20</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="10" name="Chart 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdChart1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`;

/**
 * "Data": a block B1:E3 with totals, a shared formula B4:E4 filled right, merges, widths, a conditional format, a
 * validation, an internal hyperlink, a note, a picture and a chart; "Other": formulas reading Data (one shared
 * across columns, one shared group of absolute references); the name Mid = Data!$C$2:$D$3.
 */
async function richWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Data", { views: [{ state: "frozen", xSplit: 1, ySplit: 1 }] });
  ws.getRow(1).values = ["Name", "Q1", "Q2", "Q3", "Q4"];
  ws.getRow(2).values = ["North", 1, 2, 3, 4];
  ws.getRow(3).values = ["South", 10, 20, 30, 40];
  ws.getCell("B4").value = { formula: "B2+B3", shareType: "shared", ref: "B4:E4" } as ExcelJS.CellValue;
  for (const c of ["C4", "D4", "E4"]) ws.getCell(c).value = { sharedFormula: "B4" } as ExcelJS.CellValue;
  ws.getCell("F2").value = { formula: "SUM(B2:E2)" } as ExcelJS.CellValue;
  ws.getCell("G2").value = { formula: "$B$2*2" } as ExcelJS.CellValue;
  ws.getCell("H2").value = { formula: "SUM(Mid)" } as ExcelJS.CellValue;
  ws.getCell("A6").value = "merged";
  ws.mergeCells("A6:C6");
  ws.getCell("D7").value = "m2";
  ws.mergeCells("D7:E7");
  ws.getColumn(2).width = 20;
  ws.getColumn(4).width = 30;
  ws.addConditionalFormatting({
    ref: "B2:E3",
    rules: [{ type: "expression", priority: 1, formulae: ["B2>C$2"], style: { font: { bold: true } } }],
  });
  ws.getCell("D2").dataValidation = { type: "list", allowBlank: true, formulae: ["$B$2:$C$2"] };
  ws.getCell("A8").value = { text: "to Q3 South", hyperlink: "#Data!D3" };
  ws.getCell("D1").note = "Q3 is estimated";
  ws.addImage(wb.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: "png" }), {
    tl: { col: 3, row: 1 },
    br: { col: 5, row: 4 },
  } as unknown as ExcelJS.ImageRange);

  const other = wb.addWorksheet("Other");
  other.getCell("C1").value = 5;
  other.getCell("A1").value = { formula: "Data!D2*2" } as ExcelJS.CellValue;
  other.getCell("A2").value = { formula: "SUM(Data!B2:E3)" } as ExcelJS.CellValue;
  other.getCell("B5").value = { formula: "Data!B2", shareType: "shared", ref: "B5:D5" } as ExcelJS.CellValue;
  for (const c of ["C5", "D5"]) other.getCell(c).value = { sharedFormula: "B5" } as ExcelJS.CellValue;
  other.getCell("A7").value = { formula: "C1+1" } as ExcelJS.CellValue;
  other.getCell("B8").value = { formula: "$C$1*2", shareType: "shared", ref: "B8:D8" } as ExcelJS.CellValue;
  for (const c of ["C8", "D8"]) other.getCell(c).value = { sharedFormula: "B8" } as ExcelJS.CellValue;
  wb.definedNames.add("Data!$C$2:$D$3", "Mid");

  // The chart: a part, its relationship from the picture's drawing, its content type, and an anchor.
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  zip.file("xl/charts/chart1.xml", CHART);
  const rels = await (zip.file("xl/drawings/_rels/drawing1.xml.rels") as JSZip.JSZipObject).async("string");
  zip.file(
    "xl/drawings/_rels/drawing1.xml.rels",
    rels.replace(
      "</Relationships>",
      `<Relationship Id="rIdChart1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart1.xml"/></Relationships>`,
    ),
  );
  const drawing = await (zip.file("xl/drawings/drawing1.xml") as JSZip.JSZipObject).async("string");
  zip.file("xl/drawings/drawing1.xml", drawing.replace("</xdr:wsDr>", `${CHART_ANCHOR}</xdr:wsDr>`));
  const types = await (zip.file("[Content_Types].xml") as JSZip.JSZipObject).async("string");
  zip.file(
    "[Content_Types].xml",
    types.replace(
      "</Types>",
      `<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>`,
    ),
  );
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** Two columns before column C of Data: C→E, D→F, … */
const AT_C = { sheet: "Data", at: 2, count: 2 };

describe("insertColumns on a workbook built with ExcelJS", () => {
  let input: Buffer;
  let output: Buffer;
  beforeAll(async () => {
    input = await richWorkbook();
    output = await insertColumns(input, [AT_C]);
  });

  it("moves cells right of the insert and leaves those left of it", async () => {
    const ws = (await load(output)).getWorksheet("Data") as ExcelJS.Worksheet;
    expect(ws.getRow(1).values).toEqual([undefined, "Name", "Q1", undefined, undefined, "Q2", "Q3", "Q4"]);
    expect(ws.getRow(3).values).toEqual([undefined, "South", 10, undefined, undefined, 20, 30, 40]);
    expect(ws.getCell("A6").value).toBe("merged");
    expect(ws.getCell("F7").value).toBe("m2");
  });

  it("moves the sheet's formulas with their cells and their references with the cells they read", async () => {
    const ws = (await load(output)).getWorksheet("Data") as ExcelJS.Worksheet;
    expect(ws.getCell("H2").formula).toBe("SUM(B2:G2)"); // was F2 = SUM(B2:E2): the range grows
    expect(ws.getCell("I2").formula).toBe("$B$2*2"); // was G2, left of the insert: unchanged
    expect(ws.getCell("J2").formula).toBe("SUM(Mid)");
  });

  it("un-shares the shared formula filled right across the insert point, each cell with its own formula", async () => {
    const xml = await part(output, "xl/worksheets/sheet1.xml");
    const row4 = /<row r="4"[^>]*>([\s\S]*?)<\/row>/.exec(xml)?.[1] as string;
    expect(row4).toBeDefined();
    expect(row4).not.toContain('t="shared"');
    expect(all(row4, /<c r="([A-Z]+4)"/g)).toEqual(["B4", "E4", "F4", "G4"]);
    expect(all(row4, /<f>([^<]*)<\/f>/g)).toEqual(["B2+B3", "E2+E3", "F2+F3", "G2+G3"]);
    const ws = (await load(output)).getWorksheet("Data") as ExcelJS.Worksheet;
    expect(ws.getCell("F4").formula).toBe("F2+F3");
  });

  it("moves formulas on another sheet that read the inserted sheet, un-sharing their group across columns", async () => {
    const xml = await part(output, "xl/worksheets/sheet2.xml");
    expect(all(xml, /<c r="A1"[^>]*><f>([^<]*)<\/f>/g)).toEqual(["Data!F2*2"]);
    expect(all(xml, /<c r="A2"[^>]*><f>([^<]*)<\/f>/g)).toEqual(["SUM(Data!B2:G3)"]);
    // B5:D5 read Data!B2, C2, D2: after the insert B2, E2, F2, which one shared formula cannot say.
    expect(all(xml, /<c r="[BCD]5"[^>]*><f>([^<]*)<\/f>/g)).toEqual(["Data!B2", "Data!E2", "Data!F2"]);
    // A formula on Other about Other's own cells stays.
    expect(all(xml, /<c r="A7"[^>]*><f>([^<]*)<\/f>/g)).toEqual(["C1+1"]);
    // A shared group that does not read Data stays shared and unchanged.
    expect(xml).toContain('<c r="B8"><f t="shared" ref="B8:D8" si="1">$C$1*2</f></c>');
    // Nothing on Other moves.
    expect(all(xml, /<c r="([A-Z]+\d+)"/g)).toEqual(["A1", "C1", "A2", "B5", "C5", "D5", "A7", "B8", "C8", "D8"]);
  });

  it("moves the defined name", async () => {
    expect(all(await part(output, "xl/workbook.xml"), /<definedName name="Mid">([^<]*)</g)).toEqual(["Data!$E$2:$F$3"]);
    const names = (await load(output)).definedNames.getRanges("Mid");
    expect(names.ranges).toEqual(["Data!$E$2:$F$3"]);
  });

  it("grows a merge across the insert point and moves one right of it", async () => {
    const xml = await part(output, "xl/worksheets/sheet1.xml");
    expect(all(xml, /<mergeCell ref="([^"]*)"/g)).toEqual(["A6:E6", "F7:G7"]);
  });

  it("moves column widths with their columns", async () => {
    const ws = (await load(output)).getWorksheet("Data") as ExcelJS.Worksheet;
    expect(ws.getColumn(2).width).toBe(20);
    expect(ws.getColumn(6).width).toBe(30);
    expect(ws.getColumn(4).width).not.toBe(30);
  });

  it("moves the conditional format's range and formula, and the validation's cell and list", async () => {
    const xml = await part(output, "xl/worksheets/sheet1.xml");
    expect(all(xml, /<conditionalFormatting sqref="([^"]*)"/g)).toEqual(["B2:G3"]);
    expect(all(xml, /<cfRule[^>]*><formula>([^<]*)<\/formula>/g)).toEqual(["B2&gt;E$2"]);
    expect(all(xml, /<dataValidation [^>]*sqref="([^"]*)"/g)).toEqual(["F2"]);
    expect(all(xml, /<formula1>([^<]*)<\/formula1>/g)).toEqual(["$B$2:$E$2"]);
    const ws = (await load(output)).getWorksheet("Data") as ExcelJS.Worksheet;
    expect(ws.getCell("F2").dataValidation?.formulae).toEqual(["$B$2:$E$2"]);
  });

  it("moves the hyperlink's location (and ExcelJS's '#Sheet!A1' relationship target for it)", async () => {
    const xml = await part(output, "xl/worksheets/sheet1.xml");
    expect(all(xml, /<hyperlink ref="([^"]*)"/g)).toEqual(["A8"]);
    expect(all(xml, /<hyperlink [^>]*location="([^"]*)"/g)).toEqual(["#Data!F3"]);
    expect(all(await part(output, "xl/worksheets/_rels/sheet1.xml.rels"), /Target="(#[^"]*)"/g)).toEqual(["#Data!F3"]);
  });

  it("moves the note: its comment's cell and its VML anchor and column", async () => {
    expect(all(await part(output, "xl/comments1.xml"), /<comment ref="([^"]*)"/g)).toEqual(["F1"]);
    const vml = await part(output, "xl/drawings/vmlDrawing1.vml");
    expect(all(vml, /<x:Column>(\d+)<\/x:Column>/g)).toEqual(["5"]);
    const before = all(await part(input, "xl/drawings/vmlDrawing1.vml"), /<x:Anchor>([^<]*)</g)[0] as string;
    const after = all(vml, /<x:Anchor>([^<]*)</g)[0] as string;
    const [b, a] = [before, after].map((s) => s.split(",").map(Number));
    expect(a).toEqual([(b?.[0] as number) + 2, ...(b?.slice(1, 4) ?? []), (b?.[4] as number) + 2, ...(b?.slice(5) ?? [])]);
    const ws = (await load(output)).getWorksheet("Data") as ExcelJS.Worksheet;
    expect(ws.getCell("F1").note).toBe("Q3 is estimated");
  });

  it("moves the picture's and the chart's anchors and the chart's series", async () => {
    const drawing = await part(output, "xl/drawings/drawing1.xml");
    expect(all(drawing, /<xdr:from><xdr:col>(\d+)</g)).toEqual(["5", "8"]);
    expect(all(drawing, /<xdr:to><xdr:col>(\d+)</g)).toEqual(["7", "12"]);
    expect(all(await part(output, "xl/charts/chart1.xml"), /<c:f>([^<]*)<\/c:f>/g)).toEqual([
      "Data!$A$2",
      "Data!$B$1:$G$1",
      "Data!$B$2:$G$2",
    ]);
    const ws = (await load(output)).getWorksheet("Data") as ExcelJS.Worksheet;
    const images = ws.getImages();
    expect(images).toHaveLength(1);
    expect(images[0]?.range.tl.nativeCol).toBe(5);
  });

  it("keeps the frozen first column frozen (the insert is right of it) and drops row spans", async () => {
    const xml = await part(output, "xl/worksheets/sheet1.xml");
    expect(all(xml, /<pane [^>]*xSplit="(\d+)"/g)).toEqual(["1"]);
    expect(xml).not.toMatch(/<row [^>]*spans=/);
    expect(all(xml, /<dimension ref="([^"]*)"/g)).toEqual(["A1:J8"]);
  });

  it("copies every part it does not change as it was", async () => {
    const [a, b] = await Promise.all([JSZip.loadAsync(input), JSZip.loadAsync(output)]);
    const unchanged = [
      "xl/styles.xml",
      "xl/theme/theme1.xml",
      "xl/sharedStrings.xml",
      "xl/media/image1.png",
      "docProps/core.xml",
      "[Content_Types].xml",
    ];
    for (const name of unchanged) {
      const [x, y] = await Promise.all([a.file(name)?.async("nodebuffer"), b.file(name)?.async("nodebuffer")]);
      expect([name, x?.length]).toEqual([name, expect.any(Number)]);
      expect([name, y?.equals(x as Buffer)]).toEqual([name, true]);
    }
    expect(Object.keys(b.files).sort()).toEqual(Object.keys(a.files).sort());
  });

  it("writes a worksheet, drawing, chart and workbook that validate against the OOXML schemas", () => {
    const script = path.join(OOXML, "validate-xlsx.sh");
    if (!fs.existsSync(script)) throw new Error(`The OOXML schemas are missing: ${script} (../shared/schemas/ooxml beside the repository)`);
    const dir = tempDir("kpa-insert-");
    try {
      const file = path.join(dir, "out.xlsx");
      fs.writeFileSync(file, output);
      const run = spawnSync("sh", [script, file], { encoding: "utf8", timeout: 120_000 });
      if (run.error) throw run.error;
      const lines = run.stdout.split("\n");
      for (const p of [
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet2.xml",
        "xl/drawings/drawing1.xml",
        "xl/charts/chart1.xml",
        "xl/workbook.xml",
        "xl/comments1.xml",
      ]) {
        expect(lines.find((l) => l.includes(` ${p} `))).toMatch(/^PASS /);
      }
      expect([run.status, run.stdout]).toEqual([0, expect.any(String)]);
    } finally {
      removeDir(dir);
    }
  });
});

// --- Hand-written packages -------------------------------------------------------------------------------------

const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" ' +
  'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

interface SheetSpec {
  name: string;
  /** The <worksheet> element's children. */
  body: string;
  /** Relationships of the sheet: [type, target relative to xl/worksheets/, id]. */
  rels?: [string, string, string][];
}

/** A package of the given sheets and extra parts, with a calculation chain. */
async function handMade(sheets: SheetSpec[], extra: Record<string, string> = {}, names = ""): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>`,
  );
  zip.file(
    "_rels/.rels",
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  zip.file(
    "xl/workbook.xml",
    `<?xml version="1.0"?><workbook ${NS}><sheets>${sheets.map((s, i) => `<sheet name="${s.name.replace(/&/g, "&amp;")}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets>${names}</workbook>`,
  );
  zip.file(
    "xl/_rels/workbook.xml.rels",
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map((_s, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join("")}<Relationship Id="rIdChain" Type="${REL}/calcChain" Target="calcChain.xml"/></Relationships>`,
  );
  zip.file(
    "xl/calcChain.xml",
    `<?xml version="1.0"?><calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="C1" i="1"/></calcChain>`,
  );
  sheets.forEach((s, i) => {
    zip.file(
      `xl/worksheets/sheet${i + 1}.xml`,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}>${s.body}</worksheet>`,
    );
    if (s.rels) {
      zip.file(
        `xl/worksheets/_rels/sheet${i + 1}.xml.rels`,
        `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${s.rels
          .map(
            ([type, target, id]) =>
              `<Relationship Id="${id}" Type="${type.startsWith("http") ? type : `${REL}/${type}`}" Target="${target}"${target.startsWith("#") || target.startsWith("http") ? ' TargetMode="External"' : ""}/>`,
          )
          .join("")}</Relationships>`,
      );
    }
  });
  for (const [name, text] of Object.entries(extra)) zip.file(name, text);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

const sheetData = (rows: string) => `<sheetData>${rows}</sheetData>`;

describe("insertColumns on hand-written parts", () => {
  it("moves sheet views: the pane's top-left cell, frozen columns when the insert is among them, selections", async () => {
    const body =
      `<dimension ref="A1:F9"/><sheetViews><sheetView workbookViewId="0" topLeftCell="C2"><pane xSplit="3" ySplit="1" topLeftCell="D2" activePane="bottomRight" state="frozen"/>` +
      `<selection pane="bottomRight" activeCell="E5" sqref="E5 A1:C3"/></sheetView></sheetViews>${sheetData("")}`;
    const out = await part(
      await insertColumns(await handMade([{ name: "S", body }]), [{ sheet: "S", at: 1, count: 1 }]),
      "xl/worksheets/sheet1.xml",
    );
    expect(all(out, /<dimension ref="([^"]*)"/g)).toEqual(["A1:G9"]);
    expect(all(out, /<sheetView [^>]*topLeftCell="([^"]*)"/g)).toEqual(["D2"]);
    expect(all(out, /<pane xSplit="(\d+)"/g)).toEqual(["4"]);
    expect(all(out, /<pane [^>]*topLeftCell="([^"]*)"/g)).toEqual(["E2"]);
    expect(all(out, /<selection [^>]*activeCell="([^"]*)" sqref="([^"]*)"/g)).toEqual(["F5"]);
    expect(all(out, /<selection [^>]*sqref="([^"]*)"/g)).toEqual(["F5 A1:D3"]);
  });

  it("a split pane's xSplit is a width, not a column count, and a frozen pane left of the insert stays", async () => {
    const body = `<sheetViews><sheetView workbookViewId="0"><pane xSplit="2400" state="split"/></sheetView><sheetView workbookViewId="1"><pane xSplit="2" topLeftCell="C1" state="frozen"/></sheetView></sheetViews>${sheetData("")}`;
    const out = await part(
      await insertColumns(await handMade([{ name: "S", body }]), [{ sheet: "S", at: 2, count: 3 }]),
      "xl/worksheets/sheet1.xml",
    );
    expect(all(out, /<pane xSplit="(\d+)"/g)).toEqual(["2400", "2"]);
  });

  it("cols: a range at or after the insert moves, one spanning it grows, one before it stays", async () => {
    const body = `<cols><col min="1" max="1" width="5" customWidth="1"/><col min="2" max="4" width="9" customWidth="1"/><col min="5" max="6" width="12" customWidth="1"/><col min="8" max="8" width="3" customWidth="1"></col></cols>${sheetData("")}`;
    const out = await part(
      await insertColumns(await handMade([{ name: "S", body }]), [{ sheet: "S", at: 2, count: 2 }]),
      "xl/worksheets/sheet1.xml",
    );
    expect(all(out, /<col min="(\d+" max="\d+)"/g)).toEqual(['1" max="1', '2" max="6', '7" max="8', '10" max="10']);
    expect(out).toContain(`<col min="10" max="10" width="3" customWidth="1"></col>`);
  });

  it("cells: r moves (and is written where it was implied), cells left of the insert keep theirs", async () => {
    const rows = `<row r="1" spans="1:4"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>3</v></c></row><row><c><v>4</v></c><c><v>5</v></c><c><v>6</v></c></row>`;
    const out = await part(
      await insertColumns(await handMade([{ name: "S", body: sheetData(rows) }]), [{ sheet: "S", at: 1, count: 1 }]),
      "xl/worksheets/sheet1.xml",
    );
    expect(out).toContain(`<row r="1"><c r="A1"><v>1</v></c><c r="C1"><v>2</v></c><c r="D1"><v>3</v></c></row>`);
    expect(out).toContain(`<row><c><v>4</v></c><c r="C2"><v>5</v></c><c r="D2"><v>6</v></c></row>`);
  });

  it("array formulas, data tables and escaped formula text", async () => {
    const rows =
      `<row r="1"><c r="A1"><f t="array" ref="A1:B1">B2:D2*2</f></c><c r="D1"><f t="array" ref="D1:E1">A2:B2</f></c></row>` +
      `<row r="2"><c r="D2"><f>IF(C1&gt;0,"a&amp;b C1",'R&amp;D'!C1)</f></c></row>` +
      `<row r="5"><c r="D5"><f t="dataTable" ref="D5:D8" dt2D="0" dtr="0" r1="C3"/><v>1</v></c></row>`;
    const input = await handMade([
      { name: "S", body: sheetData(rows) },
      { name: "R&D", body: sheetData("") },
    ]);
    const out = await part(await insertColumns(input, [{ sheet: "S", at: 2, count: 1 }]), "xl/worksheets/sheet1.xml");
    expect(out).toContain(`<c r="A1"><f t="array" ref="A1:B1">B2:E2*2</f></c><c r="E1"><f t="array" ref="E1:F1">A2:B2</f></c>`);
    expect(out).toContain(`<c r="E2"><f>IF(D1&gt;0,"a&amp;b C1",'R&amp;D'!C1)</f></c>`);
    expect(out).toContain(`<c r="E5"><f t="dataTable" ref="E5:E8" dt2D="0" dtr="0" r1="D3"/><v>1</v></c>`);

    // Through an array formula's cells or a data table: refused, as Excel does.
    await expect(insertColumns(input, [{ sheet: "S", at: 1, count: 1 }])).rejects.toThrow(/split the array formula in A1:B1/);
    await expect(insertColumns(input, [{ sheet: "S", at: 4, count: 1 }])).rejects.toThrow(/split the array formula in D1:E1/);

    // The same workbook with the insert on R&D: only the qualified reference moves.
    const onRD = await part(await insertColumns(input, [{ sheet: "R&D", at: 0, count: 1 }]), "xl/worksheets/sheet1.xml");
    expect(onRD).toContain(`<f>IF(C1&gt;0,"a&amp;b C1",'R&amp;D'!D1)</f>`);
  });

  it("a shared formula on one column keeps sharing; one across the insert on other columns is un-shared only where it must", async () => {
    const rows =
      `<row r="1"><c r="D1"><f t="shared" ref="D1:D3" si="0">A1+E1</f><v>0</v></c><c r="F1"><f t="shared" ref="F1:G1" si="1">$A$1+Other!A1</f></c><c r="G1"><f t="shared" si="1"/></c></row>` +
      `<row r="2"><c r="D2"><f t="shared" si="0"/><v>0</v></c></row><row r="3"><c r="D3"><f t="shared" si="0"/></c></row>`;
    const out = await part(
      await insertColumns(
        await handMade([
          { name: "S", body: sheetData(rows) },
          { name: "Other", body: sheetData("") },
        ]),
        [{ sheet: "S", at: 2, count: 1 }],
      ),
      "xl/worksheets/sheet1.xml",
    );
    expect(out).toContain(`<c r="E1"><f t="shared" ref="E1:E3" si="0">A1+F1</f><v>0</v></c>`);
    expect(out).toContain(`<c r="E2"><f t="shared" si="0"/><v>0</v></c>`);
    // F1:G1 moves whole to G1:H1 and reads the same relative offsets: still shared.
    expect(out).toContain(`<c r="G1"><f t="shared" ref="G1:H1" si="1">$A$1+Other!A1</f></c><c r="H1"><f t="shared" si="1"/></c>`);
  });

  it("autoFilter: its range grows and its filter columns right of the insert get new ids; sortState moves", async () => {
    const body =
      `${sheetData("")}<autoFilter ref="A1:F10"><filterColumn colId="1"><filters><filter val="x"/></filters></filterColumn><filterColumn colId="3"><filters><filter val="y"/></filters></filterColumn>` +
      `<sortState ref="A2:F10"><sortCondition ref="D2:D10"/></sortState></autoFilter>`;
    const out = await part(
      await insertColumns(await handMade([{ name: "S", body }]), [{ sheet: "S", at: 2, count: 2 }]),
      "xl/worksheets/sheet1.xml",
    );
    expect(all(out, /<autoFilter ref="([^"]*)"/g)).toEqual(["A1:H10"]);
    expect(all(out, /<filterColumn colId="(\d+)"/g)).toEqual(["1", "5"]);
    expect(all(out, /<sortState ref="([^"]*)"/g)).toEqual(["A2:H10"]);
    expect(all(out, /<sortCondition ref="([^"]*)"/g)).toEqual(["F2:F10"]);
  });

  it("page breaks: a column break moves with the column it stands left of; row breaks stay", async () => {
    const body = `${sheetData("")}<rowBreaks count="1" manualBreakCount="1"><brk id="3" max="16383" man="1"/></rowBreaks><colBreaks count="2" manualBreakCount="2"><brk id="1" max="1048575" man="1"/><brk id="3" max="1048575" man="1"/></colBreaks>`;
    const out = await part(
      await insertColumns(await handMade([{ name: "S", body }]), [{ sheet: "S", at: 2, count: 2 }]),
      "xl/worksheets/sheet1.xml",
    );
    expect(all(out, /<rowBreaks[^>]*><brk id="(\d+)"/g)).toEqual(["3"]);
    expect(all(/<colBreaks[\s\S]*<\/colBreaks>/.exec(out)?.[0] ?? "", /<brk id="(\d+)"/g)).toEqual(["1", "5"]);
  });

  it("protected ranges, ignored errors, merges, and the x14 conditional formats, validations and sparklines in extLst", async () => {
    const ext =
      `<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}"><x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:cfRule type="expression" priority="2" id="{00000000-0000-0000-0000-000000000001}"><xm:f>C2&gt;Other!C1</xm:f></x14:cfRule><xm:sqref>C2:C9</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext>` +
      `<ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"><x14:dataValidations count="1"><x14:dataValidation type="list"><x14:formula1><xm:f>Other!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>D2:D9</xm:sqref></x14:dataValidation></x14:dataValidations></ext>` +
      `<ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}"><x14:sparklineGroups><x14:sparklineGroup><x14:sparklines><x14:sparkline><xm:f>S!A2:D2</xm:f><xm:sqref>E2</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext></extLst>`;
    const body = `${sheetData("")}<protectedRanges><protectedRange sqref="C1:C5 A1" name="p"/></protectedRanges><mergeCells count="1"><mergeCell ref="B1:C1"/></mergeCells><ignoredErrors><ignoredError sqref="D4" numberStoredAsText="1"/></ignoredErrors>${ext}`;
    const out = await part(
      await insertColumns(
        await handMade([
          { name: "S", body },
          { name: "Other", body: sheetData("") },
        ]),
        [{ sheet: "S", at: 2, count: 1 }],
      ),
      "xl/worksheets/sheet1.xml",
    );
    expect(all(out, /<protectedRange sqref="([^"]*)"/g)).toEqual(["D1:D5 A1"]);
    expect(all(out, /<mergeCell ref="([^"]*)"/g)).toEqual(["B1:D1"]);
    expect(all(out, /<ignoredError sqref="([^"]*)"/g)).toEqual(["E4"]);
    expect(all(out, /<xm:f>([^<]*)<\/xm:f>/g)).toEqual(["D2&gt;Other!C1", "Other!$A$1:$A$3", "S!A2:E2"]);
    expect(all(out, /<xm:sqref>([^<]*)<\/xm:sqref>/g)).toEqual(["D2:D9", "E2:E9", "F2"]);
  });

  it("on another sheet only references to the inserted sheet move: formulas, validations, x14 formulas, hyperlinks", async () => {
    const body =
      `${sheetData(`<row r="1"><c r="C1"><f>S!C1+C1</f></c></row>`)}<conditionalFormatting sqref="C1:C3"><cfRule type="expression" priority="1"><formula>C1&gt;S!$C$1</formula></cfRule></conditionalFormatting>` +
      `<dataValidations count="1"><dataValidation type="list" sqref="C2"><formula1>S!$C$1:$C$9</formula1></dataValidation></dataValidations>` +
      `<hyperlinks><hyperlink ref="C3" location="'S'!C7" display="x"/><hyperlink ref="C4" r:id="rIdX" location="S!C7"/></hyperlinks>` +
      `<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}"><x14:sparklineGroups><x14:sparklineGroup><x14:sparklines><x14:sparkline><xm:f>S!A2:D2</xm:f><xm:sqref>C5</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext></extLst>`;
    const input = await handMade([
      { name: "S", body: sheetData("") },
      { name: "Other", body, rels: [["hyperlink", "http://example.com/book.xlsx", "rIdX"]] },
    ]);
    const out = await part(await insertColumns(input, [{ sheet: "S", at: 2, count: 1 }]), "xl/worksheets/sheet2.xml");
    expect(out).toContain(`<c r="C1"><f>S!D1+C1</f></c>`);
    expect(out).toContain(`<conditionalFormatting sqref="C1:C3"><cfRule type="expression" priority="1"><formula>C1&gt;S!$D$1</formula>`);
    expect(out).toContain(`<dataValidation type="list" sqref="C2"><formula1>S!$D$1:$D$9</formula1>`);
    expect(all(out, /location="([^"]*)"/g)).toEqual(["'S'!D7", "S!C7"]); // the second points into another file
    expect(all(out, /<xm:f>([^<]*)</g)).toEqual(["S!A2:E2"]);
    expect(all(out, /<xm:sqref>([^<]*)</g)).toEqual(["C5"]);
  });

  it("tables: a table right of the insert moves; one on another sheet keeps its range but its column formulas move", async () => {
    const table = (id: number, ref: string, formula: string) =>
      `<?xml version="1.0"?><table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${id}" name="T${id}" displayName="T${id}" ref="${ref}"><autoFilter ref="${ref}"/><tableColumns count="2"><tableColumn id="1" name="a"/><tableColumn id="2" name="b"><calculatedColumnFormula>${formula}</calculatedColumnFormula></tableColumn></tableColumns></table>`;
    const input = await handMade(
      [
        {
          name: "S",
          body: `${sheetData("")}<tableParts count="1"><tablePart r:id="rIdT"/></tableParts>`,
          rels: [["table", "../tables/table1.xml", "rIdT"]],
        },
        {
          name: "Other",
          body: `${sheetData("")}<tableParts count="1"><tablePart r:id="rIdT"/></tableParts>`,
          rels: [["table", "../tables/table2.xml", "rIdT"]],
        },
      ],
      { "xl/tables/table1.xml": table(1, "C2:D5", "T1[[#This Row],[a]]*$A$1"), "xl/tables/table2.xml": table(2, "C2:D5", "S!C2*2") },
    );
    const output = await insertColumns(input, [{ sheet: "S", at: 1, count: 2 }]);
    const t1 = await part(output, "xl/tables/table1.xml");
    expect(all(t1, /\sref="([^"]*)"/g)).toEqual(["E2:F5", "E2:F5"]);
    expect(t1).toContain("<calculatedColumnFormula>T1[[#This Row],[a]]*$A$1</calculatedColumnFormula>");
    const t2 = await part(output, "xl/tables/table2.xml");
    expect(all(t2, /\sref="([^"]*)"/g)).toEqual(["C2:D5", "C2:D5"]);
    expect(t2).toContain("<calculatedColumnFormula>S!E2*2</calculatedColumnFormula>");
    // Right beside the table: nothing in it moves.
    const beside = await part(await insertColumns(input, [{ sheet: "S", at: 4, count: 2 }]), "xl/tables/table1.xml");
    expect(all(beside, /\sref="([^"]*)"/g)).toEqual(["C2:D5", "C2:D5"]);
    // Through the table: refused.
    await expect(insertColumns(input, [{ sheet: "S", at: 3, count: 1 }])).rejects.toThrow(/split table "T1" \(C2:D5\)/);
  });

  it("threaded comments, drawings (an object ending where the insert begins does not grow), pivot tables and caches", async () => {
    const drawing =
      `<?xml version="1.0"?><xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">` +
      `<xdr:twoCellAnchor><xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>0</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>2</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>3</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:sp macro="" textlink="$C$1"><xdr:nvSpPr><xdr:cNvPr id="2" name="Box"/><xdr:cNvSpPr/></xdr:nvSpPr><xdr:spPr/></xdr:sp><xdr:clientData/></xdr:twoCellAnchor>` +
      `<xdr:oneCellAnchor><xdr:from><xdr:col>1</xdr:col><xdr:colOff>10</xdr:colOff><xdr:row>5</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="1" cy="1"/><xdr:sp macro=""><xdr:nvSpPr><xdr:cNvPr id="3" name="Dot"/><xdr:cNvSpPr/></xdr:nvSpPr><xdr:spPr/></xdr:sp><xdr:clientData/></xdr:oneCellAnchor>` +
      `<xdr:twoCellAnchor><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>0</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>2</xdr:col><xdr:colOff>5</xdr:colOff><xdr:row>3</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:sp macro=""><xdr:nvSpPr><xdr:cNvPr id="4" name="Wide"/><xdr:cNvSpPr/></xdr:nvSpPr><xdr:spPr/></xdr:sp><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`;
    const threaded = `<?xml version="1.0"?><ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><threadedComment ref="C4" dT="2024-01-01T00:00:00.00" personId="{1}" id="{2}"><text>hi</text></threadedComment><threadedComment ref="A4" dT="2024-01-01T00:00:00.00" personId="{1}" id="{3}"><text>ho</text></threadedComment></ThreadedComments>`;
    const pivot = `<?xml version="1.0"?><pivotTableDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" name="P" cacheId="1"><location ref="D3:E9" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/></pivotTableDefinition>`;
    const cache = `<?xml version="1.0"?><pivotCacheDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"><cacheSource type="worksheet"><worksheetSource ref="A1:D20" sheet="S"/></cacheSource></pivotCacheDefinition>`;
    const input = await handMade(
      [
        {
          name: "S",
          body: `${sheetData("")}<drawing r:id="rD"/>`,
          rels: [
            ["drawing", "../drawings/drawing1.xml", "rD"],
            [
              "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment",
              "../threadedComments/threadedComment1.xml",
              "rTC",
            ],
            ["pivotTable", "../pivotTables/pivotTable1.xml", "rP"],
          ],
        },
      ],
      {
        "xl/drawings/drawing1.xml": drawing,
        "xl/threadedComments/threadedComment1.xml": threaded,
        "xl/pivotTables/pivotTable1.xml": pivot,
        "xl/pivotCache/pivotCacheDefinition1.xml": cache,
      },
    );
    const output = await insertColumns(input, [{ sheet: "S", at: 2, count: 1 }]);
    const d = await part(output, "xl/drawings/drawing1.xml");
    expect(all(d, /<xdr:from><xdr:col>(\d+)</g)).toEqual(["0", "1", "1"]);
    // The first ends at the very start of column C: it does not grow; the third reaches into C: it grows.
    expect(all(d, /<xdr:to><xdr:col>(\d+)</g)).toEqual(["2", "3"]);
    expect(all(d, /textlink="([^"]*)"/g)).toEqual(["$D$1"]);
    expect(all(await part(output, "xl/threadedComments/threadedComment1.xml"), /ref="([^"]*)"/g)).toEqual(["D4", "A4"]);
    expect(all(await part(output, "xl/pivotTables/pivotTable1.xml"), /<location ref="([^"]*)"/g)).toEqual(["E3:F9"]);
    expect(all(await part(output, "xl/pivotCache/pivotCacheDefinition1.xml"), /<worksheetSource ref="([^"]*)"/g)).toEqual(["A1:E20"]);
    await expect(insertColumns(input, [{ sheet: "S", at: 4, count: 1 }])).rejects.toThrow(/split a pivot table \(D3:E9\)/);
  });

  it("defined names: only sheet-qualified references move, scoped ones included; 3-D and other sheets' stay", async () => {
    const names =
      `<definedNames><definedName name="A">S!$C$1:$C$4</definedName><definedName name="B" localSheetId="0">S!$B$1,'S'!$D:$D</definedName>` +
      `<definedName name="C">Other!$C$1</definedName><definedName name="D">SUM(S:Other!$C$1)</definedName><definedName name="_xlnm.Print_Titles" localSheetId="0">S!$A:$C</definedName></definedNames>`;
    const input = await handMade(
      [
        { name: "S", body: sheetData("") },
        { name: "Other", body: sheetData("") },
      ],
      {},
      names,
    );
    const out = await part(await insertColumns(input, [{ sheet: "S", at: 2, count: 1 }]), "xl/workbook.xml");
    expect(all(out, /<definedName [^>]*>([^<]*)</g)).toEqual([
      "S!$D$1:$D$4",
      "S!$B$1,'S'!$E:$E",
      "Other!$C$1",
      "SUM(S:Other!$C$1)",
      "S!$A:$D",
    ]);
  });

  it("deletes the calculation chain, its content type and its relationship", async () => {
    const output = await insertColumns(await handMade([{ name: "S", body: sheetData(`<row r="1"><c r="C1"><f>1+1</f></c></row>`) }]), [
      { sheet: "S", at: 0, count: 1 },
    ]);
    const zip = await JSZip.loadAsync(output);
    expect(zip.file("xl/calcChain.xml")).toBeNull();
    expect(await part(output, "[Content_Types].xml")).not.toContain("calcChain");
    const rels = await part(output, "xl/_rels/workbook.xml.rels");
    expect(rels).not.toContain("calcChain");
    expect(rels).toContain('Target="worksheets/sheet1.xml"');
  });

  it("several inserts on one sheet count columns as they were; inserts on other sheets apply too", async () => {
    const rows = `<row r="1"><c r="A1"><v>0</v></c><c r="B1"><v>1</v></c><c r="C1"><v>2</v></c><c r="D1"><f>A1+B1+C1</f></c></row>`;
    const input = await handMade([
      { name: "S", body: sheetData(rows) },
      { name: "T", body: sheetData(`<row r="1"><c r="B1"><f>S!B1+S!D1+T!C1</f></c></row>`) },
    ]);
    const output = await insertColumns(input, [
      { sheet: "S", at: 1, count: 1 },
      { sheet: "T", at: 0, count: 2 },
      { sheet: "S", at: 3, count: 2 },
    ]);
    const s = await part(output, "xl/worksheets/sheet1.xml");
    expect(all(s, /<c r="([A-Z]+1)"/g)).toEqual(["A1", "C1", "D1", "G1"]);
    expect(s).toContain(`<c r="G1"><f>A1+C1+D1</f></c>`);
    expect(await part(output, "xl/worksheets/sheet2.xml")).toContain(`<c r="D1"><f>S!C1+S!G1+T!E1</f></c>`);
  });

  it("refuses a sheet the workbook lacks, naming it, and inserts that would push cells off the sheet", async () => {
    const input = await handMade([{ name: "S", body: sheetData(`<row r="1"><c r="XFC1"><v>1</v></c></row>`) }]);
    await expect(insertColumns(input, [{ sheet: "Nope", at: 1, count: 1 }])).rejects.toThrow('The workbook has no sheet named "Nope"');
    await expect(insertColumns(input, [{ sheet: "S", at: 1, count: 2 }])).rejects.toThrow(/pushed off the sheet/);
    await expect(insertColumns(input, [{ sheet: "S", at: -1, count: 1 }])).rejects.toThrow(/out of the sheet's columns/);
  });

  it("nothing to insert gives the package back as it was", async () => {
    const input = await handMade([{ name: "S", body: sheetData("") }]);
    expect((await insertColumns(input, [{ sheet: "s", at: 3, count: 0 }])).equals(input)).toBe(true);
  });

  it("a sheet written with a namespace prefix is refused rather than half moved", async () => {
    const input = await handMade([{ name: "S", body: "" }]);
    const zip = await JSZip.loadAsync(input);
    zip.file(
      "xl/worksheets/sheet1.xml",
      `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData/></x:worksheet>`,
    );
    const prefixed = await zip.generateAsync({ type: "nodebuffer" });
    await expect(insertColumns(prefixed, [{ sheet: "S", at: 0, count: 1 }])).rejects.toThrow(/namespace prefix/);
  });

  it("notes' VML and form-control links: anchors move on the inserted sheet, FmlaLink on any", async () => {
    const vml = `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:x="urn:schemas-microsoft-com:office:excel"><v:shape><x:ClientData ObjectType="Note"><x:Anchor>\n 3, 15, 0, 2, 5, 15, 4, 4</x:Anchor><x:Row>0</x:Row><x:Column>2</x:Column></x:ClientData></v:shape><v:shape><x:ClientData ObjectType="Drop"><x:Anchor>0, 1, 0, 1, 1, 0, 1, 0</x:Anchor><x:FmlaLink>$C$1</x:FmlaLink><x:FmlaRange>Other!$C$1:$C$3</x:FmlaRange></x:ClientData></v:shape></xml>`;
    const ctrl = `<?xml version="1.0"?><formControlPr xmlns="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" objectType="Drop" fmlaLink="$C$1" fmlaRange="Other!$C$1:$C$3"/>`;
    const input = await handMade(
      [
        {
          name: "S",
          body: `${sheetData("")}<legacyDrawing r:id="rV"/>`,
          rels: [
            ["vmlDrawing", "../drawings/vmlDrawing1.vml", "rV"],
            ["ctrlProp", "../ctrlProps/ctrlProp1.xml", "rC"],
          ],
        },
        { name: "Other", body: sheetData("") },
      ],
      { "xl/drawings/vmlDrawing1.vml": vml, "xl/ctrlProps/ctrlProp1.xml": ctrl },
    );
    const onS = await insertColumns(input, [{ sheet: "S", at: 2, count: 1 }]);
    const v = await part(onS, "xl/drawings/vmlDrawing1.vml");
    expect(all(v, /<x:Anchor>([^<]*)</g)).toEqual(["\n 4, 15, 0, 2, 6, 15, 4, 4", "0, 1, 0, 1, 1, 0, 1, 0"]);
    expect(all(v, /<x:Column>(\d+)</g)).toEqual(["3"]);
    expect(all(v, /<x:FmlaLink>([^<]*)</g)).toEqual(["$D$1"]);
    expect(all(await part(onS, "xl/ctrlProps/ctrlProp1.xml"), /fmlaLink="([^"]*)"/g)).toEqual(["$D$1"]);
    const onOther = await insertColumns(input, [{ sheet: "Other", at: 0, count: 1 }]);
    expect(all(await part(onOther, "xl/drawings/vmlDrawing1.vml"), /<x:FmlaRange>([^<]*)</g)).toEqual(["Other!$D$1:$D$3"]);
    expect(all(await part(onOther, "xl/drawings/vmlDrawing1.vml"), /<x:Column>(\d+)</g)).toEqual(["2"]);
    expect(all(await part(onOther, "xl/ctrlProps/ctrlProp1.xml"), /fmlaRange="([^"]*)"/g)).toEqual(["Other!$D$1:$D$3"]);
  });
});
