// Guarantee: after insertColumns, a real spreadsheet client that recalculates every formula gets the same values
// as before, only with the new empty columns in between. LibreOffice opens the workbook before and after the insert
// in a profile that recalculates on load and writes each sheet as CSV. soffice is required: a missing tool FAILS
// this test (CI installs libreoffice-calc). An e2e test: jest.config.js lists it among the tests that spawn soffice.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { insertColumns } from "../../src/xlsx/insert-columns";
import { removeDir, tempDir } from "../fixtures/xlsx";

/** A LibreOffice start and conversion: minutes on a busy 2-core machine. */
const TIMEOUT_MS = 300_000;

let dir: string;
beforeAll(() => (dir = tempDir("kpa-insert-lo-")));
afterAll(() => removeDir(dir));

/** Data!B1:E3 with totals, a shared formula filled right across C, merges, a name; Other reads Data. */
async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Data");
  ws.getRow(1).values = ["Name", "Q1", "Q2", "Q3", "Q4"];
  ws.getRow(2).values = ["North", 1, 2, 3, 4];
  ws.getRow(3).values = ["South", 10, 20, 30, 40];
  ws.getCell("B4").value = { formula: "B2+B3", shareType: "shared", ref: "B4:E4" } as ExcelJS.CellValue;
  for (const c of ["C4", "D4", "E4"]) ws.getCell(c).value = { sharedFormula: "B4" } as ExcelJS.CellValue;
  ws.getCell("F2").value = { formula: "SUM(B2:E2)" } as ExcelJS.CellValue;
  ws.getCell("F3").value = { formula: "SUM($B3:$E3)/COUNT(B3:E3)" } as ExcelJS.CellValue;
  ws.getCell("G2").value = { formula: "SUM(Mid)" } as ExcelJS.CellValue;
  ws.getCell("G3").value = { formula: 'INDEX(E2:E3,MATCH("South",A2:A3,0))&"|"&D3' } as ExcelJS.CellValue;
  ws.getCell("A6").value = "merged";
  ws.mergeCells("A6:C6");

  const other = wb.addWorksheet("Other");
  other.getCell("A1").value = { formula: "Data!D2*2" } as ExcelJS.CellValue;
  other.getCell("A2").value = { formula: "SUM(Data!B2:E3)" } as ExcelJS.CellValue;
  other.getCell("B5").value = { formula: "Data!B2+Data!$E$3", shareType: "shared", ref: "B5:E5" } as ExcelJS.CellValue;
  for (const c of ["C5", "D5", "E5"]) other.getCell(c).value = { sharedFormula: "B5" } as ExcelJS.CellValue;
  other.getCell("A7").value = { formula: "COUNTA(Data!C:C)" } as ExcelJS.CellValue;
  wb.definedNames.add("Data!$C$2:$D$3", "Mid");
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Each sheet's rows as LibreOffice computes them, by sheet name. */
function recalculatedCsv(files: string[]): Map<string, Map<string, string[][]>> {
  const version = spawnSync("soffice", ["--version"], { encoding: "utf8", timeout: 60_000 });
  if (version.error) {
    throw new Error(
      `soffice is required for this test but could not be run (${version.error.message}). Install it with: apt-get install -y libreoffice-calc`,
    );
  }
  const profile = path.join(dir, "profile");
  // Recalculate every formula on load instead of showing the cached results.
  fs.mkdirSync(path.join(profile, "user"), { recursive: true });
  fs.writeFileSync(
    path.join(profile, "user", "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
  const out = path.join(dir, "csv");
  // Comma, double quotes, UTF-8, …, the last option -1: every sheet, each to FILE-SHEET.csv.
  const filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";
  const run = spawnSync(
    "soffice",
    [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", filter, "--outdir", out, ...files],
    {
      encoding: "utf8",
      timeout: TIMEOUT_MS - 60_000,
    },
  );
  if (run.status !== 0) throw new Error(`soffice failed (exit ${run.status ?? run.signal}):\n${run.stdout}\n${run.stderr}`);
  const result = new Map<string, Map<string, string[][]>>();
  for (const file of files) {
    const base = path.basename(file, ".xlsx");
    const sheets = new Map<string, string[][]>();
    for (const name of fs.readdirSync(out).filter((n) => n.startsWith(`${base}-`) && n.endsWith(".csv"))) {
      const rows = fs
        .readFileSync(path.join(out, name), "utf8")
        .split(/\r?\n/)
        .filter((l) => l !== "")
        .map((l) => l.split(","));
      sheets.set(name.slice(base.length + 1, -".csv".length), rows);
    }
    result.set(base, sheets);
  }
  return result;
}

it(
  "LibreOffice recalculates the workbook after the insert to the same values, with two empty columns before C of Data",
  async () => {
    const before = path.join(dir, "before.xlsx");
    const after = path.join(dir, "after.xlsx");
    const input = await workbook();
    fs.writeFileSync(before, input);
    fs.writeFileSync(after, await insertColumns(input, [{ sheet: "Data", at: 2, count: 2 }]));

    const csv = recalculatedCsv([before, after]);
    const was = csv.get("before") as Map<string, string[][]>;
    const now = csv.get("after") as Map<string, string[][]>;
    expect([...was.keys()].sort()).toEqual(["Data", "Other"]);
    expect([...now.keys()].sort()).toEqual(["Data", "Other"]);

    const dataWas = was.get("Data") as string[][];
    const dataNow = now.get("Data") as string[][];
    // The values the formulas must give, read before the insert (so the comparison below is not of empty sheets).
    expect(dataWas[1]).toEqual(["North", "1", "2", "3", "4", "10", "55"]);
    expect(dataWas[2]).toEqual(["South", "10", "20", "30", "40", "25", "40|30"]);
    expect(dataWas[3]).toEqual(["", "11", "22", "33", "44", "", ""]);
    expect(dataNow).toHaveLength(dataWas.length);
    dataNow.forEach((row, i) => {
      expect([i, row[2], row[3]]).toEqual([i, "", ""]); // the new columns are empty
      expect([i, [...row.slice(0, 2), ...row.slice(4)]]).toEqual([i, dataWas[i]]);
    });

    const otherWas = was.get("Other") as string[][];
    expect(otherWas[0]?.[0]).toBe("6");
    expect(otherWas[1]?.[0]).toBe("110");
    expect(otherWas[4]).toEqual(["", "41", "42", "43", "44"]);
    expect(otherWas[6]?.[0]).toBe("4"); // Q2, 2, 20 and the formula below them
    expect(now.get("Other")).toEqual(otherWas);
  },
  TIMEOUT_MS,
);
