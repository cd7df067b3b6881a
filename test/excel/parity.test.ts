// The add-in and the kpa CLI are twins: for the same workbook they must write the same statuses, progress and
// explanations into the user's sheets, and the same KPA Summary and KPA Gaps. Here the Office.js adapter (over
// the in-memory Excel) and the .xlsx path (ExcelJS) evaluate one grid each, and what they wrote is compared
// after normalizing representation only: dates as serials, links by their text, empty as "".
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { parseRef, rangeAddress } from "../../src/engine/address";
import { dayFromDate, serialFromDay } from "../../src/engine/dates";
import type { CellValue, WorkbookGrid } from "../../src/engine/grid";
import { ENGINE_NAME, run } from "../../src/engine/index";
import { NAME_PREFIX, OUR_SHEETS } from "../../src/engine/ownership";
import { SETTINGS_SHEET } from "../../src/engine/settings-sheet";
import type { Problem } from "../../src/engine/problems";
import { MemoryExcel } from "../support/memory-excel";
import { readWorkbook } from "../../src/excel/read";
import { patchPackage } from "../../src/xlsx/patch";
import { readPackage } from "../../src/xlsx/stream-read";
import type { EvaluateSettings, EvaluationResult } from "../../src/app/port";
import { pct, workbook } from "../fixtures/builders";
import { type JsonCase, gridFromJson } from "../fixtures/json";
import { seedTemplate } from "../fixtures/template";
import { conditionalFormats } from "../fixtures/xlsx";
import { NOW, SETTINGS, setup } from "./harness";
import { isStatusText } from "./fixtures";

type Shown = string | number | boolean;

/** The generatedAt the port derives from its clock, and the generator it names. */
const GENERATED_AT = NOW.toISOString().replace(/\.\d+Z$/, "Z");
const GENERATOR = `${ENGINE_NAME} add-in`;

/** An ExcelJS workbook holding the grid's sheets at their origins, as a user's .xlsx would. */
function xlsxFromGrid(grid: WorkbookGrid): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const g of grid.sheets) {
    const ws = wb.addWorksheet(g.name);
    const top = g.origin?.row ?? 0;
    const left = g.origin?.col ?? 0;
    g.values.forEach((row, i) =>
      row.forEach((v, j) => {
        const format = g.numberFormats?.[i]?.[j];
        if (v === null && (!format || format === "General")) return;
        const cell = ws.getCell(top + i + 1, left + j + 1);
        if (v !== null)
          cell.value = typeof v === "object" && !(v instanceof Date) ? { error: v.error as ExcelJS.CellErrorValue["error"] } : v;
        if (format && format !== "General") cell.numFmt = format;
      }),
    );
  }
  return wb;
}

/** One ExcelJS cell as Excel would show its value: dates as serials, links and rich text by their text. */
function shownXlsx(v: ExcelJS.CellValue): Shown {
  if (v === null || v === undefined) return "";
  // A serial with the time of day (the History's "Evaluated at"), as Excel keeps it.
  if (v instanceof Date) return serialFromDay(dayFromDate(v)) + Math.round(((v.getTime() / 86400000) % 1) * 86400) / 86400;
  if (typeof v !== "object") return v;
  if ("error" in v) return v.error;
  if ("hyperlink" in v) return String(v.text);
  if ("richText" in v) return v.richText.map((t) => t.text).join("");
  if ("formula" in v || "sharedFormula" in v) return shownXlsx((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  throw new Error(`Unexpected ExcelJS value ${JSON.stringify(v)}`);
}

/** Trailing empty cells and rows removed, so two used ranges compare by content. */
function trimmed(rows: Shown[][]): Shown[][] {
  const out = rows.map((r) => {
    const row = [...r];
    while (row.length > 0 && row[row.length - 1] === "") row.pop();
    return row;
  });
  while (out.length > 0 && (out[out.length - 1] as Shown[]).length === 0) out.pop();
  return out;
}

function xlsxValues(ws: ExcelJS.Worksheet): Shown[][] {
  const rows: Shown[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row: Shown[] = [];
    // ExcelJS gives every cell of a merge its first cell's value; Excel keeps the value in the first alone.
    for (let c = 1; c <= ws.columnCount; c++) {
      const cell = ws.getCell(r, c);
      row.push(cell.isMerged && cell.master !== cell ? "" : shownXlsx(cell.value));
    }
    rows.push(row);
  }
  return trimmed(rows);
}

/** Our rules on a sheet as (range, rule) pairs, one per rule, in a form both paths share. */
function memoryRules(excel: MemoryExcel, sheet: string): string[] {
  return excel
    .sheet(sheet)
    .conditionalFormats.map((cf) => {
      const where = cf.ranges.map(rangeAddress).join(" ");
      if (cf.rule.type === "CellValue") return `${where} equals ${String(cf.rule.formula1).replace(/^=/, "")}`;
      return cf.rule.type === "DataBar" ? `${where} dataBar` : `${where} iconSet`;
    })
    .sort();
}

function xlsxRules(ws: ExcelJS.Worksheet): string[] {
  return conditionalFormats(ws)
    .flatMap((cf) => cf.rules.map((r) => (r.type === "cellIs" ? `${cf.ref} equals ${String(r.formulae?.[0])}` : `${cf.ref} ${r.type}`)))
    .sort();
}

/** The grid saved as an .xlsx package. */
async function packageOf(grid: WorkbookGrid): Promise<Buffer> {
  return Buffer.from(await xlsxFromGrid(grid).xlsx.writeBuffer());
}

interface Both {
  readonly excel: MemoryExcel;
  readonly result: EvaluationResult;
  readonly xlsx: ExcelJS.Workbook;
  readonly evaluation: ReturnType<typeof run>["evaluation"];
  readonly plan: ReturnType<typeof run>["plan"];
  readonly userSheets: readonly string[];
}

/** Whether the row's table went without its explanation column, as a columnsLeftOut warning says. */
function leftOut(problems: readonly Problem[], row: { sheet: string; row: number }): boolean {
  return problems.some((p) => {
    const m = /^The table at (.+)!([A-Z]+\d+:[A-Z]+\d+) gets no .*KPA Explanation/.exec(p.message);
    const ref = m && parseRef(`X!${m[2]}`);
    return p.code === "columnsLeftOut" && m?.[1] === row.sheet && ref && row.row >= ref.rect.top && row.row <= ref.rect.bottom;
  });
}

async function evaluateBoth(grid: WorkbookGrid, settings: EvaluateSettings): Promise<Both> {
  const { excel, port } = setup(grid);
  const result = await port.evaluate(settings);

  // The file path as kpa runs it: the package read by the stream reader, the plan patched into it, read back.
  const data = await packageOf(grid);
  const { evaluation, plan } = run(readPackage(data, "parity.xlsx").grid, { ...settings, generatedAt: GENERATED_AT, generator: GENERATOR });
  const xlsx = new ExcelJS.Workbook();
  await xlsx.xlsx.load(Buffer.from(patchPackage(data, "parity.xlsx", plan)) as unknown as ExcelJS.Buffer);
  return { excel, result, xlsx, evaluation, plan, userSheets: grid.sheets.map((s) => s.name) };
}

const TRACKED = workbook(
  seedTemplate("Customer Service KPA", {
    goals: [
      { header: "Baseline", values: [pct(0.72), 60, pct(0.85), "4 hours", pct(0.7)] },
      { header: "Actual", values: [pct(0.86), 65, pct(0.87), "1.5 hours", null] },
    ],
  }),
);

const GOLDEN = JSON.parse(
  fs.readFileSync(path.join(__dirname, "..", "golden", "scorecard-side-by-side", "input.json"), "utf8"),
) as JsonCase;

const WITH_LOG = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "golden", "example-with-log", "input.json"), "utf8")) as JsonCase;

const settingsOf = (c: JsonCase): EvaluateSettings => ({
  asOf: c.options.asOf,
  tolerance: c.options.tolerance ?? 0.1,
  dateOrder: c.options.dateOrder ?? "mdy",
  milestoneWindowDays: 30,
  fiscalYearStart: 1,
});

const CASES: [string, WorkbookGrid, EvaluateSettings][] = [
  ["the seed template with Baseline and Actual columns", TRACKED, SETTINGS],
  ["the golden side-by-side scorecard", gridFromJson(GOLDEN), settingsOf(GOLDEN)],
  ["the example with a KPA Data log (trends, arrows, trend charts)", gridFromJson(WITH_LOG), settingsOf(WITH_LOG)],
];

describe.each(CASES)("%s", (_label, grid, settings) => {
  let both: Both;

  beforeAll(async () => {
    both = await evaluateBoth(grid, settings);
  });

  it("is a real comparison: rows were evaluated, with statuses of more than one kind", () => {
    expect(both.evaluation.rows.length).toBeGreaterThanOrEqual(8);
    expect(both.result.total + both.result.rollups).toBe(both.evaluation.rows.length);
    expect(new Set(both.evaluation.rows.map((r) => r.status)).size).toBeGreaterThanOrEqual(3);
  });

  // Both paths apply the engine's plan, so parity alone cannot catch a plan that puts one table's results beside
  // another's. Side by side tables share sheet rows: each row must still show its own explanation and status.
  it("writes each row's own status and explanation beside it, also where two tables share a row", () => {
    let checked = 0;
    for (const name of both.userSheets) {
      const shown = both.excel.values(name);
      const sheetRows = new Set(both.evaluation.rows.filter((r) => r.sheet === name).map((r) => r.row));
      for (const row of sheetRows) {
        const results = both.evaluation.rows.filter((r) => r.sheet === name && r.row === row);
        const cells = shown[row] ?? [];
        // A table that got no explanation column (it would have shared another table's column) shows none.
        const explained = results.filter((r) => !leftOut(both.plan.problems, r));
        expect({
          row: row + 1,
          explanations: cells.filter((v) => results.some((r) => r.explanation === v) || /→/.test(String(v))),
        }).toEqual({
          row: row + 1,
          explanations: explained.map((r) => r.explanation),
        });
        expect({ row: row + 1, statuses: cells.filter(isStatusText).sort() }).toEqual({
          row: row + 1,
          statuses: results.map((r) => r.status).sort(),
        });
        checked += results.length;
      }
    }
    // Every evaluated row was looked at.
    expect(checked).toBe(both.evaluation.rows.length);
    expect(checked).toBeGreaterThan(0);
  });

  it("adds the same sheets, in the same order, and nothing else visible", () => {
    const adapter = both.excel.state.sheets.filter((s) => !s.name.startsWith(NAME_PREFIX)).map((s) => s.name);
    expect(adapter).toEqual(both.xlsx.worksheets.map((ws) => ws.name));
    expect(adapter).toEqual([...both.userSheets, OUR_SHEETS.summary, OUR_SHEETS.gaps, SETTINGS_SHEET, OUR_SHEETS.history]);
    expect(both.excel.state.sheets.filter((s) => s.name.startsWith(NAME_PREFIX)).map((s) => s.visibility)).toEqual(["VeryHidden"]);
  });

  it("writes the same statuses, progress and explanations into the user's sheets", () => {
    const adapter = both.userSheets.map((name) => ({ name, values: trimmed(both.excel.values(name)) }));
    // The sheets hold statuses to compare.
    expect(adapter.flatMap((s) => s.values.flat()).filter(isStatusText).length).toBeGreaterThan(0);
    expect(adapter).toEqual(
      both.userSheets.map((name) => ({ name, values: xlsxValues(both.xlsx.getWorksheet(name) as ExcelJS.Worksheet) })),
    );
  });

  it.each([OUR_SHEETS.summary, OUR_SHEETS.gaps, OUR_SHEETS.history])("fills %s with the same values", (name) => {
    const ws = both.xlsx.getWorksheet(name) as ExcelJS.Worksheet;
    const adapter = trimmed(both.excel.values(name));
    expect(adapter.length).toBeGreaterThan(3);
    expect(adapter).toEqual(xlsxValues(ws));
  });

  it("says when and by what it was generated, identically", () => {
    const generated = both.excel.values(OUR_SHEETS.summary).find((r) => r[0] === "Generated");
    expect(generated?.[1]).toBe(`${GENERATED_AT} by ${GENERATOR}`);
  });

  it("gives the same number formats to the cells it writes in the user's sheets", () => {
    const blocks = both.excel.state.names.filter((x) => x.name.startsWith(`${NAME_PREFIX}Cols_`));
    expect(blocks.length).toBeGreaterThan(0);
    let checked = 0;
    for (const n of blocks) {
      const [sheetPart, range] = n.formula.replace(/^=/, "").split("!") as [string, string];
      const sheetName = sheetPart.replace(/^'|'$/g, "").replace(/''/g, "'");
      const ws = both.xlsx.getWorksheet(sheetName) as ExcelJS.Worksheet;
      const [a, b] = range.replace(/\$/g, "").split(":") as [string, string];
      const col = a.replace(/\d+/g, "");
      for (let r = Number(a.replace(/\D+/g, "")); r <= Number(b.replace(/\D+/g, "")); r++) {
        const mem = both.excel.cell(sheetName, `${col}${r}`)?.numberFormat ?? "General";
        expect(`${col}${r} ${mem}`).toBe(`${col}${r} ${ws.getCell(`${col}${r}`).numFmt || "General"}`);
        checked++;
      }
    }
    // At least a header and a row below it per block.
    expect(checked).toBeGreaterThanOrEqual(2 * blocks.length);
  });

  it("adds the same conditional formats to the user's sheets", () => {
    // Every sheet with a table gets rules; a measurement log has none.
    expect(both.userSheets.filter((name) => memoryRules(both.excel, name).length > 0)).toEqual(
      both.userSheets.filter((name) => both.evaluation.tables.some((t) => t.sheet === name)),
    );
    for (const name of both.userSheets)
      expect(memoryRules(both.excel, name)).toEqual(xlsxRules(both.xlsx.getWorksheet(name) as ExcelJS.Worksheet));
  });

  it("adds the same conditional formats to its own sheets", () => {
    for (const name of [OUR_SHEETS.summary, OUR_SHEETS.gaps]) {
      const rules = memoryRules(both.excel, name);
      expect(rules.length).toBeGreaterThan(0);
      expect(rules).toEqual(xlsxRules(both.xlsx.getWorksheet(name) as ExcelJS.Worksheet));
    }
  });

  it("gives KPA History the same number formats, so its dates read back as dates", () => {
    const ws = both.xlsx.getWorksheet(OUR_SHEETS.history) as ExcelJS.Worksheet;
    const rows = both.excel.values(OUR_SHEETS.history).length;
    expect(both.evaluation.rows.length).toBeGreaterThan(0);
    expect(rows).toBe(both.evaluation.rows.length + 1);
    for (let r = 1; r <= rows; r++)
      for (const col of ["A", "B", "G", "H"]) {
        const mem = both.excel.cell(OUR_SHEETS.history, `${col}${r}`)?.numberFormat ?? "General";
        expect(`${col}${r} ${mem}`).toBe(`${col}${r} ${ws.getCell(`${col}${r}`).numFmt || "General"}`);
      }
  });

  it("defines the same names", () => {
    const adapter = both.excel.state.names.map((n) => `${n.name} ${n.formula.replace(/^=/, "")}`).sort();
    const model = (both.xlsx.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
    const xlsx = model.flatMap((n) => n.ranges.map((r) => `${n.name} ${r}`)).sort();
    expect(adapter.length).toBeGreaterThan(2);
    expect(adapter).toEqual(xlsx);
  });
});

it("reads the same grid through both paths, so the comparison starts from the same place", async () => {
  for (const [, grid] of CASES) {
    const excel = MemoryExcel.fromGrid(grid);
    const read = await excel.run((ctx) => readWorkbook(ctx));
    const viaXlsx = readPackage(await packageOf(grid), "parity.xlsx").grid;
    const asShown = (vals: readonly (readonly CellValue[])[], origin = { row: 0, col: 0 }): Shown[][] => {
      const rows: Shown[][] = Array.from({ length: origin.row }, () => []);
      for (const r of vals)
        rows.push([
          ...Array.from({ length: origin.col }, (): Shown => ""),
          ...r.map((v): Shown => {
            if (v === null) return "";
            if (v instanceof Date) return serialFromDay(dayFromDate(v));
            return typeof v === "object" ? v.error : v;
          }),
        ]);
      return trimmed(rows);
    };
    // The same sheets, in the same order, each compared below.
    expect(read.grid.sheets.length).toBeGreaterThan(0);
    expect(read.grid.sheets.map((g) => g.name)).toEqual(viaXlsx.sheets.map((g) => g.name));
    read.grid.sheets.forEach((g, i) => {
      const other = viaXlsx.sheets[i];
      expect(g.name).toBe(other?.name);
      expect(asShown(g.values, g.origin)).toEqual(asShown(other?.values ?? [], other?.origin));
    });
  }
});
