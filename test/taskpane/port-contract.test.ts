// The port contract: the same assertions about what scan, evaluate, undo, recordMeasurement, insertTemplate and
// addTrackingColumns answer, run against the pane tests' FakePort and against the real port (createExcelPort over the
// in-memory Excel) holding a small workbook. When the real port's answers change shape, the fake has to follow, or
// this fails; the pane's tests then keep testing the pane against answers it can really get.
import type {
  ChangeView,
  EvaluateSettings,
  EvaluationResult,
  FoundTable,
  GapView,
  MeasurementEntry,
  RoomOffer,
  ScanResult,
  WorkbookPort,
} from "../../src/app/port";
import { cellAddress, columnIndex, parseRef } from "../../src/engine/address";
import type { Rect } from "../../src/engine/grid";
import { DEPARTMENTS } from "../../src/engine/library";
import { STATUSES, severity } from "../../src/engine/status";
import { loggedWorkbook } from "../excel/fixtures";
import { SETTINGS, setup } from "../excel/harness";
import { sheet, table as rowsOf, workbook } from "../fixtures/builders";
import { FakePort, change, choices, counts, evaluation, gap, problem, scan, table } from "./fake-port";

/** A workbook the real port finds tables, problems, KPIs, gaps, trends and, evaluated later, changes in. */
function realPort(): WorkbookPort {
  const due = new Date(Date.UTC(2050, 11, 31));
  // A goals table without an Actual column (tracking columns can be added), and a target nobody can read.
  const plans = sheet(
    "Plans",
    rowsOf(
      ["Goal", "Target", "Timeline", "Owner", "Actual"],
      [
        ["Open a second help desk", "by Q5", due, "Lee", 1],
        ["Answer tickets within a day", 90, due, "Kim", 85],
      ],
    ),
  );
  const untracked = sheet("Projects", rowsOf(["Goal", "Target", "Timeline", "Owner"], [["Publish the help centre", 100, due, "Lee"]]));
  // A KPI table whose neighbour one column to its right leaves no room for the status columns.
  const crowded = sheet("Regional", rowsOf(["KPI", "Target", "Actual", "", "Region"], [["Tickets closed", "≥ 500", 420, null, "North"]]));
  return setup(workbook(...loggedWorkbook().sheets, plans, untracked, crowded)).port;
}

/** The fake as the pane tests set it up, from the factories they use. */
function fakePort(): WorkbookPort {
  const port = new FakePort();
  const tables = [
    table(),
    table({ sheet: "Plans", range: "A1:D3", canAddTracking: true }),
    table({ sheet: "Regional", range: "A1:C2", kind: "kpi" }),
  ];
  const kpis = choices(["Customer Satisfaction (CSAT)", "First Response Time"]);
  port.scanResult = scan({ tables, problems: [problem()], kpis });
  port.evaluateResult = evaluation({
    tables,
    problems: [problem()],
    kpis,
    counts: counts({ Met: 2, "Off Track": 1 }),
    gaps: [gap()],
    since: "2050-03-31",
    changes: [change()],
    room: [{ sheet: "Regional", table: "A1:C2", after: "C", count: 3 }],
  });
  return port;
}

const FIRST: EvaluateSettings = SETTINGS;
/** Later, past the logged goals' timelines: statuses change. */
const LATER: EvaluateSettings = { ...SETTINGS, asOf: "2051-01-15" };
const ENTRY: MeasurementEntry = { kpi: "Net Promoter Score", date: "2050-10-10", value: "58", source: "Relationship survey" };
const OTHER_ENTRY: MeasurementEntry = { kpi: "First Response Time", date: "2050-10-10", value: "1.5 hours", source: "Helpdesk export" };

const A1 = /^[A-Z]{1,3}[1-9]\d*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TABLE_KINDS = /^(kpa|goals|roles|training|kpi)$/;
const NOT_MET = new RegExp(`^(${STATUSES.filter((s) => s !== "Met").join("|")})$`);
/** The engine's gap wording: "12.5% short", "3% over", or "not met" for a categorical target. */
const GAP_TEXT = /^([\d,]+(\.\d+)?% (short|over)|not met)$/;
/** describeTrend's wording: "improving, +4 pts since Jul 31, 2050; projected …" or "flat since …". */
const TREND_TEXT = /^((improving|declining), \S.*|flat since \S.*)$/;
const OUR_SHEET = /^KPA (Summary|Gaps|History|Settings)( \(\d+\))?$/;
const ONE_LINE = /^\S(.*\S)?$/;

/** Matches null, or what `matcher` matches. */
function nullOr(matcher: { asymmetricMatch(value: unknown): boolean; toString(): string }) {
  return {
    asymmetricMatch: (value: unknown) => value === null || matcher.asymmetricMatch(value),
    toString: () => `null or ${matcher.toString()}`,
  };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The engine's row key: "Sheet|kind|name in lower case", "#2" and on for repeats. */
function rowKeyOf(row: { sheet: string; name: string }): RegExp {
  return new RegExp(`^${escape(row.sheet)}\\|(kpa|goals|training|kpi)\\|${escape(row.name.toLowerCase())}(#\\d+)?$`);
}

function rectOf(range: string): Rect {
  const ref = parseRef(`X!${range}`);
  if (!ref) throw new Error(`"${range}" is not an A1 range.`);
  return ref.rect;
}

/** Whether a row's cell lies in one of the tables, under its header. */
function inATable(tables: readonly FoundTable[], where: { sheet: string; cell: string }): boolean {
  const { top, left } = rectOf(where.cell);
  return tables.some((t) => {
    const r = rectOf(t.range);
    return t.sheet === where.sheet && top > r.top && top <= r.bottom && left >= r.left && left <= r.right;
  });
}

function expectTables(tables: readonly FoundTable[]): void {
  expect(tables.length).toBeGreaterThan(0);
  for (const t of tables) {
    const r = rectOf(t.range);
    expect(t).toEqual({
      // The sheet and the header's first cell; the data rows are the ones under the header.
      id: `${t.sheet}!${cellAddress(r.top, r.left)}`,
      sheet: expect.stringMatching(ONE_LINE),
      range: expect.stringMatching(/^[A-Z]{1,3}[1-9]\d*:[A-Z]{1,3}[1-9]\d*$/),
      kind: expect.stringMatching(TABLE_KINDS),
      section: nullOr(expect.stringMatching(ONE_LINE)),
      rows: r.bottom - r.top,
      canAddTracking: expect.any(Boolean),
    });
    // Only goals and KPI tables take Baseline and Actual columns.
    expect([t.kind, t.canAddTracking]).toEqual([t.kind, t.canAddTracking && (t.kind === "goals" || t.kind === "kpi")]);
  }
}

function expectScan(found: ScanResult): void {
  expect(Object.keys(found).sort()).toEqual(["kpis", "problems", "tables"]);
  expectTables(found.tables);
  expect(found.problems.length).toBeGreaterThan(0);
  for (const p of found.problems)
    expect(p).toEqual({
      sheet: expect.stringMatching(ONE_LINE),
      cell: expect.stringMatching(A1),
      severity: expect.stringMatching(/^(error|warning)$/),
      message: expect.stringMatching(ONE_LINE),
    });
  expect(found.kpis.length).toBeGreaterThan(0);
  for (const k of found.kpis)
    expect(k).toEqual({ name: expect.stringMatching(ONE_LINE), group: expect.stringMatching(/^(goal|kpi|element|logged)$/) });
  expect(new Set(found.kpis.map((k) => k.name)).size).toBe(found.kpis.length);
}

function expectGap(g: GapView, tables: readonly FoundTable[]): void {
  expect(g).toEqual({
    key: expect.stringMatching(rowKeyOf(g)),
    name: expect.stringMatching(ONE_LINE),
    status: expect.stringMatching(NOT_MET),
    sheet: expect.stringMatching(ONE_LINE),
    cell: expect.stringMatching(A1),
    owner: nullOr(expect.stringMatching(ONE_LINE)),
    gap: nullOr(expect.stringMatching(GAP_TEXT)),
    // Every explanation ends with the status it decided.
    explanation: expect.stringMatching(new RegExp(`\\S → ${escape(g.status)}$`)),
    trend: nullOr(expect.stringMatching(TREND_TEXT)),
  });
  expect({ gap: g.key, inATable: inATable(tables, g) }).toEqual({ gap: g.key, inATable: true });
}

function expectChange(c: ChangeView, tables: readonly FoundTable[]): void {
  expect(c).toEqual({
    key: expect.stringMatching(rowKeyOf(c)),
    name: expect.stringMatching(ONE_LINE),
    sheet: expect.stringMatching(ONE_LINE),
    cell: expect.stringMatching(A1),
    from: expect.stringMatching(new RegExp(`^(${STATUSES.join("|")})$`)),
    // "worse": newly Off Track or Overdue; "recovered": now Met.
    to: c.kind === "worse" ? expect.stringMatching(/^(Off Track|Overdue)$/) : "Met",
    kind: expect.stringMatching(/^(worse|recovered)$/),
  });
  expect(c.from).not.toBe(c.to);
  expect({ change: c.key, inATable: inATable(tables, c) }).toEqual({ change: c.key, inATable: true });
}

function expectEvaluation(result: EvaluationResult, settings: EvaluateSettings): void {
  const { tables, problems, kpis, ...rest } = result;
  expectScan({ tables, problems, kpis });
  expect(Object.keys(rest).sort()).toEqual([
    "asOf",
    "changes",
    "counts",
    "elapsedMs",
    "gaps",
    "madeRoom",
    "rollups",
    "room",
    "sheets",
    "since",
    "total",
    "weightedScore",
  ]);
  expect(Number.isInteger(result.rollups) && result.rollups >= 0).toBe(true);
  expect(result.asOf).toBe(settings.asOf);
  expect(Object.keys(result.counts).sort()).toEqual([...STATUSES].sort());
  for (const s of STATUSES) expect([s, Number.isInteger(result.counts[s]) && result.counts[s] >= 0]).toEqual([s, true]);
  expect(result.total).toBe(STATUSES.reduce((n, s) => n + result.counts[s], 0));
  expect(result.total).toBeGreaterThan(0);
  expect(result.weightedScore === null || (result.weightedScore >= 0 && result.weightedScore <= 1)).toBe(true);
  // Every row not Met, worst first, at most ten.
  expect(result.gaps.length).toBe(Math.min(10, result.total - result.counts.Met));
  expect(result.gaps.length).toBeGreaterThan(0);
  for (const g of result.gaps) expectGap(g, tables);
  const order = result.gaps.map((g) => severity(g.status));
  expect(order).toEqual([...order].sort((a, b) => a - b));
  expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
  expect(Number.isFinite(result.elapsedMs)).toBe(true);
  expect(result.sheets.length).toBeGreaterThan(0);
  for (const s of result.sheets) expect(s).toMatch(OUR_SHEET);
  expect(result.sheets.filter((s) => s.startsWith("KPA Summary"))).toHaveLength(1);
  expect(result.since).toEqual(nullOr(expect.stringMatching(ISO_DATE)));
  // Nothing to compare with, no changes.
  expect(result.since === null ? result.changes : []).toEqual([]);
  for (const c of result.changes) expectChange(c, tables);
  for (const o of [...result.room, ...result.madeRoom]) expectOffer(o, tables);
}

/** A room offer: a table found, the column it ends with, and how many columns to insert after it. */
function expectOffer(o: RoomOffer, tables: readonly FoundTable[]): void {
  expect(o).toEqual({
    sheet: expect.stringMatching(ONE_LINE),
    table: expect.stringMatching(/^[A-Z]{1,3}[1-9]\d*:[A-Z]{1,3}[1-9]\d*$/),
    after: expect.stringMatching(/^[A-Z]{1,3}$/),
    count: expect.any(Number),
  });
  expect(Number.isInteger(o.count) && o.count >= 1).toBe(true);
  // After the table's last column or further right, never inside it.
  const t = tables.find((x) => x.sheet === o.sheet && x.range === o.table);
  expect(t).toBeDefined();
  expect(columnIndex(o.after)).toBeGreaterThanOrEqual(rectOf(o.table).right);
}

describe.each([
  ["the fake port (test/taskpane/fake-port.ts)", fakePort],
  ["the real port over the in-memory Excel", realPort],
])("%s", (_name, makePort) => {
  let port: WorkbookPort;
  beforeEach(() => {
    port = makePort();
  });

  it("keeps the settings it is given", async () => {
    expect(port.kind).toMatch(/^(excel|memory)$/);
    await port.saveSettings({ ...FIRST, tolerance: 0.2 });
    expect(await port.loadSettings()).toEqual({ ...FIRST, tolerance: 0.2 });
  });

  it("scans: tables with ids, ranges and row counts that agree, problems at cells, distinct KPI names", async () => {
    expectScan(await port.scan(FIRST));
  });

  it("evaluates: the scan's shapes plus counts, total, gaps keyed by row, sheets written, changes since last time", async () => {
    const first = await port.evaluate(FIRST);
    expectEvaluation(first, FIRST);
    const later = await port.evaluate(LATER);
    expectEvaluation(later, LATER);
    expect([...first.changes, ...later.changes].length).toBeGreaterThan(0);
  });

  it("offers room beside a crowded table, and makes only the room accepted", async () => {
    const first = await port.evaluate(FIRST);
    expect(first.room.length).toBeGreaterThan(0);
    expect(first.madeRoom).toEqual([]);
    const offer = first.room[0] as RoomOffer;
    const second = await port.evaluate(FIRST, undefined, { makeRoom: [offer] });
    expectEvaluation(second, FIRST);
    expect(second.madeRoom).toEqual([offer]);
    expect(second.room).not.toContainEqual(offer);
  });

  it("undoes an evaluation once, then says there is nothing to undo", async () => {
    expect(await port.canUndo()).toBe(false);
    expect(await port.undo()).toEqual({ undone: false, message: expect.stringMatching(ONE_LINE) });
    await port.evaluate(FIRST);
    expect(await port.canUndo()).toBe(true);
    expect(await port.undo()).toEqual({ undone: true, message: expect.stringMatching(ONE_LINE) });
    expect(await port.canUndo()).toBe(false);
    expect(await port.undo()).toEqual({ undone: false, message: expect.stringMatching(ONE_LINE) });
  });

  it("reads back the evaluation the workbook holds: none, each new one, and after an undo the one before", async () => {
    const held = (r: EvaluationResult) => ({ asOf: r.asOf, total: r.total, counts: r.counts, weightedScore: r.weightedScore });
    expect(await port.workbookState()).toEqual({ evaluation: null, canUndo: false });
    const first = await port.evaluate(FIRST);
    expect(await port.workbookState()).toEqual({ evaluation: held(first), canUndo: true });
    const later = await port.evaluate(LATER);
    expect(await port.workbookState()).toEqual({ evaluation: held(later), canUndo: true });
    // The issue's scenario: the undo puts the first evaluation back, and its own record is gone.
    await port.undo();
    expect(await port.workbookState()).toEqual({ evaluation: held(first), canUndo: false });
  });

  it("holds no evaluation after undoing the only one", async () => {
    await port.evaluate(FIRST);
    await port.undo();
    expect(await port.workbookState()).toEqual({ evaluation: null, canUndo: false });
  });

  it("records a measurement in the log's next row, and the same one again not at all", async () => {
    const added = await port.recordMeasurement(ENTRY);
    expect(added).toEqual({
      sheet: expect.stringMatching(/^KPA Data( \(\d+\))?$/),
      cell: expect.stringMatching(/^A[1-9]\d*$/),
      added: true,
    });
    expect(await port.recordMeasurement({ ...ENTRY })).toEqual({ ...added, added: false });
    const next = await port.recordMeasurement(OTHER_ENTRY);
    expect(next).toEqual({ sheet: added.sheet, cell: `A${Number(added.cell.slice(1)) + 1}`, added: true });
  });

  it("names an inserted template after its department, and a second one apart", async () => {
    const sales = DEPARTMENTS.find((d) => d.id === "sales");
    expect(sales).toBeDefined();
    const name = new RegExp(`^${escape(`${sales?.name} KPA`)}( \\(\\d+\\))?$`);
    const first = await port.insertTemplate("sales");
    const second = await port.insertTemplate("sales");
    expect([first, second]).toEqual([expect.stringMatching(name), expect.stringMatching(name)]);
    expect(second).not.toBe(first);
  });

  it("adds tracking columns as the two header cells right of the table", async () => {
    const untracked = (await port.scan(FIRST)).tables.filter((t) => t.canAddTracking);
    expect(untracked.length).toBeGreaterThan(0);
    const t = untracked[0] as FoundTable;
    const { top, right } = rectOf(t.range);
    expect(await port.addTrackingColumns(t.id)).toBe(`${t.sheet}!${cellAddress(top, right + 1)}:${cellAddress(top, right + 2)}`);
  });
});
