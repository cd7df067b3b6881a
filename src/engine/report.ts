// The JSON report other tools read: every evaluated row, every problem and the summary.
import { rangeAddress } from "./address";
import { checkOptions } from "./settings";
import type { ActualFrom, Evaluation, StatusChange } from "./model";
import type { Problem } from "./problems";
import type { SettingKey, SettingsInEffect } from "./settings-sheet";
import { type Summary, isRollup } from "./stats";
import type { Status } from "./status";
import type { Projection, TrendDirection, TrendPoint } from "./trend";
import type { WritePlan } from "./write-plan";

export interface ReportRow {
  readonly sheet: string;
  /** 1-based worksheet row. */
  readonly row: number;
  readonly cell: string;
  readonly table: string;
  readonly section: string | null;
  readonly key: string;
  readonly name: string;
  readonly owner: string | null;
  readonly priority: string | null;
  readonly status: Status;
  readonly actual: string | null;
  readonly target: string | null;
  readonly progress: number | null;
  readonly gap: string | null;
  readonly timeline: string | null;
  readonly nextReview: string | null;
  readonly explanation: string;
  /** For a KPA element judged through its goals: their keys. Such a row is not counted again in the summary. */
  readonly judgedBy: readonly string[] | null;
  /** Where the actual came from when the log was involved: the entry used ("log") or overridden by a typed Actual ("table"). */
  readonly actualFrom: ActualFrom | null;
  readonly trend: {
    readonly direction: TrendDirection;
    readonly change: number;
    readonly changeText: string;
    readonly previous: TrendPoint;
    readonly latest: TrendPoint;
    readonly projection: Projection | null;
    readonly points: number;
  } | null;
}

export interface Report {
  readonly asOf: string;
  readonly generatedAt: string;
  readonly generator: string;
  readonly tolerance: number;
  readonly tables: readonly {
    readonly sheet: string;
    readonly range: string;
    readonly kind: string;
    readonly section: string | null;
    readonly rows: number;
  }[];
  readonly rows: readonly ReportRow[];
  readonly problems: readonly Omit<Problem, "code">[];
  readonly summary: Summary;
  /** Since the previous evaluation in the KPA History sheet: rows newly Off Track or Overdue, and rows back to Met. */
  readonly changes: { readonly since: string | null; readonly rows: readonly StatusChange[] };
  readonly roleGaps: readonly { readonly owner: string; readonly cells: string; readonly suggestion: string | null }[];
  /** The settings judged by, where each came from, and the KPA Settings values an option overrode for this run. */
  readonly settings?: {
    readonly sheet: string | null;
    readonly tolerance: number;
    readonly milestoneWindowDays: number;
    readonly dateOrder: string;
    readonly fiscalYearStart: number;
    readonly sectionTolerances: readonly { readonly section: string; readonly tolerance: number }[];
    readonly sources: Readonly<Record<SettingKey, "option" | "sheet" | "default">>;
    readonly overrides: readonly { readonly setting: string; readonly cell: string; readonly sheetValue: string; readonly value: string }[];
  };
}

function settingsReport(s: SettingsInEffect): NonNullable<Report["settings"]> {
  const o = checkOptions(s.options);
  return {
    sheet: s.sheet.sheet ?? null,
    tolerance: o.tolerance,
    milestoneWindowDays: o.milestoneWindowDays,
    dateOrder: o.order,
    fiscalYearStart: o.fiscalYearStart,
    sectionTolerances: o.sectionTolerances.map(({ section, tolerance }) => ({ section, tolerance })),
    sources: s.source,
    overrides: s.overrides.map((x) => ({ setting: x.label, cell: x.where, sheetValue: x.sheetValue, value: x.value })),
  };
}

export function buildReport(
  ev: Evaluation,
  plan: WritePlan,
  meta: { generatedAt: string; generator: string; settings?: SettingsInEffect },
): Report {
  return {
    asOf: ev.asOf,
    generatedAt: meta.generatedAt,
    generator: meta.generator,
    tolerance: ev.tolerance,
    tables: ev.tables.map((t) => ({
      sheet: t.sheet,
      range: rangeAddress({ top: t.headerRow, left: t.left, bottom: t.lastRow, right: t.right }),
      kind: t.kind,
      section: t.group ?? null,
      rows: Math.max(0, t.lastRow - t.firstRow + 1),
    })),
    rows: ev.rows.map((r) => ({
      sheet: r.sheet,
      row: r.row + 1,
      cell: r.cell,
      table: r.kind,
      section: r.group ?? null,
      key: r.key,
      name: r.name,
      owner: r.owner ?? null,
      priority: r.priority ?? null,
      status: r.status,
      actual: r.actual ?? null,
      target: r.target ?? null,
      progress: r.progress === undefined ? null : Math.round(r.progress * 10000) / 10000,
      gap: r.gap ?? null,
      timeline: r.timeline ?? null,
      nextReview: r.nextReview ?? null,
      explanation: r.explanation,
      judgedBy: isRollup(r) ? (r.linked ?? []) : null,
      actualFrom: r.actualFrom ?? null,
      trend: r.trend
        ? {
            direction: r.trend.direction,
            change: r.trend.change,
            changeText: r.trend.changeText,
            previous: r.trend.previous,
            latest: r.trend.latest,
            projection: r.trend.projection ?? null,
            points: r.trend.series.length,
          }
        : null,
    })),
    problems: plan.problems.map(({ sheet, cell, severity, message }) => ({ sheet, cell, severity, message })),
    summary: plan.summary,
    changes: { since: plan.history.since, rows: plan.history.changes },
    roleGaps: ev.roleGaps.map((g) => ({ owner: g.owner, cells: g.cells, suggestion: g.suggestion ?? null })),
    ...(meta.settings ? { settings: settingsReport(meta.settings) } : {}),
  };
}
