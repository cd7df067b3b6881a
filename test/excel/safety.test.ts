// Nothing the user owns is lost or turned into something else: cells outside our columns stay as they were,
// user text is never re-typed into a formula, number or date, and when Excel cannot take a change (protection,
// a cell being edited, another evaluation running) the adapter refuses before changing anything.
import { parseRef } from "../../src/engine/address";
import { dayFromDate, serialFromDay } from "../../src/engine/dates";
import type { Rect, WorkbookGrid } from "../../src/engine/grid";
import { COLUMNS_NAME_PREFIX, OUR_SHEETS } from "../../src/engine/ownership";
import { type MemoryCell, MemoryExcel } from "../support/memory-excel";
import { readWorkbook } from "../../src/excel/read";
import { PortError } from "../../src/app/port";
import { type Cell, pct, sheet, table, workbook } from "../fixtures/builders";
import { seedTemplate } from "../fixtures/template";
import { createExcelPort } from "../../src/excel/excel-port";
import { UNDO_SHEET } from "../../src/excel/undo-sheet";
import { NOW, SETTINGS, memorySettings, setup } from "./harness";
import { GOALS_HEADER, goalRows, goalsWorkbook, isStatusText } from "./fixtures";

/** Our column blocks on the user's sheets, from our defined names. */
function ourBlocks(excel: MemoryExcel): { sheet: string; rect: Rect }[] {
  return excel.state.names
    .filter((n) => n.name.startsWith(COLUMNS_NAME_PREFIX))
    .map((n) => parseRef(n.formula.replace(/^=/, "")))
    .filter((r): r is { sheet: string; rect: Rect } => r !== undefined);
}

function inBlocks(blocks: { sheet: string; rect: Rect }[], sheetName: string, r: number, c: number): boolean {
  return blocks.some((b) => b.sheet === sheetName && r >= b.rect.top && r <= b.rect.bottom && c >= b.rect.left && c <= b.rect.right);
}

/** Every stored cell of a sheet, by "row,col", as plain data. */
function cellsOf(excel: MemoryExcel, name: string): Map<string, MemoryCell> {
  const out = new Map<string, MemoryCell>();
  for (const [r, row] of excel.sheet(name).rows)
    for (const [c, cell] of row) out.set(`${r},${c}`, JSON.parse(JSON.stringify(cell)) as MemoryCell);
  return out;
}

const isBlankCell = (c: MemoryCell | undefined) =>
  !c || (c.value === "" && c.formula === undefined && c.numberFormat === "General" && Object.keys(c.format).length === 0);

describe("nothing lost", () => {
  /** A goals sheet with the things users put around a table: a title, notes, a formula, styles, a far cell. */
  function richGrid(): WorkbookGrid {
    const rows: Cell[][] = [
      ["Support goals 2050"],
      ["Owner: Service Operations", null, null, null, null, null, null, null, null, null, "Reviewed monthly"],
      [],
      ...table(GOALS_HEADER, goalRows(30)),
      [],
      ["Notes: retention is the focus for Q4.", null, null, { v: 0.15, f: "0.00%" }],
    ];
    return workbook(
      sheet("Goals", rows),
      seedTemplate("KPA", { goals: [{ header: "Actual", values: [pct(0.86), 65, pct(0.87), "1.5 hours", null] }] }),
      sheet("Lookups", [
        ["Priority", "Weight"],
        ["High", 3],
        ["Medium", 2],
      ]),
    );
  }

  let source: WorkbookGrid;
  let excel: MemoryExcel;
  let before: Map<string, Map<string, MemoryCell>>;

  beforeAll(async () => {
    source = richGrid();
    const made = setup(source);
    excel = made.excel;
    // A formula and some styling of the user's, which the grid builders cannot express.
    const total = excel.sheet("Goals").rows.get(35)?.get(3);
    const title = excel.sheet("Goals").rows.get(0)?.get(0);
    if (!total || !title) throw new Error("The rich grid no longer has its total in D36 and its title in A1.");
    total.formula = "=0.15";
    title.format = { bold: true, size: 16, color: "#1F3864" };
    before = new Map(source.sheets.map((g) => [g.name, cellsOf(excel, g.name)]));
    await made.port.evaluate(SETTINGS);
  });

  it("wrote its columns (so the comparison below has something to miss)", () => {
    const blocks = ourBlocks(excel);
    expect(blocks.map((b) => b.sheet)).toEqual(expect.arrayContaining(["Goals", "KPA"]));
    expect(excel.values("Goals")[3]).toContain("KPA Status");
  });

  it("keeps every cell outside its columns, value, formula, number format and style alike", () => {
    const blocks = ourBlocks(excel);
    let compared = 0;
    for (const g of source.sheets) {
      const after = cellsOf(excel, g.name);
      for (const [key, cell] of before.get(g.name) ?? []) {
        const [r, c] = key.split(",").map(Number) as [number, number];
        if (inBlocks(blocks, g.name, r, c)) continue;
        expect({ sheet: g.name, key, cell: after.get(key) }).toEqual({ sheet: g.name, key, cell });
        compared++;
      }
      // And nothing new appeared outside our columns.
      for (const [key, cell] of after) {
        const [r, c] = key.split(",").map(Number) as [number, number];
        if (inBlocks(blocks, g.name, r, c) || before.get(g.name)?.has(key)) continue;
        expect({ sheet: g.name, key, blank: isBlankCell(cell) }).toEqual({ sheet: g.name, key, blank: true });
      }
    }
    expect(compared).toBeGreaterThan(150);
  });

  it("still holds every value of the source grid where it was", () => {
    const blocks = ourBlocks(excel);
    let inOurs = 0;
    let outside = 0;
    for (const g of source.sheets) {
      const shown = excel.values(g.name);
      g.values.forEach((row, i) =>
        row.forEach((v, j) => {
          if (inBlocks(blocks, g.name, i, j)) {
            // Our columns only ever take cells the user left empty.
            expect({ sheet: g.name, row: i, col: j, v }).toEqual({ sheet: g.name, row: i, col: j, v: null });
            inOurs++;
            return;
          }
          const expected = v === null ? "" : v instanceof Date ? serialFromDay(dayFromDate(v)) : typeof v === "object" ? v.error : v;
          expect({ sheet: g.name, row: i, col: j, v: shown[i]?.[j] ?? "" }).toEqual({ sheet: g.name, row: i, col: j, v: expected });
          outside++;
        }),
      );
    }
    // Both kinds of cell were there to check: the user's, and empty ones of the source grid our columns took.
    expect(outside).toBeGreaterThan(150);
    expect(inOurs).toBeGreaterThan(0);
  });

  it("leaves a sheet without tables entirely alone", () => {
    expect(cellsOf(excel, "Lookups")).toEqual(before.get("Lookups"));
    expect(excel.sheet("Lookups").conditionalFormats).toEqual([]);
  });
});

describe("user text stays text", () => {
  // Each of these, written unquoted through Range.values, Excel would turn into a formula, a number, a
  // boolean or a date. They are goal names and owners here, short of target, so KPA Gaps lists them.
  const TEXTS = ["=1+1", "+5", "-3 days", "@home", "1/2", "TRUE", "007", "#N/A"];
  // Excel also reads a date with a month name into a date serial, as it does "1/2".
  const MONTH_TEXTS = ["June 30, 2050", "Mar-2051"];
  const ALL = [...TEXTS, ...MONTH_TEXTS];

  let excel: MemoryExcel;

  beforeAll(async () => {
    const rows: Cell[][] = ALL.map((t, i) => [t, 100, new Date(Date.UTC(2050, 11, 31)), ALL[(i + 3) % ALL.length] as string, 40]);
    const made = setup(workbook(sheet("Goals", table(GOALS_HEADER, rows))));
    excel = made.excel;
    const result = await made.port.evaluate(SETTINGS);
    expect(result.total).toBe(ALL.length);
  });

  it.each(ALL)("%p appears on KPA Gaps as that very text, name and owner alike, with no formula", (text) => {
    const shown = excel.values(OUR_SHEETS.gaps);
    const header = shown.findIndex((r) => r[0] === "Status");
    const columns = shown[header] ?? [];
    const [nameCol, ownerCol, keyCol] = ["Name", "Owner", "Key"].map((h) => columns.indexOf(h)) as [number, number, number];
    expect(Math.min(nameCol, ownerCol, keyCol)).toBeGreaterThanOrEqual(0);
    // The row of the goal named `text`, and the row of the goal `text` owns (owners are shifted by three).
    const named = ALL.indexOf(text);
    const owned = (named - 3 + ALL.length) % ALL.length;
    const rowOf = (goal: string) => shown.findIndex((r) => r[keyCol] === `Goals|goals|${goal.toLowerCase()}`);
    const cell = (row: number, col: number) => {
      const c = excel.sheet(OUR_SHEETS.gaps).rows.get(row)?.get(col);
      return { value: c?.value, formula: c?.formula };
    };
    expect(rowOf(text)).toBeGreaterThan(header);
    expect({ name: cell(rowOf(text), nameCol) }).toEqual({ name: { value: text, formula: undefined } });
    expect({ owner: cell(rowOf(ALL[owned] as string), ownerCol) }).toEqual({ owner: { value: text, formula: undefined } });
  });

  it("writes no formula anywhere but its own links", () => {
    const formulas = excel.state.sheets.flatMap((s) =>
      [...s.rows.values()].flatMap((row) =>
        [...row.values()].filter((c) => c.formula !== undefined).map((c) => ({ sheet: s.name, formula: c.formula })),
      ),
    );
    // Its own links are there (KPA Gaps and KPA Summary link to the rows), so the check below has formulas to look at.
    expect(formulas.length).toBeGreaterThan(0);
    const ours: string[] = Object.values(OUR_SHEETS);
    for (const f of formulas)
      expect({ ours: ours.includes(f.sheet), formula: f.formula }).toEqual({
        ours: true,
        formula: expect.stringMatching(/^=HYPERLINK\("#/),
      });
  });

  it.each(ALL)("lists the owner %p on KPA Summary as the same text", (text) => {
    const summary = excel.values(OUR_SHEETS.summary).map((r) => r[0]);
    expect(summary).toContain(text);
  });

  it("leaves the user's own cells as the text they were", () => {
    const goals = excel.values("Goals");
    expect(goals.slice(1, ALL.length + 1).map((r) => r[0])).toEqual(ALL);
  });
});

describe("refusals change nothing", () => {
  async function readSyncsOf(grid: WorkbookGrid, prepare: (e: MemoryExcel) => void): Promise<number> {
    const excel = MemoryExcel.fromGrid(grid);
    prepare(excel);
    return (await excel.run((ctx) => readWorkbook(ctx))).syncs;
  }

  it("a protected goals sheet: a PortError naming it, no write round trip, the workbook unchanged", async () => {
    const grid = workbook(sheet("Notes", [["Free text"]]), sheet("Team goals", table(GOALS_HEADER, goalRows(20))));
    const protect = (e: MemoryExcel) => void (e.sheet("Team goals").protected = true);
    const { excel, port } = setup(grid);
    protect(excel);
    const before = excel.snapshot();
    const failure = await port.evaluate(SETTINGS).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PortError);
    expect((failure as PortError).message).toContain('"Team goals"');
    expect((failure as PortError).message).toMatch(/protected/i);
    expect((failure as PortError).where).toEqual({ sheet: "Team goals" });
    expect(excel.snapshot()).toEqual(before);
    // Only the reads went to Excel: as many round trips as reading alone takes, and no batch of writes began; besides
    // them, the run lock's (one to take it, two to release it).
    expect(excel.stats.syncs).toHaveLength((await readSyncsOf(grid, protect)) + 3);
    expect(excel.state.names).toEqual([]);
    expect(excel.stats.calculationSuspensions).toBe(0);
    expect(excel.stats.failures).toEqual([]);
    // Unprotected, the same port evaluates: a refusal does not leave it busy.
    excel.sheet("Team goals").protected = false;
    await expect(port.evaluate(SETTINGS)).resolves.toMatchObject({ total: 20 });
  });

  it("a protected workbook structure: a PortError saying so, the workbook unchanged", async () => {
    const { excel, port } = setup(goalsWorkbook(10));
    excel.state.workbookProtected = true;
    const before = excel.snapshot();
    const failure = await port.evaluate(SETTINGS).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PortError);
    expect((failure as PortError).message).toMatch(/structure is protected/i);
    expect(excel.snapshot()).toEqual(before);
    expect(excel.stats.calculationSuspensions).toBe(0);
  });

  it("a cell being edited: the PortError asking to leave the cell, the workbook unchanged", async () => {
    const { excel, port } = setup(goalsWorkbook(10));
    excel.state.cellEditMode = true;
    const before = excel.snapshot();
    const failure = await port.evaluate(SETTINGS).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PortError);
    expect((failure as PortError).message).toBe("Excel is busy editing a cell. Press Enter or Esc to leave the cell, then try again.");
    expect(excel.snapshot()).toEqual(before);
    expect(excel.stats.failures).toEqual(["InvalidOperationInCellEditMode"]);
    excel.state.cellEditMode = false;
    await expect(port.evaluate(SETTINGS)).resolves.toMatchObject({ total: 10 });
  });

  it("the same for scan and undo while a cell is being edited", async () => {
    const { excel, port } = setup(goalsWorkbook(10));
    await port.evaluate(SETTINGS);
    excel.state.cellEditMode = true;
    await expect(port.scan(SETTINGS)).rejects.toThrow(/leave the cell/);
    await expect(port.undo()).rejects.toThrow(/leave the cell/);
    await expect(port.canUndo()).rejects.toBeInstanceOf(PortError);
  });
});

describe("two evaluations started together", () => {
  it("runs exactly one; the other is refused as busy and changes nothing", async () => {
    const { excel, port } = setup(goalsWorkbook(200));
    const [a, b] = await Promise.allSettled([port.evaluate(SETTINGS), port.evaluate(SETTINGS)]);
    const outcomes = [a, b];
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(refused).toHaveLength(1);
    expect(refused[0]?.reason).toBeInstanceOf(PortError);
    expect((refused[0]?.reason as PortError).message).toMatch(/busy/i);
    // One evaluation's worth of work: one status column, one pair of summary sheets.
    expect(excel.values("Goals")[0]?.filter((v) => v === "KPA Status")).toHaveLength(1);
    expect(excel.state.sheets.map((s) => s.name).filter((n) => n === OUR_SHEETS.summary)).toHaveLength(1);
    const statuses = excel
      .values("Goals")
      .slice(1)
      .map((r) => r[5]);
    expect(statuses).toHaveLength(200);
    expect(statuses.filter((s) => !isStatusText(s))).toEqual([]);
    // Once it finished, the next one runs.
    await expect(port.evaluate(SETTINGS)).resolves.toMatchObject({ total: 200 });
  });

  it("refuses an undo started while an evaluation runs", async () => {
    const { port } = setup(goalsWorkbook(50));
    await port.evaluate(SETTINGS);
    const [evaluation, undo] = await Promise.allSettled([port.evaluate({ ...SETTINGS, asOf: "2050-11-01" }), port.undo()]);
    expect(evaluation.status).toBe("fulfilled");
    expect(undo.status).toBe("rejected");
    expect((undo as PromiseRejectedResult).reason).toBeInstanceOf(PortError);
    expect(((undo as PromiseRejectedResult).reason as PortError).message).toMatch(/busy/i);
  });
});

describe("an evaluation interrupted part-way", () => {
  // Excel keeps what earlier round trips wrote when a later one fails: here the user starts editing a cell
  // after the first of several write round trips (a small write budget makes several).
  function interruptible(grid: WorkbookGrid) {
    const excel = MemoryExcel.fromGrid(grid);
    const interrupt = { afterWriteSyncs: Infinity };
    const run: typeof excel.run = (batch) =>
      excel.run((ctx) => {
        const c = ctx as unknown as { sync: () => Promise<void> };
        const sync = c.sync.bind(c);
        c.sync = () => {
          if (excel.stats.calculationSuspensions >= interrupt.afterWriteSyncs) excel.state.cellEditMode = true;
          return sync();
        };
        return batch(ctx);
      });
    const port = createExcelPort(run, { kind: "memory", settings: memorySettings(), now: () => NOW, budgetBytes: 60_000 });
    return { excel, port, interrupt };
  }

  /** 3,000 rows evaluated in many small round trips, and snapshots of it compared: seconds, more on a busy machine. */
  const HEAVY_MS = 60_000;

  // The cell stays in edit mode, so the run lock's release fails too: the port reports it on the console.
  let warn: jest.SpyInstance;
  beforeEach(() => (warn = jest.spyOn(console, "warn").mockImplementation(() => undefined)));
  afterEach(() => warn.mockRestore());

  const without = (snap: unknown) => {
    const s = snap as { sheets: { name: string }[] };
    return { ...s, sheets: s.sheets.filter((x) => x.name !== UNDO_SHEET) };
  };

  it(
    "really is interrupted after writing part of the plan",
    async () => {
      const { excel, port, interrupt } = interruptible(goalsWorkbook(3000));
      const before = excel.snapshot();
      interrupt.afterWriteSyncs = 1;
      await expect(port.evaluate(SETTINGS)).rejects.toThrow(/leave the cell/);
      expect(excel.snapshot()).not.toEqual(before);
      expect(excel.stats.calculationSuspensions).toBe(1);
      expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringMatching(/could not release its run lock/)]);
    },
    HEAVY_MS,
  );

  it(
    "is put right by evaluating again: the same workbook as one uninterrupted evaluation",
    async () => {
      const { excel, port, interrupt } = interruptible(goalsWorkbook(3000));
      interrupt.afterWriteSyncs = 1;
      await expect(port.evaluate(SETTINGS)).rejects.toThrow(PortError);
      excel.state.cellEditMode = false;
      interrupt.afterWriteSyncs = Infinity;
      await port.evaluate(SETTINGS);
      const clean = setup(goalsWorkbook(3000));
      await clean.port.evaluate(SETTINGS);
      expect(without(excel.snapshot())).toEqual(without(clean.excel.snapshot()));
    },
    HEAVY_MS,
  );

  // The undo sheet and its copies are written in the first round trip, the manifest in the last; so after an
  // interruption canUndo() says yes, and undo() says the record is damaged, though every copy it needs is there.
  it(
    "can be undone back to the workbook as it was",
    async () => {
      const { excel, port, interrupt } = interruptible(goalsWorkbook(3000));
      const before = excel.snapshot();
      interrupt.afterWriteSyncs = 1;
      await expect(port.evaluate(SETTINGS)).rejects.toThrow(PortError);
      excel.state.cellEditMode = false;
      interrupt.afterWriteSyncs = Infinity;
      expect(await port.canUndo()).toBe(true);
      await expect(port.undo()).resolves.toMatchObject({ undone: true });
      expect(excel.snapshot()).toEqual(before);
    },
    HEAVY_MS,
  );
});
