// The engine's public surface: grids in, evaluation and write plan out. No Office, React, DOM or ExcelJS here.
import { type EvaluateOptions, type Evaluation, evaluateWorkbook } from "./evaluate";
import type { WorkbookGrid } from "./grid";
import { type PlanOptions, type WritePlan, buildPlan } from "./plan";

export * from "./address";
export * from "./apply";
export * from "./dates";
export * from "./detect";
export * from "./evaluate";
export * from "./grid";
export * from "./headers";
export * from "./history";
export * from "./library";
export * from "./log";
export * from "./ownership";
export * from "./plan";
export * from "./problems";
export * from "./report";
export * from "./status";
export * from "./summary";
export * from "./targets";
export * from "./template";
export * from "./tracking";
export * from "./trend";
export * from "./values";

export const ENGINE_NAME = "KPA Tracker";

export interface RunResult {
  readonly evaluation: Evaluation;
  readonly plan: WritePlan;
}

/** Detect → evaluate → summarize → plan, in one call. */
export function run(wb: WorkbookGrid, options: EvaluateOptions & Partial<PlanOptions>): RunResult {
  const evaluation = evaluateWorkbook(wb, options);
  const plan = buildPlan(wb, evaluation, {
    generatedAt: options.generatedAt ?? new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    generator: options.generator ?? ENGINE_NAME,
  });
  return { evaluation, plan };
}
