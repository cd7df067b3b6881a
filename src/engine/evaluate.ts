// Judges every row of every detected table against its target as of a date: reads each row, hands it to the
// judge for its table kind, then links elements to goals and checks owners against the roles table.
import { checkAccountability } from "./accountability";
import { tableProblems } from "./columns-by-content";
import { isoDate } from "./dates";
import { detectTables } from "./detect";
import type { Table } from "./table";
import { linkElements } from "./elements";
import { EXPLAIN } from "./explain";
import { SheetView, type WorkbookGrid } from "./grid";
import type { Field } from "./headers";
import { judgeTarget } from "./judge/numeric";
import { judgeTraining } from "./judge/training";
import { LogIndex, readLog } from "./log";
import { flat, intern } from "./memo";
import type { Evaluation, Judgement, RowResult } from "./model";
import { isOurSheet, readOwnership } from "./ownership";
import { reviewSchedule } from "./review";
import { type JudgeContext, RowReader, readDate, readWeight } from "./row-reader";
import { type EvaluateOptions, checkOptions } from "./settings";
import { type SettingsInEffect, settingsInEffect, toleranceFor } from "./settings-sheet";

/** Detects and evaluates the grids. Bad data becomes problems; only invalid options throw (InvalidOptionError). */
export function evaluateGrid(wb: WorkbookGrid, options: EvaluateOptions): Evaluation {
  return evaluateWithSettings(wb, options).evaluation;
}

/**
 * As evaluateGrid, judging by the workbook's KPA Settings sheet under the caller's options (an option given wins
 * over the sheet's value, which wins over the default), and saying which settings applied and where from.
 */
export function evaluateWithSettings(wb: WorkbookGrid, options: EvaluateOptions): { evaluation: Evaluation; settings: SettingsInEffect } {
  const settings = settingsInEffect(wb, options);
  const { asOf, tolerance, order, fiscalYearStart, milestoneWindowDays, sectionTolerances } = checkOptions(settings.options);
  const ownership = readOwnership(wb);
  // The settings sheet is rules, not data: no table or log is read from it.
  const skip = (name: string) => isOurSheet(ownership, name) || name === settings.sheet.sheet;
  const log = readLog(wb, { order, fiscalYearStart }, skip);
  const logIndex = new LogIndex(log);
  const ctx: JudgeContext = {
    asOf,
    tolerance,
    order,
    fiscalYearStart,
    milestoneWindowDays,
    problems: [...settings.problems, ...ownership.problems, ...log.problems],
    log: logIndex,
    targets: new Map(),
  };
  const logHeaders = new Set(log.tables.map((t) => `${t.sheet}|${t.headerRow}`));

  const tables: Table[] = [];
  const rows: RowResult[] = [];
  const keys = new Map<string, number>();
  for (const sheet of wb.sheets) {
    if (skip(sheet.name)) continue;
    const view = new SheetView(sheet);
    const written = ownership.blocks.filter((b) => b.sheet === sheet.name).map((b) => b.rect);
    for (const table of detectTables(sheet, written)) {
      // The log's header (KPI, Source, Note…) also reads like a KPA table; it is data, not a table to judge.
      if (logHeaders.has(`${table.sheet}|${table.headerRow}`)) continue;
      tables.push(table);
      if (table.kind === "roles") continue;
      const prefix = `${sheet.name}|${table.kind}|`;
      // A row's key: sheet, kind and name, numbered from the second row of the same name.
      const keyFor = (name: string) => {
        const base = flat(prefix + name.toLowerCase());
        const n = (keys.get(base) ?? 0) + 1;
        keys.set(base, n);
        return n === 1 ? base : `${base}#${n}`;
      };
      // A section with a tolerance of its own judges its rows by it; the context is otherwise the same (shared problems).
      const own = toleranceFor(table.group, sectionTolerances, tolerance);
      const tableCtx = own === tolerance ? ctx : { ...ctx, tolerance: own, sectionTolerance: true };
      for (let r = table.firstRow; r <= table.lastRow; r++) {
        const row = new RowReader(view, table, r, ownership);
        if (row.isEmptyRecord()) continue;
        rows.push(evaluateRow(row, tableCtx, keyFor));
      }
      // How the table's actual column was found, or one problem when it has none (columns-by-content.ts).
      ctx.problems.push(...tableProblems(table, rows));
    }
  }
  const linked = linkElements(rows, ctx.problems);
  const roleGaps = checkAccountability(wb, tables, ctx.problems);
  ctx.problems.push(...logIndex.unmatched());
  const evaluation = { asOf: options.asOf, tolerance, tables, rows: linked, problems: ctx.problems, ownership, log, roleGaps };
  return { evaluation, settings };
}

function evaluateRow(row: RowReader, ctx: JudgeContext, keyFor: (name: string) => string): RowResult {
  const t = row.table;
  const nameField: Field = t.kind === "goals" ? "goal" : t.kind === "training" ? (row.has("role") ? "role" : "trainingNeeds") : "name";
  let name = row.text(nameField);
  if (t.kind === "training" && row.has("trainingNeeds") && nameField === "role" && name)
    name = `${name}: ${row.text("trainingNeeds")}`.replace(/[.:\s]+$/, "");
  if (!name) name = `Row ${row.row + 1}`;
  const weight = readWeight(row, ctx); // before the judge: its problems come first, as they always have
  const timeline = readDate(row, "timeline", "Timeline", ctx);
  const nextReview = reviewSchedule(row, name, ctx);
  const j: Judgement =
    t.kind === "training"
      ? judgeTraining(row, name, timeline, ctx)
      : t.kind === "kpa"
        ? { status: "Needs Target", explanation: EXPLAIN.elementWithoutGoal() }
        : judgeTarget(row, name, timeline, ctx);
  // One object of one shape, written out: spreading the parts made each row a fresh shape, and the copies were a
  // quarter of the run's time (issue 13).
  return {
    key: keyFor(name),
    sheet: t.sheet,
    row: row.row,
    cell: row.address(nameField),
    tableId: t.id,
    kind: t.kind,
    group: t.group,
    name,
    owner: row.text("owner") || undefined,
    priority: row.text("priority") || undefined,
    department: row.text("department") || t.group || undefined,
    status: j.status,
    explanation: flat(j.explanation),
    progress: j.progress,
    actual: j.actual === undefined ? undefined : intern(j.actual),
    target: j.target === undefined ? undefined : intern(j.target),
    gap: j.gap === undefined ? undefined : intern(j.gap),
    shortfall: j.shortfall,
    // A judge that read the deadline from the target's words says so; otherwise the Timeline cell's date.
    timeline: j.timeline ?? (timeline !== undefined ? isoDate(timeline) : undefined),
    nextReview,
    weight,
    groupWeight: t.groupWeight,
    linked: undefined,
    actualFrom: j.actualFrom,
    trend: j.trend,
  };
}
