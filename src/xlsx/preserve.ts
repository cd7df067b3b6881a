// Parts of a workbook that `kpa` never changes but ExcelJS cannot round-trip, kept verbatim from the input
// package and written back into the output package:
// - defined names: ExcelJS drops constants (TaxRate = 0.15) and relative references, cuts formulas down to
//   their first range, and loses sheet scopes and the hidden flag;
// - data validations: ExcelJS expands every range into single cells when reading (a whole-column rule costs a
//   million entries, seconds and hundreds of MB), then re-merges them wrongly when writing (exceljs#2820:
//   D5:D14 comes back as overlapping D10:D14 and D5:D14, which Excel does not allow and LibreOffice applies
//   only in part).
//   They are taken out before ExcelJS reads the package and put back after it writes.
import JSZip from "jszip";
import { NAME_PREFIX } from "../engine";

/** A defined name exactly as saved in xl/workbook.xml. */
export interface SavedName {
  readonly name: string;
  /** The whole <definedName> element. */
  readonly xml: string;
  /** The sheet a localSheetId scopes the name to, by name, since sheet positions can change. */
  readonly scope?: string;
}

export interface Preserved {
  /** The user's names (not ours), in saved order. */
  readonly names: readonly SavedName[];
  /** Each sheet's <dataValidations> element, by sheet name. */
  readonly validations: ReadonlyMap<string, string>;
  /** A macro-enabled workbook's VBA project, which ExcelJS drops with the macro-enabled content type. */
  readonly macros?: Macros;
  /** Drawings, pivot tables, threaded comments, slicers and timelines, which ExcelJS drops or fails to read. */
  readonly carried?: Carried;
  /**
   * Each sheet's Excel 2010+ extensions that ExcelJS drops (sparklines, x14 validations, slicer lists…): the <ext>
   * elements of its <extLst>, by sheet name, each carrying the namespaces it uses.
   */
  readonly extensions?: ReadonlyMap<string, readonly string[]>;
}

// The one worksheet extension ExcelJS reads and writes itself: x14 conditional formats (data bars, icon sets).
const EXCELJS_EXTENSION = "{78C0D931-6437-407d-A8EE-F0AAD7539E65}";

/**
 * Takes the <ext> elements of a part's <extLst> that `wanted` picks (by default every one ExcelJS would drop from a
 * worksheet); returns the part without them.
 */
function takeExtensions(
  xml: string,
  wanted: (ext: string) => boolean = (ext) => !ext.includes(EXCELJS_EXTENSION),
  root = "worksheet",
): { xml: string; taken: string[] } {
  const list = children(xml).find((c) => c.name === "extLst");
  if (!list) return { xml, taken: [] };
  const listXml = xml.slice(list.start, list.end);
  const exts = children(listXml).filter((c) => c.name === "ext");
  const taken = exts.filter((e) => wanted(listXml.slice(e.start, e.end)));
  if (taken.length === 0) return { xml, taken: [] };
  // Namespaces declared on the root: an extension using one declares it itself once taken out.
  const at = xml.indexOf(`<${root}`);
  const rootTag = xml.slice(at, xml.indexOf(">", at));
  const declared = new Map([...rootTag.matchAll(/\sxmlns:([\w.-]+)="([^"]*)"/g)].map((m) => [m[1] as string, m[2] as string]));
  const withNamespaces = taken.map((e) => {
    const text = listXml.slice(e.start, e.end);
    const open = text.slice(0, text.indexOf(">"));
    const used = new Set([...text.matchAll(/[<\s]([\w.-]+):[\w.-]+/g)].map((m) => m[1] as string));
    const add = [...used].filter((p) => p !== "xmlns" && declared.has(p) && !open.includes(`xmlns:${p}=`));
    return add.length === 0 ? text : text.replace(/^<ext\b/, `<ext${add.map((p) => ` xmlns:${p}="${declared.get(p)}"`).join("")}`);
  });
  const kept = exts.filter((e) => !taken.includes(e)).map((e) => listXml.slice(e.start, e.end));
  const open = listXml.slice(0, listXml.indexOf(">") + 1);
  const newList = kept.length === 0 ? "" : `${open}${kept.join("")}</extLst>`;
  return { xml: xml.slice(0, list.start) + newList + xml.slice(list.end), taken: withNamespaces };
}

/** Puts extensions back into a part's <extLst>, making one when ExcelJS wrote none. */
function putExtensions(xml: string, exts: readonly string[], order: readonly string[] = SHEET_ORDER): string {
  const list = children(xml).find((c) => c.name === "extLst");
  if (!list) return inSchemaOrder(xml, [`<extLst>${exts.join("")}</extLst>`], order);
  const end = list.end - "</extLst>".length;
  return xml.slice(0, end) + exts.join("") + xml.slice(end);
}

/** A relationship kept for putting back: its id, its type and the package path of its target. */
interface KeptRelationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
}

/**
 * What ExcelJS drops or fails to read, kept whole: each sheet's drawing (charts, pictures, shapes), pivot tables,
 * threaded comments, slicers and timelines, and the workbook's pivot caches, people, slicer and timeline caches.
 */
interface Carried {
  /** By sheet name: its kept relationships; a drawing's also needs its <drawing> element back. */
  readonly sheets: ReadonlyMap<string, readonly KeptRelationship[]>;
  readonly book: {
    readonly relationships: readonly KeptRelationship[];
    /** workbook.xml's <pivotCaches> element, if any. */
    readonly pivotCaches?: string;
    /** The <ext> elements of workbook.xml's <extLst> that name slicer or timeline caches. */
    readonly extensions: readonly string[];
  };
  /** Every part those reach, and their relationship parts, by path. */
  readonly parts: ReadonlyMap<string, Uint8Array>;
  /** [Content_Types].xml <Override>s of those parts and <Default>s of their extensions. */
  readonly types: readonly string[];
}

/** What makes an .xlsm an .xlsm: its VBA parts, byte for byte, the workbook's links to them and the content types. */
interface Macros {
  /** xl/vbaProject.bin, its signature and their relationship parts, by path. */
  readonly parts: ReadonlyMap<string, Uint8Array>;
  /** The <Relationship> elements of xl/_rels/workbook.xml.rels that point at them. */
  readonly relationships: readonly string[];
  /** The workbook part's content type (macroEnabled.main+xml). */
  readonly mainType: string;
}

/** The content types of the VBA parts, given as <Override>s so they never clash with a <Default> for ".bin". */
const VBA_TYPES: Record<string, string> = {
  "xl/vbaProject.bin": "application/vnd.ms-office.vbaProject",
  "xl/vbaProjectSignature.bin": "application/vnd.ms-office.vbaProjectSignature",
};

const WORKBOOK = "xl/workbook.xml";
// CT_Worksheet's children in the order the schema requires. ExcelJS writes <legacyDrawing> (the notes) after
// <tableParts> and <extLst> (which our data bars add), out of schema order; restore() puts them back in order.
const SHEET_ORDER = (
  "sheetPr dimension sheetViews sheetFormatPr cols sheetData sheetCalcPr sheetProtection protectedRanges scenarios autoFilter sortState dataConsolidate customSheetViews mergeCells phoneticPr conditionalFormatting dataValidations hyperlinks " +
  "printOptions pageMargins pageSetup headerFooter rowBreaks colBreaks customProperties cellWatches ignoredErrors smartTags drawing legacyDrawing legacyDrawingHF drawingHF picture oleObjects controls webPublishItems tableParts extLst"
).split(" ");

/** The root element's direct children, with where each starts and ends. */
function children(xml: string): { name: string; start: number; end: number }[] {
  const out: { name: string; start: number; end: number }[] = [];
  let depth = 0;
  let open: { name: string; start: number } | undefined;
  for (const m of xml.matchAll(/<(\/?)([A-Za-z_][\w.:-]*)[^>]*?(\/?)>/g)) {
    const [tag, close, name, selfClosing] = m as unknown as [string, string, string, string];
    if (close) {
      depth--;
      if (depth === 1 && open) out.push({ name: open.name, start: open.start, end: m.index + tag.length });
    } else if (selfClosing) {
      if (depth === 1) out.push({ name, start: m.index, end: m.index + tag.length });
    } else {
      if (depth === 1) open = { name, start: m.index };
      depth++;
    }
  }
  return out;
}

/** A worksheet part with `extra` elements added among its children, all in schema order (stable otherwise). */
function inSchemaOrder(xml: string, extra: readonly string[] = [], order: readonly string[] = SHEET_ORDER): string {
  const added = extra.map((e) => ({ name: children(`<r>${e}</r>`)[0]?.name ?? "", xml: e }));
  const all = children(xml);
  if (all.length === 0) return xml;
  const kids = all.filter((k) => !added.some((a) => a.name === k.name)); // an added element replaces any of its kind
  const first = all[0] as { start: number };
  const last = all[all.length - 1] as { end: number };
  let rank = 0;
  const parts = [...kids.map((k) => ({ name: k.name, xml: xml.slice(k.start, k.end) })), ...added].map((p, i) => {
    const known = order.indexOf(p.name);
    rank = known >= 0 ? known : i < kids.length ? rank : order.length; // unknown elements stay behind their predecessor
    return { ...p, rank, i };
  });
  parts.sort((a, b) => a.rank - b.rank || a.i - b.i);
  return `${xml.slice(0, first.start)}${parts.map((p) => p.xml).join("")}${xml.slice(last.end)}`;
}

const unescapeXml = (s: string): string =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** Sheet names in workbook order, as listed in xl/workbook.xml. */
function sheetOrder(workbookXml: string): string[] {
  return [...workbookXml.matchAll(/<sheet\b[^>]*?\bname="([^"]*)"/g)].map((m) => unescapeXml(m[1] as string));
}

const PRINT_TITLES = "_xlnm.Print_Titles";

function parseNames(workbookXml: string): SavedName[] {
  const sheets = sheetOrder(workbookXml);
  return [...workbookXml.matchAll(/<definedName\b([^>]*?)(?:\/>|>[\s\S]*?<\/definedName>)/g)].map((m) => {
    const attrs = m[1] as string;
    const local = /\blocalSheetId="(\d+)"/.exec(attrs)?.[1];
    return {
      name: unescapeXml(/\bname="([^"]*)"/.exec(attrs)?.[1] ?? ""),
      xml: m[0],
      scope: local === undefined ? undefined : (sheets[Number(local)] ?? ""),
    };
  });
}

/** Each worksheet's part path in the package, by sheet name. */
async function sheetParts(zip: JSZip, workbookXml: string): Promise<Map<string, string>> {
  const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const out = new Map<string, string>();
  for (const m of workbookXml.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const part = targets.get(/\br:id="([^"]*)"/.exec(m[0])?.[1] ?? "");
    if (name !== undefined && part && zip.file(part)) out.set(unescapeXml(name), part);
  }
  return out;
}

const TYPES = "[Content_Types].xml";
const WORKBOOK_RELS = "xl/_rels/workbook.xml.rels";
const MACRO_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";

/** The VBA project of a macro-enabled package; undefined for a plain .xlsx. */
async function captureMacros(zip: JSZip): Promise<Macros | undefined> {
  const types = (await zip.file(TYPES)?.async("string")) ?? "";
  if (!types.includes(MACRO_MAIN)) return undefined;
  const parts = new Map<string, Uint8Array>();
  for (const path of Object.keys(zip.files)) {
    if (/^xl\/(_rels\/)?vbaProject(Signature)?\.bin(\.rels)?$/i.test(path))
      parts.set(path, await (zip.file(path) as JSZip.JSZipObject).async("uint8array"));
  }
  const rels = (await zip.file(WORKBOOK_RELS)?.async("string")) ?? "";
  return {
    parts,
    relationships: [...rels.matchAll(/<Relationship\b[^>]*\/vbaProject"[^>]*\/>/g)].map((m) => m[0]),
    mainType: MACRO_MAIN,
  };
}

/** Puts a VBA project back into a package ExcelJS wrote, and marks the workbook macro-enabled again. */
async function restoreMacros(zip: JSZip, m: Macros): Promise<void> {
  for (const [path, bytes] of m.parts) zip.file(path, bytes);
  const rels = (await zip.file(WORKBOOK_RELS)?.async("string")) ?? "";
  zip.file(WORKBOOK_RELS, rels.replace("</Relationships>", `${m.relationships.join("")}</Relationships>`));
  const types = (await zip.file(TYPES)?.async("string")) ?? "";
  const main = types.replace(/application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet\.main\+xml/, m.mainType);
  const overrides = Object.entries(VBA_TYPES)
    .filter(([path]) => m.parts.has(path) && !main.includes(`PartName="/${path}"`))
    .map(([path, type]) => `<Override PartName="/${path}" ContentType="${type}"/>`);
  zip.file(TYPES, main.replace("</Types>", `${overrides.join("")}</Types>`));
}

/** The relationship part of a part: xl/worksheets/sheet1.xml → xl/worksheets/_rels/sheet1.xml.rels. */
const relsPathOf = (part: string) => `${part.slice(0, part.lastIndexOf("/") + 1)}_rels/${part.slice(part.lastIndexOf("/") + 1)}.rels`;

/** A relationship target as a package path: absolute ("/xl/charts/chart1.xml") or relative to its source part. */
function resolvePart(source: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = source.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

/** The internal relationships of a part: id, type and resolved target. */
async function relationshipsOf(zip: JSZip, part: string): Promise<{ xml: string; id: string; type: string; target: string }[]> {
  const rels = (await zip.file(relsPathOf(part))?.async("string")) ?? "";
  return [...rels.matchAll(/<Relationship\b[^>]*>/g)].flatMap((m) => {
    const attr = (a: string) => new RegExp(`\\b${a}="([^"]*)"`).exec(m[0])?.[1];
    const id = attr("Id");
    const target = attr("Target");
    if (!id || !target || attr("TargetMode") === "External") return [];
    return [{ xml: m[0], id, type: attr("Type") ?? "", target: resolvePart(part, unescapeXml(target)) }];
  });
}

const SHEET_CARRIED = /\/relationships\/(drawing|pivotTable|threadedComment|slicer|timeline)$/;
const BOOK_CARRIED = /\/relationships\/(pivotCacheDefinition|person|slicerCache|timelineCache)$/;
/** workbook.xml extensions that name slicer or timeline caches (x14, x15 and timeline uris). */
const BOOK_EXTENSIONS = [
  "{BBE1A952-AA13-448e-AADC-164F8A28A991}",
  "{46BE6895-7355-4a93-B00E-2C351335B9C9}",
  "{D0CA8CA8-9F24-4464-BF8E-62219DCF47F9}",
];
// CT_Workbook's children in schema order.
const WORKBOOK_ORDER = (
  "fileVersion fileSharing workbookPr workbookProtection bookViews sheets functionGroups externalReferences definedNames calcPr oleSize " +
  "customWorkbookViews pivotCaches smartTagPr smartTagTypes webPublishing fileRecoveryPr webPublishObjects extLst"
).split(" ");

/**
 * Takes what ExcelJS drops or fails on out of the package it will read: for each sheet its drawing (with the
 * <drawing> element), pivot tables, threaded comments, slicers and timelines; for the workbook its pivot caches,
 * people and slicer and timeline caches; and every part those reach. All are put back whole after ExcelJS writes.
 */
async function captureCarried(zip: JSZip, sheets: ReadonlyMap<string, string>): Promise<Carried | undefined> {
  const parts = new Map<string, Uint8Array>();
  const visit = async (part: string): Promise<void> => {
    const file = zip.file(part);
    if (!file || parts.has(part)) return;
    parts.set(part, await file.async("uint8array"));
    const rels = zip.file(relsPathOf(part));
    if (rels) parts.set(relsPathOf(part), await rels.async("uint8array"));
    for (const r of await relationshipsOf(zip, part)) await visit(r.target);
  };
  /** Takes the relationships of a part that match `types` out of its rels part, visiting their targets. */
  const take = async (part: string, types: RegExp): Promise<KeptRelationship[]> => {
    const taken = (await relationshipsOf(zip, part)).filter((r) => types.test(r.type) && zip.file(r.target));
    if (taken.length === 0) return [];
    for (const r of taken) await visit(r.target);
    const relsPath = relsPathOf(part);
    let rels = (await zip.file(relsPath)?.async("string")) ?? "";
    for (const r of taken) rels = rels.replace(r.xml, "");
    zip.file(relsPath, rels);
    return taken.map(({ id, type, target }) => ({ id, type, target }));
  };

  const bySheet = new Map<string, KeptRelationship[]>();
  for (const [sheet, part] of sheets) {
    const taken = await take(part, SHEET_CARRIED);
    if (taken.length === 0) continue;
    bySheet.set(sheet, taken);
    const xml = await (zip.file(part) as JSZip.JSZipObject).async("string");
    const element = children(xml).find((c) => c.name === "drawing");
    if (element) zip.file(part, xml.slice(0, element.start) + xml.slice(element.end));
  }
  const relationships = await take(WORKBOOK, BOOK_CARRIED);
  let book = (await zip.file(WORKBOOK)?.async("string")) ?? "";
  const caches = children(book).find((c) => c.name === "pivotCaches");
  const pivotCaches = caches ? book.slice(caches.start, caches.end) : undefined;
  if (caches) book = book.slice(0, caches.start) + book.slice(caches.end);
  const { xml: rest, taken: extensions } = takeExtensions(book, (ext) => BOOK_EXTENSIONS.some((uri) => ext.includes(uri)), "workbook");
  if (caches || extensions.length > 0) zip.file(WORKBOOK, rest);

  if (bySheet.size === 0 && relationships.length === 0) return undefined;
  for (const path of parts.keys()) zip.remove(path);
  const types = (await zip.file(TYPES)?.async("string")) ?? "";
  const suffixes = new Set([...parts.keys()].map((p) => p.slice(p.lastIndexOf(".") + 1).toLowerCase()));
  return {
    sheets: bySheet,
    book: { relationships, pivotCaches, extensions },
    parts,
    types: [...types.matchAll(/<(Override|Default)\b[^>]*\/>/g)]
      .map((m) => m[0])
      .filter((t) =>
        t.startsWith("<Override")
          ? parts.has((/PartName="\/?([^"]*)"/.exec(t)?.[1] ?? "").replace(/^\//, ""))
          : suffixes.has((/Extension="([^"]*)"/.exec(t)?.[1] ?? "").toLowerCase()),
      ),
  };
}

const EMPTY_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/**
 * Adds kept relationships to a part's rels, each under its own id when the written part left it free, else under a
 * new one; returns the ids that changed (old → new), for the elements that name them.
 */
async function addRelationships(zip: JSZip, part: string, kept: readonly KeptRelationship[]): Promise<Map<string, string>> {
  const relsPath = relsPathOf(part);
  const rels = (await zip.file(relsPath)?.async("string")) ?? EMPTY_RELS;
  const used = new Set([...rels.matchAll(/\bId="([^"]*)"/g)].map((m) => m[1] as string));
  const renamed = new Map<string, string>();
  const added = kept.map((r) => {
    let id = r.id;
    for (let n = 1; used.has(id); n++) id = `rIdKpa${n}`;
    used.add(id);
    if (id !== r.id) renamed.set(r.id, id);
    return `<Relationship Id="${id}" Type="${r.type}" Target="/${r.target}"/>`;
  });
  zip.file(relsPath, rels.replace("</Relationships>", `${added.join("")}</Relationships>`));
  return renamed;
}

/** An element's r:id references after the renames. */
const renameIds = (xml: string, renamed: ReadonlyMap<string, string>) =>
  renamed.size === 0 ? xml : xml.replace(/\br:id="([^"]*)"/g, (m, id: string) => (renamed.has(id) ? `r:id="${renamed.get(id)}"` : m));

/** Declares the relationships namespace on a part's root element when it does not yet. */
function withRelationshipNs(xml: string, root: string): string {
  const open = xml.indexOf(`<${root}`);
  return xml.slice(open, xml.indexOf(">", open)).includes("xmlns:r=")
    ? xml
    : xml.replace(new RegExp(`<${root}\\b`), `<${root} xmlns:r="${R_NS}"`);
}

/**
 * Puts what captureCarried kept back into a package ExcelJS wrote; returns, by sheet name, the relationship ids that
 * changed, for the sheet's kept extensions (a slicer list names its slicer by id).
 */
async function restoreCarried(zip: JSZip, kept: Carried, sheets: ReadonlyMap<string, string>): Promise<Map<string, Map<string, string>>> {
  for (const path of kept.parts.keys())
    if (zip.file(path)) throw new Error(`Cannot keep the part ${path}: the written workbook already has one of that name.`);
  for (const [path, bytes] of kept.parts) zip.file(path, bytes);
  const renamedBySheet = new Map<string, Map<string, string>>();
  for (const [sheet, rels] of kept.sheets) {
    const part = sheets.get(sheet);
    if (!part) continue; // the sheet is gone: so is what was on it
    const renamed = await addRelationships(zip, part, rels);
    renamedBySheet.set(sheet, renamed);
    const drawing = rels.find((r) => r.type.endsWith("/drawing"));
    if (!drawing) continue;
    const xml = withRelationshipNs(await (zip.file(part) as JSZip.JSZipObject).async("string"), "worksheet");
    zip.file(part, inSchemaOrder(xml, [`<drawing r:id="${renamed.get(drawing.id) ?? drawing.id}"/>`]));
  }
  if (kept.book.relationships.length > 0) {
    const renamed = await addRelationships(zip, WORKBOOK, kept.book.relationships);
    let book = withRelationshipNs(await (zip.file(WORKBOOK) as JSZip.JSZipObject).async("string"), "workbook");
    if (kept.book.pivotCaches) book = inSchemaOrder(book, [renameIds(kept.book.pivotCaches, renamed)], WORKBOOK_ORDER);
    if (kept.book.extensions.length > 0)
      book = putExtensions(
        book,
        kept.book.extensions.map((e) => renameIds(e, renamed)),
        WORKBOOK_ORDER,
      );
    zip.file(WORKBOOK, book);
  }
  const types = (await zip.file(TYPES)?.async("string")) ?? "";
  const missing = kept.types.filter((t) => {
    const key = /PartName="[^"]*"|Extension="[^"]*"/.exec(t)?.[0];
    return key !== undefined && !types.toLowerCase().includes(key.toLowerCase());
  });
  zip.file(TYPES, types.replace("</Types>", `${missing.join("")}</Types>`));
  return renamedBySheet;
}

/** Reads what must be kept from an input package, and returns the package ExcelJS should read. */
export async function capture(data: Buffer): Promise<{ preserved: Preserved; forExcelJS: Buffer }> {
  const zip = await JSZip.loadAsync(data);
  const workbookXml = await zip.file(WORKBOOK)?.async("string");
  if (workbookXml === undefined) return { preserved: { names: [], validations: new Map() }, forExcelJS: data };
  const names = parseNames(workbookXml).filter((n) => !n.name.startsWith(NAME_PREFIX));
  const validations = new Map<string, string>();
  const sheets = await sheetParts(zip, workbookXml);
  const carried = await captureCarried(zip, sheets);
  const extensions = new Map<string, string[]>();
  for (const [sheet, part] of sheets) {
    const original = await (zip.file(part) as JSZip.JSZipObject).async("string");
    const { xml, taken } = takeExtensions(original);
    if (taken.length > 0) extensions.set(sheet, taken);
    const found = children(xml).find((c) => c.name === "dataValidations");
    if (found) validations.set(sheet, xml.slice(found.start, found.end));
    const rest = found ? xml.slice(0, found.start) + xml.slice(found.end) : xml;
    if (rest !== original) zip.file(part, rest);
  }
  const changed = validations.size > 0 || carried !== undefined || extensions.size > 0;
  const forExcelJS = changed ? await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }) : data;
  return { preserved: { names, validations, macros: await captureMacros(zip), carried, extensions }, forExcelJS };
}

/** Puts the kept parts back into a package ExcelJS wrote: the user's names (then ours) and their validations. */
export async function restore(
  xlsx: Buffer,
  kept: Preserved,
  namesFromInput = true,
  /** Our sheets this save wrote whole: their print titles are the ones ExcelJS just wrote, not the input's. */
  generated: ReadonlySet<string> = new Set(),
): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const workbookXml = await (zip.file(WORKBOOK) as JSZip.JSZipObject).async("string");
  const sheets = sheetOrder(workbookXml);
  // A workbook made in memory has no input names: keep the ones ExcelJS wrote.
  const names = namesFromInput ? kept.names : parseNames(workbookXml).filter((n) => !n.name.startsWith(NAME_PREFIX));
  const printTitles = (n: SavedName) => n.name === PRINT_TITLES && n.scope !== undefined && generated.has(n.scope);
  const theirs = names.flatMap((n) => {
    if (printTitles(n)) return [];
    if (n.scope === undefined) return [n.xml];
    const at = sheets.indexOf(n.scope);
    return at < 0 ? [] : [n.xml.replace(/\blocalSheetId="\d+"/, `localSheetId="${at}"`)];
  });
  const ours = parseNames(workbookXml)
    .filter((n) => n.name.startsWith(NAME_PREFIX) || printTitles(n))
    .map((n) => n.xml);
  // Print titles last, by sheet, wherever they came from (the input, or ExcelJS for the sheets it wrote), so a
  // second evaluation writes the same names in the same order. Excel gives the order of names no meaning.
  const sheetOf = (xml: string) => Number(/\blocalSheetId="(\d+)"/.exec(xml)?.[1] ?? -1);
  const titles = (xml: string) => xml.includes(`name="${PRINT_TITLES}"`);
  const all = [...theirs, ...ours]
    .filter((x) => !titles(x))
    .concat([...theirs, ...ours].filter(titles).sort((x, y) => sheetOf(x) - sheetOf(y)));
  const rest = workbookXml.replace(/<definedNames>[\s\S]*?<\/definedNames>|<definedNames\/>/, "");
  zip.file(WORKBOOK, rest.replace("</sheets>", `</sheets>${all.length ? `<definedNames>${all.join("")}</definedNames>` : ""}`));

  const written = await sheetParts(zip, workbookXml);
  // First what ExcelJS dropped, which may rename the relationships the sheets' extensions name.
  const renamed = kept.carried ? await restoreCarried(zip, kept.carried, written) : new Map<string, Map<string, string>>();
  for (const [sheet, part] of written) {
    const xml = await (zip.file(part) as JSZip.JSZipObject).async("string");
    const element = kept.validations.get(sheet);
    // An empty element stands for "no validations": our rewritten sheets drop their old lists.
    const kids = element ? [element] : [];
    const exts = (kept.extensions?.get(sheet) ?? []).map((e) => renameIds(e, renamed.get(sheet) ?? new Map<string, string>()));
    const withExts = exts.length > 0 ? putExtensions(xml, exts) : xml;
    zip.file(
      part,
      element === "" ? inSchemaOrder(withExts.replace(/<dataValidations\b[\s\S]*?<\/dataValidations>/, "")) : inSchemaOrder(withExts, kids),
    );
  }
  if (kept.macros) await restoreMacros(zip, kept.macros);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
