// Guarantee: pivot tables and threaded comments come back. ExcelJS drops both (the pivot table, its cache and the
// workbook's <pivotCaches>; the threaded comments and the people who wrote them); kpa takes them out before ExcelJS
// reads the workbook and puts every part back byte for byte after it writes, linked as before.
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { AS_OF, GOAL_HEADER, evaluateOk, putRows, removeDir, schemaVerdicts, tempDir } from "../fixtures/xlsx";

const SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const TC = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments";
const REL = {
  pivotTable: `${R}/pivotTable`,
  cache: `${R}/pivotCacheDefinition`,
  records: `${R}/pivotCacheRecords`,
  thread: "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment",
  person: "http://schemas.microsoft.com/office/2017/10/relationships/person",
};
const PARTS: Record<string, string> = {
  "xl/pivotCache/pivotCacheDefinition1.xml": `<pivotCacheDefinition xmlns="${SML}" xmlns:r="${R}" r:id="rId1" refreshOnLoad="1" recordCount="2"><cacheSource type="worksheet"><worksheetSource ref="A1:B3" sheet="Lists"/></cacheSource><cacheFields count="2"><cacheField name="Owner" numFmtId="0"><sharedItems count="2"><s v="Ana"/><s v="Bo"/></sharedItems></cacheField><cacheField name="Score" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1" containsInteger="1" minValue="3" maxValue="5"/></cacheField></cacheFields></pivotCacheDefinition>`,
  "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels": rels(
    `<Relationship Id="rId1" Type="${REL.records}" Target="pivotCacheRecords1.xml"/>`,
  ),
  "xl/pivotCache/pivotCacheRecords1.xml": `<pivotCacheRecords xmlns="${SML}" count="2"><r><x v="0"/><n v="3"/></r><r><x v="1"/><n v="5"/></r></pivotCacheRecords>`,
  "xl/pivotTables/pivotTable1.xml": `<pivotTableDefinition xmlns="${SML}" name="PivotTable1" cacheId="7" dataCaption="Values" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" updatedVersion="6" minRefreshableVersion="3" createdVersion="6" outline="1" outlineData="1"><location ref="D1:E4" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/><pivotFields count="2"><pivotField axis="axisRow" showAll="0"><items count="3"><item x="0"/><item x="1"/><item t="default"/></items></pivotField><pivotField dataField="1" showAll="0"/></pivotFields><rowFields count="1"><field x="0"/></rowFields><rowItems count="3"><i><x/></i><i><x v="1"/></i><i t="grand"><x/></i></rowItems><colItems count="1"><i/></colItems><dataFields count="1"><dataField name="Sum of Score" fld="1" baseField="0" baseItem="0"/></dataFields></pivotTableDefinition>`,
  "xl/pivotTables/_rels/pivotTable1.xml.rels": rels(
    `<Relationship Id="rId1" Type="${REL.cache}" Target="../pivotCache/pivotCacheDefinition1.xml"/>`,
  ),
  "xl/threadedComments/threadedComment1.xml": `<ThreadedComments xmlns="${TC}" xmlns:x="${SML}"><threadedComment ref="A2" dT="2050-10-01T10:00:00.00" personId="{11111111-1111-1111-1111-111111111111}" id="{22222222-2222-2222-2222-222222222222}"><text>Check the survey size</text></threadedComment></ThreadedComments>`,
  "xl/persons/person.xml": `<personList xmlns="${TC}" xmlns:x="${SML}"><person displayName="Ana" id="{11111111-1111-1111-1111-111111111111}" userId="ana@example.com" providerId="None"/></personList>`,
};
const TYPES =
  `<Override PartName="/xl/pivotCache/pivotCacheDefinition1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml"/>` +
  `<Override PartName="/xl/pivotCache/pivotCacheRecords1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml"/>` +
  `<Override PartName="/xl/pivotTables/pivotTable1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml"/>` +
  `<Override PartName="/xl/threadedComments/threadedComment1.xml" ContentType="application/vnd.ms-excel.threadedcomments+xml"/>` +
  `<Override PartName="/xl/persons/person.xml" ContentType="application/vnd.ms-excel.person+xml"/>`;

function rels(...items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join("")}</Relationships>`;
}

async function text(zip: JSZip, part: string): Promise<string> {
  const f = zip.file(part);
  if (!f) throw new Error(`The package has no ${part}`);
  return f.async("string");
}

/** The part a sheet is saved in, through workbook.xml and its relationships. */
async function sheetPart(zip: JSZip, sheet: string): Promise<string> {
  const book = await text(zip, "xl/workbook.xml");
  const id = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(book)?.[1];
  const target =
    new RegExp(`<Relationship [^>]*Id="${id}"[^>]*Target="([^"]+)"`).exec(await text(zip, "xl/_rels/workbook.xml.rels"))?.[1] ?? "";
  return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
}

/** The target of a part's relationship of `type`, as a package path. */
async function related(zip: JSZip, part: string, type: string): Promise<string | undefined> {
  const relsPath = part.replace(/([^/]+)$/, "_rels/$1.rels");
  const f = zip.file(relsPath);
  if (!f) return undefined;
  const target = new RegExp(`<Relationship [^>]*Type="${type}"[^>]*Target="([^"]+)"`).exec(await f.async("string"))?.[1];
  if (!target) return undefined;
  return target.startsWith("/") ? target.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(part), target));
}

let dir: string;
let input: string;
let output: string;

beforeAll(async () => {
  dir = tempDir();
  const wb = new ExcelJS.Workbook();
  putRows(wb.addWorksheet("Goals"), "A1", [GOAL_HEADER, ["Raise CSAT", "≥ 85%", new Date(Date.UTC(2050, 11, 31)), "Ana", "88%"]]);
  putRows(wb.addWorksheet("Lists"), "A1", [
    ["Owner", "Score"],
    ["Ana", 3],
    ["Bo", 5],
  ]);
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  for (const [p, xml] of Object.entries(PARTS)) zip.file(p, xml);
  zip.file(
    "xl/worksheets/_rels/sheet1.xml.rels",
    rels(`<Relationship Id="rId1" Type="${REL.thread}" Target="../threadedComments/threadedComment1.xml"/>`),
  );
  zip.file(
    "xl/worksheets/_rels/sheet2.xml.rels",
    rels(`<Relationship Id="rId1" Type="${REL.pivotTable}" Target="../pivotTables/pivotTable1.xml"/>`),
  );
  const wbRels = await text(zip, "xl/_rels/workbook.xml.rels");
  zip.file(
    "xl/_rels/workbook.xml.rels",
    wbRels.replace(
      "</Relationships>",
      `<Relationship Id="rIdCache" Type="${REL.cache}" Target="pivotCache/pivotCacheDefinition1.xml"/><Relationship Id="rIdPeople" Type="${REL.person}" Target="persons/person.xml"/></Relationships>`,
    ),
  );
  const book = await text(zip, "xl/workbook.xml");
  zip.file("xl/workbook.xml", book.replace(/(<calcPr[^>]*\/>)/, `$1<pivotCaches><pivotCache cacheId="7" r:id="rIdCache"/></pivotCaches>`));
  zip.file("[Content_Types].xml", (await text(zip, "[Content_Types].xml")).replace("</Types>", `${TYPES}</Types>`));
  input = path.join(dir, "in.xlsx");
  fs.writeFileSync(input, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  output = path.join(dir, "out.xlsx");
  await evaluateOk(input, "--out", output, "--as-of", AS_OF, "--quiet");
});
afterAll(() => removeDir(dir));

it("holds what ExcelJS alone drops: the pivot cache, the pivot table and the threads", async () => {
  expect(await text(await JSZip.loadAsync(fs.readFileSync(input)), "xl/workbook.xml")).toContain(
    '<pivotCache cacheId="7" r:id="rIdCache"/>',
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(input) as unknown as ExcelJS.Buffer);
  const plain = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  expect(Object.keys(plain.files).filter((f) => /pivot|threaded|person/i.test(f))).toEqual([]);
  expect(await text(plain, "xl/workbook.xml")).not.toContain("pivotCache");
});

it("keeps every pivot and threaded-comment part byte for byte", async () => {
  const zip = await JSZip.loadAsync(fs.readFileSync(output));
  const parts = Object.entries(PARTS);
  expect(parts.length).toBe(7);
  for (const [p, xml] of parts) expect([p, await zip.file(p)?.async("string")]).toEqual([p, xml]);
});

it("links them as before: the sheets to their pivot table and threads, the workbook to its cache and people", async () => {
  const zip = await JSZip.loadAsync(fs.readFileSync(output));
  expect(await related(zip, await sheetPart(zip, "Lists"), REL.pivotTable)).toBe("xl/pivotTables/pivotTable1.xml");
  expect(await related(zip, await sheetPart(zip, "Goals"), REL.thread)).toBe("xl/threadedComments/threadedComment1.xml");
  expect(await related(zip, "xl/workbook.xml", REL.person)).toBe("xl/persons/person.xml");
  const book = await text(zip, "xl/workbook.xml");
  const cacheId = /<pivotCache cacheId="7" r:id="([^"]+)"\/>/.exec(book)?.[1];
  expect(cacheId).toBeDefined();
  const wbRels = await text(zip, "xl/_rels/workbook.xml.rels");
  // The relationship as it was: its target is the cache definition, however the input spelled the path.
  expect(new RegExp(`Id="${cacheId}"[^>]*Target="(?:/xl/)?pivotCache/pivotCacheDefinition1.xml"`).test(wbRels)).toBe(true);
  const types = await text(zip, "[Content_Types].xml");
  for (const p of ["pivotCacheDefinition1.xml", "pivotCacheRecords1.xml", "pivotTable1.xml", "threadedComment1.xml", "person.xml"])
    expect(types).toContain(p);
});

it("writes a workbook and sheets that validate against the OOXML schemas", () => {
  const verdicts = schemaVerdicts(output);
  const checked = [...verdicts].filter(
    ([part]) => part === "xl/workbook.xml" || part.startsWith("xl/worksheets/sheet") || part.startsWith("xl/pivot"),
  );
  expect(checked.length).toBeGreaterThanOrEqual(5);
  for (const [part, line] of checked) expect([part, line]).toEqual([part, expect.stringMatching(/^PASS /)]);
});

it("evaluated the goals, and comes back once when its own output is evaluated again", async () => {
  const again = path.join(dir, "again.xlsx");
  await evaluateOk(output, "--out", again, "--as-of", AS_OF, "--quiet");
  const zip = await JSZip.loadAsync(fs.readFileSync(again));
  const book = await text(zip, "xl/workbook.xml");
  expect(book.match(/<pivotCache /g)).toHaveLength(1);
  expect(Object.keys(zip.files).filter((f) => f.startsWith("xl/pivotTables/") && f.endsWith(".xml"))).toEqual([
    "xl/pivotTables/pivotTable1.xml",
  ]);
  expect(await sheetPart(zip, "Goals")).toMatch(/^xl\/worksheets\/sheet\d+\.xml$/);
});
