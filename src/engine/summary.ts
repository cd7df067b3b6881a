// Counts, weighted score and the worst gaps of an evaluation.
import { type Evaluation, type RowResult, gapsWorstFirst } from "./evaluate";
import { STATUSES, type Status } from "./status";

export type StatusCounts = Record<Status, number>;

export interface Breakdown {
  readonly key: string;
  readonly counts: StatusCounts;
  readonly total: number;
}

export interface Summary {
  readonly asOf: string;
  readonly total: number;
  readonly byStatus: StatusCounts;
  readonly byOwner: readonly Breakdown[];
  readonly byPriority: readonly Breakdown[];
  readonly bySection: readonly Breakdown[];
  /** Σ weight × progress / Σ weight over rows with both; undefined without a Weight column. */
  readonly weightedScore?: number;
  readonly weightedRows: number;
  /** Keys of the rows not Met, worst first. */
  readonly gaps: readonly string[];
  readonly errors: number;
  readonly warnings: number;
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

export function sectionOf(r: RowResult): string {
  return r.group ?? `${r.sheet} (${r.kind})`;
}

export function summarize(ev: Evaluation): Summary {
  const byStatus = emptyCounts();
  for (const r of ev.rows) byStatus[r.status]++;
  let wSum = 0;
  let wpSum = 0;
  let weightedRows = 0;
  for (const r of ev.rows) {
    if (r.weight === undefined || r.progress === undefined) continue;
    wSum += r.weight;
    wpSum += r.weight * r.progress;
    weightedRows++;
  }
  return {
    asOf: ev.asOf,
    total: ev.rows.length,
    byStatus,
    byOwner: breakdown(ev.rows, (r) => r.owner, "(no owner)").sort((a, b) => b.total - a.total || a.key.localeCompare(b.key)),
    byPriority: breakdown(ev.rows, (r) => r.priority, "(no priority)"),
    bySection: breakdown(ev.rows, sectionOf, "(none)"),
    weightedScore: weightedRows > 0 && wSum > 0 ? wpSum / wSum : undefined,
    weightedRows,
    gaps: gapsWorstFirst(ev.rows).map((r) => r.key),
    errors: ev.problems.filter((p) => p.severity === "error").length,
    warnings: ev.problems.filter((p) => p.severity === "warning").length,
  };
}
