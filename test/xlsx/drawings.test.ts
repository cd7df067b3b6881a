// Guarantee: a sheet's drawing comes back whole. Charts, pictures and shapes are parts ExcelJS cannot keep (it drops
// charts, and fails outright on a chart another library wrote): kpa takes each sheet's drawing out before ExcelJS
// reads the workbook and puts it back, every part byte for byte, after it writes.
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { readPackage } from "../../src/xlsx/stream-read";
import { AS_OF, GOAL_HEADER, evaluateOk, putRows, removeDir, schemaVerdicts, tempDir } from "../fixtures/xlsx";

// A chart as openpyxl writes one: absolute relationship targets, a <drawing> with its own xmlns:r, no c: prefixes.
const DRAWING = `<wsDr xmlns="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"><oneCellAnchor><from><col>3</col><colOff>0</colOff><row>1</row><rowOff>0</rowOff></from><ext cx="5400000" cy="2700000"/><graphicFrame><nvGraphicFramePr><cNvPr id="1" name="Chart 1"/><cNvGraphicFramePr/></nvGraphicFramePr><xfrm/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></a:graphicData></a:graphic></graphicFrame><clientData/></oneCellAnchor></wsDr>`;
const CHART = `<chartSpace xmlns="http://schemas.openxmlformats.org/drawingml/2006/chart"><chart><plotArea><barChart><barDir val="col"/><grouping val="clustered"/><ser><idx val="0"/><order val="0"/><cat><numRef><f>'Data'!$A$1:$A$4</f></numRef></cat><val><numRef><f>'Data'!$B$1:$B$4</f></numRef></val></ser><gapWidth val="150"/><axId val="10"/><axId val="100"/></barChart><catAx><axId val="10"/><scaling><orientation val="minMax"/></scaling><axPos val="l"/><crossAx val="100"/></catAx><valAx><axId val="100"/><scaling><orientation val="minMax"/></scaling><axPos val="l"/><crossAx val="10"/></valAx></plotArea><plotVisOnly val="1"/></chart></chartSpace>`;
const rels = (...items: string[]) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join("")}</Relationships>`;
// A 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

let dir: string;
beforeAll(() => (dir = tempDir()));
afterAll(() => removeDir(dir));

/** Goals with a picture (as ExcelJS writes one), and a Data sheet with a chart (as openpyxl writes one). */
async function chartedWorkbook(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const goals = wb.addWorksheet("Goals");
  putRows(goals, "A1", [
    GOAL_HEADER,
    ["Raise CSAT", "≥ 85%", new Date(Date.UTC(2050, 11, 31)), "Ana", "88%"],
    ["Cut churn", "≤ 5%", new Date(Date.UTC(2050, 11, 31)), "Bo", "7%"],
  ]);
  goals.addImage(wb.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: "png" }), "H2:I4");
  const data = wb.addWorksheet("Data");
  putRows(data, "A1", [
    ["Q1", 3],
    ["Q2", 5],
    ["Q3", 2],
    ["Q4", 8],
  ]);
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  zip.file("xl/drawings/drawing99.xml", DRAWING);
  zip.file(
    "xl/drawings/_rels/drawing99.xml.rels",
    rels(
      '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="/xl/charts/chart1.xml" Id="rId1"/>',
    ),
  );
  zip.file("xl/charts/chart1.xml", CHART);
  zip.file(
    "xl/worksheets/_rels/sheet2.xml.rels",
    rels(
      '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="/xl/drawings/drawing99.xml" Id="rId1"/>',
    ),
  );
  const sheet = (await zip.file("xl/worksheets/sheet2.xml")?.async("string")) as string;
  zip.file(
    "xl/worksheets/sheet2.xml",
    sheet.replace(
      "</worksheet>",
      '<drawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></worksheet>',
    ),
  );
  const types = (await zip.file("[Content_Types].xml")?.async("string")) as string;
  zip.file(
    "[Content_Types].xml",
    types.replace(
      "</Types>",
      '<Override PartName="/xl/drawings/drawing99.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/><Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>',
    ),
  );
  const file = path.join(dir, "charted.xlsx");
  fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return file;
}

/** The parts a drawing reaches, by path, with their bytes. */
async function drawingParts(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const out = new Map<string, Buffer>();
  for (const p of Object.keys(zip.files).filter((f) => /^xl\/(drawings|charts|media)\/.+[^/]$/.test(f)))
    out.set(p, Buffer.from(await (zip.file(p) as JSZip.JSZipObject).async("uint8array")));
  return out;
}

describe("a workbook with a chart and a picture", () => {
  let input: string;
  let output: string;
  beforeAll(async () => {
    input = await chartedWorkbook();
    output = path.join(dir, "out.xlsx");
    await evaluateOk(input, "--out", output, "--as-of", AS_OF, "--quiet");
  });

  it("is evaluated, though ExcelJS alone refuses it", async () => {
    await expect(new ExcelJS.Workbook().xlsx.load(fs.readFileSync(input) as unknown as ExcelJS.Buffer)).rejects.toThrow(/anchors/);
    // Read back as kpa reads: ExcelJS itself cannot read the output either, since the chart is still in it.
    const goals = readPackage(fs.readFileSync(output), output).grid.sheets.find((s) => s.name === "Goals");
    expect([goals?.values[1]?.[5], goals?.values[2]?.[5]]).toEqual(["Met", "Off Track"]);
  });

  it("keeps every drawing, chart and picture part byte for byte", async () => {
    const before = await drawingParts(input);
    const after = await drawingParts(output);
    expect(before.size).toBeGreaterThanOrEqual(5);
    for (const [p, bytes] of before) expect([p, after.get(p)?.equals(bytes)]).toEqual([p, true]);
  });

  it("links each sheet to its own drawing again, with the content types Excel needs", async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(output));
    const workbook = (await zip.file("xl/workbook.xml")?.async("string")) as string;
    const wbRels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) as string;
    const partOf = (sheet: string) => {
      const rid = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
      return `xl/${new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(wbRels)?.slice(1).find(Boolean)}`.replace(
        "xl//xl/",
        "xl/",
      );
    };
    for (const [sheet, drawing] of [
      ["Data", "/xl/drawings/drawing99.xml"],
      ["Goals", undefined],
    ] as const) {
      const part = partOf(sheet);
      const xml = (await zip.file(part)?.async("string")) as string;
      const id = /<drawing\b[^>]*\sr:id="([^"]+)"/.exec(xml)?.[1];
      expect([sheet, id]).toEqual([sheet, expect.stringMatching(/^rId\w+$/)]);
      const sheetRels = (await zip.file(part.replace(/([^/]+)$/, "_rels/$1.rels"))?.async("string")) as string;
      const rel = new RegExp(`<Relationship [^>]*Id="${id}"[^>]*>`).exec(sheetRels)?.[0] ?? "";
      const target = /Target="([^"]+)"/.exec(rel)?.[1];
      if (drawing) expect(target).toBe(drawing);
      else expect(zip.file(path.posix.join(path.posix.dirname(part), target as string).replace(/^\/?/, ""))).not.toBeNull();
    }
    const types = (await zip.file("[Content_Types].xml")?.async("string")) as string;
    expect(types).toContain('PartName="/xl/charts/chart1.xml"');
    expect(types).toContain('PartName="/xl/drawings/drawing99.xml"');
    expect(types).toMatch(/Extension="png"/);
  });

  it("writes worksheets that validate against the OOXML schemas", () => {
    const sheets = [...schemaVerdicts(output)].filter(([part]) => part.startsWith("xl/worksheets/sheet"));
    expect(sheets.length).toBeGreaterThanOrEqual(2);
    for (const [part, line] of sheets) expect([part, line]).toEqual([part, expect.stringMatching(/^PASS /)]);
  });

  it("comes back once, not twice, when its own output is evaluated again", async () => {
    const again = path.join(dir, "again.xlsx");
    await evaluateOk(output, "--out", again, "--as-of", AS_OF, "--quiet");
    const zip = await JSZip.loadAsync(fs.readFileSync(again));
    const drawings = Object.keys(zip.files).filter((f) => /^xl\/drawings\/drawing\d+\.xml$/.test(f));
    expect(drawings.sort()).toEqual(
      Object.keys((await JSZip.loadAsync(fs.readFileSync(output))).files)
        .filter((f) => /^xl\/drawings\/drawing\d+\.xml$/.test(f))
        .sort(),
    );
    expect((await drawingParts(again)).get("xl/charts/chart1.xml")?.equals(Buffer.from(CHART))).toBe(true);
  });
});
