// .xlsx → the engine's grids, through ExcelJS.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseAreas, type CellValue, type DefinedName, type SheetGrid, type WorkbookGrid } from "../engine";
import { type Preserved, capture } from "./preserve";

export class UnusableInputError extends Error {}

function plainText(v: unknown): string {
  if (v && typeof v === "object" && "richText" in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join("");
  return v === null || v === undefined ? "" : String(v);
}

/** One cell's value as the engine sees it: formulas by their cached result, links by their text. */
export function cellValue(cell: ExcelJS.Cell): CellValue {
  if (cell.isMerged && cell.master !== cell) return null;
  const v = cell.value as unknown;
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v === "object") {
    if ("error" in v) return { error: String((v as ExcelJS.CellErrorValue).error) };
    if ("richText" in v) return plainText(v);
    if ("hyperlink" in v) return plainText((v as ExcelJS.CellHyperlinkValue).text);
    if ("formula" in v || "sharedFormula" in v) {
      const result = (v as ExcelJS.CellFormulaValue).result as unknown;
      if (result === undefined || result === null) return null;
      if (typeof result === "object" && result !== null && "error" in result)
        return { error: String((result as { error: unknown }).error) };
      return result as CellValue;
    }
  }
  return String(v);
}

export function sheetToGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const rows = ws.rowCount;
  const cols = ws.columnCount;
  const values: CellValue[][] = [];
  const numberFormats: string[][] = [];
  for (let r = 1; r <= rows; r++) {
    const row = ws.getRow(r);
    const vals: CellValue[] = new Array(cols).fill(null);
    const fmts: string[] = new Array(cols).fill("General");
    if (row.hasValues) {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (c > cols) return;
        vals[c - 1] = cellValue(cell);
        fmts[c - 1] = cell.numFmt || "General";
      });
    }
    values.push(vals);
    numberFormats.push(fmts);
  }
  const merges = ((ws.model as { merges?: string[] }).merges ?? []).flatMap(parseAreas);
  const protection = (ws as unknown as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection;
  return { name: ws.name, values, numberFormats, merges, protected: Boolean(protection?.sheet) };
}

export function namesOf(wb: ExcelJS.Workbook): DefinedName[] {
  const model = (wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
  return model.filter((n) => n.ranges.length === 1).map((n) => ({ name: n.name, ref: n.ranges[0] as string }));
}

export function workbookToGrid(wb: ExcelJS.Workbook): WorkbookGrid {
  return { sheets: wb.worksheets.map(sheetToGrid), names: namesOf(wb) };
}

const preservedOf = new WeakMap<ExcelJS.Workbook, Preserved>();

/** What loadWorkbook kept aside for saving (see preserve.ts); undefined for a workbook made in memory. */
export function preserved(wb: ExcelJS.Workbook): Preserved | undefined {
  return preservedOf.get(wb);
}

/** Loads a file, turning "not there" and "not a workbook" into one plain sentence. */
export async function loadWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const fs = await import("fs");
  if (!fs.existsSync(path)) throw new UnusableInputError(`No file at ${path}.`);
  if (fs.statSync(path).isDirectory()) throw new UnusableInputError(`${path} is a folder, not an .xlsx workbook.`);
  return loadWorkbookData(fs.readFileSync(path), path);
}

const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Why a file is not a workbook `kpa` can evaluate, in one sentence saying what to do, or undefined when it may be
 * one: legacy and encrypted workbooks (OLE compound files), binary .xlsb, OpenDocument and template packages.
 */
export async function refusedFormat(data: Buffer, path: string): Promise<string | undefined> {
  const saveAs = "save it as an Excel Workbook (.xlsx) and evaluate that";
  if (data.subarray(0, 8).equals(CFB)) {
    // An encrypted .xlsx is a compound file holding an "EncryptedPackage" stream (its name in UTF-16).
    return data.includes(Buffer.from("EncryptedPackage", "utf16le"))
      ? `${path} is password-protected: remove the password (in Excel, File > Info > Protect Workbook > Encrypt with Password), save it, and evaluate that.`
      : `${path} is an Excel 97–2003 workbook (.xls): open it in Excel or LibreOffice, ${saveAs}.`;
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    return undefined; // not a zip: the loader says so
  }
  const mimetype = await zip.file("mimetype")?.async("string");
  if (mimetype?.startsWith("application/vnd.oasis.opendocument")) return `${path} is an OpenDocument spreadsheet (.ods): ${saveAs}.`;
  if (zip.file("xl/workbook.bin")) return `${path} is a binary workbook (.xlsb): ${saveAs}.`;
  const types = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
  if (/\.template\.main\+xml|macroEnabledTemplate\.main\+xml/.test(types))
    return `${path} is a template: create a workbook from it, or ${saveAs}.`;
  return undefined;
}

/** Loads a package already in memory (the file at `path`, perhaps changed since: columns inserted). */
export async function loadWorkbookData(data: Buffer, path: string): Promise<ExcelJS.Workbook> {
  const refused = await refusedFormat(data, path);
  if (refused) throw new UnusableInputError(refused);
  const wb = new ExcelJS.Workbook();
  try {
    const { preserved, forExcelJS } = await capture(data);
    await wb.xlsx.load(forExcelJS as unknown as ExcelJS.Buffer);
    preservedOf.set(wb, preserved);
  } catch (e) {
    const why = /central directory|zip/i.test((e as Error).message) ? "it is not a zip package" : (e as Error).message.split("\n")[0];
    throw new UnusableInputError(`${path} is not an .xlsx workbook that can be read (${why}).`);
  }
  return wb;
}
