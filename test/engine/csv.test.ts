// Guarantee: CSV exports are read as an editor shows them (quotes, embedded line breaks, BOM, `;` or tab
// separators, blank lines), each record knows the line it starts on, and columns map to measurement fields
// by their usual names or by --map, with one clear sentence when a needed column is missing.
import { CsvError, csvMeasurements, parseColumnMap, parseCsv, resolveColumns } from "../../src/engine/csv";

describe("parseCsv", () => {
  it("reads a plain comma-separated export", () => {
    const t = parseCsv("KPI,Date,Value\nCSAT,2050-07-31,84%\nFirst Response Time,2050-07-31,3.5 hours\n");
    expect(t.delimiter).toBe(",");
    expect(t.header).toEqual(["KPI", "Date", "Value"]);
    expect(t.records).toEqual([
      { line: 2, cells: ["CSAT", "2050-07-31", "84%"] },
      { line: 3, cells: ["First Response Time", "2050-07-31", "3.5 hours"] },
    ]);
  });

  it("keeps commas, doubled quotes and line breaks inside quoted fields", () => {
    const t = parseCsv('KPI,Value,Note\n"Revenue, net","1,200","said ""ok"""\n');
    expect(t.records).toEqual([{ line: 2, cells: ["Revenue, net", "1,200", 'said "ok"'] }]);
  });

  it("numbers each record by the physical line it starts on, past multi-line fields", () => {
    const text = ["KPI,Value,Note", 'CSAT,84%,"first line', "second line", 'third line"', "NPS,41,", 'Churn,2%,"a\r\nb"', "Cost,5,x"].join(
      "\n",
    );
    const t = parseCsv(text);
    expect(t.records.map((r) => [r.line, r.cells[0]])).toEqual([
      [2, "CSAT"],
      [5, "NPS"],
      [6, "Churn"],
      [8, "Cost"],
    ]);
    expect(t.records[0]?.cells[2]).toBe("first line\nsecond line\nthird line");
    expect(t.records[2]?.cells[2]).toBe("a\nb");
  });

  it("strips a UTF-8 BOM and reads CRLF line ends", () => {
    const t = parseCsv("\uFEFFKPI,Date,Value\r\nCSAT,2050-07-31,84%\r\nNPS,2050-07-31,41\r\n");
    expect(t.header).toEqual(["KPI", "Date", "Value"]);
    expect(t.records).toEqual([
      { line: 2, cells: ["CSAT", "2050-07-31", "84%"] },
      { line: 3, cells: ["NPS", "2050-07-31", "41"] },
    ]);
  });

  it("detects semicolons (European exports) and tabs from the header line", () => {
    const semi = parseCsv("Kennzahl;Datum;Wert\nCSAT;31.07.2050;84,5%\n");
    expect(semi.delimiter).toBe(";");
    expect(semi.records[0]?.cells).toEqual(["CSAT", "31.07.2050", "84,5%"]);
    const tab = parseCsv("KPI\tDate\tValue\nCSAT, overall\t2050-07-31\t84%\n");
    expect(tab.delimiter).toBe("\t");
    expect(tab.records[0]?.cells).toEqual(["CSAT, overall", "2050-07-31", "84%"]);
  });

  it("does not count delimiters inside a quoted header name", () => {
    expect(parseCsv('"KPI; name",Date,Value\nx,y,z').delimiter).toBe(",");
  });

  it("follows Excel's sep= hint line and counts it as line 1", () => {
    const t = parseCsv("sep=;\nKPI;Date;Value\nCSAT;2050-07-31;84%");
    expect(t.delimiter).toBe(";");
    expect(t.header).toEqual(["KPI", "Date", "Value"]);
    expect(t.records).toEqual([{ line: 3, cells: ["CSAT", "2050-07-31", "84%"] }]);
  });

  it("skips blank lines, before the header too, but keeps counting them", () => {
    const t = parseCsv("\n\nKPI,Date,Value\n\nCSAT,2050-07-31,84%\n  \n,,\nNPS,2050-07-31,41");
    expect(t.header).toEqual(["KPI", "Date", "Value"]);
    expect(t.records).toEqual([
      { line: 5, cells: ["CSAT", "2050-07-31", "84%"] },
      { line: 8, cells: ["NPS", "2050-07-31", "41"] },
    ]);
  });

  it("reads a last line without a line break, and a trailing empty cell", () => {
    expect(parseCsv("a,b\n1,").records).toEqual([{ line: 2, cells: ["1", ""] }]);
    expect(parseCsv('a,b\n1,""').records).toEqual([{ line: 2, cells: ["1", ""] }]);
  });

  it("allows spaces before an opening quote", () => {
    expect(parseCsv('a,b\n1, "x, y"').records[0]?.cells).toEqual(["1", "x, y"]);
  });

  it("returns no header for empty text", () => {
    expect(parseCsv("")).toEqual({ header: [], records: [], delimiter: "," });
    expect(parseCsv("\uFEFF\r\n\r\n").header).toEqual([]);
  });

  it("refuses a quoted value that is never closed, naming the line it opens on", () => {
    expect(() => parseCsv('KPI,Note\nCSAT,ok\nNPS,"never\nclosed')).toThrow(
      new CsvError('line 3: a quoted value is never closed (a " is missing).'),
    );
  });
});

describe("resolveColumns", () => {
  it("finds the usual names in any order, case and punctuation", () => {
    expect(resolveColumns(["NOTES", "entered_by", "Date or Period", "value", "source", "kpi"])).toEqual({
      kpi: 5,
      date: 2,
      value: 3,
      source: 4,
      enteredBy: 1,
      note: 0,
    });
    expect(resolveColumns(["Metric", "Month", "Actual", "System", "Agent", "Comment"])).toEqual({
      kpi: 0,
      date: 1,
      value: 2,
      source: 3,
      enteredBy: 4,
      note: 5,
    });
  });

  it("prefers the more specific name: KPI over Name, Date over Month", () => {
    expect(resolveColumns(["Name", "Month", "KPI", "Date", "Result"])).toEqual({ kpi: 2, date: 3, value: 4 });
  });

  it("reads a name with a parenthesised note, e.g. Value (%)", () => {
    expect(resolveColumns(["Indicator", "As of (UTC)", "Value (%)"])).toEqual({ kpi: 0, date: 1, value: 2 });
  });

  it("does not match part of a word: Update is not Date", () => {
    expect(() => resolveColumns(["KPI", "Last Update", "Value"], {}, "x.csv")).toThrow(CsvError);
  });

  it("takes --map columns by header name, case-insensitively, before the defaults", () => {
    const header = ["Ticket", "Queue Metric", "Closed On", "Score", "Agent", "Value"];
    const map = parseColumnMap("kpi=queue metric,date=Closed On,value=SCORE,enteredBy=Ticket");
    expect(resolveColumns(header, map)).toEqual({ kpi: 1, date: 2, value: 3, enteredBy: 0 });
  });

  it("names the missing columns and the CSV's actual headers", () => {
    expect(() => resolveColumns(["Ticket", "Opened", "Score"], {}, "export.csv")).toThrow(
      new CsvError(
        'export.csv has no KPI, date and value column (its columns: "Ticket", "Opened", "Score"). ' +
          "Say which column holds them with --map kpi=COLUMN,date=COLUMN,value=COLUMN.",
      ),
    );
    expect(() => resolveColumns(["KPI", "Opened", "Value"], {}, "export.csv")).toThrow(
      new CsvError(
        'export.csv has no date column (its columns: "KPI", "Opened", "Value"). Say which column holds it with --map date=COLUMN.',
      ),
    );
  });

  it("refuses a --map column the CSV does not have, listing the headers", () => {
    expect(() => resolveColumns(["KPI", "Date", "Value"], { value: "Score" }, "export.csv")).toThrow(
      new CsvError('--map value=Score: export.csv has no column "Score" (its columns: "KPI", "Date", "Value").'),
    );
  });
});

describe("parseColumnMap", () => {
  it("reads one or several specs, field names in any case", () => {
    expect(parseColumnMap(["kpi=Metric,DATE=Month", "entered-by=Agent Name", "Note = Remarks "])).toEqual({
      kpi: "Metric",
      date: "Month",
      enteredBy: "Agent Name",
      note: "Remarks",
    });
  });

  it("refuses an unknown field or a missing column", () => {
    expect(() => parseColumnMap("speed=Time")).toThrow(/--map speed=Time: write FIELD=COLUMN, where FIELD is one of kpi, date, value/);
    expect(() => parseColumnMap("kpi")).toThrow(CsvError);
    expect(() => parseColumnMap("kpi=")).toThrow(CsvError);
  });
});

describe("csvMeasurements", () => {
  const table = parseCsv(
    [
      "KPI,Date,Value,Note",
      "CSAT,2050-07-31,84%,",
      "Revenue,2050-07-31,$1,200,", // an unquoted comma: one value too many
      "NPS,2050-07-31", // too few
      "Churn,2050-07-31,2%,", // the header's 4 cells, the last empty
    ].join("\n"),
  );

  it("turns records into inputs with their lines, and wrong cell counts into issues", () => {
    const m = csvMeasurements(table, resolveColumns(table.header), "helpdesk.csv");
    expect(m.inputs).toEqual([
      { kpi: "CSAT", date: "2050-07-31", value: "84%", source: "helpdesk.csv", enteredBy: undefined, note: undefined },
      { kpi: "Churn", date: "2050-07-31", value: "2%", source: "helpdesk.csv", enteredBy: undefined, note: undefined },
    ]);
    expect(m.lines).toEqual([2, 5]);
    expect(m.issues).toEqual([
      { line: 3, message: 'it has 5 values but the header has 4 columns (a value holding a "," must be in double quotes)' },
      { line: 4, message: "it has 2 values but the header has 4 columns" },
    ]);
  });

  it("counts even an empty extra cell: a row ending in a delimiter may hide a shifted value", () => {
    // "Revenue,2050-07-31,$1,200," reads as 4 values under 4 headers plus an empty 5th; Value would be "$1".
    const m = csvMeasurements(parseCsv("KPI,Date,Value,Note\nRevenue,2050-07-31,$1,200,"), { kpi: 0, date: 1, value: 2, note: 3 });
    expect(m.inputs).toEqual([]);
    expect(m.issues.map((i) => i.line)).toEqual([2]);
  });

  it("uses the CSV's source when a row has one, the default otherwise", () => {
    const t = parseCsv("KPI,Date,Value,Source\nCSAT,Jul 2050,84%,Zendesk\nNPS,Jul 2050,41,\n");
    expect(csvMeasurements(t, resolveColumns(t.header), "fallback").inputs.map((i) => i.source)).toEqual(["Zendesk", "fallback"]);
    expect(csvMeasurements(t, resolveColumns(t.header)).inputs.map((i) => i.source)).toEqual(["Zendesk", undefined]);
  });
});
