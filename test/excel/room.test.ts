// Making room beside a table in Excel: the port offers the insert, inserts only what the user accepted (and only
// while the workbook still needs exactly that), evaluates into the new columns, and Undo evaluation removes them.
import { type RoomOffer, PortError } from "../../src/app/port";
import type { CellValue } from "../../src/engine/grid";
import { sheet, workbook } from "../fixtures/builders";
import { SETTINGS, setup } from "./harness";

const rows: CellValue[][] = [
  ["KPI", "Target", "Actual", "Owner", null, "Region", "Sales", "Double"],
  ["Customer satisfaction", "≥ 85%", "88%", "Ana", null, "North", 10, 20],
  ["Tickets closed", "≥ 500", 420, "Bo", null, "South", 20, 40],
];
const OFFER: RoomOffer = { sheet: "Scorecard", table: "A1:D3", after: "D", count: 3 };

function crowded() {
  const made = setup(workbook(sheet("Scorecard", rows), sheet("Totals", [[60]])));
  const s = made.excel.sheet("Scorecard");
  // Formulas as Excel keeps them: on the sheet, on another sheet, and in a name.
  for (const r of [1, 2]) {
    const cell = s.rows.get(r)?.get(7);
    if (cell) cell.formula = `=G${r + 1}*2`;
  }
  const total = made.excel.sheet("Totals").rows.get(0)?.get(0);
  if (total) total.formula = "=SUM(Scorecard!G2:G3)";
  made.excel.state.names.push({ name: "Regions", formula: "=Scorecard!$F$2:$F$3" });
  s.columnWidths.set(6, 90);
  return made;
}

const text = (excel: ReturnType<typeof crowded>["excel"], sheetName: string, r: number, c: number) =>
  excel.sheet(sheetName).rows.get(r)?.get(c)?.value;

it("offers the insert and writes nothing beside the table until the user accepts", async () => {
  const { excel, port } = crowded();
  const result = await port.evaluate(SETTINGS);
  expect(result.room).toEqual([OFFER]);
  expect(result.madeRoom).toEqual([]);
  expect(text(excel, "Scorecard", 0, 5)).toBe("Region");
  expect(text(excel, "Scorecard", 0, 4) ?? "").toBe("");
  expect(result.problems.some((p) => p.message.includes("Insert 3 columns after D"))).toBe(true);
});

it("inserts the accepted columns, moves everything right of them, and evaluates into them", async () => {
  const { excel, port } = crowded();
  const result = await port.evaluate(SETTINGS, undefined, { makeRoom: [OFFER] });
  expect(result.madeRoom).toEqual([OFFER]);
  expect(result.room).toEqual([]);
  expect([4, 5, 6].map((c) => text(excel, "Scorecard", 0, c))).toEqual(["KPA Status", "KPA Progress", "KPA Explanation"]);
  expect([1, 2].map((r) => text(excel, "Scorecard", r, 4))).toEqual(["Met", "Off Track"]);
  expect(text(excel, "Scorecard", 0, 8)).toBe("Region");
  const s = excel.sheet("Scorecard");
  expect(s.rows.get(1)?.get(10)?.formula).toBe("=J2*2");
  expect(s.columnWidths.get(9)).toBe(90);
  expect(excel.sheet("Totals").rows.get(0)?.get(0)?.formula).toBe("=SUM(Scorecard!J2:J3)");
  expect(excel.state.names.find((n) => n.name === "Regions")?.formula).toBe("=Scorecard!$I$2:$I$3");
});

it("inserts nothing when the accepted offer no longer matches the workbook", async () => {
  const { excel, port } = crowded();
  const stale: RoomOffer = { ...OFFER, count: 2 };
  const result = await port.evaluate(SETTINGS, undefined, { makeRoom: [stale] });
  expect(result.madeRoom).toEqual([]);
  expect(result.room).toEqual([OFFER]);
  expect(text(excel, "Scorecard", 0, 5)).toBe("Region");
});

it("refuses on a protected sheet with one sentence, and inserts nothing", async () => {
  const { excel, port } = crowded();
  excel.sheet("Scorecard").protected = true;
  await expect(port.evaluate(SETTINGS, undefined, { makeRoom: [OFFER] })).rejects.toThrow(PortError);
  await expect(port.evaluate(SETTINGS, undefined, { makeRoom: [OFFER] })).rejects.toThrow(/insert columns in it/);
  expect(text(excel, "Scorecard", 0, 5)).toBe("Region");
});

it("Undo evaluation removes the inserted columns and gives back the workbook as it was", async () => {
  const { excel, port } = crowded();
  const before = excel.snapshot();
  await port.evaluate(SETTINGS, undefined, { makeRoom: [OFFER] });
  expect(excel.snapshot()).not.toEqual(before);
  const undone = await port.undo();
  expect(undone.undone).toBe(true);
  expect(excel.snapshot()).toEqual(before);
});

it("refuses before inserting when another sheet the evaluation writes is protected, and changes nothing", async () => {
  const { excel, port } = crowded();
  const first = await port.evaluate(SETTINGS);
  expect(first.room).toEqual([OFFER]);
  expect(first.sheets.length).toBeGreaterThan(0);
  const summary = first.sheets[0] as string;
  excel.sheet(summary).protected = true;
  const before = excel.snapshot();
  const failure = await port.evaluate(SETTINGS, undefined, { makeRoom: [OFFER] }).catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(PortError);
  expect((failure as PortError).message).toContain(`"${summary}" is protected`);
  // Not even the columns the user agreed to: the table's neighbour is where it was.
  expect(text(excel, "Scorecard", 0, 5)).toBe("Region");
  expect(excel.snapshot()).toEqual(before);
});
