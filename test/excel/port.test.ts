// The task pane's WorkbookPort over Office.js: scan, select, insert a template, add tracking columns, and
// every failure as a PortError sentence the pane can show.
import { dayFromDate, parseIsoDate, serialFromDay } from "../../src/engine/dates";
import { DEPARTMENTS, type DepartmentId } from "../../src/engine/library";
import type { PlanValue } from "../../src/engine";
import { templateSheet } from "../../src/engine/template";
import { toPortError } from "../../src/excel/errors";
import { type MemoryExcel, MemoryExcelError } from "../support/memory-excel";
import { PortError, type Progress } from "../../src/app/port";
import { type Cell, sheet, table, workbook } from "../fixtures/builders";
import { TEMPLATE_HEADER_ROWS, seedTemplate } from "../fixtures/template";
import { NOW, SETTINGS, setup } from "./harness";

const dueLater = new Date(Date.UTC(2050, 11, 31));

/** A goals table without Baseline or Actual: "Add tracking columns" applies to it. */
function untracked(): ReturnType<typeof workbook> {
  const rows: Cell[][] = [
    ["Answer tickets within a day", 90, dueLater, "Dara Singh"],
    ["Publish the help centre", 100, dueLater, "Eli Novak"],
    ["Cut refunds", 50, dueLater, "Fay Adams"],
  ];
  return workbook(sheet("Goals", table(["Goal", "Target", "Timeline", "Owner"], rows)));
}

/** A plan value as Range.values reads it back: dates as serials, empty as "". */
function shown(v: PlanValue): string | number | boolean {
  if (v === null) return "";
  if (typeof v !== "object") return v;
  if ("date" in v) return serialFromDay(parseIsoDate(v.date) as number);
  return v.text;
}

describe("scan", () => {
  it("lists each table with its kind, range, rows and whether tracking columns can be added", async () => {
    const { port } = setup(workbook(seedTemplate("KPA")));
    const scan = await port.scan(SETTINGS);
    const at = (row: number, right: string, last: number) => `A${row}:${right}${last}`;
    expect(
      scan.tables.map(({ id, sheet: s, kind, range, rows, canAddTracking }) => ({ id, sheet: s, kind, range, rows, canAddTracking })),
    ).toEqual([
      { id: `KPA!A${TEMPLATE_HEADER_ROWS.kpa}`, sheet: "KPA", kind: "kpa", range: at(7, "E", 12), rows: 5, canAddTracking: false },
      { id: `KPA!A${TEMPLATE_HEADER_ROWS.goals}`, sheet: "KPA", kind: "goals", range: at(16, "E", 21), rows: 5, canAddTracking: true },
      { id: `KPA!A${TEMPLATE_HEADER_ROWS.roles}`, sheet: "KPA", kind: "roles", range: at(25, "E", 30), rows: 5, canAddTracking: false },
      {
        id: `KPA!A${TEMPLATE_HEADER_ROWS.training}`,
        sheet: "KPA",
        kind: "training",
        range: at(34, "E", 39),
        rows: 5,
        canAddTracking: false,
      },
    ]);
    expect(scan.tables.find((t) => t.kind === "goals")?.section).toBe("II. Goal-Setting and Prioritization");
  });

  it("lists problems with their sheet and cell", async () => {
    const { port } = setup(workbook(seedTemplate("KPA")));
    const scan = await port.scan(SETTINGS);
    // "Marketing Director" (E9, responsible for NPS) has no row in the roles table.
    expect(scan.problems).toContainEqual({
      sheet: "KPA",
      cell: "E9",
      severity: "warning",
      message: expect.stringContaining('"Marketing Director"'),
    });
    for (const p of scan.problems) {
      expect(p.sheet).toBe("KPA");
      expect(p.cell).toMatch(/^[A-Z]+\d+$/);
      expect(p.message.length).toBeGreaterThan(10);
    }
  });

  it("changes nothing and starts no write", async () => {
    const { excel, port } = setup(workbook(seedTemplate("KPA")));
    const before = excel.snapshot();
    await port.scan(SETTINGS);
    await port.scan({ ...SETTINGS, asOf: "2051-06-30" });
    expect(excel.snapshot()).toEqual(before);
    expect(excel.stats.calculationSuspensions).toBe(0);
    // Both scans went to Excel, and every round trip was a read (it brought something back).
    expect(excel.stats.syncs.length).toBeGreaterThanOrEqual(2);
    expect(excel.stats.syncs.filter((s) => s.responseBytes === 0)).toEqual([]);
  });
});

describe("select", () => {
  it("selects the cell on its sheet", async () => {
    const { excel, port } = setup(workbook(sheet("Other", [["x"]]), seedTemplate("KPA")));
    await port.select("KPA", "E9");
    expect(excel.state.selection).toEqual({ sheet: "KPA", address: "E9" });
    await port.select("Other", "A1");
    expect(excel.state.selection).toEqual({ sheet: "Other", address: "A1" });
  });

  it("rejects with a PortError when the sheet is gone", async () => {
    const { excel, port } = setup(workbook(seedTemplate("KPA")));
    await expect(port.select("Deleted", "A1")).rejects.toBeInstanceOf(PortError);
    expect(excel.state.selection).toBeUndefined();
  });
});

describe("insertTemplate", () => {
  const DEPT: DepartmentId = "customer-service";
  const layout = () =>
    templateSheet(
      DEPARTMENTS.find((d) => d.id === DEPT),
      dayFromDate(NOW),
    );

  it("adds a sheet laid out as the department's template: the same values, headers, date formats and styles", async () => {
    const { excel, port } = setup(workbook(sheet("Existing", [["keep me"]])));
    const name = await port.insertTemplate(DEPT);
    expect(name).toBe(layout().name);
    expect(excel.state.sheets.map((s) => s.name)).toEqual(["Existing", name]);
    const expected = layout().values.map((row) => row.map(shown));
    const width = Math.max(...expected.map((r) => r.length));
    const got = excel.values(name);
    expect(got.length).toBe(expected.length - (expected[expected.length - 1]?.every((v) => v === "") ? 1 : 0));
    got.forEach((row, i) => expect(row.slice(0, width)).toEqual(Array.from({ length: width }, (_, j) => expected[i]?.[j] ?? "")));
    // The four section headers, each where the template puts it.
    for (const header of ["KPA Element", "Goal", "Role", "Training Needs"]) expect(got.flat()).toContain(header);
    const goalHeader = got.findIndex((r) => r[0] === "Goal");
    expect(got[goalHeader]).toEqual(expect.arrayContaining(["Target", "Timeline", "Owner", "Baseline", "Actual"]));
    expect(
      excel
        .sheet(name)
        .rows.get(goalHeader + 1)
        ?.get(2)?.numberFormat,
    ).toBe("mmm d, yyyy");
    expect(excel.sheet(name).rows.get(goalHeader)?.get(0)?.format).toMatchObject({ bold: true });
    expect(excel.sheet("Existing").rows.get(0)?.get(0)?.value).toBe("keep me");
  });

  it("gives a second template of the same department a distinct name", async () => {
    const { excel, port } = setup(workbook(sheet("Existing", [["keep me"]])));
    const first = await port.insertTemplate(DEPT);
    const second = await port.insertTemplate(DEPT);
    expect(second).not.toBe(first);
    expect(second.length).toBeLessThanOrEqual(31);
    expect(excel.state.sheets.map((s) => s.name)).toEqual(["Existing", first, second]);
    expect(excel.values(second)).toEqual(excel.values(first));
  });

  it("is found by scan, with tracking columns already there", async () => {
    const { port } = setup(workbook(sheet("Existing", [["keep me"]])));
    const name = await port.insertTemplate(DEPT);
    const scan = await port.scan(SETTINGS);
    const kinds = scan.tables.filter((t) => t.sheet === name).map((t) => t.kind);
    expect(kinds).toEqual(["kpa", "goals", "roles", "training"]);
    expect(scan.tables.find((t) => t.sheet === name && t.kind === "goals")?.canAddTracking).toBe(false);
  });

  it("rejects with a PortError, adding nothing, when the workbook's structure is protected", async () => {
    const { excel, port } = setup(workbook(sheet("Existing", [["keep me"]])));
    excel.state.workbookProtected = true;
    const before = excel.snapshot();
    await expect(port.insertTemplate(DEPT)).rejects.toThrow(PortError);
    await expect(port.insertTemplate(DEPT)).rejects.toThrow(/structure is protected/);
    expect(excel.snapshot()).toEqual(before);
  });

  it("rejects with a PortError for a department the library lacks", async () => {
    const { excel, port } = setup(workbook(sheet("Existing", [["keep me"]])));
    await expect(port.insertTemplate("astrology" as DepartmentId)).rejects.toThrow(PortError);
    expect(excel.state.sheets).toHaveLength(1);
  });
});

describe("addTrackingColumns", () => {
  async function added(): Promise<{ excel: MemoryExcel; port: ReturnType<typeof setup>["port"]; range: string }> {
    const { excel, port } = setup(untracked());
    // The user's header look, to be carried onto the new headers.
    for (const cell of excel.sheet("Goals").rows.get(0)?.values() ?? []) cell.format = { bold: true, fill: "#D9E1F2" };
    const scan = await port.scan(SETTINGS);
    const goals = scan.tables.find((t) => t.kind === "goals");
    expect(goals?.canAddTracking).toBe(true);
    const range = await port.addTrackingColumns(goals?.id as string);
    return { excel, port, range };
  }

  it('writes "Baseline" and "Actual" headers right of the table, in its header style', async () => {
    const { excel, range } = await added();
    expect(range).toBe("Goals!E1:F1");
    expect(excel.values("Goals")[0]).toEqual(["Goal", "Target", "Timeline", "Owner", "Baseline", "Actual"]);
    expect(excel.cell("Goals", "E1")?.format).toEqual({ bold: true, fill: "#D9E1F2" });
    expect(excel.cell("Goals", "F1")?.format).toEqual({ bold: true, fill: "#D9E1F2" });
    // Only the two header cells: no values under them yet.
    expect(
      excel
        .values("Goals")
        .slice(1)
        .map((r) => r.slice(4)),
    ).toEqual([
      ["", ""],
      ["", ""],
      ["", ""],
    ]);
  });

  it("makes scan report the table as tracked", async () => {
    const { port } = await added();
    const scan = await port.scan(SETTINGS);
    expect(scan.tables.find((t) => t.kind === "goals")?.canAddTracking).toBe(false);
  });

  it("lets a later evaluation read the actuals typed under the new headers", async () => {
    const { excel, port } = await added();
    // The user types two actuals: 95 against a target of 90, 80 against 100; the third goal has none yet.
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Goals").getRange("F2:F3").values = [[95], [80]];
    });
    const result = await port.evaluate(SETTINGS);
    const goals = excel.values("Goals");
    const header = goals[0] as unknown[];
    const status = header.indexOf("KPA Status");
    const explanation = header.indexOf("KPA Explanation");
    expect(status).toBe(6);
    expect(goals.slice(1).map((r) => r[status])).toEqual(["Met", "Off Track", "No Data"]);
    expect(String(goals[1]?.[explanation])).toContain("95");
    expect(String(goals[2]?.[explanation])).toContain("80");
    expect(result.counts).toMatchObject({ Met: 1, "Off Track": 1, "No Data": 1 });
  });

  it("rejects with a PortError for a table that already has them, or is no longer there", async () => {
    const { excel, port } = await added();
    const before = excel.snapshot();
    await expect(port.addTrackingColumns("Goals!A1")).rejects.toThrow(/already has tracking columns/);
    await expect(port.addTrackingColumns("Goals!A40")).rejects.toThrow(PortError);
    expect(excel.snapshot()).toEqual(before);
  });

  it("rejects with a PortError naming the cell when the columns beside the table are taken", async () => {
    const { excel, port } = setup(untracked());
    excel.sheet("Goals").rows.get(2)?.set(5, { value: "my note", numberFormat: "General", format: {} });
    const before = excel.snapshot();
    const failure = await port.addTrackingColumns("Goals!A1").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PortError);
    expect((failure as PortError).where).toEqual({ sheet: "Goals", cell: "F3" });
    expect(excel.snapshot()).toEqual(before);
  });

  it("rejects with a PortError naming a protected sheet, and changes nothing", async () => {
    const { excel, port } = setup(untracked());
    excel.sheet("Goals").protected = true;
    const before = excel.snapshot();
    const failure = await port.addTrackingColumns("Goals!A1").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PortError);
    expect((failure as PortError).message).toContain('"Goals"');
    expect((failure as PortError).where).toEqual({ sheet: "Goals" });
    expect(excel.snapshot()).toEqual(before);
  });
});

describe("evaluate's report", () => {
  it("reports progress reading, then evaluating, then writing, with fractions from 0 to 1", async () => {
    const { port } = setup(untracked());
    const seen: Progress[] = [];
    const result = await port.evaluate(SETTINGS, (p) => seen.push(p));
    const stages = seen.map((p) => p.stage).filter((s, i, all) => s !== all[i - 1]);
    expect(stages).toEqual(["reading", "evaluating", "writing"]);
    const reading = seen.filter((p) => p.stage === "reading").map((p) => p.fraction as number);
    expect(reading[0]).toBe(0);
    expect(reading[reading.length - 1]).toBe(1);
    expect(reading.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= (reading[i - 1] as number)))).toBe(true);
    expect(result).toMatchObject({ asOf: SETTINGS.asOf, total: 3, sheets: ["KPA Summary", "KPA Gaps", "KPA Settings"] });
    expect(result.gaps.map((g) => g.name)).toEqual(expect.arrayContaining(["Answer tickets within a day"]));
    expect(result.gaps[0]).toMatchObject({ sheet: "Goals", cell: expect.stringMatching(/^A\d+$/) });
  });

  it("keeps settings it was given", async () => {
    const { port } = setup(untracked());
    expect(await port.loadSettings()).toEqual({});
    await port.saveSettings({ ...SETTINGS, tolerance: 0.2 });
    expect(await port.loadSettings()).toEqual({ ...SETTINGS, tolerance: 0.2 });
  });

  it("turns an invalid setting into a PortError", async () => {
    const { excel, port } = setup(untracked());
    const before = excel.snapshot();
    await expect(port.evaluate({ ...SETTINGS, asOf: "not a date" })).rejects.toBeInstanceOf(PortError);
    expect(excel.snapshot()).toEqual(before);
  });
});

describe("errors as PortError sentences", () => {
  it.each([
    ["InvalidOperationInCellEditMode", /leave the cell/],
    ["AccessDenied", /protected or read-only/],
    ["RequestPayloadSizeLimitExceeded", /more data than Excel accepts/],
    ["ItemNotFound", /removed while it worked/],
  ])("maps %s to one plain sentence", (code, sentence) => {
    const e = toPortError(new MemoryExcelError(code, "raw Office text"));
    expect(e).toBeInstanceOf(PortError);
    expect(e.message).toMatch(sentence);
    expect(e.message).not.toContain("raw Office text");
  });

  it("names an unknown code and keeps the detail", () => {
    const e = toPortError(new MemoryExcelError("GeneralException", "Something odd."));
    expect(e.message).toBe(
      "Excel reported an error (GeneralException): Something odd. Try again; if it keeps happening, reload the add-in.",
    );
  });

  it("passes a PortError through unchanged", () => {
    const original = new PortError("Already plain.", { sheet: "Goals" });
    expect(toPortError(original)).toBe(original);
  });
});

describe("the milestone warning window", () => {
  it("is passed to the engine: a milestone not started 40 days before its deadline is At Risk only inside a 60-day window", async () => {
    // SETTINGS is as of 2050-10-15 with the default 30-day window; due 40 days later is outside it.
    const launch = () =>
      workbook(
        sheet(
          "Goals",
          table(
            ["Goal", "Target", "Timeline", "Owner", "Actual"],
            [["Launch the partner portal", "Launched", new Date(Date.UTC(2050, 10, 24)), "Ana", "Not started"]],
          ),
        ),
      );
    const countsWith = async (milestoneWindowDays: number) => {
      const result = await setup(launch()).port.evaluate({ ...SETTINGS, milestoneWindowDays });
      expect(result.total).toBe(1);
      return result.counts;
    };
    expect(await countsWith(SETTINGS.milestoneWindowDays)).toMatchObject({ "On Track": 1, "At Risk": 0 });
    expect(await countsWith(60)).toMatchObject({ "On Track": 0, "At Risk": 1 });
  });
});

describe("what the workbook holds (workbookState)", () => {
  it("reads the evaluation back from the KPA Summary our name marks, and nothing once the name is gone", async () => {
    const { port, excel } = setup(untracked());
    expect(await port.workbookState()).toEqual({ evaluation: null, canUndo: false });
    const result = await port.evaluate(SETTINGS);
    const held = { asOf: SETTINGS.asOf, total: result.total, counts: result.counts, weightedScore: result.weightedScore };
    expect(await port.workbookState()).toEqual({ evaluation: held, canUndo: true });
    // Ownership is proven by our name and the title it points at, never guessed from a sheet's name (issue 17).
    excel.state.names.splice(0, excel.state.names.length, ...excel.state.names.filter((n) => !n.name.startsWith("KPATracker_")));
    expect((await port.workbookState()).evaluation).toBeNull();
  });

  it("holds nothing when a sheet named KPA Summary is not one of ours", async () => {
    const rows: Cell[][] = [
      ["Quarterly notes"],
      ["As of", new Date(Date.UTC(2050, 5, 30))],
      [],
      ["Status", "Rows"],
      ["Met", 4],
      ["Total", 4],
    ];
    const { port } = setup(workbook(sheet("KPA Summary", rows)));
    expect(await port.workbookState()).toEqual({ evaluation: null, canUndo: false });
  });
});
