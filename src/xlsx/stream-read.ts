// .xlsx → the engine's grids, read straight from the package (issue 12): zip.ts opens the zip and decompresses only
// the parts the engine reads, saxes parses them as a stream of events, and each cell goes into the grid as it is
// met. No second object model: memory follows the cells. Values come as Office.js gives them to the add-in:
// numbers with their number format (a date is a serial with a date format), formulas by their cached result.
import { SaxesParser } from "saxes";
import {
  type CellValue,
  type DefinedName,
  type Rect,
  type SheetGrid,
  type WorkbookGrid,
  EXCEL_ROWS,
  MAX_CELLS,
  MAX_COLUMNS,
  cellAddress,
  columnIndex,
  isDateFormat,
  isTimeFormat,
  parseAreas,
  tooManyCells,
  tooManyColumns,
} from "../engine";
import { UnusableInputError } from "./errors";
import { relsOf, resolvePart } from "./package";
import { type ZipEntry, ZipError, inflateEntry, readZip } from "./zip";

/** Why a package cannot be read, in one sentence naming the file and the part. */
export class PackageReadError extends UnusableInputError {}

export interface StreamSheet {
  readonly name: string;
  /** The worksheet part, e.g. "xl/worksheets/sheet1.xml". */
  readonly part: string;
  readonly state: "visible" | "hidden" | "veryHidden";
}

export interface StreamRead {
  readonly grid: WorkbookGrid;
  /** The worksheets in workbook order (chart sheets and dialog sheets are not in the grid). */
  readonly sheets: readonly StreamSheet[];
  readonly date1904: boolean;
}

// ECMA-376 Part 1, 18.8.30: the number formats every workbook has without listing them.
const BUILT_IN_FORMATS: Readonly<Record<number, string>> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "m/d/yy h:mm",
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)",
  40: "#,##0.00;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

/** Days from 1899-12-30 (the 1900 system's day 0) to 1904-01-01 (the 1904 system's). */
const DAYS_1904 = 1462;
const EMPTY_ROW: readonly CellValue[] = Object.freeze([]);
const CHUNK = 1 << 20;

/** Reads the grids of a package in memory; `file` names it in messages. */
export function readPackage(data: Uint8Array, file: string): StreamRead {
  let entries: Map<string, ZipEntry>;
  try {
    entries = new Map(readZip(data).map((e) => [e.name, e]));
  } catch (e) {
    if (!(e instanceof ZipError)) throw e;
    // "PK" starts every zip: past it, the package is a damaged one rather than something else.
    const cut = data[0] === 0x50 && data[1] === 0x4b && e.message === "it is not a zip package";
    const why = cut ? "its zip data is damaged: it ends before its zip directory, so it may be cut short" : e.message;
    throw new PackageReadError(`${file} is not an .xlsx workbook that can be read (${why}).`);
  }
  // Parts are inflated when read, and only those read: pictures, VBA, pivot caches and drawings stay compressed.
  const part = (name: string): Uint8Array | undefined => {
    const e = entries.get(name);
    if (!e) return undefined;
    try {
      return inflateEntry(e);
    } catch (err) {
      if (!(err instanceof ZipError)) throw err;
      throw new PackageReadError(`${file} is not an .xlsx workbook that can be read (${err.message}).`);
    }
  };
  // Not read for the grid, but patched on writing: a DTD or broken XML there is refused now, not met mid-write.
  const types = part("[Content_Types].xml");
  if (types) parse(types, `${file} ([Content_Types].xml)`, {});
  const workbookPart = officeDocument(part, file);
  const base = workbookPart.slice(0, workbookPart.lastIndexOf("/") + 1);
  const rels = relationships(part(relsOf(workbookPart)), base, file);
  const book = parseWorkbook(need(part, workbookPart, file), workbookPart, file);
  const strings = sharedStrings(rels, part, file);
  const formats = cellFormats(rels, part, file);

  const sheets: StreamSheet[] = [];
  const grids: SheetGrid[] = [];
  const read = { cells: 0 };
  for (const s of book.sheets) {
    const target = rels.get(s.rid);
    const missing = (what: string) =>
      new PackageReadError(`${file} is damaged: the sheet "${s.name}" has no ${what}. Open it in Excel, save it, and try again.`);
    // A sheet nothing points at would be skipped unread: its rows would go unjudged without a word.
    if (!target) throw missing("relationship to its part");
    // Chart sheets and dialog sheets hold no cells.
    if (target.type !== "worksheet") continue;
    const data = part(target.path);
    if (!data) throw missing(`${target.path} part`);
    sheets.push({ name: s.name, part: target.path, state: s.state });
    const ctx = { strings, formats, date1904: book.date1904, file, read };
    grids.push(parseSheet(data, s.name, ctx, `${file}, sheet "${s.name}" (${target.path})`));
  }
  const names = book.names.filter((n) => isSingleArea(n.ref));
  return { grid: { sheets: grids, names }, sheets, date1904: book.date1904 };
}

function need(part: (name: string) => Uint8Array | undefined, name: string, file: string): Uint8Array {
  const data = part(name);
  if (!data) throw new PackageReadError(`${file} is not an .xlsx workbook that can be read (it has no ${name} part).`);
  return data;
}

/** The workbook part the package's root relationships point at (xl/workbook.xml in every writer we know). */
function officeDocument(part: (name: string) => Uint8Array | undefined, file: string): string {
  const root = relationships(part("_rels/.rels"), "", file);
  for (const r of root.values()) if (r.type === "officeDocument") return r.path;
  if (part("xl/workbook.xml")) return "xl/workbook.xml";
  throw new PackageReadError(`${file} is not an .xlsx workbook that can be read (it has no workbook part).`);
}

interface Relationship {
  /** The last segment of the relationship type: "worksheet", "sharedStrings", "styles", "officeDocument"… */
  readonly type: string;
  /** The target as a part name from the package root, without a leading slash. */
  readonly path: string;
}

function relationships(data: Uint8Array | undefined, base: string, file: string): Map<string, Relationship> {
  const out = new Map<string, Relationship>();
  if (!data) return out;
  parse(data, `${file} (${base}_rels)`, {
    open(name, a) {
      if (name !== "Relationship" || a.TargetMode === "External") return;
      const { Id: id, Type: type, Target: target } = a;
      if (!id || !type || !target) return;
      out.set(id, { type: type.slice(type.lastIndexOf("/") + 1), path: resolvePart(base, target) });
    },
  });
  return out;
}

interface Book {
  readonly sheets: { name: string; rid: string; state: StreamSheet["state"] }[];
  readonly names: DefinedName[];
  readonly date1904: boolean;
}

/** What a package's main part is when it is not a workbook, by its root element. */
const OTHER_DOCUMENTS: Readonly<Record<string, string>> = {
  document: "a Word document",
  presentation: "a PowerPoint presentation",
};

function parseWorkbook(data: Uint8Array, name: string, file: string): Book {
  const book: Book = { sheets: [], names: [], date1904: false };
  let date1904 = false;
  let nameOf: string | undefined;
  let text = "";
  let root: string | undefined;
  parse(data, `${file} (${name})`, {
    open(name, a) {
      if (root === undefined) {
        root = name;
        if (name !== "workbook")
          throw new PackageReadError(
            `${file} is ${OTHER_DOCUMENTS[name] ?? `a package whose main part is a <${name}>`}, not an Excel workbook: choose an .xlsx workbook to evaluate.`,
          );
      }
      if (name === "workbookPr") date1904 = a.date1904 === "1" || a.date1904 === "true";
      else if (name === "sheet" && a.name) {
        const rid = a["r:id"] ?? Object.entries(a).find(([k]) => k.endsWith(":id"))?.[1] ?? "";
        const state = a.state === "hidden" || a.state === "veryHidden" ? a.state : "visible";
        book.sheets.push({ name: a.name, rid, state });
      } else if (name === "definedName" && a.name) {
        nameOf = a.name;
        text = "";
      }
    },
    text(t) {
      if (nameOf !== undefined) text += t;
    },
    close(tag) {
      if (tag === "definedName" && nameOf !== undefined) {
        book.names.push({ name: nameOf, ref: text.trim() });
        nameOf = undefined;
      }
    },
  });
  return { ...book, date1904 };
}

function isSingleArea(ref: string): boolean {
  if (ref.includes(",") && !/^'[^']*,[^']*'!/.test(ref)) return false;
  try {
    return parseAreas(ref).length === 1;
  } catch {
    return false;
  }
}

/** The part the workbook relates by this type (its shared strings, its styles), when the package has it. */
function related(
  rels: Map<string, Relationship>,
  part: (name: string) => Uint8Array | undefined,
  type: string,
): { path: string; data: Uint8Array } | undefined {
  const target = [...rels.values()].find((r) => r.type === type);
  const data = target ? part(target.path) : undefined;
  return target && data ? { path: target.path, data } : undefined;
}

function sharedStrings(rels: Map<string, Relationship>, part: (name: string) => Uint8Array | undefined, file: string): string[] {
  const out: string[] = [];
  const target = related(rels, part, "sharedStrings");
  if (!target) return out;
  let text = "";
  let inText = false;
  // Phonetic guides (<rPh>) are reading aids shown above the text, not part of it.
  let phonetic = 0;
  parse(target.data, `${file} (${target.path})`, {
    open(name) {
      if (name === "si") text = "";
      else if (name === "rPh") phonetic++;
      else if (name === "t" && phonetic === 0) inText = true;
    },
    text(t) {
      if (inText) text += t;
    },
    close(tag) {
      if (tag === "t") inText = false;
      else if (tag === "rPh") phonetic--;
      else if (tag === "si") out.push(text);
    },
  });
  return out;
}

/** The number format of each cell style (the `s` of a cell), by index. */
function cellFormats(rels: Map<string, Relationship>, part: (name: string) => Uint8Array | undefined, file: string): string[] {
  const out: string[] = [];
  const target = related(rels, part, "styles");
  if (!target) return out;
  const custom = new Map<number, string>();
  let inCellXfs = false;
  parse(target.data, `${file} (${target.path})`, {
    open(name, a) {
      if (name === "numFmt" && a.numFmtId !== undefined && a.formatCode !== undefined) custom.set(Number(a.numFmtId), a.formatCode);
      else if (name === "cellXfs") inCellXfs = true;
      else if (name === "xf" && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        out.push(custom.get(id) ?? BUILT_IN_FORMATS[id] ?? "General");
      }
    },
    close(tag) {
      if (tag === "cellXfs") inCellXfs = false;
    },
  });
  return out;
}

interface SheetContext {
  readonly strings: readonly string[];
  readonly formats: readonly string[];
  readonly date1904: boolean;
  readonly file: string;
  /** Cells read so far in the workbook (each row's span from column A), against MAX_CELLS. */
  readonly read: { cells: number };
}

function parseSheet(data: Uint8Array, name: string, ctx: SheetContext, where: string): SheetGrid {
  const values: (readonly CellValue[])[] = [];
  const numberFormats: (readonly string[] | undefined)[] = [];
  const merges: Rect[] = [];
  let isProtected = false;

  let rowIndex = -1;
  let row: CellValue[] | undefined;
  let rowFormats: string[] | undefined;
  let nextCol = 0;
  // The cell being read.
  let col = -1;
  let type = "n";
  let format = "General";
  let raw: string | undefined;
  let inline = "";
  let reading: "v" | "is" | undefined;
  let inInlineText = false;
  let phonetic = 0;

  const putRow = () => {
    if (row === undefined) return;
    ctx.read.cells += Math.max(row.length, rowFormats?.length ?? 0);
    if (ctx.read.cells > MAX_CELLS) throw new PackageReadError(tooManyCells({ file: ctx.file, sheet: name, row: rowIndex }));
    while (values.length < rowIndex) values.push(EMPTY_ROW);
    values[rowIndex] = row;
    if (rowFormats) numberFormats[rowIndex] = rowFormats;
    row = undefined;
    rowFormats = undefined;
  };

  const beyondExcel = (r: number) =>
    new PackageReadError(
      `${ctx.file} is damaged: sheet "${name}" has a row ${(r + 1).toLocaleString("en-US")}, past Excel's last row (${EXCEL_ROWS.toLocaleString("en-US")}). Open it in Excel, save it, and try again.`,
    );

  parse(data, where, {
    open(name, a) {
      switch (name) {
        case "row": {
          putRow();
          const r = a.r === undefined ? rowIndex + 1 : Number(a.r) - 1;
          rowIndex = Number.isInteger(r) && r >= 0 ? Math.max(r, rowIndex + 1) : rowIndex + 1;
          if (rowIndex >= EXCEL_ROWS) throw beyondExcel(rowIndex);
          row = [];
          nextCol = 0;
          break;
        }
        case "c": {
          const ref = a.r;
          const c = ref ? columnOf(ref) : undefined;
          col = c === undefined || c < nextCol ? nextCol : c;
          nextCol = col + 1;
          type = a.t ?? "n";
          format = ctx.formats[Number(a.s ?? 0)] ?? "General";
          raw = undefined;
          inline = "";
          break;
        }
        case "v":
          reading = "v";
          raw = "";
          break;
        case "is":
          reading = "is";
          break;
        case "rPh":
          phonetic++;
          break;
        case "t":
          if (reading === "is" && phonetic === 0) inInlineText = true;
          break;
        case "mergeCell":
          if (a.ref) for (const area of safeAreas(a.ref)) merges.push(area);
          break;
        case "sheetProtection":
          isProtected = /^\s*(?:1|true)\s*$/.test(a.sheet ?? "");
          break;
      }
    },
    text(t) {
      if (reading === "v") raw += t;
      else if (inInlineText) inline += t;
    },
    close(tag) {
      switch (tag) {
        case "v":
          reading = undefined;
          break;
        case "is":
          reading = undefined;
          break;
        case "t":
          inInlineText = false;
          break;
        case "rPh":
          phonetic--;
          break;
        case "c": {
          if (row === undefined) {
            // A cell outside any row: malformed, but its row is the next one.
            rowIndex++;
            if (rowIndex >= EXCEL_ROWS) throw beyondExcel(rowIndex);
            row = [];
          }
          const value = cellValue(type, raw, inline, format, ctx);
          if (value === MISSING_STRING)
            throw new PackageReadError(
              `${ctx.file} is damaged: cell ${cellAddress(rowIndex, col)} of sheet "${name}" refers to shared string ${raw}, which the workbook does not have. Open it in Excel, save it, and try again.`,
            );
          if (col >= MAX_COLUMNS) {
            // A value past the columns read is refused; a cell holding only a format there is left unread.
            if (value !== null) throw new PackageReadError(tooManyColumns({ file: ctx.file, sheet: name, row: rowIndex, col }));
            break;
          }
          if (value !== null || format !== "General") {
            while (row.length < col) row.push(null);
            row[col] = value;
            if (format !== "General") {
              rowFormats ??= [];
              while (rowFormats.length < col) rowFormats.push("General");
              rowFormats[col] = format;
            }
          }
          break;
        }
        case "row":
          putRow();
          break;
      }
    },
  });
  putRow();
  // Trailing cells that hold only a format are no values; rows keep them for the format's sake.
  return {
    name,
    values,
    // One entry per row (no holes): a row without a format of its own reads as General.
    numberFormats: Array.from({ length: values.length }, (_, i) => numberFormats[i] ?? (EMPTY_ROW as readonly string[])),
    merges,
    protected: isProtected,
  };
}

/** A shared-string cell whose index the shared strings do not have. */
const MISSING_STRING: unique symbol = Symbol("missing shared string");

function cellValue(
  type: string,
  raw: string | undefined,
  inline: string,
  format: string,
  ctx: SheetContext,
): CellValue | typeof MISSING_STRING {
  switch (type) {
    case "s": {
      if (raw === undefined || raw.trim() === "") return null;
      const i = Number(raw);
      return Number.isInteger(i) && i >= 0 && i < ctx.strings.length ? (ctx.strings[i] as string) : MISSING_STRING;
    }
    case "inlineStr":
      return inline;
    case "str":
      return raw ?? null;
    case "b":
      return raw === undefined ? null : raw === "1" || raw === "true";
    case "e":
      return raw === undefined ? null : { error: raw };
    case "d": {
      // An ISO date (strict OOXML): as a serial, like every other date.
      if (raw === undefined) return null;
      const t = Date.parse(raw.length === 10 ? `${raw}T00:00:00Z` : raw.endsWith("Z") ? raw : `${raw}Z`);
      return Number.isNaN(t) ? raw : t / 86_400_000 + 25_569;
    }
    default: {
      if (raw === undefined || raw.trim() === "") return null;
      const n = Number(raw);
      if (!Number.isFinite(n)) return null;
      // A 1904 workbook counts days from 1904: as a 1900 serial, so every date reads the same.
      return ctx.date1904 && isDateFormat(format) && !isTimeFormat(format) ? n + DAYS_1904 : n;
    }
  }
}

/** "AB12" → 27 (0-based column); undefined when it is no reference. */
function columnOf(ref: string): number | undefined {
  const letters = /^[A-Za-z]{1,3}/.exec(ref)?.[0];
  return letters === undefined ? undefined : columnIndex(letters);
}

function safeAreas(ref: string): Rect[] {
  try {
    return parseAreas(ref);
  } catch {
    return [];
  }
}

interface Handlers {
  open?(name: string, attributes: Readonly<Record<string, string>>): void;
  text?(text: string): void;
  close?(name: string): void;
}

/**
 * Parses a part as events, fed to saxes in chunks decoded as UTF-8 (a character split between chunks is held
 * back by the decoder). Element names lose their prefix: "x:row" is "row", as some writers prefix every element.
 */
function parse(data: Uint8Array, where: string, on: Handlers): void {
  const parser = new SaxesParser({ xmlns: false });
  const local = (name: string) => {
    const colon = name.indexOf(":");
    return colon < 0 ? name : name.slice(colon + 1);
  };
  let failed: Error | undefined;
  let dtd = false;
  parser.on("error", (e) => {
    failed ??= e;
  });
  // Excel never writes a DTD; one here is a hostile or broken part (external entities, entity expansion).
  parser.on("doctype", () => {
    dtd = true;
    failed ??= new Error("DTD");
  });
  if (on.open) {
    const open = on.open;
    parser.on("opentag", (tag) => open(local(tag.name), tag.attributes as Record<string, string>));
  }
  if (on.text) parser.on("text", on.text);
  if (on.close) {
    const close = on.close;
    parser.on("closetag", (tag) => close(local(tag.name)));
  }
  const decoder = new TextDecoder("utf-8");
  for (let at = 0; at < data.length && !failed; at += CHUNK) {
    parser.write(decoder.decode(data.subarray(at, at + CHUNK), { stream: true }));
  }
  if (!failed) parser.write(decoder.decode()).close();
  if (dtd)
    throw new PackageReadError(
      `${where} declares a document type (DTD), which Excel never writes and KPA Tracker does not read. Open it in Excel, save it, and try again.`,
    );
  if (failed)
    throw new PackageReadError(
      `${where} is not well-formed XML (${failed.message.split("\n")[0]}). Open it in Excel, save it, and try again.`,
    );
}
