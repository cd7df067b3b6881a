// An in-memory WorkbookPort for the pane's tests: canned answers, every call recorded, failures and a held
// evaluation on demand.
import type { ChangeView, EvaluateSettings, EvaluationResult, FoundTable, GapView, MeasurementEntry, ProblemView, Progress, ScanResult, UndoResult, WorkbookPort } from "../../src/app/port";
import type { DepartmentId } from "../../src/engine/library";
import { STATUSES } from "../../src/engine/status";
import type { StatusCounts } from "../../src/engine";

type Method = Exclude<keyof WorkbookPort, "kind">;

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

export function table(over: Partial<FoundTable> = {}): FoundTable {
  const sheet = over.sheet ?? "Goals";
  const range = over.range ?? "B12:F19";
  return { id: `${sheet}!${range.split(":")[0]}`, sheet, range, kind: "goals", section: null, rows: 8, canAddTracking: false, ...over };
}

export function problem(over: Partial<ProblemView> = {}): ProblemView {
  return { sheet: "Goals", cell: "D14", severity: "error", message: 'Target "soon" was not understood.', ...over };
}

export function gap(over: Partial<GapView> = {}): GapView {
  return {
    key: "Goals!B14",
    name: "Customer Satisfaction (CSAT)",
    status: "Off Track",
    sheet: "Goals",
    cell: "B14",
    owner: "Dana Lee",
    gap: "7 points below 85%",
    explanation: "Actual 78% is below the target ≥ 85%.",
    trend: null,
    ...over,
  };
}

export function change(over: Partial<ChangeView> = {}): ChangeView {
  return {
    key: "Goals|goals|customer satisfaction",
    name: "Customer Satisfaction (CSAT)",
    sheet: "Goals",
    cell: "B14",
    from: "At Risk",
    to: "Off Track",
    kind: "worse",
    ...over,
  };
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
    kpis: ["Customer Satisfaction (CSAT)"],
    asOf: "2050-06-30",
    total: Object.values(c).reduce((a, n) => a + n, 0),
    counts: c,
    weightedScore: null,
    gaps: [],
    elapsedMs: 250,
    sheets: ["KPA Summary"],
    since: null,
    changes: [],
    ...over,
  };
}

export interface Call {
  readonly method: Method;
  readonly args: readonly unknown[];
}

export class FakePort implements WorkbookPort {
  readonly kind = "memory";
  readonly calls: Call[] = [];

  saved: Partial<EvaluateSettings> = {};
  scanResult: ScanResult = scan();
  evaluateResult: EvaluationResult = evaluation();
  undoable = false;
  undoResult: UndoResult = { undone: true, message: "Removed the statuses and the KPA Summary sheet." };
  templateSheet = "Sales KPAs";
  trackingRange = "Goals!I12:J12";
  recordResult: { sheet: string; cell: string; added: boolean } = { sheet: "KPA Data", cell: "A12", added: true };
  /** The next call of a method rejects with this, once. */
  readonly failures: Partial<Record<Method, unknown>> = {};
  /** Set with holdEvaluate(): evaluate waits for it. */
  private held: Deferred<void> | null = null;
  /** Set with holdRecord(): recordMeasurement waits for it. */
  private heldRecord: Deferred<void> | null = null;
  private onProgress: ((p: Progress) => void) | undefined;

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

  async evaluate(settings: EvaluateSettings, onProgress?: (p: Progress) => void): Promise<EvaluationResult> {
    this.record("evaluate", settings);
    this.onProgress = onProgress;
    const held = this.held;
    this.held = null;
    if (held) await held.promise;
    this.undoable = true;
    return this.evaluateResult;
  }

  async canUndo(): Promise<boolean> {
    this.record("canUndo");
    return this.undoable;
  }

  async undo(): Promise<UndoResult> {
    this.record("undo");
    this.undoable = false;
    return this.undoResult;
  }

  async select(sheet: string, cell: string): Promise<void> {
    this.record("select", sheet, cell);
  }

  async insertTemplate(department: DepartmentId): Promise<string> {
    this.record("insertTemplate", department);
    return this.templateSheet;
  }

  async addTrackingColumns(tableId: string): Promise<string> {
    this.record("addTrackingColumns", tableId);
    return this.trackingRange;
  }

  async recordMeasurement(entry: MeasurementEntry): Promise<{ sheet: string; cell: string; added: boolean }> {
    this.record("recordMeasurement", entry);
    const held = this.heldRecord;
    this.heldRecord = null;
    if (held) await held.promise;
    return { ...this.recordResult };
  }
}
