// CSV exports (a CRM's, a helpdesk's) read as measurements for the log. Pure: the caller reads the file.
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

/**
 * Reads CSV text (RFC 4180): quoted fields may hold delimiters, doubled quotes and line breaks. Strips a UTF-8
 * BOM, accepts CRLF, LF or CR, takes the delimiter from the header line (or from Excel's `sep=;` first line)
 * and skips blank lines. Throws CsvError for a quoted field that is never closed.
 */
export function parseCsv(text: string): CsvTable {
  let s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let firstLine = 1;
  let delimiter: Delimiter;
  const hint = /^sep=([,;\t])[ \t]*(\r\n|\n|\r|$)/i.exec(s);
  if (hint) {
    delimiter = hint[1] as Delimiter;
    s = s.slice(hint[0].length);
    firstLine = 2;
  } else delimiter = detectDelimiter(s);
  const [head, ...records] = splitRecords(s, delimiter, firstLine).filter((r) => r.cells.some((c) => c.trim() !== ""));
  return { header: head ? head.cells.map((c) => c.trim()) : [], records, delimiter };
}

/** The candidate seen most often outside quotes on the first non-blank line; comma on a tie or when none is. */
function detectDelimiter(s: string): Delimiter {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  let content = false;
  for (const c of s) {
    if (c === '"') {
      // A doubled quote toggles twice, so it changes nothing.
      quoted = !quoted;
      content = true;
    } else if (quoted) continue;
    else if (c === "\n" || c === "\r") {
      if (content) break;
      for (const d of DELIMITERS) counts.set(d, 0);
    } else if (counts.has(c)) counts.set(c, (counts.get(c) as number) + 1);
    else if (c.trim() !== "") content = true;
  }
  let best: Delimiter = ",";
  for (const d of DELIMITERS) if ((counts.get(d) as number) > (counts.get(best) as number)) best = d;
  return best;
}

function splitRecords(s: string, delimiter: string, firstLine: number): CsvRecord[] {
  const out: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let line = firstLine;
  let start = firstLine;
  let fieldStart = true;
  let i = 0;
  while (i < s.length) {
    const ch = s[i] as string;
    if (fieldStart && ch === " ") {
      // `a, "b, c"`: spaces before an opening quote are layout, not part of the value.
      let j = i;
      while (s[j] === " ") j++;
      if (s[j] === '"') i = j;
    }
    if (fieldStart && s[i] === '"') {
      const opened = line;
      i++;
      for (;;) {
        if (i >= s.length) throw new CsvError(`line ${opened}: a quoted value is never closed (a " is missing).`);
        const c = s[i] as string;
        if (c === '"') {
          if (s[i + 1] !== '"') break;
          cell += '"';
          i += 2;
        } else if (c === "\r" || c === "\n") {
          cell += "\n";
          line++;
          i += c === "\r" && s[i + 1] === "\n" ? 2 : 1;
        } else {
          cell += c;
          i++;
        }
      }
      i++;
      fieldStart = false;
      continue;
    }
    if (ch === delimiter) {
      cells.push(cell);
      cell = "";
      fieldStart = true;
      i++;
    } else if (ch === "\r" || ch === "\n") {
      cells.push(cell);
      out.push({ line: start, cells });
      cells = [];
      cell = "";
      fieldStart = true;
      i += ch === "\r" && s[i + 1] === "\n" ? 2 : 1;
      start = ++line;
    } else {
      // Lenient like spreadsheets: a quote inside an unquoted value is just a character.
      cell += ch;
      fieldStart = false;
      i++;
    }
  }
  if (!fieldStart || cell !== "" || cells.length > 0) {
    cells.push(cell);
    out.push({ line: start, cells });
  }
  return out;
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
