// The engine's public surface: grids in, evaluation and write plan out. No Office, React, DOM or file formats here.
// Adapters (src/excel, src/xlsx) and the apps on top of them import from this file only; the modules behind it are
// free to move. Data path: detect (detect.ts) → evaluate (evaluate.ts, judge/) → summarize (stats.ts) → plan (plan.ts).
import { timestamp } from "./dates";
import { evaluateWithSettings } from "./evaluate";
import type { WorkbookGrid } from "./grid";
import type { Evaluation } from "./model";
import { buildPlan } from "./plan";
import type { EvaluateOptions } from "./settings";
import type { SettingsInEffect } from "./settings-sheet";
import type { PlanOptions, WritePlan } from "./write-plan";

// Grids in: cells, addresses and dates.
export type { CellError, CellValue, DefinedName, Rect, SheetGrid, WorkbookGrid } from "./grid";
export { isCellError, pointInRect, rectInside } from "./grid";
export {
  MAX_SHEET_NAME,
  absoluteRef,
  cellAddress,
  columnIndex,
  columnLetters,
  parseAreas,
  parseRef,
  quoteSheet,
  rangeAddress,
  uniqueSheetName,
} from "./address";
export type { DateOrder, DateRules, Day } from "./dates";
export {
  dayFromDate,
  dayFromSerial,
  dayFromYMD,
  isDateFormat,
  isTimeFormat,
  isoDate,
  localDay,
  longDate,
  isoFromSerial,
  parseIsoDate,
  serialFromDay,
  serialFromIso,
  timestamp,
} from "./dates";

// Settings: the one set of rules for the as-of date, tolerance and date order.
export type { EvaluateOptions, SectionTolerance } from "./settings";
export {
  DEFAULT_DATE_ORDER,
  DEFAULT_FISCAL_YEAR_START,
  DEFAULT_MILESTONE_WINDOW_DAYS,
  DEFAULT_TOLERANCE,
  InvalidOptionError,
  MAX_MILESTONE_WINDOW_DAYS,
  MAX_TOLERANCE,
  asOfProblem,
  checkOptions,
  dateOrderProblem,
  fiscalYearStartProblem,
  isIsoDate,
  isMonth,
  isMilestoneWindowDays,
  isTolerance,
  milestoneWindowProblem,
  parseDateOrder,
  toleranceProblem,
} from "./settings";
// The KPA Settings sheet: the same rules kept in the workbook, under the options a caller passes.
export type { SettingKey, SettingOverride, SettingsInEffect, SettingsSheet, SheetValue } from "./settings-sheet";
export {
  SETTINGS_NAME,
  SETTINGS_SHEET,
  SETTINGS_TITLE,
  SETTING_LABELS,
  readDateOrder as readDateOrderSetting,
  readMonth,
  monthName,
  readSettingsSheet,
  readTolerance,
  readWindowDays,
  settingsInEffect,
  dateRulesIn,
  showSetting,
} from "./settings-sheet";

// Detect and evaluate.
export type { Column, Table, TableKind } from "./table";
export { detectTables } from "./detect";
export { evaluateGrid, evaluateWithSettings } from "./evaluate";
export { type SingleInput, type SingleOptions, type SingleResult, type SingleValue, judgeOne } from "./single";
export type { ActualFrom, Evaluation, Judgement, RoleGap, RowResult, StatusChange } from "./model";
export type { Problem, ProblemCode, Severity } from "./problems";
export { where } from "./problems";
export type { Status } from "./status";
export { SEVERITY_ORDER, STATUSES, STATUS_STYLE, severity, worst } from "./status";
export type { Projection, Trend, TrendDirection, TrendPoint } from "./trend";
export { describeTrend } from "./trend";

// Summarize.
export type { Breakdown, StatusCounts, Summary } from "./stats";
export { gapsWorstFirst, rollupNote, sectionOf, summarize } from "./stats";

// Plan, and what we own in a workbook.
export type {
  AppendPlan,
  CellStyle,
  CfPlan,
  CfRule,
  ChartPlan,
  PlanDate,
  PlanLink,
  PlanOptions,
  PlanValue,
  RangeWrite,
  RoomRequest,
  SheetPlan,
  PrintSetup,
  SheetSetup,
  ValidationPlan,
  WritePlan,
} from "./write-plan";
export { buildPlan } from "./plan";
export type { ColumnDelete, ColumnInsert } from "./shift";
export { LAST_COLUMN, deleteColumnsInFormula, deleteSpan, shiftAreas, shiftColumn, shiftFormula, translateFormula } from "./shift";
export { applyPlanToGrid, planValueToCell } from "./apply";
export { STYLES } from "./sheets/styles";
export type { Ownership, OurSheet } from "./ownership";
export { NAME_PREFIX, OUR_SHEETS, SHEET_TITLES, contentDigest, isOurSheet, readOwnership } from "./ownership";
export { HISTORY_HEADERS } from "./sheets/history";
export type { SettingValues, SettingsCellWrite, SettingsEdit } from "./sheets/settings-sheet";
export { planSettingsEdit } from "./sheets/settings-sheet";
export type { Report, ReportRow } from "./report";
export { buildReport } from "./report";

// The measurement log and what feeds it.
export type { KpiChoice, KpiGroup, LogEntry, LogTable, MeasurementLog } from "./log";
export { LOG_HEADERS, LOG_SHEET, LOG_TAB_COLOR, LOG_WIDTHS, findLogTables, kpiChoices, readLog } from "./log";
export type { MeasurementInput, MeasurementIssue, MeasurementPlan } from "./sheets/log-append";
export { planMeasurements } from "./sheets/log-append";
export type { ColumnMap, ColumnOverrides, CsvIssue, CsvMeasurements, CsvParserOptions, CsvTable, MeasurementField } from "./csv";
export {
  CsvError,
  CsvParser,
  FIELD_LABELS,
  MAX_HEADER_TEXT,
  MAX_IMPORT_ROWS,
  MEASUREMENT_FIELDS,
  csvMeasurements,
  parseColumnMap,
  parseCsv,
  resolveColumns,
} from "./csv";

// New workbooks and tracking columns.
export type { Department, DepartmentId } from "./library";
export { DEPARTMENTS, departmentOf, findDepartment } from "./library";
export type { TemplateSheet } from "./template";
export { templateSheet } from "./template";
export { TRACKING_HEADERS, canAddTracking, trackingColumns } from "./tracking";

export const ENGINE_NAME = "KPA Tracker";

export interface RunResult {
  readonly evaluation: Evaluation;
  readonly plan: WritePlan;
  /** The settings judged by (options over the KPA Settings sheet over the defaults), and the sheet values overridden. */
  readonly settings: SettingsInEffect;
}

/**
 * Detect → evaluate → summarize → plan, in one call. Options given override the workbook's KPA Settings sheet. A
 * workbook without one gets it, holding the settings this run judged by (unless `writeSettings` is false), so the
 * next run, in either path, judges by the same rules and a reader can see them.
 */
export function run(
  wb: WorkbookGrid,
  options: EvaluateOptions & Partial<Omit<PlanOptions, "settings">> & { readonly writeSettings?: boolean },
): RunResult {
  const { evaluation, settings } = evaluateWithSettings(wb, options);
  const plan = buildPlan(wb, evaluation, {
    generatedAt: options.generatedAt ?? timestamp(),
    generator: options.generator ?? ENGINE_NAME,
    ...(options.writeSettings === false ? {} : { settings }),
  });
  return { evaluation, plan, settings };
}

// Limits of what is read and written, and their sentences (both paths).
export { EXCEL_COLUMNS, EXCEL_ROWS, MAX_CELLS, MAX_CELL_TEXT, MAX_COLUMNS, cellText, tooManyCells, tooManyColumns } from "./limits";
