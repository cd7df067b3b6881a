// Guarantee: `kpa import` appends a CSV export's rows to the "KPA Data" log through the engine's planMeasurements:
// typed cells (dates as dates, 84% as 0.84 formatted as a percentage, "3.5 hours" as text), the sheet created when
// missing and appended below what it holds otherwise, all or nothing with the CSV's own line numbers, and no
// duplicates when the same file is imported again.
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { AS_OF, EXAMPLE, cellSnapshot, date, goalsWorkbook, putRows, removeDir, runKpa, saveXlsx, tempDir } from "../fixtures/xlsx";

let dir: string;
beforeEach(() => (dir = tempDir()));
afterEach(() => removeDir(dir));

function writeCsv(name: string, lines: readonly string[], eol = "\n"): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join(eol) + eol);
  return file;
}

async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function logSheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet {
  const ws = wb.getWorksheet("KPA Data");
  if (!ws) throw new Error(`No "KPA Data" sheet; the workbook has ${wb.worksheets.map((w) => w.name).join(", ")}`);
  return ws;
}

/** Rows 2.. of the log as [KPI, date (ISO) or text, value, source, entered by, note]. */
function logRows(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = [1, 2, 3, 4, 5, 6].map((c) => {
      const v = ws.getCell(r, c).value;
      return v instanceof Date ? v.toISOString().slice(0, 10) : v;
    });
    if (row.some((v) => v !== null)) out.push(row);
  }
  return out;
}

const goals = (file: string) => goalsWorkbook(file, [{ goal: "Raise CSAT", target: "≥ 85%", timeline: date("2050-12-31"), actual: 0.8 }]);

/** A workbook whose "KPA Data" sheet already holds two measurements, one with a percent format. */
async function workbookWithLog(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  putRows(wb.addWorksheet("Goals"), "A1", [
    ["Goal", "Target", "Timeline", "Owner", "Actual"],
    ["Raise CSAT", "≥ 85%", date("2050-12-31"), "CX Lead", 0.8],
  ]);
  const log = wb.addWorksheet("KPA Data");
  putRows(log, "A1", [
    ["KPI", "Date or Period", "Value", "Source", "Entered by", "Note"],
    ["Customer Satisfaction (CSAT)", date("2050-06-30"), 0.8, "helpdesk.csv", "Ana", "typed in June"],
    ["First Response Time", date("2050-06-30"), "4 hours", "helpdesk.csv", null, null],
  ]);
  log.getCell("B2").numFmt = "yyyy-mm-dd";
  log.getCell("B3").numFmt = "yyyy-mm-dd";
  log.getCell("C2").numFmt = "0%";
  log.getCell("A2").font = { bold: true };
  return saveXlsx(wb, file);
}

describe("kpa import: appending", () => {
  it("creates the KPA Data sheet with typed cells, the CSV's name as source, and leaves the input alone", async () => {
    const input = await goals(path.join(dir, "team.xlsx"));
    const before = fs.readFileSync(input);
    const csv = writeCsv("helpdesk-export.csv", [
      "KPI,Date,Value,Agent,Note",
      "Customer Satisfaction (CSAT),2050-07-31,84%,Ana,",
      'First Response Time,2050-07-31,3.5 hours,Ben,"queue backlog, two agents out"',
      "Customer Satisfaction (CSAT),Aug 2050,1200,,",
    ]);
    const run = await runKpa("import", input, "--csv", csv);
    const out = path.join(dir, "team.imported.xlsx");
    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([`Imported 3 measurements into "KPA Data" → ${out}`]);
    expect(run.progress).toEqual([`Reading ${csv}…`, `Reading ${input}…`, `Writing ${out}…`]);
    expect(fs.readdirSync(dir).sort()).toEqual(["helpdesk-export.csv", "team.imported.xlsx", "team.xlsx"]);
    expect(fs.readFileSync(input).equals(before)).toBe(true);

    const ws = logSheet(await readBack(out));
    expect([1, 2, 3, 4, 5, 6].map((c) => ws.getCell(1, c).value)).toEqual([
      "KPI",
      "Date or Period",
      "Value",
      "Source",
      "Entered by",
      "Note",
    ]);
    expect(logRows(ws)).toEqual([
      ["Customer Satisfaction (CSAT)", "2050-07-31", 0.84, "helpdesk-export.csv", "Ana", null],
      ["First Response Time", "2050-07-31", 3.5, "helpdesk-export.csv", "Ben", "queue backlog, two agents out"],
      ["Customer Satisfaction (CSAT)", "Aug 2050", 1200, "helpdesk-export.csv", null, null],
    ]);
    expect(ws.getCell("C2").numFmt).toMatch(/%/);
    // A duration is a number in its unit's format, so it sorts and sums, and reads back as the same hours.
    expect(ws.getCell("C3").numFmt).toBe('0.0" h"');
    expect(ws.getCell("B2").value).toBeInstanceOf(Date);
    expect(ws.getCell("C3").numFmt ?? "General").not.toMatch(/%/);
  });

  it("appends below the rows the log holds, leaves them unchanged and skips the ones it already has", async () => {
    const input = await workbookWithLog(path.join(dir, "team.xlsx"));
    const existing = logSheet(await readBack(input));
    const snapshot = [1, 2, 3].flatMap((r) => [1, 2, 3, 4, 5, 6].map((c) => cellSnapshot(existing.getCell(r, c))));
    const csv = writeCsv("crm.csv", [
      "Metric,Period,Actual,System",
      "Customer Satisfaction (CSAT),2050-06-30,80%,helpdesk.csv", // already in the log
      "Customer Satisfaction (CSAT),2050-07-31,82%,helpdesk.csv",
      "First Response Time,2050-07-31,3.5 hours,",
    ]);
    const out = path.join(dir, "out.xlsx");
    const run = await runKpa("import", input, "--csv", csv, "--out", out);
    expect(run.err).toEqual([]);
    expect(run.out).toEqual([`Imported 2 measurements into "KPA Data" (1 already there) → ${out}`]);

    const ws = logSheet(await readBack(out));
    expect([1, 2, 3].flatMap((r) => [1, 2, 3, 4, 5, 6].map((c) => cellSnapshot(ws.getCell(r, c))))).toEqual(snapshot);
    expect(logRows(ws)).toEqual([
      ["Customer Satisfaction (CSAT)", "2050-06-30", 0.8, "helpdesk.csv", "Ana", "typed in June"],
      ["First Response Time", "2050-06-30", "4 hours", "helpdesk.csv", null, null],
      ["Customer Satisfaction (CSAT)", "2050-07-31", 0.82, "helpdesk.csv", null, null],
      // An empty System cell falls back to the CSV's name.
      ["First Response Time", "2050-07-31", 3.5, "crm.csv", null, null],
    ]);
  });

  it("imports the same CSV twice without duplicates: the second run adds nothing and writes nothing", async () => {
    const input = await goals(path.join(dir, "team.xlsx"));
    const csv = writeCsv("export.csv", [
      "KPI,Date,Value",
      "Customer Satisfaction (CSAT),2050-07-31,84%",
      "Customer Satisfaction (CSAT),2050-08-31,85%",
      "First Response Time,2050-08-31,3.5 hours",
    ]);
    expect((await runKpa("import", input, "--csv", csv, "--in-place")).code).toBe(0);
    const once = fs.readFileSync(input);
    expect(logRows(logSheet(await readBack(input)))).toHaveLength(3);

    const again = await runKpa("import", input, "--csv", csv, "--in-place");
    expect(again).toEqual({
      code: 0,
      out: ['Nothing new to import: all 3 rows of export.csv are already in "KPA Data".'],
      err: [],
      progress: [`Reading ${csv}…`, `Reading ${input}…`],
    });
    expect(fs.readFileSync(input).equals(once)).toBe(true);
    // Without --in-place, nothing new means no IN.imported.xlsx either.
    expect((await runKpa("import", input, "--csv", csv, "--quiet")).code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(["export.csv", "team.xlsx"]);
    expect(logRows(logSheet(await readBack(input)))).toHaveLength(3);
  });

  it("takes custom headers with --map and the source from --source", async () => {
    const input = await goals(path.join(dir, "team.xlsx"));
    const csv = writeCsv("tickets.csv", ["Ticket Metric,Closed On,Score,Assignee,Remark", "CSAT,2050-09-30,88%,Ana,via survey"]);
    const out = path.join(dir, "out.xlsx");
    const run = await runKpa(
      "import",
      input,
      "--csv",
      csv,
      "--map",
      "kpi=ticket metric,date=Closed On,value=Score",
      "--map",
      "enteredBy=Assignee,note=Remark",
      "--source",
      "Zendesk",
      "--out",
      out,
    );
    expect(run.err).toEqual([]);
    expect(logRows(logSheet(await readBack(out)))).toEqual([["CSAT", "2050-09-30", 0.88, "Zendesk", "Ana", "via survey"]]);
  });

  it("reads a semicolon CSV with a BOM and CRLF, and day-first dates with --date-order dmy", async () => {
    const input = await goals(path.join(dir, "team.xlsx"));
    const csv = writeCsv(
      "export-eu.csv",
      ["\uFEFFKPI;Date;Value;Note", "CSAT;05/08/2050;84%;Sommer, wenig Personal", "First Response Time;05/08/2050;3.5 hours;"],
      "\r\n",
    );
    const out = path.join(dir, "out.xlsx");
    const run = await runKpa("import", input, "--csv", csv, "--date-order", "dmy", "--out", out);
    expect(run.err).toEqual([]);
    expect(logRows(logSheet(await readBack(out)))).toEqual([
      ["CSAT", "2050-08-05", 0.84, "export-eu.csv", null, "Sommer, wenig Personal"],
      ["First Response Time", "2050-08-05", 3.5, "export-eu.csv", null, null],
    ]);
  });

  it("leaves a workbook that kpa evaluate still evaluates", async () => {
    const input = path.join(dir, "kpa.xlsx");
    fs.copyFileSync(EXAMPLE, input);
    const example = path.join(__dirname, "../../examples/helpdesk-export.csv");
    const imported = await runKpa("import", input, "--csv", example, "--in-place");
    expect(imported.err).toEqual([]);
    expect(imported.out[0]).toMatch(/^Imported 8 measurements into "KPA Data" → /);
    const evaluated = await runKpa("evaluate", input, "--out", path.join(dir, "evaluated.xlsx"), "--as-of", AS_OF);
    expect(evaluated.err).toEqual([]);
    expect(evaluated.code).toBe(0);
    // The example's own 10 measurements, then the export's 8.
    expect(logRows(logSheet(await readBack(path.join(dir, "evaluated.xlsx"))))).toHaveLength(18);
  });
});

describe("kpa import: all or nothing", () => {
  const BAD = [
    "KPI,Date,Value,Note", // 1
    "Customer Satisfaction (CSAT),2050-07-31,84%,fine", // 2
    'First Response Time,2050-07-31,3.5 hours,"a note', // 3
    "over two lines, with commas", // 4
    'and a ""quote"""', // 5
    "Customer Satisfaction (CSAT),32/13/2050,85%,", // 6: not a date
    ",2050-08-31,85%,", // 7: no KPI
    "", // 8: blank, skipped
    "First Response Time,2050-08-31,fast-ish!,", // 9: not a value
    "Revenue,2050-08-31,$1,200,", // 10: one cell too many
  ];
  const EXPECTED_ERR = [
    "kpa: nothing imported: 4 rows of export.csv cannot be used:",
    '  line 6, column "Date": "32/13/2050" is not a date or period (write 2050-09-30, Sep 2050 or Q3 2050)',
    '  line 7, column "KPI": the KPI is empty',
    '  line 9, column "Value": "fast-ish!" is not a value (write 84%, 3.5 hours or 1200)',
    '  line 10: it has 5 values but the header has 4 columns (a value holding a "," must be in double quotes)',
  ];

  it("refuses the whole CSV with exit 2, one line per bad row by its line number, and creates no output", async () => {
    const input = await goals(path.join(dir, "team.xlsx"));
    const csv = writeCsv("export.csv", BAD);
    const run = await runKpa("import", input, "--csv", csv, "--out", path.join(dir, "out.xlsx"));
    expect(run.code).toBe(2);
    expect(run.out).toEqual([]);
    expect(run.err).toEqual(EXPECTED_ERR);
    expect(fs.readdirSync(dir).sort()).toEqual(["export.csv", "team.xlsx"]);
  });

  it("leaves an --in-place workbook byte-identical, even one with a log", async () => {
    const input = await workbookWithLog(path.join(dir, "team.xlsx"));
    const before = fs.readFileSync(input);
    const run = await runKpa("import", input, "--csv", writeCsv("export.csv", BAD), "--in-place");
    expect(run.code).toBe(2);
    expect(run.err).toEqual(EXPECTED_ERR);
    expect(fs.readFileSync(input).equals(before)).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(["export.csv", "team.xlsx"]);
  });

  it("refuses for a wrong cell count alone, though every other row is fine", async () => {
    const input = await workbookWithLog(path.join(dir, "team.xlsx"));
    const before = fs.readFileSync(input);
    const csv = writeCsv("export.csv", ["KPI,Date,Value", "CSAT,2050-07-31,84%", "Revenue,2050-07-31,$1,200", "NPS,2050-07-31,41"]);
    const run = await runKpa("import", input, "--csv", csv, "--in-place");
    expect(run.code).toBe(2);
    expect(run.err).toEqual([
      "kpa: nothing imported: 1 row of export.csv cannot be used:",
      '  line 3: it has 4 values but the header has 3 columns (a value holding a "," must be in double quotes)',
    ]);
    expect(fs.readFileSync(input).equals(before)).toBe(true);
  });

  it("says 1 row when one row has two problems", async () => {
    const input = await goals(path.join(dir, "team.xlsx"));
    const run = await runKpa("import", input, "--csv", writeCsv("export.csv", ["KPI,Date,Value", "CSAT,someday,lots!"]));
    expect(run.code).toBe(2);
    expect(run.err[0]).toBe("kpa: nothing imported: 1 row of export.csv cannot be used:");
    expect(run.err.slice(1).map((l) => l.slice(0, 26))).toEqual(['  line 2, column "Date": "', '  line 2, column "Value": ']);
  });

  it("refuses a protected log sheet and writes nothing", async () => {
    const wb = new ExcelJS.Workbook();
    putRows(wb.addWorksheet("KPA Data"), "A1", [["KPI", "Date or Period", "Value"]]);
    await (wb.getWorksheet("KPA Data") as ExcelJS.Worksheet).protect("secret", {});
    const input = await saveXlsx(wb, path.join(dir, "team.xlsx"));
    const run = await runKpa("import", input, "--csv", writeCsv("export.csv", ["KPI,Date,Value", "CSAT,2050-07-31,84%"]));
    expect(run.code).toBe(2);
    expect(run.err).toEqual([
      `kpa: ${input}: sheet "KPA Data" is protected, so rows cannot be added to it. Unprotect it (in Excel, Review > Unprotect Sheet) and try again.`,
    ]);
    expect(fs.readdirSync(dir).sort()).toEqual(["export.csv", "team.xlsx"]);
  });
});

describe("kpa import: unusable input and usage, exit 2 with one sentence", () => {
  async function refused(...args: string[]): Promise<string> {
    const run = await runKpa("import", ...args);
    expect({ code: run.code, out: run.out }).toEqual({ code: 2, out: [] });
    expect(run.err).toHaveLength(1);
    return run.err[0] as string;
  }

  it("a missing CSV file", async () => {
    const input = await goals(path.join(dir, "team.xlsx"));
    const missing = path.join(dir, "nope.csv");
    expect(await refused(input, "--csv", missing)).toBe(`kpa: No CSV file at ${missing}.`);
  });

  it("no --csv at all", async () => {
    expect(await refused(path.join(dir, "team.xlsx"))).toMatch(/^kpa: import needs --csv EXPORT\.csv/);
  });

  it("a workbook given as the CSV", async () => {
    const input = await goals(path.join(dir, "team.xlsx"));
    expect(await refused(input, "--csv", input)).toMatch(/is a workbook, not a CSV file/);
  });

  it("a CSV without a KPI column, naming the columns it has", async () => {
    const input = await goals(path.join(dir, "team.xlsx"));
    const csv = writeCsv("export.csv", ["Ticket,Date,Value", "1,2050-07-31,84%"]);
    expect(await refused(input, "--csv", csv)).toBe(
      'kpa: export.csv has no KPI column (its columns: "Ticket", "Date", "Value"). Say which column holds it with --map kpi=COLUMN.',
    );
  });

  it("a --map column the CSV lacks", async () => {
    const input = await goals(path.join(dir, "team.xlsx"));
    const csv = writeCsv("export.csv", ["KPI,Date,Value", "CSAT,2050-07-31,84%"]);
    expect(await refused(input, "--csv", csv, "--map", "value=Score")).toBe(
      'kpa: --map value=Score: export.csv has no column "Score" (its columns: "KPI", "Date", "Value").',
    );
  });

  it("both --out and --in-place, and a bad --date-order", async () => {
    const input = await goals(path.join(dir, "team.xlsx"));
    const csv = writeCsv("export.csv", ["KPI,Date,Value", "CSAT,2050-07-31,84%"]);
    expect(await refused(input, "--csv", csv, "--in-place", "--out", path.join(dir, "o.xlsx"))).toMatch(/either --out or --in-place/);
    expect(await refused(input, "--csv", csv, "--date-order", "ymd")).toMatch(/--date-order must be mdy \(.+\) or dmy \(.+\), not ymd\.$/);
  });
});

describe("kpa import: output", () => {
  it("prints nothing with --quiet and still writes", async () => {
    const input = await goals(path.join(dir, "team.xlsx"));
    const csv = writeCsv("export.csv", ["KPI,Date,Value", "CSAT,2050-07-31,84%"]);
    const run = await runKpa("import", input, "--csv", csv, "--quiet");
    expect(run).toEqual({ code: 0, out: [], err: [], progress: [] });
    expect(logRows(logSheet(await readBack(path.join(dir, "team.imported.xlsx"))))).toHaveLength(1);
  });

  it("is in the help", async () => {
    const help = (await runKpa("--help")).out.join("\n");
    for (const words of ["kpa import IN.xlsx --csv EXPORT.csv", "--map F=COLUMN", "--source NAME", "IN.imported.xlsx"])
      expect(help).toContain(words);
  });
});
