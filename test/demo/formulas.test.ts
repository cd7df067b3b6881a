// The browser demo's reader of =KPA.STATUS / EXPLAIN / PROGRESS cells: what it reads, what it computes (the worksheet
// functions' own results), and "#NAME?" or another Excel error, never an exception, for anything else.
import { type CellRead, type FormulaContext, isKpaFormula, kpaFormulaValue, readKpaCall } from "../../src/demo/formulas";
import { serialFromIso } from "../../src/engine";
import { explain, progress, status } from "../../src/functions/functions";

const TODAY = serialFromIso("2050-10-15") as number;

/** A workbook of a few cells: { "Sheet!A1": value }; a reference without a sheet reads from "Goals". */
function context(cells: Record<string, CellRead>, today = TODAY): FormulaContext {
  const sheets = new Set(Object.keys(cells).map((k) => k.slice(0, k.lastIndexOf("!"))));
  return {
    sheet: "Goals",
    read: (sheet, row, col) => {
      if (!sheets.has(sheet)) return undefined;
      return cells[`${sheet}!${String.fromCharCode(65 + col)}${row + 1}`] ?? null;
    },
    today: () => today,
  };
}

describe("readKpaCall", () => {
  it("reads cell references, on this sheet or another, relative or absolute", () => {
    expect(readKpaCall("=KPA.STATUS(G17, $B$17, 'Customer Service KPA'!C17, Sheet1!$D4, 'It''s'!E$5)")).toEqual({
      name: "STATUS",
      args: [
        { kind: "ref", row: 16, col: 6 },
        { kind: "ref", row: 16, col: 1 },
        { kind: "ref", sheet: "Customer Service KPA", row: 16, col: 2 },
        { kind: "ref", sheet: "Sheet1", row: 3, col: 3 },
        { kind: "ref", sheet: "It's", row: 4, col: 4 },
      ],
    });
  });

  it("reads text, numbers, TRUE/FALSE, TODAY() and empty arguments, in any case and spacing", () => {
    expect(readKpaCall('= kpa.explain ( "say ""85%""" ,-1.5,.5 , 1e3, true,today( ) )')).toEqual({
      name: "EXPLAIN",
      args: [
        { kind: "value", value: 'say "85%"' },
        { kind: "value", value: -1.5 },
        { kind: "value", value: 0.5 },
        { kind: "value", value: 1000 },
        { kind: "value", value: true },
        { kind: "today" },
      ],
    });
    expect(readKpaCall('=KPA.PROGRESS(A1, "≥ 85%", , "2050-10-15",)')?.args).toEqual([
      { kind: "ref", row: 0, col: 0 },
      { kind: "value", value: "≥ 85%" },
      { kind: "value", value: null },
      { kind: "value", value: "2050-10-15" },
      { kind: "value", value: null },
    ]);
  });

  it("reads a reference a deleted column left behind as #REF!", () => {
    expect(readKpaCall("=KPA.STATUS(#REF!, 'My sheet'!#REF!)")?.args).toEqual([
      { kind: "error", error: "#REF!" },
      { kind: "error", error: "#REF!" },
    ]);
  });

  it.each([
    ["another function", "=SUM(A1, A2)"],
    ["a function of ours it does not know", "=KPA.SCORE(A1, B1)"],
    ["a range", "=KPA.STATUS(A1:A3, B1)"],
    ["arithmetic", "=KPA.STATUS(G17*100, B17)"],
    ["a nested function", "=KPA.STATUS(MAX(G17, 1), B17)"],
    ["a defined name", "=KPA.STATUS(Actuals, B17)"],
    ["too few arguments", "=KPA.STATUS(G17)"],
    ["no arguments", "=KPA.STATUS()"],
    ["too many arguments", "=KPA.STATUS(A1, B1, C1, D1, E1, F1, G1)"],
    ["no closing parenthesis", "=KPA.STATUS(A1, B1"],
    ["text after the call", '=KPA.STATUS(A1, B1) & "!"'],
    ["an unclosed string", '=KPA.STATUS(A1, "≥ 85%)'],
    ["a column past XFD", "=KPA.STATUS(XFE1, B1)"],
    ["row 0", "=KPA.STATUS(A0, B1)"],
    ["a row past 1,048,576", "=KPA.STATUS(A1048577, B1)"],
    ["no equals sign", "KPA.STATUS(A1, B1)"],
  ])("reads nothing from %s", (_, formula) => {
    expect(readKpaCall(formula)).toBeUndefined();
  });

  it("knows a call of ours by its name alone", () => {
    expect(isKpaFormula("=kpa.status(A1)")).toBe(true);
    expect(isKpaFormula("=KPA.NOPE(A1)")).toBe(true);
    expect(isKpaFormula('=HYPERLINK("#A1", "KPA.STATUS")')).toBe(false);
    expect(isKpaFormula("=1+1")).toBe(false);
  });
});

describe("kpaFormulaValue", () => {
  const cells = {
    "Goals!A2": "Reduce response time",
    "Goals!B2": "≥ 85%",
    "Goals!C2": 0.78,
    "Goals!D2": "December 31, 2050",
    "Goals!E2": serialFromIso("2050-10-15") as number,
    "Goals!F2": "",
    "Data!A1": 0.9,
  };

  it("gives the worksheet functions' own results for the cells it refers to", () => {
    const ctx = context(cells);
    expect(kpaFormulaValue("=KPA.STATUS(C2, B2, D2, E2)", ctx)).toBe("At Risk");
    expect(kpaFormulaValue("=KPA.STATUS(C2, B2, D2, E2)", ctx)).toBe(status(0.78, "≥ 85%", "December 31, 2050", cells["Goals!E2"]));
    expect(kpaFormulaValue('=KPA.EXPLAIN(C2, B2, D2, "2050-10-15")', ctx)).toBe(explain(0.78, "≥ 85%", "December 31, 2050", "2050-10-15"));
    expect(kpaFormulaValue("=KPA.PROGRESS(C2, B2, D2, E2)", ctx)).toBe(progress(0.78, "≥ 85%", "December 31, 2050", cells["Goals!E2"]));
    expect(kpaFormulaValue("=KPA.STATUS(Data!A1, B2, D2, E2)", ctx)).toBe("Met");
    expect(kpaFormulaValue('=KPA.STATUS(0.9, "≥ 85%")', ctx)).toBe("Met");
  });

  it("follows the cells: another value, another status", () => {
    expect(kpaFormulaValue("=KPA.STATUS(C2, B2, D2, E2)", context({ ...cells, "Goals!C2": 0.5 }))).toBe("Off Track");
    expect(kpaFormulaValue("=KPA.STATUS(C2, B2, D2, E2)", context({ ...cells, "Goals!D2": "June 30, 2050" }))).toBe("Overdue");
  });

  it("judges as of TODAY() from the context's day", () => {
    const formula = "=KPA.STATUS(C2, B2, D2, TODAY())";
    expect(kpaFormulaValue(formula, context(cells))).toBe("At Risk");
    expect(kpaFormulaValue(formula, context(cells, serialFromIso("2051-01-15") as number))).toBe("Overdue");
  });

  it("reads an empty cell and an empty argument as nothing", () => {
    expect(kpaFormulaValue("=KPA.STATUS(F2, B2, D2, E2)", context(cells))).toBe("No Data");
    expect(kpaFormulaValue("=KPA.STATUS(Z99, B2, , E2)", context(cells))).toBe("No Data");
    expect(kpaFormulaValue("=KPA.PROGRESS(F2, B2, D2, E2)", context(cells))).toBe("#N/A");
  });

  it("shows the error Excel would: #NAME?, an argument's error, #REF!, #VALUE!", () => {
    const ctx = context({ ...cells, "Goals!G2": "#DIV/0!" });
    expect(kpaFormulaValue("=KPA.STATUS(SUM(C2), B2)", ctx)).toBe("#NAME?");
    expect(kpaFormulaValue("=KPA.NOPE(C2, B2)", ctx)).toBe("#NAME?");
    expect(kpaFormulaValue("=KPA.STATUS(G2, B2)", ctx)).toBe("#DIV/0!");
    expect(kpaFormulaValue("=KPA.STATUS(#REF!, B2)", ctx)).toBe("#REF!");
    expect(kpaFormulaValue("=KPA.STATUS('No such sheet'!A1, B2)", ctx)).toBe("#REF!");
    expect(kpaFormulaValue('=KPA.STATUS(C2, B2, D2, "not a date")', ctx)).toBe("#VALUE!");
  });

  it("leaves any other formula to the in-memory Excel", () => {
    expect(kpaFormulaValue("=1+1", context(cells))).toBeUndefined();
    expect(kpaFormulaValue('=HYPERLINK("#Goals!A1", "Goals")', context(cells))).toBeUndefined();
  });

  it("never throws, whatever the formula or the cells hold", () => {
    const ctx = context({ "Goals!A1": true, "Goals!B1": -1e308, "Goals!C1": "=KPA.STATUS(A1, B1)" });
    const unreadable = ["=KPA.", "=KPA.STATUS(", "=KPA.STATUS(A1, B1, 1, 1, 1, 1)))", "=KPA.STATUS('unclosed!A1, B1)"];
    for (const formula of unreadable) expect([formula, kpaFormulaValue(formula, ctx)]).toEqual([formula, "#NAME?"]);
    const odd = [
      "=KPA.STATUS(,,,,,)",
      "=KPA.STATUS(A1, B1, C1, A1, B1, C1)",
      '=KPA.STATUS("", "", "", "", "", "")',
      "=KPA.PROGRESS(B1, B1, B1, B1, B1, B1)",
      '=KPA.EXPLAIN(1e999, "≥ 1e999%", -0, 0)',
    ];
    for (const formula of odd)
      expect([formula, typeof kpaFormulaValue(formula, ctx)]).toEqual([formula, expect.stringMatching(/^(string|number)$/)]);
  });
});
