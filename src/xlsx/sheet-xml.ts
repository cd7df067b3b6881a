// Worksheet XML: our cells patched into a user's sheet (every other byte of it kept), and our own sheets written
// whole. Text is always written as text (an inline string), never as a formula.
import {
  type CfPlan,
  type CellStyle,
  type PlanValue,
  type Rect,
  type SheetPlan,
  type ValidationPlan,
  cellAddress,
  columnIndex,
  columnLetters,
  parseAreas,
  quoteSheet,
  rangeAddress,
  rectInside,
  serialFromIso,
  cellText as withinCellLimit,
} from "../engine";
import type { StyleBook } from "./styles";
import { attr, escapeAttr, escapeText } from "./xml";
import { type Deflated, StreamDeflater } from "./zip";

/** What we write into one cell of a user's sheet. */
export interface CellEdit {
  /** null empties the cell (its format stays). */
  readonly value: PlanValue;
  readonly format?: string;
  /** Take the format (font, fill, borders) of this cell, e.g. the table's header. */
  readonly styleFrom?: { readonly row: number; readonly col: number };
  /** The text wraps within the cell. */
  readonly wrap?: boolean;
}

/** Everything we change in one of the user's sheets. */
export interface SheetEdits {
  /** 0-based row → 0-based column → edit. */
  readonly cells: Map<number, Map<number, CellEdit>>;
  /** 0-based column → width in characters. */
  readonly widths: Map<number, number>;
  /** 0-based row → the points its wrapped text needs; a row with a height the user set keeps it. */
  readonly heights?: Map<number, number>;
  /** Conditional formats lying wholly inside these are ours, and replaced by `formats`. */
  readonly ruleScope: readonly Rect[];
  readonly formats: readonly CfPlan[];
  /** The sheet is no longer the selected tab (our summary is): its sheet views lose tabSelected. */
  unselect?: boolean;
}

export const WORKSHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const DEFAULT_DATE_FORMAT = "yyyy-mm-dd";
// CT_Worksheet's children in the order the schema requires.
const SHEET_ORDER = (
  "sheetPr dimension sheetViews sheetFormatPr cols sheetData sheetCalcPr sheetProtection protectedRanges scenarios autoFilter sortState dataConsolidate customSheetViews mergeCells phoneticPr conditionalFormatting dataValidations hyperlinks " +
  "printOptions pageMargins pageSetup headerFooter rowBreaks colBreaks customProperties cellWatches ignoredErrors smartTags drawing legacyDrawing legacyDrawingHF drawingHF picture oleObjects controls webPublishItems tableParts extLst"
).split(" ");

// Characters XML 1.0 cannot hold: C0 controls other than tab, newline and return; U+FFFE and U+FFFF; lone surrogates.
const NOT_XML = new RegExp(
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  "[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]",
  "g",
);

const NEEDS_ESCAPE = new RegExp(
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  "[&<>_\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uD800-\\uDFFF\\uFFFE\\uFFFF]",
);

/** Text as a cell's string: characters XML cannot hold written as _xHHHH_, and a literal _xHHHH_ kept literal. */
export function cellText(s: string): string {
  // Most text needs nothing done: one scan says so.
  if (!NEEDS_ESCAPE.test(s)) return s;
  const escaped = s.replace(/_x[0-9A-Fa-f]{4}_/g, (m) => `_x005F${m}`);
  const safe = escaped.replace(NOT_XML, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
  return escapeText(safe);
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0;

function inlineString(ref: string, style: string, full: string, p: string): string {
  // Excel refuses to open a file with a longer cell: cut with "…" (a user's 40,000-character goal in a report).
  const text = withinCellLimit(full);
  const space =
    text.length > 0 && (isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(text.length - 1))) ? ' xml:space="preserve"' : "";
  return `<${p}c r="${ref}"${style} t="inlineStr"><${p}is><${p}t${space}>${cellText(text)}</${p}t></${p}is></${p}c>`;
}

/** A cell's XML for a value; dates become serials (the style carries the date format). */
function cellXml(ref: string, v: PlanValue, style: number | undefined, p: string, date1904: boolean): string {
  const s = style ? ` s="${style}"` : "";
  if (v === null) return style ? `<${p}c r="${ref}"${s}/>` : "";
  if (typeof v === "string") return inlineString(ref, s, v, p);
  if (typeof v === "boolean") return `<${p}c r="${ref}"${s} t="b"><${p}v>${v ? 1 : 0}</${p}v></${p}c>`;
  if (typeof v === "number") {
    // Excel has no infinities or NaN: a number that is not finite cannot be a value.
    if (!Number.isFinite(v)) return `<${p}c r="${ref}"${s} t="e"><${p}v>#NUM!</${p}v></${p}c>`;
    return `<${p}c r="${ref}"${s}><${p}v>${Object.is(v, -0) ? 0 : v}</${p}v></${p}c>`;
  }
  if ("date" in v) {
    const serial = serialFromIso(v.date);
    if (serial === undefined) return inlineString(ref, s, v.date, p);
    return `<${p}c r="${ref}"${s}><${p}v>${serial - (date1904 ? 1462 : 0)}</${p}v></${p}c>`;
  }
  return inlineString(ref, s, v.text, p);
}

/** A value's number format when the plan gives none: a date needs one to read as a date. */
const formatFor = (v: PlanValue, format: string | undefined): string | undefined =>
  format ?? (v !== null && typeof v === "object" && "date" in v ? DEFAULT_DATE_FORMAT : undefined);

/**
 * XML written piece by piece into UTF-8 chunks of half a megabyte, each deflated as it is made: a 50k-row sheet never
 * exists whole, as one JS string (a string holding "→" takes two bytes a character) or as bytes.
 */
class Chunks {
  private readonly deflater = new StreamDeflater();
  private pending: string[] = [];
  private size = 0;
  push(s: string): void {
    this.pending.push(s);
    this.size += s.length;
    if (this.size >= 1 << 19) this.flush();
  }
  private flush(): void {
    if (this.pending.length === 0) return;
    this.deflater.push(Buffer.from(this.pending.join(""), "utf8"));
    this.pending = [];
    this.size = 0;
  }
  deflated(): Deflated {
    this.flush();
    return this.deflater.finish();
  }
}

// --- Reading a worksheet's top-level elements ------------------------------------------------------------------

interface Child {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

const TAG = /<(\/?)([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/y;

/** The root's direct children; <sheetData> is skipped over whole, never scanned tag by tag. */
function childrenOf(xml: string, p: string): { children: Child[]; rootEnd: number } {
  const children: Child[] = [];
  const rootOpen = xml.indexOf(">", xml.indexOf(`<${p}worksheet`)) + 1;
  let pos = rootOpen;
  let rootEnd = xml.length;
  for (;;) {
    const lt = xml.indexOf("<", pos);
    if (lt < 0) break;
    if (xml.startsWith("<!--", lt)) {
      pos = xml.indexOf("-->", lt) + 3;
      continue;
    }
    TAG.lastIndex = lt;
    const m = TAG.exec(xml);
    if (!m) break;
    const [whole, close, , name, self] = m as unknown as [string, string, string, string, string];
    if (close) {
      rootEnd = lt;
      break;
    }
    if (self) {
      children.push({ name, start: lt, end: lt + whole.length });
      pos = lt + whole.length;
      continue;
    }
    if (name === "sheetData") {
      const end = xml.indexOf(`</${p}sheetData>`, lt) + `</${p}sheetData>`.length;
      children.push({ name, start: lt, end });
      pos = end;
      continue;
    }
    // Any other element: follow its depth to its end.
    let depth = 1;
    let q = lt + whole.length;
    while (depth > 0) {
      const next = xml.indexOf("<", q);
      if (next < 0) return { children, rootEnd };
      if (xml.startsWith("<!--", next)) {
        q = xml.indexOf("-->", next) + 3;
        continue;
      }
      TAG.lastIndex = next;
      const t = TAG.exec(xml);
      if (!t) {
        q = next + 1;
        continue;
      }
      if (t[1]) depth--;
      else if (!t[4]) depth++;
      q = next + t[0].length;
    }
    children.push({ name, start: lt, end: q });
    pos = q;
  }
  return { children, rootEnd };
}

/** Inserts an element among the root's children at its place in schema order. */
function insertChild(xml: string, p: string, name: string, element: string): string {
  const { children, rootEnd } = childrenOf(xml, p);
  const rank = SHEET_ORDER.indexOf(name);
  const next = children.find((c) => SHEET_ORDER.indexOf(c.name) > rank);
  const at = next ? next.start : rootEnd;
  return xml.slice(0, at) + element + xml.slice(at);
}

// --- Patching a user's sheet -------------------------------------------------------------------------------------

/**
 * The sheet with our edits, deflated; `formulas` says whether a cell we replaced or emptied held a formula.
 * The elements around <sheetData> (dimension, columns, conditional formats) are edited first, on the sheet as it
 * is; the rows are patched last, straight into chunks.
 */
export function patchWorksheet(
  xml: string,
  edits: SheetEdits,
  styles: StyleBook,
  date1904: boolean,
): { deflated: Deflated; formulas: boolean } {
  const p = /<([\w.-]+:)?worksheet[\s>]/.exec(xml)?.[1] ?? "";
  let out = edits.unselect ? (unselected(xml) ?? xml) : xml;
  const bounds = boundsOf(edits.cells);
  if (bounds) out = growDimension(out, p, bounds);
  if (edits.widths.size > 0) out = patchWidths(out, p, edits.widths);
  if (edits.ruleScope.length > 0 || edits.formats.length > 0) out = patchRules(out, p, edits.ruleScope, edits.formats, styles);
  return patchCells(out, p, edits.cells, styles, date1904, edits.heights);
}

/**
 * The sheet with its views no longer the selected tab, or undefined when none was: two selected tabs would open as a
 * group, where every edit goes to both sheets.
 */
export function unselected(xml: string): string | undefined {
  const data = xml.search(/<(?:[\w.-]+:)?sheetData[\s/>]/);
  const head = data < 0 ? xml : xml.slice(0, data);
  const edited = head.replace(/(<(?:[\w.-]+:)?sheetView\b[^>]*?)\s+tabSelected\s*=\s*(?:"(?:1|true)"|'(?:1|true)')/g, "$1");
  return edited === head ? undefined : edited + xml.slice(head.length);
}

/** The cells the edits fill (not those they empty): what the sheet's dimension must cover. */
function boundsOf(cells: Map<number, Map<number, CellEdit>>): Rect | undefined {
  let r: Rect | undefined;
  for (const [row, cols] of cells)
    for (const [col, e] of cols) {
      if (e.value === null) continue;
      r = r
        ? { top: Math.min(r.top, row), bottom: Math.max(r.bottom, row), left: Math.min(r.left, col), right: Math.max(r.right, col) }
        : { top: row, bottom: row, left: col, right: col };
    }
  return r;
}

interface RowCell {
  col: number;
  xml: string;
}

function patchCells(
  xml: string,
  p: string,
  cells: Map<number, Map<number, CellEdit>>,
  styles: StyleBook,
  date1904: boolean,
  heights: ReadonlyMap<number, number> = new Map(),
): { deflated: Deflated; formulas: boolean } {
  /** A row's start tag, taller where our wrapped text needs it, unless the user set its height. */
  const tall = (tag: string, row: number): string => {
    const points = heights.get(row);
    const custom = attr(tag, "customHeight");
    const ht = Number(attr(tag, "ht") ?? 0);
    if (points === undefined || custom === "1" || custom === "true" || ht >= points) return tag;
    const bare = tag.replace(/\sht\s*=\s*("[^"]*"|'[^']*')/, "");
    return bare.replace(new RegExp(`^<${p}row`), `<${p}row ht="${points}"`);
  };
  const open = new RegExp(`<${p}sheetData(?=[\\s/>])(?:[^>"']|"[^"]*"|'[^']*')*?(/?)>`).exec(xml);
  if (!open) throw new Error("The worksheet has no <sheetData>.");
  const selfClosed = open[1] === "/";
  const contentStart = open.index + open[0].length;
  const closeTag = `</${p}sheetData>`;
  const contentEnd = selfClosed ? contentStart : xml.indexOf(closeTag, contentStart);
  const rows = [...cells.keys()].sort((a, b) => a - b);
  // The cells whose look a write copies (a header cell): their styles, read as the rows are met.
  const sources = new Map<string, string | undefined>();
  const sourceRows = new Set<number>();
  for (const row of cells.values())
    for (const e of row.values())
      if (e.styleFrom) {
        sources.set(`${e.styleFrom.row}:${e.styleFrom.col}`, undefined);
        sourceRows.add(e.styleFrom.row);
      }
  const parts = new Chunks();
  parts.push(selfClosed ? `${xml.slice(0, open.index)}<${p}sheetData>` : xml.slice(0, contentStart));
  let formulas = false;
  let next = 0; // index into rows

  const writeRow = (row: number, startTag: string | undefined, existing: RowCell[], rowStyle: number | undefined): string => {
    const edits = cells.get(row);
    const byCol = new Map(existing.map((c) => [c.col, c]));
    if (edits) {
      for (const [col, e] of edits) {
        const old = byCol.get(col)?.xml;
        if (old && /<(?:[\w.-]+:)?f[\s>/]/.test(old)) formulas = true;
        const oldStyle = old ? Number(attr(old.slice(0, old.indexOf(">") + 1), "s") ?? 0) : rowStyle;
        const from = e.styleFrom ? sources.get(`${e.styleFrom.row}:${e.styleFrom.col}`) : undefined;
        let style = e.styleFrom ? Number(from ?? 0) : oldStyle;
        const format = formatFor(e.value, e.format);
        if (format) style = styles.withFormat(style ?? 0, format);
        if (e.wrap) style = styles.withWrap(style ?? 0);
        const x = cellXml(cellAddress(row, col), e.value, style, p, date1904);
        if (x) byCol.set(col, { col, xml: x });
        else byCol.delete(col);
      }
    }
    const all = [...byCol.values()].sort((a, b) => a.col - b.col);
    const tag = tall(startTag ? startTag.replace(SPANS, "") : `<${p}row r="${row + 1}">`, row);
    const withR = attr(tag, "r") === undefined ? tag.replace(new RegExp(`^<${p}row`), `<${p}row r="${row + 1}"`) : tag;
    if (all.length === 0) return withR.endsWith("/>") ? withR : `${withR.slice(0, -1)}/>`;
    const openTag = withR.endsWith("/>") ? `${withR.slice(0, -2).trimEnd()}>` : withR;
    return `${openTag}${all.map((c) => c.xml).join("")}</${p}row>`;
  };

  /** New rows for the edits above `before` (0-based) that no <row> holds. */
  const flushBefore = (before: number) => {
    while (next < rows.length && (rows[next] as number) < before) {
      const row = rows[next++] as number;
      const x = writeRow(row, undefined, [], undefined);
      if (x.includes(`</${p}row>`)) parts.push(x);
    }
  };

  let pos = contentStart;
  let last = -1;
  for (;;) {
    const el = nextElement(xml, `${p}row`, pos, contentEnd);
    if (!el) break;
    const { at, tagEnd, tag: startTag, end } = el;
    const selfRow = startTag.endsWith("/>");
    const rAttr = attr(startTag, "r");
    const row = rAttr === undefined ? last + 1 : Number(rAttr) - 1;
    last = row;
    parts.push(xml.slice(pos, at));
    flushBefore(row);
    const appended = !selfRow && !sourceRows.has(row) ? appendOnly(xml, tagEnd, end - `</${p}row>`.length, p, cells.get(row)) : undefined;
    if (appended !== undefined) {
      // Our cells all lie right of the row's last cell: they go before </row>, and the row is not read cell by cell.
      if (next < rows.length && rows[next] === row) next++;
      const customFormat = attr(startTag, "customFormat");
      const rowStyle = customFormat === "1" || customFormat === "true" ? Number(attr(startTag, "s") ?? 0) : undefined;
      parts.push(tall(startTag.replace(SPANS, ""), row));
      parts.push(xml.slice(tagEnd, end - `</${p}row>`.length));
      for (const [col, e] of appended) {
        const format = formatFor(e.value, e.format);
        let style = format ? styles.withFormat(rowStyle ?? 0, format) : rowStyle;
        if (e.wrap) style = styles.withWrap(style ?? 0);
        parts.push(cellXml(`${letters(col)}${row + 1}`, e.value, style, p, date1904));
      }
      parts.push(`</${p}row>`);
    } else if (cells.has(row) || sourceRows.has(row)) {
      const existing = readCells(xml.slice(tagEnd, selfRow ? tagEnd : end - `</${p}row>`.length), p);
      for (const c of existing) {
        const key = `${row}:${c.col}`;
        if (sources.has(key)) sources.set(key, attr(c.xml.slice(0, c.xml.indexOf(">") + 1), "s"));
      }
      if (cells.has(row)) {
        if (next < rows.length && rows[next] === row) next++;
        const customFormat = attr(startTag, "customFormat");
        const rowStyle = customFormat === "1" || customFormat === "true" ? Number(attr(startTag, "s") ?? 0) : undefined;
        parts.push(writeRow(row, startTag, existing, rowStyle));
      } else parts.push(xml.slice(at, end));
    } else parts.push(xml.slice(at, end));
    pos = end;
  }
  parts.push(xml.slice(pos, contentEnd));
  flushBefore(Number.POSITIVE_INFINITY);
  parts.push(selfClosed ? `${closeTag}${xml.slice(contentStart)}` : xml.slice(contentEnd));
  return { deflated: parts.deflated(), formulas };
}

/** The next element `name` (prefix included) starting in [from, to): its start, its start tag and its end. */
function nextElement(
  xml: string,
  name: string,
  from: number,
  to: number,
): { at: number; tagEnd: number; tag: string; end: number } | undefined {
  const open = `<${name}`;
  let pos = from;
  for (;;) {
    const at = xml.indexOf(open, pos);
    if (at < 0 || at >= to) return undefined;
    const ch = xml.charCodeAt(at + open.length);
    // <row …> but not <rowBreaks>: the name must end there.
    if (ch !== 0x20 && ch !== 0x3e && ch !== 0x2f && ch !== 0x09 && ch !== 0x0a && ch !== 0x0d) {
      pos = at + open.length;
      continue;
    }
    const tagEnd = xml.indexOf(">", at) + 1;
    const tag = xml.slice(at, tagEnd);
    const end = tag.endsWith("/>") ? tagEnd : xml.indexOf(`</${name}>`, tagEnd) + `</${name}>`.length;
    return { at, tagEnd, tag, end };
  }
}

const SPANS = /\sspans\s*=\s*("[^"]*"|'[^']*')/;

/**
 * The edits of a row, in column order, when they all lie right of its last cell (and copy no cell's look): the
 * common case of our columns beside a table. Undefined when the row must be read cell by cell.
 */
function appendOnly(
  xml: string,
  from: number,
  to: number,
  p: string,
  edits: Map<number, CellEdit> | undefined,
): [number, CellEdit][] | undefined {
  if (!edits) return undefined;
  let min = Number.POSITIVE_INFINITY;
  for (const [col, e] of edits) {
    if (e.styleFrom) return undefined;
    if (col < min) min = col;
  }
  const open = `<${p}c`;
  let last = xml.lastIndexOf(open, to);
  while (last >= from && !/[\s/>]/.test(xml.charAt(last + open.length))) last = xml.lastIndexOf(open, last - 1);
  if (last >= from) {
    const tag = xml.slice(last, xml.indexOf(">", last) + 1);
    const r = attr(tag, "r");
    // A cell without its reference: its column depends on the cells before it.
    if (r === undefined || columnIndex(r.replace(/\d+$/, "")) >= min) return undefined;
  } else if (xml.indexOf("<", from) >= 0 && xml.indexOf("<", from) < to) return undefined; // something else in the row
  return [...edits].sort((a, b) => a[0] - b[0]);
}

/** The cells of a row's content, each with its column (an implied one written into its r). */
function readCells(content: string, p: string): RowCell[] {
  const out: RowCell[] = [];
  const open = `<${p}c`;
  let pos = 0;
  let col = -1;
  for (;;) {
    const el = nextElement(content, `${p}c`, pos, content.length);
    if (!el) break;
    const { at, tag, end } = el;
    const r = attr(tag, "r");
    col = r === undefined ? col + 1 : columnIndex(r.replace(/\d+$/, ""));
    const whole = content.slice(at, end);
    out.push({ col, xml: r === undefined ? whole.replace(open, `${open} r="${columnLetters(col)}"`) : whole });
    pos = end;
  }
  return out;
}

function growDimension(xml: string, p: string, add: Rect): string {
  const m = new RegExp(`<${p}dimension\\b[^>]*>`).exec(xml);
  if (!m) return xml;
  const ref = attr(m[0], "ref");
  let r = add;
  try {
    const old = ref ? parseAreas(ref)[0] : undefined;
    if (old)
      r = {
        top: Math.min(old.top, add.top),
        bottom: Math.max(old.bottom, add.bottom),
        left: Math.min(old.left, add.left),
        right: Math.max(old.right, add.right),
      };
  } catch {
    // An unreadable dimension is replaced by ours.
  }
  return xml.slice(0, m.index) + `<${p}dimension ref="${rangeAddress(r)}"/>` + xml.slice(m.index + m[0].length);
}

/** Sets column widths in <cols>, splitting a <col> range where only part of it changes. */
function patchWidths(xml: string, p: string, widths: Map<number, number>): string {
  const m = new RegExp(`<${p}cols(?=[\\s/>])(?:[^>"']|"[^"]*"|'[^']*')*?(?:/>|>[\\s\\S]*?</${p}cols>)`).exec(xml);
  let list: { min: number; max: number; tag: string }[] = [];
  if (m) {
    for (const c of m[0].matchAll(new RegExp(`<${p}col\\b(?:[^>"']|"[^"]*"|'[^']*')*?/>`, "g")))
      list.push({ min: Number(attr(c[0], "min")), max: Number(attr(c[0], "max")), tag: c[0] });
  }
  for (const [col, width] of [...widths].sort((a, b) => a[0] - b[0])) {
    const n = col + 1;
    const w = ` width="${width}" customWidth="1"`;
    const i = list.findIndex((c) => c.min <= n && c.max >= n);
    const strip = (tag: string) => tag.replace(/\s(min|max|width|customWidth)\s*=\s*("[^"]*"|'[^']*')/g, "").replace(/\s*\/>$/, "");
    if (i < 0) {
      list.push({ min: n, max: n, tag: `<${p}col min="${n}" max="${n}"${w}/>` });
      continue;
    }
    const c = list[i] as { min: number; max: number; tag: string };
    const rest = strip(c.tag).replace(new RegExp(`^<${p}col`), "");
    const piece = (min: number, max: number, extra: string) => ({ min, max, tag: `<${p}col min="${min}" max="${max}"${extra}${rest}/>` });
    const keep = (tag: string) => /\swidth\s*=\s*"([^"]*)"/.exec(tag)?.[0] ?? "";
    const oldWidth = `${keep(c.tag)}${/\scustomWidth\s*=\s*"[^"]*"/.exec(c.tag)?.[0] ?? ""}`;
    const replaced = [
      ...(c.min < n ? [piece(c.min, n - 1, oldWidth)] : []),
      piece(n, n, w),
      ...(c.max > n ? [piece(n + 1, c.max, oldWidth)] : []),
    ];
    list.splice(i, 1, ...replaced);
  }
  list = list.sort((a, b) => a.min - b.min);
  const cols = `<${p}cols>${list.map((c) => c.tag).join("")}</${p}cols>`;
  return m ? xml.slice(0, m.index) + cols + xml.slice(m.index + m[0].length) : insertChild(xml, p, "cols", cols);
}

/** Removes the conditional formats lying wholly inside our blocks and adds ours after the user's. */
function patchRules(xml: string, p: string, scope: readonly Rect[], formats: readonly CfPlan[], styles: StyleBook): string {
  const { children } = childrenOf(xml, p);
  let out = xml;
  // From the end, so earlier positions stay right.
  for (const c of [...children].reverse()) {
    if (c.name !== "conditionalFormatting") continue;
    const el = xml.slice(c.start, c.end);
    let areas: Rect[];
    try {
      areas = parseAreas((attr(el.slice(0, el.indexOf(">") + 1), "sqref") ?? "").trim().split(/\s+/).join(","));
    } catch {
      continue;
    }
    if (areas.length > 0 && areas.every((a) => scope.some((s) => rectInside(a, s)))) out = out.slice(0, c.start) + out.slice(c.end);
  }
  if (formats.length === 0) return out;
  // Priorities are unique in a sheet: ours come after every rule the user keeps.
  let priority = 0;
  for (const c of childrenOf(out, p).children)
    if (c.name === "conditionalFormatting" || c.name === "extLst")
      for (const m of out.slice(c.start, c.end).matchAll(/\spriority\s*=\s*"(\d+)"/g)) priority = Math.max(priority, Number(m[1]));
  const xmlOf = formats.map((f) => conditionalFormattingXml(f, p, styles, () => ++priority)).join("");
  const existing = childrenOf(out, p).children.filter((c) => c.name === "conditionalFormatting");
  const lastCf = existing[existing.length - 1];
  if (lastCf) return out.slice(0, lastCf.end) + xmlOf + out.slice(lastCf.end);
  return insertChild(out, p, "conditionalFormatting", xmlOf);
}

const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;

function conditionalFormattingXml(cf: CfPlan, p: string, styles: StyleBook, nextPriority: () => number): string {
  const rules = cf.rules.map((r) => {
    if (r.kind === "equals") {
      const formula = escapeText(`"${r.text.replace(/"/g, '""')}"`);
      return `<${p}cfRule type="cellIs" dxfId="${styles.dxf(r.fill, r.font)}" priority="${nextPriority()}" operator="equal"><${p}formula>${formula}</${p}formula></${p}cfRule>`;
    }
    if (r.kind === "arrows")
      return `<${p}cfRule type="iconSet" priority="${nextPriority()}"><${p}iconSet iconSet="3Arrows"><${p}cfvo type="num" val="-1"/><${p}cfvo type="num" val="0"/><${p}cfvo type="num" val="1"/></${p}iconSet></${p}cfRule>`;
    return `<${p}cfRule type="dataBar" priority="${nextPriority()}"><${p}dataBar><${p}cfvo type="num" val="0"/><${p}cfvo type="num" val="1"/><${p}color rgb="${argb(r.color)}"/></${p}dataBar></${p}cfRule>`;
  });
  return `<${p}conditionalFormatting sqref="${rangeAddress(cf.range)}">${rules.join("")}</${p}conditionalFormatting>`;
}

/** A <dataValidations> element for our drop-down lists. */
export function dataValidationsXml(list: readonly ValidationPlan[], p = ""): string {
  if (list.length === 0) return "";
  const items = list.map((v) => {
    const prompt = v.prompt ? ` showInputMessage="1" prompt="${escapeAttr(v.prompt, '"')}"` : "";
    const formula = escapeText(`"${v.list.join(",")}"`);
    return `<${p}dataValidation type="list" allowBlank="1" showErrorMessage="1"${prompt} sqref="${rangeAddress(v.range)}"><${p}formula1>${formula}</${p}formula1></${p}dataValidation>`;
  });
  return `<${p}dataValidations count="${items.length}">${items.join("")}</${p}dataValidations>`;
}

// --- Our own sheets, written whole ------------------------------------------------------------------------------

/** One of our sheets to write: a SheetPlan's layout, with its formats and styles read per cell. */
export interface SheetSpec extends Pick<
  SheetPlan,
  | "values"
  | "columnWidths"
  | "hiddenColumns"
  | "merges"
  | "rowHeights"
  | "freezeRows"
  | "tabColor"
  | "print"
  | "conditionalFormats"
  | "validations"
> {
  /** Number format and style of a cell, by 0-based row and column. */
  readonly formatAt: (row: number, col: number) => string | undefined;
  readonly styleAt: (row: number, col: number) => CellStyle | undefined;
  /** The sheet's first row with nothing in it, so rows below the spec's values may follow (appends). */
  readonly height?: number;
  /** Whether the sheet has a drawing (its charts), related as rId1. */
  readonly drawing?: boolean;
  /** Whether the sheet is the selected tab, the one the workbook opens on. */
  readonly selected?: boolean;
}

const LETTERS: string[] = [];
/** A column's letters, computed once per column. */
const letters = (c: number): string => LETTERS[c] ?? (LETTERS[c] = columnLetters(c));

/** One of our sheets as a whole worksheet part. */
export function sheetXml(spec: SheetSpec, styles: StyleBook, date1904: boolean): Deflated {
  const height = Math.max(spec.values.length, spec.height ?? 0);
  // The dimension first (it comes before the rows): the widest row's last cell.
  let right = 0;
  spec.values.forEach((row, r) => {
    for (let c = row.length - 1; c > right; c--) if ((row[c] ?? null) !== null || spec.styleAt(r, c)) right = c;
  });
  const dim = height > 0 ? `A1:${columnLetters(right)}${height}` : "A1";
  const freeze =
    spec.freezeRows > 0
      ? `<pane ySplit="${spec.freezeRows}" topLeftCell="A${spec.freezeRows + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${spec.freezeRows + 1}" sqref="A${spec.freezeRows + 1}"/>`
      : "";
  const hidden = new Set(spec.hiddenColumns);
  const colCount = Math.max(spec.columnWidths.length, ...spec.hiddenColumns.map((c) => c + 1));
  const cols: string[] = [];
  for (let c = 0; c < colCount; c++) {
    const w = spec.columnWidths[c];
    if (w === undefined && !hidden.has(c)) continue;
    cols.push(
      `<col min="${c + 1}" max="${c + 1}"${w !== undefined ? ` width="${w}" customWidth="1"` : ""}${hidden.has(c) ? ' hidden="1"' : ""}/>`,
    );
  }
  const out = new Chunks();
  out.push(
    [
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
      `<worksheet xmlns="${WORKSHEET_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`,
      // A fixed zoom when the sheet breaks its own pages: Excel ignores manual breaks under "fit to page".
      `<sheetPr><tabColor rgb="${argb(spec.tabColor)}"/>${spec.print.scale ? "" : '<pageSetUpPr fitToPage="1"/>'}</sheetPr>`,
      `<dimension ref="${dim}"/>`,
      `<sheetViews><sheetView${spec.selected ? ' tabSelected="1"' : ""} workbookViewId="0">${freeze}</sheetView></sheetViews>`,
      '<sheetFormatPr defaultRowHeight="15"/>',
      cols.length > 0 ? `<cols>${cols.join("")}</cols>` : "",
      "<sheetData>",
    ].join(""),
  );
  const links: string[] = [];
  const heights = new Map(spec.rowHeights.map((h) => [h.row, h.points]));
  for (let r = 0; r < height; r++) {
    const row = spec.values[r] ?? [];
    const cells: string[] = [];
    const width = row.length;
    for (let c = 0; c < width; c++) {
      const v = row[c] ?? null;
      const style = spec.styleAt(r, c);
      const format = formatFor(v, spec.formatAt(r, c));
      if (v === null && !style) continue;
      const ref = `${letters(c)}${r + 1}`;
      const id = style || format ? styles.ours(style, format) : undefined;
      cells.push(cellXml(ref, v, id, "", date1904));
      if (v !== null && typeof v === "object" && "sheet" in v)
        links.push(
          `<hyperlink ref="${ref}" location="${escapeAttr(`${quoteSheet(v.sheet)}!${v.cell}`, '"')}" display="${escapeAttr(v.text, '"')}"/>`,
        );
    }
    const points = heights.get(r);
    const ht = points ? ` ht="${points}" customHeight="1"` : "";
    if (cells.length > 0 || ht) out.push(`<row r="${r + 1}"${ht}>${cells.join("")}</row>`);
  }
  let priority = 0;
  const rules = spec.conditionalFormats.map((f) => conditionalFormattingXml(f, "", styles, () => ++priority)).join("");
  out.push(
    [
      "</sheetData>",
      spec.merges.length > 0
        ? `<mergeCells count="${spec.merges.length}">${spec.merges.map((m) => `<mergeCell ref="${rangeAddress(m)}"/>`).join("")}</mergeCells>`
        : "",
      rules,
      dataValidationsXml(spec.validations),
      links.length > 0 ? `<hyperlinks>${links.join("")}</hyperlinks>` : "",
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
      spec.print.scale
        ? `<pageSetup scale="${spec.print.scale}" orientation="${spec.print.orientation}"/>`
        : `<pageSetup orientation="${spec.print.orientation}" fitToWidth="1" fitToHeight="0"/>`,
      `<headerFooter><oddFooter>${escapeText(spec.print.footer)}</oddFooter></headerFooter>`,
      rowBreaksXml(spec.print.rowBreaks ?? []),
      spec.drawing ? '<drawing r:id="rId1"/>' : "",
      "</worksheet>",
    ].join(""),
  );
  return out.deflated();
}

/** Manual page breaks before these 0-based rows (a break's id is the row it comes after, 1-based). */
function rowBreaksXml(rows: readonly number[]): string {
  if (rows.length === 0) return "";
  const brks = rows.map((r) => `<brk id="${r}" max="16383" man="1"/>`).join("");
  return `<rowBreaks count="${rows.length}" manualBreakCount="${rows.length}">${brks}</rowBreaks>`;
}
