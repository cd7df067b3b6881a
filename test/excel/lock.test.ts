// One run at a time across the task pane and the ribbon. They are separate JavaScript runtimes, each with its own
// port, so the lock lives in the workbook (a defined name): a run started while another holds it is refused with the
// busy sentence; a lock left by a run that died is taken over once stale; the lock is gone after every run, success
// or failure, and never reaches the grid the engine reads, the undo record, or the names an undo restores.
import { MESSAGES } from "../../src/app/messages";
import { PortError } from "../../src/app/port";
import { NAME_PREFIX } from "../../src/engine";
import { createExcelPort } from "../../src/excel/excel-port";
import { LOCK_NAME, STALE_MS, lockFormula, parseLock } from "../../src/excel/lock";
import { readWorkbook } from "../../src/excel/read";
import type { ExcelRunner } from "../../src/excel/run";
import { UNDO_SHEET, decodeUndo } from "../../src/excel/undo-sheet";
import { MemoryExcel } from "../support/memory-excel";
import { NOW, SETTINGS, memorySettings, pausedRunner, setup } from "./harness";
import { goalsWorkbook } from "./fixtures";

/**
 * A port over `excel` whose `pauseAt`-th Excel.run waits until `resume()` (the first is the lock's, the second the
 * run's own work): a run caught in progress, holding the lock.
 */
function pausable(excel: MemoryExcel, pauseAt = 2) {
  const { run, paused, resume } = pausedRunner(excel, pauseAt);
  const port = createExcelPort(run, { kind: "excel", settings: memorySettings(), now: () => NOW });
  return { port, paused, resume };
}

const lockOf = (excel: MemoryExcel) => excel.state.names.find((n) => n.name === LOCK_NAME);
const anotherPort = (excel: MemoryExcel) => createExcelPort(excel.run, { kind: "excel", settings: memorySettings(), now: () => NOW });

describe("a run in progress in one runtime", () => {
  it("refuses an Evaluate from the other (the ribbon's port) with the busy sentence, then lets it run", async () => {
    const excel = MemoryExcel.fromGrid(goalsWorkbook(20));
    const pane = pausable(excel);
    const running = pane.port.evaluate(SETTINGS);
    await pane.paused;
    expect(parseLock(lockOf(excel)?.formula ?? "")?.task).toBe("evaluating");

    const ribbon = anotherPort(excel);
    const refused = await ribbon.evaluate(SETTINGS).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PortError);
    expect((refused as PortError).message).toBe(MESSAGES.busy({ task: "evaluating" }));
    // The refused run changed nothing: no summary yet, and the lock is still the pane's.
    expect(excel.state.sheet("KPA Summary")).toBeUndefined();
    expect(lockOf(excel)).toBeDefined();

    pane.resume();
    await expect(running).resolves.toMatchObject({ total: 20 });
    expect(lockOf(excel)).toBeUndefined();
    // One history snapshot: the refused run appended nothing.
    expect(excel.values("KPA History")).toHaveLength(21);
    await expect(ribbon.evaluate(SETTINGS)).resolves.toMatchObject({ total: 20 });
    expect(lockOf(excel)).toBeUndefined();
  });

  it("and the other way round: the ribbon's undo in progress refuses the pane's Evaluate, naming the task", async () => {
    const excel = MemoryExcel.fromGrid(goalsWorkbook(10));
    await anotherPort(excel).evaluate(SETTINGS);
    const ribbon = pausable(excel);
    const undoing = ribbon.port.undo();
    await ribbon.paused;
    const pane = anotherPort(excel);
    await expect(pane.evaluate(SETTINGS)).rejects.toThrow(MESSAGES.busy({ task: "undoing" }));
    await expect(pane.insertTemplate("customer-service")).rejects.toThrow(MESSAGES.busy({ task: "undoing" }));
    ribbon.resume();
    await expect(undoing).resolves.toMatchObject({ undone: true });
    expect(lockOf(excel)).toBeUndefined();
  });
});

describe("a lock left behind", () => {
  const left = (excel: MemoryExcel, ageMs: number) =>
    excel.state.names.push({
      name: LOCK_NAME,
      formula: lockFormula({ token: "deadrun1", since: NOW.getTime() - ageMs, task: "evaluating" }),
    });

  it("is taken over once stale, and gone after the run", async () => {
    const { excel, port } = setup(goalsWorkbook(10));
    left(excel, STALE_MS + 60_000);
    await expect(port.evaluate(SETTINGS)).resolves.toMatchObject({ total: 10 });
    expect(lockOf(excel)).toBeUndefined();
    // Failed add, look, take over, read back.
    expect(port.lastStats?.lockSyncs.taken).toBe(4);
  });

  it("is respected while fresh: refused, nothing changed", async () => {
    const { excel, port } = setup(goalsWorkbook(10));
    left(excel, 60_000);
    const before = excel.snapshot();
    await expect(port.evaluate(SETTINGS)).rejects.toThrow(MESSAGES.busy({ task: "evaluating" }));
    expect(excel.snapshot()).toEqual(before);
    expect(lockOf(excel)).toBeDefined();
  });
});

describe("the lock after a run", () => {
  it("is released after a failure", async () => {
    const { excel, port } = setup(goalsWorkbook(10));
    excel.sheet("Goals").protected = true;
    await expect(port.evaluate(SETTINGS)).rejects.toThrow(/protected/);
    expect(excel.stats.syncs.length).toBeGreaterThan(0);
    expect(lockOf(excel)).toBeUndefined();
    excel.sheet("Goals").protected = false;
    await expect(port.recordMeasurement({ kpi: "Goal 1", date: "2050-09-30", value: "5" })).resolves.toMatchObject({ added: true });
    expect(lockOf(excel)).toBeUndefined();
  });

  it("left behind when Excel refused its release (a cell being edited) is taken back by the same port at once", async () => {
    const excel = MemoryExcel.fromGrid(goalsWorkbook(10));
    let calls = 0;
    const run: ExcelRunner = async (batch) => {
      calls++;
      // The third Excel.run is the first evaluation's release; the user leaves the cell right after it.
      excel.state.cellEditMode = calls === 3;
      try {
        return await excel.run(batch);
      } finally {
        excel.state.cellEditMode = false;
      }
    };
    const port = createExcelPort(run, { kind: "excel", settings: memorySettings(), now: () => NOW });
    await expect(port.evaluate(SETTINGS)).rejects.toThrow(MESSAGES.cellEditMode());
    expect(lockOf(excel)).toBeDefined();
    // Another runtime still waits for it; this port takes it back.
    await expect(anotherPort(excel).evaluate(SETTINGS)).rejects.toThrow(MESSAGES.busy({ task: "evaluating" }));
    await expect(port.evaluate(SETTINGS)).resolves.toMatchObject({ total: 10 });
    expect(lockOf(excel)).toBeUndefined();
  });

  it("when a failed run's release fails too, the run's reason is shown and the release's kept in the console", async () => {
    const excel = MemoryExcel.fromGrid(goalsWorkbook(10));
    let editing = false;
    let calls = 0;
    const run: ExcelRunner = async (batch) => {
      calls++;
      // From the second Excel.run on, a cell is being edited: the evaluation fails, and so does its release.
      excel.state.cellEditMode = editing && calls >= 2;
      try {
        return await excel.run(batch);
      } finally {
        excel.state.cellEditMode = false;
      }
    };
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const port = createExcelPort(run, { kind: "excel", settings: memorySettings(), now: () => NOW });
      editing = true;
      await expect(port.evaluate(SETTINGS)).rejects.toThrow(MESSAGES.cellEditMode());
      expect(lockOf(excel)).toBeDefined();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/could not release its run lock/);
      editing = false;
      await expect(port.evaluate(SETTINGS)).resolves.toMatchObject({ total: 10 });
      expect(lockOf(excel)).toBeUndefined();
    } finally {
      warn.mockRestore();
    }
  });

  it("is not ours to the engine, the undo record or Undo evaluation", async () => {
    const { excel, port } = setup(goalsWorkbook(10));
    expect(LOCK_NAME.startsWith(NAME_PREFIX)).toBe(false);
    const before = excel.snapshot();
    // Read while a lock is held: the grid has no such name.
    excel.state.names.push({ name: LOCK_NAME, formula: lockFormula({ token: "other1", since: NOW.getTime(), task: "evaluating" }) });
    const read = await excel.run((ctx) => readWorkbook(ctx));
    expect(read.grid.names?.map((n) => n.name)).not.toContain(LOCK_NAME);
    excel.state.names.pop();

    await port.evaluate(SETTINGS);
    const manifest = excel.values(UNDO_SHEET).map((r) => r.slice(0, 4));
    const entries = decodeUndo(manifest);
    expect(entries?.length).toBeGreaterThan(0);
    expect(JSON.stringify(entries)).not.toContain(LOCK_NAME);
    await expect(port.undo()).resolves.toMatchObject({ undone: true });
    expect(excel.snapshot()).toEqual(before);
  });
});
