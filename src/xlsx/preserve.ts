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
  /** The sheets' drawings (charts, pictures, shapes), which ExcelJS drops or fails to read. */
  readonly drawings?: Drawings;
  /**
   * Each sheet's Excel 2010+ extensions that ExcelJS drops (sparklines, x14 validations, slicer lists…): the <ext>
   * elements of its <extLst>, by sheet name, each carrying the namespaces it uses.
   */
  readonly extensions?: ReadonlyMap<string, readonly string[]>;
}

// The one worksheet extension ExcelJS reads and writes itself: x14 conditional formats (data bars, icon sets).
const EXCELJS_EXTENSION = "{78C0D931-6437-407d-A8EE-F0AAD7539E65}";

/** Takes the sheet's <ext> elements ExcelJS would drop out of its <extLst>; returns the sheet without them. */
function takeExtensions(xml: string): { xml: string; taken: string[] } {
  const list = children(xml).find((c) => c.name === "extLst");
  if (!list) return { xml, taken: [] };
  const listXml = xml.slice(list.start, list.end);
  const exts = children(listXml).filter((c) => c.name === "ext");
  const taken = exts.filter((e) => !listXml.slice(e.start, e.end).includes(EXCELJS_EXTENSION));
  if (taken.length === 0) return { xml, taken: [] };
  // Namespaces declared on the worksheet root: an extension using one declares it itself once taken out.
  const root = xml.slice(xml.indexOf("<worksheet"), xml.indexOf(">", xml.indexOf("<worksheet")));
  const declared = new Map([...root.matchAll(/\sxmlns:([\w.-]+)="([^"]*)"/g)].map((m) => [m[1] as string, m[2] as string]));
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

/** Puts extensions back into a sheet's <extLst>, making one when ExcelJS wrote none. */
function putExtensions(xml: string, exts: readonly string[]): string {
  const list = children(xml).find((c) => c.name === "extLst");
  if (!list) return inSchemaOrder(xml, [`<extLst>${exts.join("")}</extLst>`]);
  const end = list.end - "</extLst>".length;
  return xml.slice(0, end) + exts.join("") + xml.slice(end);
}

/** Each sheet's drawing, kept whole: the parts it reaches byte for byte, and their content types. */
interface Drawings {
  /** The drawing part of each sheet that has one, by sheet name. */
  readonly bySheet: ReadonlyMap<string, string>;
  /** Every part a drawing reaches (charts, images, their styles) and their relationship parts, by path. */
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
function inSchemaOrder(xml: string, extra: readonly string[] = []): string {
  const added = extra.map((e) => ({ name: children(`<r>${e}</r>`)[0]?.name ?? "", xml: e }));
  const all = children(xml);
  if (all.length === 0) return xml;
  const kids = all.filter((k) => !added.some((a) => a.name === k.name)); // an added element replaces any of its kind
  const first = all[0] as { start: number };
  const last = all[all.length - 1] as { end: number };
  let rank = 0;
  const parts = [...kids.map((k) => ({ name: k.name, xml: xml.slice(k.start, k.end) })), ...added].map((p, i) => {
    const known = SHEET_ORDER.indexOf(p.name);
    rank = known >= 0 ? known : i < kids.length ? rank : SHEET_ORDER.length; // unknown elements stay behind their predecessor
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

const DRAWING_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing";

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

/**
 * Takes every sheet's drawing out of the package ExcelJS will read (the <drawing> element, its relationship and all
 * the parts it reaches), to be put back whole after ExcelJS writes.
 */
async function captureDrawings(zip: JSZip, sheets: ReadonlyMap<string, string>): Promise<Drawings | undefined> {
  const bySheet = new Map<string, string>();
  const parts = new Map<string, Uint8Array>();
  const visit = async (part: string): Promise<void> => {
    const file = zip.file(part);
    if (!file || parts.has(part)) return;
    parts.set(part, await file.async("uint8array"));
    const rels = zip.file(relsPathOf(part));
    if (rels) parts.set(relsPathOf(part), await rels.async("uint8array"));
    for (const r of await relationshipsOf(zip, part)) await visit(r.target);
  };
  for (const [sheet, part] of sheets) {
    const xml = await (zip.file(part) as JSZip.JSZipObject).async("string");
    const element = children(xml).find((c) => c.name === "drawing");
    if (!element) continue;
    const id = /\br:id="([^"]*)"/.exec(xml.slice(element.start, element.end))?.[1];
    const rel = (await relationshipsOf(zip, part)).find((r) => r.id === id && r.type === DRAWING_REL);
    if (!rel || !zip.file(rel.target)) continue;
    await visit(rel.target);
    bySheet.set(sheet, rel.target);
    zip.file(part, xml.slice(0, element.start) + xml.slice(element.end));
    const relsPath = relsPathOf(part);
    zip.file(relsPath, ((await zip.file(relsPath)?.async("string")) ?? "").replace(rel.xml, ""));
  }
  if (bySheet.size === 0) return undefined;
  for (const path of parts.keys()) zip.remove(path);
  const types = (await zip.file(TYPES)?.async("string")) ?? "";
  const extensions = new Set([...parts.keys()].map((p) => p.slice(p.lastIndexOf(".") + 1).toLowerCase()));
  return {
    bySheet,
    parts,
    types: [...types.matchAll(/<(Override|Default)\b[^>]*\/>/g)]
      .map((m) => m[0])
      .filter((t) =>
        t.startsWith("<Override")
          ? parts.has((/PartName="\/?([^"]*)"/.exec(t)?.[1] ?? "").replace(/^\//, ""))
          : extensions.has((/Extension="([^"]*)"/.exec(t)?.[1] ?? "").toLowerCase()),
      ),
  };
}

/** Puts each sheet's drawing back into a package ExcelJS wrote, under a relationship id of our own. */
async function restoreDrawings(zip: JSZip, kept: Drawings, sheets: ReadonlyMap<string, string>): Promise<void> {
  for (const path of kept.parts.keys())
    if (zip.file(path)) throw new Error(`Cannot keep the drawing part ${path}: the written workbook already has one of that name.`);
  for (const [path, bytes] of kept.parts) zip.file(path, bytes);
  let n = 0;
  for (const [sheet, drawing] of kept.bySheet) {
    const part = sheets.get(sheet);
    if (!part) continue; // the sheet is gone: so is its drawing
    const id = `rIdKpaDrawing${++n}`;
    const relsPath = relsPathOf(part);
    const rels =
      (await zip.file(relsPath)?.async("string")) ??
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
    zip.file(
      relsPath,
      rels.replace("</Relationships>", `<Relationship Id="${id}" Type="${DRAWING_REL}" Target="/${drawing}"/></Relationships>`),
    );
    const xml = await (zip.file(part) as JSZip.JSZipObject).async("string");
    const withNs = /xmlns:r="/.test(xml.slice(0, xml.indexOf(">", xml.indexOf("<worksheet"))))
      ? xml
      : xml.replace(/<worksheet\b/, '<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"');
    zip.file(part, inSchemaOrder(withNs, [`<drawing r:id="${id}"/>`]));
  }
  const types = (await zip.file(TYPES)?.async("string")) ?? "";
  const missing = kept.types.filter((t) => {
    const key = /PartName="[^"]*"|Extension="[^"]*"/.exec(t)?.[0];
    return key !== undefined && !types.toLowerCase().includes(key.toLowerCase());
  });
  zip.file(TYPES, types.replace("</Types>", `${missing.join("")}</Types>`));
}

/** Reads what must be kept from an input package, and returns the package ExcelJS should read. */
export async function capture(data: Buffer): Promise<{ preserved: Preserved; forExcelJS: Buffer }> {
  const zip = await JSZip.loadAsync(data);
  const workbookXml = await zip.file(WORKBOOK)?.async("string");
  if (workbookXml === undefined) return { preserved: { names: [], validations: new Map() }, forExcelJS: data };
  const names = parseNames(workbookXml).filter((n) => !n.name.startsWith(NAME_PREFIX));
  const validations = new Map<string, string>();
  const sheets = await sheetParts(zip, workbookXml);
  const drawings = await captureDrawings(zip, sheets);
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
  const changed = validations.size > 0 || drawings !== undefined || extensions.size > 0;
  const forExcelJS = changed ? await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }) : data;
  return { preserved: { names, validations, macros: await captureMacros(zip), drawings, extensions }, forExcelJS };
}

/** Puts the kept parts back into a package ExcelJS wrote: the user's names (then ours) and their validations. */
export async function restore(xlsx: Buffer, kept: Preserved, namesFromInput = true): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const workbookXml = await (zip.file(WORKBOOK) as JSZip.JSZipObject).async("string");
  const sheets = sheetOrder(workbookXml);
  // A workbook made in memory has no input names: keep the ones ExcelJS wrote.
  const names = namesFromInput ? kept.names : parseNames(workbookXml).filter((n) => !n.name.startsWith(NAME_PREFIX));
  const theirs = names.flatMap((n) => {
    if (n.scope === undefined) return [n.xml];
    const at = sheets.indexOf(n.scope);
    return at < 0 ? [] : [n.xml.replace(/\blocalSheetId="\d+"/, `localSheetId="${at}"`)];
  });
  const ours = parseNames(workbookXml)
    .filter((n) => n.name.startsWith(NAME_PREFIX))
    .map((n) => n.xml);
  const all = [...theirs, ...ours];
  const rest = workbookXml.replace(/<definedNames>[\s\S]*?<\/definedNames>|<definedNames\/>/, "");
  zip.file(WORKBOOK, rest.replace("</sheets>", `</sheets>${all.length ? `<definedNames>${all.join("")}</definedNames>` : ""}`));

  for (const [sheet, part] of await sheetParts(zip, workbookXml)) {
    const xml = await (zip.file(part) as JSZip.JSZipObject).async("string");
    const element = kept.validations.get(sheet);
    // An empty element stands for "no validations": our rewritten sheets drop their old lists.
    const kids = element ? [element] : [];
    const exts = kept.extensions?.get(sheet) ?? [];
    const withExts = exts.length > 0 ? putExtensions(xml, exts) : xml;
    zip.file(
      part,
      element === "" ? inSchemaOrder(withExts.replace(/<dataValidations\b[\s\S]*?<\/dataValidations>/, "")) : inSchemaOrder(withExts, kids),
    );
  }
  if (kept.macros) await restoreMacros(zip, kept.macros);
  if (kept.drawings) await restoreDrawings(zip, kept.drawings, await sheetParts(zip, workbookXml));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
