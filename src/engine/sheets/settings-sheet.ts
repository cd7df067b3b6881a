// The "KPA Settings" sheet as we create it when a workbook has none and the caller asks for it: the rules in effect,
// one row per setting (Setting | Value | What it means) and a Section | Tolerance table. Created only, never
// written over: once it exists it is the user's to edit, and settings-sheet.ts reads it back by its labels.
import { DEFAULT_DATE_ORDER, MAX_MILESTONE_WINDOW_DAYS, checkOptions } from "../settings";
import { SECTION_HEADERS, SETTINGS_TITLE, SETTING_LABELS, type SettingsInEffect, monthName } from "../settings-sheet";
import type { SheetPlan } from "../write-plan";
import { SheetBuilder } from "./builder";
import { STYLES } from "./styles";

export function settingsSheet(name: string, settings: SettingsInEffect): SheetPlan {
  const o = checkOptions(settings.options);
  const b = new SheetBuilder(name);
  b.line(SETTINGS_TITLE, STYLES.title);
  b.add(["Setting", "Value", "What it means"], STYLES.header);
  const tolerance = b.add([
    SETTING_LABELS.tolerance,
    o.tolerance,
    "How far short of its target a result may be and still count as At Risk rather than Off Track: 10% means a result up to 10% short of the target is At Risk.",
  ]);
  b.format({ top: tolerance, left: 1, bottom: tolerance, right: 1 }, "0%");
  b.add([
    SETTING_LABELS.milestoneWindowDays,
    o.milestoneWindowDays,
    `Days before a deadline in which a milestone not yet started (Launched, Signed, Complete) turns At Risk. 0 to ${MAX_MILESTONE_WINDOW_DAYS}.`,
  ]);
  b.add([
    SETTING_LABELS.dateOrder,
    o.order ?? DEFAULT_DATE_ORDER,
    "How dates typed as numbers are read: mdy reads 03/04/2050 as March 4 (month first), dmy as April 3 (day first).",
  ]);
  b.add([
    SETTING_LABELS.fiscalYearStart,
    monthName(o.fiscalYearStart),
    "The month your fiscal year starts in, such as April. Quarters, halves and fiscal years follow it, and a fiscal year is named by the year it ends in: with April, FY2050 runs from April 2049 to March 2050 and Q1 2050 ends June 30, 2049.",
  ]);
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
