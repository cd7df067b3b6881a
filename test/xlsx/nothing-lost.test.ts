// Guarantee: `kpa evaluate` keeps every cell and setting the user owns. Input and output are re-read with
// ExcelJS (and, for defined names, data validations and part order, as saved XML) and compared; the only
// additions allowed are ours.
import * as path from "path";
import type ExcelJS from "exceljs";
import { rangeAddress } from "../../src/engine/address";
import {
  AS_OF,
  RICH_RAW_NAMES,
  type SavedName,
  cellSnapshot,
  cellsOf,
  conditionalFormats,
  evaluateOk,
  inBlocks,
  ourBlocks,
  plain,
  readXlsx,
  removeDir,
  richWorkbook,
  savedNames,
  savedValidations,
  sheetXml,
  tempDir,
  validationCoverage,
  worksheetChildren,
  WORKSHEET_SCHEMA_ORDER,
} from "../fixtures/xlsx";

const USER_SHEETS = ["Scorecard", "Lookups", "Archive"];
const OUR_SHEETS = ["KPA Summary", "KPA Gaps", "KPA Settings", "KPA History"];

let dir: string;
let input: string;
let output: string;
let before: ExcelJS.Workbook;
let after: ExcelJS.Workbook;
let blocks: ReturnType<typeof ourBlocks>;

beforeAll(async () => {
  dir = tempDir();
  input = await richWorkbook(path.join(dir, "scorecard.xlsx"));
  output = path.join(dir, "scorecard.evaluated.xlsx");
  await evaluateOk(input, "--out", output, "--as-of", AS_OF, "--quiet");
  before = await readXlsx(input);
  after = await readXlsx(output);
  blocks = ourBlocks(after);
});

afterAll(() => removeDir(dir));

const sheet = (wb: ExcelJS.Workbook, name: string) => {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`No sheet ${name}`);
  return ws;
};

/** The names that are not ours: our blocks and sheets (KPATracker_…), and the print titles of our sheets. */
const userNames = (names: SavedName[]) =>
  names.filter(
    (n) => !n.name.startsWith("KPATracker_") && !(n.name === "_xlnm.Print_Titles" && OUR_SHEETS.some((s) => n.text.startsWith(`'${s}'!`))),
  );

describe("the rich fixture", () => {
  it("really holds what the comparison below relies on", async () => {
    const names = await savedNames(input);
    for (const n of RICH_RAW_NAMES) expect(names).toContainEqual(expect.objectContaining({ name: n.name, text: n.text }));
    expect(names.map((n) => n.name)).toEqual(expect.arrayContaining(["Actuals", "FirstTarget", "_xlnm.Print_Area"]));
    const ws = sheet(before, "Scorecard");
    expect(ws.getCell("G4").formula).toBe("F4+0.14");
    expect(ws.getCell("F10").formula).toBe("TaxRate*100");
    expect(conditionalFormats(ws)).toHaveLength(2);
    expect(ws.model.merges).toEqual(expect.arrayContaining(["A1:H1", "A10:C11"]));
    expect((sheet(before, "Lookups") as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
  });
});

describe("kpa evaluate keeps everything the user owns", () => {
  it("writes its columns beside the goals table, inside its own named blocks only", () => {
    expect(blocks.map((b) => `${b.sheet}!${rangeAddress(b.rect)}`)).toEqual(["Scorecard!I3:I8", "Scorecard!J3:J8", "Scorecard!K3:K8"]);
    const ws = sheet(after, "Scorecard");
    expect([ws.getCell("I3").value, ws.getCell("J3").value, ws.getCell("K3").value]).toEqual([
      "KPA Status",
      "KPA Progress",
      "KPA Explanation",
    ]);
    expect(ws.getCell("I6").value).toBe("At Risk");
  });

  it("keeps every user cell: value, formula text and cached result, number format, font, fill, border, alignment, note, validation", () => {
    let compared = 0;
    for (const name of USER_SHEETS) {
      const a = sheet(before, name);
      const b = sheet(after, name);
      const rows = Math.max(a.rowCount, b.rowCount);
      const cols = Math.max(a.columnCount, b.columnCount);
      for (let r = 1; r <= rows; r++) {
        for (let c = 1; c <= cols; c++) {
          const was = a.getCell(r, c);
          if (inBlocks(blocks, name, r, c)) {
            // We only ever claim cells that were empty.
            expect([name, was.address, plain(was.value)]).toEqual([name, was.address, null]);
            continue;
          }
          expect([name, was.address, cellSnapshot(b.getCell(r, c))]).toEqual([name, was.address, cellSnapshot(was)]);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(150);
  });

  /** Whether a row holds a cell of ours whose text wraps. */
  const wrapsOurs = (ws: ExcelJS.Worksheet, name: string, r: number): boolean =>
    blocks.some((k) => {
      if (k.sheet !== name || r - 1 < k.rect.top || r - 1 > k.rect.bottom) return false;
      for (let c = k.rect.left; c <= k.rect.right; c++) if (ws.getCell(r, c + 1).alignment?.wrapText) return true;
      return false;
    });

  it("keeps merges, column widths, row heights, frozen panes, the filter, the print area, protection, tab colour and visibility", () => {
    // Some row of ours wraps, so the allowance above is exercised.
    expect(
      USER_SHEETS.some((name) =>
        Array.from({ length: sheet(after, name).rowCount }, (_, i) => wrapsOurs(sheet(after, name), name, i + 1)).some(Boolean),
      ),
    ).toBe(true);
    for (const name of USER_SHEETS) {
      const a = sheet(before, name);
      const b = sheet(after, name);
      const layout = (ws: ExcelJS.Worksheet) => ({
        merges: [...(ws.model.merges ?? [])].sort(),
        columns: Array.from({ length: Math.max(14, a.columnCount) }, (_, i) => {
          const col = ws.getColumn(i + 1);
          // The columns we add are sized for what they hold (issue 15): their width is ours, the rest stays.
          const ours = blocks.some((k) => k.sheet === name && i >= k.rect.left && i <= k.rect.right);
          return plain({ width: ours ? "ours" : col.width, hidden: col.hidden, outlineLevel: col.outlineLevel });
        }),
        rows: Array.from({ length: a.rowCount }, (_, i) => {
          const row = ws.getRow(i + 1);
          // A row with an explanation of ours that wraps may grow to hold it (issue 15), unless its height was set.
          const grows = a.getRow(i + 1).height === undefined && wrapsOurs(b, name, i + 1);
          return plain({ height: grows ? "fits ours" : row.height, hidden: row.hidden });
        }),
        views: plain(ws.views),
        autoFilter: plain(ws.autoFilter),
        printArea: ws.pageSetup.printArea ?? null,
        protection: plain((ws as unknown as { sheetProtection?: unknown }).sheetProtection),
        tabColor: plain(ws.properties.tabColor),
        state: ws.state,
      });
      expect([name, layout(b)]).toEqual([name, layout(a)]);
    }
  });

  it("keeps the other sheets, in order, and adds only its own sheets at the end", () => {
    expect(before.worksheets.map((w) => w.name)).toEqual(USER_SHEETS);
    expect(after.worksheets.map((w) => w.name)).toEqual([...USER_SHEETS, ...OUR_SHEETS]);
  });

  it("keeps the Excel table and the image on the protected sheet", () => {
    const tables = (wb: ExcelJS.Workbook) =>
      sheet(wb, "Lookups")
        .getTables()
        .map((t) => {
          const { name, tableRef, columns } = (t as unknown as { table: { name: string; tableRef: string; columns: { name: string }[] } })
            .table;
          return [name, tableRef, columns.map((c) => c.name)];
        });
    expect(tables(after)).toEqual(tables(before));
    expect(tables(before)).toEqual([["Priorities", "A1:B4", ["Priority", "Weight"]]]);
    const images = (wb: ExcelJS.Workbook) =>
      sheet(wb, "Lookups")
        .getImages()
        .map((i) => [
          i.range.tl.nativeCol,
          i.range.tl.nativeRow,
          i.range.br?.nativeCol,
          i.range.br?.nativeRow,
          (wb.getImage(Number(i.imageId)).buffer as unknown as Uint8Array).length,
        ]);
    expect(images(after)).toEqual(images(before));
    expect(sheet(before, "Lookups").getImages()).toHaveLength(1);
  });

  it("keeps every defined name exactly as saved: range names, the constant TaxRate, a formula name, scoped and hidden names", async () => {
    const was = userNames(await savedNames(input));
    const now = await savedNames(output);
    expect(userNames(now)).toEqual(was);
    expect(now).toContainEqual({ name: "TaxRate", text: "0.15", hidden: false });
    expect(now).toContainEqual({ name: "Actuals", text: "Scorecard!$G$4:$G$8", hidden: false });
    // Our own names are the only additions.
    expect(now.filter((n) => n.name.startsWith("KPATracker_")).map((n) => n.name)).toEqual([
      "KPATracker_Cols_1_49510d38", // the digest of "KPA Status", the header it holds
      "KPATracker_Cols_2_b4231f99",
      "KPATracker_Cols_3_e7df2ec9",
      "KPATracker_Sheet_Summary",
      "KPATracker_Sheet_Gaps",
      "KPATracker_Sheet_History",
      "KPATracker_Sheet_Settings",
    ]);
  });

  it("keeps every data validation exactly as saved, each cell covered once", async () => {
    const was = await savedValidations(input, "Scorecard");
    expect(was.map((v) => v.sqref)).toEqual(["D4:D20", "F4:G8"]);
    const now = await savedValidations(output, "Scorecard");
    expect(now).toEqual(was);
    // D4:D20 and F4:G8: 17 + 10 cells, each covered by exactly one validation.
    const coverage = validationCoverage(now);
    expect(coverage.size).toBe(17 + 10);
    expect([...coverage].filter(([, n]) => n !== 1)).toEqual([]);
  });

  it("saves every sheet's parts in schema order, notes and our data bars included", async () => {
    const scorecard = worksheetChildren(await sheetXml(output, "Scorecard"));
    expect(scorecard).toEqual(expect.arrayContaining(["dataValidations", "legacyDrawing", "conditionalFormatting"]));
    for (const name of [...USER_SHEETS, ...OUR_SHEETS]) {
      const order = worksheetChildren(await sheetXml(output, name));
      expect([name, order.length > 0]).toEqual([name, true]);
      expect([name, order.filter((c) => !WORKSHEET_SCHEMA_ORDER.includes(c))]).toEqual([name, []]);
      const sorted = [...order].sort((a, b) => WORKSHEET_SCHEMA_ORDER.indexOf(a) - WORKSHEET_SCHEMA_ORDER.indexOf(b));
      expect([name, order]).toEqual([name, sorted]);
    }
  });

  it("keeps the user's conditional formats and adds rules only inside its own blocks", () => {
    for (const name of USER_SHEETS) {
      const was = conditionalFormats(sheet(before, name)).map((cf) => JSON.stringify(cf));
      const now = conditionalFormats(sheet(after, name)).map((cf) => JSON.stringify(cf));
      for (const cf of was) expect([name, now]).toEqual([name, expect.arrayContaining([cf])]);
      const added = conditionalFormats(sheet(after, name)).filter((cf) => !was.includes(JSON.stringify(cf)));
      for (const cf of added) expect([cf.ref, cellsOf(cf.ref).every(([r, c]) => inBlocks(blocks, name, r, c))]).toEqual([cf.ref, true]);
      if (name === "Scorecard") expect(added.map((cf) => cf.ref)).toEqual(["I4:I8", "J4:J8"]);
      else expect(added).toEqual([]);
    }
  });
});
