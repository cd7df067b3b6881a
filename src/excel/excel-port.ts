// The task pane's WorkbookPort on top of any Excel runner: Office's Excel.run, or the in-memory Excel.
import {
  cellAddress,
  columnLetters,
  type RoomRequest,
  type WorkbookGrid,
  quoteSheet,
  rangeAddress,
  localDay,
  timestamp,
  uniqueSheetName,
  type Table,
  detectTables,
  type Evaluation,
  evaluateGrid,
  ENGINE_NAME,
  run as runEngine,
  DEPARTMENTS,
  type DepartmentId,
  type SettingKey,
  type SettingValues,
  type SettingsEdit,
  dateRulesIn,
  planSettingsEdit,
  kpiChoices,
  planMeasurements,
  readOwnership,
  type Problem,
  templateSheet,
  canAddTracking,
  trackingColumns,
  describeTrend,
  NAME_PREFIX,
  SHEET_TITLES,
  readSettingsSheet,
  STATUSES,
  type Status,
  type StatusCounts,
  dayFromSerial,
  isIsoDate,
  isoDate,
  parseRef,
} from "../engine";
import { type BusyTask, MESSAGES } from "../app/messages";
import {
  type ChangeView,
  type EvaluateOptions,
  type EvaluateSettings,
  type EvaluationResult,
  type FoundTable,
  type HeldEvaluation,
  type MeasurementEntry,
  PortError,
  type Progress,
  type RoomOffer,
  type ScanResult,
  type UndoResult,
  type WorkbookPort,
  type WorkbookState,
} from "../app/port";
import { withDefaults } from "../app/settings";
import { toPortError } from "./errors";
import { queueSettingsEdit, readSettings } from "./settings";
import { type ReadOptions, readWorkbook } from "./read";
import { releaseLock, runToken, takeLock } from "./lock";
import type { ExcelRunner } from "./run";
import { queueInsertColumns } from "./room";
import { hasUndo, undoEvaluation } from "./undo";
import {
  Batcher,
  DEFAULT_BUDGET_BYTES,
  applyPlan,
  checkSheetWritable,
  checkWritable,
  queueAppend,
  queueSheetContent,
  queueValues,
  sheetRef,
} from "./write";

export interface SettingsStore {
  load(): Promise<Partial<EvaluateSettings>>;
  save(settings: EvaluateSettings): Promise<void>;
}

export interface ExcelPortOptions {
  readonly kind: WorkbookPort["kind"];
  readonly settings: SettingsStore;
  readonly read?: ReadOptions;
  readonly budgetBytes?: number;
  /** Whether the host has ExcelApi 1.9, for our sheets' print setup (pageLayout); true unless told. */
  readonly print?: boolean;
  /** For tests and the demo: the clock. */
  readonly now?: () => Date;
}

/** What one Evaluate did, beyond what the pane shows: for tests and benchmarks. */
export interface EvaluateStats {
  readonly readSyncs: number;
  readonly writeSyncs: number;
  /** Write round trips Excel refused as too large and that were sent again in halves. */
  readonly writeRetries: number;
  /** Round trips taking and releasing the workbook's run lock, before the reads and after the writes. */
  readonly lockSyncs: { readonly taken: number; readonly released: number };
}

export interface ExcelPort extends WorkbookPort {
  readonly lastStats: EvaluateStats | undefined;
}

function foundTable(t: Table): FoundTable {
  return {
    id: t.id,
    sheet: t.sheet,
    range: rangeAddress({ top: t.headerRow, left: t.left, bottom: t.lastRow, right: t.right }),
    kind: t.kind,
    section: t.group ?? null,
    rows: Math.max(0, t.lastRow - t.firstRow + 1),
    canAddTracking: canAddTracking(t),
  };
}

const problemView = ({ sheet, cell, severity, message }: Problem) => ({ sheet, cell, severity, message });

function scanResult(ev: Evaluation, problems: readonly Problem[] = ev.problems): ScanResult {
  return { tables: ev.tables.map(foundTable), problems: problems.map(problemView), kpis: kpiChoices(ev.rows, ev.log.entries) };
}

function roomOffer(r: RoomRequest): RoomOffer {
  return { sheet: r.sheet, table: r.table, after: columnLetters(r.at - 1), count: r.count };
}

const sameOffer = (a: RoomOffer, b: RoomOffer) => a.sheet === b.sheet && a.table === b.table && a.after === b.after && a.count === b.count;

/**
 * The engine's options for a run: the as-of date, and the pane's saved rules only where the workbook's KPA Settings
 * sheet sets none. The sheet is the rules everyone reads (`kpa` too), so a value in it is not overridden by a
 * setting saved in this document; the engine reads the sheet itself and reports what it could not read.
 */
function engineOptions(s: EvaluateSettings, grid: WorkbookGrid) {
  const sheet = readSettingsSheet(grid);
  return {
    asOf: s.asOf,
    tolerance: sheet.tolerance ? undefined : s.tolerance,
    dateOrder: sheet.dateOrder ? undefined : s.dateOrder,
    milestoneWindowDays: sheet.milestoneWindowDays ? undefined : s.milestoneWindowDays,
    fiscalYearStart: sheet.fiscalYearStart ? undefined : s.fiscalYearStart,
  };
}

/** The rules a KPA Settings sheet sets, each where it sets one. */
function sheetRules(grid: WorkbookGrid): Partial<EvaluateSettings> {
  const sheet = readSettingsSheet(grid);
  return {
    ...(sheet.tolerance ? { tolerance: sheet.tolerance.value } : {}),
    ...(sheet.dateOrder ? { dateOrder: sheet.dateOrder.value } : {}),
    ...(sheet.milestoneWindowDays ? { milestoneWindowDays: sheet.milestoneWindowDays.value } : {}),
    ...(sheet.fiscalYearStart ? { fiscalYearStart: sheet.fiscalYearStart.value } : {}),
  };
}

/**
 * What saving `s` writes to the settings sheet: each rule that differs from the one in effect (the sheet's, else the
 * document's, else the default), so a rule nobody changed is never written, and a workbook without the sheet gets
 * one only when a rule changes.
 */
function settingsEdit(grid: WorkbookGrid, saved: Partial<EvaluateSettings>, s: EvaluateSettings): SettingsEdit {
  const inEffect = withDefaults({ ...saved, ...sheetRules(grid) }, s.asOf);
  const changed: { -readonly [K in SettingKey]?: SettingValues[K] } = {};
  if (s.tolerance !== inEffect.tolerance) changed.tolerance = s.tolerance;
  if (s.dateOrder !== inEffect.dateOrder) changed.dateOrder = s.dateOrder;
  if (s.milestoneWindowDays !== inEffect.milestoneWindowDays) changed.milestoneWindowDays = s.milestoneWindowDays;
  if (s.fiscalYearStart !== inEffect.fiscalYearStart) changed.fiscalYearStart = s.fiscalYearStart;
  return planSettingsEdit(grid, changed, inEffect);
}

/** The defined name that marks our summary sheet (the engine's plan names it so; readOwnership reads it). */
const SUMMARY_NAME = `${NAME_PREFIX}Sheet_Summary`.toLowerCase();
/** The summary's rows above its status table are few, but its "Changes since" list can be long. */
const SUMMARY_ROWS_READ = 5000;

/** A cell of the summary's "As of" row as an ISO date: Excel keeps it as a serial number. */
function isoOf(v: unknown): string | null {
  if (typeof v === "number" && Number.isFinite(v)) return isoDate(dayFromSerial(v));
  if (typeof v === "string" && isIsoDate(v.trim())) return v.trim();
  return null;
}

const isStatus = (v: unknown): v is Status => (STATUSES as readonly unknown[]).includes(v);

/**
 * The evaluation our summary sheet describes: its "As of" date, its "Weighted score" and its status table
 * (Status | Rows | Share, then Total). Null when the sheet does not read as one.
 */
export function heldEvaluationOf(values: readonly (readonly unknown[])[]): HeldEvaluation | null {
  const label = (r: number) => (typeof values[r]?.[0] === "string" ? (values[r]?.[0] as string).trim() : "");
  let asOf: string | null = null;
  let weightedScore: number | null = null;
  let r = 0;
  for (; r < values.length && !(label(r) === "Status" && values[r]?.[1] === "Rows"); r++) {
    const v = values[r]?.[1];
    if (asOf === null && label(r) === "As of") asOf = isoOf(v);
    if (weightedScore === null && label(r) === "Weighted score" && typeof v === "number") weightedScore = v;
  }
  if (asOf === null || r >= values.length) return null;
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  let total: number | null = null;
  for (r++; r < values.length; r++) {
    const name = label(r);
    const n = values[r]?.[1];
    if (isStatus(name) && typeof n === "number") counts[name] = n;
    else if (name === "Total" && typeof n === "number") total = n;
    else break;
  }
  const sum = STATUSES.reduce((a, s) => a + counts[s], 0);
  return { asOf, total: total ?? sum, counts: counts as StatusCounts, weightedScore };
}

/**
 * Reads back the evaluation the workbook holds from our summary sheet: the one our defined name marks, and only
 * when its A1 holds our title (as readOwnership proves it). A sheet merely named or titled like ours is the user's.
 */
async function readHeldEvaluation(context: Excel.RequestContext): Promise<HeldEvaluation | null> {
  const wb = context.workbook;
  const names = wb.names.load("items/name,items/formula");
  const sheets = wb.worksheets.load("items/name");
  await context.sync();
  const present = new Set(sheets.items.map((s) => s.name));
  const marked = names.items.find((n) => n.name.toLowerCase() === SUMMARY_NAME);
  const ref = marked ? parseRef(marked.formula) : undefined;
  const sheet = ref && present.has(ref.sheet) ? ref.sheet : undefined;
  if (sheet === undefined) return null;
  const used = wb.worksheets.getItem(sheet).getUsedRangeOrNullObject(true).load("rowIndex,rowCount");
  await context.sync();
  if (used.isNullObject) return null;
  const rows = Math.min(SUMMARY_ROWS_READ, used.rowIndex + used.rowCount);
  const range = wb.worksheets.getItem(sheet).getRange(`A1:C${rows}`).load("values");
  await context.sync();
  if (range.values[0]?.[0] !== SHEET_TITLES.summary) return null;
  return heldEvaluationOf(range.values);
}

export function createExcelPort(run: ExcelRunner, options: ExcelPortOptions): ExcelPort {
  const now = options.now ?? (() => new Date());
  let busy: BusyTask | undefined;
  let lastStats: EvaluateStats | undefined;
  /** The current run's lock round trips; its release is counted once the run's work is done. */
  let lockSyncs = { taken: 0, released: 0 };
  /** The token of a run whose lock could not be released: still ours to take back. */
  let unreleased: string | undefined;

  /** Every failure leaves the port as a PortError whose message a user can act on. */
  async function guarded<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw toPortError(e);
    }
  }

  /**
   * One change at a time: a second Evaluate (or any other change) while one runs is refused, not queued; in this pane
   * by the port, and across the pane and the ribbon (separate runtimes) by the workbook's run lock, released after
   * every run. A failure to release after a failed run leaves the run's own reason to show; this port takes that
   * lock back on its next run, and any other after STALE_MS.
   */
  async function exclusive<T>(task: BusyTask, fn: () => Promise<T>): Promise<T> {
    if (busy) throw new PortError(MESSAGES.busy({ task: busy }));
    busy = task;
    try {
      return await guarded(async () => {
        const lock = { token: runToken(), since: now().getTime(), task };
        const syncs = { taken: await run((context) => takeLock(context, lock, unreleased)), released: 0 };
        lockSyncs = syncs;
        unreleased = undefined;
        let out: { value: T } | undefined;
        try {
          out = { value: await fn() };
        } finally {
          const released = await run((context) => releaseLock(context, lock.token)).catch((e: unknown) => {
            unreleased = lock.token;
            if (out) throw e;
            // The run's own failure is the one shown; this one is kept in the console, not dropped.
            console.warn("KPA Tracker could not release its run lock after a failed run:", e);
            return 0;
          });
          syncs.released = released;
        }
        return out.value;
      });
    } finally {
      busy = undefined;
    }
  }

  const batcher = (context: Excel.RequestContext) => new Batcher(context, options.budgetBytes ?? DEFAULT_BUDGET_BYTES);

  const port: ExcelPort = {
    kind: options.kind,
    get lastStats() {
      return lastStats;
    },
    loadSettings: () =>
      guarded(async () => {
        const saved = await options.settings.load();
        const read = await run((context) => readSettings(context));
        return { ...saved, ...sheetRules(read.grid) };
      }),

    saveSettings: (s) =>
      guarded(async () => {
        const saved = await options.settings.load();
        // Read first without the run lock: most saves (a new as-of date) change nothing in the workbook.
        const first = await run((context) => readSettings(context));
        if (settingsEdit(first.grid, saved, s).kind !== "none")
          await exclusive("saving the settings", () =>
            run(async (context) => {
              const read = await readSettings(context);
              const b = batcher(context);
              await queueSettingsEdit(b, context, read, settingsEdit(read.grid, saved, s), options.print ?? true);
              await b.flush();
            }),
          );
        await options.settings.save(s);
      }),

    scan: (settings) =>
      guarded(() =>
        run(async (context) => {
          const read = await readWorkbook(context, options.read);
          return scanResult(evaluateGrid(read.grid, engineOptions(settings, read.grid)));
        }),
      ),

    evaluate: (settings, onProgress?: (p: Progress) => void, evaluateOptions?: EvaluateOptions) =>
      exclusive("evaluating", () =>
        run(async (context): Promise<EvaluationResult> => {
          const started = now().getTime();
          const readAll = () =>
            readWorkbook(context, {
              ...options.read,
              onProgress: (fraction) => onProgress?.({ stage: "reading", fraction }),
            });
          const judge = (grid: WorkbookGrid) =>
            runEngine(grid, { ...engineOptions(settings, grid), generatedAt: timestamp(now()), generator: `${ENGINE_NAME} add-in` });
          onProgress?.({ stage: "reading", fraction: 0 });
          let read = await readAll();
          onProgress?.({ stage: "evaluating" });
          let { evaluation, plan } = judge(read.grid);
          // Only the inserts the user agreed to, and only if the workbook still needs exactly them.
          const accepted = evaluateOptions?.makeRoom ?? [];
          const inserted = plan.room.filter((r) => accepted.some((o) => sameOffer(o, roomOffer(r))));
          if (inserted.length > 0) {
            // Every sheet the evaluation writes must be writable before the insert changes anything.
            for (const r of inserted) checkSheetWritable(read, r.sheet, "insert columns in it");
            checkWritable(plan, read);
            queueInsertColumns(context, inserted);
            await context.sync();
            onProgress?.({ stage: "reading", fraction: 0 });
            read = await readAll();
            onProgress?.({ stage: "evaluating" });
            ({ evaluation, plan } = judge(read.grid));
          }
          onProgress?.({ stage: "writing" });
          const written = await applyPlan(context, plan, read, { budgetBytes: options.budgetBytes, inserted, print: options.print });
          lastStats = { readSyncs: read.syncs, writeSyncs: written.syncs, writeRetries: written.retries, lockSyncs };
          const byKey = new Map(evaluation.rows.map((r) => [r.key, r]));
          // One line per distinct gap: a KPA element judged through its goals repeats their figures, so the pane
          // lists the goals (as the counts do: rollups are not counted again).
          const isRollup = (key: string) => {
            const r = byKey.get(key);
            return r !== undefined && r.kind === "kpa" && (r.linked?.length ?? 0) > 0;
          };
          const gaps = plan.summary.gaps
            .filter((key) => !isRollup(key))
            .slice(0, 10)
            .flatMap((key) => {
              const r = byKey.get(key);
              if (!r) return [];
              return [
                {
                  key,
                  name: r.name,
                  status: r.status,
                  sheet: r.sheet,
                  cell: r.cell,
                  owner: r.owner ?? null,
                  gap: r.gap ?? null,
                  explanation: r.explanation,
                  trend: r.trend ? describeTrend(r.trend) : null,
                },
              ];
            });
          const changes = plan.history.changes.map(({ key, name, sheet, cell, from, to, kind }): ChangeView => ({
            key,
            name,
            sheet,
            cell,
            from,
            to,
            kind,
          }));
          return {
            ...scanResult(evaluation, plan.problems),
            asOf: plan.asOf,
            total: plan.summary.total,
            rollups: plan.summary.rollups,
            counts: plan.summary.byStatus,
            weightedScore: plan.summary.weightedScore ?? null,
            gaps,
            elapsedMs: now().getTime() - started,
            sheets: plan.sheets.map((s) => s.name),
            since: plan.history.since,
            changes,
            room: plan.room.map(roomOffer),
            madeRoom: inserted.map(roomOffer),
          };
        }),
      ),

    canUndo: () => guarded(() => run((context) => hasUndo(context))),

    workbookState: () =>
      guarded(() =>
        run(async (context): Promise<WorkbookState> => {
          const evaluation = await readHeldEvaluation(context);
          return { evaluation, canUndo: await hasUndo(context) };
        }),
      ),

    undo: () =>
      exclusive("undoing", () =>
        run(async (context): Promise<UndoResult> => {
          const out = await undoEvaluation(context);
          return out.undone
            ? { undone: true, message: MESSAGES.undone({ asOf: out.asOf, kept: out.kept }) }
            : { undone: false, message: MESSAGES.nothingToUndo() };
        }),
      ),

    select: (sheet, cell) =>
      guarded(() =>
        run(async (context) => {
          const ws = context.workbook.worksheets.getItem(sheet);
          ws.activate();
          ws.getRange(cell).select();
          await context.sync();
        }),
      ),

    insertTemplate: (department: DepartmentId) =>
      exclusive("adding a template", () =>
        run(async (context) => {
          const dept = DEPARTMENTS.find((d) => d.id === department);
          if (!dept) throw new PortError(MESSAGES.unknownDepartment({ department }));
          const protection = context.workbook.protection.load("protected");
          const sheets = context.workbook.worksheets.load("items/name");
          await context.sync();
          const layout = templateSheet(dept, localDay(now()));
          const taken = sheets.items.map((s) => s.name);
          const name = uniqueSheetName(layout.name, taken);
          if (protection.protected) throw new PortError(MESSAGES.sheetCannotBeAdded({ sheet: name }));
          const b = batcher(context);
          await b.add(40, () => void context.workbook.worksheets.add(name));
          const ws = sheetRef(context, name);
          await queueSheetContent(b, ws, layout);
          await b.add(20, () => ws.get().activate());
          await b.flush();
          return name;
        }),
      ),

    addTrackingColumns: (tableId) =>
      exclusive("adding tracking columns", () =>
        run(async (context) => {
          const read = await readWorkbook(context, options.read);
          const table = read.grid.sheets.flatMap((g) => detectTables(g)).find((t) => t.id === tableId);
          if (!table) throw new PortError(MESSAGES.tableGone({ table: tableId }));
          if (!canAddTracking(table)) throw new PortError(MESSAGES.tableHasTracking({ table: tableId }));
          const write = trackingColumns(read.grid, table, readOwnership(read.grid));
          if ("message" in write) throw new PortError(write.message, { sheet: write.sheet, cell: write.cell });
          checkSheetWritable(read, table.sheet, "add its tracking columns");
          const b = batcher(context);
          const ws = sheetRef(context, table.sheet);
          await b.add(120, () =>
            ws
              .get()
              .getRangeByIndexes(write.row, write.col, 1, 2)
              .copyFrom(`${quoteSheet(table.sheet)}!${cellAddress(table.headerRow, table.right)}`, "Formats" as Excel.RangeCopyType),
          );
          await queueValues(b, ws, write.row, write.col, write.values);
          await b.flush();
          return `${table.sheet}!${rangeAddress({ top: write.row, left: write.col, bottom: write.row, right: write.col + 1 })}`;
        }),
      ),

    recordMeasurement: (entry: MeasurementEntry) =>
      exclusive("recording a measurement", () =>
        run(async (context) => {
          const read = await readWorkbook(context, options.read);
          // Dates and periods ("Q3 2050") are read by the rules an evaluation would use.
          const rules = engineOptions(withDefaults(await options.settings.load(), isoDate(localDay(now()))), read.grid);
          const plan = planMeasurements(read.grid, [entry], dateRulesIn(read.grid, rules));
          if (plan.issues.length > 0) throw new PortError(MESSAGES.nothingRecorded({ issues: plan.issues }));
          if (!plan.append || !plan.at) {
            // Already in the log: point at the row that holds it (or, failing that, at the log's header).
            const at = plan.alreadyAt[0];
            if (!at) throw new PortError(MESSAGES.logLost());
            return { sheet: at.sheet, cell: at.cell, added: false };
          }
          const append = plan.append;
          if (!append.create) checkSheetWritable(read, append.sheet, "add the measurement to it");
          else if (read.workbookProtected) throw new PortError(MESSAGES.sheetCannotBeAdded({ sheet: append.sheet }));
          const b = batcher(context);
          await queueAppend(b, context, append, options.print ?? true);
          await b.flush();
          return { sheet: plan.at.sheet, cell: plan.at.cell, added: true };
        }),
      ),
  };
  return port;
}
