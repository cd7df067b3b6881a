// A zip package read entry by entry and written back with the entries we do not change copied as they were: the
// same compressed bytes, the same CRC, the same name (issue 12: "every part we do not own, byte for byte").
// Node's zlib inflates and deflates (natively: several times faster than a JavaScript deflate on a big sheet); the
// container is read and written here, because no zip library at hand copies an entry's compressed bytes as they are.
import * as zlib from "zlib";

/** One entry as the central directory describes it. */
export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly time: number;
  readonly date: number;
  /** The compressed bytes, a view into the package. */
  readonly raw: Uint8Array;
}

/** Why a zip cannot be read, without the file name (the caller adds it). */
export class ZipError extends Error {}

/** Entries in a package KPA Tracker reads: a workbook has dozens to a few thousand (one per picture or comment). */
export const MAX_PARTS = 10_000;
/** The most one part may hold once inflated: five times a 500,000-row sheet's XML. */
export const MAX_PART_BYTES = 1 << 30;
/** A part that grows more than this many times when inflated, past BOMB_FLOOR, is a zip bomb, not a spreadsheet. */
const BOMB_RATIO = 200;
const BOMB_FLOOR = 64 << 20;

const mb = (bytes: number) => `${Math.max(1, Math.round(bytes / (1 << 20))).toLocaleString("en-US")} MB`;

/** Why a zip entry's name is not a part's: a path that leaves the package, or one no zip tool agrees on. */
function badName(name: string): string | undefined {
  if (name.startsWith("/") || name.startsWith("\\") || /^[A-Za-z]:/.test(name) || name.split(/[/\\]/).includes(".."))
    return `its zip entry ${name} names a path outside the package`;
  if (name.includes("\0")) return `its zip entry ${JSON.stringify(name)} has a name no part can have`;
  return undefined;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const UTF8_FLAG = 0x800;

/** Every entry of a zip, in central-directory order. Throws ZipError for what is not a zip this can read. */
export function readZip(data: Uint8Array): ZipEntry[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  // The end record is in the last 22 + 65,535 bytes (its comment is at most 65,535 bytes).
  let end = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipError("it is not a zip package");
  const count = view.getUint16(end + 10, true);
  const dirOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new ZipError("it is a ZIP64 package, larger than KPA Tracker reads");
  if (count > MAX_PARTS)
    throw new ZipError(
      `it has ${count.toLocaleString("en-US")} parts, and KPA Tracker reads packages of up to ${MAX_PARTS.toLocaleString("en-US")}`,
    );
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  const decoder = new TextDecoder("utf-8");
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > data.length || view.getUint32(p, true) !== CENTRAL) throw new ZipError("its zip directory is damaged");
    const method = view.getUint16(p + 10, true);
    const time = view.getUint16(p + 12, true);
    const date = view.getUint16(p + 14, true);
    const crc = view.getUint32(p + 16, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    if (compressedSize === 0xffffffff || size === 0xffffffff || local === 0xffffffff)
      throw new ZipError("it is a ZIP64 package, larger than KPA Tracker reads");
    const name = decoder.decode(data.subarray(p + 46, p + 46 + nameLength));
    const bad = badName(name);
    if (bad) throw new ZipError(bad);
    // Two entries of one name: which one a reader takes differs between tools, so neither is trusted.
    if (names.has(name.toLowerCase())) throw new ZipError(`it has two zip entries named ${name}`);
    names.add(name.toLowerCase());
    if (local + 30 > data.length || view.getUint32(local, true) !== LOCAL) throw new ZipError(`its zip entry ${name} is damaged`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + compressedSize > data.length) throw new ZipError(`its zip entry ${name} is cut short`);
    if (method !== 0 && method !== 8) throw new ZipError(`its zip entry ${name} uses a compression method other than deflate`);
    entries.push({ name, method, crc, compressedSize, size, time, date, raw: data.subarray(start, start + compressedSize) });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * An entry's content, decompressed: never more than its directory entry says it holds (a lie is damage), never more
 * than MAX_PART_BYTES, and never a zip bomb's worth. Throws ZipError naming the entry.
 */
export function inflateEntry(e: ZipEntry): Uint8Array {
  if (e.size > MAX_PART_BYTES)
    throw new ZipError(`its part ${e.name} expands to ${mb(e.size)}, and KPA Tracker reads parts of up to ${mb(MAX_PART_BYTES)}`);
  if (e.size > BOMB_FLOOR && e.size > BOMB_RATIO * e.compressedSize)
    throw new ZipError(
      `its part ${e.name} expands from ${mb(e.compressedSize)} to ${mb(e.size)}, far more than a spreadsheet compresses (a zip bomb)`,
    );
  if (e.method === 0) return e.raw;
  let out: Buffer;
  try {
    // One byte more than declared, so that content beyond the declared size is seen rather than cut.
    out = zlib.inflateRawSync(e.raw, { maxOutputLength: Math.max(1, e.size + 1) });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ZipError(
      code === "ERR_BUFFER_TOO_LARGE"
        ? `its zip entry ${e.name} holds more than its zip directory says (${mb(e.size)}), so it is damaged`
        : `its zip data is damaged: ${e.name}: ${(err as Error).message}`,
    );
  }
  if (out.length !== e.size || crc32(out) !== e.crc) throw new ZipError(`its zip data is damaged: ${e.name} does not match its checksum`);
  return out;
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 of the data, continuing from `previous`: zlib's where Node has it (20.15 and later), else computed here. */
export function crc32(data: Uint8Array, previous = 0): number {
  const native = (zlib as unknown as { crc32?: (d: Uint8Array, v?: number) => number }).crc32;
  if (native) return native(data, previous) >>> 0;
  let c = ~previous;
  for (let i = 0; i < data.length; i++) c = (CRC_TABLE[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** A part's content already compressed: the raw deflate data, the CRC and the size of what it holds. */
export interface Deflated {
  readonly raw: Uint8Array;
  readonly crc: number;
  readonly size: number;
}

/**
 * Deflates a part piece by piece, so that a big sheet is never held whole uncompressed. Each piece is deflated on
 * its own and ends in a sync flush (a non-final, byte-aligned block), so the pieces concatenate into one valid
 * deflate stream, which an empty final block closes.
 */
export class StreamDeflater {
  private readonly pieces: Buffer[] = [];
  private crc = 0;
  private size = 0;
  push(data: Uint8Array): void {
    if (data.length === 0) return;
    this.crc = crc32(data, this.crc);
    this.size += data.length;
    this.pieces.push(zlib.deflateRawSync(data, { level: 1, finishFlush: zlib.constants.Z_SYNC_FLUSH }));
  }
  finish(): Deflated {
    this.pieces.push(zlib.deflateRawSync(Buffer.alloc(0)));
    return { raw: Buffer.concat(this.pieces), crc: this.crc, size: this.size };
  }
}

/** An entry for content deflated already. */
export function deflatedEntry(name: string, d: Deflated, stamp: { time: number; date: number }): ZipEntry {
  return { name, method: 8, crc: d.crc, compressedSize: d.raw.length, size: d.size, time: stamp.time, date: stamp.date, raw: d.raw };
}

// Big parts (a 50k-row sheet is 20–30 MB of XML) at level 1: 80 ms for a 28 MB sheet against level 6's 325 ms, for
// an output about 17% larger. Small parts at level 6, where the time does not show.
const levelFor = (size: number): number => (size > 4 << 20 ? 1 : 6);

/** A fresh entry holding `content`, deflated, stamped with `stamp` (an existing entry's DOS time and date). */
export function newEntry(name: string, content: Uint8Array, stamp: { time: number; date: number }): ZipEntry {
  const raw = zlib.deflateRawSync(content, { level: levelFor(content.length) });
  return {
    name,
    method: 8,
    crc: crc32(content),
    compressedSize: raw.length,
    size: content.length,
    time: stamp.time,
    date: stamp.date,
    raw,
  };
}

/** A DOS time and date for a new entry: 1980-01-01 00:00, so that the same input gives the same bytes. */
export const FIXED_STAMP = { time: 0, date: (0 << 9) | (1 << 5) | 1 };

/**
 * The fields a local header and a central directory entry share, from the flags to the name's length: UTF-8 names
 * flagged as such, no data descriptor, no extra field.
 */
function describe(view: DataView, at: number, e: ZipEntry, name: Uint8Array): void {
  view.setUint16(at, name.some((b) => b > 0x7f) ? UTF8_FLAG : 0, true);
  view.setUint16(at + 2, e.method, true);
  view.setUint16(at + 4, e.time, true);
  view.setUint16(at + 6, e.date, true);
  view.setUint32(at + 8, e.crc, true);
  view.setUint32(at + 12, e.compressedSize, true);
  view.setUint32(at + 16, e.size, true);
  view.setUint16(at + 20, name.length, true);
  view.setUint16(at + 22, 0, true);
}

/** The package: each entry's compressed bytes as they are, behind fresh headers. */
export function writeZip(entries: readonly ZipEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const names = entries.map((e) => encoder.encode(e.name));
  let size = 22;
  entries.forEach((e, i) => (size += 30 + 46 + 2 * (names[i] as Uint8Array).length + e.compressedSize));
  if (size > 0xffffffff || entries.length > 0xfffe) throw new ZipError("the package would need ZIP64, larger than KPA Tracker writes");
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let p = 0;
  entries.forEach((e, i) => {
    const name = names[i] as Uint8Array;
    offsets.push(p);
    view.setUint32(p, LOCAL, true);
    view.setUint16(p + 4, 20, true);
    describe(view, p + 6, e, name);
    out.set(name, p + 30);
    out.set(e.raw, p + 30 + name.length);
    p += 30 + name.length + e.compressedSize;
  });
  const dir = p;
  entries.forEach((e, i) => {
    const name = names[i] as Uint8Array;
    view.setUint32(p, CENTRAL, true);
    view.setUint16(p + 4, 20, true);
    view.setUint16(p + 6, 20, true);
    describe(view, p + 8, e, name);
    // extra, comment, disk, internal and external attributes: zero.
    view.setUint32(p + 42, offsets[i] as number, true);
    out.set(name, p + 46);
    p += 46 + name.length;
  });
  view.setUint32(p, EOCD, true);
  view.setUint16(p + 8, entries.length, true);
  view.setUint16(p + 10, entries.length, true);
  view.setUint32(p + 12, p - dir, true);
  view.setUint32(p + 16, dir, true);
  return out;
}
