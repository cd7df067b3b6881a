// The "KPA Settings" sheet as we create it when a workbook has none (on its first evaluation, or when the pane's
// Options change a rule): the rules in effect, one row per setting (Setting | Value | What it means) and a Section |
// Tolerance table. Never written over: once it exists it is the user's to edit, and settings-sheet.ts reads it back by
// its labels. The pane's Options change only the value cells of the settings they change (planSettingsEdit).
import { DEFAULT_DATE_ORDER, MAX_MILESTONE_WINDOW_DAYS, checkOptions } from "../settings";
import { absoluteRef, uniqueSheetName } from "../address";
import type { DateOrder } from "../dates";
import type { DefinedName, WorkbookGrid } from "../grid";
import {
  SECTION_HEADERS,
  SETTINGS_NAME,
  SETTINGS_SHEET,
  SETTINGS_TITLE,
  SETTING_KEYS,
  SETTING_LABELS,
  type SettingKey,
  type SettingsInEffect,
  monthName,
  readSettingsSheet,
  settingsInEffect,
} from "../settings-sheet";
import type { SheetPlan } from "../write-plan";
import { SheetBuilder } from "./builder";
import { STYLES } from "./styles";

/** What each setting means, as the sheet says it beside the value. */
export const SETTING_DESCRIPTIONS: Readonly<Record<SettingKey, string>> = {
  tolerance:
    "How far short of its target a result may be and still count as At Risk rather than Off Track: 10% means a result up to 10% short of the target is At Risk.",
  milestoneWindowDays: `Days before a deadline in which a milestone not yet started (Launched, Signed, Complete) turns At Risk. 0 to ${MAX_MILESTONE_WINDOW_DAYS}.`,
  dateOrder: "How dates typed as numbers are read: mdy reads 03/04/2050 as March 4 (month first), dmy as April 3 (day first).",
  fiscalYearStart:
    "The month your fiscal year starts in, such as April. Quarters, halves and fiscal years follow it, and a fiscal year is named by the year it ends in: with April, FY2050 runs from April 2049 to March 2050 and Q1 2050 ends June 30, 2049.",
};

/** A setting's value as we write it in column B, with its number format. */
function cellOf(key: SettingKey, value: number | DateOrder): { value: number | string; format: string } {
  if (key === "tolerance") return { value: value as number, format: "0%" };
  if (key === "fiscalYearStart") return { value: monthName(value as number), format: "General" };
  return { value, format: "General" };
}

export function settingsSheet(name: string, settings: SettingsInEffect): SheetPlan {
  const o = checkOptions(settings.options);
  const b = new SheetBuilder(name);
  b.line(SETTINGS_TITLE, STYLES.title);
  b.add(["Setting", "Value", "What it means"], STYLES.header);
  const values: Record<SettingKey, number | DateOrder> = {
    tolerance: o.tolerance,
    milestoneWindowDays: o.milestoneWindowDays,
    dateOrder: o.order ?? DEFAULT_DATE_ORDER,
    fiscalYearStart: o.fiscalYearStart,
  };
  for (const key of SETTING_KEYS) {
    const { value, format } = cellOf(key, values[key]);
    const r = b.add([SETTING_LABELS[key], value, SETTING_DESCRIPTIONS[key]]);
    if (format !== "General") b.format({ top: r, left: 1, bottom: r, right: 1 }, format);
  }
  b.blank();
  b.add([...SECTION_HEADERS, "What it means"], STYLES.header);
  b.line(
    "Rows in a section named here (as its heading reads above its table) are judged with its own tolerance instead of the one above.",
    STYLES.subtle,
  );
  for (const s of o.sectionTolerances) {
    const r = b.add([s.section, s.tolerance]);
    b.format({ top: r, left: 1, bottom: r, right: 1 }, "0%");
  }
  // SheetBuilder lays out our sheets by their role; the settings sheet is laid out as the summary is, then named for what it is.
  const plan = b.finish("summary", {
    columns: 3,
    min: [30, 12, 40],
    max: [40, 16, 80],
    tabColor: "#7F7F7F",
    freezeRows: 2,
    footer: "&A · page &P of &N",
  });
  return { ...plan, role: "settings" };
}

/** A new KPA Settings sheet holding `settings`, under a name none of `taken` has, and the defined name marking it. */
export function newSettingsSheet(taken: readonly string[], settings: SettingsInEffect): { sheet: SheetPlan; name: DefinedName } {
  const name = uniqueSheetName(SETTINGS_SHEET, taken);
  return {
    sheet: settingsSheet(name, settings),
    name: { name: SETTINGS_NAME, ref: absoluteRef(name, { top: 0, left: 0, bottom: 0, right: 0 }) },
  };
}

/** The rules the pane edits, each as the engine reads it. */
export type SettingValues = { readonly [K in SettingKey]: K extends "dateOrder" ? DateOrder : number };

/** A cell of the settings sheet to write, 0-based, with the number format its value needs. */
export interface SettingsCellWrite {
  readonly row: number;
  readonly col: number;
  readonly values: readonly (readonly (number | string)[])[];
  readonly formats: readonly (readonly string[])[];
}

/** What saving settings changes: nothing, a new KPA Settings sheet (and its name), or cells of the existing one. */
export type SettingsEdit =
  | { readonly kind: "none" }
  | { readonly kind: "create"; readonly sheet: SheetPlan; readonly name: DefinedName }
  | { readonly kind: "cells"; readonly sheet: string; readonly writes: readonly SettingsCellWrite[] };

/**
 * The writes that make the workbook's KPA Settings sheet hold `changed` (only the settings someone changed, so a value
 * nobody touched is never written). An existing sheet gets the value cell beside each setting's label, and a new row
 * (label, value, meaning) below its content for a setting it lacks; everything else on it stays as the user left it.
 * A workbook without the sheet gets a new one holding `all` (the settings now in effect) with `changed` applied.
 */
export function planSettingsEdit(
  wb: WorkbookGrid,
  changed: Partial<SettingValues>,
  all: SettingValues & { readonly asOf: string },
): SettingsEdit {
  const keys = SETTING_KEYS.filter((k) => changed[k] !== undefined);
  if (keys.length === 0) return { kind: "none" };
  const sheet = readSettingsSheet(wb);
  if (!sheet.sheet) {
    const merged = { ...all, ...changed };
    const options = {
      asOf: merged.asOf,
      tolerance: merged.tolerance,
      dateOrder: merged.dateOrder,
      milestoneWindowDays: merged.milestoneWindowDays,
      fiscalYearStart: merged.fiscalYearStart,
    };
    const made = newSettingsSheet(
      wb.sheets.map((s) => s.name),
      settingsInEffect({ sheets: [] }, options),
    );
    return { kind: "create", ...made };
  }
  const writes: SettingsCellWrite[] = [];
  let next = sheet.bottom + 2;
  for (const key of keys) {
    const { value, format } = cellOf(key, changed[key] as number | DateOrder);
    const row = sheet.rows[key];
    if (row !== undefined) writes.push({ row, col: 1, values: [[value]], formats: [[format]] });
    else {
      // Below everything, after a blank row, so it is not read as a row of the section table.
      writes.push({
        row: next,
        col: 0,
        values: [[SETTING_LABELS[key], value, SETTING_DESCRIPTIONS[key]]],
        formats: [["General", format, "General"]],
      });
      next++;
    }
  }
  return { kind: "cells", sheet: sheet.sheet, writes };
}
