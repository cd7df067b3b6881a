// A CSV file read for `kpa import`: in pieces, so memory stays bounded by the parser's limits and not by the file,
// and refused with one sentence when it is not a CSV file at all (a folder, a device, a pipe, a workbook, a binary).
import * as fs from "fs";
import * as path from "path";
import { CsvParser, type CsvParserOptions, type CsvTable } from "../engine";
import { UnusableInputError } from "../xlsx/errors";

/** Bytes read at most: far above what 200,000 rows take, so only a file that could never be imported is refused. */
export const MAX_CSV_BYTES = 1024 ** 3;
/** Bytes read at a time. */
const CHUNK_BYTES = 1024 * 1024;
/** Bytes looked at to tell BOM-less UTF-16 (a NUL byte in every other place) from a binary file. */
const SNIFF_BYTES = 64 * 1024;

type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

const mb = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024)).toLocaleString("en-US")} MB`;

/**
 * The table of a CSV file: UTF-8 (with or without BOM), UTF-16 LE or BE (Excel's "Unicode text", with or without
 * BOM) or, when not valid UTF-8, Windows-1252 (Excel's "CSV"). `name` is how sentences name it (its base name by
 * default). Throws UnusableInputError when the file is not a readable CSV, CsvError past the parser's limits.
 */
export function readCsvFile(file: string, name: string = path.basename(file), options: CsvParserOptions = {}): CsvTable {
  checkIsFile(
    file,
    statOrRefuse(file, () => fs.statSync(file)),
  );
  // O_NONBLOCK: if a pipe took the file's place since stat, opening it does not wait for a writer.
  const fd = openOrRefuse(file);
  try {
    // Checked again on what was opened, not on what the name pointed to a moment ago.
    checkIsFile(file, fs.fstatSync(fd));
    const parse = { name, ...options };
    const first = readAt(fd, 0, Buffer.alloc(CHUNK_BYTES));
    if (first[0] === 0x50 && first[1] === 0x4b && first[2] === 0x03 && first[3] === 0x04)
      throw new UnusableInputError(`${file} is a workbook, not a CSV file: save it from Excel as "CSV UTF-8" and import that.`);
    const encoding = sniffEncoding(file, first);
    if (encoding !== "utf-8") return decodeAll(fd, file, encoding, parse);
    try {
      return decodeAll(fd, file, "utf-8", parse);
    } catch (e) {
      if (!(e instanceof NotUtf8)) throw e;
      // Not UTF-8 after all: read again from the start, with a fresh parser, as Excel's "CSV" (Windows-1252).
      return decodeAll(fd, file, "windows-1252", parse);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Thrown by decodeAll when the bytes are not UTF-8; never leaves this module. */
class NotUtf8 extends Error {}

function statOrRefuse(file: string, stat: () => fs.Stats): fs.Stats {
  try {
    return stat();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new UnusableInputError(`No CSV file at ${file}.`);
    if (code === "EACCES" || code === "EPERM")
      throw new UnusableInputError(
        `${file} cannot be read (permission denied): allow reading it, or copy it somewhere readable, and import again.`,
      );
    throw e;
  }
}

function openOrRefuse(file: string): number {
  // O_NONBLOCK is undefined on Windows, where a named pipe is not a path fs.openSync could wait on.
  const flags = fs.constants.O_RDONLY | ((fs.constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0);
  try {
    return fs.openSync(file, flags);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UnusableInputError(`No CSV file at ${file}.`);
    if (code === "EACCES" || code === "EPERM")
      throw new UnusableInputError(
        `${file} cannot be read (permission denied): allow reading it, or copy it somewhere readable, and import again.`,
      );
    throw e;
  }
}

/** A regular file of at most MAX_CSV_BYTES; a device such as /dev/zero or a pipe would be read forever. */
function checkIsFile(file: string, stat: fs.Stats): void {
  if (stat.isDirectory()) throw new UnusableInputError(`${file} is a folder, not a CSV file.`);
  if (!stat.isFile()) {
    const kind = stat.isFIFO() ? "a pipe" : stat.isSocket() ? "a socket" : "a device";
    throw new UnusableInputError(`${file} is ${kind}, not a CSV file: save the CSV to a file and import that.`);
  }
  if (stat.size > MAX_CSV_BYTES) throw tooBig(file, stat.size);
}

function tooBig(file: string, size: number): UnusableInputError {
  return new UnusableInputError(
    `${file} is ${mb(size)}; KPA Tracker reads CSV files up to ${mb(MAX_CSV_BYTES)}: ` + "split it and import each part.",
  );
}

function readAt(fd: number, position: number, buffer: Buffer): Buffer {
  return buffer.subarray(0, fs.readSync(fd, buffer, 0, buffer.length, position));
}

/** From the BOM, else from where NUL bytes are: every other byte of mostly-ASCII UTF-16 is 0, text has none. */
function sniffEncoding(file: string, first: Buffer): Encoding {
  if (first[0] === 0xff && first[1] === 0xfe) return "utf-16le";
  if (first[0] === 0xfe && first[1] === 0xff) return "utf-16be";
  if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) return "utf-8";
  const sample = first.subarray(0, SNIFF_BYTES);
  let even = 0;
  let odd = 0;
  for (let i = sample.indexOf(0); i >= 0; i = sample.indexOf(0, i + 1)) {
    if (i % 2 === 0) even++;
    else odd++;
  }
  if (even + odd === 0) return "utf-8";
  // A line break or a comma in UTF-16 text carries a 0 in its own place; CJK text has few other zeros, so a
  // few at the right place are enough, as long as nearly all of them are there.
  const enough = Math.max(1, Math.floor(sample.length / 64));
  if (odd >= enough && odd >= 4 * even) return "utf-16le";
  if (even >= enough && even >= 4 * odd) return "utf-16be";
  throw notText(file);
}

function notText(file: string): UnusableInputError {
  return new UnusableInputError(`${file} is not a text CSV file (it holds NUL bytes): save it from Excel as "CSV UTF-8" and import that.`);
}

/** Reads the file from its start through one decoder into one parser; throws NotUtf8 when UTF-8 is wrong. */
function decodeAll(fd: number, file: string, encoding: Encoding, options: CsvParserOptions): CsvTable {
  const decoder = new TextDecoder(encoding, { fatal: encoding === "utf-8" });
  const parser = new CsvParser(options);
  const buffer = Buffer.alloc(CHUNK_BYTES);
  const utf16 = encoding === "utf-16le" || encoding === "utf-16be";
  const decode = (bytes?: Buffer): string => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch (e) {
      // By code, not `instanceof TypeError`: the error may come from another realm (vm, jest).
      if ((e as { code?: unknown }).code === "ERR_ENCODING_INVALID_ENCODED_DATA") throw new NotUtf8();
      throw e;
    }
  };
  let position = 0;
  for (;;) {
    const bytes = readAt(fd, position, buffer);
    if (bytes.length === 0) break;
    position += bytes.length;
    // The file grew while it was read: the limit holds for what is read, not only for what stat said.
    if (position > MAX_CSV_BYTES) throw tooBig(file, position);
    if (!utf16 && bytes.includes(0)) throw notText(file);
    parser.push(decode(bytes));
  }
  parser.push(decode());
  return parser.end();
}
