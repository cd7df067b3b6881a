// An .xlsx package opened for patching: parts read as text on demand, changed, added or removed, and written
// back with every entry nobody changed copied through as its original compressed bytes.
import { type Deflated, FIXED_STAMP, type ZipEntry, ZipError, deflatedEntry, inflateEntry, newEntry, readZip, writeZip } from "./zip";
import { attr, escapeAttr } from "./xml";
import { UnusableInputError } from "./errors";

export interface Relationship {
  readonly id: string;
  /** The whole type URI. */
  readonly type: string;
  /** The target as a part name from the package root (no leading slash); the raw target when external. */
  readonly path: string;
  readonly external: boolean;
}

const decoder = new TextDecoder("utf-8");
const encoder = new TextEncoder();

export const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The relationships part of a part: xl/workbook.xml → xl/_rels/workbook.xml.rels. */
export function relsOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship target as a part name: absolute ("/xl/…") or relative to the source part's folder ("../…"). */
export function resolvePart(source: string, target: string): string {
  const base = source.slice(0, source.lastIndexOf("/") + 1);
  const parts = (target.startsWith("/") ? target.slice(1) : base + target).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

/** A part name as a target relative to the source part's folder. */
export function relativeTarget(source: string, part: string): string {
  const from = source.split("/").slice(0, -1);
  const to = part.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}

export class Package {
  private readonly entries = new Map<string, ZipEntry>();
  /** Changed parts: text, bytes, or (for big ones) an entry already compressed. */
  private readonly changed = new Map<string, string | Uint8Array | ZipEntry>();
  private readonly removed = new Set<string>();
  private readonly lowerNames = new Map<string, string>();

  constructor(
    data: Uint8Array,
    private readonly file: string,
  ) {
    let list: ZipEntry[];
    try {
      list = readZip(data);
    } catch (e) {
      if (e instanceof ZipError) throw new UnusableInputError(`${file} is not an .xlsx workbook that can be read (${e.message}).`);
      throw e;
    }
    for (const e of list) {
      this.entries.set(e.name, e);
      this.lowerNames.set(e.name.toLowerCase(), e.name);
    }
  }

  /** The entry's real name: part names are case-insensitive (OPC), zip names are not. */
  private nameOf(part: string): string {
    return this.lowerNames.get(part.toLowerCase()) ?? part;
  }

  has(part: string): boolean {
    const name = this.nameOf(part);
    return !this.removed.has(name) && (this.changed.has(name) || this.entries.has(name));
  }

  text(part: string): string | undefined {
    const name = this.nameOf(part);
    if (this.removed.has(name)) return undefined;
    const changed = this.changed.get(name);
    if (typeof changed === "string") return changed;
    if (changed instanceof Uint8Array) return decoder.decode(changed);
    if (changed) return decoder.decode(this.inflate(changed));
    const e = this.entries.get(name);
    if (!e) return undefined;
    const text = decoder.decode(this.inflate(e));
    // A byte-order mark is allowed before the declaration; what we write back has none.
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  private inflate(e: ZipEntry): Uint8Array {
    try {
      return inflateEntry(e);
    } catch (err) {
      if (err instanceof ZipError) throw new UnusableInputError(`${this.file} is not an .xlsx workbook that can be read (${err.message}).`);
      throw err;
    }
  }

  /** Replaces or adds a part: text, bytes, or content deflated already (a big sheet, compressed as it was written). */
  set(part: string, content: string | Uint8Array | Deflated): void {
    const name = this.nameOf(part);
    this.removed.delete(name);
    this.changed.set(
      name,
      typeof content === "string" || content instanceof Uint8Array ? content : deflatedEntry(name, content, this.stampOf(name)),
    );
    if (!this.entries.has(name)) this.lowerNames.set(name.toLowerCase(), name);
  }

  private stampOf(name: string): { time: number; date: number } {
    return this.entries.get(name) ?? FIXED_STAMP;
  }

  remove(part: string): void {
    const name = this.nameOf(part);
    this.changed.delete(name);
    if (this.entries.has(name)) this.removed.add(name);
  }

  names(): string[] {
    const out = [...this.entries.keys()].filter((n) => !this.removed.has(n));
    for (const n of this.changed.keys()) if (!this.entries.has(n)) out.push(n);
    return out;
  }

  /** The relationships of a part, by id. */
  relationships(part: string): Relationship[] {
    const xml = this.text(relsOf(part));
    if (!xml) return [];
    const out: Relationship[] = [];
    for (const m of xml.matchAll(/<(?:[\w.-]+:)?Relationship\b(?:[^>"']|"[^"]*"|'[^']*')*>/g)) {
      const tag = m[0];
      const id = attr(tag, "Id");
      const type = attr(tag, "Type");
      const target = attr(tag, "Target");
      if (!id || !type || target === undefined) continue;
      const external = attr(tag, "TargetMode") === "External";
      out.push({ id, type, path: external ? target : resolvePart(part, target), external });
    }
    return out;
  }

  /** Adds a relationship from `part` to `target` (a part name); returns its new id. */
  addRelationship(part: string, type: string, target: string): string {
    const rels = relsOf(part);
    const xml =
      this.text(rels) ??
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
    const used = new Set(this.relationships(part).map((r) => r.id));
    let n = used.size + 1;
    while (used.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const p = /<([\w.-]+:)?Relationships[\s>]/.exec(xml)?.[1] ?? "";
    const el = `<${p}Relationship Id="${id}" Type="${escapeAttr(type, '"')}" Target="${escapeAttr(relativeTarget(part, target), '"')}"/>`;
    this.set(rels, closeWith(xml, `${p}Relationships`, el));
    return id;
  }

  /** Removes the relationships of `part` that `drop` picks. */
  removeRelationships(part: string, drop: (r: Relationship) => boolean): void {
    const rels = relsOf(part);
    const xml = this.text(rels);
    if (!xml) return;
    const byId = new Map(this.relationships(part).map((r) => [r.id, r]));
    const out = xml.replace(/<(?:[\w.-]+:)?Relationship\b(?:[^>"']|"[^"]*"|'[^']*')*?\/>/g, (tag) => {
      const r = byId.get(attr(tag, "Id") ?? "");
      return r && drop(r) ? "" : tag;
    });
    if (out !== xml) this.set(rels, out);
  }

  /** Says in [Content_Types].xml what a new part is, unless a default for its extension already says so. */
  setContentType(part: string, type: string): void {
    const ct = this.text("[Content_Types].xml") ?? "";
    const p = /<([\w.-]+:)?Types[\s>]/.exec(ct)?.[1] ?? "";
    const name = `/${part}`;
    const overrides = [...ct.matchAll(/<(?:[\w.-]+:)?Override\b[^>]*>/g)].map((m) => m[0]);
    if (overrides.some((o) => (attr(o, "PartName") ?? "").toLowerCase() === name.toLowerCase())) return;
    this.set(
      "[Content_Types].xml",
      closeWith(ct, `${p}Types`, `<${p}Override PartName="${escapeAttr(name, '"')}" ContentType="${type}"/>`),
    );
  }

  removeContentType(part: string): void {
    const ct = this.text("[Content_Types].xml");
    if (!ct) return;
    const name = `/${part}`.toLowerCase();
    const out = ct.replace(/<(?:[\w.-]+:)?Override\b[^>]*?\/>/g, (o) => ((attr(o, "PartName") ?? "").toLowerCase() === name ? "" : o));
    if (out !== ct) this.set("[Content_Types].xml", out);
  }

  /** The package's bytes: unchanged entries as their original compressed bytes, in their original order. */
  bytes(): Uint8Array {
    const out: ZipEntry[] = [];
    for (const [name, e] of this.entries) {
      if (this.removed.has(name)) continue;
      const c = this.changed.get(name);
      out.push(c === undefined ? e : this.entryOf(name, c));
    }
    for (const [name, c] of this.changed) if (!this.entries.has(name)) out.push(this.entryOf(name, c));
    return writeZip(out);
  }

  private entryOf(name: string, c: string | Uint8Array | ZipEntry): ZipEntry {
    if (typeof c === "string") return newEntry(name, encoder.encode(c), this.stampOf(name));
    return c instanceof Uint8Array ? newEntry(name, c, this.stampOf(name)) : c;
  }
}

/** The root element `root` of `xml` with `content` added as its last children. */
export function closeWith(xml: string, root: string, content: string): string {
  const end = xml.lastIndexOf(`</${root}>`);
  if (end >= 0) return xml.slice(0, end) + content + xml.slice(end);
  // <Root .../>: open it.
  const m = new RegExp(`<${root}\\b((?:[^>"']|"[^"]*"|'[^']*')*?)/>`).exec(xml);
  if (!m) return xml;
  return `${xml.slice(0, m.index)}<${root}${m[1]}>${content}</${root}>${xml.slice(m.index + m[0].length)}`;
}
