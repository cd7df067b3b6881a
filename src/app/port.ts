// What the task pane may ask of a workbook. Components get one of these and never touch Excel.* themselves:
// the Office host passes an Excel-backed port, the browser demo an in-memory one, tests a fake.
import type { DateOrder, StatusChange, DepartmentId, KpiChoice, Severity, Status, StatusCounts } from "../engine";

export interface EvaluateSettings {
  /** ISO date, YYYY-MM-DD. */
  readonly asOf: string;
  /** Relative shortfall still counted as At Risk, 0..1. */
  readonly tolerance: number;
  /** How numeric dates such as 03/04/2050 are read. */
  readonly dateOrder: DateOrder;
  /** Days before its deadline in which a milestone not started counts as At Risk, 0..366. */
  readonly milestoneWindowDays: number;
  /** The month (1..12) the fiscal year starts in: "Q1 2050" and "FY50" follow it. */
  readonly fiscalYearStart: number;
}

export interface FoundTable {
  /** Stable within one scan, e.g. "Goals!B12". */
  readonly id: string;
  readonly sheet: string;
  /** A1 range, e.g. "B12:F19". */
  readonly range: string;
  readonly kind: "kpa" | "goals" | "roles" | "training" | "kpi";
  readonly section: string | null;
  readonly rows: number;
  /** A goals or KPI table without Baseline/Actual columns: "Add tracking columns" applies. */
  readonly canAddTracking: boolean;
}

export interface ProblemView {
  readonly sheet: string;
  readonly cell: string;
  readonly severity: Severity;
  readonly message: string;
}

export interface GapView {
  readonly key: string;
  readonly name: string;
  readonly status: Status;
  readonly sheet: string;
  /** The row's name cell. */
  readonly cell: string;
  readonly owner: string | null;
  readonly gap: string | null;
  readonly explanation: string;
  /** From the measurement log, e.g. "improving, +3 pts since Jun 30, 2050; projected 87% by Dec 15, 2050". */
  readonly trend: string | null;
}

/** A row whose status moved since the previous evaluation in the history: newly Off Track or Overdue ("worse"), or now Met ("recovered"). */
export type ChangeView = StatusChange;

export interface ScanResult {
  readonly tables: readonly FoundTable[];
  readonly problems: readonly ProblemView[];
  /** Names a measurement can be recorded against, each with its group: goals, KPIs, KPA elements, the log's own. */
  readonly kpis: readonly KpiChoice[];
}

/** One measurement typed in the pane, appended to the "KPA Data" log. */
export interface MeasurementEntry {
  readonly kpi: string;
  /** ISO date (YYYY-MM-DD) or a period such as "Q3 2050" or "Sep 2050". */
  readonly date: string;
  /** As typed: "84%", "3.5 hours", "1200". */
  readonly value: string;
  readonly source?: string;
  readonly enteredBy?: string;
  readonly note?: string;
}

export interface EvaluationResult extends ScanResult {
  readonly asOf: string;
  /** Rows counted; KPA elements judged through their goals (`rollups`) are not counted again. */
  readonly total: number;
  readonly rollups: number;
  readonly counts: StatusCounts;
  /** 0..1, when the workbook has weights. */
  readonly weightedScore: number | null;
  /** Worst first, at most 10. */
  readonly gaps: readonly GapView[];
  readonly elapsedMs: number;
  /** Names of the sheets written, e.g. "KPA Summary". */
  readonly sheets: readonly string[];
  /** As-of date of the evaluation compared with, from the history; null on the first evaluation. */
  readonly since: string | null;
  readonly changes: readonly ChangeView[];
  /** Tables still without their status columns, each with the insert that would make room. */
  readonly room: readonly RoomOffer[];
  /** Columns this evaluation inserted, as the user asked (Undo evaluation removes them again). */
  readonly madeRoom: readonly RoomOffer[];
}

/** A table with no room beside it for its statuses, and the whole worksheet columns that would make room. */
export interface RoomOffer {
  readonly sheet: string;
  /** The table's A1 range, e.g. "A3:H12". */
  readonly table: string;
  /** The column the new ones go after, e.g. "H". */
  readonly after: string;
  readonly count: number;
}

export interface EvaluateOptions {
  /** Offers the user accepted: their columns are inserted first, if the workbook still needs exactly them. */
  readonly makeRoom?: readonly RoomOffer[];
}

export type Stage = "reading" | "evaluating" | "writing";

export interface Progress {
  readonly stage: Stage;
  /** 0..1 within the stage, when known. */
  readonly fraction?: number;
}

export interface UndoResult {
  /** False when there was nothing to undo. */
  readonly undone: boolean;
  readonly message: string;
}

/** The evaluation a workbook holds, as read back from our summary sheet: what the pane shows before (or instead of) a result of its own. */
export interface HeldEvaluation {
  /** ISO date, YYYY-MM-DD. */
  readonly asOf: string;
  /** Rows counted, as the summary's Total row says. */
  readonly total: number;
  readonly counts: StatusCounts;
  /** 0..1, when the summary has one. */
  readonly weightedScore: number | null;
}

/** What the workbook holds of ours, read from it rather than remembered: after an undo, on opening, after another user's evaluation. */
export interface WorkbookState {
  /** Null when the workbook holds no evaluation (no summary sheet of ours). */
  readonly evaluation: HeldEvaluation | null;
  /** Whether "Undo evaluation" has a record to revert. */
  readonly canUndo: boolean;
}

export interface WorkbookPort {
  /** "excel" inside Office; "memory" for the browser demo. */
  readonly kind: "excel" | "memory";
  /**
   * The settings in effect: the rules from the workbook's KPA Settings sheet, where it sets them, else as saved in
   * the document by earlier versions; the as-of date as saved. Missing fields take the pane's defaults.
   */
  loadSettings(): Promise<Partial<EvaluateSettings>>;
  /**
   * Saves the as-of date in the document, and writes each rule that differs from the one in effect to the KPA
   * Settings sheet (creating the sheet when the workbook has none). Rejects with PortError when the sheet is protected.
   */
  saveSettings(settings: EvaluateSettings): Promise<void>;
  /** Finds the tables and problems without writing anything. */
  scan(settings: EvaluateSettings): Promise<ScanResult>;
  /** Evaluates and writes statuses, formats and summary sheets. Rejects with PortError when it cannot. */
  evaluate(settings: EvaluateSettings, onProgress?: (p: Progress) => void, options?: EvaluateOptions): Promise<EvaluationResult>;
  /** Whether the workbook holds an evaluation that "Undo evaluation" can revert. */
  canUndo(): Promise<boolean>;
  undo(): Promise<UndoResult>;
  /** The evaluation the workbook holds and whether it can be undone, read from the workbook itself. */
  workbookState(): Promise<WorkbookState>;
  /** Selects a cell in the workbook, e.g. a problem's or a gap's. */
  select(sheet: string, cell: string): Promise<void>;
  /** Adds a sheet laid out like the KPA template for a department; resolves to its name. */
  insertTemplate(department: DepartmentId): Promise<string>;
  /** Adds Baseline and Actual columns to a table listed by scan with canAddTracking; resolves to the new headers' range, e.g. "Goals!I12:J12". */
  addTrackingColumns(tableId: string): Promise<string>;
  /**
   * Appends a measurement to the "KPA Data" log (created when missing). Resolves to the new row's first cell;
   * rejects with PortError when a field cannot be used, and appends nothing then.
   * `added` is false when the log already held the same KPI, date, value and source.
   */
  recordMeasurement(entry: MeasurementEntry): Promise<{ readonly sheet: string; readonly cell: string; readonly added: boolean }>;
}

/** A failure the user can act on: `message` is one plain sentence saying what to do. */
export class PortError extends Error {
  constructor(
    message: string,
    /** Where the problem is, when it is one place. */
    readonly where?: { readonly sheet: string; readonly cell?: string },
  ) {
    super(message);
    this.name = "PortError";
  }
}

/** One cell of the browser demo's read-only grid, as displayed. */
export interface DemoCell {
  readonly text: string;
  readonly fill?: string;
  readonly color?: string;
  readonly bold?: boolean;
}

/** The browser demo's in-memory workbook, shown read-only under the pane. */
export interface DemoWorkbook {
  /** Visible sheets in tab order; rows start at A1. */
  sheets(): readonly { readonly name: string; readonly rows: readonly (readonly DemoCell[])[] }[];
  /** Called after every change to the workbook, a selection included; returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** The range last selected through the port (a gap's or a problem's link), e.g. { sheet: "Goals", address: "B14" }. */
  selection?(): { readonly sheet: string; readonly address: string } | undefined;
}
