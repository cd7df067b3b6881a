// Data validations come back exactly as saved. ExcelJS alone expands every validated range into single cells
// when reading (a whole-column rule is a million entries: seconds and hundreds of MB each) and re-merges them
// wrongly when writing (exceljs#2820), so the adapter keeps the saved <dataValidations> and puts them back.
import * as path from "path";
import ExcelJS from "exceljs";
import {
  AS_OF,
  addValidation,
  evaluateOk,
  putRows,
  readXlsx,
  removeDir,
  saveXlsx,
  savedValidations,
  sheetXml,
  tempDir,
  validationCoverage,
} from "../fixtures/xlsx";

let dir: string;
beforeEach(() => (dir = tempDir()));
afterEach(() => removeDir(dir));

const GOALS: ExcelJS.CellValue[][] = [
  ["Goal", "Target", "Priority Level", "Owner", "Actual"],
  ["Raise CSAT", "≥ 85%", "High", "Lead", 0.86],
  ["Cut churn", "< 5%", "Medium", "Sales", 0.07],
];

async function workbookWith(validations: [string, ExcelJS.DataValidation][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Goals");
  putRows(ws, "A1", GOALS);
  for (const [range, rule] of validations) addValidation(ws, range, rule);
  return saveXlsx(wb, path.join(dir, "in.xlsx"));
}

const LIST: ExcelJS.DataValidation = { type: "list", allowBlank: true, formulae: ['"High,Medium,Low"'] };

describe("data validations", () => {
  it("ExcelJS alone splits a range across rows 9 → 10 into overlapping rules (why the adapter keeps them)", async () => {
    const input = await workbookWith([["C2:C14", LIST]]);
    const plain = path.join(dir, "exceljs.xlsx");
    await (await readXlsx(input)).xlsx.writeFile(plain);
    const coverage = validationCoverage(await savedValidations(plain, "Goals"));
    expect(Math.max(...coverage.values())).toBeGreaterThan(1);
  });

  it("a range across rows 9 → 10 comes back as the one rule it was", async () => {
    const input = await workbookWith([["C2:C14", LIST]]);
    const output = path.join(dir, "out.xlsx");
    await evaluateOk(input, "--out", output, "--as-of", AS_OF, "--quiet");
    expect(await savedValidations(output, "Goals")).toEqual(await savedValidations(input, "Goals"));
    // Still in schema order: after the conditional formats, before the page margins.
    const xml = await sheetXml(output, "Goals");
    expect(xml.indexOf("<conditionalFormatting")).toBeLessThan(xml.indexOf("<dataValidations"));
    expect(xml.indexOf("<dataValidations")).toBeLessThan(xml.indexOf("<pageMargins"));
  });

  it("whole-column rules are kept as they are, without expanding them cell by cell", async () => {
    const columns: [string, ExcelJS.DataValidation][] = [
      ["C2:C1048576", LIST],
      ["E2:E1048576", { type: "decimal", operator: "between", allowBlank: true, formulae: [0, 1] }],
      ["F2:F1048576", { type: "textLength", operator: "lessThan", allowBlank: true, formulae: [200] }],
      ["G2:G1048576", { type: "date", operator: "greaterThan", allowBlank: true, formulae: [new Date("2050-01-01T00:00:00Z")] }],
    ];
    const input = await workbookWith(columns);
    const output = path.join(dir, "out.xlsx");
    const started = Date.now();
    await evaluateOk(input, "--out", output, "--as-of", AS_OF, "--quiet");
    const took = Date.now() - started;
    expect(await savedValidations(output, "Goals")).toEqual(await savedValidations(input, "Goals"));
    // Reading them cell by cell took about 6 s and 400 MB per column; kept whole, this is well under a second.
    expect(took).toBeLessThan(5_000);
  }, 30_000);
});
