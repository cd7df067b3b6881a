// The "KPA Gaps" sheet: every row not Met, worst first, with a Cause list and a Response column people fill in.
// What they type is kept by row key through every evaluation, including after the row recovers.
import { EXPLAIN, suggestedAction } from "../explain";
import { SheetView, type WorkbookGrid } from "../grid";
import type { Evaluation, RowResult } from "../model";
import { SHEET_TITLES } from "../ownership";
import { type Summary, rowsByKey, sectionOf } from "../stats";
import { projectionText } from "../trend";
import type { PlanValue, SheetPlan } from "../write-plan";
import { SheetBuilder, cellToPlanValue, footer, link } from "./builder";
import { STYLES } from "./styles";

const CAUSES = ["Process", "Resources", "Strategy"] as const;

const GAP_HEADERS = [
  "Status",
  "Name",
  "Where",
  "Section",
  "Owner",
  "Target",
  "Actual",
  "Gap",
  "Trend",
  "Projection",
  "Explanation",
  "Cause",
  "Suggested action",
  "Response",
  "Key",
] as const;

/** The columns people type in: kept by row key across evaluations. */
const KEPT_COLUMNS = ["Response", "Cause"] as const;
type Kept = Record<(typeof KEPT_COLUMNS)[number], PlanValue> & { name: PlanValue };

export function gapsSheet(name: string, wb: WorkbookGrid, ev: Evaluation, s: Summary): SheetPlan {
  const kept = previousInputs(wb, ev);
  const byKey = rowsByKey(ev);
  const b = new SheetBuilder(name);
  b.line(SHEET_TITLES.gaps, STYLES.title);
  b.line(
    `Every row that is not Met, worst first, as of ${ev.asOf}. Pick a Cause and type a Response: both are kept when the workbook is evaluated again.`,
    STYLES.subtle,
  );
  b.blank();
  const headerRow = b.add([...GAP_HEADERS], STYLES.header);
  const listed = new Set<string>();
  const line = (r: RowResult) => {
    if (kept.size > 0) listed.add(r.key); // only the kept inputs below ask which rows are listed
    const k = kept.get(r.key);
    b.add([
      r.status,
      r.name,
      link(r),
      sectionOf(r),
      r.owner ?? null,
      r.target ?? null,
      r.actual ?? null,
      r.gap ?? null,
      r.trend ? (r.trend.direction === "flat" ? "flat" : `${r.trend.direction}, ${r.trend.changeText}`) : null,
      r.trend?.projection ? projectionText(r.trend.projection) : null,
      r.explanation,
      k?.Cause ?? null,
      suggestedAction(r),
      k?.Response ?? null,
      r.key,
    ]);
  };
  for (const key of s.gaps) line(byKey.get(key) as RowResult);
  // Rows that recovered keep their team response rather than lose it.
  if (kept.size > 0) for (const r of ev.rows) if (!listed.has(r.key) && kept.has(r.key)) line(r);
  for (const [key, k] of kept) {
    if (listed.has(key) || byKey.has(key)) continue;
    const row: PlanValue[] = GAP_HEADERS.map(() => null);
    row[GAP_HEADERS.indexOf("Name")] = k.name;
    row[GAP_HEADERS.indexOf("Explanation")] = EXPLAIN.rowGone();
    row[GAP_HEADERS.indexOf("Cause")] = k.Cause;
    row[GAP_HEADERS.indexOf("Response")] = k.Response;
    row[GAP_HEADERS.indexOf("Key")] = key;
    b.add(row);
  }
  b.statusRules({ top: headerRow + 1, left: 0, bottom: b.row - 1, right: 0 });
  const cause = GAP_HEADERS.indexOf("Cause");
  // The list reaches past the last row, so rows added by the next evaluation have it before the next write.
  b.validations.push({
    range: { top: headerRow + 1, left: cause, bottom: Math.max(b.row - 1, headerRow + 1), right: cause },
    list: CAUSES,
    prompt: "Why is this row short? Process, Resources or Strategy.",
  });
  return b.finish("gaps", {
    columns: GAP_HEADERS.length - 1,
    // Long text wraps within these rather than widen the sheet past what prints legibly on one page across.
    min: [11, 16, 12, 12, 12, 10, 10, 10, 10, 12, 30, 11, 28, 28, 10],
    max: [13, 28, 22, 18, 16, 12, 12, 14, 16, 18, 36, 11, 32, 28, 10],
    footer: footer(ev.asOf),
    tabColor: "#C00000",
    freezeRows: headerRow + 1,
    hiddenColumns: [GAP_HEADERS.indexOf("Key")],
  });
}

/** What people typed on our previous Gaps sheet (Response, Cause), by row key, with the row's name as shown. */
function previousInputs(wb: WorkbookGrid, ev: Evaluation): Map<string, Kept> {
  const out = new Map<string, Kept>();
  const name = ev.ownership.sheets.gaps;
  const grid = name ? wb.sheets.find((g) => g.name === name) : undefined;
  if (!grid) return out;
  const view = new SheetView(grid);
  for (let r = view.top; r <= Math.min(view.bottom, view.top + 20); r++) {
    const col: Record<string, number> = {};
    for (let c = view.left; c <= view.right; c++) col[view.text(r, c)] = c;
    const keyCol = col.Key;
    if (keyCol === undefined || KEPT_COLUMNS.every((k) => col[k] === undefined)) continue;
    for (let x = r + 1; x <= view.bottom; x++) {
      const key = view.text(x, keyCol);
      if (!key) continue;
      const value = (c: number | undefined) => (c === undefined || view.isEmpty(x, c) ? null : cellToPlanValue(view.value(x, c)));
      const entry: Kept = {
        Response: value(col.Response),
        Cause: value(col.Cause),
        name: col.Name === undefined ? key : value(col.Name),
      };
      if (entry.Response !== null || entry.Cause !== null) out.set(key, entry);
    }
    break;
  }
  return out;
}
