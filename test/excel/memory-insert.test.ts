// Whole columns inserted and deleted in the in-memory Excel, as Excel does it when the add-in makes room beside a
// table (and Undo evaluation takes the room away again): everything right of the insert moves, every reference
// follows, and Excel's refusals (protected sheet, cells pushed off the sheet) are imitated.
import type { RoomRequest } from "../../src/engine";
import { deleteRect } from "../../src/excel/memory/columns";
import { deleteColumnsInFormula as deleteFromFormula } from "../../src/engine/shift";
import { insertedEntries, queueInsertColumns } from "../../src/excel/room";
import { MemoryExcel, MemoryExcelError } from "../support/memory-excel";
import { sheet, workbook } from "../fixtures/builders";

const RIGHT = "Right" as Excel.InsertShiftDirection;
const LEFT = "Left" as Excel.DeleteShiftDirection;

/**
 * "Data": a table in A:C and a neighbour in E:F, with formulas, formats, widths, a hidden column, merges, a rule,
 * a drop-down list, a chart and names on and around it; "Other" refers into it.
 */
function book(): MemoryExcel {
  const excel = MemoryExcel.fromGrid(
    workbook(
      sheet("Data", [
        ["Goal", "Target", "Actual", null, "Region", "Notes"],
        ["A", 10, 12, null, "North", "ok"],
        ["B", 10, 4, null, "South", "late"],
        ["Title across", null, null, null, null, null],
      ]),
      sheet("Other", [["x"]]),
    ),
  );
  const data = excel.sheet("Data");
  const at = (r: number, c: number) => {
    const cell = data.rows.get(r)?.get(c);
    if (!cell) throw new Error(`no cell at ${r},${c}`);
    return cell;
  };
  Object.assign(at(1, 2), { formula: "=B2+E5", numberFormat: "0.0" });
  at(0, 2).format = { bold: true, fill: "#DDEEFF" };
  data.columnWidths.set(2, 90);
  data.columnWidths.set(4, 70);
  data.hiddenColumns.add(5);
  data.merges.push({ top: 3, left: 0, bottom: 3, right: 5 }, { top: 5, left: 4, bottom: 5, right: 5 });
  data.conditionalFormats.push({
    id: 900,
    ranges: [{ top: 1, left: 4, bottom: 2, right: 4 }],
    rule: { type: "CellValue", operator: "EqualTo", formula1: "=$F$2", fill: "#FFC7CE" },
  });
  data.validations.push({
    range: { top: 1, left: 5, bottom: 2, right: 5 },
    rule: { list: { inCellDropDown: true, source: "=$E$2:$E$3" } },
  });
  data.charts.push({
    id: 901,
    name: "Regions",
    type: "Pie",
    title: "",
    legendVisible: true,
    series: [
      { name: "S", values: { sheet: "Data", range: "E2:E3" }, xValues: { sheet: "Data", range: "A2:A3" }, pointFills: [null, null] },
    ],
    position: { from: "H1", to: "J8" },
  });
  excel.state.names.push({ name: "Regions", formula: "=Data!$E$2:$E$3" }, { name: "Goals", formula: "=Data!$A$1:$C$3" });
  const other = excel.sheet("Other").rows.get(0)?.get(0);
  if (!other) throw new Error("no cell on Other");
  Object.assign(other, { formula: "=SUM(Data!C2:C3)+Data!E2", value: 16 });
  return excel;
}

async function insert(excel: MemoryExcel, address: string, sheetName = "Data"): Promise<void> {
  await excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem(sheetName).getRange(address).insert(RIGHT);
  });
}

async function remove(excel: MemoryExcel, address: string, sheetName = "Data"): Promise<void> {
  await excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem(sheetName).getRange(address).delete(LEFT);
  });
}

async function failure(p: Promise<unknown>): Promise<MemoryExcelError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof MemoryExcelError) return e;
    throw e;
  }
  throw new Error("expected the batch to fail");
}

describe("inserting whole columns", () => {
  it("takes effect at sync, and returns the inserted range", async () => {
    const excel = book();
    const seen = await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      const added = ws.getRange("D:E").insert(RIGHT).load("columnIndex,columnCount");
      const queued = excel.cell("Data", "E1")?.value;
      await ctx.sync();
      return { queued, index: added.columnIndex, count: added.columnCount };
    });
    expect(seen).toEqual({ queued: "Region", index: 3, count: 2 });
    expect(excel.values("Data")[0]).toEqual(["Goal", "Target", "Actual", "", "", "", "Region", "Notes"]);
  });

  it("moves cells with their formulas and formats, and every reference to them on any sheet", async () => {
    const excel = book();
    await insert(excel, "D:F");
    expect(excel.cell("Data", "H2")?.value).toBe("North");
    expect(excel.cell("Data", "C2")).toMatchObject({ formula: "=B2+H5", numberFormat: "0.0" });
    expect(excel.cell("Other", "A1")?.formula).toBe("=SUM(Data!C2:C3)+Data!H2");
    expect(excel.state.names).toEqual([
      { name: "Regions", formula: "=Data!$H$2:$H$3" },
      { name: "Goals", formula: "=Data!$A$1:$C$3" },
    ]);
  });

  it("moves widths, hidden columns, merges (one across the insert grows), rules, lists and charts", async () => {
    const excel = book();
    await insert(excel, "D:F");
    const s = excel.sheet("Data");
    expect(s.columnWidths.get(7)).toBe(70);
    expect([...s.hiddenColumns]).toEqual([8]);
    expect(s.merges).toEqual([
      { top: 3, left: 0, bottom: 3, right: 8 },
      { top: 5, left: 7, bottom: 5, right: 8 },
    ]);
    const [rule] = s.conditionalFormats;
    expect(rule?.ranges).toEqual([{ top: 1, left: 7, bottom: 2, right: 7 }]);
    expect(rule?.rule).toMatchObject({ formula1: "=$I$2" });
    expect(s.validations).toEqual([
      { range: { top: 1, left: 8, bottom: 2, right: 8 }, rule: { list: { inCellDropDown: true, source: "=$H$2:$H$3" } } },
    ]);
    const [chart] = s.charts;
    expect(chart?.series[0]?.values).toEqual({ sheet: "Data", range: "H2:H3" });
    expect(chart?.series[0]?.xValues).toEqual({ sheet: "Data", range: "A2:A3" });
    expect(chart?.position).toEqual({ from: "K1", to: "M8" });
  });

  it("gives the new columns the formats and width of the column on their left, and no values", async () => {
    const excel = book();
    await insert(excel, "D:E");
    for (const address of ["D1", "E1"])
      expect(excel.cell("Data", address)).toMatchObject({ value: "", format: { bold: true, fill: "#DDEEFF" } });
    expect(excel.cell("Data", "D2")).toMatchObject({ value: "", numberFormat: "0.0" });
    expect(excel.cell("Data", "D2")?.formula).toBeUndefined();
    expect(excel.sheet("Data").columnWidths.get(3)).toBe(90);
    expect(excel.sheet("Data").columnWidths.get(4)).toBe(90);
  });

  it("is refused on a protected sheet, changing nothing", async () => {
    const excel = book();
    excel.sheet("Data").protected = true;
    const before = excel.snapshot();
    const e = await failure(insert(excel, "D:F"));
    expect(e.code).toBe("AccessDenied");
    expect(excel.snapshot()).toEqual(before);
  });

  it("is refused when a value or a format would be pushed past column XFD, changing nothing", async () => {
    for (const [address, cell] of [
      ["XFC7", { value: "far right", numberFormat: "General", format: {} }],
      ["XFD2", { value: "", numberFormat: "0%", format: {} }],
    ] as const) {
      const excel = book();
      const col = address.startsWith("XFC") ? 16382 : 16383;
      const row = Number(address.slice(3)) - 1;
      excel.sheet("Data").rows.set(row, new Map([[col, { ...cell, format: { ...cell.format } }]]));
      const before = excel.snapshot();
      const e = await failure(insert(excel, "D:E"));
      expect(e.code).toBe("NonBlankCellOffSheet");
      expect(e.message).toContain(address);
      expect(excel.snapshot()).toEqual(before);
    }
  });

  it("inserts beside blank cells at the sheet's edge, which simply go", async () => {
    const excel = book();
    excel.sheet("Data").rows.set(9, new Map([[16383, { value: "", numberFormat: "General", format: {} }]]));
    await insert(excel, "D:E");
    expect(excel.cell("Data", "G1")?.value).toBe("Region");
  });

  it("imitates only whole columns shifted right: other shapes are refused as not imitated", async () => {
    for (const [address, shift] of [
      ["D1:E3", RIGHT],
      ["D:E", "Down" as Excel.InsertShiftDirection],
    ] as const) {
      const excel = book();
      const e = await failure(
        excel.run(async (ctx) => {
          ctx.workbook.worksheets.getItem("Data").getRange(address).insert(shift);
        }),
      );
      expect(e.code).toBe("NotImplemented");
      expect(e.message).toContain("whole columns");
    }
  });
});

describe("deleting whole columns", () => {
  it("undoes an insert exactly: cells, formulas, widths, merges, rules, lists, charts and names", async () => {
    const excel = book();
    const before = excel.snapshot();
    await insert(excel, "D:F");
    expect(excel.snapshot()).not.toEqual(before);
    await remove(excel, "D:F");
    expect(excel.snapshot()).toEqual(before);
  });

  it("moves what is right of them left and turns references to their cells into #REF!", async () => {
    const excel = book();
    await remove(excel, "E:E");
    expect(excel.values("Data")[1]).toEqual(["A", 10, "#REF!", "", "ok"]);
    // =B2+E5: E5 was deleted.
    expect(excel.cell("Data", "C2")).toMatchObject({ formula: "=B2+#REF!", value: "#REF!" });
    expect(excel.cell("Other", "A1")?.formula).toBe("=SUM(Data!C2:C3)+Data!#REF!");
    expect(excel.state.names.find((n) => n.name === "Regions")?.formula).toBe("=Data!#REF!");
    const s = excel.sheet("Data");
    // The title merge shrinks; the E6:F6 one is down to one cell, so no longer merged.
    expect(s.merges).toEqual([{ top: 3, left: 0, bottom: 3, right: 4 }]);
    expect(s.conditionalFormats).toEqual([]);
    expect(s.validations.map((v) => v.range)).toEqual([{ top: 1, left: 4, bottom: 2, right: 4 }]);
    expect([...s.hiddenColumns]).toEqual([4]);
    expect(s.charts[0]?.series[0]?.values).toEqual({ sheet: "Data", range: "#REF!" });
  });

  it("is refused on a protected sheet", async () => {
    const excel = book();
    excel.sheet("Data").protected = true;
    expect((await failure(remove(excel, "D:E"))).code).toBe("AccessDenied");
    expect(excel.cell("Data", "E1")?.value).toBe("Region");
  });

  it("names a broken name's type Error", async () => {
    const excel = book();
    await remove(excel, "E:F");
    const items = await excel.run(async (ctx) => {
      const names = ctx.workbook.names.load("items/name,items/type");
      await ctx.sync();
      return names.items.map((n) => [n.name, n.type]);
    });
    expect(items).toEqual([
      ["Regions", "Error"],
      ["Goals", "Range"],
    ]);
  });
});

describe("deleteFromFormula", () => {
  const del = { sheet: "Data", at: 3, count: 2 }; // D:E go
  it.each([
    ["=F1", "=D1"],
    ["=C1", "=C1"],
    ["=D1+$E$2", "=#REF!+#REF!"],
    ["=SUM(B1:G9)", "=SUM(B1:E9)"],
    ["=SUM(D1:G1)", "=SUM(D1:E1)"],
    ["=SUM(A1:E1)", "=SUM(A1:C1)"],
    ["=SUM($F:$H)", "=SUM($D:$F)"],
    ["=SUM(1:3)", "=SUM(1:3)"],
    ['="F1"&F1', '="F1"&D1'],
    ["=Other!F1+F1", "=Other!F1+D1"],
    ["='Data'!F1", "='Data'!D1"],
    ["=Table1[Actual]+F1", "=Table1[Actual]+D1"],
    ["=LOG10(F1)", "=LOG10(D1)"],
    ["=Jan:Mar!F1", "=Jan:Mar!F1"],
  ])("%s becomes %s on its own sheet", (formula, expected) => {
    expect(deleteFromFormula(formula, "Data", del)).toBe(expected);
  });

  it("moves only prefixed references in a defined name", () => {
    expect(deleteFromFormula("=Data!$F$1:$G$2", undefined, del)).toBe("=Data!$D$1:$E$2");
    expect(deleteFromFormula("=$F$1", undefined, del)).toBe("=$F$1");
  });

  it("cuts rectangles, and drops those wholly deleted", () => {
    expect(deleteRect({ top: 0, left: 1, bottom: 2, right: 6 }, del)).toEqual({ top: 0, left: 1, bottom: 2, right: 4 });
    expect(deleteRect({ top: 0, left: 3, bottom: 2, right: 4 }, del)).toBeUndefined();
    expect(deleteRect({ top: 0, left: 0, bottom: 2, right: 16383 }, del)).toEqual({ top: 0, left: 0, bottom: 2, right: 16383 });
  });
});

describe("queueInsertColumns", () => {
  const requests: RoomRequest[] = [
    { sheet: "Data", at: 3, count: 2, table: "A1:C3" },
    { sheet: "Data", at: 6, count: 1, table: "E1:F3" },
    { sheet: "Other", at: 0, count: 1, table: "A1" },
  ];

  it("queues without syncing, then inserts highest first, so each request's column is as the sheet was", async () => {
    const excel = book();
    excel.sheet("Data").rows.get(0)?.set(6, { value: "G", numberFormat: "General", format: {} });
    await excel.run(async (ctx) => {
      queueInsertColumns(ctx as unknown as Excel.RequestContext, requests);
      expect(excel.cell("Data", "E1")?.value).toBe("Region");
      await ctx.sync();
    });
    // Region (E) moved past the two columns at D; G moved past those and the one at G.
    expect(excel.values("Data")[0]).toEqual(["Goal", "Target", "Actual", "", "", "", "Region", "Notes", "", "G"]);
    expect(excel.cell("Other", "B1")?.formula).toBe("=SUM(Data!C2:C3)+Data!G2");
    expect(excel.stats.failures).toEqual([]);
  });

  it("records where the inserted columns are once all are in", () => {
    expect(insertedEntries(requests)).toEqual([
      { kind: "inserted", sheet: "Other", at: 0, count: 1 },
      { kind: "inserted", sheet: "Data", at: 3, count: 2 },
      { kind: "inserted", sheet: "Data", at: 8, count: 1 },
    ]);
  });

  it("refuses columns that do not exist", () => {
    const excel = book();
    return excel.run(async (ctx) => {
      expect(() =>
        queueInsertColumns(ctx as unknown as Excel.RequestContext, [{ sheet: "Data", at: 16383, count: 2, table: "A1" }]),
      ).toThrow(RangeError);
    });
  });
});
