// The "KPA Summary" sheet. A one-screen top (as-of, score, counts by status with a pie, changes since last time,
// the three worst gaps), then the detail: counts by section, owner and priority, a block per section, trends with
// their charts and points, role gaps and every problem, each linked to its cell. Each table prints whole on a page.
import type { Rect } from "../grid";
import type { Evaluation, RowResult } from "../model";
import { SHEET_TITLES } from "../ownership";
import type { Problem } from "../problems";
import { type Summary, rollupNote, rowsByKey, sectionOf } from "../stats";
import { STATUSES, STATUS_STYLE } from "../status";
import { describeTrend, directionScore } from "../trend";
import type { Unit } from "../values";
import type { PlanOptions, SheetPlan } from "../write-plan";
import { SheetBuilder, dateValue, footer, link, round4 } from "./builder";
import { STYLES } from "./styles";
import type { HistoryPlan } from "./history";

const TREND_FORMAT = '"improving";"declining";"flat"';
/** The columns of the section, owner and priority tables (a name, each status, Total, Score). */
const COLUMNS = 10;
/** The pie to the right of the status counts, and how many rows it and each trend chart take. */
const PIE_COL = 4;
const PIE_ROWS = 14;
const LINE_ROWS = 14;
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
  // The top, one screen: as-of, score, counts with bars and a pie, changes since last time, the worst gaps.
  b.line(SHEET_TITLES.summary, STYLES.title);
  b.add(["As of", dateValue(ev.asOf)]);
  b.format({ top: 1, left: 1, bottom: 1, right: 1 }, "yyyy-mm-dd");
  b.span(b.add(["Generated", `${opts.generatedAt} by ${opts.generator}`], STYLES.subtle), 1, -1);
  b.add(["Tolerance", ev.tolerance]);
  b.format({ top: 3, left: 1, bottom: 3, right: 1 }, "0%");
  if (s.weightedScore !== undefined) {
    const r = b.add(["Weighted score", round4(s.weightedScore)], { bold: true });
    b.format({ top: r, left: 1, bottom: r, right: 1 }, "0%");
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
  // The pie sits beside the counts, in the columns the detail tables use further down.
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
    from: { row: statusTop, col: PIE_COL },
    to: { row: statusTop + PIE_ROWS, col: COLUMNS },
  });
  while (b.row < statusTop + PIE_ROWS) b.blank();
  b.keep(statusTop, statusTop + PIE_ROWS - 1);
  const rollups = rollupNote(s);
  if (rollups) b.line(rollups, STYLES.subtle);

  b.blank();
  if (history.since === undefined) b.line("Changes: this is the first evaluation in the KPA History sheet.", STYLES.subtle);
  else {
    const top = b.line(`Changes since the evaluation as of ${history.since}`, { bold: true });
    if (history.changes.length === 0) b.line("No row became Off Track or Overdue, and none recovered to Met.", STYLES.subtle);
    for (const c of history.changes) {
      const what = c.kind === "worse" ? `Newly ${c.to}` : "Recovered to Met";
      const r = b.add([c.name, what, null, `was ${c.from}`, null, link(c)]);
      b.span(r, 1, 2);
      b.span(r, 3, 4);
      b.span(r, 5, -1);
    }
    b.keep(top, b.row - 1);
  }

  const worst = s.gaps.slice(0, 3).map((k) => byKey.get(k) as RowResult);
  if (worst.length > 0) {
    b.blank();
    worstGaps(b, worst, "The worst gaps");
  }

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
    b.keep(top, b.row - 1);
  }

  // One block per section or department: what a team lead reads first.
  for (const sec of s.bySection) {
    b.blank();
    const top = b.line(sec.key, STYLES.section);
    const counts = STATUSES.filter((st) => sec.counts[st] > 0).map((st) => `${st} ${sec.counts[st]}`);
    b.line(`${sec.total} rows: ${counts.join(" · ")}`);
    if (sec.score !== undefined) {
      const line = b.add(["Weighted score", round4(sec.score)]);
      b.format({ top: line, left: 1, bottom: line, right: 1 }, "0%");
    }
    const list = worstOf.get(sec.key.toLowerCase()) ?? [];
    if (list.length === 0) b.line("Every row is Met.", STYLES.subtle);
    else worstGaps(b, list, "Worst gaps");
    b.keep(top, b.row - 1);
  }

  const trended = ev.rows.filter((r) => r.trend && r.kind !== "kpa");
  if (trended.length > 0) {
    b.blank();
    const title = b.line("Trends from the KPA Data log", { bold: true });
    const top = b.add(["KPI", "Trend", "Change", "Since", "Latest", "On", "Projected", null, "By", "Status"], STYLES.header);
    b.span(top, 6, 7);
    for (const r of trended) {
      const t = r.trend as NonNullable<RowResult["trend"]>;
      b.span(
        b.add([
          r.name,
          directionScore(t.direction),
          t.delta,
          dateValue(t.previous.date),
          r.actual ?? null,
          dateValue(t.latest.date),
          t.projection?.text ?? null,
          null,
          t.projection ? dateValue(t.projection.date) : null,
          r.status,
        ]),
        6,
        7,
      );
    }
    const rows: Rect = { top: top + 1, left: 1, bottom: b.row - 1, right: 1 };
    b.format(rows, TREND_FORMAT);
    b.arrows(rows);
    for (const col of [3, 5, 8]) b.format({ ...rows, left: col, right: col }, "yyyy-mm-dd");
    b.statusRules({ ...rows, left: 9, right: 9 });
    b.keep(title, b.row - 1);

    // The charts two across, each over the rows it needs; the points behind them follow.
    const charted = trended.slice(0, MAX_TREND_CHARTS);
    const chartsTop = b.row + 1;
    for (let i = 0; i < charted.length; i += 2) for (let r = 0; r < LINE_ROWS + 1; r++) b.blank();
    const chartAt = charted.map((r, i) => ({ r, top: chartsTop + Math.floor(i / 2) * (LINE_ROWS + 1), left: i % 2 === 0 }));
    for (let i = 0; i < chartAt.length; i += 2) {
      const first = chartAt[i] as (typeof chartAt)[number];
      b.keep(first.top, first.top + LINE_ROWS - 1);
    }

    b.blank();
    b.line("Trend data (logged values up to the as-of date)", { bold: true });
    b.add(["KPI", "Date", "Value"], STYLES.header);
    for (const [i, r] of trended.entries()) {
      const t = r.trend as NonNullable<RowResult["trend"]>;
      const percent = t.unit === "percent";
      const from = b.row;
      for (const p of t.series) b.add([r.name, dateValue(p.date), percent ? round4(p.value / 100) : p.value]);
      b.format({ top: from, left: 1, bottom: b.row - 1, right: 1 }, "yyyy-mm-dd");
      const format = UNIT_FORMATS[t.unit];
      if (format) b.format({ top: from, left: 2, bottom: b.row - 1, right: 2 }, format);
      const at = chartAt[i];
      if (!at) continue;
      b.charts.push({
        kind: "line",
        title: r.name,
        series: [
          {
            name: r.name,
            values: { top: from, left: 2, bottom: b.row - 1, right: 2 },
            categories: { top: from, left: 1, bottom: b.row - 1, right: 1 },
          },
        ],
        from: { row: at.top, col: at.left ? 0 : PIE_COL },
        to: { row: at.top + LINE_ROWS, col: at.left ? PIE_COL - 1 : COLUMNS },
      });
    }
  }

  if (ev.roleGaps.length > 0) {
    b.blank();
    const top = b.line(`Role clarity: ${ev.roleGaps.length} owner(s) without a row in the roles table`, { bold: true });
    b.span(b.add(["Owner", "Named in", null, "Did you mean", null, "Where"], STYLES.header), 5, -1);
    for (const g of ev.roleGaps) {
      const r = b.add([g.owner, g.cells, null, g.suggestion ?? null, null, link(g)]);
      b.span(r, 1, 2);
      b.span(r, 3, 4);
      b.span(r, 5, -1);
    }
    b.keep(top, b.row - 1);
  }

  b.blank();
  const problemsTop = b.line(`Problems (${s.errors} errors, ${s.warnings} warnings)`, { bold: true });
  if (problems.length === 0) b.line("None found.", STYLES.subtle);
  else {
    b.span(b.add(["Where", "Severity", "Message"], STYLES.header), 2, -1);
    for (const p of problems) b.span(b.add([link(p), p.severity, p.message]), 2, -1);
  }
  b.keep(problemsTop, Math.min(b.row - 1, problemsTop + 3));
  // The title and the as-of line stay in view and head every printed page.
  return b.finish("summary", {
    columns: COLUMNS,
    min: [24, ...Array.from({ length: COLUMNS - 1 }, () => 9)],
    max: [40, ...Array.from({ length: COLUMNS - 1 }, () => 16)],
    tabColor: "#1F3864",
    freezeRows: 2,
    footer: footer(ev.asOf),
  });
}

/** Up to three rows not Met, worst first, each linked to its cell. */
function worstGaps(b: SheetBuilder, rows: readonly RowResult[], title: string): void {
  const top = b.add([title, "Status", "Gap", null, "Trend", null, null, "Where"], { bold: true });
  b.span(top, 2, 3);
  b.span(top, 4, 6);
  b.span(top, 7, -1);
  for (const r of rows) {
    const row = b.add([r.name, r.status, r.gap ?? null, null, r.trend ? describeTrend(r.trend) : null, null, null, link(r)]);
    b.span(row, 2, 3);
    b.span(row, 4, 6);
    b.span(row, 7, -1);
  }
  b.statusRules({ top: top + 1, left: 1, bottom: b.row - 1, right: 1 });
  b.keep(top, b.row - 1);
}
