// Guarantee: files people have. A macro-enabled workbook (.xlsm) evaluates and keeps its VBA project byte for byte,
// its macro-enabled content type and its extension; legacy, encrypted, binary, OpenDocument and template files get
// one sentence each saying what to do (exit 2), and nothing is written.
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { AS_OF, GOAL_HEADER, putRows, removeDir, runKpa, tempDir } from "../fixtures/xlsx";

let dir: string;
beforeEach(() => (dir = tempDir()));
afterEach(() => removeDir(dir));

const VBA = Buffer.from("VBA project bytes \u0000\u0001\u0002 kept as they are", "latin1");
const SIGNATURE = Buffer.from("a signature", "latin1");

async function goals(): Promise<JSZip> {
  const wb = new ExcelJS.Workbook();
  putRows(wb.addWorksheet("Goals"), "A1", [GOAL_HEADER, ["Raise CSAT", "≥ 85%", new Date(Date.UTC(2050, 11, 31)), "Ana", "88%"]]);
  return JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
}

async function save(zip: JSZip, name: string): Promise<string> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return file;
}

/** A workbook as Excel saves one with macros: the VBA project, its signature, their links and content types. */
async function macroWorkbook(): Promise<string> {
  const zip = await goals();
  zip.file("xl/vbaProject.bin", VBA);
  zip.file("xl/vbaProjectSignature.bin", SIGNATURE);
  zip.file(
    "xl/_rels/vbaProject.bin.rels",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProjectSignature" Target="vbaProjectSignature.bin"/></Relationships>',
  );
  const types = (await zip.file("[Content_Types].xml")?.async("string")) as string;
  zip.file(
    "[Content_Types].xml",
    types
      .replace(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
      )
      .replace(
        "</Types>",
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Override PartName="/xl/vbaProjectSignature.bin" ContentType="application/vnd.ms-office.vbaProjectSignature"/></Types>',
      ),
  );
  const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) as string;
  zip.file(
    "xl/_rels/workbook.xml.rels",
    rels.replace(
      "</Relationships>",
      '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
    ),
  );
  return save(zip, "team.xlsm");
}

describe("a macro-enabled workbook (.xlsm)", () => {
  it("evaluates into team.evaluated.xlsm, keeping its VBA project, its signature and the macro-enabled type", async () => {
    const input = await macroWorkbook();
    const run = await runKpa("evaluate", input, "--as-of", AS_OF, "--quiet");
    expect(run).toMatchObject({ code: 0, err: [] });
    const out = path.join(dir, "team.evaluated.xlsm");
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    expect(Buffer.from(await (zip.file("xl/vbaProject.bin") as JSZip.JSZipObject).async("uint8array")).equals(VBA)).toBe(true);
    expect(Buffer.from(await (zip.file("xl/vbaProjectSignature.bin") as JSZip.JSZipObject).async("uint8array")).equals(SIGNATURE)).toBe(
      true,
    );
    expect(zip.file("xl/_rels/vbaProject.bin.rels")).not.toBeNull();
    const types = (await zip.file("[Content_Types].xml")?.async("string")) as string;
    expect(types).toContain("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
    expect(types).not.toContain("spreadsheetml.sheet.main+xml");
    // The VBA project keeps its content type, given for the part or for its extension as the input gave it.
    expect(types).toMatch(
      /<Override PartName="\/xl\/vbaProject\.bin" ContentType="application\/vnd\.ms-office\.vbaProject"\/>|<Default Extension="bin" ContentType="application\/vnd\.ms-office\.vbaProject"\/>/,
    );
    // One content type per part: the signature's is not given twice.
    expect(types.match(/PartName="\/xl\/vbaProjectSignature\.bin"/g)).toHaveLength(1);
    const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) as string;
    expect(rels).toMatch(/relationships\/vbaProject" Target="vbaProject\.bin"/);
    // And it was evaluated.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(out) as unknown as ExcelJS.Buffer);
    expect(wb.getWorksheet("Goals")?.getCell("F2").value).toBe("Met");
  });

  it("refuses an output named .xlsx, which Excel would not open, writing nothing", async () => {
    const input = await macroWorkbook();
    const run = await runKpa("evaluate", input, "--out", path.join(dir, "out.xlsx"), "--as-of", AS_OF);
    expect(run.code).toBe(2);
    expect(run.err).toEqual([
      expect.stringMatching(/team\.xlsm holds macros, so what is written must be an \.xlsm file.*--out NAME\.xlsm\.$/),
    ]);
    expect(fs.existsSync(path.join(dir, "out.xlsx"))).toBe(false);
  });

  it("refuses to name a workbook without macros .xlsm", async () => {
    const input = await save(await goals(), "plain.xlsx");
    const run = await runKpa("evaluate", input, "--out", path.join(dir, "out.xlsm"), "--as-of", AS_OF);
    expect(run.code).toBe(2);
    expect(run.err).toEqual([expect.stringMatching(/plain\.xlsx holds no macros.*--out NAME\.xlsx\.$/)]);
  });
});

describe("files that are not a workbook kpa can evaluate", () => {
  const cfb = (extra: Buffer) => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), extra]);

  it.each([
    [
      "old.xls",
      () => cfb(Buffer.from("Workbook", "utf16le")),
      /old\.xls is an Excel 97–2003 workbook \(\.xls\): open it in Excel or LibreOffice, save it as an Excel Workbook \(\.xlsx\)/,
    ],
    [
      "locked.xlsx",
      () => cfb(Buffer.from("EncryptionInfo EncryptedPackage", "utf16le")),
      /locked\.xlsx is password-protected: remove the password/,
    ],
  ] as const)("%s: one sentence, exit 2, nothing written", async (name, bytes, said) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes());
    const run = await runKpa("evaluate", file, "--as-of", AS_OF);
    expect(run.code).toBe(2);
    expect(run.err).toEqual([expect.stringMatching(said)]);
    expect(fs.readdirSync(dir)).toEqual([name]);
  });

  it.each([
    [
      "report.ods",
      async (zip: JSZip) => zip.file("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
      /report\.ods is an OpenDocument spreadsheet \(\.ods\): save it as an Excel Workbook/,
    ],
    [
      "big.xlsb",
      async (zip: JSZip) => zip.file("xl/workbook.bin", Buffer.from([1, 2, 3])),
      /big\.xlsb is a binary workbook \(\.xlsb\): save it as an Excel Workbook/,
    ],
    [
      "plan.xltx",
      async (zip: JSZip) => {
        const types = (await zip.file("[Content_Types].xml")?.async("string")) as string;
        return zip.file("[Content_Types].xml", types.replace("spreadsheetml.sheet.main+xml", "spreadsheetml.template.main+xml"));
      },
      /plan\.xltx is a template: create a workbook from it, or save it as an Excel Workbook/,
    ],
  ] as const)("%s: one sentence, exit 2, nothing written", async (name, change, said) => {
    const zip = await goals();
    await change(zip);
    const file = await save(zip, name);
    const run = await runKpa("evaluate", file, "--as-of", AS_OF);
    expect(run.code).toBe(2);
    expect(run.err).toEqual([expect.stringMatching(said)]);
    expect(fs.readdirSync(dir)).toEqual([name]);
  });
});
