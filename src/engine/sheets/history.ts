// The "KPA History" sheet: one snapshot of every row per evaluation, appended, never rewritten.
import { isDateFormat, isoFromSerial } from "../dates";
import { type CellValue, SheetView, type WorkbookGrid } from "../grid";
import type { Evaluation, RowResult, StatusChange } from "../model";
import { STATUSES, type Status } from "../status";
import type { AppendPlan, PlanValue } from "../write-plan";
import { PRINTED_FOOTER, printSetup } from "./builder";
import { LINE_POINTS, displayText, mayOverflow, textWidth, wrappedLines } from "./measure";

export const HISTORY_HEADERS = ["Evaluated at", "As of", "Key", "Sheet", "Name", "Status", "Actual", "Progress"] as const;
const WIDTHS = [25, 11, 30, 16, 30, 13, 12, 10];
const KEY = HISTORY_HEADERS.indexOf("Key");
/** The widest a column grows to fit what it holds; longer text wraps. */
const MAX_WIDTH = 60;
/** The columns of free text, which wrap when longer than their width. */
const WRAPPED: ReadonlySet<string> = new Set(["Sheet", "Name", "Actual"]);
// Timestamps are UTC: the format says so, since a cell holds no time zone.
const EVALUATED_AT_FORMAT = 'yyyy-mm-dd hh:mm:ss "UTC"';
const TAB_COLOR = "#7030A0";

interface SnapshotRow {
  readonly status: Status;
  readonly actual: string;
}

interface Snapshot {
  readonly evaluatedAt: string;
  readonly asOf: string;
  readonly rows: ReadonlyMap<string, SnapshotRow>;
}

export interface HistoryPlan {
  /** Undefined when the latest snapshot already says the same for the same as-of date. */
  readonly append?: AppendPlan;
  /** As-of date of the snapshot compared with; undefined on the first evaluation. */
  readonly since?: string;
  readonly changes: readonly StatusChange[];
}

const isStatus = (s: string): s is Status => (STATUSES as readonly string[]).includes(s);

function cellText(v: CellValue, format: string): string {
  if (v === null) return "";
  // Read back as written: "Evaluated at" is a date and time (a timestamp as text before), "As of" a date.
  if (v instanceof Date) return isoFromSerial(v.getTime() / 86400000 + 25569);
  // A date can arrive as a serial number with a date format, as Excel itself stores it.
  if (typeof v === "number" && isDateFormat(format)) return isoFromSerial(v);
  if (typeof v === "object") return v.error;
  return String(v).trim();
}

/** Snapshots on the history sheet, oldest first; rows that do not read as one are skipped. */
export function readHistory(wb: WorkbookGrid, sheet: string | undefined): { snapshots: Snapshot[]; nextRow: number } {
  const grid = sheet ? wb.sheets.find((s) => s.name === sheet) : undefined;
  if (!grid) return { snapshots: [], nextRow: 1 };
  const view = new SheetView(grid);
  // Read where we append (HISTORY_HEADERS from column A), not where row 1's words say: a header someone typed over
  // ours would otherwise hide every snapshot, and each run would append another.
  const at = (name: (typeof HISTORY_HEADERS)[number]) => HISTORY_HEADERS.indexOf(name);
  const snapshots: Snapshot[] = [];
  let current: { evaluatedAt: string; asOf: string; rows: Map<string, SnapshotRow> } | undefined;
  let last = 0;
  for (let r = 1; r <= view.bottom; r++) {
    const get = (name: (typeof HISTORY_HEADERS)[number]) => {
      const c = at(name);
      return cellText(view.value(r, c), view.format(r, c));
    };
    const key = get("Key");
    const status = get("Status");
    if (!key && !status && !get("Evaluated at")) continue;
    last = r;
    if (!key || !isStatus(status)) continue;
    const evaluatedAt = get("Evaluated at");
    const asOf = get("As of");
    if (!current || current.evaluatedAt !== evaluatedAt || current.asOf !== asOf) {
      current = { evaluatedAt, asOf, rows: new Map() };
      snapshots.push(current);
    }
    current.rows.set(key, { status, actual: get("Actual") });
  }
  return { snapshots, nextRow: Math.max(1, last + 1) };
}

function sameAs(s: Snapshot, asOf: string, now: ReadonlyMap<string, SnapshotRow>): boolean {
  if (s.asOf !== asOf || s.rows.size !== now.size) return false;
  for (const [k, v] of now) {
    const o = s.rows.get(k);
    if (!o || o.status !== v.status || o.actual !== v.actual) return false;
  }
  return true;
}

function changesBetween(prev: Snapshot, rows: readonly RowResult[]): StatusChange[] {
  const out: StatusChange[] = [];
  for (const r of rows) {
    const before = prev.rows.get(r.key);
    if (!before || before.status === r.status) continue;
    const kind = r.status === "Met" ? "recovered" : r.status === "Off Track" || r.status === "Overdue" ? "worse" : undefined;
    if (kind) out.push({ key: r.key, name: r.name, sheet: r.sheet, cell: r.cell, from: before.status, to: r.status, kind });
  }
  // Worse first, then in sheet order.
  return out.sort((a, b) => Number(a.kind === "recovered") - Number(b.kind === "recovered"));
}

/**
 * Plans this evaluation's snapshot and compares it with the previous evaluation. Re-running an evaluation that
 * changes nothing appends nothing, and compares with the same earlier snapshot as before, so the summary stays put.
 */
export function planHistory(wb: WorkbookGrid, ev: Evaluation, sheet: string, exists: boolean, evaluatedAt: string): HistoryPlan {
  const { snapshots, nextRow } = readHistory(wb, exists ? sheet : undefined);
  const now = new Map(ev.rows.map((r) => [r.key, { status: r.status, actual: r.actual ?? "" }]));
  const latest = snapshots[snapshots.length - 1];
  const unchanged = latest !== undefined && sameAs(latest, ev.asOf, now);
  const previous = unchanged ? snapshots[snapshots.length - 2] : latest;
  const changes = previous ? changesBetween(previous, ev.rows) : [];
  if (unchanged) return { since: previous?.asOf, changes };
  const asOf = { date: ev.asOf };
  const at = { date: evaluatedAt };
  const values: PlanValue[][] = ev.rows.map((r) => [
    at,
    asOf,
    r.key,
    r.sheet,
    r.name,
    r.status,
    r.actual ?? null,
    r.progress === undefined ? null : Math.round(r.progress * 10000) / 10000,
  ]);
  // One read-only row of formats for every row: a copy per row was megabytes on a big workbook.
  const formatRow: readonly (string | null)[] = [EVALUATED_AT_FORMAT, "yyyy-mm-dd", null, null, null, null, null, "0%"];
  const formats = ev.rows.map(() => formatRow);
  // A new sheet's columns fit its first snapshot (names repeat from one evaluation to the next); longer text wraps.
  const widths = exists
    ? WIDTHS
    : WIDTHS.map((w, c) => Math.max(w, ...values.slice(0, 5000).map((row) => fit(row[c] ?? null, formatRow[c]))));
  const wrapped = HISTORY_HEADERS.flatMap((h, c) => (WRAPPED.has(h) ? [c] : []));
  // Wrapped where any text may be wider than its column, measured as widely as it may print; most text is told
  // apart by its length alone.
  let overflows = false;
  const rowPoints = values.map((row) => {
    let lines = 1;
    for (const c of wrapped) {
      const v = row[c];
      const width = widths[c] ?? MAX_WIDTH;
      if (typeof v !== "string" || mayOverflow(v, width) <= width) continue;
      overflows = true;
      lines = Math.max(lines, wrappedLines(v, width));
    }
    return lines > 1 ? lines * LINE_POINTS : null;
  });
  return {
    since: previous?.asOf,
    changes,
    append: {
      sheet,
      create: exists
        ? undefined
        : {
            header: [...HISTORY_HEADERS],
            columnWidths: widths,
            // The key is how the next evaluation finds a row again; people read the sheet and name beside it.
            hiddenColumns: [KEY],
            tabColor: TAB_COLOR,
            freezeRows: 1,
            print: printSetup(widths, [KEY], 1, PRINTED_FOOTER),
            role: "history",
          },
      row: exists ? nextRow : 1,
      values,
      numberFormats: formats,
      ...(overflows ? { wrap: HISTORY_HEADERS.map((_, c) => wrapped.includes(c)), rowPoints } : {}),
    },
  };
}

/** The width a value needs, in characters, up to MAX_WIDTH. */
function fit(v: PlanValue, format: string | null | undefined): number {
  return v === null ? 0 : Math.min(MAX_WIDTH, Math.ceil(textWidth(displayText(v, format ?? undefined)) + 1));
}
