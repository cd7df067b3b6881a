// kpa keeps the user's defined names exactly as saved. ExcelJS alone does not: on a read → write round trip it
// drops constants (TaxRate = 0.15), cuts formula names down to a range, loses sheet scopes and the hidden flag.
// So kpa patches workbook.xml instead: the user's <definedName> elements stay as they were, ours are added.
import * as path from "path";
import ExcelJS from "exceljs";
import {
  AS_OF,
  RICH_RAW_NAMES,
  evaluateOk,
  putRows,
  readXlsx,
  removeDir,
  richWorkbook,
  saveXlsx,
  savedNames,
  tempDir,
} from "../fixtures/xlsx";

let dir: string;
beforeEach(() => (dir = tempDir()));
afterEach(() => removeDir(dir));

describe("defined names", () => {
  it("ExcelJS alone loses constant, formula, scoped and hidden names on a round trip (why the adapter keeps them)", async () => {
    const input = await richWorkbook(path.join(dir, "in.xlsx"));
    const plain = path.join(dir, "exceljs.xlsx");
    await (await readXlsx(input)).xlsx.writeFile(plain);
    const names = await savedNames(plain);
    expect(names.find((n) => n.name === "TaxRate")).toBeUndefined();
    expect(names.find((n) => n.name === "DoubleTax")).toBeUndefined();
    expect(names.find((n) => n.name === "Owners")?.localSheetId).toBeUndefined();
    expect(names.find((n) => n.name === "HiddenPick")?.hidden).toBe(false);
  });

  it("survive kpa evaluate unchanged, print area included", async () => {
    const input = await richWorkbook(path.join(dir, "in.xlsx"));
    const output = path.join(dir, "out.xlsx");
    await evaluateOk(input, "--out", output, "--as-of", AS_OF, "--quiet");
    // Ours: KPATracker_… names, and the print titles of our sheets (the sheets after the user's three).
    const users = (await savedNames(output)).filter(
      (n) => !n.name.startsWith("KPATracker_") && !(n.name === "_xlnm.Print_Titles" && (n.localSheetId ?? 0) >= 3),
    );
    expect(users.length).toBeGreaterThan(0);
    expect(users).toEqual(await savedNames(input));
    for (const n of RICH_RAW_NAMES) {
      expect(users).toContainEqual({
        name: n.name,
        text: n.text,
        hidden: Boolean(n.hidden),
        ...(n.localSheetId === undefined ? {} : { localSheetId: n.localSheetId }),
      });
    }
  });

  it("a sheet-scoped name on a sheet after ours keeps its sheet: our sheets are rewritten where their tabs are", async () => {
    // A user sheet added after our sheets (tab 7), with a name scoped to it.
    const once = path.join(dir, "once.xlsx");
    await evaluateOk(await richWorkbook(path.join(dir, "in.xlsx")), "--out", once, "--as-of", AS_OF, "--quiet");
    const wb = await readXlsx(once);
    putRows(wb.addWorksheet("Notes"), "A1", [["Review notes"]]);
    const order = ["Scorecard", "Lookups", "Archive", "KPA Summary", "KPA Gaps", "KPA Settings", "KPA History", "Notes"];
    expect(wb.worksheets.map((w) => w.name)).toEqual(order);
    const edited = await saveXlsx(wb, path.join(dir, "edited.xlsx"), [
      { name: "NotesTitle", text: "Notes!$A$1", localSheetId: 7 },
      { name: "TaxRate", text: "0.15" },
    ]);

    const again = path.join(dir, "again.xlsx");
    await evaluateOk(edited, "--out", again, "--as-of", AS_OF, "--quiet");

    const sheets = (await readXlsx(again)).worksheets.map((w) => w.name);
    const names = await savedNames(again);
    const notes = names.find((n) => n.name === "NotesTitle");
    expect(sheets).toEqual(order);
    expect(notes).toEqual({ name: "NotesTitle", text: "Notes!$A$1", localSheetId: 7, hidden: false });
    expect(names.filter((n) => n.name === "TaxRate")).toEqual([{ name: "TaxRate", text: "0.15", hidden: false }]);
    expect(names.filter((n) => n.name === "_xlnm.Print_Area")).toHaveLength(1);
  });

  it("a workbook that never had names gets only ours", async () => {
    const wb = new ExcelJS.Workbook();
    putRows(wb.addWorksheet("Goals"), "A1", [
      ["Goal", "Target", "Actual"],
      ["Raise CSAT", "≥ 85%", 0.9],
    ]);
    const input = await saveXlsx(wb, path.join(dir, "plain.xlsx"));
    expect(await savedNames(input)).toEqual([]);
    const output = path.join(dir, "out.xlsx");
    await evaluateOk(input, "--out", output, "--as-of", AS_OF, "--quiet");
    const names = await savedNames(output);
    expect(names.filter((n) => n.name.startsWith("KPATracker_")).map((n) => n.name)).toEqual([
      "KPATracker_Cols_1_49510d38", // the digest of "KPA Status", the header it holds
      "KPATracker_Cols_2_b4231f99",
      "KPATracker_Cols_3_e7df2ec9",
      "KPATracker_Sheet_Summary",
      "KPATracker_Sheet_Gaps",
      "KPATracker_Sheet_History",
      "KPATracker_Sheet_Settings",
    ]);
    // And the print titles of our four sheets (issue 15), each scoped to its sheet.
    expect(names.filter((n) => !n.name.startsWith("KPATracker_")).map((n) => `${n.name} ${n.text}`)).toEqual([
      "_xlnm.Print_Titles 'KPA Summary'!$1:$2",
      "_xlnm.Print_Titles 'KPA Gaps'!$1:$4",
      "_xlnm.Print_Titles 'KPA Settings'!$1:$2",
      "_xlnm.Print_Titles 'KPA History'!$1:$1",
    ]);
  });
});
