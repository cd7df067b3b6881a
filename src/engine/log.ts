// The measurement log ("KPA Data"): dated values for KPIs, typed by people or imported from other systems.
// It belongs to the user: we read it, and only ever append rows below what it holds.
import { cellAddress } from "./address";
import { type DateOrder, type DateRules, type Day, isoDate, longDate, monthEnd, parseDateText } from "./dates";
import { SheetView, type SheetGrid, type WorkbookGrid } from "./grid";
import { headerKey } from "./headers";
import { acronyms, significantWords } from "./kpi-names";
import { type Problem, problem } from "./problems";
import { type Reading, readCell } from "./values";

export const LOG_SHEET = "KPA Data";
export const LOG_HEADERS = ["KPI", "Date or Period", "Value", "Source", "Entered by", "Note"] as const;
export const LOG_WIDTHS = [36, 16, 12, 24, 20, 40] as const;
export const LOG_TAB_COLOR = "#548235";

export type LogField = "kpi" | "date" | "value" | "source" | "enteredBy" | "note";

const LOG_SYNONYMS: Record<LogField, readonly string[]> = {
  kpi: ["kpi", "kpa", "kpi name", "metric", "measure", "indicator", "element", "goal", "kpi or goal"],
  date: ["date or period", "date", "period", "as of", "month", "quarter", "measured on", "date measured"],
  value: ["value", "measurement", "measured value", "result", "actual", "reading"],
  source: ["source", "data source", "system", "from"],
  enteredBy: ["entered by", "recorded by", "by", "user", "who"],
  note: ["note", "notes", "comment", "comments", "remarks"],
};
const LOOKUP = new Map<string, LogField>();
for (const [f, words] of Object.entries(LOG_SYNONYMS) as [LogField, readonly string[]][])
  for (const w of words) LOOKUP.set(headerKey(w), f);

export interface LogEntry {
  readonly sheet: string;
  /** 0-based sheet row. */
  readonly row: number;
  readonly kpi: string;
  readonly day: Day;
  /** The date or period as written, e.g. "Q3 2050" or "2050-09-30". */
  readonly period: string;
  readonly value: Reading;
  /** Address of the Value cell. */
  readonly valueCell: string;
  /** Address of the KPI cell: where the row is pointed at. */
  readonly kpiCell: string;
  readonly source?: string;
  readonly enteredBy?: string;
}

export interface LogTable {
  readonly sheet: string;
  readonly headerRow: number;
  readonly cols: Readonly<Partial<Record<LogField, number>>> & { readonly kpi: number; readonly date: number; readonly value: number };
  /** First empty row below the log: where appended rows go. */
  readonly nextRow: number;
}

export interface MeasurementLog {
  readonly tables: readonly LogTable[];
  readonly entries: readonly LogEntry[];
  readonly problems: readonly Problem[];
}

/** A log header row: KPI, Date (or Period) and Value, within the first rows of a sheet. */
function findLogTable(grid: SheetGrid): LogTable | undefined {
  const view = new SheetView(grid);
  for (let r = view.top; r <= Math.min(view.bottom, view.top + 9); r++) {
    const cols: Partial<Record<LogField, number>> = {};
    for (let c = view.left; c <= view.right; c++) {
      const f = LOOKUP.get(headerKey(view.text(r, c)));
      if (f && cols[f] === undefined) cols[f] = c;
    }
    if (cols.kpi === undefined || cols.date === undefined || cols.value === undefined) continue;
    // A goals table has Goal and Actual but also Target: that is not a log.
    if (rowHas(view, r, /^(target|timeline|owner|baseline)$/i)) continue;
    let last = r;
    for (let x = r + 1; x <= view.bottom; x++) if (!view.isEmpty(x, cols.kpi) || !view.isEmpty(x, cols.value)) last = x;
    return { sheet: grid.name, headerRow: r, cols: cols as LogTable["cols"], nextRow: last + 1 };
  }
  return undefined;
}

function rowHas(view: SheetView, r: number, re: RegExp): boolean {
  for (let c = view.left; c <= view.right; c++) if (re.test(view.text(r, c).trim())) return true;
  return false;
}

/** Sheets holding a measurement log: "KPA Data" first, then any other sheet whose header row reads like one. */
export function findLogTables(wb: WorkbookGrid, skip: (sheet: string) => boolean = () => false): LogTable[] {
  const out: LogTable[] = [];
  const ordered = [...wb.sheets].sort((a, b) => Number(!isLogName(a.name)) - Number(!isLogName(b.name)));
  for (const s of ordered) {
    if (skip(s.name)) continue;
    const t = findLogTable(s);
    if (t) out.push(t);
  }
  return out;
}

export function isLogName(name: string): boolean {
  return name.trim().toLowerCase() === LOG_SHEET.toLowerCase();
}

/** Reads a log's date or period cell: a date, "Q3 2050", "Sep 2050", "2050-09" or a year. */
export function readPeriod(value: unknown, format: string, rules: DateOrder | DateRules): Day | undefined {
  const r = readCell(value as never, format, rules);
  if (r.kind === "date") return r.day;
  if (r.kind === "quantity" && r.q.unit === "number" && Number.isInteger(r.q.value) && r.q.value >= 1900 && r.q.value <= 9999)
    return monthEnd(r.q.value, 12);
  if (typeof value !== "string") return undefined;
  const m = /^\s*(\d{4})-(\d{1,2})\s*$/.exec(value);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return monthEnd(Number(m[1]), Number(m[2]));
  return parseDateText(value, rules)?.day;
}

export function readLog(wb: WorkbookGrid, rules: DateOrder | DateRules, skip?: (sheet: string) => boolean): MeasurementLog {
  const tables = findLogTables(wb, skip);
  const entries: LogEntry[] = [];
  const problems: Problem[] = [];
  for (const t of tables) {
    const view = new SheetView(wb.sheets.find((s) => s.name === t.sheet) as SheetGrid);
    for (let r = t.headerRow + 1; r < t.nextRow; r++) {
      const kpi = view.text(r, t.cols.kpi).trim();
      const valueCell = cellAddress(r, t.cols.value);
      const value = readCell(view.value(r, t.cols.value), view.format(r, t.cols.value), rules);
      if (!kpi && value.kind === "none") continue;
      if (!kpi) {
        problems.push(problem("logNoKpi", "warning", t.sheet, cellAddress(r, t.cols.kpi), { row: r + 1 }));
        continue;
      }
      if (value.kind === "none") {
        if (value.why !== "marker") problems.push(problem("logNoValue", "warning", t.sheet, valueCell, { kpi }));
        continue;
      }
      const day = readPeriod(view.value(r, t.cols.date), view.format(r, t.cols.date), rules);
      if (day === undefined) {
        problems.push(
          problem("logDateNotUnderstood", "warning", t.sheet, cellAddress(r, t.cols.date), { kpi, text: view.text(r, t.cols.date) }),
        );
        continue;
      }
      const text = (f: LogField) => (t.cols[f] === undefined ? undefined : view.text(r, t.cols[f] as number).trim() || undefined);
      entries.push({
        sheet: t.sheet,
        row: r,
        kpi,
        day,
        period: view.text(r, t.cols.date) || isoDate(day),
        value,
        valueCell,
        kpiCell: cellAddress(r, t.cols.kpi),
        source: text("source"),
        enteredBy: text("enteredBy"),
      });
    }
  }
  return { tables, entries, problems };
}

// --- Matching log KPIs to table rows -----------------------------------------------------------------

export function normKpi(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Log entries by KPI, each list oldest first; `for(name)` finds the entries that measure a row. */
export class LogIndex {
  private readonly byKpi = new Map<string, LogEntry[]>();
  // Each log KPI's acronyms and meaningful words, worked out once rather than once per table row.
  private readonly features = new Map<string, { acronyms: Set<string>; words: Set<string> }>();
  private readonly used = new Set<string>();

  constructor(readonly log: MeasurementLog) {
    for (const e of log.entries) {
      const k = normKpi(e.kpi);
      const list = this.byKpi.get(k) ?? [];
      list.push(e);
      this.byKpi.set(k, list);
      if (!this.features.has(k)) this.features.set(k, { acronyms: acronyms(e.kpi), words: significantWords(e.kpi) });
    }
    for (const list of this.byKpi.values()) list.sort((a, b) => a.day - b.day || a.row - b.row);
  }

  /**
   * The entries for a row named `name`: the log KPI that is the same name, else the longest one the name
   * contains as whole words ("Improve CSAT" ⊃ "CSAT"), else the only one sharing its acronym, else the only one
   * whose meaningful words are all among the row's (or the other way round).
   */
  for(name: string): readonly LogEntry[] {
    if (this.byKpi.size === 0) return []; // most workbooks keep no log: no name to match, row after row
    const n = normKpi(name);
    let key: string | undefined = this.byKpi.has(n) ? n : undefined;
    if (!key) {
      const padded = ` ${n} `;
      for (const k of this.byKpi.keys()) if (k && padded.includes(` ${k} `) && (!key || k.length > key.length)) key = k;
    }
    const all = [...this.features];
    if (!key) {
      const mine = acronyms(name);
      key = only(all.filter(([, f]) => [...f.acronyms].some((a) => mine.has(a))));
    }
    if (!key) {
      // "Improve Retention Rate" and "Customer Retention Rate" share every word that carries meaning.
      const mine = significantWords(name);
      key = only(
        all.filter(([, f]) => {
          const [small, big] = f.words.size <= mine.size ? [f.words, mine] : [mine, f.words];
          return small.size > 0 && [...small].every((w) => big.has(w));
        }),
      );
    }
    if (!key) return [];
    this.used.add(key);
    return this.byKpi.get(key) ?? [];
  }

  /** One warning per log KPI that no table row asked for: most likely a typo. */
  unmatched(): Problem[] {
    const out: Problem[] = [];
    for (const [k, list] of this.byKpi) {
      if (this.used.has(k)) continue;
      const first = list.reduce((a, b) => (a.row <= b.row ? a : b));
      out.push(problem("logKpiUnknown", "warning", first.sheet, first.kpiCell, { kpi: first.kpi }));
    }
    return out;
  }
}

function only<T>(hits: readonly (readonly [string, T])[]): string | undefined {
  return hits.length === 1 ? hits[0]?.[0] : undefined;
}

/** "Helpdesk export, Sep 30, 2050" */
export function describeEntry(e: LogEntry): string {
  return `${e.source ? `${e.source}, ` : ""}${longDate(e.day)}`;
}

/** Where a name a measurement can be recorded against comes from: a goal, a KPI, a KPA element, or only the log. */
export type KpiGroup = "goal" | "kpi" | "element" | "logged";

export interface KpiChoice {
  readonly name: string;
  readonly group: KpiGroup;
}

const GROUP_OF_KIND: Readonly<Record<string, KpiGroup>> = { goals: "goal", kpi: "kpi", kpa: "element" };

/**
 * What a measurement can be recorded against, by group: goals, KPIs, KPA elements, then names found only in the
 * log (a KPI measured before any table named it). Each name once, in its first group; "Row 7" placeholders left out.
 */
export function kpiChoices(
  rows: readonly { readonly kind: string; readonly name: string }[],
  logged: readonly LogEntry[] = [],
): KpiChoice[] {
  const seen = new Set<string>();
  const out: KpiChoice[] = [];
  const add = (name: string, group: KpiGroup) => {
    const key = normKpi(name);
    if (!key || seen.has(key) || /^row \d+$/.test(key)) return;
    seen.add(key);
    out.push({ name, group });
  };
  for (const group of ["goal", "kpi", "element"] as const) for (const r of rows) if (GROUP_OF_KIND[r.kind] === group) add(r.name, group);
  for (const e of logged) add(e.kpi, "logged");
  return out;
}
