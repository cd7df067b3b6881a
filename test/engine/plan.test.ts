import { applyPlanToGrid } from "../../src/engine/apply";
import type { CellValue, SheetGrid, WorkbookGrid } from "../../src/engine/grid";
import { run } from "../../src/engine/index";
import type { WritePlan } from "../../src/engine";
import { trackingColumns } from "../../src/engine/tracking";
import { pct, sheet, workbook } from "../fixtures/builders";
import { seedTemplate } from "../fixtures/template";

const OPTS = { asOf: "2050-10-15", generatedAt: "2050-10-15T09:00:00Z", generator: "KPA Tracker test" };

/** Each written column of the plan as [sheet!row:col of its top cell, its top value]: adjacent columns share a write. */
function columnsWritten(plan: WritePlan): [string, unknown][] {
  return plan.writes.flatMap((w) => (w.values[0] ?? []).map((v, j): [string, unknown] => [`${w.sheet}!${w.row + 1}:${w.col + j}`, v]));
}

/** Writes as a later evaluation makes them: the columns exist, so their widths are left to the user. */
function withoutWidths(writes: WritePlan["writes"]): WritePlan["writes"] {
  return writes.map(({ columnWidths: _widths, ...w }) => w);
}

/** The values the plan writes down one column of a sheet from a (0-based) top row, top to bottom. */
function columnValues(plan: WritePlan, sheetName: string, col: number, top: number): unknown[] {
  const w = plan.writes.find((x) => x.sheet === sheetName && x.row === top && col >= x.col && col < x.col + (x.values[0]?.length ?? 0));
  return w ? w.values.map((r) => r[col - w.col]) : [];
}

function tracked(): WorkbookGrid {
  return workbook(
    seedTemplate("KPA", {
      goals: [
        { header: "Baseline", values: [pct(0.72), 58, pct(0.85), "4 hours", pct(0.7)] },
        { header: "Actual", values: [pct(0.86), 64, "88%", "3.5 hours", null] },
      ],
      training: [{ header: "Completed", values: ["Yes", null, "2050-04-20", "No", "In progress"] }],
    }),
    sheet("Notes", [["Anything the team keeps here"], ["=not a formula", 42]]),
  );
}

function cellsOf(g: SheetGrid): Map<string, CellValue> {
  const out = new Map<string, CellValue>();
  const top = g.origin?.row ?? 0;
  const left = g.origin?.col ?? 0;
  g.values.forEach((row, i) => row.forEach((v, j) => v !== null && v !== "" && out.set(`${top + i},${left + j}`, v)));
  return out;
}

/** Every non-empty cell of the input's sheets, with its value, is still there after the plan. */
function expectNothingLost(before: WorkbookGrid, after: WorkbookGrid, plan: WritePlan) {
  const ours = new Set(plan.sheets.map((s) => s.name));
  const users = before.sheets.filter((s) => !ours.has(s.name));
  const cells = users.flatMap((s) => [...cellsOf(s)].map(([k, v]) => [s.name, k, v] as const));
  // Something to compare: the user's sheets hold cells.
  expect(cells.length).toBeGreaterThan(0);
  const afterCells = new Map(users.map((s) => [s.name, cellsOf(after.sheets.find((x) => x.name === s.name) as SheetGrid)]));
  for (const [name, k, v] of cells) expect([name, k, afterCells.get(name)?.get(k)]).toEqual([name, k, v]);
}

describe("write plan", () => {
  it("adds status, progress and explanation at each table's right edge, with range-level rules", () => {
    // The seed template with its tracking columns: three stacked tables, each one or two columns wider than the last.
    const wb = tracked();
    const { plan } = run(wb, OPTS);
    expect(columnsWritten(plan).map(([at]) => at)).toEqual([
      "KPA!7:5", // KPA elements: F, its status; G and H would share the training's status and the goals' status column
      "KPA!16:7",
      "KPA!16:8",
      "KPA!16:9", // goals with Baseline/Actual, the widest table: H, I, J
      "KPA!34:6", // training with Completed: G, its status; H would share the goals' status column
    ]);
    expect(columnValues(plan, "KPA", 7, 15)).toEqual(["KPA Status", "Met", "Overdue", "At Risk", "Off Track", "No Data"]);
    // Adjacent columns go as one write per table, each row one array of its cells.
    expect(plan.writes.map((w) => w.values[0]?.length)).toEqual([1, 3, 1]);
    const rules = plan.conditionalFormats.filter((c) => c.rules.some((r) => r.kind === "equals"));
    expect(rules).toHaveLength(3);
    expect(rules[1]?.range).toEqual({ top: 16, left: 7, bottom: 20, right: 7 });
    expect(rules[1]?.rules.map((r) => (r.kind === "equals" ? r.text : r.kind))).toEqual([
      "Met",
      "On Track",
      "At Risk",
      "Off Track",
      "Overdue",
      "No Data",
      "Needs Target",
    ]);
    expect(plan.conditionalFormats.filter((c) => c.rules.some((r) => r.kind === "dataBar"))).toHaveLength(1);
    // What was left out, and why, is a warning each (in the tables' order), at the column that would have been shared.
    const leftOut = plan.problems.filter((p) => p.code === "columnsLeftOut");
    expect(leftOut.map((p) => [p.cell, p.message])).toEqual([
      [
        "G34",
        "The table at KPA!A7:E12 gets no KPA Progress or KPA Explanation column: column G holds the KPA Status column of the table at KPA!A34:F39, and one column cannot be sized for both. Give the two tables the same number of columns to have them too.",
      ],
      [
        "H16",
        "The table at KPA!A34:F39 gets no KPA Progress or KPA Explanation column: column H holds the KPA Status column of the table at KPA!A16:G21, and one column cannot be sized for both. Give the two tables the same number of columns to have them too.",
      ],
    ]);
  });

  it("gives every stacked table its three columns when the tables are equally wide", () => {
    const wb = workbook(
      seedTemplate("KPA", {
        kpa: [
          { header: "Data Source", values: ["Survey", "Survey", "CRM", "Helpdesk", "Helpdesk"] },
          { header: "Notes", values: ["Weekly", null, null, null, null] },
        ],
        goals: [
          { header: "Baseline", values: [pct(0.72), 58, pct(0.85), "4 hours", pct(0.7)] },
          { header: "Actual", values: [pct(0.86), 64, "88%", "3.5 hours", null] },
        ],
        training: [
          { header: "Completed", values: ["Yes", null, "2050-04-20", "No", "In progress"] },
          { header: "Notes", values: ["Booked", null, null, null, null] },
        ],
      }),
    );
    const { plan } = run(wb, OPTS);
    expect(plan.problems.filter((p) => p.code === "columnsLeftOut" || p.code === "noRoomForColumns")).toEqual([]);
    expect(columnsWritten(plan).map(([at]) => at)).toEqual(["KPA!7:7", "KPA!7:8", "KPA!7:9", "KPA!16:7", "KPA!16:8", "KPA!16:9", "KPA!34:7", "KPA!34:8", "KPA!34:9"]);
  });

  it("sizes the columns it adds to what they hold, once: later evaluations keep the width people gave them", () => {
    const wb = tracked();
    const first = run(wb, OPTS).plan;
    expect(first.writes.length).toBeGreaterThan(0);
    const longest = new Map<number, number>();
    for (const w of first.writes)
      w.values.forEach((r) => r.forEach((v, j) => longest.set(w.col + j, Math.max(longest.get(w.col + j) ?? 0, typeof v === "string" ? v.length : 5))));
    for (const w of first.writes) {
      const widths = w.columnWidths ?? [];
      expect(widths.length).toBe(w.values[0]?.length);
      // Each column holds its longest text with a margin, up to a cap past which the text wraps.
      widths.forEach((chars, j) => {
        const need = (longest.get(w.col + j) ?? 0) + 2;
        expect([w.col + j, chars]).toEqual([w.col + j, expect.any(Number)]);
        expect(chars).toBeGreaterThanOrEqual(Math.min(50, need));
        expect(chars).toBeLessThanOrEqual(50);
      });
    }
    const goals = first.writes[1];
    expect(goals?.columnWidths?.[0]).toBeGreaterThanOrEqual("Needs Target".length + 1);
    // The explanations are longer than the cap: that column wraps and its rows grow to hold them.
    expect(goals?.columnWidths?.[2]).toBe(50);
    expect(goals?.wrap).toEqual([false, false, true]);
    expect(goals?.rowPoints?.some((p) => p !== null && p >= 30)).toBe(true);
    const again = run(applyPlanToGrid(wb, first), OPTS).plan;
    expect(again.writes.length).toBe(first.writes.length);
    expect(again.writes.map((w) => w.columnWidths)).toEqual(again.writes.map(() => undefined));
  });

  it("never touches a cell the user owns", () => {
    const wb = tracked();
    const { plan } = run(wb, OPTS);
    expectNothingLost(wb, applyPlanToGrid(wb, plan), plan);
  });

  it("is idempotent: evaluating its own output changes nothing and duplicates nothing", () => {
    const wb = tracked();
    const first = run(wb, OPTS);
    const once = applyPlanToGrid(wb, first.plan);
    const second = run(once, OPTS);
    const twice = applyPlanToGrid(once, second.plan);
    expect(twice).toEqual(once);
    // The same cells; only the widths of the columns added the first time are not set again.
    expect(second.plan.writes).toEqual(withoutWidths(first.plan.writes));
    expect(second.plan.names).toEqual(first.plan.names);
    expect(second.plan.removeNames).toEqual([]);
    expect(second.plan.clears).toEqual([]);
    expect(second.evaluation.tables).toHaveLength(first.evaluation.tables.length);
    // The first run made the KPA Settings sheet; the second judged by it and planned no other.
    expect(twice.sheets.map((s) => s.name)).toEqual(["KPA", "Notes", "KPA Summary", "KPA Gaps", "KPA Settings", "KPA History"]);
  });

  it("reuses an empty or placeholder Status column, keeping the user's header", () => {
    const wb = workbook(
      sheet("G", [
        ["Goal", "Target", "Actual", "Status"],
        ["A", "≥ 10", 12, null],
        ["B", "≥ 10", 5, "TBD"],
      ]),
    );
    const { plan } = run(wb, OPTS);
    // The reused column keeps the user's header, so it is written apart from ours beside it, which carry theirs.
    expect(plan.writes[0]).toMatchObject({ row: 1, col: 3, values: [["Met"], ["Off Track"]] });
    expect(columnsWritten(plan).slice(1)).toEqual([
      ["G!1:4", "KPA Progress"],
      ["G!1:5", "KPA Explanation"],
    ]);
    // The reused column is ours from now on, so the next run writes it again rather than adding a column.
    const again = run(applyPlanToGrid(wb, plan), OPTS);
    expect(again.plan.writes).toEqual(withoutWidths(plan.writes));
  });

  it("keeps a Status column the user filled, and adds its own next to the table", () => {
    const wb = workbook(
      sheet("G", [
        ["Goal", "Target", "Actual", "Status"],
        ["A", "≥ 10", 12, "Green"],
      ]),
    );
    const { plan } = run(wb, OPTS);
    expect(columnsWritten(plan)).toEqual([
      ["G!1:4", "KPA Status"],
      ["G!1:5", "KPA Progress"],
      ["G!1:6", "KPA Explanation"],
    ]);
  });

  it("writes nothing beside a table that has no room, and says which cell is in the way", () => {
    const wb = workbook(
      sheet("G", [
        ["Goal", "Target", "Actual", null, null, "Side note"],
        ["A", "≥ 10", 12],
      ]),
    );
    const { plan } = run(wb, OPTS);
    expect(plan.writes).toEqual([]);
    expect(plan.problems).toEqual(expect.arrayContaining([expect.objectContaining({ sheet: "G", cell: "F1", code: "noRoomForColumns" })]));
  });

  describe("making room beside a table", () => {
    /** The sheet with `count` empty columns inserted before column `at`, as a whole-column insert leaves it. */
    const inserted = (rows: CellValue[][], at: number, count: number): CellValue[][] =>
      rows.map((r) => (r.length > at ? [...r.slice(0, at), ...new Array<CellValue>(count).fill(null), ...r.slice(at)] : r));
    const sideBySide: CellValue[][] = [
      ["Goal", "Target", "Actual", null, "Region", "Owner"],
      ["A", "≥ 10", 12, null, "North", "Ana"],
      ["B", "≥ 10", 4, null, "South", "Bo"],
    ];

    it("asks for as many columns as the gap falls short, right after the table", () => {
      const { plan } = run(workbook(sheet("G", sideBySide)), OPTS);
      expect(plan.writes).toEqual([]);
      expect(plan.room).toEqual([{ sheet: "G", at: 3, count: 3, table: "A1:C3" }]);
      const p = plan.problems.find((x) => x.code === "noRoomForColumns");
      expect(p?.cell).toBe("E1");
      expect(p?.message).toContain("Insert 3 columns after C");
      expect(p?.message).toContain("--make-room");
    });

    it("counts the empty columns already there", () => {
      const rows = inserted(sideBySide, 3, 1);
      const { plan } = run(workbook(sheet("G", rows)), OPTS);
      expect(plan.room).toEqual([{ sheet: "G", at: 3, count: 2, table: "A1:C3" }]);
    });

    it("writes the statuses once the columns are inserted", () => {
      const { plan } = run(workbook(sheet("G", inserted(sideBySide, 3, 3))), OPTS);
      expect(plan.room).toEqual([]);
      expect(columnsWritten(plan)).toEqual([
        ["G!1:3", "KPA Status"],
        ["G!1:4", "KPA Progress"],
        ["G!1:5", "KPA Explanation"],
      ]);
      expect(columnValues(plan, "G", 3, 0).slice(1)).toEqual(["Met", "Off Track"]);
    });

    it("never cuts through another table: it inserts further right in the gap, or not at all", () => {
      const below: CellValue[][] = [
        ...sideBySide,
        [],
        ["Role", "Name", "Responsibilities", "Team"],
        ["Lead", "Ana", "Runs the review", "Ops"],
      ];
      // The roles table spans A–D: an insert before D would split it, before E does not.
      const { plan } = run(workbook(sheet("G", below)), OPTS);
      expect(plan.room).toEqual([{ sheet: "G", at: 4, count: 3, table: "A1:C3" }]);
      expect(plan.problems.find((x) => x.code === "noRoomForColumns")?.message).toContain("Insert 3 columns after D");

      // Nor through the columns this evaluation writes beside a table above: the user accepts once they are there.
      const above: CellValue[][] = [
        ["KPI", "Target", "Actual"],
        ["Uptime", "≥ 99%", "99.5%"],
        [],
        ["Goal", "Target", "Actual", "Owner", null, "Notes"],
        ["Close deals", "≥ 10", 12, "Ana"],
      ];
      const underStatuses = run(workbook(sheet("G", above)), OPTS).plan;
      expect(underStatuses.writes.map((w) => [w.row, w.col])).toContainEqual([0, 3]);
      expect(underStatuses.room).toEqual([]);

      const wide = [
        ...sideBySide,
        [],
        ["Role", "Name", "Responsibilities", "Team", "Since"],
        ["Lead", "Ana", "Runs the review", "Ops", 2049],
      ];
      const blocked = run(workbook(sheet("G", wide)), OPTS).plan;
      expect(blocked.room).toEqual([]);
      expect(blocked.problems.find((x) => x.code === "noRoomForColumns")?.message).toContain("Leave 4 empty columns");
    });
  });

  it("clears its own cells when a table shrinks", () => {
    const wb = workbook(
      sheet("G", [
        ["Goal", "Target", "Actual"],
        ["A", "≥ 10", 12],
        ["B", "≥ 10", 5],
      ]),
    );
    const once = applyPlanToGrid(wb, run(wb, OPTS).plan);
    const g = once.sheets[0] as SheetGrid;
    const shrunk: WorkbookGrid = {
      ...once,
      sheets: [{ ...g, values: g.values.map((r, i) => (i === 2 ? r.map((v, j) => (j < 3 ? null : v)) : r)) }, ...once.sheets.slice(1)],
    };
    const { plan } = run(shrunk, OPTS);
    expect(plan.clears).toEqual([
      { sheet: "G", range: { top: 2, left: 3, bottom: 2, right: 3 } },
      { sheet: "G", range: { top: 2, left: 4, bottom: 2, right: 4 } },
      { sheet: "G", range: { top: 2, left: 5, bottom: 2, right: 5 } },
    ]);
    const after = applyPlanToGrid(shrunk, plan).sheets[0] as SheetGrid;
    expect(after.values[2]?.slice(0, 6)).toEqual([null, null, null, null, null, null]);
  });

  it("picks another name for a summary sheet when the user already has one", () => {
    const wb = workbook(
      sheet("G", [
        ["Goal", "Target", "Actual"],
        ["A", "≥ 10", 12],
      ]),
      sheet("KPA Summary", [["My own notes"]]),
    );
    const { plan } = run(wb, OPTS);
    expect(plan.sheets.map((s) => s.name)).toEqual(["KPA Summary (2)", "KPA Gaps", "KPA Settings"]);
    expect(plan.problems).toEqual(expect.arrayContaining([expect.objectContaining({ code: "sheetNameTaken" })]));
    const after = applyPlanToGrid(wb, plan);
    expect(after.sheets.find((s) => s.name === "KPA Summary")?.values).toEqual([["My own notes"]]);
    // The next run finds its own sheet by name marker and keeps using it.
    expect(run(after, OPTS).plan.sheets.map((s) => s.name)).toEqual(["KPA Summary (2)", "KPA Gaps"]);
  });

  it("keeps formula-looking user text as a literal string in our sheets", () => {
    const wb = workbook(
      sheet("G", [
        ["Goal", "Target", "Actual", "Owner"],
        ['=HYPERLINK("x")', "≥ 10", 5, "+cmd|' /C calc'!A0"],
      ]),
    );
    const { plan } = run(wb, OPTS);
    const gaps = plan.sheets.find((s) => s.role === "gaps");
    const row = gaps?.values.find((r) => r[1] === '=HYPERLINK("x")');
    expect(row?.[4]).toBe("+cmd|' /C calc'!A0");
  });
});

describe("gaps sheet", () => {
  it("lists every row not Met, worst first, with a link to its source cell", () => {
    const { plan } = run(tracked(), OPTS);
    const gaps = plan.sheets.find((s) => s.role === "gaps");
    const header = gaps?.values[3] as unknown[];
    expect(header).toEqual([
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
    ]);
    const rows = (gaps?.values.slice(4) ?? []).map((r) => r[0]);
    // Each gap once: the NPS goal and three trainings; response time; retention; resolution. The KPA elements that
    // take their status from these goals are not listed again.
    expect(rows).toEqual(["Overdue", "Overdue", "Overdue", "Overdue", "Off Track", "At Risk", "No Data"]);
    expect(gaps?.values[4]?.[2]).toEqual(expect.objectContaining({ sheet: "KPA" }));
    expect(gaps?.hiddenColumns).toEqual([14]);
  });

  it("keeps what the team typed in Response, by row identity rather than position", () => {
    const wb = tracked();
    const once = applyPlanToGrid(wb, run(wb, OPTS).plan);
    const gaps = once.sheets.find((s) => s.name === "KPA Gaps") as SheetGrid;
    const target = gaps.values.findIndex((r) => r[1] === "Reduce Response Time");
    const typed: SheetGrid = {
      ...gaps,
      values: gaps.values.map((r, i) => (i === target ? r.map((v, j) => (j === 13 ? "Hiring two agents in November" : v)) : r)),
    };
    const withResponse: WorkbookGrid = { ...once, sheets: once.sheets.map((s) => (s.name === "KPA Gaps" ? typed : s)) };
    // A later evaluation where the goal moves up the list (now worse) still carries the response.
    const later = run(withResponse, { ...OPTS, asOf: "2050-11-05" });
    const newGaps = later.plan.sheets.find((s) => s.role === "gaps");
    const row = newGaps?.values.find((r) => r[1] === "Reduce Response Time");
    expect(row?.[13]).toBe("Hiring two agents in November");
    expect(row?.[0]).toBe("Overdue");
  });
});

describe("summary sheet", () => {
  it("shows the as-of date, counts by status and every problem with its cell", () => {
    const { plan } = run(tracked(), OPTS);
    const s = plan.sheets.find((x) => x.role === "summary");
    const flat = s?.values.map((r) => r.map((v) => (v && typeof v === "object" && "text" in v ? v.text : v))) ?? [];
    expect(flat[0]).toEqual(["KPA Summary"]);
    expect(flat[1]).toEqual(["As of", { date: "2050-10-15" }]);
    expect(flat).toContainEqual(["Met", 3, expect.any(Number)]);
    expect(flat).toContainEqual(["Total", 10, 1]);
    expect(flat).toContainEqual(["5 KPA elements take their status from the goals that measure them, so they are not counted again."]);
    // Each problem: where (a link), how bad, and the message across the rest of the sheet's width.
    expect(flat).toContainEqual(["Where", "Severity", "Message"]);
    expect(flat.some((r) => r[0] === "KPA!E8" && r[1] === "warning" && String(r[2]).includes("Customer Service Manager"))).toBe(true);
    const messages = s?.values.flatMap((r, i) => (r[1] === "warning" || r[1] === "error" ? [i] : [])) ?? [];
    expect(messages.length).toBeGreaterThan(0);
    for (const i of messages) expect(s?.merges).toContainEqual({ top: i, bottom: i, left: 2, right: 9 });
  });

  it("gives a weighted score when a Weight column exists", () => {
    const wb = workbook(
      sheet("K", [
        ["KPI", "Target", "Actual", "Weight"],
        ["A", "100", 100, "60%"],
        ["B", "100", 50, "40%"],
      ]),
    );
    const { plan } = run(wb, OPTS);
    expect(plan.summary.weightedScore).toBeCloseTo(0.8);
    expect(plan.summary.weightedRows).toBe(2);
  });
});

test("side-by-side tables on the same rows each get their own rows' statuses", () => {
  const left = [
    ["KPI", "Target", "Actual"],
    ["Left met", "≥ 80%", pct(0.9)],
    ["Left short", "≥ 80%", pct(0.1)],
  ];
  const gap = [null, null, null, null, null];
  const right = [
    ["KPI", "Target", "Actual"],
    ["Right short", "≥ 80%", pct(0.1)],
    ["Right met", "≥ 80%", pct(0.9)],
  ];
  const grid = workbook(
    sheet(
      "Scorecard",
      left.map((row, i) => [...row, ...gap, ...(right[i] as typeof row)]),
    ),
  );
  const { evaluation, plan } = run(grid, OPTS);
  const after = applyPlanToGrid(grid, plan);
  const cells = (after.sheets.find((s) => s.name === "Scorecard") as SheetGrid).values;
  expect(evaluation.tables).toHaveLength(2);
  // Each table's rows, with the status written in that table's own KPA Status column.
  const written = evaluation.tables.flatMap((t) => {
    const statusCol = (cells[0] as CellValue[]).indexOf("KPA Status", t.left);
    return evaluation.rows.filter((x) => x.tableId === t.id).map((r) => `${r.name}: ${String(cells[r.row]?.[statusCol])}`);
  });
  expect(written.sort()).toEqual(evaluation.rows.map((r) => `${r.name}: ${r.status}`).sort());
  expect(evaluation.rows.map((r) => `${r.name}: ${r.status}`).sort()).toEqual(
    ["Left met: Met", "Left short: Off Track", "Right met: Met", "Right short: Off Track"].sort(),
  );
});

test("Add tracking columns, blocked, names the columns it wanted and the cell in the way", () => {
  const grid = workbook(
    sheet("G", [
      ["Goal", "Target", "Owner", null, "note"],
      ["Raise CSAT", "≥ 85%", "Ana"],
    ]),
  );
  const { evaluation } = run(grid, OPTS);
  const table = evaluation.tables[0];
  if (!table) throw new Error("the goals table was not found");
  const out = trackingColumns(grid, table, evaluation.ownership);
  expect(out).toMatchObject({ sheet: "G", cell: "E1" });
  expect((out as { message: string }).message).toMatch(/^No room to write the Baseline and Actual columns .*G!E1 is not empty/);
});
