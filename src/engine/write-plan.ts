// The write plan: plain data saying what goes where. Adapters apply it; they decide nothing.
import type { DefinedName, Rect } from "./grid";
import type { StatusChange } from "./model";
import type { OurSheet } from "./ownership";
import type { Problem } from "./problems";
import type { SettingsInEffect } from "./settings-sheet";
import type { Summary } from "./stats";

/** Strings are always literal text: adapters must never let them become formulas. */
export type PlanValue = string | number | boolean | null | PlanDate | PlanLink;
export interface PlanDate {
  readonly date: string;
}
export interface PlanLink {
  readonly text: string;
  readonly sheet: string;
  readonly cell: string;
}

export interface CellStyle {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly size?: number;
  readonly fill?: string;
  readonly font?: string;
  readonly wrap?: boolean;
}

export interface RangeWrite {
  readonly sheet: string;
  /** 0-based top-left. */
  readonly row: number;
  readonly col: number;
  readonly values: readonly (readonly PlanValue[])[];
  /** Same shape as values; null leaves the format alone. */
  readonly numberFormats?: readonly (readonly (string | null)[])[];
  /** Copy the look (font, fill, borders) of this cell, e.g. the table's header. */
  readonly styleFrom?: { readonly row: number; readonly col: number };
  /** Widths in characters for the columns written, one per column; null leaves a column's width as it is. */
  readonly columnWidths?: readonly (number | null)[];
  /** Columns whose text wraps (explanations longer than their width), one flag per column; rows but the styled header. */
  readonly wrap?: readonly boolean[];
  /**
   * The points each row needs for its wrapped text, one per row (null: one line will do). A row the user set to a
   * height of their own keeps it; Excel itself fits the others as it wraps.
   */
  readonly rowPoints?: readonly (number | null)[];
}

export type CfRule =
  | { readonly kind: "equals"; readonly text: string; readonly fill: string; readonly font: string }
  | { readonly kind: "dataBar"; readonly color: string }
  /** Three arrows on a number: up above 0, sideways at 0, down below 0. */
  | { readonly kind: "arrows" };

/** A native chart; the .xlsx path cannot write charts and leaves these out. All ranges are on the chart's sheet. */
export interface ChartPlan {
  readonly kind: "pie" | "bar" | "line";
  readonly title: string;
  readonly series: readonly {
    readonly name: string;
    readonly values: Rect;
    readonly categories: Rect;
    /** One colour per point (pie slices, bars), as #RRGGBB. */
    readonly pointColors?: readonly string[];
    readonly numberFormat?: string;
  }[];
  /** Top-left cell and bottom-right cell the chart covers. */
  readonly from: { readonly row: number; readonly col: number };
  readonly to: { readonly row: number; readonly col: number };
}

/** A drop-down list on cells people fill in. */
export interface ValidationPlan {
  readonly range: Rect;
  readonly list: readonly string[];
  readonly prompt?: string;
}

/**
 * How one of our sheets prints: always one page wide (as tall as it needs), landscape when its columns are wider
 * than a portrait page, the header rows on every page, and a footer naming the sheet, the page and the as-of date.
 */
export interface PrintSetup {
  readonly orientation: "portrait" | "landscape";
  /** 0-based rows repeated at the top of every printed page. */
  readonly titleRows?: { readonly top: number; readonly bottom: number };
  /** In Excel's header and footer codes: &A the sheet's name, &P the page, &N the pages ("&&" is an ampersand). */
  readonly footer: string;
  /**
   * Set when the sheet has page breaks of its own: a fixed zoom in percent that fits one page wide (Excel ignores
   * manual breaks under "fit to page"), and the 0-based rows that start a new page. Unset: fit to one page wide.
   */
  readonly scale?: number;
  readonly rowBreaks?: readonly number[];
}

/** How to lay out a sheet we create to append rows to. */
export interface SheetSetup {
  readonly header: readonly string[];
  readonly columnWidths: readonly number[];
  /** Columns kept for reading back, not for people (the history's row keys). */
  readonly hiddenColumns?: readonly number[];
  readonly tabColor: string;
  /** Rows frozen at the top: the header. */
  readonly freezeRows: number;
  readonly print: PrintSetup;
  /** Marks the sheet as ours (KPATracker_Sheet_…) when set. */
  readonly role?: AppendRole;
}

export type AppendRole = "history";

/** Rows added below what a sheet already holds; nothing above `row` is touched. */
export interface AppendPlan {
  readonly sheet: string;
  /** Set when the sheet does not exist yet. */
  readonly create?: SheetSetup;
  /** 0-based first row written. */
  readonly row: number;
  readonly values: readonly (readonly PlanValue[])[];
  /** Same shape as values; null leaves the format alone. */
  readonly numberFormats?: readonly (readonly (string | null)[])[];
  /** As in RangeWrite: columns whose text wraps, and the points each row needs for it. */
  readonly wrap?: readonly boolean[];
  readonly rowPoints?: readonly (number | null)[];
}

export interface CfPlan {
  readonly sheet: string;
  readonly range: Rect;
  readonly rules: readonly CfRule[];
}

export interface SheetPlan {
  /** "settings": the KPA Settings sheet, planned only when the workbook has none (it is the user's once created). */
  readonly role: OurSheet | "settings";
  readonly name: string;
  readonly values: readonly (readonly PlanValue[])[];
  readonly numberFormats: readonly { readonly range: Rect; readonly format: string }[];
  readonly styles: readonly { readonly range: Rect; readonly style: CellStyle }[];
  /** In characters, as Excel measures column width. */
  readonly columnWidths: readonly number[];
  readonly hiddenColumns: readonly number[];
  /** Cells shown as one across columns (a note or a message wider than one column); the value is in the top left. */
  readonly merges: readonly Rect[];
  /** Rows taller than one line of the default font, in points: wrapped text and large titles. */
  readonly rowHeights: readonly { readonly row: number; readonly points: number }[];
  readonly freezeRows: number;
  readonly tabColor: string;
  readonly print: PrintSetup;
  readonly conditionalFormats: readonly CfPlan[];
  readonly validations: readonly ValidationPlan[];
  readonly charts: readonly ChartPlan[];
}

export interface WritePlan {
  readonly asOf: string;
  /** Cells on the user's sheets, all inside the blocks named in `names`. */
  readonly writes: readonly RangeWrite[];
  /** Cells we wrote before and no longer need. */
  readonly clears: readonly { readonly sheet: string; readonly range: Rect }[];
  /** Replace any rule lying wholly inside our blocks with these. */
  readonly conditionalFormats: readonly CfPlan[];
  /** Our sheets, replaced whole. */
  readonly sheets: readonly SheetPlan[];
  /** Rows added below existing ones (the history), after the sheets are written. */
  readonly appends: readonly AppendPlan[];
  /** What changed since the previous evaluation in the history, and how many snapshot rows this plan adds. */
  readonly history: { readonly since: string | null; readonly changes: readonly StatusChange[]; readonly appended: number };
  /** Every defined name we own after the plan is applied. */
  readonly names: readonly DefinedName[];
  /** Our names from before that the plan drops. */
  readonly removeNames: readonly string[];
  /** Our blocks before and after this plan: conditional formats lying wholly inside them are ours to replace. */
  readonly ruleScope: readonly { readonly sheet: string; readonly rect: Rect }[];
  readonly problems: readonly Problem[];
  readonly summary: Summary;
  /** Tables whose status columns had no room: whole worksheet columns to insert, with the user's consent, so they fit. */
  readonly room: readonly RoomRequest[];
}

/**
 * Insert `count` whole worksheet columns before the 0-based column `at` of `sheet` (after the column left of it),
 * so the table at `table` gets its status columns and one empty column before its neighbour. `at` never cuts
 * through another table on the sheet.
 */
export interface RoomRequest {
  readonly sheet: string;
  readonly at: number;
  readonly count: number;
  /** The table's A1 range, e.g. "A3:H12". */
  readonly table: string;
}

export interface PlanOptions {
  /** When the evaluation ran; shown on the summary sheet. */
  readonly generatedAt: string;
  readonly generator: string;
  /** Set to create the KPA Settings sheet, holding these settings, when the workbook has none (never to replace one). */
  readonly settings?: SettingsInEffect;
}
