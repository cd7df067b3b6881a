// xl/styles.xml, appended to and never renumbered: the user's formats keep their indexes, ours come after them.
import type { CellStyle } from "../engine";
import { attr, escapeAttr } from "./xml";

// ECMA-376 Part 1, 18.8.30: the number formats every workbook has without listing them.
const BUILT_IN_IDS: Readonly<Record<string, number>> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "mm-dd-yy": 14,
  "h:mm": 20,
  "h:mm:ss": 21,
  "@": 49,
};

/** A minimal styles part for a package that has none: one font, the two fills Excel requires, one of the rest. */
export const EMPTY_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  "</styleSheet>";

// CT_Stylesheet's children in schema order.
const ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];

const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;

/** One list of styles.xml (fonts, fills, cellXfs…): its existing items untouched, ours appended. */
class List {
  /** The list's existing inner XML, as it was. */
  readonly inner: string;
  readonly count: number;
  readonly added: string[] = [];
  constructor(
    readonly name: string,
    readonly itemName: string,
    xml: string | undefined,
    readonly p: string,
  ) {
    if (!xml) {
      this.inner = "";
      this.count = 0;
      return;
    }
    const open = xml.indexOf(">") + 1;
    this.inner = xml.endsWith("/>") ? "" : xml.slice(open, xml.lastIndexOf("</"));
    this.count = this.items().length;
  }
  /** The existing items, whole. */
  items(): string[] {
    const p = this.p;
    const re = new RegExp(`<${p}${this.itemName}(?=[\\s/>])(?:[^>"']|"[^"]*"|'[^']*')*?(?:/>|>[\\s\\S]*?</${p}${this.itemName}>)`, "g");
    return this.inner.match(re) ?? [];
  }
  add(item: string): number {
    this.added.push(item);
    return this.count + this.added.length - 1;
  }
  xml(): string {
    const n = this.count + this.added.length;
    return `<${this.p}${this.name} count="${n}">${this.inner}${this.added.join("")}</${this.p}${this.name}>`;
  }
}

export class StyleBook {
  private readonly p: string;
  private readonly lists = new Map<string, List>();
  private readonly formatIds = new Map<string, number>();
  private nextFormatId = 164;
  private readonly cache = new Map<string, number>();
  private readonly fonts: string[];
  private readonly xfs: string[];
  changed = false;

  constructor(private readonly source: string) {
    this.p = /<([\w.-]+:)?styleSheet[\s>]/.exec(source)?.[1] ?? "";
    for (const name of ["numFmts", "fonts", "fills", "cellXfs", "dxfs"]) {
      const item = name === "numFmts" ? "numFmt" : name === "fonts" ? "font" : name === "fills" ? "fill" : name === "dxfs" ? "dxf" : "xf";
      this.lists.set(name, new List(name, item, this.element(name), this.p));
    }
    for (const f of this.list("numFmts").items()) {
      const id = Number(attr(f, "numFmtId"));
      const code = attr(f, "formatCode");
      if (code !== undefined && Number.isInteger(id)) {
        if (!this.formatIds.has(code)) this.formatIds.set(code, id);
        this.nextFormatId = Math.max(this.nextFormatId, id + 1);
      }
    }
    this.fonts = this.list("fonts").items();
    this.xfs = this.list("cellXfs").items();
  }

  private list(name: string): List {
    return this.lists.get(name) as List;
  }

  /** One top-level element of the source, whole, or undefined. */
  private element(name: string): string | undefined {
    const p = this.p;
    const m = new RegExp(`<${p}${name}(?=[\\s/>])(?:[^>"']|"[^"]*"|'[^']*')*?(?:/>|>[\\s\\S]*?</${p}${name}>)`).exec(this.source);
    return m?.[0];
  }

  /** The id of a number format, adding it when the workbook lacks it. */
  formatId(code: string): number {
    const builtIn = BUILT_IN_IDS[code];
    if (builtIn !== undefined) return builtIn;
    const known = this.formatIds.get(code);
    if (known !== undefined) return known;
    const id = this.nextFormatId++;
    this.list("numFmts").add(`<${this.p}numFmt numFmtId="${id}" formatCode="${escapeAttr(code, '"')}"/>`);
    this.formatIds.set(code, id);
    this.changed = true;
    return id;
  }

  /** A cell format like the user's `base` (its font, fill, borders) with another number format. */
  withFormat(base: number, code: string): number {
    const key = `f|${base}|${code}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const id = this.formatId(code);
    const from = this.xfs[base] ?? this.xfs[0] ?? `<${this.p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    if (Number(attr(from, "numFmtId") ?? 0) === id) {
      this.cache.set(key, base);
      return base;
    }
    const tag = from.slice(0, from.search(/\/?>/));
    const rest = from.slice(tag.length);
    const attrs = tag.replace(/\s(numFmtId|applyNumberFormat)\s*=\s*("[^"]*"|'[^']*')/g, "");
    const index = this.list("cellXfs").add(`${attrs} numFmtId="${id}" applyNumberFormat="1"${rest}`);
    this.changed = true;
    this.cache.set(key, index);
    return index;
  }

  /** A cell format like `base` (one read or one added) whose text wraps, from the top of its cell. */
  withWrap(base: number): number {
    const key = `w|${base}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const p = this.p;
    const xfs = this.list("cellXfs");
    const from =
      (base < xfs.count ? this.xfs[base] : xfs.added[base - xfs.count]) ??
      this.xfs[0] ??
      `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    const end = from.search(/\/?>/);
    const open = from.slice(0, end).replace(/\sapplyAlignment\s*=\s*("[^"]*"|'[^']*')/g, "");
    const inner = from.slice(end).startsWith("/>") ? "" : from.slice(from.indexOf(">") + 1, from.lastIndexOf("</"));
    // The alignment keeps what else it says (horizontal, indent); it comes first among an xf's children.
    const align = new RegExp(`<${p}alignment\\b(?:[^>"']|"[^"]*"|'[^']*')*?(?:/>|>[\\s\\S]*?</${p}alignment>)`).exec(inner);
    const kept = align ? (align[0].match(/\s(?!wrapText|vertical)[\w:]+\s*=\s*("[^"]*"|'[^']*')/g) ?? []).join("") : "";
    const rest = align ? inner.replace(align[0], "") : inner;
    const index = xfs.add(`${open} applyAlignment="1"><${p}alignment${kept} wrapText="1" vertical="top"/>${rest}</${p}xf>`);
    this.changed = true;
    this.cache.set(key, index);
    return index;
  }

  /** A cell format for our own sheets: the workbook's default font, made bold, coloured or sized as asked. */
  ours(style: CellStyle | undefined, code: string | undefined): number {
    // By the style object first: a sheet's cells share a few of them, and a key built per cell costs.
    const byObject = style ? this.byStyle.get(style) : this.noStyle;
    const known = byObject?.get(code ?? "");
    if (known !== undefined) return known;
    const id = this.oursByValue(style, code);
    let map = byObject;
    if (!map) {
      map = new Map();
      if (style) this.byStyle.set(style, map);
    }
    map.set(code ?? "", id);
    return id;
  }

  private readonly byStyle = new WeakMap<CellStyle, Map<string, number>>();
  private readonly noStyle = new Map<string, number>();

  private oursByValue(style: CellStyle | undefined, code: string | undefined): number {
    const key = `o|${JSON.stringify(style ?? {})}|${code ?? ""}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const p = this.p;
    let fontId = 0;
    if (style && (style.bold || style.italic || style.size || style.font)) {
      const base = this.fonts[0] ?? `<${p}font><${p}sz val="11"/><${p}name val="Calibri"/></${p}font>`;
      // Keep the default font's name, family and scheme; replace what the style sets.
      const kept = (base.match(new RegExp(`<${p}(name|family|charset|scheme)\\b[^>]*/>`, "g")) ?? []).join("");
      const size = style.size ?? Number(attr(/<[\w.:-]*sz\b[^>]*>/.exec(base)?.[0] ?? "", "val") ?? 11);
      const parts = [
        style.bold ? `<${p}b/>` : "",
        style.italic ? `<${p}i/>` : "",
        `<${p}sz val="${size}"/>`,
        style.font ? `<${p}color rgb="${argb(style.font)}"/>` : (/<[\w.:-]*color\b[^>]*\/>/.exec(base)?.[0] ?? ""),
        kept,
      ];
      fontId = this.list("fonts").add(`<${p}font>${parts.join("")}</${p}font>`);
    }
    const fillId = style?.fill
      ? this.list("fills").add(
          `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb(style.fill)}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`,
        )
      : 0;
    const numFmtId = code ? this.formatId(code) : 0;
    const apply = `${fontId ? ' applyFont="1"' : ""}${fillId ? ' applyFill="1"' : ""}${numFmtId ? ' applyNumberFormat="1"' : ""}`;
    const align = style?.wrap ? `<${p}alignment vertical="top" wrapText="1"/>` : "";
    const head = `<${p}xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"${apply}${align ? ' applyAlignment="1"' : ""}`;
    const index = this.list("cellXfs").add(align ? `${head}>${align}</${p}xf>` : `${head}/>`);
    this.changed = true;
    this.cache.set(key, index);
    return index;
  }

  /** A differential format for a conditional format: a fill and a font colour. */
  dxf(fill: string, font: string): number {
    const key = `d|${fill}|${font}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const p = this.p;
    const index = this.list("dxfs").add(
      `<${p}dxf><${p}font><${p}color rgb="${argb(font)}"/></${p}font><${p}fill><${p}patternFill><${p}bgColor rgb="${argb(fill)}"/></${p}patternFill></${p}fill></${p}dxf>`,
    );
    this.changed = true;
    this.cache.set(key, index);
    return index;
  }

  /** The styles part with our additions; each list rewritten only if we added to it. */
  xml(): string {
    let xml = this.source;
    const p = this.p;
    for (const [name, list] of this.lists) {
      if (list.added.length === 0) continue;
      const existing = this.element(name);
      if (existing) {
        xml = xml.replace(existing, () => list.xml());
        continue;
      }
      // Missing: insert before the first element that follows it in schema order, or at the end.
      const after = ORDER.slice(ORDER.indexOf(name) + 1);
      let at = -1;
      for (const next of after) {
        const m = new RegExp(`<${p}${next}(?=[\\s/>])`).exec(xml);
        if (m && (at < 0 || m.index < at)) at = m.index;
      }
      if (at < 0) at = xml.lastIndexOf(`</${p}styleSheet>`);
      xml = xml.slice(0, at) + list.xml() + xml.slice(at);
    }
    return xml;
  }
}
