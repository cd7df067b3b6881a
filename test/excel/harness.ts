// Test harness: the in-memory Excel behind the Excel port, with a fixed clock.
import type { WorkbookGrid } from "../../src/engine/grid";
import { MemoryExcel } from "../support/memory-excel";
import { type ExcelPort, type ExcelPortOptions, createExcelPort } from "../../src/excel/excel-port";
import type { EvaluateSettings } from "../../src/app/port";
import type { ExcelRunner } from "../../src/excel/run";

export const SETTINGS: EvaluateSettings = {
  asOf: "2050-10-15",
  tolerance: 0.1,
  dateOrder: "mdy",
  milestoneWindowDays: 30,
  fiscalYearStart: 1,
};
export const NOW = new Date("2050-10-15T09:00:00Z");

export function memorySettings(initial: Partial<EvaluateSettings> = {}): ExcelPortOptions["settings"] {
  let saved = { ...initial };
  return {
    load: async () => ({ ...saved }),
    save: async (s) => {
      saved = { ...s };
    },
  };
}

export function setup(grid: WorkbookGrid, options: Partial<ExcelPortOptions> = {}): { excel: MemoryExcel; port: ExcelPort } {
  const excel = MemoryExcel.fromGrid(grid);
  const port = createExcelPort(excel.run, { kind: "memory", settings: memorySettings(), now: () => NOW, ...options });
  return { excel, port };
}

/**
 * An Excel.run over `excel` whose `pauseAt`-th call waits until `resume()` (for a port, the first is the run lock's,
 * the second the run's own work): a run caught in progress. `paused` settles once that call is reached.
 */
export function pausedRunner(excel: MemoryExcel, pauseAt = 2): { run: ExcelRunner; paused: Promise<void>; resume: () => void } {
  let resume!: () => void;
  const gate = new Promise<void>((r) => (resume = r));
  let reached!: () => void;
  const paused = new Promise<void>((r) => (reached = r));
  let calls = 0;
  const run: ExcelRunner = async (batch) => {
    if (++calls === pauseAt) {
      reached();
      await gate;
    }
    return excel.run(batch);
  };
  return { run, paused, resume };
}
