// The ribbon's Evaluate button (src/commands/commands.ts): it evaluates with the settings saved in the workbook and
// opens KPA Summary, where the story is; a failure is shown in a dialog in the pane's words (and logged), and the
// command completes once the dialog is closed. Office and Excel are the in-memory Excel behind the globals the
// function file uses, and a stub of Office's dialog API.
import { OUR_SHEETS } from "../../src/engine";
import { MESSAGES } from "../../src/app/messages";
import { createExcelPort } from "../../src/excel/excel-port";
import { LOCK_NAME } from "../../src/excel/lock";
import type { ExcelRunner } from "../../src/excel/run";
import { noticeText } from "../../src/commands/notice-address";
import { MemoryExcel } from "../support/memory-excel";
import { pct, sheet, workbook } from "../fixtures/builders";
import { SETTINGS, memorySettings, pausedRunner } from "../excel/harness";

type Handler = (event: { completed: () => void }) => Promise<void>;

const EVENTS = { DialogMessageReceived: "dialogMessageReceived", DialogEventReceived: "dialogEventReceived" };

/** A dialog the function file opened through the stub: its address, and the user closing it. */
interface OpenedDialog {
  readonly url: string;
  readonly options: unknown;
  /** The user presses the page's Close button (the page messages its parent). */
  pressClose(): void;
  /** Whether the function file closed it. */
  closed: boolean;
}

interface Loaded {
  readonly onEvaluate: Handler;
  readonly dialogs: OpenedDialog[];
  /** Resolves when the next dialog opens. */
  nextDialog(): Promise<OpenedDialog>;
}

/**
 * Loads the function file against this workbook, as Office would, and returns the handler it registered. `run` is
 * Excel.run (the in-memory one unless told); `dialogFails` makes displayDialogAsync report a failure.
 */
function loadCommands(
  excel: MemoryExcel,
  options: { saved?: Record<string, unknown>; run?: ExcelRunner; dialogFails?: boolean } = {},
): Loaded {
  const settings = new Map<string, unknown>([["kpaTracker.settings", options.saved ?? { asOf: "2050-10-15" }]]);
  let handler: Handler | undefined;
  const dialogs: OpenedDialog[] = [];
  let opened: ((d: OpenedDialog) => void) | undefined;
  const displayDialogAsync = (url: string, dialogOptions: unknown, callback: (r: unknown) => void) => {
    if (options.dialogFails) {
      callback({ status: "failed", error: { code: 12007, message: "A dialog is already open" } });
      return;
    }
    const handlers = new Map<string, (arg: unknown) => void>();
    const dialog: OpenedDialog = {
      url,
      options: dialogOptions,
      closed: false,
      pressClose: () => handlers.get(EVENTS.DialogMessageReceived)?.({ message: "close", origin: "https://localhost:3000" }),
    };
    dialogs.push(dialog);
    callback({
      status: "succeeded",
      value: {
        addEventHandler: (type: string, fn: (arg: unknown) => void) => handlers.set(type, fn),
        close: () => void (dialog.closed = true),
      },
    });
    opened?.(dialog);
  };
  Object.assign(globalThis, {
    location: { href: "https://localhost:3000/commands.html" },
    Office: {
      onReady: () => undefined,
      actions: { associate: (id: string, fn: Handler) => id === "evaluateWorkbook" && (handler = fn) },
      AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
      EventType: EVENTS,
      context: {
        requirements: { isSetSupported: () => true },
        ui: { displayDialogAsync },
        document: {
          settings: {
            get: (key: string) => settings.get(key) ?? null,
            set: (key: string, value: unknown) => settings.set(key, value),
            saveAsync: (done: (r: { status: string }) => void) => done({ status: "succeeded" }),
          },
        },
      },
    },
    Excel: { run: options.run ?? excel.run },
  });
  jest.isolateModules(() => {
    require("../../src/commands/commands");
  });
  if (!handler) throw new Error("The function file registered no evaluateWorkbook handler.");
  return { onEvaluate: handler, dialogs, nextDialog: () => new Promise((resolve) => (opened = resolve)) };
}

/** The sentence a dialog's address carries, read back as the notice page reads it. */
const sentenceOf = (d: OpenedDialog) => noticeText(new URL(d.url).search);

const goals = () =>
  workbook(
    sheet("Goals", [
      ["Goal", "Target", "Timeline", "Owner", "Actual"],
      ["Raise CSAT", "≥ 85%", "2050-12-31", "Ana", pct(0.86)],
      ["Cut churn", "≤ 5%", "2050-06-30", "Ben", pct(0.09)],
    ]),
  );

let errors: jest.SpyInstance;
beforeEach(() => {
  errors = jest.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(() => {
  errors.mockRestore();
  delete (globalThis as Record<string, unknown>).Office;
  delete (globalThis as Record<string, unknown>).Excel;
  delete (globalThis as Record<string, unknown>).location;
});

it("evaluates from the ribbon and opens KPA Summary, then tells Office the command is done", async () => {
  const excel = MemoryExcel.fromGrid(goals());
  const { onEvaluate, dialogs } = loadCommands(excel);
  const completed = jest.fn();
  await onEvaluate({ completed });
  expect(completed).toHaveBeenCalledTimes(1);
  expect(excel.values("Goals")[0]).toContain("KPA Status");
  expect(excel.state.selection).toEqual({ sheet: OUR_SHEETS.summary, address: "A1" });
  // With the as-of date the pane saved in the workbook.
  expect(excel.values(OUR_SHEETS.summary)[1]?.[0]).toBe("As of");
  expect(dialogs).toEqual([]);
  expect(errors).not.toHaveBeenCalled();
});

it("shows why in a dialog, in the pane's words, and completes once the user closes it", async () => {
  const excel = MemoryExcel.fromGrid(goals());
  excel.state.sheet("Goals")!.protected = true;
  const { onEvaluate, nextDialog } = loadCommands(excel);
  const completed = jest.fn();
  const shown = nextDialog();
  const running = onEvaluate({ completed });
  const dialog = await shown;
  const sentence = MESSAGES.sheetProtected({ sheet: "Goals", action: "write its status columns" });
  // The page beside the function file, the sentence escaped in its query and read back whole.
  expect(dialog.url.startsWith("https://localhost:3000/notice.html?text=")).toBe(true);
  expect(dialog.url).not.toContain('"Goals"');
  expect(sentenceOf(dialog)).toBe(sentence);
  expect(completed).not.toHaveBeenCalled();
  dialog.pressClose();
  await running;
  expect(dialog.closed).toBe(true);
  expect(completed).toHaveBeenCalledTimes(1);
  // Logged too, in the same words.
  expect(errors).toHaveBeenCalledTimes(1);
  expect(errors.mock.calls[0]?.[0]).toBe(MESSAGES.ribbonFailed({ reason: sentence }));
  // Nothing was written and the user stays where they were.
  expect(excel.state.sheet(OUR_SHEETS.summary)).toBeUndefined();
  expect(excel.state.selection).toBeUndefined();
});

it("still completes, and logs the sentence, when Office cannot open the dialog", async () => {
  const excel = MemoryExcel.fromGrid(goals());
  excel.state.sheet("Goals")!.protected = true;
  const { onEvaluate, dialogs } = loadCommands(excel, { dialogFails: true });
  const completed = jest.fn();
  await onEvaluate({ completed });
  expect(completed).toHaveBeenCalledTimes(1);
  expect(dialogs).toEqual([]);
  const sentence = MESSAGES.sheetProtected({ sheet: "Goals", action: "write its status columns" });
  expect(errors.mock.calls.map((c) => c[0])).toEqual([
    MESSAGES.ribbonFailed({ reason: sentence }),
    MESSAGES.ribbonNoticeFailed({ sentence, reason: "A dialog is already open" }),
  ]);
});

describe("one run at a time with the pane (separate runtimes, one workbook)", () => {
  it("a ribbon Evaluate during the pane's run is refused with the busy sentence, shown in the dialog", async () => {
    const excel = MemoryExcel.fromGrid(goals());
    // The pane's port, caught in its run: its second Excel.run (after taking the lock) waits.
    const { run: paneRun, paused, resume } = pausedRunner(excel);
    // On the real clock, as the ribbon's port is: the lock's start times compare.
    const pane = createExcelPort(paneRun, { kind: "excel", settings: memorySettings() });
    const paneRunning = pane.evaluate(SETTINGS);
    await paused;

    const { onEvaluate, nextDialog } = loadCommands(excel);
    const completed = jest.fn();
    const shown = nextDialog();
    const ribbon = onEvaluate({ completed });
    const dialog = await shown;
    expect(sentenceOf(dialog)).toBe(MESSAGES.busy({ task: "evaluating" }));
    dialog.pressClose();
    await ribbon;
    expect(completed).toHaveBeenCalledTimes(1);

    resume();
    await expect(paneRunning).resolves.toMatchObject({ total: 2 });
    // One evaluation: one history snapshot, and no lock left.
    expect(excel.values(OUR_SHEETS.history)).toHaveLength(3);
    expect(excel.state.names.some((n) => n.name === LOCK_NAME)).toBe(false);
  });

  it("the pane's Evaluate during a ribbon run is refused with the busy sentence", async () => {
    const excel = MemoryExcel.fromGrid(goals());
    // The ribbon's runs: its settings read (the KPA Settings sheet), the run lock, then its work, paused here.
    const { run: ribbonRun, paused, resume } = pausedRunner(excel, 3);
    const { onEvaluate, dialogs } = loadCommands(excel, { run: ribbonRun });
    const completed = jest.fn();
    const ribbon = onEvaluate({ completed });
    await paused;

    const pane = createExcelPort(excel.run, { kind: "excel", settings: memorySettings() });
    await expect(pane.evaluate(SETTINGS)).rejects.toThrow(MESSAGES.busy({ task: "evaluating" }));

    resume();
    await ribbon;
    expect(completed).toHaveBeenCalledTimes(1);
    expect(dialogs).toEqual([]);
    expect(excel.state.selection).toEqual({ sheet: OUR_SHEETS.summary, address: "A1" });
    expect(excel.state.names.some((n) => n.name === LOCK_NAME)).toBe(false);
  });
});
