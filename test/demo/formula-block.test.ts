// The browser demo's block of =KPA.STATUS formulas under the example's tables: the grid shows each formula's status,
// the same one Evaluate writes on the goal's row; editing a cell it refers to changes it; and Evaluate finds and
// judges the example's tables exactly as it does without the block.
import { FORMULA_HEADERS, FORMULA_TITLE, startDemo } from "../../src/demo/demo";
import { EXAMPLE_ROWS, EXAMPLE_SHEET, exampleGrid } from "../../src/demo/example";
import { readKpaCall } from "../../src/demo/formulas";
import { STATUSES } from "../../src/engine";
import { withDefaults } from "../../src/app/settings";
import { type SettingsStore, createExcelPort } from "../../src/excel/excel-port";
import { MemoryExcel } from "../../src/excel/memory";

/** The demo's as-of date and the pane's defaults, which the worksheet functions use too. */
const SETTINGS = withDefaults({ asOf: "2050-10-15" }, "2050-10-15");
const noSettings: SettingsStore = { load: async () => ({}), save: async () => undefined };

interface FormulaCell {
  /** 0-based row and column of the formula cell. */
  readonly row: number;
  readonly col: number;
  readonly formula: string;
  /** 0-based row of the goal its actual is read from. */
  readonly goalRow: number;
}

function formulaCells(excel: MemoryExcel): FormulaCell[] {
  const out: FormulaCell[] = [];
  for (const [row, cells] of excel.sheet(EXAMPLE_SHEET).rows)
    for (const [col, cell] of cells) {
      if (cell.formula === undefined) continue;
      const actual = readKpaCall(cell.formula)?.args[0];
      if (actual?.kind !== "ref") throw new Error(`${cell.formula} does not read its actual from a cell.`);
      out.push({ row, col, formula: cell.formula, goalRow: actual.row });
    }
  return out.sort((a, b) => a.row - b.row);
}

/** What the demo grid shows in a cell of the example sheet. */
function shown(demo: ReturnType<typeof startDemo>["demo"], row: number, col: number): string {
  const sheet = demo.sheets().find((s) => s.name === EXAMPLE_SHEET);
  return sheet?.rows[row]?.[col]?.text ?? "";
}

/** Writes a value as a user typing it would, through the in-memory Excel's API. */
async function type(excel: MemoryExcel, address: string, value: string | number): Promise<void> {
  await excel.run(async (context) => {
    context.workbook.worksheets.getItem(EXAMPLE_SHEET).getRange(address).values = [[value]];
    await context.sync();
  });
}

describe("the demo's =KPA.STATUS block", () => {
  it("is labelled, a blank row under the example's tables, one formula per goal row, each showing a status", () => {
    const { excel, demo } = startDemo();
    const cells = formulaCells(excel);
    expect(cells.length).toBeGreaterThan(0);
    const title = EXAMPLE_ROWS.length + 1;
    expect(shown(demo, title - 1, 0)).toBe("");
    expect(shown(demo, title, 0)).toBe(FORMULA_TITLE);
    expect(shown(demo, title + 1, 0)).toMatch(/=KPA\.STATUS\(actual, target, due, asOf/);
    const header = (cells[0] as FormulaCell).row - 1;
    expect(FORMULA_HEADERS.map((_, c) => shown(demo, header, c))).toEqual([...FORMULA_HEADERS]);
    for (const cell of cells) {
      expect(cell.formula).toMatch(/^=KPA\.STATUS\(/);
      expect(cell.row).toBeGreaterThan(EXAMPLE_ROWS.length);
      // The goal's name beside it, the formula written out after it, and a status (not the #NAME? Excel holds).
      expect(shown(demo, cell.row, 0)).toBe(EXAMPLE_ROWS[cell.goalRow]?.[0]);
      expect(shown(demo, cell.row, cell.col + 1)).toBe(cell.formula);
      expect(STATUSES).toContain(shown(demo, cell.row, cell.col));
    }
  });

  it("shows the status Evaluate writes on the goal's row, for every formula", async () => {
    const { excel, port, demo } = startDemo();
    const cells = formulaCells(excel);
    expect(cells.length).toBeGreaterThan(0);
    const before = cells.map((c) => shown(demo, c.row, c.col));

    await port.evaluate(SETTINGS);
    const values = excel.values(EXAMPLE_SHEET);
    const header = EXAMPLE_ROWS.findIndex((r) => r[0] === "Goal");
    const statusCol = (values[header] ?? []).indexOf("KPA Status");
    expect(statusCol).toBeGreaterThan(0);
    const evaluated = cells.map((c) => values[c.goalRow]?.[statusCol]);
    expect(evaluated.every((s) => (STATUSES as readonly unknown[]).includes(s))).toBe(true);
    expect(before).toEqual(evaluated);
    // Evaluate changed nothing a formula reads.
    expect(cells.map((c) => shown(demo, c.row, c.col))).toEqual(before);
  });

  it("follows the cells it refers to, as Excel recalculates", async () => {
    const { excel, demo } = startDemo();
    const cells = formulaCells(excel);
    const retention = cells.find((c) => EXAMPLE_ROWS[c.goalRow]?.[0] === "Improve Retention Rate") as FormulaCell;
    expect(shown(demo, retention.row, retention.col)).toBe("At Risk");
    await type(excel, `G${retention.goalRow + 1}`, "91%");
    expect(shown(demo, retention.row, retention.col)).toBe("Met");
    // The as-of cell, after the deadline (December 31, 2050) with the goal not met.
    await type(excel, `G${retention.goalRow + 1}`, "88%");
    const asOf = (readKpaCall(retention.formula)?.args[3] ?? {}) as { row: number };
    await type(excel, `B${asOf.row + 1}`, "2051-01-15");
    expect(shown(demo, retention.row, retention.col)).toBe("Overdue");
  });

  it("computes a worksheet function typed into the workbook, one reading another's result, and a circle without hanging", async () => {
    const { excel, demo } = startDemo();
    const retention = formulaCells(excel).find((c) => EXAMPLE_ROWS[c.goalRow]?.[0] === "Improve Retention Rate") as FormulaCell;
    const at = `B${retention.row + 1}`;
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(EXAMPLE_SHEET);
      sheet.getRange("E46:E48").formulas = [
        ['=KPA.EXPLAIN(G19, B19, C19, "2050-10-15", F19)'],
        [`=KPA.STATUS(${at}, "At Risk", , "2050-10-15")`],
        ['=KPA.STATUS(E48, "≥ 85%", , "2050-10-15")'],
      ];
      await context.sync();
    });
    expect(shown(demo, 45, 4)).toBe("88% vs ≥ 90% (baseline 85%): 2.2% short, within 10% tolerance → At Risk");
    // "At Risk" against the target "At Risk": a text target met.
    expect(shown(demo, 46, 4)).toBe("Met");
    // A cell reading itself ends where Excel holds #NAME?, as the in-memory Excel does.
    expect(shown(demo, 47, 4)).toBe("#NAME?");
  });

  it("changes neither the tables Evaluate finds nor how it judges them, nor what it writes on the example's rows", async () => {
    const { excel, port } = startDemo();
    const plain = MemoryExcel.fromGrid(exampleGrid());
    const plainPort = createExcelPort(plain.run, { kind: "memory", settings: noSettings });
    await expect(port.scan(SETTINGS)).resolves.toEqual(await plainPort.scan(SETTINGS));

    // Also when the formula cells hold their statuses, as in Excel, not the in-memory Excel's #NAME?.
    const withStatuses = startDemo();
    for (const c of formulaCells(withStatuses.excel)) {
      const cell = withStatuses.excel.sheet(EXAMPLE_SHEET).rows.get(c.row)?.get(c.col);
      if (cell) cell.value = shown(withStatuses.demo, c.row, c.col);
    }
    await expect(withStatuses.port.scan(SETTINGS)).resolves.toEqual(await plainPort.scan(SETTINGS));

    const result = await port.evaluate(SETTINGS);
    const plainResult = await plainPort.evaluate(SETTINGS);
    expect({ ...result, elapsedMs: 0 }).toEqual({ ...plainResult, elapsedMs: 0 });
    expect(result.total).toBeGreaterThan(0);
    expect(excel.values(EXAMPLE_SHEET).slice(0, EXAMPLE_ROWS.length)).toEqual(plain.values(EXAMPLE_SHEET).slice(0, EXAMPLE_ROWS.length));
    expect(excel.values(EXAMPLE_SHEET).length).toBeGreaterThan(EXAMPLE_ROWS.length);
  });
});
