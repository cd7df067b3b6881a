// The browser demo: the example workbook in the in-memory Excel, behind the same port the add-in uses.
import { type CellStyle, STYLES, dayFromSerial, isDateFormat, longDate, pointInRect } from "../engine";
import { MemoryExcel, type MemorySheet } from "../excel/memory";
import type { CellFormat } from "../excel/memory/state";
import { type SettingsStore, createExcelPort } from "../excel/excel-port";
import { isInternalSheet } from "../excel/undo-sheet";
import type { DemoCell, DemoWorkbook, EvaluateSettings, WorkbookPort } from "../app/port";
import { EXAMPLE_HEADER_ROWS, EXAMPLE_SECTION_ROWS, EXAMPLE_SHEET, exampleGrid } from "./example";

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
              const rule = ruleStyle(s, r, c, cell.value);
              line.push({
                text: displayText(cell.value, cell.numberFormat),
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
  const port = createExcelPort(excel.run, { kind: "memory", settings: browserSettings() });
  return { excel, port, demo: demoWorkbook(excel) };
}
