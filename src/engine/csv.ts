// CSV exports (a CRM's, a helpdesk's) read as measurements for the log. Pure: the caller reads the file.
import { MAX_CELL_TEXT } from "./limits";
import type { MeasurementInput } from "./sheets/log-append";

/** A CSV that cannot be read or mapped at all: a usage-level error, one sentence. */
export class CsvError extends Error {}

export interface CsvRecord {
  /** 1-based physical line where the record starts, as an editor numbers it. */
  readonly line: number;
  readonly cells: readonly string[];
}

export interface CsvTable {
  /** The first non-blank record, each name trimmed. */
  readonly header: readonly string[];
  readonly records: readonly CsvRecord[];
  readonly delimiter: "," | ";" | "\t";
}

const DELIMITERS = [",", ";", "\t"] as const;
type Delimiter = (typeof DELIMITERS)[number];

/** Data records (the header not counted) one import reads; a longer CSV is refused before it is read whole. */
export const MAX_IMPORT_ROWS = 200_000;
/**
 * Characters held while the header is looked for (blank lines before it included): the delimiter is decided on the
 * header line, so everything up to its end is kept; a file with no line break is refused rather than kept whole.
 */
export const MAX_HEADER_TEXT = 1_048_576;

export interface CsvParserOptions {
  /** How sentences name the file, e.g. "export.csv". */
  readonly name?: string;
  /** Data records read at most (MAX_IMPORT_ROWS unless given); one more is refused, naming its line. */
  readonly maxRows?: number;
  /** Characters one value may hold (MAX_CELL_TEXT unless given). */
  readonly maxCellText?: number;
  /** Characters read before the header line must have ended (MAX_HEADER_TEXT unless given). */
  readonly maxHeaderText?: number;
}

const n = (x: number) => x.toLocaleString("en-US");

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;

// Where the splitter is within a field, named by what was last read.
/** At the start of a field: nothing read yet. */
const FIELD_START = 0;
/** Spaces at the start of a field: layout before an opening quote, else part of the value. */
const SPACES = 1;
const UNQUOTED = 2;
const QUOTED = 3;
/** A `"` inside a quoted field: the next character says whether it was a doubled quote or the closing one. */
const QUOTE_IN_QUOTED = 4;
type Mode = typeof FIELD_START | typeof SPACES | typeof UNQUOTED | typeof QUOTED | typeof QUOTE_IN_QUOTED;

/**
 * parseCsv in pieces: `push` text as it is read (split anywhere, even between CR and LF or inside a quoted value)
 * and `end` gives what parseCsv gives for the whole text. Memory stays bounded: at most `maxRows` records and no
 * value over `maxCellText` characters are held; past either, push throws CsvError at once, naming the line.
 */
export class CsvParser {
  private readonly name: string;
  private readonly maxRows: number;
  private readonly maxCellText: number;
  private readonly maxHeaderText: number;

  /** Text held until the delimiter is known (BOM and `sep=` line decided, then the header line's end found). */
  private held = "";
  private phase: "start" | "detect" | "split" = "start";
  private sawFirstChar = false;
  // Delimiter detection, over `held` from `scanned` on.
  private scanned = 0;
  private detectQuoted = false;
  private detectContent = false;
  private readonly counts: [number, number, number] = [0, 0, 0];

  // The record splitter.
  private delimiter: Delimiter = ",";
  private delimiterCode = 0x2c;
  private mode: Mode = FIELD_START;
  /** A CR ended a line; a LF right after it belongs to the same line break. */
  private skipLF = false;
  private spaces = 0;
  private cell = "";
  private cells: string[] = [];
  private line = 1;
  /** Line where the current record starts. */
  private start = 1;
  /** Line where the current field starts (a quoted one may span lines). */
  private fieldLine = 1;
  private header: string[] | undefined;
  private readonly records: CsvRecord[] = [];

  constructor(options: CsvParserOptions = {}) {
    this.name = options.name ?? "the CSV";
    this.maxRows = options.maxRows ?? MAX_IMPORT_ROWS;
    this.maxCellText = options.maxCellText ?? MAX_CELL_TEXT;
    this.maxHeaderText = options.maxHeaderText ?? MAX_HEADER_TEXT;
  }

  push(text: string): void {
    if (text === "") return;
    if (!this.sawFirstChar) {
      this.sawFirstChar = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.phase === "split") {
      this.split(text);
      return;
    }
    this.held += text;
    if (this.phase === "start") this.decideHint(false);
    if (this.phase === "detect") this.detect(false);
    // Split, the held text was handed on and `held` is empty.
    if (this.held.length > this.maxHeaderText)
      throw new CsvError(
        `${this.name} has no header row in its first ${n(this.maxHeaderText)} characters (no line break outside quotes); ` +
          `KPA Tracker expects a first line such as "KPI,Date,Value": check that the file is a CSV export and that its quotes are paired.`,
      );
  }

  end(): CsvTable {
    if (this.phase === "start") this.decideHint(true);
    if (this.phase === "detect") this.detect(true);
    if (this.mode === QUOTED) throw new CsvError(`line ${this.fieldLine}: a quoted value is never closed (a " is missing).`);
    if (this.mode === SPACES) this.takeSpaces();
    if (this.mode !== FIELD_START || this.cells.length > 0) this.endRecord();
    return { header: this.header ?? [], records: this.records, delimiter: this.delimiter };
  }

  /** Excel's `sep=;` first line, as /^sep=([,;\t])[ \t]*(\r\n|\n|\r|$)/i decides it on the whole text. */
  private decideHint(atEnd: boolean): void {
    const s = this.held;
    for (let i = 0; i < 4; i++) {
      if (i >= s.length) return atEnd ? this.toDetect() : undefined;
      // Case-blind for the letters only: `| 0x20` maps just "S" and "s" to "s".
      const c = s.charCodeAt(i);
      if (i < 3 ? (c | 0x20) !== "sep".charCodeAt(i) : c !== 0x3d) return this.toDetect();
    }
    if (s.length < 5) return atEnd ? this.toDetect() : undefined;
    const d = s.charAt(4);
    if (d !== "," && d !== ";" && d !== "\t") return this.toDetect();
    let j = 5;
    while (j < s.length && (s[j] === " " || s[j] === "\t")) j++;
    if (j === s.length) return atEnd ? this.startSplit("", d, 2) : undefined;
    if (s[j] === "\n") return this.startSplit(s.slice(j + 1), d, 2);
    if (s[j] !== "\r") return this.toDetect();
    if (j + 1 === s.length) return atEnd ? this.startSplit("", d, 2) : undefined;
    this.startSplit(s.slice(s[j + 1] === "\n" ? j + 2 : j + 1), d, 2);
  }

  private toDetect(): void {
    this.phase = "detect";
  }

  /**
   * The candidate seen most often outside quotes on the first non-blank line; comma on a tie or when none is.
   * Scans `held` incrementally; splits once that line has ended (or at the end of the text).
   */
  private detect(atEnd: boolean): void {
    const s = this.held;
    let i = this.scanned;
    let done = false;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === QUOTE) {
        // A doubled quote toggles twice, so it changes nothing.
        this.detectQuoted = !this.detectQuoted;
        this.detectContent = true;
      } else if (this.detectQuoted) continue;
      else if (c === LF || c === CR) {
        if (this.detectContent) {
          done = true;
          break;
        }
        this.counts.fill(0);
      } else if (c === 0x2c) this.counts[0]++;
      else if (c === 0x3b) this.counts[1]++;
      else if (c === 0x09) this.counts[2]++;
      else if (!isSpace(c)) this.detectContent = true;
    }
    this.scanned = i;
    if (!done && !atEnd) return;
    let best = 0;
    for (let k = 1; k < 3; k++) if ((this.counts[k] as number) > (this.counts[best] as number)) best = k;
    this.startSplit(s, DELIMITERS[best] as Delimiter, 1);
  }

  private startSplit(rest: string, delimiter: Delimiter, firstLine: number): void {
    this.phase = "split";
    this.held = "";
    this.delimiter = delimiter;
    this.delimiterCode = delimiter.charCodeAt(0);
    this.line = this.start = this.fieldLine = firstLine;
    this.split(rest);
  }

  /** RFC 4180 with parseCsv's leniencies; runs of plain characters are sliced, not added one by one. */
  private split(s: string): void {
    const len = s.length;
    const delim = this.delimiterCode;
    let i = 0;
    while (i < len) {
      if (this.skipLF) {
        this.skipLF = false;
        if (s.charCodeAt(i) === LF) {
          i++;
          continue;
        }
      }
      switch (this.mode) {
        case FIELD_START: {
          const c = s.charCodeAt(i);
          this.fieldLine = this.line;
          if (c === SPACE) {
            // `a, "b, c"`: spaces before an opening quote are layout, not part of the value.
            this.mode = SPACES;
            this.spaces = 1;
            i++;
          } else if (c === QUOTE) {
            this.mode = QUOTED;
            i++;
          } else this.mode = UNQUOTED;
          break;
        }
        case SPACES: {
          const c = s.charCodeAt(i);
          if (c === SPACE) {
            this.spaces++;
            i++;
          } else if (c === QUOTE) {
            this.spaces = 0;
            this.mode = QUOTED;
            i++;
          } else this.takeSpaces();
          break;
        }
        case UNQUOTED: {
          let j = i;
          for (; j < len; j++) {
            const c = s.charCodeAt(j);
            if (c === delim || c === CR || c === LF) break;
          }
          // Lenient like spreadsheets: a quote inside an unquoted value is just a character.
          if (j > i) this.add(s.slice(i, j));
          if (j === len) return;
          if (s.charCodeAt(j) === delim) {
            this.cells.push(this.cell);
            this.cell = "";
            this.mode = FIELD_START;
          } else {
            this.skipLF = s.charCodeAt(j) === CR;
            this.endRecord();
          }
          i = j + 1;
          break;
        }
        case QUOTED: {
          let j = i;
          for (; j < len; j++) {
            const c = s.charCodeAt(j);
            if (c === QUOTE || c === CR || c === LF) break;
          }
          if (j > i) this.add(s.slice(i, j));
          if (j === len) return;
          if (s.charCodeAt(j) === QUOTE) this.mode = QUOTE_IN_QUOTED;
          else {
            this.add("\n");
            this.line++;
            this.skipLF = s.charCodeAt(j) === CR;
          }
          i = j + 1;
          break;
        }
        case QUOTE_IN_QUOTED:
          if (s.charCodeAt(i) === QUOTE) {
            this.add('"');
            this.mode = QUOTED;
            i++;
          } else this.mode = UNQUOTED; // Closed: what follows is read as it stands, `"a"b` being "ab".
          break;
      }
    }
  }

  /** Spaces not followed by a quote: they are the value's first characters. */
  private takeSpaces(): void {
    this.mode = UNQUOTED;
    const spaces = this.spaces;
    this.spaces = 0;
    this.add(" ".repeat(Math.min(spaces, this.maxCellText + 1)));
  }

  private add(text: string): void {
    this.cell += text;
    if (this.cell.length > this.maxCellText)
      throw new CsvError(
        `${this.name} has a value longer than ${n(this.maxCellText)} characters at line ${n(this.fieldLine)}; ` +
          `a cell holds up to ${n(this.maxCellText)}: shorten it (or add the " that should have closed it) and import again.`,
      );
  }

  private endRecord(): void {
    this.cells.push(this.cell);
    const cells = this.cells;
    this.cells = [];
    this.cell = "";
    this.mode = FIELD_START;
    const line = this.start;
    this.start = ++this.line;
    // Blank lines (and all-blank records such as ",,") are skipped, before the header too.
    if (!cells.some((c) => c.trim() !== "")) return;
    if (this.header === undefined) {
      this.header = cells.map((c) => c.trim());
      return;
    }
    if (this.records.length >= this.maxRows)
      throw new CsvError(
        `${this.name} has more than ${n(this.maxRows)} rows (the limit was reached at line ${n(line)}); ` +
          `KPA Tracker imports up to ${n(this.maxRows)} at a time: split the file and import each part.`,
      );
    this.records.push({ line, cells });
  }
}

/** What String.prototype.trim removes, for one UTF-16 unit (a lone surrogate half is not space). */
function isSpace(c: number): boolean {
  if (c > 0x20 && c < 0x7f) return false;
  return /\s/.test(String.fromCharCode(c));
}

/**
 * Reads CSV text (RFC 4180): quoted fields may hold delimiters, doubled quotes and line breaks. Strips a UTF-8
 * BOM, accepts CRLF, LF or CR, takes the delimiter from the header line (or from Excel's `sep=;` first line)
 * and skips blank lines. Throws CsvError for a quoted field that is never closed, and past the limits of
 * CsvParser (rows, value length, header length).
 */
export function parseCsv(text: string, options: CsvParserOptions = {}): CsvTable {
  const parser = new CsvParser(options);
  parser.push(text);
  return parser.end();
}

// --- Columns → measurement fields -------------------------------------------------------------------

export type MeasurementField = keyof MeasurementInput;
export const MEASUREMENT_FIELDS: readonly MeasurementField[] = ["kpi", "date", "value", "source", "enteredBy", "note"];
const REQUIRED: readonly MeasurementField[] = ["kpi", "date", "value"];

/** How messages name a field. */
export const FIELD_LABELS: Readonly<Record<MeasurementField, string>> = {
  kpi: "KPI",
  date: "date",
  value: "value",
  source: "source",
  enteredBy: "entered by",
  note: "note",
};

/** Header names each field takes by default, most specific first: "KPI" beats "Name" when a CSV has both. */
const COLUMN_NAMES: Readonly<Record<MeasurementField, readonly string[]>> = {
  kpi: ["KPI", "KPI Name", "Metric", "Measure", "Indicator", "Name", "Goal"],
  date: ["Date or Period", "Date", "Period", "Month", "As of"],
  value: ["Value", "Actual", "Result", "Measurement"],
  source: ["Source", "System"],
  enteredBy: ["Entered by", "User", "Agent", "Owner"],
  note: ["Note", "Notes", "Comment", "Comments"],
};

/** Case- and punctuation-blind: "Date or Period", "date_or_period" and "DATE-OR-PERIOD" are one name. */
function nameKey(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/** Column index (0-based) of each field found; kpi, date and value always. */
export type ColumnMap = Readonly<Partial<Record<MeasurementField, number>>> & {
  readonly kpi: number;
  readonly date: number;
  readonly value: number;
};

/** Field → column name, as `--map kpi=Metric,value=Score` gives them. */
export type ColumnOverrides = Readonly<Partial<Record<MeasurementField, string>>>;

/** Reads `kpi=Metric,date=Month` (one or several specs); field names are case- and punctuation-blind. */
export function parseColumnMap(specs: string | readonly string[]): ColumnOverrides {
  const out: Partial<Record<MeasurementField, string>> = {};
  const list = typeof specs === "string" ? [specs] : specs;
  for (const part of list.flatMap((s) => s.split(","))) {
    if (!part.trim()) continue;
    const eq = part.indexOf("=");
    const field = MEASUREMENT_FIELDS.find((f) => nameKey(f) === nameKey(eq < 0 ? part : part.slice(0, eq)));
    const column = eq < 0 ? "" : part.slice(eq + 1).trim();
    if (!field || !column)
      throw new CsvError(`--map ${part.trim()}: write FIELD=COLUMN, where FIELD is one of ${MEASUREMENT_FIELDS.join(", ")}.`);
    out[field] = column;
  }
  return out;
}

function listColumns(header: readonly string[]): string {
  return header.length === 0 ? "none" : header.map((h) => `"${h}"`).join(", ");
}

/**
 * Finds the column of each field: first the overrides, by header name (case-insensitive), then the default
 * names. Throws CsvError naming the CSV's headers when an override names no column or kpi, date or value is missing.
 */
export function resolveColumns(header: readonly string[], overrides: ColumnOverrides = {}, csvName = "the CSV"): ColumnMap {
  const cols: Partial<Record<MeasurementField, number>> = {};
  const taken = new Set<number>();
  for (const f of MEASUREMENT_FIELDS) {
    const wanted = overrides[f];
    if (wanted === undefined) continue;
    let at = header.findIndex((h) => h.toLowerCase() === wanted.trim().toLowerCase());
    if (at < 0) at = header.findIndex((h) => nameKey(h) === nameKey(wanted));
    if (at < 0) throw new CsvError(`--map ${f}=${wanted}: ${csvName} has no column "${wanted}" (its columns: ${listColumns(header)}).`);
    cols[f] = at;
    taken.add(at);
  }
  // "Value (%)" or "Date (UTC)" read as Value and Date when nothing matches whole.
  const keys = header.map((h) => [nameKey(h), nameKey(h.replace(/\([^)]*\)/g, " "))]);
  for (const f of MEASUREMENT_FIELDS) {
    if (cols[f] !== undefined) continue;
    for (const name of COLUMN_NAMES[f]) {
      const at = keys.findIndex((k, i) => !taken.has(i) && k.includes(nameKey(name)));
      if (at < 0) continue;
      cols[f] = at;
      taken.add(at);
      break;
    }
  }
  const missing = REQUIRED.filter((f) => cols[f] === undefined);
  if (missing.length > 0) {
    const what = missing.map((f) => FIELD_LABELS[f]);
    const names = what.length === 1 ? what[0] : `${what.slice(0, -1).join(", ")} and ${what[what.length - 1]}`;
    throw new CsvError(
      `${csvName} has no ${names} column (its columns: ${listColumns(header)}). ` +
        `Say which column holds ${missing.length === 1 ? "it" : "them"} with --map ${missing.map((f) => `${f}=COLUMN`).join(",")}.`,
    );
  }
  return cols as ColumnMap;
}

export interface CsvIssue {
  readonly line: number;
  /** The CSV column the issue is about, as its header names it. */
  readonly column?: string;
  readonly message: string;
}

export interface CsvMeasurements {
  readonly inputs: readonly MeasurementInput[];
  /** The CSV line of each input. */
  readonly lines: readonly number[];
  /** Records that cannot become an input at all (wrong number of cells). */
  readonly issues: readonly CsvIssue[];
}

/**
 * The records as measurements. A record whose cell count differs from the header's is an issue for its line.
 * An empty or missing source becomes `defaultSource`, so the log always says where a value came from.
 */
export function csvMeasurements(table: CsvTable, cols: ColumnMap, defaultSource?: string): CsvMeasurements {
  const inputs: MeasurementInput[] = [];
  const lines: number[] = [];
  const issues: CsvIssue[] = [];
  const width = table.header.length;
  const shown = table.delimiter === "\t" ? "tab" : `"${table.delimiter}"`;
  for (const r of table.records) {
    // Strict: extra cells, even empty ones, usually mean an unquoted delimiter shifted the row ("$1,200,").
    if (r.cells.length !== width) {
      issues.push({
        line: r.line,
        message:
          `it has ${r.cells.length} values but the header has ${width} columns` +
          (r.cells.length > width ? ` (a value holding a ${shown} must be in double quotes)` : ""),
      });
      continue;
    }
    const cell = (f: MeasurementField): string | undefined => {
      const at = cols[f];
      return at === undefined ? undefined : (r.cells[at] ?? "").trim() || undefined;
    };
    inputs.push({
      kpi: cell("kpi") ?? "",
      date: cell("date") ?? "",
      value: cell("value") ?? "",
      source: cell("source") ?? (defaultSource?.trim() || undefined),
      enteredBy: cell("enteredBy"),
      note: cell("note"),
    });
    lines.push(r.line);
  }
  return { inputs, lines, issues };
}
