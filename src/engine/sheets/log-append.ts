// Appending measurements to the "KPA Data" log: typed in the pane or imported from a CSV. Rows only ever go
// below what the log holds; a measurement it already has is skipped.
import { cellAddress, uniqueSheetName } from "../address";
import { type DateOrder, type DateRules, type Day, isoDate, parseIsoDate } from "../dates";
import { SheetView, type WorkbookGrid } from "../grid";
import { LOG_HEADERS, LOG_SHEET, LOG_TAB_COLOR, LOG_WIDTHS, type LogField, isLogName, normKpi, readLog, readPeriod } from "../log";
import { type DurationDisplay, HOURS_PER, type Reading, durationFormat, moneyFormat, parseQuantity } from "../values";
import type { AppendPlan, PlanValue } from "../write-plan";
import { PRINTED_FOOTER, printSetup } from "./builder";

/** One measurement to add, as typed or imported: strings are read the way a cell's text would be. */
export interface MeasurementInput {
  readonly kpi: string;
  readonly date: string;
  readonly value: string | number;
  readonly source?: string;
  readonly enteredBy?: string;
  readonly note?: string;
}

export interface MeasurementIssue {
  /** Index into the inputs. */
  readonly index: number;
  readonly field: "kpi" | "date" | "value";
  readonly message: string;
}

export interface MeasurementPlan {
  /** Undefined when every input is already in the log. */
  readonly append?: AppendPlan;
  /** Inputs added, in order. */
  readonly added: readonly number[];
  /** Inputs skipped because the log already holds the same KPI, date, value and source. */
  readonly duplicates: readonly number[];
  /** For each duplicate the log already held, where its row is (the KPI cell). */
  readonly alreadyAt: readonly { readonly index: number; readonly sheet: string; readonly cell: string }[];
  /** Inputs that cannot be used; when any, nothing is appended. */
  readonly issues: readonly MeasurementIssue[];
  /** Where the first appended row lands, e.g. { sheet: "KPA Data", cell: "A12" }. */
  readonly at?: { readonly sheet: string; readonly cell: string };
}

interface ParsedInput {
  kpi: string;
  day: Day;
  dateCell: PlanValue;
  valueCell: PlanValue;
  valueKey: string;
  format?: string;
}

function parseInput(m: MeasurementInput, index: number, order: DateOrder | DateRules, issues: MeasurementIssue[]): ParsedInput | undefined {
  const kpi = m.kpi.trim();
  if (!kpi) issues.push({ index, field: "kpi", message: "the KPI is empty" });
  const dateText = m.date.trim();
  const day = parseIsoDate(dateText) ?? readPeriod(dateText, "General", order);
  if (day === undefined)
    issues.push({
      index,
      field: "date",
      message: dateText ? `"${dateText}" is not a date or period (write 2050-09-30, Sep 2050 or Q3 2050)` : "the date or period is empty",
    });
  const value = typeof m.value === "number" ? { kind: "number" as const, n: m.value } : readValueText(m.value);
  if (!value) issues.push({ index, field: "value", message: `"${String(m.value).trim()}" is not a value (write 84%, 3.5 hours or 1200)` });
  if (!kpi || day === undefined || !value) return undefined;
  // A full date is written as a date; a period as the text people wrote, so "Q3 2050" stays readable.
  const dateCell: PlanValue =
    parseIsoDate(dateText) !== undefined || /\d{1,2}\D+\d{1,2}\D+\d{4}|\d{4}\D\d{1,2}\D\d{1,2}/.test(dateText)
      ? { date: isoDate(day) }
      : dateText;
  if (value.kind === "number") return { kpi, day, dateCell, valueCell: value.n, valueKey: String(value.n) };
  if (value.kind === "percent") return { kpi, day, dateCell, valueCell: round9(value.n / 100), valueKey: `${value.n}%`, format: "0.0%" };
  if (value.kind === "money")
    return {
      kpi,
      day,
      dateCell,
      valueCell: value.n,
      valueKey: moneyKey(value.n, value.currency),
      format: moneyFormat(value.currency, value.n),
    };
  // A duration is a number in the unit it was given, formatted with that unit, so it sorts, sums and reads as one.
  if (value.kind === "duration")
    return {
      kpi,
      day,
      dateCell,
      valueCell: round9(value.hours / HOURS_PER[value.display]),
      valueKey: durationKey(value.hours),
      format: durationFormat(value.display),
    };
  return { kpi, day, dateCell, valueCell: value.text, valueKey: value.text.toLowerCase() };
}

function readValueText(
  raw: string,
):
  | { kind: "number"; n: number }
  | { kind: "percent"; n: number }
  | { kind: "duration"; hours: number; display: DurationDisplay }
  | { kind: "money"; n: number; currency: string }
  | { kind: "text"; text: string }
  | undefined {
  const text = raw.trim();
  if (!text) return undefined;
  const q = parseQuantity(text);
  if (q?.q.unit === "number") return { kind: "number", n: q.q.value };
  if (q?.q.unit === "percent") return { kind: "percent", n: q.q.value };
  if (q?.q.unit === "hours" && !q.q.per && !q.q.growth) return { kind: "duration", hours: q.q.value, display: q.q.display ?? "h" };
  // Money in a currency a number format can show ($, €, £, ¥, R), not a rate or a growth: a number in that format.
  if (q?.q.unit === "currency" && q.q.currency && /^(?:[$€£¥]|R)$/.test(q.q.currency) && !q.q.per && !q.q.growth)
    return { kind: "money", n: q.q.value, currency: q.q.currency };
  if (q) return { kind: "text", text };
  // Words such as "Yes" or "Launched" are values for categorical targets.
  return /^[A-Za-z][A-Za-z ]{0,30}$/.test(text) ? { kind: "text", text } : undefined;
}

function round9(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}

function entryKey(kpi: string, day: Day, valueKey: string, source: string | undefined): string {
  return [normKpi(kpi), day, valueKey, (source ?? "").trim().toLowerCase()].join("|");
}

/** A duration as the log compares it, whether typed as text ("3.8 hours") or written as a number in a unit format. */
function durationKey(hours: number): string {
  return `${round9(hours)}h`;
}

/** Money as the log compares it, typed as text ("$1,200") or written as a number in a currency format. */
function moneyKey(value: number, currency: string): string {
  return `${currency}${round9(value)}`;
}

function readingKey(r: Reading): string {
  if (r.kind === "quantity") {
    if (r.q.unit === "hours" && !r.q.per && !r.q.growth) return durationKey(r.q.value);
    if (r.q.unit === "currency" && r.q.currency && !r.q.per && !r.q.growth) return moneyKey(r.q.value, r.q.currency);
    return r.q.unit === "percent" ? `${round9(r.q.value)}%` : r.q.unit === "number" ? String(r.q.value) : r.raw.toLowerCase();
  }
  if (r.kind === "text") return r.text.toLowerCase();
  if (r.kind === "bool") return r.raw.toLowerCase();
  return "";
}

/**
 * Plans adding measurements to the log. All or nothing: any unusable input means no append at all.
 * A measurement the log already holds (same KPI, date, value and source) is skipped, so importing twice adds nothing.
 */
export function planMeasurements(
  wb: WorkbookGrid,
  inputs: readonly MeasurementInput[],
  order: DateOrder | DateRules = "mdy",
): MeasurementPlan {
  const issues: MeasurementIssue[] = [];
  const parsed = inputs.map((m, i) => parseInput(m, i, order, issues));
  if (issues.length > 0) return { added: [], duplicates: [], alreadyAt: [], issues };
  const log = readLog(wb, order);
  // Where each measurement already is; undefined for one added earlier in this same batch.
  const seen = new Map<string, { sheet: string; cell: string } | undefined>();
  for (const e of log.entries) {
    seen.set(entryKey(e.kpi, e.day, readingKey(e.value), e.source), { sheet: e.sheet, cell: e.kpiCell });
  }
  const alreadyAt: { index: number; sheet: string; cell: string }[] = [];
  const table = log.tables[0];
  const added: number[] = [];
  const duplicates: number[] = [];
  const rows: PlanValue[][] = [];
  const formats: (string | null)[][] = [];
  const existing = table ? undefined : wb.sheets.find((s) => isLogName(s.name) && new SheetView(s).isBlankSheet());
  const cols: Record<LogField, number> = { ...DEFAULT_COLS, ...(table?.cols ?? {}) };
  const width = Math.max(...Object.values(table?.cols ?? DEFAULT_COLS)) + 1;
  parsed.forEach((p, i) => {
    const m = inputs[i] as MeasurementInput;
    const { kpi, day, dateCell, valueCell, valueKey, format } = p as ParsedInput;
    const key = entryKey(kpi, day, valueKey, m.source);
    if (seen.has(key)) {
      duplicates.push(i);
      const at = seen.get(key);
      if (at) alreadyAt.push({ index: i, ...at });
      return;
    }
    seen.set(key, undefined);
    added.push(i);
    const row: PlanValue[] = new Array(width).fill(null);
    const fmt: (string | null)[] = new Array(width).fill(null);
    const put = (f: LogField, v: PlanValue | undefined, numberFormat?: string) => {
      if (table && table.cols[f] === undefined) return;
      if (v === undefined || v === "") return;
      row[cols[f]] = v;
      if (numberFormat) fmt[cols[f]] = numberFormat;
    };
    put("kpi", kpi);
    put("date", dateCell, typeof dateCell === "object" ? "yyyy-mm-dd" : undefined);
    put("value", valueCell, format);
    put("source", m.source?.trim());
    put("enteredBy", m.enteredBy?.trim());
    put("note", m.note?.trim());
    rows.push(row);
    formats.push(fmt);
  });
  if (rows.length === 0) return { added, duplicates, alreadyAt, issues };
  const setup = {
    header: [...LOG_HEADERS],
    columnWidths: [...LOG_WIDTHS],
    tabColor: LOG_TAB_COLOR,
    freezeRows: 1,
    print: printSetup(LOG_WIDTHS, [], 1, PRINTED_FOOTER),
  };
  if (table) return planned(table.sheet, table.nextRow, table.cols.kpi, rows, formats);
  if (existing) {
    // An empty "KPA Data" sheet someone made: give it the header, then the rows.
    const header: PlanValue[] = [...LOG_HEADERS];
    return planned(existing.name, 0, 0, [header, ...rows], [header.map(() => null), ...formats], 1);
  }
  return planned(
    uniqueSheetName(
      LOG_SHEET,
      wb.sheets.map((s) => s.name),
    ),
    1,
    0,
    rows,
    formats,
    0,
    setup,
  );

  function planned(
    sheet: string,
    row: number,
    kpiCol: number,
    values: PlanValue[][],
    numberFormats: (string | null)[][],
    skip = 0,
    create?: AppendPlan["create"],
  ): MeasurementPlan {
    return {
      added,
      duplicates,
      alreadyAt,
      issues,
      at: { sheet, cell: cellAddress(row + skip, kpiCol) },
      append: { sheet, create, row, values, numberFormats },
    };
  }
}

const DEFAULT_COLS: Record<LogField, number> = { kpi: 0, date: 1, value: 2, source: 3, enteredBy: 4, note: 5 };
