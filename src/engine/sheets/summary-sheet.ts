// The "KPA Summary" sheet: as-of, score, changes since last time, counts by status, section, owner and priority,
// a block per section, trends and the points behind them, role gaps and every problem, each linked to its cell.
import type { Rect } from "../grid";
import type { Evaluation, RowResult } from "../model";
import { SHEET_TITLES } from "../ownership";
import type { Problem } from "../problems";
import { type Summary, rollupNote, rowsByKey, sectionOf } from "../stats";
import { STATUSES, STATUS_STYLE } from "../status";
import { describeTrend, directionScore } from "../trend";
import type { Unit } from "../values";
import type { PlanOptions, SheetPlan } from "../write-plan";
import { SheetBuilder, dateValue, link, round4 } from "./builder";
import { STYLES } from "./styles";
import type { HistoryPlan } from "./history";

const TREND_FORMAT = '"improving";"declining";"flat"';
const CHART_COL = 11;
// Durations are in hours; money keeps no symbol because the log may mix currencies.
const UNIT_FORMATS: Partial<Record<Unit, string>> = { percent: "0%", hours: '0.0" h"', currency: "#,##0" };
const MAX_TREND_CHARTS = 6;

export function summarySheet(
  name: string,
  ev: Evaluation,
  s: Summary,
  problems: readonly Problem[],
  history: HistoryPlan,
  opts: PlanOptions,
): SheetPlan {
  const b = new SheetBuilder(name);
  const byKey = rowsByKey(ev);
  // The three worst gaps of each section, in one pass over the gaps (worst first) rather than one per section.
  const worstOf = new Map<string, RowResult[]>();
  for (const k of s.gaps) {
    const r = byKey.get(k) as RowResult;
    const id = sectionOf(r).toLowerCase();
    const list = worstOf.get(id);
    if (!list) worstOf.set(id, [r]);
    else if (list.length < 3) list.push(r);
  }
  b.add([SHEET_TITLES.summary], STYLES.title);
  b.add(["As of", dateValue(ev.asOf)]);
  b.format({ top: 1, left: 1, bottom: 1, right: 1 }, "yyyy-mm-dd");
  b.add(["Generated", `${opts.generatedAt} by ${opts.generator}`], STYLES.subtle);
  b.add(["Tolerance", ev.tolerance]);
  b.format({ top: 3, left: 1, bottom: 3, right: 1 }, "0%");
  if (s.weightedScore !== undefined) {
    const r = b.add(["Weighted score", round4(s.weightedScore)], { bold: true });
    b.format({ top: r, left: 1, bottom: r, right: 1 }, "0%");
  }

  b.blank();
  if (history.since === undefined) b.add(["Changes: this is the first evaluation in the KPA History sheet."], STYLES.subtle);
  else {
    b.add([`Changes since the evaluation as of ${history.since}`], { bold: true });
    if (history.changes.length === 0) b.add(["No row became Off Track or Overdue, and none recovered to Met."], STYLES.subtle);
    for (const c of history.changes) {
      const what = c.kind === "worse" ? `Newly ${c.to}` : "Recovered to Met";
      b.add([what, c.name, `was ${c.from}`, link(c)]);
    }
  }

  b.blank();
  const statusTop = b.add(["Status", "Rows", "Share"], STYLES.header);
  for (const st of STATUSES) b.add([st, s.byStatus[st], s.total ? round4(s.byStatus[st] / s.total) : 0]);
  const statusRows: Rect = { top: statusTop + 1, left: 0, bottom: statusTop + STATUSES.length, right: 0 };
  b.statusRules(statusRows);
  b.format({ ...statusRows, left: 2, right: 2 }, "0%");
  b.bars({ ...statusRows, left: 2, right: 2 });
  b.add(["Total", s.total, s.total ? 1 : 0], { bold: true });
  b.format({ top: b.row - 1, left: 2, bottom: b.row - 1, right: 2 }, "0%");
  const rollups = rollupNote(s);
  if (rollups) b.add([rollups], STYLES.subtle);
  b.charts.push({
    kind: "pie",
    title: `Status of ${s.total} rows as of ${ev.asOf}`,
    series: [
      {
        name: "Rows",
        values: { ...statusRows, left: 1, right: 1 },
        categories: statusRows,
        pointColors: STATUSES.map((st) => STATUS_STYLE[st].fill),
      },
    ],
    from: { row: 0, col: CHART_COL },
    to: { row: 15, col: CHART_COL + 6 },
  });

  for (const [title, list] of [
    ["Section", s.bySection],
    ["Owner", s.byOwner],
    ["Priority", s.byPriority],
  ] as const) {
    b.blank();
    const scored = list.some((x) => x.score !== undefined);
    const top = b.add([title, ...STATUSES, "Total", ...(scored ? ["Score"] : [])], STYLES.header);
    for (const row of list) {
      b.add([
        row.key,
        ...STATUSES.map((st) => row.counts[st]),
        row.total,
        ...(scored ? [row.score === undefined ? null : round4(row.score)] : []),
      ]);
    }
    if (scored && list.length > 0) {
      const scores: Rect = { top: top + 1, left: STATUSES.length + 2, bottom: b.row - 1, right: STATUSES.length + 2 };
      b.format(scores, "0%");
      b.bars(scores);
    }
  }

  // One block per section or department: what a team lead reads first.
  for (const sec of s.bySection) {
    b.blank();
    b.add([sec.key, null, null, null, null], STYLES.section);
    const counts = STATUSES.filter((st) => sec.counts[st] > 0).map((st) => `${st} ${sec.counts[st]}`);
    b.add([`${sec.total} rows: ${counts.join(" · ")}`]);
    if (sec.score !== undefined) {
      const line = b.add(["Weighted score", round4(sec.score)]);
      b.format({ top: line, left: 1, bottom: line, right: 1 }, "0%");
    }
    const worst = worstOf.get(sec.key.toLowerCase()) ?? [];
    if (worst.length === 0) b.add(["Every row is Met."], STYLES.subtle);
    else {
      const top = b.add(["Worst gaps", "Status", "Gap", "Trend", "Where"], { bold: true });
      for (const r of worst) b.add([r.name, r.status, r.gap ?? null, r.trend ? describeTrend(r.trend) : null, link(r)]);
      b.statusRules({ top: top + 1, left: 1, bottom: b.row - 1, right: 1 });
    }
  }

  const trended = ev.rows.filter((r) => r.trend && r.kind !== "kpa");
  const seriesAt: { row: RowResult; from: number; to: number }[] = [];
  if (trended.length > 0) {
    b.blank();
    b.add(["Trends from the KPA Data log"], { bold: true });
    const top = b.add(["KPI", "Trend", "Change", "Since", "Latest", "On", "Projected", "By", "Status"], STYLES.header);
    for (const r of trended) {
      const t = r.trend as NonNullable<RowResult["trend"]>;
      b.add([
        r.name,
        directionScore(t.direction),
        t.delta,
        dateValue(t.previous.date),
        r.actual ?? null,
        dateValue(t.latest.date),
        t.projection?.text ?? null,
        t.projection ? dateValue(t.projection.date) : null,
        r.status,
      ]);
    }
    const rows: Rect = { top: top + 1, left: 1, bottom: b.row - 1, right: 1 };
    b.format(rows, TREND_FORMAT);
    b.arrows(rows);
    for (const col of [3, 5, 7]) b.format({ ...rows, left: col, right: col }, "yyyy-mm-dd");
    b.statusRules({ ...rows, left: 8, right: 8 });

    // The points behind the trend charts, one block per KPI, readable on their own too.
    b.blank();
    b.add(["Trend data (logged values up to the as-of date)"], { bold: true });
    b.add(["KPI", "Date", "Value"], STYLES.header);
    for (const r of trended) {
      const t = r.trend as NonNullable<RowResult["trend"]>;
      const percent = t.unit === "percent";
      const from = b.row;
      for (const p of t.series) b.add([r.name, dateValue(p.date), percent ? round4(p.value / 100) : p.value]);
      b.format({ top: from, left: 1, bottom: b.row - 1, right: 1 }, "yyyy-mm-dd");
      const format = UNIT_FORMATS[t.unit];
      if (format) b.format({ top: from, left: 2, bottom: b.row - 1, right: 2 }, format);
      seriesAt.push({ row: r, from, to: b.row - 1 });
    }
  }
  seriesAt.slice(0, MAX_TREND_CHARTS).forEach((x, i) => {
    const top = 16 + i * 15;
    b.charts.push({
      kind: "line",
      title: x.row.name,
      series: [
        {
          name: x.row.name,
          values: { top: x.from, left: 2, bottom: x.to, right: 2 },
          categories: { top: x.from, left: 1, bottom: x.to, right: 1 },
        },
      ],
      from: { row: top, col: CHART_COL },
      to: { row: top + 14, col: CHART_COL + 6 },
    });
  });

  if (ev.roleGaps.length > 0) {
    b.blank();
    b.add([`Role clarity: ${ev.roleGaps.length} owner(s) without a row in the roles table`], { bold: true });
    b.add(["Owner", "Named in", "Did you mean", "Where"], STYLES.header);
    for (const g of ev.roleGaps) b.add([g.owner, g.cells, g.suggestion ?? null, link(g)]);
  }

  b.blank();
  b.add([`Problems (${s.errors} errors, ${s.warnings} warnings)`], { bold: true });
  if (problems.length === 0) b.add(["None found."], STYLES.subtle);
  else {
    b.add(["Severity", "Where", "Message"], STYLES.header);
    for (const p of problems) b.add([p.severity, link(p), p.message]);
  }
  // The title and the as-of line stay in view and head every printed page.
  return b.finish("summary", { widths: [34, 12, 14, 14, 12, 12, 12, 12, 12, 12], tabColor: "#1F3864", freezeRows: 2 });
}
