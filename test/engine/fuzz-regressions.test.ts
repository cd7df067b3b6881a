// Cases `npm run fuzz` found, shrunk to the grid that shows the bug, kept as plain tests. Each runs the fuzz's own
// checks (test/fuzz/check.ts: no throw, known statuses, valid cells, user cells kept, applying twice = once) and
// asserts what the bug broke. When the fuzz writes out/fuzz-failure.ts, its `it` goes here once the bug is fixed.
import { applyPlanToGrid } from "../../src/engine/apply";
import type { WorkbookGrid } from "../../src/engine/grid";
import { run } from "../../src/engine/index";
import { readOwnership } from "../../src/engine/ownership";
import { type FuzzOptions, checkCase } from "../fuzz/check";

const OPTS: FuzzOptions = { asOf: "2050-06-30", generatedAt: "2050-06-30T09:00:00Z", generator: "fuzz" };
// The settings `npm run fuzz` runs with.
const FUZZ_OPTS: FuzzOptions = { ...OPTS, tolerance: 0.1, dateOrder: "mdy", milestoneWindowDays: 30 };

/** A workbook evaluated, then its output evaluated again. */
function twice(wb: WorkbookGrid, opts: FuzzOptions = FUZZ_OPTS) {
  const first = run(wb, opts);
  return { first: first.evaluation, second: run(applyPlanToGrid(wb, first.plan), opts).evaluation };
}
type Ev = ReturnType<typeof run>["evaluation"];
/** Each table by its header cell and last row. */
const tableIds = (ev: Ev) => ev.tables.map((t) => `${t.id} ${t.lastRow}`);
/** Each row by its key and status. */
const rowKeys = (ev: Ev) => ev.rows.map((r) => `${r.key} ${r.status}`);

it("an invalid Date in a header row is read as text, not thrown on", () => {
  const wb: WorkbookGrid = { sheets: [{ name: "Sheet1", values: [[new Date(Number.NaN), "Target", "Actual", "Owner", "Timeline"]] }] };
  expect(() => run(wb, OPTS)).not.toThrow();
  checkCase(wb, OPTS);
});

it("one sheet plays one of our roles: a second name marking it for another role is ignored", () => {
  // Both the history and the summary names point at the same sheet: it was the summary that got replaced whole
  // while the history was appended to it, and applying the plan threw. Its A1 is no title of ours, so neither name
  // proves it ours now: both are reported, and our sheets go elsewhere.
  const wb: WorkbookGrid = {
    sheets: [
      {
        name: "KPA History",
        values: [
          ["Owner", "TARGET", "Score", "Goal Description"],
          ["Team Lead", "< 2 hours", "109 min", "Hire 12 engineers by June 2050"],
        ],
        origin: { row: 3, col: 0 },
      },
    ],
    names: [
      { name: "KPATracker_Sheet_History", ref: "'KPA History'!$A$1" },
      { name: "KPATracker_Sheet_Summary", ref: "'KPA History'!$A$1" },
    ],
  };
  const read = readOwnership(wb);
  expect(read.sheets).toEqual({});
  expect(read.problems.map((p) => `${p.code} ${p.sheet}!${p.cell}`)).toEqual([
    "sheetMarkNotProven KPA History!A1",
    "sheetMarkNotProven KPA History!A1",
  ]);
  const { plan } = run(wb, OPTS);
  expect(plan.sheets.map((s) => s.name)).not.toContain("KPA History");
  expect(() => applyPlanToGrid(wb, plan)).not.toThrow();
  checkCase(wb, OPTS);

  // A history sheet (its A1 says so) marked for two roles plays the one its title proves.
  const history: WorkbookGrid = {
    sheets: [{ name: "KPA History", values: [["Evaluated at", "As of", "Key", "Sheet", "Name", "Status", "Actual", "Progress"]] }],
    names: wb.names,
  };
  expect(readOwnership(history).sheets).toEqual({ history: "KPA History" });
  checkCase(history, OPTS);

  // Nor does a sheet's title alone make it ours, nor a name for another role whose title it does not hold.
  const titled: WorkbookGrid = {
    sheets: [wb.sheets[0]!, { name: "KPA Gaps", values: [["KPA Gaps"], ["Goal", "Target", "Actual"]] }],
    names: [{ name: "KPATracker_Sheet_Summary", ref: "'KPA Gaps'!$A$1" }],
  };
  expect(readOwnership(titled).sheets).toEqual({});
  checkCase(titled, OPTS);
});

it("a heading under a table ends it on every run, though a cell right of the table shares its row", () => {
  // "I. Customer" ends the table; a stray cell in F3 is beyond the table's columns. Once our columns reached F,
  // F3 counted as a second cell of the row, the heading stopped being one, and the second run judged it as a goal.
  const wb: WorkbookGrid = {
    sheets: [
      {
        name: "Sheet1",
        values: [["Goal", "Target", "Actual"], ["Customer Satisfaction (CSAT)"], ["I. Customer", null, null, null, null, Number.NaN]],
      },
    ],
  };
  const first = run(wb, OPTS);
  const second = run(applyPlanToGrid(wb, first.plan), OPTS);
  expect(second.evaluation.rows.map((r) => r.name)).toEqual(first.evaluation.rows.map((r) => r.name));
  expect(first.evaluation.rows.map((r) => r.name)).toEqual(["Customer Satisfaction (CSAT)"]);
  checkCase(wb, OPTS);
});

it("what we write beside a table (a status, an explanation) never makes its row a header row", () => {
  // Row 6 holds a goal and, right of it, a KPI header's words: 3 of 7 cells read as headers, not a header row.
  // Our "Needs Target" and "… → Needs Target" beside it read as Target headers, made it 4 of 8 and a KPI table,
  // which cut the goals table short on the second run.
  const wb: WorkbookGrid = {
    sheets: [
      {
        name: "Training",
        values: [
          [null, "Goal", "Target (2050)", "Current"],
          ["Sales Manager", "Revenue", "Best-in-class", "1.5 hours", "Key Performance Indicator", "Q4 Target", "Result"],
        ],
        origin: { row: 4, col: 4 },
        merges: [{ top: 4, left: 8, bottom: 4, right: 10 }],
      },
    ],
  };
  const first = run(wb, OPTS);
  expect(first.evaluation.rows.map((r) => [r.name, r.status])).toEqual([["Revenue", "Needs Target"]]);
  const second = run(applyPlanToGrid(wb, first.plan), OPTS);
  expect(second.evaluation.tables.map((t) => t.id)).toEqual(["Training!F5"]);
  expect(second.evaluation.rows.map((r) => [r.name, r.status])).toEqual([["Revenue", "Needs Target"]]);
  checkCase(wb, OPTS);
});

it("our columns of one table are not room for another's: a table beside them waits for room on every run", () => {
  // The KPI table at G reuses the "KPA Status" column typed at its left edge. The goals table at A–C has no room
  // (G1 is in the way) on the first run; once G became ours, the second run took it for free room and wrote D–F.
  const wb: WorkbookGrid = {
    sheets: [
      {
        name: "Sheet1",
        values: [
          ["Goal", "Actual", "Timeline", null, null, null, "KPA Status", "Target", "Actual", "KPI"],
          ["Achieve a CSAT score of 85% or higher.", null, null, null, null, null, null, "Complete"],
        ],
      },
    ],
  };
  const first = run(wb, OPTS);
  const second = run(applyPlanToGrid(wb, first.plan), OPTS);
  expect(second.plan.writes.filter((w) => w.col < 6)).toEqual([]);
  expect(second.plan.room).toEqual(first.plan.room);
  checkCase(wb, OPTS);
});

it("a Status column is taken over only when its cells are empty or typed placeholders, not when one holds an error", () => {
  // An error is a formula's result: "#N/A" read as a no-value marker, an error without a code as no text, and the
  // plan wrote over the user's formula.
  for (const error of ["", "#N/A"]) {
    const wb: WorkbookGrid = {
      sheets: [
        {
          name: "Sheet1",
          values: [
            [null, null, null, "Status", "Baseline", "Goal", "Owner"],
            [null, null, null, { error }],
          ],
        },
      ],
    };
    const { plan } = run(wb, OPTS);
    expect(plan.writes.filter((w) => w.col === 3)).toEqual([]);
    checkCase(wb, OPTS);
  }
  // Typed "#N/A" or "TBD" is still a placeholder the plan may write over.
  const typed: WorkbookGrid = {
    sheets: [
      {
        name: "G",
        values: [
          ["Goal", "Target", "Actual", "Status"],
          ["A", "≥ 10", 12, "#N/A"],
        ],
      },
    ],
  };
  expect(run(typed, OPTS).plan.writes[0]).toMatchObject({ row: 1, col: 3, values: [["Met"]] });
});

it("cells under a header we write neither make nor break a header row below it", () => {
  // "TBD" under a typed "KPA Progress" joined row 2 into one run with the number in F2, so it was no header row on
  // the first run; once our (empty) progress replaced it, "Goal | Target | Actual | -" read as one and cut the KPI
  // table above short on the second run.
  const wb: WorkbookGrid = {
    sheets: [
      {
        name: "Sheet1",
        values: [
          [null, null, null, "Actual", "KPA Progress", "Timeline", "KPI", "Target"],
          ["Goal", "Target", "Actual", "-", "TBD", 54969],
        ],
      },
    ],
  };
  const first = run(wb, OPTS);
  expect(first.evaluation.tables.map((t) => t.id)).toEqual(["Sheet1!D1", "Sheet1!A2"]);
  const second = run(applyPlanToGrid(wb, first.plan), OPTS);
  expect(second.evaluation.tables.map((t) => t.id)).toEqual(["Sheet1!D1", "Sheet1!A2"]);
  checkCase(wb, OPTS);
});

it("a header row under a table still ends it once our columns sit beside the table", () => {
  // Our columns E–G beside the goals table reach the header row "Goal | Actual | Timeline | Owner" in D3:G3; its
  // cells under our headers must still count, or the table runs on into it on the second run.
  const wb: WorkbookGrid = {
    sheets: [
      {
        name: "Sheet1",
        values: [
          ["Goal", "Target", "Actual", "I. Customer", null, null, null, null, "KPI", "Target", "Actual"],
          ["Customer Satisfaction (CSAT)", "0 incidents", 0],
          [null, null, null, "Goal", "Actual", "Timeline", "Owner"],
        ],
      },
    ],
  };
  const first = run(wb, OPTS);
  const second = run(applyPlanToGrid(wb, first.plan), OPTS);
  expect(second.evaluation.rows.map((r) => r.name)).toEqual(["Customer Satisfaction (CSAT)"]);
  expect(second.evaluation.tables.map((t) => t.id)).toEqual(first.evaluation.tables.map((t) => t.id));
  checkCase(wb, OPTS);
});

it("a table's columns never go into another table's rows, even into its empty cells", () => {
  // The goals table at A2:B3 put its explanation column in E, whose E2 is an empty cell of the goals table at
  // E1:G2; on the second run "KPA Explanation" in E2 made that table's row read differently.
  const wb: WorkbookGrid = {
    sheets: [
      {
        name: "Sheet1",
        values: [[null, null, null, null, "Target", "Actual", "Goal"], ["Goal", "Actual", null, null, null, null, 0], [Number.NaN]],
      },
    ],
  };
  const { plan } = run(wb, OPTS);
  expect(plan.writes.filter((w) => w.col <= 6).map((w) => `${w.row}:${w.col}`)).toEqual([]);
  expect(plan.problems.find((p) => p.code === "noRoomForColumns")?.cell).toBe("E1");
  checkCase(wb, OPTS);
});

it("our columns' cells are masked only within the table: a heading ends it before the next row is read", () => {
  // Reading rows under our columns as empty ran on past the heading "I. Customer", so "Department" and the number
  // in D4 vanished and "KPI | Description" became a KPA table on the second run.
  const wb: WorkbookGrid = {
    sheets: [
      {
        name: "Sheet1",
        values: [
          ["Goal", "Target"],
          [Number.NaN],
          ["I. Customer"],
          ["KPI", "Description", "Department", Number.NaN],
          ["Customer Satisfaction (CSAT)"],
        ],
      },
    ],
  };
  const first = run(wb, OPTS);
  const second = run(applyPlanToGrid(wb, first.plan), OPTS);
  expect(second.evaluation.tables.map((t) => t.id)).toEqual(["Sheet1!A1"]);
  expect(second.evaluation.rows.map((r) => r.key)).toEqual(first.evaluation.rows.map((r) => r.key));
  checkCase(wb, OPTS);
});

it("only our values under our headers are read as empty, not the user's words beside a table's end", () => {
  // "Role" in G3 and "Target" in F3 sat under columns that became ours on the first run; read as empty on the
  // second, they no longer made row 3 a header row, and it was judged as a row of the table above.
  const sheets: WorkbookGrid[] = [
    {
      sheets: [
        {
          name: "Goals 2050",
          values: [
            ["Benchmark", "Measure", "Actual", "By When", "KPA Progress", "مؤشرات الأداء"],
            ["under 2h"],
            [null, null, null, new Date("2050-11-28T00:00:00.000Z"), "Met", "Training Required", "Role"],
          ],
        },
      ],
    },
    {
      sheets: [
        {
          name: "Sheet1",
          values: [
            ["KPI", "Target", "Actual", "KPA Status", "Timeline"],
            ["Customer Satisfaction (CSAT)"],
            [Number.NaN, "Baseline", "Start Date", "Actual", "Goal", "Target"],
          ],
        },
      ],
    },
  ];
  for (const wb of sheets) {
    const first = run(wb, OPTS);
    const second = run(applyPlanToGrid(wb, first.plan), OPTS);
    expect(second.evaluation.rows.map((r) => r.key)).toEqual(first.evaluation.rows.map((r) => r.key));
    checkCase(wb, OPTS);
  }
});

it("our status written beside another table's header row does not make that row overlap our table", () => {
  // "KPI | Target | Actual | Baseline | Status" in A2:E2 ends before our KPA Status column F; once F2 held "No
  // Data" the header ran on to G2 and cut the KPI table at F1 short on the second run.
  const wb: WorkbookGrid = {
    sheets: [
      {
        name: "Sheet1",
        values: [
          [null, null, null, null, null, "KPA Status", "Target", "Timeline", "KPI"],
          ["KPI", "Target", "Actual", "Baseline", "Status", null, "≥ 66%"],
        ],
      },
    ],
  };
  const first = run(wb, OPTS);
  const second = run(applyPlanToGrid(wb, first.plan), OPTS);
  expect(second.evaluation.rows.map((r) => r.key)).toEqual(first.evaluation.rows.map((r) => r.key));
  expect(second.evaluation.tables.map((t) => t.id)).toEqual(first.evaluation.tables.map((t) => t.id));
  checkCase(wb, OPTS);
});

it("a header row under our columns keeps its own Status column", () => {
  // "Status" under our KPA Explanation column read as a placeholder we write over, so the goals table below lost
  // its Status column on the second run.
  const wb: WorkbookGrid = {
    sheets: [
      {
        name: "Sheet1",
        values: [
          ["KPI", "Target"],
          ["Customer Satisfaction (CSAT)"],
          ["Goal", "Target", "Actual", "Start Date", "Status"],
          ["Customer Satisfaction (CSAT)"],
        ],
      },
    ],
  };
  const first = run(wb, OPTS);
  const second = run(applyPlanToGrid(wb, first.plan), OPTS);
  const below = (ev: typeof first.evaluation) => ev.tables.find((t) => t.id === "Sheet1!A3")?.fields.status;
  expect(below(first.evaluation)).toBe(4);
  expect(below(second.evaluation)).toBe(4);
  checkCase(wb, OPTS);
});

it("a header row under our columns stays a header when it holds a no-value marker", () => {
  // "#N/A" typed as a header under our KPA Progress column read as a marker we write over, so on the second run
  // the row below lost its header and became a data row of the table above.
  const wb: WorkbookGrid = {
    sheets: [
      {
        name: "Sheet1",
        values: [
          ["Goal", "Target"],
          ["FOUNDATIONAL KPIs (40% weight)"],
          ["Actual", "Priority", "Timeline", "#N/A", "Target"],
        ],
      },
    ],
  };
  const first = run(wb, OPTS);
  const second = run(applyPlanToGrid(wb, first.plan), OPTS);
  const ids = (ev: typeof first.evaluation) => ev.tables.map((t) => `${t.id} ${t.lastRow}`);
  expect(ids(first.evaluation)).toEqual(["Sheet1!A1 1", "Sheet1!A3 2"]);
  expect(ids(second.evaluation)).toEqual(ids(first.evaluation));
  checkCase(wb, OPTS);
});

it("two tables side by side mask both their columns when a row below them is read for a header", () => {
  // The table at J1 read row 2 again masking only its own columns, so "Needs Target" written under C1's KPA Status
  // joined "KPI | Description" to the number beside it, and the KPA elements table at A2 vanished on the second run.
  const wb: WorkbookGrid = {
    sheets: [
      {
        name: "Sheet1",
        values: [
          [null, null, "KPA Status", "Actual", "Target", "KPI", null, null, null, "KPI", "Target"],
          ["KPI", "Description", null, 25, null, null, null, null, null, Number.NaN],
          ["Customer Satisfaction (CSAT)"],
        ],
      },
    ],
  };
  const first = run(wb, OPTS);
  const second = run(applyPlanToGrid(wb, first.plan), OPTS);
  const ids = (ev: typeof first.evaluation) => ev.tables.map((t) => `${t.id} ${t.kind}`);
  expect(ids(first.evaluation)).toContain("Sheet1!A2 kpa");
  expect(ids(second.evaluation)).toEqual(ids(first.evaluation));
  checkCase(wb, OPTS);
});

it("a stray value under our status column does not decide whether the row below our header is a header", () => {
  // FALSE in C2 under KPA Status kept row 2 from reading as a header; we wrote "No Data" over it, the second run
  // masked that, and row 2 became a header. Whatever sits in our columns is ours to write over, so it is masked
  // on every run.
  const wb: WorkbookGrid = {
    sheets: [{ name: "Sheet1", values: [[null, "Goal", "KPA Status", "Training Needs"], ["Goal", "Training Needs", false]] }],
  };
  const { first, second } = twice(wb);
  expect(tableIds(first).length).toBeGreaterThan(0);
  expect(tableIds(second)).toEqual(tableIds(first));
  checkCase(wb, FUZZ_OPTS);
});

it("a history sheet whose header row someone overwrote still reads our snapshots, so a second run appends nothing", () => {
  // Row 1 of KPA History said only "Status" in C1: snapshots were looked up by row 1's words, none was found,
  // and every run appended the same snapshot again. Its A1 keeps our title, which with the name proves it ours.
  const wb: WorkbookGrid = {
    sheets: [
      { name: "KPA History", values: [["Evaluated at", null, "Status"]] },
      { name: "📊 Metrics", values: [["Indicator", "Target "], ["Defect rate"]] },
    ],
    names: [{ name: "KPATracker_Sheet_History", ref: "'KPA History'!$A$1" }],
  };
  const first = run(wb, FUZZ_OPTS);
  expect(first.evaluation.ownership.sheets.history).toBe("KPA History");
  expect(first.plan.history.appended).toBeGreaterThan(0);
  const second = run(applyPlanToGrid(wb, first.plan), FUZZ_OPTS);
  expect(second.plan.history.appended).toBe(0);
  checkCase(wb, FUZZ_OPTS);
});

it("a header row of the user's cells ends a table the same way before and after our columns stand beside it", () => {
  // Row 3 is a header ("Description | KPI") under a training table; NaN in F3 kept "Goal | Target" in D3:E3 from
  // reading as a header. Once our columns reached F, F3 was masked and a goals table appeared on the second run.
  const wb: WorkbookGrid = {
    sheets: [
      {
        name: "Sheet1",
        values: [
          [null, "Training Needs", "Timeline"],
          [null, "Excel advanced"],
          ["Description", "KPI", null, "Goal", "Target", Number.NaN],
          [null, null, null, Number.NaN],
        ],
      },
    ],
  };
  const { first, second } = twice(wb);
  const kinds = (ev: Ev) => ev.tables.map((t) => `${t.id} ${t.kind}`);
  expect(kinds(first)).toEqual(["Sheet1!B1 training", "Sheet1!A3 kpa"]);
  expect(kinds(second)).toEqual(kinds(first));
  checkCase(wb, FUZZ_OPTS);
});

it("rows we wrote stay the table's rows on the next run, whatever our cells in them now hold", () => {
  // "Q3" under KPA Status kept row 2 a data row; once we wrote a status there, the row read as "KPI | Target | Q1"
  // with our cell masked, a header, and the row vanished. And "TBD" under KPA Status, with a KPI header beside it:
  // once our status stood there, the row became a header and the KPI table below lost its row.
  const cases: WorkbookGrid[] = [
    { sheets: [{ name: "Sheet1", values: [["KPI", "Target", "Actual", "KPA Status", "Timeline"], ["KPI", "Target", "Q1", "Q3", Number.NaN]] }] },
    {
      sheets: [
        {
          name: "Sheet1",
          values: [
            ["KPI", "Target", "Actual", "KPA Status"],
            [null, "≥ 3 tickets", "3 tickets", "TBD", "KPI", "Target"],
            [null, null, null, null, "Customer Satisfaction (CSAT)"],
          ],
        },
      ],
    },
  ];
  for (const wb of cases) {
    const { first, second } = twice(wb);
    expect(rowKeys(first).length).toBeGreaterThan(0);
    expect(rowKeys(second)).toEqual(rowKeys(first));
    checkCase(wb, FUZZ_OPTS);
  }
});

it("a table reading a row below it keeps the headers an earlier table found beside it", () => {
  // "TBD" under A1's KPA Status, masked, let "Customer Satisfaction (CSAT) | Goal | Target" in D2:F2 read as a
  // header. Once our columns stood beside the table at J1, its reading of row 2 replaced every header of the row,
  // without that mask, and the goals table at D2 vanished on the second run.
  const wb: WorkbookGrid = {
    sheets: [
      {
        name: "Sheet1",
        values: [
          ["Target", "Actual", "KPA Status", "KPI", null, null, null, null, null, "Goal", "Target"],
          [null, true, "TBD", "Customer Satisfaction (CSAT)", "Goal", "Target", null, null, null, "Customer Satisfaction (CSAT)"],
          [null, null, null, null, "Customer Satisfaction (CSAT)"],
        ],
      },
    ],
  };
  const { first, second } = twice(wb);
  expect(tableIds(first)).toContain("Sheet1!D2 2");
  expect(tableIds(second)).toEqual(tableIds(first));
  checkCase(wb, FUZZ_OPTS);
});

it("a heading that ends a table keeps the headers beside it as the user wrote them, once our columns reach them", () => {
  // "I. Customer" ends the KPI table. NaN in E3 kept "Training Needs | Timeline" in F3:G3 from reading as a header;
  // once our Explanation column took E, the table's reading of row 3 masked E3 and a training table appeared.
  const wb: WorkbookGrid = {
    sheets: [
      {
        name: "Sheet1",
        values: [
          ["KPI", "Target"],
          ["Customer Satisfaction (CSAT)"],
          ["I. Customer", null, null, null, Number.NaN, "Training Needs", "Timeline"],
          [null, null, null, null, null, null, 54970],
        ],
      },
    ],
  };
  const { first, second } = twice(wb);
  expect(tableIds(first)).toEqual(["Sheet1!A1 1"]);
  expect(tableIds(second)).toEqual(tableIds(first));
  checkCase(wb, FUZZ_OPTS);
});

it("a row we wrote stays the table's though emptying our cell in it leaves the user's cells reading as a header", () => {
  // "Reports To" under KPA Progress: we write the row's progress there (none, so the cell is emptied), and on the
  // second run "Role | Responsibilities" stood alone and read as a roles header, and the KPI row vanished.
  const wb: WorkbookGrid = {
    sheets: [{ name: "Sheet1", values: [["KPI", "Actual", "KPA Progress", "Target"], ["Role", "Responsibilities", "Reports To", Number.NaN]] }],
  };
  const { first, second } = twice(wb);
  expect(rowKeys(first)).toEqual(["Sheet1|kpi|role Needs Target"]);
  expect(rowKeys(second)).toEqual(rowKeys(first));
  checkCase(wb, FUZZ_OPTS);
});

it("a status we write in a column we took over does not hide the header row beside it", () => {
  // E1's table takes over its Status column E; the status written in E2 joined "KPI | Target | Actual | Timeline"
  // to the date in F2, the run was no header row as a whole, and the KPI table at A2 vanished on the second run.
  const wb: WorkbookGrid = {
    sheets: [
      {
        name: "Sheet1",
        values: [
          [null, null, null, null, "Status", "Start Date", "Target", "KPI"],
          ["KPI", "Target", "Actual", "Timeline", null, 54969],
          ["Customer Satisfaction (CSAT)"],
        ],
      },
    ],
  };
  const { first, second } = twice(wb);
  expect(rowKeys(first)).toContain("Sheet1|kpi|customer satisfaction (csat) No Data");
  expect(rowKeys(second)).toEqual(rowKeys(first));
  checkCase(wb, FUZZ_OPTS);
});

it("a table left without some of its columns (they would share another table's) goes without them again next time", () => {
  // Three stacked tables one column apart: the widest keeps its three, the others keep theirs up to a shared column.
  // Evaluated again, the goals' explanation column was placed before the KPIs' status was counted, and appeared.
  const wb: WorkbookGrid = {
    sheets: [
      {
        name: "Sheet1",
        values: [
          ["KPI", "Target", "Actual", "Baseline", "Timeline", null],
          ["Customer Satisfaction (CSAT)", "0 incidents", 0, null, 54970, null],
          ["Note: figures as of June", null, null, null, null, null],
          ["Goal", "Target", "Actual", null, null, null],
          [Number.NaN, "Complete", true, null, null, null],
          ["I. Customer", null, null, null, null, null],
          ["Role", "Training Needs", "Timeline", "Owner", "Status", "Completed"],
          ["Team Lead", "Excel advanced", 54970, "Ana", "Green", true],
        ],
        numberFormats: [
          [],
          ["General", "General", "General", "General", "yyyy-mm-dd"],
          [],
          [],
          [],
          [],
          [],
          ["General", "General", "yyyy-mm-dd"],
        ],
      },
    ],
  };
  const opts: FuzzOptions = { ...FUZZ_OPTS, asOf: "2050-06-30", tolerance: 0, milestoneWindowDays: 0 };
  const first = run(wb, opts);
  expect(first.plan.problems.filter((p) => p.code === "columnsLeftOut").map((p) => p.cell)).toEqual(["G7", "F1"]);
  const second = run(applyPlanToGrid(wb, first.plan), opts);
  expect(second.plan.writes.map((w) => [w.row, w.col, w.values[0]?.length])).toEqual(first.plan.writes.map((w) => [w.row, w.col, w.values[0]?.length]));
  expect(second.plan.problems.map((p) => p.message)).toEqual(first.plan.problems.map((p) => p.message));
  checkCase(wb, opts);
});
