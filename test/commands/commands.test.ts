// The ribbon's Evaluate button (src/commands/commands.ts): it evaluates with the settings saved in the workbook and
// opens KPA Summary, where the story is; a failure is logged in the pane's words and the command still completes.
// Office and Excel are the in-memory Excel behind the globals the function file uses.
import { OUR_SHEETS } from "../../src/engine";
import { MESSAGES } from "../../src/app/messages";
import { MemoryExcel } from "../support/memory-excel";
import { pct, sheet, workbook } from "../fixtures/builders";

type Handler = (event: { completed: () => void }) => Promise<void>;

/** Loads the function file against this workbook, as Office would, and returns the handler it registered. */
function loadCommands(excel: MemoryExcel, saved: Record<string, unknown> = { asOf: "2050-10-15" }): Handler {
  const settings = new Map<string, unknown>([["kpaTracker.settings", saved]]);
  let handler: Handler | undefined;
  Object.assign(globalThis, {
    Office: {
      onReady: () => undefined,
      actions: { associate: (id: string, fn: Handler) => id === "evaluateWorkbook" && (handler = fn) },
      AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
      context: {
        requirements: { isSetSupported: () => true },
        document: {
          settings: {
            get: (key: string) => settings.get(key) ?? null,
            set: (key: string, value: unknown) => settings.set(key, value),
            saveAsync: (done: (r: { status: string }) => void) => done({ status: "succeeded" }),
          },
        },
      },
    },
    Excel: { run: excel.run },
  });
  jest.isolateModules(() => {
    require("../../src/commands/commands");
  });
  if (!handler) throw new Error("The function file registered no evaluateWorkbook handler.");
  return handler;
}

const goals = () =>
  workbook(
    sheet("Goals", [
      ["Goal", "Target", "Timeline", "Owner", "Actual"],
      ["Raise CSAT", "≥ 85%", "2050-12-31", "Ana", pct(0.86)],
      ["Cut churn", "≤ 5%", "2050-06-30", "Ben", pct(0.09)],
    ]),
  );

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Office;
  delete (globalThis as Record<string, unknown>).Excel;
});

it("evaluates from the ribbon and opens KPA Summary, then tells Office the command is done", async () => {
  const excel = MemoryExcel.fromGrid(goals());
  const onEvaluate = loadCommands(excel);
  const completed = jest.fn();
  await onEvaluate({ completed });
  expect(completed).toHaveBeenCalledTimes(1);
  expect(excel.values("Goals")[0]).toContain("KPA Status");
  expect(excel.state.selection).toEqual({ sheet: OUR_SHEETS.summary, address: "A1" });
  // With the as-of date the pane saved in the workbook.
  expect(excel.values(OUR_SHEETS.summary)[1]?.[0]).toBe("As of");
});

it("logs why, in the pane's words, and still completes when the evaluation is refused", async () => {
  const excel = MemoryExcel.fromGrid(goals());
  excel.state.sheet("Goals")!.protected = true;
  const onEvaluate = loadCommands(excel);
  const errors = jest.spyOn(console, "error").mockImplementation(() => undefined);
  const completed = jest.fn();
  try {
    await onEvaluate({ completed });
    expect(completed).toHaveBeenCalledTimes(1);
    expect(errors).toHaveBeenCalledTimes(1);
    const [line] = errors.mock.calls[0] as [string];
    expect(line.startsWith(MESSAGES.ribbonFailed({ reason: "" }))).toBe(true);
    expect(line).toContain("Goals");
    // Nothing was written and the user stays where they were.
    expect(excel.state.sheet(OUR_SHEETS.summary)).toBeUndefined();
    expect(excel.state.selection).toBeUndefined();
  } finally {
    errors.mockRestore();
  }
});
