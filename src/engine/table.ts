// A table found on a sheet: where it is, what kind it is, and which column holds which field. Its own module so
// the detector and the modules that refine a table (columns-by-content.ts) share it without importing each other.
import type { Field } from "./headers";
import type { Problem } from "./problems";

export type TableKind = "kpa" | "goals" | "roles" | "training" | "kpi";

export interface Column {
  readonly col: number;
  readonly header: string;
  readonly field: Field | undefined;
  /** Headed with a loose word ("Score", "Budget"): a strong header for the same field wins. */
  readonly weak?: boolean;
  /** Headed with a period ("Q3 Actual", "Sep-50", "YTD"). */
  readonly period?: boolean;
}

export interface Table {
  /** Sheet and header-row address of the table's first cell, e.g. "Goals!B12". */
  readonly id: string;
  readonly sheet: string;
  readonly kind: TableKind;
  /** The section heading above the table, e.g. "II. Goal-Setting and Prioritization". */
  readonly group?: string;
  readonly groupCell?: string;
  /** "FOUNDATIONAL KPIs (40% weight)" → 40. */
  readonly groupWeight?: number;
  readonly headerRow: number;
  readonly left: number;
  readonly right: number;
  readonly firstRow: number;
  /** Last data row; equals headerRow when the table has no rows yet. */
  readonly lastRow: number;
  readonly columns: readonly Column[];
  readonly fields: Readonly<Partial<Record<Field, number>>>;
  /** How the table's actual column was chosen when its header did not settle it (warnings), or why none was. */
  readonly problems?: readonly Problem[];
}
