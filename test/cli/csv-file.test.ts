// Guarantee: `kpa import` reads a CSV file in pieces, in the encodings Excel saves (UTF-8 with or without BOM,
// UTF-16 LE/BE with or without BOM, Windows-1252), and refuses with one sentence what is not a CSV file: a
// missing file, a folder, a pipe, a device, a workbook, a binary, a file over the size limit. A million-row
// export is refused at the row limit with bounded memory, and a large file is never held whole.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { MAX_CSV_BYTES, readCsvFile } from "../../src/cli/csv-file";
import { CsvError, parseCsv } from "../../src/engine/csv";
import { UnusableInputError } from "../../src/xlsx/errors";

const REPO_ROOT = path.resolve(__dirname, "../..");
/** What fs.readSync is asked for at a time in csv-file.ts: the boundaries the chunk tests put characters across. */
const CHUNK = 1024 * 1024;

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kpa-csv-file-"));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, bytes: Buffer | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

const TEXT = 'KPI,Date,Value,Note\r\nCSAT,2050-07-31,84%,café €5\r\nNPS,2050-07-31,41,"a, b"\r\n';
const utf16be = (s: string) => Buffer.from(s, "utf16le").swap16();

/** The sentence readCsvFile refuses with, as `kpa` prints it. */
function refusal(file: string): string {
  try {
    readCsvFile(file);
  } catch (e) {
    if (!(e instanceof UnusableInputError)) throw e;
    return e.message;
  }
  throw new Error(`${file} was read, not refused`);
}

describe("readCsvFile decodes", () => {
  const expected = parseCsv(TEXT);

  it.each([
    ["UTF-8", Buffer.from(TEXT, "utf8")],
    ["UTF-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, "utf8")])],
    ["UTF-16LE with BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, "utf16le")])],
    ["UTF-16LE without BOM", Buffer.from(TEXT, "utf16le")],
    ["UTF-16BE with BOM", Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)])],
    ["UTF-16BE without BOM", utf16be(TEXT)],
    // Excel's plain "CSV": é is E9 and € is 80 in Windows-1252, neither valid UTF-8.
    ["Windows-1252", Buffer.from(TEXT.replace("é", "\xe9").replace("€", "\x80"), "latin1")],
  ])("%s", (label, bytes) => {
    expect(expected.records[0]?.cells[3]).toBe("café €5");
    expect(readCsvFile(write(`${label}.csv`, bytes))).toEqual(expected);
  });

  it("names the file by its base name in the parser's sentences, or by the name given", () => {
    const file = write("long.csv", `KPI,Note\nA,${"x".repeat(40_000)}\n`);
    expect(() => readCsvFile(file)).toThrow(CsvError);
    expect(() => readCsvFile(file)).toThrow(/^long\.csv has a value longer than 32,767 characters at line 2;/);
    expect(() => readCsvFile(file, "export.csv")).toThrow(/^export\.csv has a value longer/);
  });
});

/** ASCII rows of exactly `bytes` bytes in all (bytes >= 2000), each well under the value limit. */
function filler(bytes: number): string {
  const row = (len: number) => `P,2050-07-31,1,${"x".repeat(len - 16)}\n`;
  const rows: string[] = [];
  let left = bytes;
  while (left >= 2000) {
    rows.push(row(1000));
    left -= 1000;
  }
  rows.push(row(left));
  const out = rows.join("");
  expect(out.length).toBe(bytes);
  return out;
}

describe("readCsvFile across the reads of 1 MB", () => {
  it("keeps a UTF-8 character whose bytes fall in two reads", () => {
    const head = "KPI,Date,Value,Note\n";
    const before = head + filler(CHUNK - 1 - head.length - "A,2050-07-31,1,".length) + "A,2050-07-31,1,";
    const bytes = Buffer.from(`${before}é€\n${filler(5000)}`, "utf8");
    // é's two bytes on either side of the first read's end.
    expect(bytes.subarray(CHUNK - 1, CHUNK + 1)).toEqual(Buffer.from("é", "utf8"));
    const table = readCsvFile(write("utf8-boundary.csv", bytes));
    const a = table.records.find((r) => r.cells[0] === "A");
    expect(a?.cells[3]).toBe("é€");
    expect(table).toEqual(parseCsv(bytes.toString("utf8")));
  });

  it("keeps a UTF-16 surrogate pair whose halves fall in two reads", () => {
    const head = "KPI,Date,Value,Note\n";
    // 2 BOM bytes, then 2 bytes a unit: the emoji's high half takes the read's last two bytes.
    const units = (CHUNK - 2) / 2 - 1;
    const before = head + filler(units - head.length - "A,2050-07-31,1,".length) + "A,2050-07-31,1,";
    const text = `${before}😀\n${filler(5000)}`;
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    expect(bytes.subarray(CHUNK - 2, CHUNK + 2)).toEqual(Buffer.from("😀", "utf16le"));
    const table = readCsvFile(write("utf16-boundary.csv", bytes));
    expect(table.records.find((r) => r.cells[0] === "A")?.cells[3]).toBe("😀");
    expect(table).toEqual(parseCsv(text));
  });

  it("reads the whole file again as Windows-1252 when a byte that is not UTF-8 comes after the first read", () => {
    const text = `KPI,Date,Value,Note\n${filler(CHUNK + 500_000)}Caf\xe9,2050-07-31,3,\x80\n`;
    const bytes = Buffer.from(text, "latin1");
    const table = readCsvFile(write("late-1252.csv", bytes));
    // Not TextDecoder in one call: Node 20's one-call windows-1252 decode reads 0x80 as U+0080, not €.
    const expected = parseCsv(text.replace("\xe9", "é").replace("\x80", "€"));
    expect(expected.records.length).toBeGreaterThan(1000);
    // Every record once: the parser started over with the decoder.
    expect(table.records).toHaveLength(expected.records.length);
    expect(table.records.at(-1)?.cells).toEqual(["Café", "2050-07-31", "3", "€"]);
    expect(table).toEqual(expected);
  });
});

describe("readCsvFile refuses, with one sentence naming the file", () => {
  it("a missing file and a folder", () => {
    const missing = path.join(dir, "nope.csv");
    expect(refusal(missing)).toBe(`No CSV file at ${missing}.`);
    expect(refusal(path.join(dir, "nope", "x.csv"))).toBe(`No CSV file at ${path.join(dir, "nope", "x.csv")}.`);
    expect(refusal(dir)).toBe(`${dir} is a folder, not a CSV file.`);
  });

  it("a device, before reading it: /dev/zero would never end", () => {
    expect(fs.statSync("/dev/zero").isFile()).toBe(false);
    expect(refusal("/dev/zero")).toBe("/dev/zero is a device, not a CSV file: save the CSV to a file and import that.");
  });

  it("a workbook", () => {
    const file = write("book.csv", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]));
    expect(refusal(file)).toBe(`${file} is a workbook, not a CSV file: save it from Excel as "CSV UTF-8" and import that.`);
  });

  it("a binary file, and a text file with NUL bytes after its first read", () => {
    const sentence = (file: string) =>
      `${file} is not a text CSV file (it holds NUL bytes): save it from Excel as "CSV UTF-8" and import that.`;
    // Zeros in both even and odd places: not UTF-16.
    const binary = write("binary.csv", Buffer.from(Array.from({ length: 4096 }, (_, i) => (i % 3 === 0 ? 0 : (i * 7) % 256))));
    expect(refusal(binary)).toBe(sentence(binary));
    const late = write("late-nul.csv", Buffer.concat([Buffer.from(`KPI,Date,Value,Note\n${filler(CHUNK + 100)}`), Buffer.from([0, 0, 0])]));
    expect(refusal(late)).toBe(sentence(late));
  });

  it("a file over the size limit, before reading it", () => {
    const file = path.join(dir, "huge.csv");
    // Sparse: the size is there, the disk space is not.
    fs.writeFileSync(file, "");
    fs.truncateSync(file, MAX_CSV_BYTES + 1);
    expect(MAX_CSV_BYTES).toBe(1024 ** 3);
    expect(refusal(file)).toBe(`${file} is 1,025 MB; KPA Tracker reads CSV files up to 1,024 MB: split it and import each part.`);
  });
});

// --- In a child process: what could hang or run out of memory does so there, not in jest -------------------

/** csv-file.ts and what it imports, as plain JavaScript a bare `node` runs (one transpile, no type check). */
let moduleJs: string;

beforeAll(() => {
  const out = path.join(dir, "js");
  const sources = [
    ...(fs.readdirSync(path.join(REPO_ROOT, "src/engine"), { recursive: true }) as string[])
      .filter((f) => f.endsWith(".ts"))
      .map((f) => path.join("src/engine", f)),
    "src/xlsx/errors.ts",
    "src/cli/csv-file.ts",
  ];
  expect(sources.length).toBeGreaterThan(10);
  for (const source of sources) {
    const { outputText } = ts.transpileModule(fs.readFileSync(path.join(REPO_ROOT, source), "utf8"), {
      fileName: source,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    const target = path.join(out, source.replace(/\.ts$/, ".js"));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, outputText);
  }
  moduleJs = path.join(out, "src/cli/csv-file.js");
}, 120_000);

interface ChildReport {
  readonly rows?: number;
  readonly error?: string;
  readonly kind?: string;
  /** Resident memory before the read and at its peak, in bytes. */
  readonly rssBefore: number;
  readonly maxRss: number;
}

/** readCsvFile(file) in `node --max-old-space-size=HEAP`; what it read or the sentence it refused with. */
function readInChild(file: string, heapMb = 256): ChildReport {
  const script = `
    const { readCsvFile } = require(${JSON.stringify(moduleJs)});
    const rssBefore = process.memoryUsage().rss;
    let outcome;
    try {
      outcome = { rows: readCsvFile(${JSON.stringify(file)}).records.length };
    } catch (e) {
      // Reported to the test, which checks it is the expected sentence.
      outcome = { error: e.message, kind: e.constructor.name };
    }
    console.log(JSON.stringify({ ...outcome, rssBefore, maxRss: process.resourceUsage().maxRSS * 1024 }));
  `;
  const r = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, "-e", script], { encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) throw new Error(`the child failed (${r.status ?? r.signal ?? r.error?.message}):\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(r.stdout) as ChildReport;
}

const MB = 1024 * 1024;

/** Writes a file in pieces, so the test does not hold it whole either. */
function writeInPieces(name: string, head: string, count: number, piece: (k: number) => string): string {
  const file = path.join(dir, name);
  const fd = fs.openSync(file, "w");
  try {
    fs.writeSync(fd, head);
    for (let k = 0; k < count; k++) fs.writeSync(fd, piece(k));
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

describe("readCsvFile in a child process", () => {
  it("refuses a pipe without waiting for a writer", () => {
    const fifo = path.join(dir, "pipe.csv");
    const made = spawnSync("mkfifo", [fifo], { encoding: "utf8" });
    if (made.error || made.status !== 0)
      throw new Error(`mkfifo (coreutils) is needed for this test: ${made.error?.message ?? made.stderr}`);
    expect(fs.statSync(fifo).isFIFO()).toBe(true);
    const report = readInChild(fifo);
    expect([report.kind, report.error]).toEqual([
      "UnusableInputError",
      `${fifo} is a pipe, not a CSV file: save the CSV to a file and import that.`,
    ]);
  });

  it("refuses a million-row export at the row limit with bounded memory", () => {
    const file = writeInPieces("million.csv", "KPI,Date,Value,Note\n", 100, (k) => {
      const rows: string[] = [];
      for (let i = 0; i < 10_000; i++) rows.push(`CSAT,2050-07-31,84%,row ${k * 10_000 + i}\n`);
      return rows.join("");
    });
    expect(fs.statSync(file).size).toBeGreaterThan(29 * MB);
    const report = readInChild(file);
    expect([report.kind, report.error]).toEqual([
      "CsvError",
      "million.csv has more than 200,000 rows (the limit was reached at line 200,002); KPA Tracker imports up to 200,000 at a time: split the file and import each part.",
    ]);
    expect(report.maxRss).toBeGreaterThan(0);
    expect(report.maxRss).toBeLessThan(400 * MB);
  }, 120_000);

  it("reads a 100 MB file without holding it whole", () => {
    // Blank lines are read and dropped: what the child keeps is a header and two rows, whatever the size.
    const blank = `${" ".repeat(999)}\n`.repeat(1000);
    const file = writeInPieces("blank-lines.csv", "KPI,Date,Value\n", 100, (k) =>
      k === 99 ? `${blank}CSAT,2050-07-31,84%\nNPS,2050-07-31,41\n` : blank,
    );
    expect(fs.statSync(file).size).toBeGreaterThan(100 * 1000 * 1000);
    // A 40 MB heap cannot hold the file's 100 MB of text as one string (the child would abort), so finishing at
    // all proves it was read in pieces; no bound on resident memory, which follows the collector's timing.
    const report = readInChild(file, 40);
    expect(report.error).toBeUndefined();
    expect(report.rows).toBe(2);
  }, 120_000);
});
