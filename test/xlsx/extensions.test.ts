// Guarantee: a sheet's Excel 2010+ extensions come back. Sparklines, drop-down lists drawn from another sheet (x14
// validations) and the like live in the sheet's <extLst>, which ExcelJS drops; kpa takes them out before ExcelJS
// reads the workbook and puts them back after it writes, each with the namespaces it uses.
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { AS_OF, GOAL_HEADER, evaluateOk, putRows, removeDir, sheetXml, schemaVerdicts, tempDir } from "../fixtures/xlsx";

const X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main";
const XM = "http://schemas.microsoft.com/office/excel/2006/main";

// As Excel writes them; the list's xm: prefix is declared on the worksheet root, as some writers do.
const LIST = `<ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="${X14}"><x14:dataValidations count="1"><x14:dataValidation type="list" allowBlank="1" showErrorMessage="1"><x14:formula1><xm:f>Lists!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>D2:D3</xm:sqref></x14:dataValidation></x14:dataValidations></ext>`;
const SPARKLINES = `<ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="${X14}"><x14:sparklineGroups xmlns:xm="${XM}"><x14:sparklineGroup displayEmptyCellsAs="gap"><x14:colorSeries rgb="FF376092"/><x14:colorNegative rgb="FFD00000"/><x14:colorAxis rgb="FF000000"/><x14:colorMarkers rgb="FFD00000"/><x14:colorFirst rgb="FFD00000"/><x14:colorLast rgb="FFD00000"/><x14:colorHigh rgb="FFD00000"/><x14:colorLow rgb="FFD00000"/><x14:sparklines><x14:sparkline><xm:f>Lists!B1:B3</xm:f><xm:sqref>H2</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext>`;

let dir: string;
let input: string;
let output: string;

beforeAll(async () => {
  dir = tempDir();
  const wb = new ExcelJS.Workbook();
  putRows(wb.addWorksheet("Goals"), "A1", [
    GOAL_HEADER,
    ["Raise CSAT", "≥ 85%", new Date(Date.UTC(2050, 11, 31)), "Ana", "88%"],
    ["Cut churn", "≤ 5%", new Date(Date.UTC(2050, 11, 31)), "Bo", "7%"],
  ]);
  putRows(wb.addWorksheet("Lists"), "A1", [
    ["Ana", 3],
    ["Bo", 5],
    ["Cy", 2],
  ]);
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  const sheet = (await zip.file("xl/worksheets/sheet1.xml")?.async("string")) as string;
  zip.file(
    "xl/worksheets/sheet1.xml",
    sheet
      .replace(/<worksheet\b/, `<worksheet xmlns:xm="${XM}"`)
      .replace("</worksheet>", `<extLst>${LIST}${SPARKLINES}</extLst></worksheet>`),
  );
  input = path.join(dir, "in.xlsx");
  fs.writeFileSync(input, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  output = path.join(dir, "out.xlsx");
  await evaluateOk(input, "--out", output, "--as-of", AS_OF, "--quiet");
});
afterAll(() => removeDir(dir));

it("keeps the sparklines and the list drawn from another sheet, beside the data bars of our Progress column", async () => {
  const xml = await sheetXml(output, "Goals");
  const list = /<extLst>[\s\S]*<\/extLst>(?=<\/worksheet>)/.exec(xml)?.[0] ?? "";
  // Each comes back exactly as it was.
  expect(list).toContain(SPARKLINES);
  expect(list).toContain(LIST);
  // Our Progress column's data bars sit beside them.
  expect(xml).toMatch(/<cfRule type="dataBar"/);
  // And the statuses were written beside the table.
  expect(xml).toMatch(/<c r="F2"/);
});

it("comes back once when its own output is evaluated again", async () => {
  const again = path.join(dir, "again.xlsx");
  await evaluateOk(output, "--out", again, "--as-of", AS_OF, "--quiet");
  const xml = await sheetXml(again, "Goals");
  expect(xml.split("{05C60535-1F16-4fd2-B633-F4F36F0B64E0}")).toHaveLength(2);
  expect(xml.split("{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}")).toHaveLength(2);
});

it("writes worksheets that validate against the OOXML schemas", () => {
  const sheets = [...schemaVerdicts(output)].filter(([part]) => part.startsWith("xl/worksheets/sheet"));
  expect(sheets.length).toBeGreaterThanOrEqual(2);
  for (const [part, line] of sheets) expect([part, line]).toEqual([part, expect.stringMatching(/^PASS /)]);
});
