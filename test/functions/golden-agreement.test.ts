// The worksheet functions agree with Evaluate: every goal and KPI row of the golden workbooks, passed to the functions
// as Excel would pass its cells (numbers without their formats, dates as serials), gets the status, explanation and
// progress the engine gave that row in the workbook. Rows whose inputs a formula cannot express are skipped with a
// counted reason, and most rows must be compared.
import * as fs from "fs";
import * as path from "path";
import { dayFromDate, isDateFormat, serialFromDay } from "../../src/engine/dates";
import { type CellValue, SheetView, isCellError } from "../../src/engine/grid";
import type { Field } from "../../src/engine/headers";
import { evaluateGrid } from "../../src/engine/index";
import type { RowResult } from "../../src/engine/model";
import { type SingleValue, judgeOne } from "../../src/engine/single";
import { explain, progress, status } from "../../src/functions/functions";
import { type JsonCase, gridFromJson } from "../fixtures/json";

const GOLDEN = path.resolve(__dirname, "../golden");
const cases = fs.readdirSync(GOLDEN).filter((d) => fs.existsSync(path.join(GOLDEN, d, "input.json")));

interface Args {
  actual: SingleValue;
  target: SingleValue;
  due: SingleValue;
  asOf: string;
  baseline: SingleValue;
  goal: SingleValue;
}

/** A cell as a custom function receives it, or why it cannot be passed. */
function asArgument(value: CellValue, format: string, field: Field): { value: SingleValue } | { skip: string } {
  if (value === null || typeof value === "string" || typeof value === "boolean") return { value };
  if (isCellError(value)) return { skip: "an error cell" };
  if (value instanceof Date) {
    if (field === "timeline") return { value: serialFromDay(dayFromDate(value)) };
    return { skip: `a date in the ${field} cell` };
  }
  if (field === "timeline") return isDateFormat(format) || format === "General" ? { value } : { skip: "a formatted timeline number" };
  // The functions read an actual or baseline number beside a percentage target as a percent-formatted cell.
  if (format === "General" || ((field === "actual" || field === "baseline") && /%/.test(format))) return { value };
  return { skip: `the ${field} number is formatted ${format}` };
}

function argumentsFor(c: JsonCase, row: RowResult, view: SheetView, fields: Partial<Record<Field, number>>): Args | { skip: string } {
  if (row.actualFrom) return { skip: "the actual comes from the measurement log" };
  const text = (f: Field) => (fields[f] === undefined ? "" : view.text(row.row, fields[f] as number));
  if (text("direction")) return { skip: "a Direction column" };
  if (text("unit")) return { skip: "a Unit column" };
  // A formula always passes an actual, so "this table has no Actual column" is not a case a formula can meet.
  if (fields.actual === undefined) return { skip: "the table has no Actual column" };
  // Pace against elapsed time runs from the row's Start date, which the functions do not take.
  if (text("start")) return { skip: "a Start date (pace against time)" };
  const args: Partial<Args> = { asOf: c.options.asOf, goal: row.kind === "goals" ? text("goal") : row.name };
  for (const field of ["actual", "target", "timeline", "baseline"] as const) {
    const col = fields[field];
    const key = field === "timeline" ? "due" : field;
    if (col === undefined) {
      args[key] = null;
      continue;
    }
    const a = asArgument(view.value(row.row, col), view.format(row.row, col), field);
    if ("skip" in a) return a;
    args[key] = a.value;
  }
  return args as Args;
}

const skipped = new Map<string, number>();
let compared = 0;

describe.each(cases)("golden %s: the functions agree with Evaluate", (name) => {
  const c = JSON.parse(fs.readFileSync(path.join(GOLDEN, name, "input.json"), "utf8")) as JsonCase;
  const wb = gridFromJson(c);
  const evaluation = evaluateGrid(wb, c.options);
  const rows = evaluation.rows.filter((r) => r.kind === "goals" || r.kind === "kpi");

  it("gives each goal and KPI row the engine's status, explanation and progress", () => {
    const options = { tolerance: c.options.tolerance, dateOrder: c.options.dateOrder };
    for (const row of rows) {
      const table = evaluation.tables.find((t) => t.id === row.tableId);
      const sheet = wb.sheets.find((s) => s.name === row.sheet);
      if (!table || !sheet) throw new Error(`No table for ${row.cell}`);
      const args = argumentsFor(c, row, new SheetView(sheet), table.fields);
      if ("skip" in args) {
        skipped.set(args.skip, (skipped.get(args.skip) ?? 0) + 1);
        continue;
      }
      const list = [args.actual, args.target, args.due, args.asOf, args.baseline, args.goal] as const;
      const where = `${row.sheet}!${row.cell} ${JSON.stringify(list)}`;
      const expected = { where, status: row.status, explanation: row.explanation, progress: row.progress };
      const input = { actual: args.actual, target: args.target, due: args.due, asOf: args.asOf, baseline: args.baseline, goal: args.goal };
      expect({ where, ...judgeOne(input, options) }).toEqual(expected);
      compared++;
      // The worksheet functions themselves use the default settings.
      if (options.tolerance !== undefined || options.dateOrder !== undefined) continue;
      expect({ where, status: status(...list), explanation: explain(...list) }).toEqual({
        where,
        status: row.status,
        explanation: row.explanation,
      });
      if (row.progress === undefined) expect(() => progress(...list)).toThrow(/No progress/);
      else expect(progress(...list)).toBeCloseTo(row.progress, 10);
    }
  });
});

afterAll(() => {
  // The reasons rows were skipped, for whoever reads the test output.
  console.log(`Compared ${compared} golden rows; skipped: ${JSON.stringify(Object.fromEntries(skipped))}`);
});

it("compares most goal and KPI rows of the golden workbooks", () => {
  // Runs after the describe.each blocks above (jest runs tests in file order).
  const total = compared + [...skipped.values()].reduce((a, b) => a + b, 0);
  // The golden workbooks hold 34 goal and KPI rows; 19 of them can be written as a formula's arguments.
  expect(compared).toBeGreaterThanOrEqual(19);
  expect(compared / total).toBeGreaterThan(0.5);
});
