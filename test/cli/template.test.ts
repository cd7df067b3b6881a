// Guarantee: `kpa template --department X --out F` writes a workbook with the four sections and Baseline/Actual
// columns on the goals table, which `kpa evaluate` then evaluates with no errors: every goal is No Data until
// actuals are filled in, and filling one in gives that goal a real status.
import * as fs from "fs";
import * as path from "path";
import type ExcelJS from "exceljs";
import type { Report } from "../../src/engine/report";
import { evaluateOk, readXlsx, removeDir, runKpa, tempDir } from "../fixtures/xlsx";

const DEPARTMENTS = ["customer-service", "marketing", "sales", "finance", "product-development"];
const SECTIONS = [
  "I. Performance Evaluation and Management",
  "II. Goal-Setting and Prioritization",
  "III. Role Clarity and Accountability",
  "IV. Employee Development and Training Needs",
];

let dir: string;
beforeAll(() => (dir = tempDir()));
afterAll(() => removeDir(dir));

function only(wb: ExcelJS.Workbook): ExcelJS.Worksheet {
  expect(wb.worksheets).toHaveLength(1);
  return wb.worksheets[0] as ExcelJS.Worksheet;
}

function rowOf(ws: ExcelJS.Worksheet, text: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === text) return r;
  throw new Error(`No "${text}" in column A of ${ws.name}`);
}

describe.each(DEPARTMENTS)("kpa template --department %s", (dept) => {
  let file: string;
  let report: Report;

  beforeAll(async () => {
    file = path.join(dir, dept, "kpa.xlsx");
    fs.mkdirSync(path.dirname(file));
    const run = await runKpa("template", "--department", dept, "--out", file);
    expect(run).toMatchObject({ code: 0, err: [] });
    expect(run.out).toEqual([expect.stringContaining(file)]);
    const json = path.join(dir, dept, "report.json");
    await evaluateOk(file, "--out", path.join(dir, dept, "evaluated.xlsx"), "--json", json, "--quiet");
    report = JSON.parse(fs.readFileSync(json, "utf8")) as Report;
  });

  it("has the four sections, in order, and Baseline and Actual columns on the goals table", async () => {
    const ws = only(await readXlsx(file));
    const rows = SECTIONS.map((s) => rowOf(ws, s));
    expect([...rows].sort((a, b) => a - b)).toEqual(rows);
    const goalsHeader = rowOf(ws, "Goal");
    expect(goalsHeader).toBeGreaterThan(rows[1] as number);
    expect(goalsHeader).toBeLessThan(rows[2] as number);
    const headers = (ws.getRow(goalsHeader).values as unknown[]).filter((v) => typeof v === "string");
    expect(headers).toEqual(expect.arrayContaining(["Goal", "Target", "Timeline", "Owner", "Baseline", "Actual"]));
  });

  it("evaluates with no errors, finding all four tables", () => {
    expect(report.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(report.summary.errors).toBe(0);
    expect(report.tables.map((t) => t.kind)).toEqual(["kpa", "goals", "roles", "training"]);
    expect(report.tables.map((t) => t.section)).toEqual(SECTIONS);
  });

  it("has every goal No Data until actuals are filled", () => {
    const goals = report.rows.filter((r) => r.table === "goals");
    expect(goals.length).toBeGreaterThanOrEqual(3);
    for (const g of goals) expect([g.name, g.status]).toEqual([g.name, "No Data"]);
  });

  it("judges a goal once its actual is filled in (Met when far past its target)", async () => {
    const wb = await readXlsx(file);
    const ws = only(wb);
    const header = rowOf(ws, "Goal");
    const actualCol = (ws.getRow(header).values as unknown[]).indexOf("Actual");
    const first = report.rows.find((r) => r.table === "goals");
    // A value far above or below any target, on the side the target asks for.
    const target = String(first?.target ?? "");
    ws.getCell(header + 1, actualCol).value = target.startsWith("<") || target.startsWith("≤") ? 0 : 1e9;
    const filled = path.join(dir, dept, "filled.xlsx");
    await wb.xlsx.writeFile(filled);
    const json = path.join(dir, dept, "filled.json");
    await evaluateOk(filled, "--out", path.join(dir, dept, "filled.evaluated.xlsx"), "--json", json, "--quiet");
    const again = JSON.parse(fs.readFileSync(json, "utf8")) as Report;
    const goal = again.rows.find((r) => r.key === first?.key);
    expect([goal?.name, goal?.status]).toEqual([first?.name, "Met"]);
    expect(again.rows.filter((r) => r.table === "goals" && r.status === "No Data")).toHaveLength(
      report.rows.filter((r) => r.table === "goals").length - 1,
    );
  });
});
