// An in-memory WorkbookPort for the pane's tests: canned answers, every call recorded, failures and a held
// evaluation on demand. Its answers have the shapes the real port's have (createExcelPort over the in-memory Excel):
// table ids and row counts follow from the range, gap and change keys are the engine's row keys, explanations end
// with "→ Status", an undo with nothing to undo says so, a measurement already recorded is not added twice; its
// sentences are the real port's own (src/app/messages.ts).
// test/taskpane/port-contract.test.ts checks both ports against the same assertions, so this one cannot drift.
import {
  type ChangeView,
  type EvaluateOptions,
  type EvaluateSettings,
  type EvaluationResult,
  type FoundTable,
  type GapView,
  type HeldEvaluation,
  type MeasurementEntry,
  PortError,
  type ProblemView,
  type Progress,
  type ScanResult,
  type UndoResult,
  type WorkbookPort,
  type WorkbookState,
} from "../../src/app/port";
import { MESSAGES } from "../../src/app/messages";
import {
  DEPARTMENTS,
  type DepartmentId,
  type KpiChoice,
  type KpiGroup,
  STATUSES,
  type StatusCounts,
  cellAddress,
  parseRef,
  templateSheet,
  uniqueSheetName,
} from "../../src/engine";

type Method = Exclude<keyof WorkbookPort, "kind">;
type Recorded = { readonly sheet: string; readonly cell: string; readonly added: boolean };

export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function rectOf(range: string) {
  const ref = parseRef(`X!${range}`);
  if (!ref) throw new Error(`"${range}" is not an A1 range.`);
  return ref.rect;
}

/** The engine's row key: sheet, table kind and the name in lower case (a repeat gets "#2", "#3"…). */
export function rowKey(sheet: string, name: string, kind: FoundTable["kind"] = "goals"): string {
  return `${sheet}|${kind}|${name.toLowerCase()}`;
}

/**
 * A table as scan lists it. As in the real port, its id is the sheet and the header's first cell, and `rows` counts
 * the data rows under the header row, so both follow from `range`; giving either at odds with the range throws.
 */
export function table(over: Partial<FoundTable> = {}): FoundTable {
  const sheet = over.sheet ?? "Goals";
  const range = over.range ?? "B12:F19";
  const rect = rectOf(range);
  const id = `${sheet}!${cellAddress(rect.top, rect.left)}`;
  const rows = rect.bottom - rect.top;
  if (over.id !== undefined && over.id !== id) throw new Error(`A table at ${sheet}!${range} has the id ${id}, not ${over.id}.`);
  if (over.rows !== undefined && over.rows !== rows) throw new Error(`A table at ${range} has ${rows} data rows, not ${over.rows}.`);
  return { sheet, range, kind: "goals", section: null, canAddTracking: false, ...over, id, rows };
}

export function problem(over: Partial<ProblemView> = {}): ProblemView {
  return { sheet: "Goals", cell: "D14", severity: "error", message: 'Target "soon" was not understood.', ...over };
}

/** `key`, or the row key of that sheet and name; a key of another form throws. */
function keyFor(over: { key?: string; sheet?: string; name?: string }, kind: FoundTable["kind"]): string {
  const key = rowKey(over.sheet ?? "Goals", over.name ?? "Customer Satisfaction (CSAT)", kind);
  const repeat = (k: string) => k.startsWith(`${key}#`) && /^\d+$/.test(k.slice(key.length + 1));
  if (over.key !== undefined && over.key !== key && !repeat(over.key))
    throw new Error(`"${over.key}" is not the engine's row key for this row; that is "${key}" (or "${key}#2" for a repeat).`);
  return over.key ?? key;
}

/** A gap as evaluate lists it; its key is the engine's row key for its sheet and name (a goal unless `kind` says). */
export function gap(over: Partial<GapView> = {}, kind: FoundTable["kind"] = "goals"): GapView {
  const sheet = over.sheet ?? "Goals";
  const name = over.name ?? "Customer Satisfaction (CSAT)";
  return {
    key: keyFor(over, kind),
    name,
    status: "Off Track",
    sheet,
    cell: "B14",
    owner: "Dana Lee",
    gap: "15.3% short",
    explanation: "72% vs ≥ 85%: 15.3% short, beyond 10% tolerance → Off Track",
    trend: null,
    ...over,
  };
}

/** A status change as evaluate lists it; its key is the engine's row key for its sheet and name. */
export function change(over: Partial<ChangeView> = {}, kind: FoundTable["kind"] = "goals"): ChangeView {
  const sheet = over.sheet ?? "Goals";
  const name = over.name ?? "Customer Satisfaction (CSAT)";
  return {
    key: keyFor(over, kind),
    name,
    sheet,
    cell: "B14",
    from: "At Risk",
    to: "Off Track",
    kind: "worse",
    ...over,
  };
}

/** Names for the KPI picker, all in one group unless told. */
export function choices(names: readonly string[], group: KpiGroup = "goal"): KpiChoice[] {
  return names.map((name) => ({ name, group }));
}

/** What a scan found; nothing unless told. */
export function scan(over: Partial<ScanResult> = {}): ScanResult {
  return { tables: [], problems: [], kpis: [], ...over };
}

export function counts(over: Partial<StatusCounts> = {}): StatusCounts {
  return { ...(Object.fromEntries(STATUSES.map((s) => [s, 0])) as StatusCounts), ...over };
}

/** A result whose total agrees with its counts, as a real evaluation's does. */
export function evaluation(over: Partial<EvaluationResult> = {}): EvaluationResult {
  const c = over.counts ?? counts({ Met: 1 });
  return {
    tables: [table()],
    problems: [],
    kpis: choices(["Customer Satisfaction (CSAT)"]),
    asOf: "2050-06-30",
    total: Object.values(c).reduce((a, n) => a + n, 0),
    rollups: 0,
    counts: c,
    weightedScore: null,
    gaps: [],
    elapsedMs: 250,
    sheets: ["KPA Summary", "KPA Gaps"],
    since: null,
    changes: [],
    room: [],
    madeRoom: [],
    ...over,
  };
}

export interface Call {
  readonly method: Method;
  readonly args: readonly unknown[];
}

/** What a measurement is told apart by, as the log's duplicate check does: KPI, date, value and source. */
function measurementKey(e: MeasurementEntry): string {
  return JSON.stringify([e.kpi, e.date, e.value, e.source ?? ""].map((s) => s.trim().toLowerCase()));
}

export class FakePort implements WorkbookPort {
  readonly kind = "memory";
  readonly calls: Call[] = [];

  saved: Partial<EvaluateSettings> = {};
  scanResult: ScanResult = scan();
  /** What evaluate answers, with the as-of date of the settings it is called with (as the real port's result has). */
  evaluateResult: EvaluationResult = evaluation();
  /** Whether the workbook holds an evaluation to undo; evaluate sets it, undo clears it. */
  undoable = false;
  /**
   * The evaluation the workbook holds, as the real port reads it back from the summary sheet: evaluate replaces it,
   * undo puts back the one before (which may be none). Set it to open a workbook evaluated earlier.
   */
  holds: HeldEvaluation | null = null;
  /** What undo answers when there is something to undo; by default the real port's sentence. */
  undoResult: UndoResult | null = null;
  /** The sheet insertTemplate answers; by default the department's template name, as the real port names it. */
  templateSheet: string | null = null;
  /** The range addTrackingColumns answers; by default the two cells right of the table's header, as the real port's. */
  trackingRange: string | null = null;
  /** The answer to the next measurement not recorded before; a later new one goes in the row below. */
  recordResult: Recorded = { sheet: "KPA Data", cell: "A12", added: true };
  /** The next call of a method rejects with this, once. */
  readonly failures: Partial<Record<Method, unknown>> = {};
  /** Set with holdEvaluate(): evaluate waits for it. */
  private held: Deferred<void> | null = null;
  /** Set with holdRecord(): recordMeasurement waits for it. */
  private heldRecord: Deferred<void> | null = null;
  private onProgress: ((p: Progress) => void) | undefined;
  private lastAsOf: string | undefined;
  /** What the workbook held before the latest evaluation: undo puts it back. */
  private heldBefore: HeldEvaluation | null = null;
  private readonly templates: string[] = [];
  private readonly recorded = new Map<string, Recorded>();

  callsOf(method: Method): (readonly unknown[])[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  /** Makes the next evaluate wait until release() (or fail()) is called; progress can be reported meanwhile. */
  holdEvaluate(): { progress(p: Progress): void; release(): void; fail(e: unknown): void } {
    const gate = deferred<void>();
    this.held = gate;
    return {
      progress: (p) => this.onProgress?.(p),
      release: () => gate.resolve(),
      fail: (e) => gate.reject(e),
    };
  }

  /** Makes the next recordMeasurement wait until release() (or fail()) is called. */
  holdRecord(): { release(): void; fail(e: unknown): void } {
    const gate = deferred<void>();
    this.heldRecord = gate;
    return { release: () => gate.resolve(), fail: (e) => gate.reject(e) };
  }

  private record(method: Method, ...args: unknown[]): void {
    this.calls.push({ method, args });
    if (method in this.failures) {
      const failure = this.failures[method];
      delete this.failures[method];
      throw failure;
    }
  }

  async loadSettings(): Promise<Partial<EvaluateSettings>> {
    this.record("loadSettings");
    return { ...this.saved };
  }

  async saveSettings(settings: EvaluateSettings): Promise<void> {
    this.record("saveSettings", settings);
    this.saved = { ...settings };
  }

  async scan(settings: EvaluateSettings): Promise<ScanResult> {
    this.record("scan", settings);
    return this.scanResult;
  }

  async evaluate(settings: EvaluateSettings, onProgress?: (p: Progress) => void, options?: EvaluateOptions): Promise<EvaluationResult> {
    const accepted = options?.makeRoom ?? [];
    if (accepted.length > 0) this.record("evaluate", settings, options);
    else this.record("evaluate", settings);
    this.onProgress = onProgress;
    const held = this.held;
    this.held = null;
    if (held) await held.promise;
    this.undoable = true;
    this.lastAsOf = settings.asOf;
    // As the real port: an accepted offer is made (if the workbook still needs it) and is no longer offered.
    const same = (a: EvaluationResult["room"][number], b: EvaluationResult["room"][number]) =>
      a.sheet === b.sheet && a.table === b.table && a.after === b.after && a.count === b.count;
    const made = this.evaluateResult.room.filter((o) => accepted.some((a) => same(a, o)));
    if (made.length > 0) this.evaluateResult = { ...this.evaluateResult, room: this.evaluateResult.room.filter((o) => !made.includes(o)) };
    const result = { ...this.evaluateResult, asOf: settings.asOf, madeRoom: made };
    // As the real port's summary sheet, which the next evaluation's undo record keeps.
    this.heldBefore = this.holds;
    this.holds = { asOf: result.asOf, total: result.total, counts: result.counts, weightedScore: result.weightedScore };
    return result;
  }

  async canUndo(): Promise<boolean> {
    this.record("canUndo");
    return this.undoable;
  }

  async undo(): Promise<UndoResult> {
    this.record("undo");
    if (!this.undoable) return { undone: false, message: MESSAGES.nothingToUndo() };
    this.undoable = false;
    // The record held the workbook as it was before the latest evaluation: the evaluation before it, or none.
    this.holds = this.heldBefore;
    this.heldBefore = null;
    return this.undoResult ?? { undone: true, message: MESSAGES.undone({ asOf: this.lastAsOf }) };
  }

  async workbookState(): Promise<WorkbookState> {
    this.record("workbookState");
    return { evaluation: this.holds, canUndo: this.undoable };
  }

  async select(sheet: string, cell: string): Promise<void> {
    this.record("select", sheet, cell);
  }

  async insertTemplate(department: DepartmentId): Promise<string> {
    this.record("insertTemplate", department);
    if (this.templateSheet !== null) return this.templateSheet;
    const dept = DEPARTMENTS.find((d) => d.id === department);
    if (!dept) throw new PortError(MESSAGES.unknownDepartment({ department }));
    // Named as the real port names it, apart from the templates this port inserted before.
    const name = uniqueSheetName(templateSheet(dept, 0).name, this.templates);
    this.templates.push(name);
    return name;
  }

  async addTrackingColumns(tableId: string): Promise<string> {
    this.record("addTrackingColumns", tableId);
    if (this.trackingRange !== null) return this.trackingRange;
    const found = [...this.scanResult.tables, ...this.evaluateResult.tables].find((t) => t.id === tableId);
    if (!found) throw new PortError(MESSAGES.tableGone({ table: tableId }));
    if (!found.canAddTracking) throw new PortError(MESSAGES.tableHasTracking({ table: tableId }));
    const { top, right } = rectOf(found.range);
    return `${found.sheet}!${cellAddress(top, right + 1)}:${cellAddress(top, right + 2)}`;
  }

  async recordMeasurement(entry: MeasurementEntry): Promise<Recorded> {
    this.record("recordMeasurement", entry);
    const held = this.heldRecord;
    this.heldRecord = null;
    if (held) await held.promise;
    const key = measurementKey(entry);
    const before = this.recorded.get(key);
    if (before) return { sheet: before.sheet, cell: before.cell, added: false };
    const result = { ...this.recordResult };
    if (result.added) {
      this.recorded.set(key, result);
      const at = rectOf(result.cell);
      this.recordResult = { ...result, cell: cellAddress(at.top + 1, at.left) };
    }
    return result;
  }
}
