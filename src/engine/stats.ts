// Statistics of an evaluation: counts by status, section, owner and priority, the weighted score, and the gaps
// in the order a reviewer reads them. It only counts; the sheets that show these live in sheets/.
import { EXPLAIN } from "./explain";
import type { Evaluation, RowResult } from "./model";
import { STATUSES, type Status, severity } from "./status";

export type StatusCounts = Record<Status, number>;

export interface Breakdown {
  readonly key: string;
  readonly counts: StatusCounts;
  readonly total: number;
  /** Weighted progress of the rows, where weights exist. */
  readonly score?: number;
}

export interface Summary {
  readonly asOf: string;
  /** Rows counted: every row but the KPA elements judged through their goals (`rollups`). */
  readonly total: number;
  readonly rollups: number;
  readonly byStatus: StatusCounts;
  readonly byOwner: readonly Breakdown[];
  readonly byPriority: readonly Breakdown[];
  readonly bySection: readonly Breakdown[];
  /** Weighted progress: by section weights when every scored section has one, else Σ weight × progress / Σ weight. */
  readonly weightedScore?: number;
  /** Rows (or sections, when section weights apply) behind the weighted score. */
  readonly weightedRows: number;
  /** Keys of the rows not Met, worst first. */
  readonly gaps: readonly string[];
  readonly errors: number;
  readonly warnings: number;
}

/**
 * A KPA element judged through the goals that measure it: its status repeats theirs, so counts, the weighted score and
 * the gaps count the goals once and leave the element out.
 */
export function isRollup(r: RowResult): boolean {
  return r.kind === "kpa" && (r.linked?.length ?? 0) > 0;
}

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as StatusCounts;
}

function breakdown(rows: readonly RowResult[], keyOf: (r: RowResult) => string | undefined, fallback: string): Breakdown[] {
  const map = new Map<string, { key: string; counts: StatusCounts; total: number }>();
  for (const r of rows) {
    const raw = keyOf(r)?.trim();
    const key = raw ? raw : fallback;
    const id = key.toLowerCase();
    const entry = map.get(id) ?? { key, counts: emptyCounts(), total: 0 };
    entry.counts[r.status]++;
    entry.total++;
    map.set(id, entry);
  }
  return [...map.values()];
}

const SECTION_NAMES = new Map<string, Map<string, string>>();

export function sectionOf(r: RowResult): string {
  if (r.group !== undefined) return r.group;
  // Asked several times per row by the summary and the gaps: one string per sheet and kind, not one per call.
  let kinds = SECTION_NAMES.get(r.sheet);
  if (!kinds) SECTION_NAMES.set(r.sheet, (kinds = new Map()));
  let name = kinds.get(r.kind);
  if (name === undefined) kinds.set(r.kind, (name = `${r.sheet} (${r.kind})`));
  if (SECTION_NAMES.size > 1024) SECTION_NAMES.clear();
  return name;
}

/** Σ weight × progress / Σ weight over the rows that have both. */
function weighted(rows: readonly RowResult[], weightOf: (r: RowResult) => number | undefined): { score?: number; rows: number } {
  let wSum = 0;
  let wpSum = 0;
  let n = 0;
  for (const r of rows) {
    const w = weightOf(r);
    if (w === undefined || r.progress === undefined) continue;
    wSum += w;
    wpSum += w * r.progress;
    n++;
  }
  return { score: n > 0 && wSum > 0 ? wpSum / wSum : undefined, rows: n };
}

export function summarize(ev: Evaluation): Summary {
  const measures = ev.rows.filter((r) => !isRollup(r));
  const byStatus = emptyCounts();
  for (const r of measures) byStatus[r.status]++;
  // Each section's rows in one pass (a filter per section grew with sections × rows).
  const bySectionId = new Map<string, RowResult[]>();
  for (const r of measures) {
    const id = sectionOf(r).toLowerCase();
    const list = bySectionId.get(id);
    if (list) list.push(r);
    else bySectionId.set(id, [r]);
  }
  const sections = breakdown(measures, sectionOf, "(none)").map((b) => {
    const rows = bySectionId.get(b.key.toLowerCase()) ?? [];
    const hasRowWeights = rows.some((r) => r.weight !== undefined);
    // A weighted section heading with no Weight column counts its rows equally.
    const score = weighted(rows, (r) => (hasRowWeights ? r.weight : r.groupWeight !== undefined ? 1 : undefined)).score;
    return { ...b, score, groupWeight: rows[0]?.groupWeight };
  });
  const scored = sections.filter((s) => s.score !== undefined);
  const byGroup = scored.length > 0 && scored.every((s) => s.groupWeight !== undefined);
  const pooled = weighted(measures, (r) => r.weight);
  let weightedScore = pooled.score;
  if (byGroup) {
    const total = scored.reduce((a, s) => a + (s.groupWeight as number), 0);
    weightedScore = total > 0 ? scored.reduce((a, s) => a + (s.groupWeight as number) * (s.score as number), 0) / total : undefined;
  }
  return {
    asOf: ev.asOf,
    total: measures.length,
    rollups: ev.rows.length - measures.length,
    byStatus,
    byOwner: breakdown(measures, (r) => r.owner, "(no owner)").sort((a, b) => b.total - a.total || a.key.localeCompare(b.key)),
    byPriority: breakdown(measures, (r) => r.priority, "(no priority)"),
    bySection: sections.map((b) => ({ key: b.key, counts: b.counts, total: b.total, score: b.score })),
    weightedScore,
    weightedRows: byGroup ? scored.length : pooled.rows,
    gaps: gapsWorstFirst(ev.rows).map((r) => r.key),
    errors: ev.problems.filter((p) => p.severity === "error").length,
    warnings: ev.problems.filter((p) => p.severity === "warning").length,
  };
}

/** Rows not Met, worst first: by status, then by how far short, then by priority. Each gap once: elements judged
 * through their goals are their goals' gaps. */
export function gapsWorstFirst(rows: readonly RowResult[]): RowResult[] {
  const prio = (p?: string) => (p ? (/high|critical|urgent|^1$|^p1$/i.test(p) ? 0 : /medium|normal|^2$|^p2$/i.test(p) ? 1 : 2) : 3);
  // Each row's sort keys once, not in the comparator: the sort compares n log n times.
  return rows
    .filter((r) => r.status !== "Met" && !isRollup(r))
    .map((r, i) => ({ r, i, sev: severity(r.status), short: r.shortfall ?? 0, prio: prio(r.priority) }))
    .sort((x, y) => x.sev - y.sev || y.short - x.short || x.prio - y.prio || x.i - y.i)
    .map((x) => x.r);
}

/** The evaluation's rows by key, built once per evaluation for every sheet that looks rows up by key. */
const byKey = new WeakMap<Evaluation, ReadonlyMap<string, RowResult>>();
export function rowsByKey(ev: Evaluation): ReadonlyMap<string, RowResult> {
  let map = byKey.get(ev);
  if (!map) byKey.set(ev, (map = new Map(ev.rows.map((r) => [r.key, r]))));
  return map;
}

/** The line that says how many KPA elements were judged through their goals and left out of the counts, if any. */
export function rollupNote(s: Summary): string | undefined {
  return s.rollups > 0 ? EXPLAIN.rollupsNotCounted({ rollups: s.rollups }) : undefined;
}
