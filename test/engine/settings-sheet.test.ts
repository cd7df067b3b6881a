// The KPA Settings sheet: the rules both paths judge by, read by label as people type them, under the options a
// caller passes (a CLI flag wins for its run), with a problem naming the cell of a value that cannot be read.
import {
  InvalidOptionError,
  applyPlanToGrid,
  evaluateGrid,
  planSettingsEdit,
  readDateOrderSetting,
  readMonth,
  readSettingsSheet,
  readTolerance,
  readWindowDays,
  run,
} from "../../src/engine";
import type { Cell } from "../fixtures/builders";
import { pct, sheet, workbook } from "../fixtures/builders";

const AS_OF = "2050-10-15";

/** Title row, header row, then one row per setting (tolerance in B3, as the sheet we create lays it out). */
function settingsSheet(rows: Cell[][], name = "KPA Settings") {
  return sheet(name, [["KPA Settings"], ["Setting", "Value", "What it means"], ...rows]);
}

/** A goal 15% short of its target: Off Track at a 10% tolerance, At Risk at 20%. */
const GOALS = sheet("Goals", [
  ["Goal", "Target", "Actual"],
  ["Grow revenue", "≥ 100", 85],
]);

const statusOf = (ev: ReturnType<typeof evaluateGrid>, name = "Grow revenue") => ev.rows.find((r) => r.name === name)?.status;

describe("reading values as people type them", () => {
  it("tolerance: 10%, 0.1, 10, '10 %', a percent-formatted cell", () => {
    expect(readTolerance("10%")).toBe(0.1);
    expect(readTolerance("10 %")).toBe(0.1);
    expect(readTolerance(0.1)).toBe(0.1);
    expect(readTolerance("0.1")).toBe(0.1);
    expect(readTolerance(10)).toBe(0.1);
    expect(readTolerance("10")).toBe(0.1);
    expect(readTolerance(0.15, "0%")).toBe(0.15);
    expect(readTolerance("0,2")).toBe(0.2);
    expect(readTolerance("ten")).toBeUndefined();
    expect(readTolerance("150%")).toBeUndefined();
    expect(readTolerance(-0.1)).toBeUndefined();
  });

  it("milestone window: 30, '30', '30 days', '4 weeks'", () => {
    expect(readWindowDays(30)).toBe(30);
    expect(readWindowDays("30")).toBe(30);
    expect(readWindowDays("30 days")).toBe(30);
    expect(readWindowDays("4 weeks")).toBe(28);
    expect(readWindowDays(2.5)).toBeUndefined();
    expect(readWindowDays("soon")).toBeUndefined();
    expect(readWindowDays(400)).toBeUndefined();
  });

  it("date order: mdy, DMY, day first, DD/MM/YYYY, month first", () => {
    expect(readDateOrderSetting("mdy")).toBe("mdy");
    expect(readDateOrderSetting("DMY")).toBe("dmy");
    expect(readDateOrderSetting("day first")).toBe("dmy");
    expect(readDateOrderSetting("DD/MM/YYYY")).toBe("dmy");
    expect(readDateOrderSetting("Month first")).toBe("mdy");
    expect(readDateOrderSetting("m/d/y")).toBe("mdy");
    expect(readDateOrderSetting("ymd")).toBeUndefined();
  });

  it("fiscal year start: April, apr, 4, '4'", () => {
    expect(readMonth("April")).toBe(4);
    expect(readMonth("apr")).toBe(4);
    expect(readMonth("Sept")).toBe(9);
    expect(readMonth(4)).toBe(4);
    expect(readMonth("4")).toBe(4);
    expect(readMonth(13)).toBeUndefined();
    expect(readMonth("Ma")).toBeUndefined();
    expect(readMonth("Smarch")).toBeUndefined();
  });
});

describe("the sheet", () => {
  it("reads each setting by its label in column A, case-insensitive, tolerant of units in the label", () => {
    const s = readSettingsSheet(
      workbook(
        GOALS,
        settingsSheet([
          ["Tolerance (%)", "15%"],
          ["MILESTONE WARNING WINDOW (days)", 45],
          ["date order", "day first"],
          ["Fiscal year start", "April"],
        ]),
      ),
    );
    expect(s.sheet).toBe("KPA Settings");
    expect(s.tolerance).toEqual({ value: 0.15, cell: "B3", text: "15%" });
    expect(s.milestoneWindowDays?.value).toBe(45);
    expect(s.dateOrder?.value).toBe("dmy");
    expect(s.fiscalYearStart?.value).toBe(4);
    expect(s.unread).toEqual([]);
  });

  it("judges with the sheet's tolerance", () => {
    expect(statusOf(evaluateGrid(workbook(GOALS), { asOf: AS_OF }))).toBe("Off Track");
    const ev = evaluateGrid(workbook(GOALS, settingsSheet([["Tolerance", pct(0.2)]])), { asOf: AS_OF });
    expect(ev.tolerance).toBe(0.2);
    expect(statusOf(ev)).toBe("At Risk");
    expect(ev.problems).toEqual([]);
  });

  it("judges with the sheet's date order and milestone window", () => {
    const goals = sheet("Goals", [
      ["Goal", "Target", "Timeline", "Actual"],
      ["Launch portal", "Launched", "01/11/2050", "Not started"],
    ]);
    // Month first, 01/11 is January 11 (past: Overdue); day first it is November 1, 17 days away.
    expect(statusOf(evaluateGrid(workbook(goals), { asOf: AS_OF }), "Launch portal")).toBe("Overdue");
    const dmy = evaluateGrid(workbook(goals, settingsSheet([["Date order", "dmy"]])), { asOf: AS_OF });
    expect(statusOf(dmy, "Launch portal")).toBe("At Risk");
    const narrow = evaluateGrid(
      workbook(
        goals,
        settingsSheet([
          ["Date order", "dmy"],
          ["Milestone warning window", "7 days"],
        ]),
      ),
      { asOf: AS_OF },
    );
    expect(statusOf(narrow, "Launch portal")).not.toBe("At Risk");
  });

  it("an empty value is no setting: the default applies without a word", () => {
    const ev = evaluateGrid(workbook(GOALS, settingsSheet([["Tolerance", null, "What it means"]])), { asOf: AS_OF });
    expect(ev.tolerance).toBe(0.1);
    expect(ev.problems).toEqual([]);
  });

  it("a bad value is a warning naming its cell, and the default applies", () => {
    const ev = evaluateGrid(
      workbook(
        GOALS,
        settingsSheet([
          ["Tolerance", "lots"],
          ["Date order", "ymd"],
          ["Fiscal year start", "Smarch"],
        ]),
      ),
      { asOf: AS_OF },
    );
    expect(ev.tolerance).toBe(0.1);
    expect(statusOf(ev)).toBe("Off Track");
    const problems = ev.problems.filter((p) => p.code === "settingNotUnderstood");
    expect(problems.map((p) => `${p.severity} ${p.sheet}!${p.cell}`)).toEqual([
      "warning KPA Settings!B3",
      "warning KPA Settings!B4",
      "warning KPA Settings!B5",
    ]);
    expect(problems[0]?.message).toBe(
      'The setting Tolerance "lots" was not understood, so the default, 10%, applies. Write a percentage from 0% to 100% such as 10%.',
    );
    expect(problems[2]?.message).toContain("the default, January, applies");
  });

  it("the sheet is found by name whatever its case, and its own rows are not read as a table", () => {
    const ev = evaluateGrid(
      workbook(
        GOALS,
        sheet("kpa settings", [
          ["KPA Settings"],
          ["Setting", "Value"],
          ["Tolerance", "20%"],
          [],
          ["Section", "Tolerance"],
          ["Sales", "5%"],
        ]),
      ),
      { asOf: AS_OF },
    );
    expect(ev.tolerance).toBe(0.2);
    expect(ev.tables.map((t) => t.sheet)).toEqual(["Goals"]);
  });

  it("a renamed sheet is found by our defined name when its A1 holds the title", () => {
    const wb = {
      ...workbook(GOALS, settingsSheet([["Tolerance", "20%"]], "Rules")),
      names: [{ name: "KPATracker_Sheet_Settings", ref: "Rules!$A$1" }],
    };
    expect(evaluateGrid(wb, { asOf: AS_OF }).tolerance).toBe(0.2);
    // The plan keeps the name: it marks the user's sheet, not one of ours to rename or drop.
    const { plan } = run(wb, { asOf: AS_OF });
    expect(plan.removeNames).not.toContain("KPATracker_Sheet_Settings");
    expect(plan.names).toContainEqual({ name: "KPATracker_Sheet_Settings", ref: "Rules!$A$1" });
    // Without the proof in A1, a sheet named otherwise is not the settings sheet.
    const unproven = { ...workbook(GOALS, sheet("Rules", [["Rules"], ["Tolerance", "20%"]])), names: wb.names };
    expect(evaluateGrid(unproven, { asOf: AS_OF }).tolerance).toBe(0.1);
  });
});

describe("per-section tolerance", () => {
  const sections = sheet("Goals", [
    ["II. Goal-Setting and Prioritization"],
    ["Goal", "Target", "Actual"],
    ["Grow revenue", "≥ 100", 85],
    [],
    [],
    ["III. Delivery"],
    ["Goal", "Target", "Actual"],
    ["Ship faster", "≥ 100", 85],
  ]);

  it("changes the status of rows in that section only, matched by its title", () => {
    const plain = evaluateGrid(workbook(sections), { asOf: AS_OF });
    expect(plain.tables.map((t) => t.group)).toEqual(["II. Goal-Setting and Prioritization", "III. Delivery"]);
    expect(plain.rows.map((r) => r.status)).toEqual(["Off Track", "Off Track"]);
    const ev = evaluateGrid(
      workbook(sections, settingsSheet([["Tolerance", "10%"], [], ["Section", "Tolerance"], ["Goal-setting and prioritization", "20%"]])),
      { asOf: AS_OF },
    );
    expect(ev.rows.map((r) => [r.name, r.status])).toEqual([
      ["Grow revenue", "At Risk"],
      ["Ship faster", "Off Track"],
    ]);
    // The explanation names the rule that decided: the section's own band, or the workbook's.
    expect(ev.rows.map((r) => r.explanation)).toEqual([
      expect.stringContaining("within the section's 20% tolerance (KPA Settings) → At Risk"),
      expect.stringContaining("beyond 10% tolerance → Off Track"),
    ]);
  });

  it("a row threshold that cannot be used says the section's tolerance judged the row instead", () => {
    const own = sheet("Goals", [
      ["II. Goal-Setting and Prioritization"],
      ["Goal", "Target", "Actual", "Red"],
      ["Grow revenue", "≥ 100", 85, "lots"],
    ]);
    const ev = evaluateGrid(workbook(own, settingsSheet([[], ["Section", "Tolerance"], ["Goal-setting and prioritization", "20%"]])), {
      asOf: AS_OF,
    });
    const p = ev.problems.find((x) => x.code === "thresholdNotUsed");
    expect(`${p?.sheet}!${p?.cell}`).toBe("Goals!D3");
    expect(p?.message).toContain("judged with the section's 20% tolerance instead");
    expect(statusOf(ev)).toBe("At Risk");
  });

  it("a section tolerance that cannot be read is a warning naming its cell", () => {
    const ev = evaluateGrid(workbook(sections, settingsSheet([[], ["Section", "Tolerance"], ["III. Delivery", "wide"]])), {
      asOf: AS_OF,
    });
    const p = ev.problems.find((x) => x.code === "settingNotUnderstood");
    expect(`${p?.sheet}!${p?.cell}`).toBe("KPA Settings!B5");
    expect(p?.message).toContain("the workbook's tolerance applies to that section");
  });

  it("can be passed as an option", () => {
    const ev = evaluateGrid(workbook(sections), { asOf: AS_OF, sectionTolerances: [{ section: "III. Delivery", tolerance: 0.5 }] });
    expect(ev.rows.map((r) => r.status)).toEqual(["Off Track", "At Risk"]);
    expect(() => evaluateGrid(workbook(sections), { asOf: AS_OF, sectionTolerances: [{ section: "X", tolerance: 2 }] })).toThrow(
      InvalidOptionError,
    );
  });
});

describe("precedence: an option given > the sheet > the default", () => {
  const wb = workbook(
    GOALS,
    settingsSheet([
      ["Tolerance", "20%"],
      ["Date order", "dmy"],
    ]),
  );

  it("an explicit option overrides the sheet for that run, and says which cell it overrode", () => {
    const { evaluation, settings } = run(wb, { asOf: AS_OF, tolerance: 0.1, generatedAt: "2050-01-01T00:00:00Z" });
    expect(evaluation.tolerance).toBe(0.1);
    expect(statusOf(evaluation)).toBe("Off Track");
    expect(settings.source).toEqual({
      tolerance: "option",
      dateOrder: "sheet",
      milestoneWindowDays: "default",
      fiscalYearStart: "default",
    });
    expect(settings.overrides).toEqual([
      { key: "tolerance", label: "Tolerance", where: "KPA Settings!B3", sheetValue: "20%", value: "10%" },
    ]);
  });

  it("an option equal to the sheet's value overrides nothing", () => {
    expect(run(wb, { asOf: AS_OF, tolerance: 0.2 }).settings.overrides).toEqual([]);
  });

  it("a bad sheet value with an option given says the option applies", () => {
    const ev = evaluateGrid(workbook(GOALS, settingsSheet([["Tolerance", "lots"]])), { asOf: AS_OF, tolerance: 0.3 });
    expect(ev.tolerance).toBe(0.3);
    expect(ev.problems[0]?.message).toContain("so the value given for this run, 30%, applies");
  });

  it("the fiscal year start is read, checked and passed on", () => {
    const r = run(workbook(GOALS, settingsSheet([["FY start", "Jul"]])), { asOf: AS_OF });
    expect(r.settings.options.fiscalYearStart).toBe(7);
    expect(() => evaluateGrid(workbook(GOALS), { asOf: AS_OF, fiscalYearStart: 13 })).toThrow(InvalidOptionError);
  });
});

describe("the fiscal year start decides what quarters and fiscal years mean", () => {
  // As of August 1, 2049: with a year starting in April, Q1 2050 (FY2050's first quarter) ended June 30, 2049.
  const asOf = "2049-08-01";
  const goals = sheet("Goals", [
    ["Goal", "Target", "Timeline", "Actual"],
    ["Grow revenue", "≥ 100", "Q1 2050", 85],
    ["Cut churn", "≤ 5%", "FY50", "4%"],
  ]);

  it("a timeline of Q1 2050 is due at the end of the organisation's first quarter, and the explanation shows the day", () => {
    const calendar = evaluateGrid(workbook(goals), { asOf });
    expect(statusOf(calendar)).toBe("Off Track");
    const april = evaluateGrid(workbook(goals, settingsSheet([["Fiscal year start", "April"]])), { asOf });
    expect(april.problems).toEqual([]);
    const row = april.rows.find((r) => r.name === "Grow revenue");
    expect(row?.status).toBe("Overdue");
    expect(row?.explanation).toContain("Jun 30, 2049");
    // FY50 ends March 31, 2050 with an April start, December 31, 2050 without.
    expect(april.rows.find((r) => r.name === "Cut churn")?.timeline).toBe("2050-03-31");
    expect(calendar.rows.find((r) => r.name === "Cut churn")?.timeline).toBe("2050-12-31");
  });

  it("an option given for the run wins over the sheet, as for every setting", () => {
    const ev = evaluateGrid(workbook(goals, settingsSheet([["Fiscal year start", "April"]])), { asOf, fiscalYearStart: 1 });
    expect(statusOf(ev)).toBe("Off Track");
  });

  it("measurements logged for a fiscal quarter are dated at its end", () => {
    const log = sheet("KPA Data", [
      ["KPI", "Date", "Value"],
      ["Grow revenue", "Q1 2050", 101],
    ]);
    const bare = sheet("Goals", [
      ["Goal", "Target", "Actual"],
      ["Grow revenue", "≥ 100", null],
    ]);
    // Calendar: Q1 2050 ends March 31, 2050, after the as-of date, so nothing is logged yet.
    expect(statusOf(evaluateGrid(workbook(bare, log), { asOf }))).toBe("No Data");
    const april = evaluateGrid(workbook(bare, log, settingsSheet([["Fiscal year start", 4]])), { asOf });
    expect(statusOf(april)).toBe("Met");
  });
});

describe("creating the sheet (on the first evaluation)", () => {
  it("is planned when the workbook has none, unless told not to, holds the settings in effect, and reads back the same", () => {
    expect(run(workbook(GOALS), { asOf: AS_OF, writeSettings: false }).plan.sheets.map((s) => s.role)).toEqual(["summary", "gaps"]);
    const { plan } = run(workbook(GOALS), { asOf: AS_OF, tolerance: 0.2, dateOrder: "dmy" });
    const sp = plan.sheets.find((s) => s.role === "settings");
    expect(sp?.name).toBe("KPA Settings");
    expect(sp?.values.slice(0, 6).map((r) => r.slice(0, 2))).toEqual([
      ["KPA Settings"],
      ["Setting", "Value"],
      ["Tolerance", 0.2],
      ["Milestone warning window (days)", 30],
      ["Date order", "dmy"],
      ["Fiscal year start", "January"],
    ]);
    expect(sp?.values[2]?.[2]).toMatch(/At Risk rather than Off Track/);
    expect(plan.names).toContainEqual({ name: "KPATracker_Sheet_Settings", ref: "'KPA Settings'!$A$1" });
    // As the adapters write it (values only here), the sheet reads back as the settings it was made from.
    const back = readSettingsSheet(applyPlanToGrid(workbook(GOALS), plan));
    expect([back.tolerance?.value, back.milestoneWindowDays?.value, back.dateOrder?.value, back.fiscalYearStart?.value]).toEqual([
      0.2,
      30,
      "dmy",
      1,
    ]);
    expect(back.unread).toEqual([]);
  });

  it("is never planned over an existing sheet", () => {
    const { plan } = run(workbook(GOALS, settingsSheet([["Tolerance", "20%"]])), { asOf: AS_OF });
    expect(plan.sheets.map((s) => s.role)).toEqual(["summary", "gaps"]);
  });
});

describe("editing the sheet (the pane's Options)", () => {
  const ALL = { asOf: AS_OF, tolerance: 0.1, milestoneWindowDays: 30, dateOrder: "mdy" as const, fiscalYearStart: 1 };

  /** The grid with the edit's writes made, as the adapters make them (values only). */
  function edited(wb: ReturnType<typeof workbook>, edit: ReturnType<typeof planSettingsEdit>) {
    if (edit.kind !== "cells") throw new Error(`expected cell writes, got ${edit.kind}`);
    const grid = wb.sheets.find((s) => s.name === edit.sheet);
    if (!grid) throw new Error("no settings sheet");
    const values = grid.values.map((r) => [...r]);
    for (const w of edit.writes)
      w.values.forEach((row, i) =>
        row.forEach((v, j) => {
          while (values.length <= w.row + i) values.push([]);
          (values[w.row + i] as unknown[])[w.col + j] = v;
        }),
      );
    return workbook(...wb.sheets.map((s) => (s === grid ? { ...s, values, numberFormats: undefined } : s)));
  }

  it("writes a changed value beside its label, and a missing setting below everything, outside the section table", () => {
    const wb = workbook(GOALS, settingsSheet([["Tolerance", pct(0.2)], [null], ["Section", "Tolerance"], ["Customer Service", pct(0.15)]]));
    const edit = planSettingsEdit(wb, { tolerance: 0.25, milestoneWindowDays: 45 }, ALL);
    expect(edit.kind).toBe("cells");
    if (edit.kind !== "cells") return;
    expect(edit.writes.map((w) => [w.row, w.col, w.values[0]?.[0]])).toEqual([
      [2, 1, 0.25],
      [7, 0, "Milestone warning window (days)"],
    ]);
    const back = readSettingsSheet(edited(wb, edit));
    expect([back.tolerance?.value, back.milestoneWindowDays?.value]).toEqual([0.25, 45]);
    expect(back.sectionTolerances.map((t) => [t.section, t.tolerance])).toEqual([["Customer Service", 0.15]]);
    expect(back.unread).toEqual([]);
  });

  it("plans nothing when nothing changed, and a whole sheet (with our name) when the workbook has none", () => {
    expect(planSettingsEdit(workbook(GOALS), {}, ALL)).toEqual({ kind: "none" });
    const made = planSettingsEdit(workbook(GOALS), { dateOrder: "dmy" }, ALL);
    expect(made.kind).toBe("create");
    if (made.kind !== "create") return;
    expect(made.name).toEqual({ name: "KPATracker_Sheet_Settings", ref: "'KPA Settings'!$A$1" });
    const back = readSettingsSheet(
      applyPlanToGrid(workbook(GOALS), { ...run(workbook(GOALS), { asOf: AS_OF, writeSettings: false }).plan, sheets: [made.sheet] }),
    );
    expect([back.tolerance?.value, back.dateOrder?.value, back.fiscalYearStart?.value]).toEqual([0.1, "dmy", 1]);
  });
});
