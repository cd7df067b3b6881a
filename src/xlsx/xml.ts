// XML text helpers for editing package parts as text: escaping, and start tags and attributes read and rewritten
// in place, so what we do not change stays byte for byte as it was.

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) =>
    e.startsWith("#x")
      ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith("#")
        ? String.fromCodePoint(Number(e.slice(1)))
        : (ENTITIES[e] as string),
  );
}

export const escapeText = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function escapeAttr(s: string, quote: string): string {
  return escapeText(s)
    .replace(quote === '"' ? /"/g : /'/g, quote === '"' ? "&quot;" : "&apos;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;")
    .replace(/\t/g, "&#9;");
}

export const regexSafe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Attributes inside a start tag, where a quoted value may hold ">". */
export const ATTRS = String.raw`(?:[^>"']|"[^"]*"|'[^']*')*`;
const tagCache = new Map<string, RegExp>();
const textCache = new Map<string, RegExp>();
const attrCache = new Map<string, RegExp>();

/** Rewrites each start (or empty) tag of the element `name` (with its prefix, if any: "xm:sqref"). */
export function editTags(xml: string, name: string, fn: (tag: string) => string): string {
  let re = tagCache.get(name);
  if (!re) tagCache.set(name, (re = new RegExp(`<${regexSafe(name)}(?=[\\s/>])${ATTRS}>`, "g")));
  return xml.includes(`<${name}`) ? xml.replace(re, fn) : xml;
}

/** Rewrites the (unescaped) text of each element `name` that holds text only. */
export function editText(xml: string, name: string, fn: (text: string) => string): string {
  if (!xml.includes(`<${name}`)) return xml;
  let re = textCache.get(name);
  if (!re) textCache.set(name, (re = new RegExp(`(<${regexSafe(name)}(?:\\s${ATTRS})?>)([^<]*)(</${regexSafe(name)}>)`, "g")));
  return xml.replace(re, (all, open: string, text: string, close: string) => {
    const before = unescapeXml(text);
    const after = fn(before);
    return after === before ? all : `${open}${escapeText(after)}${close}`;
  });
}

function attrRegex(name: string): RegExp {
  let re = attrCache.get(name);
  if (!re) attrCache.set(name, (re = new RegExp(`(\\s${regexSafe(name)}\\s*=\\s*)(?:"([^"]*)"|'([^']*)')`)));
  return re;
}

/** An attribute's unescaped value in a start tag. */
export function attr(tag: string, name: string): string | undefined {
  const m = attrRegex(name).exec(tag);
  if (!m) return undefined;
  return unescapeXml(m[2] ?? m[3] ?? "");
}

/** A start tag with one attribute's value rewritten (given and returned unescaped), or removed when fn gives undefined. */
export function editAttr(tag: string, name: string, fn: (value: string) => string | undefined): string {
  const m = attrRegex(name).exec(tag);
  if (!m) return tag;
  const quote = m[2] !== undefined ? '"' : "'";
  const before = unescapeXml(m[2] ?? m[3] ?? "");
  const after = fn(before);
  if (after === before) return tag;
  const start = m.index;
  const end = start + m[0].length;
  return after === undefined
    ? tag.slice(0, start) + tag.slice(end)
    : `${tag.slice(0, start)}${m[1]}${quote}${escapeAttr(after, quote)}${quote}${tag.slice(end)}`;
}

/** Adds an attribute before the end of a start tag. */
export function addAttr(tag: string, name: string, value: string): string {
  const at = tag.endsWith("/>") ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, at)} ${name}="${escapeAttr(value, '"')}"${tag.slice(at)}`;
}

/** A relationship id attribute (r:id, or another prefix bound to the relationships namespace). */
export const hasRelId = (tag: string): boolean => /\s[\w.-]+:id\s*=/.test(tag);
export const relIdOf = (tag: string): string | undefined => {
  const m = /\s[\w.-]+:id\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(tag);
  return m ? unescapeXml(m[1] ?? m[2] ?? "") : undefined;
};
