// References after whole worksheet columns are inserted (src/engine/shift.ts): what Excel does to formulas, sqref
// lists and shared formulas when a user inserts columns.
import { LAST_COLUMN, shiftAreas, shiftColumn, shiftFormula, translateFormula, type ColumnInsert } from "../../src/engine";

/** Two columns go in before column C (0-based 2) of "Data": C and everything right of it move two columns right. */
const AT_C: ColumnInsert = { sheet: "Data", at: 2, count: 2 };

describe("shiftFormula", () => {
  // [what, formula, home sheet (undefined: a defined name), expected]
  const cases: [string, string, string | undefined, string][] = [
    ["a cell right of the insert moves", "=C1", "Data", "=E1"],
    ["a cell left of the insert stays", "=B1", "Data", "=B1"],
    ["the leading = is optional", "C1*2", "Data", "E1*2"],
    ["absolute parts move too, keeping their $", "=$C$1+C$1+$C1", "Data", "=$E$1+E$1+$E1"],
    ["a range across the insert grows", "=SUM(A1:D1)", "Data", "=SUM(A1:F1)"],
    ["a range starting at the insert moves whole", "=SUM(C1:D1)", "Data", "=SUM(E1:F1)"],
    ["a range ending just before the insert stays", "=SUM(A1:B9)", "Data", "=SUM(A1:B9)"],
    ["a column range across the insert grows", "=SUM(B:C)", "Data", "=SUM(B:E)"],
    ["a column range right of it moves", "=COUNTA($D:$D)", "Data", "=COUNTA($F:$F)"],
    ["a row range never moves", "=SUM(3:5)+SUM($1:$1)", "Data", "=SUM(3:5)+SUM($1:$1)"],
    ["text in quotes is untouched", '="C1 is "&C1&" ""D2"""', "Data", '="C1 is "&E1&" ""D2"""'],
    ["a function whose name ends in digits is no cell", "=LOG10(C1)+ATAN2(C1,D1)", "Data", "=LOG10(E1)+ATAN2(E1,F1)"],
    ["a future-function prefix is kept", "=_xlfn.XLOOKUP(C1,D:D,E:E)", "Data", "=_xlfn.XLOOKUP(E1,F:F,G:G)"],
    ["the home sheet, named", "=Data!C1+data!D2", "Other", "=Data!E1+data!F2"],
    ["another sheet's references stay", "=Other!C1+C1", "Data", "=Other!C1+E1"],
    ["unqualified references on another sheet stay", "=C1+SUM(A1:D1)", "Other", "=C1+SUM(A1:D1)"],
    ["a quoted name", "='Data'!C1", "Other", "='Data'!E1"],
    ["a quoted name with spaces and a doubled quote", "='Bob''s Data'!C1+'My Sheet'!C1", "Other", "='Bob''s Data'!C1+'My Sheet'!C1"],
    [
      "structured references are untouched",
      "=SUM(Table1[C1])+Table1[[#This Row],[D2]]",
      "Data",
      "=SUM(Table1[C1])+Table1[[#This Row],[D2]]",
    ],
    [
      "a table named like a cell is no cell",
      "=SUM(T1[Sales])+Q1[[#This Row],[Cost]]+T1",
      "Data",
      "=SUM(T1[Sales])+Q1[[#This Row],[Cost]]+V1",
    ],
    ["an external book's reference is untouched", "=[1]Data!C1+C1", "Data", "=[1]Data!C1+E1"],
    ["a 3-D reference is untouched", "=SUM(Data:Other!C1)", "Data", "=SUM(Data:Other!C1)"],
    ["a quoted 3-D reference is untouched", "=SUM('Data:Other'!C1)", "Other", "=SUM('Data:Other'!C1)"],
    ["lower-case references move (and come out upper case)", "=c1+$d$2", "Data", "=E1+$F$2"],
    ["a spill reference moves", "=SUM(C1#)", "Data", "=SUM(E1#)"],
    ["a name that looks like letters is untouched", "=Rate*C1+TRUE", "Data", "=Rate*E1+TRUE"],
    ["a number with an exponent is no cell", "=1E5+C1", "Data", "=1E5+E1"],
    ["error values are untouched", "=IFERROR(#REF!,C1)", "Data", "=IFERROR(#REF!,E1)"],
    ["the intersection operator (a space)", "=A1:D1 C1:C9", "Data", "=A1:F1 E1:E9"],
    ["a defined name: only prefixed references move", "Data!$C$1:$D$9", undefined, "Data!$E$1:$F$9"],
    ["a defined name: unqualified references stay", "$C$1+Other!$C$1", undefined, "$C$1+Other!$C$1"],
    ["print titles", "Data!$A:$C,Data!$1:$2", undefined, "Data!$A:$E,Data!$1:$2"],
    ["a column past XFD is no reference", "=ZZZ1+C1", "Data", "=ZZZ1+E1"],
  ];
  it.each(cases)("%s", (_what, formula, home, expected) => {
    expect(shiftFormula(formula, home, AT_C)).toBe(expected);
  });

  it("a sheet named like the inserted one only by its case still matches: Excel's sheet names ignore case", () => {
    expect(shiftFormula("=DATA!C1", "Other", AT_C)).toBe("=DATA!E1");
  });

  it("a range reaching the last column stays within the sheet", () => {
    expect(shiftFormula("=SUM(A1:XFD1)", "Data", AT_C)).toBe("=SUM(A1:XFD1)");
  });
});

describe("shiftAreas", () => {
  const cases: [string, string, string][] = [
    ["one cell", "C4", "E4"],
    ["one cell left of the insert", "B4", "B4"],
    ["a list of areas", "A1:B2 C3 B5:D5", "A1:B2 E3 B5:F5"],
    ["whole columns", "C:C A:A", "E:E A:A"],
    ["whole rows", "1:3", "1:3"],
    ["an empty list", "", ""],
  ];
  it.each(cases)("%s", (_what, list, expected) => {
    expect(shiftAreas(list, AT_C)).toBe(expected);
  });
});

describe("shiftColumn", () => {
  it.each([
    [0, 0],
    [1, 1],
    [2, 4],
    [10, 12],
  ])("column %i goes to %i", (col, expected) => {
    expect(shiftColumn(col, AT_C)).toBe(expected);
  });
  it("LAST_COLUMN is XFD", () => expect(LAST_COLUMN).toBe(16383));
});

describe("translateFormula (a shared formula read away from its master)", () => {
  const cases: [string, string, number, number, string][] = [
    ["relative parts move", "=A1+B2", 1, 2, "=C2+D3"],
    ["absolute parts stay", "=$A$1+$A1+A$1", 3, 3, "=$A$1+$A4+D$1"],
    ["references on other sheets translate too", "='My Sheet'!A1+Other!B1", 0, 1, "='My Sheet'!B1+Other!C1"],
    ["column and row ranges translate", "=SUM(A:A)+SUM(1:2)", 1, 1, "=SUM(B:B)+SUM(2:3)"],
    ["strings and functions are untouched", '=LOG10(A1)&"A1"', 0, 1, '=LOG10(B1)&"A1"'],
    ["an external book's relative reference translates", "=[1]Data!A1", 1, 0, "=[1]Data!A2"],
    ["a 3-D reference translates", "=SUM(Jan:Mar!A1)", 0, 1, "=SUM(Jan:Mar!B1)"],
    ["no offset, no change", "=A1:B2", 0, 0, "=A1:B2"],
  ];
  it.each(cases)("%s", (_what, formula, dRow, dCol, expected) => {
    expect(translateFormula(formula, dRow, dCol)).toBe(expected);
  });
});

describe("quoted sheet names", () => {
  it.each([
    ["Bob's Data", "='Bob''s Data'!C1+'Bob''s Data'!$A$1:$C$1", "='Bob''s Data'!E1+'Bob''s Data'!$A$1:$E$1"],
    ["My Sheet", "=SUM('My Sheet'!C:C)+'my sheet'!D4", "=SUM('My Sheet'!E:E)+'my sheet'!F4"],
    ["2024", "='2024'!C1+C1", "='2024'!E1+C1"],
    ["R&D", "='R&D'!C1&\"R&D!C1\"", "='R&D'!E1&\"R&D!C1\""],
  ])("inserting into %s", (sheet, formula, expected) => {
    expect(shiftFormula(formula, "Other", { sheet, at: 2, count: 2 })).toBe(expected);
  });
});

describe("3-D references (a span of sheets) are never read as a column range", () => {
  // Before the fix "Jan:Mar" read as the column range JAN:MAR and the cell after "!" as one of the home sheet.
  const JAN: ColumnInsert = { sheet: "Jan", at: 1, count: 2 };
  it.each([
    ["=SUM(Jan:Mar!B2)", "Jan", "=SUM(Jan:Mar!B2)"],
    ["=SUM(Jan:Mar!B:B)+B2", "Jan", "=SUM(Jan:Mar!B:B)+D2"],
    ["=SUM(Feb:Jan!B2)+Jan!B2", "Mar", "=SUM(Feb:Jan!B2)+Jan!D2"],
    ["=Jan!B1:Jan!C1", "Mar", "=Jan!D1:Jan!E1"],
  ])("%s on %s", (formula, home, expected) => {
    expect(shiftFormula(formula, home, JAN)).toBe(expected);
  });
});
