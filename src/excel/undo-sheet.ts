// The undo record of the latest evaluation, kept in a very hidden sheet so it survives closing the pane:
// a manifest in columns A:D, and copies of every cell the evaluation overwrote from column F on.
import { type Rect, NAME_PREFIX, type ChartPlan, type PrintSetup, type ValidationPlan, columnIndex, columnLetters } from "../engine";

export const UNDO_SHEET = `${NAME_PREFIX}Undo`;
/** First column of the cell copies. */
export const COPY_COLUMN = 5;
/** Names of the charts we draw on our sheets: only these are deleted and redrawn, a user's own chart stays. */
export const CHART_PREFIX = `${NAME_PREFIX}Chart_`;

/** The name of a sheet's i-th chart (0-based) as we draw it. */
export function chartName(i: number): string {
  return `${CHART_PREFIX}${i + 1}`;
}

/** Sheets whose names carry our prefix are ours alone and never evaluated. */
export function isInternalSheet(name: string): boolean {
  return name.startsWith(NAME_PREFIX);
}

export type UndoEntry =
  /** Cells on a user's sheet (range) and where their copy is (copy, on the undo sheet). */
  | { readonly kind: "cells"; readonly sheet: string; readonly range: string; readonly copy: string }
  /** One of our sheets as it was: cleared and refilled from the copy on undo. */
  | { readonly kind: "sheet"; readonly sheet: string; readonly range: string; readonly copy: string }
  /**
   * A sheet the evaluation created: deleted on undo. With `digest` (the KPA Settings sheet, which people edit), only
   * while it still holds what was written (contentDigest): edited, it is theirs and stays.
   */
  | { readonly kind: "added"; readonly sheet: string; readonly digest?: string }
  /** One of our defined names as it was. */
  | { readonly kind: "name"; readonly name: string; readonly formula: string }
  /** Conditional formats wholly inside this range are ours: removed on undo before the copies come back. */
  | { readonly kind: "scope"; readonly sheet: string; readonly range: string }
  /** Rows the evaluation appended below a sheet's content (the history): cleared on undo. */
  | { readonly kind: "appended"; readonly sheet: string; readonly range: string }
  /** A chart of ours on one of our sheets before the evaluation: drawn again on undo. */
  | { readonly kind: "chart"; readonly sheet: string; readonly name: string; readonly chart: ChartPlan }
  /** A chart the evaluation drew: the next evaluation's record keeps it as a "chart", so undoing that one redraws it. */
  | { readonly kind: "made"; readonly sheet: string; readonly name: string; readonly chart: ChartPlan }
  /**
   * A drop-down list of ours on one of our sheets before the evaluation: set again on undo. (The cell copy brings
   * back only the part inside the sheet's used range; a list reaching past the last row needs this.)
   */
  | { readonly kind: "list"; readonly sheet: string; readonly validation: ValidationPlan }
  /** A drop-down list the evaluation set: kept as a "list" by the next evaluation's record. */
  | { readonly kind: "madeList"; readonly sheet: string; readonly validation: ValidationPlan }
  /**
   * Whole columns inserted to make room beside a table: deleted on undo, after every cell is restored. `at` (0-based)
   * is where they are after the insert; the record keeps them as "I:K".
   */
  | { readonly kind: "inserted"; readonly sheet: string; readonly at: number; readonly count: number }
  /** A column the evaluation added and sized: given back this width (points) on undo. */
  | { readonly kind: "width"; readonly sheet: string; readonly col: number; readonly points: number }
  /**
   * How one of our sheets prints and which rows it made taller, before the evaluation: set again on undo (a cell copy
   * brings neither back).
   */
  | { readonly kind: "layout"; readonly sheet: string; readonly layout: SheetLayout }
  /** The layout the evaluation gave one of our sheets: kept as a "layout" by the next evaluation's record. */
  | { readonly kind: "madeLayout"; readonly sheet: string; readonly layout: SheetLayout }
  | { readonly kind: "asOf"; readonly asOf: string };

/** What of one of our sheets a cell copy does not carry: its print setup, column widths and the row heights we set. */
export interface SheetLayout {
  /** Absent where the host had no page layout (ExcelApi 1.9) to set. */
  readonly print?: PrintSetup;
  /** Column widths from column A, in characters. */
  readonly widths: readonly number[];
  /** Runs of rows of one height, in points. */
  readonly heights: readonly { readonly top: number; readonly bottom: number; readonly points: number }[];
}

const TITLE = "KPA Tracker undo data. Do not edit: Undo evaluation reads it.";

export function encodeUndo(entries: readonly UndoEntry[]): string[][] {
  const rows = entries.map((e): string[] => {
    switch (e.kind) {
      case "cells":
      case "sheet":
        return [e.kind, e.sheet, e.range, e.copy];
      case "added":
        return [e.kind, e.sheet, "", e.digest ?? ""];
      case "name":
        return [e.kind, e.name, e.formula, ""];
      case "scope":
      case "appended":
        return [e.kind, e.sheet, e.range, ""];
      case "chart":
      case "made":
        return [e.kind, e.sheet, e.name, JSON.stringify(e.chart)];
      case "list":
      case "madeList":
        return [e.kind, e.sheet, "-", JSON.stringify(e.validation)];
      case "layout":
      case "madeLayout":
        return [e.kind, e.sheet, "-", JSON.stringify(e.layout)];
      case "inserted":
        return [e.kind, e.sheet, `${columnLetters(e.at)}:${columnLetters(e.at + e.count - 1)}`, ""];
      case "width":
        return [e.kind, e.sheet, `${columnLetters(e.col)}:${columnLetters(e.col)}`, String(e.points)];
      case "asOf":
        return [e.kind, e.asOf, "", ""];
    }
  });
  return [[TITLE, "", "", ""], ...rows];
}

/** The manifest back from the sheet's A:D values; undefined when it is not ours or is damaged. */
export function decodeUndo(values: readonly (readonly unknown[])[]): UndoEntry[] | undefined {
  if (values[0]?.[0] !== TITLE) return undefined;
  const out: UndoEntry[] = [];
  for (const row of values.slice(1)) {
    const [kind, a, b, c] = row.map((v) => String(v ?? ""));
    if (!kind) continue;
    if ((kind === "cells" || kind === "sheet") && a && b && c) out.push({ kind, sheet: a, range: b, copy: c });
    else if (kind === "added" && a) out.push(c ? { kind, sheet: a, digest: c } : { kind, sheet: a });
    else if (kind === "name" && a && b) out.push({ kind, name: a, formula: b });
    else if ((kind === "scope" || kind === "appended") && a && b) out.push({ kind, sheet: a, range: b });
    else if ((kind === "chart" || kind === "made") && a && b && chartOf(c))
      out.push({ kind, sheet: a, name: b, chart: chartOf(c) as ChartPlan });
    else if ((kind === "list" || kind === "madeList") && a && validationOf(c))
      out.push({ kind, sheet: a, validation: validationOf(c) as ValidationPlan });
    else if ((kind === "layout" || kind === "madeLayout") && a && layoutOf(c))
      out.push({ kind, sheet: a, layout: layoutOf(c) as SheetLayout });
    else if (kind === "inserted" && a && columnsOf(b)) out.push({ kind, sheet: a, ...(columnsOf(b) as { at: number; count: number }) });
    else if (kind === "width" && a && columnsOf(b)?.count === 1 && c !== "" && Number.isFinite(Number(c)))
      out.push({ kind, sheet: a, col: (columnsOf(b) as { at: number }).at, points: Number(c) });
    else if (kind === "asOf" && a) out.push({ kind, asOf: a });
    else return undefined;
  }
  return out;
}

/** A layout as the record keeps it; undefined when the text is not one. */
function layoutOf(text: string | undefined): SheetLayout | undefined {
  const v = parsed(text) as Partial<SheetLayout> | undefined;
  if (!v) return undefined;
  const p = v.print as Partial<PrintSetup> | undefined;
  if (p !== undefined) {
    if ((p.orientation !== "portrait" && p.orientation !== "landscape") || typeof p.footer !== "string") return undefined;
    if (p.scale !== undefined && !Number.isInteger(p.scale)) return undefined;
    if (p.rowBreaks !== undefined && !(Array.isArray(p.rowBreaks) && p.rowBreaks.every((r) => Number.isInteger(r) && r > 0)))
      return undefined;
    if (p.titleRows !== undefined && !(Number.isInteger(p.titleRows.top) && Number.isInteger(p.titleRows.bottom))) return undefined;
  }
  if (!Array.isArray(v.widths) || !v.widths.every((w) => typeof w === "number" && w >= 0 && w <= 255)) return undefined;
  const heights = v.heights;
  if (
    !Array.isArray(heights) ||
    !heights.every((h) => Number.isInteger(h.top) && Number.isInteger(h.bottom) && h.points > 0 && h.points <= 409)
  )
    return undefined;
  return v as SheetLayout;
}

/** "I:K" as the 0-based first column and the count; undefined when it is not a column range. */
function columnsOf(text: string | undefined): { at: number; count: number } | undefined {
  const m = /^([A-Z]{1,3}):([A-Z]{1,3})$/.exec(text ?? "");
  if (!m) return undefined;
  const at = columnIndex(m[1] as string);
  const last = columnIndex(m[2] as string);
  return last < at || last > 16383 ? undefined : { at, count: last - at + 1 };
}

const isRect = (r: unknown): r is Rect =>
  typeof r === "object" &&
  r !== null &&
  (["top", "left", "bottom", "right"] as const).every((k) => Number.isInteger((r as Record<string, unknown>)[k]));
const isCell = (c: unknown): boolean =>
  typeof c === "object" && c !== null && Number.isInteger((c as { row?: unknown }).row) && Number.isInteger((c as { col?: unknown }).col);

function parsed(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? "");
  } catch {
    return undefined;
  }
}

/** A drop-down list as the record keeps it (JSON of the plan's validation), or undefined when it is not one. */
function validationOf(text: string | undefined): ValidationPlan | undefined {
  const v = parsed(text) as Partial<ValidationPlan> | undefined;
  if (!v || typeof v !== "object" || !isRect(v.range) || !Array.isArray(v.list) || v.list.length === 0) return undefined;
  if (!v.list.every((x: unknown) => typeof x === "string") || (v.prompt !== undefined && typeof v.prompt !== "string")) return undefined;
  return v as ValidationPlan;
}

/** A chart as the record keeps it (JSON of the plan's chart), or undefined when it is not one. */
function chartOf(text: string | undefined): ChartPlan | undefined {
  const x = parsed(text) as Partial<ChartPlan> | null | undefined;
  if (!x || !["pie", "bar", "line"].includes(String(x.kind)) || typeof x.title !== "string" || !isCell(x.from) || !isCell(x.to))
    return undefined;
  const seriesOk =
    Array.isArray(x.series) &&
    x.series.length > 0 &&
    x.series.every(
      (s) =>
        typeof s.name === "string" &&
        isRect(s.values) &&
        isRect(s.categories) &&
        (s.pointColors === undefined || (Array.isArray(s.pointColors) && s.pointColors.every((p: unknown) => typeof p === "string"))),
    );
  return seriesOk ? (x as ChartPlan) : undefined;
}
