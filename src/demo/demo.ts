// The browser demo: the example workbook in the in-memory Excel, behind the same port the add-in uses.
import {
  type CellStyle,
  STYLES,
  columnLetters,
  dayFromSerial,
  isDateFormat,
  localDay,
  longDate,
  pointInRect,
  serialFromDay,
  serialFromIso,
} from "../engine";
import { MemoryExcel, type MemoryCell, type MemorySheet } from "../excel/memory";
import { type CellFormat, cellFor } from "../excel/memory/state";
import { type SettingsStore, createExcelPort } from "../excel/excel-port";
import { isInternalSheet } from "../excel/undo-sheet";
import type { DemoCell, DemoWorkbook, EvaluateSettings, WorkbookPort } from "../app/port";
import { DATE_FORMAT, EXAMPLE_HEADER_ROWS, EXAMPLE_ROWS, EXAMPLE_SECTION_ROWS, EXAMPLE_SHEET, exampleGrid } from "./example";
import { type FormulaContext, kpaFormulaValue } from "./formulas";

const SETTINGS_KEY = "kpa-tracker-demo-settings";
/** The example is set in 2050: judge it as `npm run demo` does, until the visitor picks another date. */
const DEMO_AS_OF = "2050-10-15";

/** Settings in localStorage when the browser allows it, else for this page only. */
function browserSettings(): SettingsStore {
  let fallback: Partial<EvaluateSettings> = { asOf: DEMO_AS_OF };
  const storage = typeof localStorage === "undefined" ? undefined : localStorage;
  return {
    load: async () => {
      const raw = storage?.getItem(SETTINGS_KEY);
      return raw ? (JSON.parse(raw) as Partial<EvaluateSettings>) : { ...fallback };
    },
    save: async (s) => {
      fallback = { ...s };
      storage?.setItem(SETTINGS_KEY, JSON.stringify(s));
    },
  };
}

/** What a cell shows, roughly as Excel would for the formats we use. */
export function displayText(value: string | number | boolean, format: string): string {
  if (typeof value !== "number") return typeof value === "boolean" ? String(value).toUpperCase() : value;
  if (isDateFormat(format)) return longDate(dayFromSerial(value));
  if (format.includes("%")) return `${Math.round(value * 1000) / 10}%`;
  // A unit or a currency in quotes around the number, as the log writes durations and money: 0" min", "$"#,##0.00.
  const section = format.split(";")[0] as string;
  const prefix = /^"([^"]*)"/.exec(section)?.[1] ?? "";
  const suffix = /"([^"]*)"$/.exec(section)?.[1] ?? "";
  if (prefix || suffix) {
    const [whole, fraction] = Math.abs(value)
      .toFixed(/0\.(0+)/.exec(section)?.[1]?.length ?? 0)
      .split(".");
    const grouped = section.includes(",") ? (whole as string).replace(/\B(?=(\d{3})+$)/g, ",") : whole;
    return `${value < 0 ? "-" : ""}${prefix}${grouped}${fraction ? `.${fraction}` : ""}${suffix}`;
  }
  return String(Math.round(value * 10000) / 10000);
}

function ruleStyle(sheet: MemorySheet, row: number, col: number, value: unknown): { fill?: string; color?: string } {
  for (const cf of sheet.conditionalFormats) {
    const rule = cf.rule;
    if (rule.type !== "CellValue" || rule.operator !== "EqualTo" || !rule.formula1) continue;
    if (!cf.ranges.some((r) => pointInRect(row, col, r))) continue;
    if (rule.formula1 === `="${String(value).replace(/"/g, '""')}"`) return { fill: rule.fill, color: rule.font };
  }
  return {};
}

/** One of our cell styles as the in-memory Excel keeps a cell's format; what the style leaves out stays as it was. */
function cellFormat(s: CellStyle): CellFormat {
  const format: CellFormat = { bold: s.bold, italic: s.italic, size: s.size, color: s.font, fill: s.fill, wrap: s.wrap };
  return Object.fromEntries(Object.entries(format).filter(([, v]) => v !== undefined)) as CellFormat;
}

/** The demo's small block that shows the worksheet functions at work, under the example's tables. */
export const FORMULA_TITLE = "KPA.STATUS formulas";
export const FORMULA_HEADERS = ["Goal", "Formula status", "Formula in B"] as const;

/**
 * Adds, a blank row under the example's tables, a =KPA.STATUS(actual, target, due, asOf, baseline) per goal of
 * section II with its actual in the table, pointing at the goal's row, judged as of a date cell, the formula written
 * out beside it. (First-Contact Resolution's actual is in the KPA Data log, which a formula does not read.) Only the
 * demo's in-memory copy has it: examples/customer-service-kpa.xlsx, its goldens and `npm run demo` come from the same
 * rows without it. Evaluate finds no table in it and judges the tables above as it does without it
 * (test/demo/formula-block.test.ts). Returns the 1-based rows to style: the title and the header.
 */
function addFormulaBlock(sheet: MemorySheet): { title: number; header: number } {
  const header = EXAMPLE_ROWS.findIndex((r) => r[0] === "Goal");
  const heads = (EXAMPLE_ROWS[header] ?? []).map(String);
  const col = (name: string) => columnLetters(heads.indexOf(name));
  const top = EXAMPLE_ROWS.length + 1;
  const asOfRow = top + 3;
  const put = (row: number, c: number, value: string | number, numberFormat = "General") =>
    Object.assign(cellFor(sheet, row, c), { value, numberFormat });
  put(top, 0, FORMULA_TITLE);
  put(top + 1, 0, "Cells in B hold =KPA.STATUS(actual, target, due, asOf, baseline) on a goal's row of section II; C writes it out.");
  put(top + 2, 0, "First-Contact Resolution is left out: its actual is in the KPA Data log, which a formula does not read.");
  put(asOfRow, 0, "As of");
  put(asOfRow, 1, serialFromIso(DEMO_AS_OF) as number, DATE_FORMAT);
  FORMULA_HEADERS.forEach((h, c) => put(asOfRow + 1, c, h));
  const end = EXAMPLE_ROWS.findIndex((r, i) => i > header && r.length === 0);
  let row = asOfRow + 2;
  for (let i = header + 1; i < end; i++) {
    const goal = EXAMPLE_ROWS[i] as readonly unknown[];
    const actual = goal[heads.indexOf("Actual")];
    if (actual === null || actual === undefined) continue;
    const at = (name: string) => `${col(name)}${i + 1}`;
    const formula = `=KPA.STATUS(${at("Actual")}, ${at("Target")}, ${at("Timeline")}, $B$${asOfRow + 1}, ${at("Baseline")})`;
    put(row, 0, String(goal[0]));
    // What the in-memory Excel holds for a function it does not know; the grid shows the result (formulas.ts).
    Object.assign(put(row, 1, "#NAME?"), { formula });
    Object.assign(put(row, 2, formula), { quotePrefix: true });
    row++;
  }
  return { title: top + 1, header: asOfRow + 2 };
}

/** How deep one worksheet function's cell may read another's: deeper is a circle (the cell shows what Excel holds). */
const FORMULA_DEPTH = 8;

/** What a cell shows: a worksheet function's result computed from the cells it refers to, else the value held. */
function shownValue(excel: MemoryExcel, sheet: string, cell: MemoryCell, depth = 0): string | number | boolean {
  if (cell.formula === undefined || depth > FORMULA_DEPTH) return cell.value;
  const context: FormulaContext = {
    sheet,
    read: (name, row, col) => {
      const s = excel.state.sheet(name);
      if (!s) return undefined;
      const read = s.rows.get(row)?.get(col);
      return read ? shownValue(excel, s.name, read, depth + 1) : null;
    },
    today: () => serialFromDay(localDay()),
  };
  return kpaFormulaValue(cell.formula, context) ?? cell.value;
}

function demoWorkbook(excel: MemoryExcel): DemoWorkbook {
  return {
    sheets: () =>
      excel.state.sheets
        .filter((s) => s.visibility === "Visible" && !isInternalSheet(s.name))
        .map((s) => {
          const height = Math.max(0, ...[...s.rows.keys()].map((r) => r + 1));
          const width = Math.max(0, ...[...s.rows.values()].flatMap((row) => [...row.keys()].map((c) => c + 1)));
          const rows: DemoCell[][] = [];
          for (let r = 0; r < height; r++) {
            const line: DemoCell[] = [];
            for (let c = 0; c < width; c++) {
              const cell = s.rows.get(r)?.get(c);
              if (!cell) {
                line.push({ text: "" });
                continue;
              }
              const value = shownValue(excel, s.name, cell);
              const rule = ruleStyle(s, r, c, value);
              line.push({
                text: displayText(value, cell.numberFormat),
                fill: rule.fill ?? cell.format.fill,
                color: rule.color ?? cell.format.color,
                bold: cell.format.bold,
              });
            }
            rows.push(line);
          }
          return { name: s.name, rows };
        }),
    subscribe: (listener) => excel.subscribe(listener),
    selection: () => excel.state.selection,
  };
}

export interface Demo {
  readonly excel: MemoryExcel;
  readonly port: WorkbookPort;
  readonly demo: DemoWorkbook;
}

export function startDemo(): Demo {
  const excel = MemoryExcel.fromGrid(exampleGrid());
  const sheet = excel.sheet(EXAMPLE_SHEET);
  const style = (row: number, s: CellStyle) => sheet.rows.get(row - 1)?.forEach((cell) => Object.assign(cell.format, cellFormat(s)));
  // Styled as the KPA template lays out its title, section headings and table headers.
  style(1, STYLES.title);
  for (const r of EXAMPLE_SECTION_ROWS) style(r, { ...STYLES.title, size: 13 });
  for (const r of EXAMPLE_HEADER_ROWS) style(r, STYLES.section);
  const formulas = addFormulaBlock(sheet);
  style(formulas.title, { ...STYLES.title, size: 13 });
  style(formulas.header, STYLES.section);
  const port = createExcelPort(excel.run, { kind: "memory", settings: browserSettings() });
  return { excel, port, demo: demoWorkbook(excel) };
}
