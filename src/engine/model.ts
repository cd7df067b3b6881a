// What an evaluation produces: the shared result types, kept apart so no module imports a sibling just for a type.
import type { Table, TableKind } from "./table";
import type { MeasurementLog } from "./log";
import type { Ownership } from "./ownership";
import type { Problem } from "./problems";
import type { Status } from "./status";
import type { Trend } from "./trend";

export interface RowResult {
  /** Identity that survives moves: sheet, table kind and name (with an occurrence number for repeats). */
  readonly key: string;
  readonly sheet: string;
  /** 0-based sheet row. */
  readonly row: number;
  /** Address of the row's name cell. */
  readonly cell: string;
  readonly tableId: string;
  readonly kind: TableKind;
  readonly group?: string;
  readonly name: string;
  readonly owner?: string;
  readonly priority?: string;
  readonly department?: string;
  readonly status: Status;
  readonly explanation: string;
  /** 0..1 where defined. */
  readonly progress?: number;
  readonly actual?: string;
  readonly target?: string;
  readonly gap?: string;
  /** Relative shortfall against the target (0.25 = 25% short); for ordering gaps. */
  readonly shortfall?: number;
  readonly timeline?: string;
  readonly nextReview?: string;
  readonly weight?: number;
  /** The section's share of the overall score, from a heading such as "FOUNDATIONAL KPIs (40% weight)". */
  readonly groupWeight?: number;
  /** For KPA elements: keys of the goals that measure them. */
  readonly linked?: readonly string[];
  /** The log's part in the actual: the entry used (kind "log") or the one a typed Actual overrode ("table"). */
  readonly actualFrom?: ActualFrom;
  /** From two or more logged values. */
  readonly trend?: Trend;
}

/** What a judge decides about one row: its status and the figures behind it. */
export type Judgement = Pick<
  RowResult,
  "status" | "explanation" | "progress" | "actual" | "target" | "gap" | "shortfall" | "actualFrom" | "trend" | "timeline"
>;

export interface ActualFrom {
  readonly kind: "log" | "table";
  /** The log entry's Value cell. */
  readonly sheet: string;
  readonly cell: string;
  readonly date: string;
  readonly source?: string;
  readonly value: string;
}

/** An owner named in a table with no row in the roles table. */
export interface RoleGap {
  readonly owner: string;
  /** Where the owner is named, e.g. "B12, Goals!E4". */
  readonly cells: string;
  readonly sheet: string;
  readonly cell: string;
  readonly suggestion?: string;
}

export interface Evaluation {
  readonly asOf: string;
  readonly tolerance: number;
  readonly tables: readonly Table[];
  readonly rows: readonly RowResult[];
  readonly problems: readonly Problem[];
  readonly ownership: Ownership;
  /** The measurement log(s) read, with their entries. */
  readonly log: MeasurementLog;
  readonly roleGaps: readonly RoleGap[];
}

/** A row whose status moved since the previous evaluation in the history. */
export interface StatusChange {
  readonly key: string;
  readonly name: string;
  readonly sheet: string;
  readonly cell: string;
  readonly from: Status;
  readonly to: Status;
  /** "worse": newly Off Track or Overdue; "recovered": now Met. */
  readonly kind: "worse" | "recovered";
}
