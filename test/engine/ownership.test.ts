// What we own is proven by the cells our names point at, never guessed from a name or a title alone (ownership.ts).
import { applyPlanToGrid } from "../../src/engine/apply";
import type { CellValue, DefinedName, Rect, SheetGrid, WorkbookGrid } from "../../src/engine/grid";
import { SheetView } from "../../src/engine/grid";
import { type WritePlan, run } from "../../src/engine/index";
import { columnsMarkName, readOwnership } from "../../src/engine/ownership";
import { sheet, workbook } from "../fixtures/builders";

const OPTS = { asOf: "2050-10-15", generatedAt: "2050-10-15T09:00:00Z", generator: "KPA Tracker test" };

/** A goals table in A1:C3 with room for our columns to its right. */
function goals(extra: CellValue[][] = []): SheetGrid {
  const rows: CellValue[][] = [
    ["Goal", "Target", "Actual"],
    ["Raise CSAT", "≥ 85%", 0.9],
    ["Cut wait time", "< 2 hours", "3 hours"],
  ];
  return sheet(
    "Goals",
    rows.map((r, i) => [...r, ...(extra[i] ?? [])]),
  );
}

/** Every cell of a rect on a sheet that the plan writes or clears, as "Sheet!row,col". */
function touched(plan: WritePlan, sheetName: string, rect: Rect): string[] {
  const inside = (r: number, c: number) => r >= rect.top && r <= rect.bottom && c >= rect.left && c <= rect.right;
  const out: string[] = [];
  for (const w of plan.writes.filter((x) => x.sheet === sheetName))
    w.values.forEach((row, i) => row.forEach((_, j) => inside(w.row + i, w.col + j) && out.push(`write ${w.row + i},${w.col + j}`)));
  for (const c of plan.clears.filter((x) => x.sheet === sheetName))
    for (let r = c.range.top; r <= c.range.bottom; r++)
      for (let col = c.range.left; col <= c.range.right; col++) if (inside(r, col)) out.push(`clear ${r},${col}`);
  return out;
}

/** The non-empty cells of a sheet as "row,col=value". */
function cells(g: SheetGrid | undefined): string[] {
  if (!g) return [];
  const v = new SheetView(g);
  const out: string[] = [];
  for (let r = v.top; r <= v.bottom; r++)
    for (let c = v.left; c <= v.right; c++) if (!v.isEmpty(r, c)) out.push(`${r},${c}=${v.text(r, c)}`);
  return out;
}

const sheetOf = (wb: WorkbookGrid, name: string) => wb.sheets.find((s) => s.name === name);
const ourNames = (names: readonly DefinedName[]) => names.filter((n) => n.name.startsWith("KPATracker_Cols_"));

describe("our sheets are proven by their name and their A1", () => {
  it("leaves a user's sheet named and titled KPA Summary, with no mark of ours, as it is: ours goes beside it", () => {
    const theirs = sheet("KPA Summary", [["KPA Summary"], ["Notes the team keeps", 42]]);
    const wb = workbook(goals(), theirs);
    expect(readOwnership(wb).sheets).toEqual({});
    const { plan } = run(wb, OPTS);
    expect(plan.sheets.map((s) => s.name)).toEqual(["KPA Summary (2)", "KPA Gaps", "KPA Settings"]);
    expect(plan.problems.map((p) => `${p.code} ${p.sheet}!${p.cell}`)).toContain("sheetNameTaken KPA Summary!A1");
    // Nothing written, cleared or appended on their sheet; our name marks ours.
    expect(touched(plan, "KPA Summary", { top: 0, left: 0, bottom: 100, right: 100 })).toEqual([]);
    expect(plan.appends.map((a) => a.sheet)).not.toContain("KPA Summary");
    expect(plan.names.find((n) => n.name === "KPATracker_Sheet_Summary")?.ref).toBe("'KPA Summary (2)'!$A$1");
    const after = applyPlanToGrid(wb, plan);
    expect(cells(sheetOf(after, "KPA Summary")).length).toBeGreaterThan(0);
    expect(cells(sheetOf(after, "KPA Summary"))).toEqual(cells(theirs));
  });

  it("leaves a user's sheet titled like our history, with no mark of ours, unappended", () => {
    const theirs = sheet("KPA History", [
      ["Evaluated at", "As of"],
      ["their own log", 1],
    ]);
    const wb = workbook(goals(), theirs);
    const { plan } = run(wb, OPTS);
    expect(plan.appends.map((a) => a.sheet)).toEqual(["KPA History (2)"]);
    expect(cells(sheetOf(applyPlanToGrid(wb, plan), "KPA History"))).toEqual(cells(theirs));
  });

  it("reports a sheet mark whose sheet's A1 is not our title, leaves that sheet, and marks ours instead", () => {
    const theirs = sheet("Budget", [
      ["Line", "Amount"],
      ["Travel", 1200],
    ]);
    const wb: WorkbookGrid = { ...workbook(goals(), theirs), names: [{ name: "KPATracker_Sheet_Summary", ref: "Budget!$A$1" }] };
    const { plan } = run(wb, OPTS);
    const found = plan.problems.filter((p) => p.code === "sheetMarkNotProven");
    expect(found.map((p) => `${p.severity} ${p.sheet}!${p.cell}`)).toEqual(["warning Budget!A1"]);
    expect(found[0]?.message).toContain("KPATracker_Sheet_Summary");
    expect(found[0]?.message).toContain("left as it is");
    expect(plan.sheets.map((s) => s.name)).not.toContain("Budget");
    expect(touched(plan, "Budget", { top: 0, left: 0, bottom: 100, right: 100 })).toEqual([]);
    expect(plan.names.find((n) => n.name === "KPATracker_Sheet_Summary")?.ref).toBe("'KPA Summary'!$A$1");
    expect(cells(sheetOf(applyPlanToGrid(wb, plan), "Budget"))).toEqual(cells(theirs));
  });
});

describe("our column blocks are proven by the digest in their name", () => {
  // The user's notes in E1:E3, where the table's columns (D to G, with the gap) would go.
  const notes: CellValue[][] = [
    [null, "Budget"],
    [null, "Call the vendor"],
    [null, "Ask finance"],
  ];
  const notesRect: Rect = { top: 0, left: 4, bottom: 2, right: 4 };

  function forged(name: string, top: CellValue = "Budget"): WorkbookGrid {
    const extra = notes.map((r, i) => (i === 0 ? [null, top] : r));
    return { ...workbook(goals(extra)), names: [{ name, ref: "Goals!$E$1:$E$3" }] };
  }

  /** The plan leaves the forged block's cells alone, reports the mark, and drops it. */
  function expectRefused(wb: WorkbookGrid, name: string) {
    expect(readOwnership(wb).blocks).toEqual([]);
    const { plan } = run(wb, OPTS);
    expect(touched(plan, "Goals", notesRect)).toEqual([]);
    expect(plan.ruleScope.filter((s) => s.rect.left <= 4 && s.rect.right >= 4)).toEqual([]);
    const found = plan.problems.filter((p) => p.code === "columnsMarkNotProven");
    expect(found.map((p) => `${p.severity} ${p.sheet}!${p.cell}`)).toEqual(["warning Goals!E1"]);
    expect(found[0]?.message).toContain(name);
    expect(found[0]?.message).toContain("Goals!E1:E3");
    expect(found[0]?.message).toContain("left as they are");
    // The table's columns had no room, and say so; the forged name is dropped.
    expect(plan.problems.map((p) => p.code)).toContain("noRoomForColumns");
    expect(plan.names.map((n) => n.name)).not.toContain(name);
    expect(plan.removeNames).toContain(name);
    const after = applyPlanToGrid(wb, plan);
    const before = cells(sheetOf(wb, "Goals"));
    expect(before.length).toBeGreaterThan(0);
    for (const c of before) expect(cells(sheetOf(after, "Goals"))).toContain(c);
  }

  it("refuses a forged digest-less name over the user's cells: nothing there is cleared or written", () => {
    expectRefused(forged("KPATracker_Cols_1"), "KPATracker_Cols_1");
  });

  it("refuses a name whose digest does not match the cells, even under a header of ours", () => {
    const name = "KPATracker_Cols_1_0badbeef";
    expectRefused(forged(name, "KPA Status"), name);
    // The same cells under the digest of what they hold are ours: the digest is what decides.
    const right = forged(columnsMarkName(1, ["KPA Status"]), "KPA Status");
    expect(readOwnership(right).blocks.map((b) => b.rect)).toEqual([notesRect]);
  });

  it("refuses a name whose digest is of another header than the one its top cell holds", () => {
    const name = columnsMarkName(1, ["KPA Progress"]);
    expectRefused(forged(name, "KPA Status"), name);
  });

  it("drops a mark over empty cells without a word: there is nothing there to keep or clear", () => {
    const wb: WorkbookGrid = { ...workbook(goals()), names: [{ name: "KPATracker_Cols_4", ref: "Goals!$J$1:$J$9" }] };
    const { plan } = run(wb, OPTS);
    expect(plan.problems.filter((p) => p.code === "columnsMarkNotProven")).toEqual([]);
    expect(plan.removeNames).toEqual(["KPATracker_Cols_4"]);
    expect(plan.clears).toEqual([]);
  });
});

describe("our own names read back as ours", () => {
  it("names each block with the digest of its header, and a second evaluation plans the same", () => {
    const wb = workbook(goals());
    const first = run(wb, OPTS);
    const blocks = ourNames(first.plan.names);
    expect(blocks.map((n) => n.name)).toEqual([
      columnsMarkName(1, ["KPA Status"]),
      columnsMarkName(2, ["KPA Progress"]),
      columnsMarkName(3, ["KPA Explanation"]),
    ]);
    expect(blocks.map((n) => n.name)[0]).toMatch(/^KPATracker_Cols_1_[0-9a-f]{8}$/);
    const once = applyPlanToGrid(wb, first.plan);
    const read = readOwnership(once);
    expect(read.problems).toEqual([]);
    expect(read.blocks.map((b) => b.name)).toEqual(blocks.map((n) => n.name));
    expect(read.sheets).toEqual({ summary: "KPA Summary", gaps: "KPA Gaps", history: "KPA History" });
    const second = run(once, OPTS);
    expect(second.plan.names).toEqual(first.plan.names);
    expect(second.plan.removeNames).toEqual([]);
    expect(second.plan.clears).toEqual([]);
    expect(second.plan.problems).toEqual(first.plan.problems);
    expect(applyPlanToGrid(once, second.plan)).toEqual(once);
  });

  it("keeps a block ours when rows inserted inside it make it taller: the proof does not depend on its height", () => {
    const wb = workbook(goals());
    const once = applyPlanToGrid(wb, run(wb, OPTS).plan);
    const taller = (once.names ?? []).map((n) => (n.name.startsWith("KPATracker_Cols_") ? { ...n, ref: n.ref.replace(/\$3$/, "$5") } : n));
    expect(taller.filter((n) => n.ref.endsWith("$5"))).toHaveLength(3);
    const read = readOwnership({ ...once, names: taller });
    expect(read.problems).toEqual([]);
    expect(read.blocks.map((b) => b.rect.bottom)).toEqual([4, 4, 4]);
  });

  it("takes a Status column it took over (no header of ours) as ours while it holds only our statuses, sorted or not", () => {
    const wb = workbook(
      sheet("G", [
        ["Goal", "Target", "Actual", "Status"],
        ["A", "≥ 10", 12, null],
        ["B", "≥ 10", 5, "TBD"],
      ]),
    );
    const first = run(wb, OPTS);
    const status = ourNames(first.plan.names).find((n) => n.ref === "G!$D$2:$D$3");
    expect(status?.name).toBe(columnsMarkName(1, [""]));
    const once = applyPlanToGrid(wb, first.plan);
    expect(readOwnership(once).blocks.map((b) => b.name)).toContain(status?.name);
    expect(run(once, OPTS).plan.names).toEqual(first.plan.names);
    // The user sorts the rows: our statuses change places, and the block is still ours.
    const g = sheetOf(once, "G") as SheetGrid;
    const sorted: SheetGrid = { ...g, values: [g.values[0], g.values[2], g.values[1]] as CellValue[][] };
    expect(sorted.values[1]?.[3]).toBe("Off Track");
    expect(readOwnership({ ...once, sheets: [sorted, ...once.sheets.slice(1)] }).blocks.map((b) => b.name)).toContain(status?.name);
    // The user types their own word in it: the column is no longer only ours, so it is left as it is.
    const typed: SheetGrid = { ...g, values: g.values.map((r, i) => (i === 1 ? [...r.slice(0, 3), "Green", ...r.slice(4)] : r)) };
    const wbTyped = { ...once, sheets: [typed, ...once.sheets.slice(1)] };
    const read = readOwnership(wbTyped);
    expect(read.blocks.map((b) => b.name)).not.toContain(status?.name);
    expect(read.problems.map((p) => `${p.code} ${p.sheet}!${p.cell}`)).toEqual(["columnsMarkNotProven G!D2"]);
    expect(touched(run(wbTyped, OPTS).plan, "G", { top: 1, left: 3, bottom: 2, right: 3 })).toEqual([]);
  });
});

describe("names from versions before the digest", () => {
  /** An evaluated workbook whose column names lost their digest, as earlier versions wrote them. */
  function legacy(wb: WorkbookGrid): { once: WorkbookGrid; old: WorkbookGrid; plan: WritePlan } {
    const { plan } = run(wb, OPTS);
    const once = applyPlanToGrid(wb, plan);
    const names = (once.names ?? []).map((n) => ({ ...n, name: n.name.replace(/^(KPATracker_Cols_\d+)_[0-9a-f]{8}$/, "$1") }));
    expect(names.filter((n) => /^KPATracker_Cols_\d+$/.test(n.name)).length).toBeGreaterThan(0);
    return { once, old: { ...once, names }, plan };
  }

  it("accepts a digest-less name whose top row holds our header, and renames it with its digest", () => {
    const { old, plan } = legacy(workbook(goals()));
    const read = readOwnership(old);
    expect(read.problems).toEqual([]);
    expect(read.blocks.map((b) => b.name)).toEqual(["KPATracker_Cols_1", "KPATracker_Cols_2", "KPATracker_Cols_3"]);
    const again = run(old, OPTS).plan;
    expect(again.names).toEqual(plan.names);
    expect(again.removeNames).toEqual(["KPATracker_Cols_1", "KPATracker_Cols_2", "KPATracker_Cols_3"]);
    expect(again.clears).toEqual([]);
  });

  it("accepts a digest-less name over a Status column it took over while it holds only our statuses", () => {
    const { old } = legacy(
      workbook(
        sheet("G", [
          ["Goal", "Target", "Actual", "Status"],
          ["A", "≥ 10", 12, "TBD"],
        ]),
      ),
    );
    const read = readOwnership(old);
    expect(read.problems).toEqual([]);
    expect(read.blocks.map((b) => `${b.name} ${b.rect.top},${b.rect.left}`)).toContain("KPATracker_Cols_1 1,3");
  });
});
