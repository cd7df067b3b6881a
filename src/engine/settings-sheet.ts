// The "KPA Settings" sheet: the rules every path judges by (tolerance, milestone warning window, date order, fiscal
// year start, per-section tolerances), kept in the workbook so the add-in and `kpa` judge a row alike. People edit
// it; we only create it when it is missing (sheets/settings-sheet.ts), and read it here by its labels in column A.
// Precedence, per setting: an option the caller passed (a CLI flag) → the sheet's value → the default.
import { cellAddress, parseRef } from "./address";
import type { DateOrder, DateRules } from "./dates";
import { type SheetGrid, SheetView, type WorkbookGrid } from "./grid";
import { NAME_PREFIX } from "./ownership";
import { type Problem, problem } from "./problems";
import {
  DEFAULT_DATE_ORDER,
  DEFAULT_FISCAL_YEAR_START,
  DEFAULT_MILESTONE_WINDOW_DAYS,
  DEFAULT_TOLERANCE,
  type EvaluateOptions,
  MAX_MILESTONE_WINDOW_DAYS,
  MAX_TOLERANCE,
  type SectionTolerance,
  isMilestoneWindowDays,
  isMonth,
  isTolerance,
} from "./settings";

export const SETTINGS_SHEET = "KPA Settings";
/** What A1 of the sheet holds: with the defined name below, the proof a renamed sheet is still the settings sheet. */
export const SETTINGS_TITLE = "KPA Settings";
export const SETTINGS_NAME = `${NAME_PREFIX}Sheet_Settings`;

export type SettingKey = "tolerance" | "milestoneWindowDays" | "dateOrder" | "fiscalYearStart";

/** The label each setting is written under, and what it means, as the sheet shows them. */
export const SETTING_LABELS: Readonly<Record<SettingKey, string>> = {
  tolerance: "Tolerance",
  milestoneWindowDays: "Milestone warning window (days)",
  dateOrder: "Date order",
  fiscalYearStart: "Fiscal year start",
};

export const SECTION_HEADERS = ["Section", "Tolerance"] as const;

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
export const monthName = (m: number): string => {
  const n = MONTHS[m - 1] ?? "";
  return n.charAt(0).toUpperCase() + n.slice(1);
};

/** Labels people may write for each setting, after `labelKey` (lower case, words only, parentheses dropped). */
const LABELS: Readonly<Record<string, SettingKey>> = {
  tolerance: "tolerance",
  "at risk tolerance": "tolerance",
  "tolerance band": "tolerance",
  "at risk band": "tolerance",
  "milestone warning window": "milestoneWindowDays",
  "milestone window": "milestoneWindowDays",
  "milestone warning": "milestoneWindowDays",
  "milestone warning days": "milestoneWindowDays",
  "milestone warning window days": "milestoneWindowDays",
  "date order": "dateOrder",
  "date format": "dateOrder",
  "fiscal year start": "fiscalYearStart",
  "fiscal year starts": "fiscalYearStart",
  "fiscal year start month": "fiscalYearStart",
  "financial year start": "fiscalYearStart",
  "fy start": "fiscalYearStart",
};

function labelKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/\([^)]*\)/g, " ")
    .replace(/[-_]/g, " ")
    .replace(/[^a-z\s]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** One value read from the sheet, with the cell it came from ("B3") and the text as shown. */
export interface SheetValue<T> {
  readonly value: T;
  readonly cell: string;
  readonly text: string;
}

export interface SettingsSheet {
  /** The sheet's name in this workbook, when there is one. */
  readonly sheet: string | undefined;
  /** Proven by our defined name (A1 holds the title): keep the name. */
  readonly named: boolean;
  readonly tolerance?: SheetValue<number>;
  readonly milestoneWindowDays?: SheetValue<number>;
  readonly dateOrder?: SheetValue<DateOrder>;
  readonly fiscalYearStart?: SheetValue<number>;
  readonly sectionTolerances: readonly (SectionTolerance & { readonly cell: string })[];
  /** The 0-based sheet row of each setting's label (the value is in column B), set or not: where an edit goes. */
  readonly rows: Readonly<Partial<Record<SettingKey, number>>>;
  /** The sheet's last row holding anything, 0-based; -1 when it is empty. */
  readonly bottom: number;
  /** Values that could not be read, each with its cell; the default (or the caller's option) applies instead. */
  readonly unread: readonly {
    readonly key: SettingKey | "section";
    readonly label: string;
    readonly cell: string;
    readonly text: string;
  }[];
}

/** The settings sheet: the one our defined name marks (A1 holding the title), else the sheet named KPA Settings. */
export function findSettingsSheet(wb: WorkbookGrid): { grid: SheetGrid; named: boolean } | undefined {
  for (const n of wb.names ?? []) {
    if (n.name.toLowerCase() !== SETTINGS_NAME.toLowerCase()) continue;
    const ref = parseRef(n.ref);
    const grid = ref && wb.sheets.find((s) => s.name === ref.sheet);
    if (grid && new SheetView(grid).text(0, 0) === SETTINGS_TITLE) return { grid, named: true };
  }
  const wanted = SETTINGS_SHEET.toLowerCase();
  const grid = wb.sheets.find((s) => s.name.trim().toLowerCase() === wanted);
  return grid ? { grid, named: false } : undefined;
}

const percentText = (n: number) => `${Math.round(n * 10000) / 100}%`;

/** "10%", "10 %", 0.1, "0.1", 10, "10" → 0.1. A plain number above 1 is a percent (10 is 10%); 1 is 100%. */
export function readTolerance(value: unknown, format = "General"): number | undefined {
  let n: number;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return undefined;
    n = format.includes("%") || value <= MAX_TOLERANCE ? value : value / 100;
  } else if (typeof value === "string") {
    const m = /^\s*[±+]?\s*(\d+(?:\.\d*)?|\.\d+)\s*(%?)\s*$/.exec(value.replace(/,/g, "."));
    if (!m) return undefined;
    const x = Number(m[1]);
    n = m[2] === "%" || x > MAX_TOLERANCE ? x / 100 : x;
  } else return undefined;
  n = Math.round(n * 1e9) / 1e9;
  return isTolerance(n) ? n : undefined;
}

/** 30, "30", "30 days", "4 weeks" → days. */
export function readWindowDays(value: unknown): number | undefined {
  if (typeof value === "number") return isMilestoneWindowDays(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  const m = /^\s*(\d+)\s*(days?|d|weeks?|wks?|w)?\s*$/i.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]) * (m[2] && /^w/i.test(m[2]) ? 7 : 1);
  return isMilestoneWindowDays(n) ? n : undefined;
}

/** "mdy", "MDY", "m/d/y", "MM/DD/YYYY", "month first", "US" → mdy; "dmy", "day first", "DD/MM/YYYY", "UK" → dmy. */
export function readDateOrder(value: unknown): DateOrder | undefined {
  if (typeof value !== "string") return undefined;
  const t = value.trim().toLowerCase();
  const letters = t.replace(/[^a-z]/g, "");
  if (/^m+d+y+$/.test(letters) || /^month\b/.test(t) || letters === "us" || letters === "american") return "mdy";
  if (/^d+m+y+$/.test(letters) || /^day\b/.test(t) || letters === "uk" || letters === "european" || letters === "international")
    return "dmy";
  return undefined;
}

/** "April", "apr", "Apr.", 4, "4" → 4. */
export function readMonth(value: unknown): number | undefined {
  if (typeof value === "number") return isMonth(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  const t = value.trim().toLowerCase().replace(/\.$/, "");
  if (/^\d{1,2}$/.test(t)) return readMonth(Number(t));
  if (t.length < 3) return undefined;
  const i = MONTHS.findIndex((m) => m.startsWith(t) || (t === "sept" && m === "september"));
  return i < 0 ? undefined : i + 1;
}

const EXPECTED: Readonly<Record<SettingKey | "section", string>> = {
  tolerance: `a percentage from 0% to ${MAX_TOLERANCE * 100}% such as 10%`,
  milestoneWindowDays: `a whole number of days from 0 to ${MAX_MILESTONE_WINDOW_DAYS} such as 30`,
  dateOrder: "mdy (03/04/2050 is March 4) or dmy (April 3)",
  fiscalYearStart: "a month such as April, or its number 1 to 12",
  section: `a percentage from 0% to ${MAX_TOLERANCE * 100}% such as 15%`,
};

/** The settings written on the workbook's settings sheet; nothing (and no problems) when it has none. */
export function readSettingsSheet(wb: WorkbookGrid): SettingsSheet {
  const found = findSettingsSheet(wb);
  if (!found) return { sheet: undefined, named: false, sectionTolerances: [], rows: {}, bottom: -1, unread: [] };
  const view = new SheetView(found.grid);
  const sheet = found.grid.name;
  const out: {
    -readonly [K in SettingKey]?: SheetValue<K extends "dateOrder" ? DateOrder : number>;
  } = {};
  const sections: (SectionTolerance & { cell: string })[] = [];
  const rows: Partial<Record<SettingKey, number>> = {};
  const unread: { key: SettingKey | "section"; label: string; cell: string; text: string }[] = [];
  const bad = (key: SettingKey | "section", label: string, cell: string, text: string) => unread.push({ key, label, cell, text });
  const col = 0;
  let inSections = false;
  for (let r = view.top; r <= view.bottom; r++) {
    const a = view.text(r, col);
    const b = view.value(r, col + 1);
    const cell = cellAddress(r, col + 1);
    const text = view.text(r, col + 1);
    if (labelKey(a) === "section" && labelKey(view.text(r, col + 1)).includes("tolerance")) {
      inSections = true;
      continue;
    }
    if (inSections) {
      if (!a) {
        inSections = false;
        continue;
      }
      if (!text) continue;
      const t = readTolerance(b, view.format(r, col + 1));
      if (t === undefined) bad("section", `Tolerance of the section "${a}"`, cell, text);
      else sections.push({ section: a, tolerance: t, cell });
      continue;
    }
    const key = LABELS[labelKey(a)];
    if (!key || out[key] !== undefined) continue;
    rows[key] ??= r;
    // An empty value is no setting: the default applies, without a word.
    if (!text) continue;
    const value =
      key === "tolerance"
        ? readTolerance(b, view.format(r, col + 1))
        : key === "milestoneWindowDays"
          ? readWindowDays(b)
          : key === "dateOrder"
            ? readDateOrder(b)
            : readMonth(b);
    if (value === undefined) bad(key, a, cell, text);
    else (out as Record<string, SheetValue<unknown>>)[key] = { value, cell, text };
  }
  const bottom = found.grid.values.length === 0 ? -1 : view.bottom;
  return { sheet, named: found.named, ...out, sectionTolerances: sections, rows, bottom, unread } as SettingsSheet;
}

/** A setting of the sheet that an explicit option replaced for this run. */
export interface SettingOverride {
  readonly key: SettingKey;
  readonly label: string;
  /** "KPA Settings!B3" */
  readonly where: string;
  /** The sheet's value as shown: "10%", "dmy". */
  readonly sheetValue: string;
  readonly value: string;
}

/** The settings a run judges by, and where each came from. */
export interface SettingsInEffect {
  readonly options: EvaluateOptions;
  readonly sheet: SettingsSheet;
  readonly source: Readonly<Record<SettingKey, "option" | "sheet" | "default">>;
  readonly overrides: readonly SettingOverride[];
  readonly problems: readonly Problem[];
}

export function showSetting(key: SettingKey, value: number | DateOrder): string {
  if (key === "tolerance") return percentText(value as number);
  if (key === "fiscalYearStart") return monthName(value as number);
  if (key === "milestoneWindowDays") return `${value} days`;
  return String(value);
}

const DEFAULTS: Readonly<Record<SettingKey, number | DateOrder>> = {
  tolerance: DEFAULT_TOLERANCE,
  milestoneWindowDays: DEFAULT_MILESTONE_WINDOW_DAYS,
  dateOrder: DEFAULT_DATE_ORDER,
  fiscalYearStart: DEFAULT_FISCAL_YEAR_START,
};

export const SETTING_KEYS: readonly SettingKey[] = ["tolerance", "milestoneWindowDays", "dateOrder", "fiscalYearStart"];

/** The caller's options over the sheet's values over the defaults (left to checkOptions). */
export function settingsInEffect(wb: WorkbookGrid, options: EvaluateOptions): SettingsInEffect {
  const sheet = readSettingsSheet(wb);
  const merged: Record<string, unknown> = { ...options };
  const source = {} as Record<SettingKey, "option" | "sheet" | "default">;
  const overrides: SettingOverride[] = [];
  for (const key of SETTING_KEYS) {
    const given = options[key];
    const fromSheet = sheet[key];
    if (given !== undefined) {
      source[key] = "option";
      if (fromSheet && fromSheet.value !== given)
        overrides.push({
          key,
          label: SETTING_LABELS[key],
          where: `${sheet.sheet as string}!${fromSheet.cell}`,
          sheetValue: showSetting(key, fromSheet.value),
          value: typeof given === "number" || typeof given === "string" ? showSetting(key, given) : String(given),
        });
    } else if (fromSheet) {
      source[key] = "sheet";
      merged[key] = fromSheet.value;
    } else source[key] = "default";
  }
  if (options.sectionTolerances === undefined && sheet.sectionTolerances.length > 0)
    merged.sectionTolerances = sheet.sectionTolerances.map(({ section, tolerance }) => ({ section, tolerance }));
  // A value the sheet could not give says what applies instead: the caller's option, or the default.
  const problems = sheet.unread.map(({ key, label, cell, text }) =>
    problem("settingNotUnderstood", "warning", sheet.sheet as string, cell, {
      setting: label,
      text,
      expected: EXPECTED[key],
      instead:
        key === "section"
          ? "the workbook's tolerance applies to that section"
          : `${source[key] === "option" ? "the value given for this run" : "the default"}, ${showSetting(key, (merged[key] as number | DateOrder | undefined) ?? DEFAULTS[key])}, applies`,
    }),
  );
  return { options: merged as unknown as EvaluateOptions, sheet, source, overrides, problems };
}

/** How the workbook's dates are read (a log's periods, a measurement typed in): the options given over its sheet over the defaults. */
export function dateRulesIn(wb: WorkbookGrid, options: Pick<EvaluateOptions, "dateOrder" | "fiscalYearStart"> = {}): DateRules {
  const sheet = readSettingsSheet(wb);
  return {
    order: options.dateOrder ?? sheet.dateOrder?.value ?? DEFAULT_DATE_ORDER,
    fiscalYearStart: options.fiscalYearStart ?? sheet.fiscalYearStart?.value ?? DEFAULT_FISCAL_YEAR_START,
  };
}

/** The tolerance for a table in the section titled `group`: the section's own, else the workbook's. */
export function toleranceFor(group: string | undefined, sections: readonly SectionTolerance[] | undefined, tolerance: number): number {
  if (!group || !sections || sections.length === 0) return tolerance;
  const g = sectionKey(group);
  return sections.find((s) => sectionKey(s.section) === g)?.tolerance ?? tolerance;
}

/** "II. Goal-Setting and Prioritization" matches "Goal-setting and prioritization" and "II. Goal Setting…". */
function sectionKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/^\s*(?:[ivxlc]+|\d+|[a-z])[.)]\s+/, "")
    .replace(/\([^)]*\)/g, " ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}
