// Evaluating again with the same settings changes nothing and duplicates nothing: no second status column,
// summary sheet, rule or name. Only the undo record (our internal sheet) is rewritten.
import type { WorkbookGrid } from "../../src/engine/grid";
import { OUR_HEADERS } from "../../src/engine/headers";
import { NAME_PREFIX, OUR_SHEETS } from "../../src/engine/ownership";
import { SETTINGS_SHEET } from "../../src/engine/settings-sheet";
import type { MemoryExcel } from "../support/memory-excel";
import { UNDO_SHEET } from "../../src/excel/undo-sheet";
import { SETTINGS, setup } from "./harness";
import { GOLDEN, TRACKED, goalsWorkbook } from "./fixtures";

interface Snapshot {
  sheets: { name: string; conditionalFormats: unknown[] }[];
  names: { name: string; formula: string }[];
}

/** Everything but our internal undo sheet, which each evaluation rewrites by design. */
function visible(excel: MemoryExcel): Snapshot {
  const s = excel.snapshot() as Snapshot;
  return { ...s, sheets: s.sheets.filter((x) => x.name !== UNDO_SHEET) };
}

function headerCount(excel: MemoryExcel, sheet: string, text: string): number {
  return excel.values(sheet).reduce((n, row) => n + row.filter((v) => v === text).length, 0);
}

/** The user's own rule on the Actual column, a name, a styled header row. */
function userTouches(excel: MemoryExcel): void {
  const s = excel.sheet("Goals");
  s.conditionalFormats.push({
    id: 9001,
    ranges: [{ top: 1, left: 4, bottom: 40, right: 4 }],
    rule: { type: "CellValue", operator: "LessThan", formula1: "=90", fill: "#FFC7CE" },
  });
  for (const cell of s.rows.get(0)?.values() ?? []) cell.format = { bold: true, fill: "#1F3864", color: "#FFFFFF" };
  excel.state.names.push({ name: "Actuals", formula: "=Goals!$E$2:$E$41" });
}

/** A rule the user put on the whole header row, as a banded or highlighted header would have. */
function headerRowRule(excel: MemoryExcel): void {
  excel.sheet("Goals").conditionalFormats.push({
    id: 9002,
    ranges: [{ top: 0, left: 0, bottom: 0, right: 4 }],
    rule: { type: "CellValue", operator: "EqualTo", formula1: '="Actual"', fill: "#FFEB9C" },
  });
}

describe.each([
  ["the seed template with tracking columns", TRACKED, undefined, ["KPA"]],
  ["the golden side-by-side scorecard", GOLDEN, undefined, ["Scorecard Q3"]],
  ["a goals sheet with the user's own rule, name and styled header", () => goalsWorkbook(40), userTouches, ["Goals"]],
  ["a goals sheet whose header row has a rule of the user's", () => goalsWorkbook(12), headerRowRule, ["Goals"]],
] as [string, () => WorkbookGrid, ((e: MemoryExcel) => void) | undefined, string[]][])(
  "evaluating %s twice with the same settings",
  (_label, grid, touch, userSheets) => {
    let excel: MemoryExcel;
    let once: Snapshot;
    let twice: Snapshot;
    let headersOnce: number[];

    beforeAll(async () => {
      const made = setup(grid());
      excel = made.excel;
      touch?.(excel);
      await made.port.evaluate(SETTINGS);
      once = visible(excel);
      headersOnce = userSheets.map((s) => headerCount(excel, s, OUR_HEADERS.status));
      await made.port.evaluate(SETTINGS);
      twice = visible(excel);
    });

    it("leaves every sheet but the undo record exactly as the first evaluation left it", () => {
      expect(once.sheets.map((s) => s.name)).toEqual(expect.arrayContaining([...userSheets, OUR_SHEETS.summary, OUR_SHEETS.gaps]));
      expect(twice.sheets.map((s) => s.name)).toEqual(once.sheets.map((s) => s.name));
      for (const [i, s] of twice.sheets.entries()) expect({ sheet: s.name, ...s }).toEqual({ sheet: s.name, ...once.sheets[i] });
    });

    it("adds no sheet a second time", () => {
      const names = excel.state.sheets.map((s) => s.name);
      expect(names.filter((n) => n === OUR_SHEETS.summary)).toHaveLength(1);
      expect(names.filter((n) => n === OUR_SHEETS.gaps)).toHaveLength(1);
      expect(names.filter((n) => n.startsWith(NAME_PREFIX))).toEqual([UNDO_SHEET]);
      expect(names.filter((n) => !n.startsWith(NAME_PREFIX))).toEqual([
        ...userSheets,
        OUR_SHEETS.summary,
        OUR_SHEETS.gaps,
        // The first evaluation made the KPA Settings sheet; the second judged by it and left it alone.
        SETTINGS_SHEET,
        OUR_SHEETS.history,
      ]);
    });

    it("adds no history snapshot, chart or drop-down list a second time", () => {
      const history = excel.values(OUR_SHEETS.history);
      const keys = history.slice(1).map((r) => r[2]);
      expect(keys.length).toBeGreaterThan(0);
      expect(new Set(keys).size).toBe(keys.length);
      expect(excel.sheet(OUR_SHEETS.summary).charts.map((c) => c.name)).toEqual(["KPATracker_Chart_1"]);
      expect(excel.sheet(OUR_SHEETS.gaps).validations).toHaveLength(1);
    });

    it("adds no status column a second time", () => {
      expect(headersOnce).toHaveLength(userSheets.length);
      expect(userSheets.length).toBeGreaterThan(0);
      // Each user sheet got its status column from the first evaluation.
      expect(headersOnce.filter((n) => n < 1)).toEqual([]);
      expect(userSheets.map((s) => headerCount(excel, s, OUR_HEADERS.status))).toEqual(headersOnce);
    });

    it("keeps the same conditional formats, none duplicated", () => {
      // The first evaluation added rules (status colours, data bars), so there is something to compare.
      expect(once.sheets.flatMap((s) => s.conditionalFormats).length).toBeGreaterThan(0);
      expect(twice.sheets.map((s) => s.name)).toEqual(once.sheets.map((s) => s.name));
      for (const [i, s] of twice.sheets.entries()) {
        expect({ sheet: s.name, rules: s.conditionalFormats }).toEqual({ sheet: s.name, rules: once.sheets[i]?.conditionalFormats });
        const keys = s.conditionalFormats.map((cf) => JSON.stringify(cf));
        expect(new Set(keys).size).toBe(keys.length);
      }
    });

    it("keeps the same names, none duplicated", () => {
      expect(twice.names).toEqual(once.names);
      expect(new Set(twice.names.map((n) => n.name.toLowerCase())).size).toBe(twice.names.length);
      expect(twice.names.filter((n) => n.name.startsWith(NAME_PREFIX)).length).toBeGreaterThan(2);
    });
  },
);

it("a third evaluation changes nothing either", async () => {
  const { excel, port } = setup(TRACKED());
  await port.evaluate(SETTINGS);
  const once = visible(excel);
  await port.evaluate(SETTINGS);
  await port.evaluate(SETTINGS);
  expect(visible(excel)).toEqual(once);
});
