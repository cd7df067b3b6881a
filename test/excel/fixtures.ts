// Workbooks for the adapter tests: a goals table of any length, shaped like a real department's.
import * as fs from "fs";
import * as path from "path";
import type { WorkbookGrid } from "../../src/engine/grid";
import { LOG_HEADERS } from "../../src/engine";
import { STATUSES } from "../../src/engine/status";
import { type Cell, pct, sheet, table, workbook } from "../fixtures/builders";
import { type JsonCase, gridFromJson } from "../fixtures/json";
import { seedTemplate } from "../fixtures/template";

export const GOALS_HEADER = ["Goal", "Target", "Timeline", "Owner", "Actual"];
const OWNERS = ["Ana Lopez", "Ben Okafor", "Chen Wei", "Dara Singh", "Eli Novak", "Fay Adams", "Gus Moreau", "Hana Sato"];

/** Every 20th row (one in twenty, 5%) falls short of its target; the rest meet it. */
export const isShortRow = (i: number): boolean => i % 20 === 7;

/** The data rows of a goals table: targets of 100 due in 2050-11/12, eight owners, ~5% short. */
export function goalRows(n: number): Cell[][] {
  const rows: Cell[][] = [];
  for (let i = 0; i < n; i++) {
    const due = new Date(Date.UTC(2050, 10 + (i % 2), 1 + (i % 28)));
    rows.push([`Goal ${i + 1}`, 100, due, OWNERS[i % OWNERS.length] as string, isShortRow(i) ? 60 : 100 + (i % 17)]);
  }
  return rows;
}

/** One sheet, "Goals", holding a goals table with n data rows from A1. */
export function goalsWorkbook(n: number, name = "Goals"): WorkbookGrid {
  return workbook(sheet(name, table(GOALS_HEADER, goalRows(n))));
}

export function isStatusText(v: unknown): boolean {
  return typeof v === "string" && (STATUSES as readonly string[]).includes(v);
}

/** The seed template with Baseline and Actual columns added to its goals. */
export const TRACKED = (): WorkbookGrid =>
  workbook(
    seedTemplate("KPA", {
      goals: [
        { header: "Baseline", values: [pct(0.72), 60, pct(0.85), "4 hours", pct(0.7)] },
        { header: "Actual", values: [pct(0.86), 65, pct(0.87), "1.5 hours", null] },
      ],
    }),
  );

/** The golden side-by-side weighted scorecard. */
export const GOLDEN = (): WorkbookGrid =>
  gridFromJson(
    JSON.parse(fs.readFileSync(path.join(__dirname, "..", "golden", "scorecard-side-by-side", "input.json"), "utf8")) as JsonCase,
  );

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** Three goals; CSAT (no typed actual) and NPS have two logged values each, First Response Time one. */
export function loggedWorkbook(nps: Cell = 55): WorkbookGrid {
  return workbook(
    sheet("Goals", [
      ["Goal", "Target", "Timeline", "Owner", "Actual"],
      ["Customer Satisfaction (CSAT)", "≥ 85%", d("2050-12-15"), "Dana", null],
      ["First Response Time", "< 2 hours", d("2050-12-31"), "Lee", "1.5 hours"],
      ["Net Promoter Score", "≥ 50", d("2050-12-15"), "Kim", nps],
    ]),
    sheet("KPA Data", [
      [...LOG_HEADERS],
      ["Customer Satisfaction (CSAT)", d("2050-07-31"), pct(0.8), "Survey tool", "Ana", null],
      ["Customer Satisfaction (CSAT)", d("2050-09-30"), pct(0.84), "Survey tool", "Ana", null],
      ["Net Promoter Score", d("2050-08-31"), 45, "Relationship survey", "Kim", null],
      ["Net Promoter Score", d("2050-09-30"), 52, "Relationship survey", "Kim", null],
      ["First Response Time", "Q3 2050", "2.5 hours", "Helpdesk export", null, null],
    ]),
  );
}
