// Guarantee: CSV exports are read as an editor shows them (quotes, embedded line breaks, BOM, `;` or tab
// separators, blank lines), each record knows the line it starts on, and columns map to measurement fields
// by their usual names or by --map, with one clear sentence when a needed column is missing.
import fc from "fast-check";
import {
  CsvError,
  CsvParser,
  type CsvParserOptions,
  type CsvRecord,
  type CsvTable,
  MAX_IMPORT_ROWS,
  csvMeasurements,
  parseColumnMap,
  parseCsv,
  resolveColumns,
} from "../../src/engine/csv";
import { MAX_CELL_TEXT } from "../../src/engine/limits";

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

// --- Read in pieces -------------------------------------------------------------------------------------

/** What parsing gives: the table, or the sentence it was refused with. */
type Outcome = { table: CsvTable } | { error: string };

function outcome(read: () => CsvTable): Outcome {
  try {
    return { table: read() };
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    return { error: e.message };
  }
}

function inPieces(pieces: readonly string[], options?: CsvParserOptions): CsvTable {
  const parser = new CsvParser(options);
  for (const piece of pieces) parser.push(piece);
  return parser.end();
}

/** Texts where a split can fall somewhere that matters: inside quotes, between CR and LF, in a BOM or a sep= line. */
const TRICKY = [
  "KPI,Date,Value\nCSAT,2050-07-31,84%\nFirst Response Time,2050-07-31,3.5 hours\n",
  'KPI,Value,Note\n"Revenue, net","1,200","said ""ok"""\n',
  'KPI,Value,Note\r\nCSAT,84%,"first line\r\nsecond line\rthird"\r\nNPS,41,""""\r\n',
  "\uFEFFKPI,Date,Value\r\nCSAT,2050-07-31,84%\r\n\r\nNPS,2050-07-31,41",
  "Kennzahl;Datum;Wert\nCSAT;31.07.2050;84,5%\n\n;;\nNPS;31.07.2050;41",
  "KPI\tDate\tValue\nCSAT, overall\t2050-07-31\t84%\r",
  '\n\n  \n"KPI; name",Date,Value\nx,  "y, z"  ,"a"b\n  ,"",\n',
  "sep=;\r\nKPI;Date;Value\rCSAT;2050-07-31;84%",
  "SEP=\t  \nKPI\tValue\n1\t2",
  "sep=;",
  "sep=;x\nKPI;Date,Value\n",
  ",,\n;;;\nKPI;Date;Value\n1;2;3",
  'KPI,Note\nCSAT,ok\nNPS,"never\nclosed',
  '"a\n;;;;\nb",c,d\n1,2,3\r\n',
  "\uFEFF\r\n\r\n",
  "",
];

describe("CsvParser", () => {
  it("reads the tricky texts as the whole-text parser did, split anywhere in two and three pieces", () => {
    expect(TRICKY.length).toBeGreaterThan(10);
    let compared = 0;
    for (const text of TRICKY) {
      const expected = outcome(() => referenceParseCsv(text));
      for (let a = 0; a <= text.length; a++)
        for (let b = a; b <= text.length; b++) {
          const pieces = [text.slice(0, a), text.slice(a, b), text.slice(b)];
          expect([text, a, b, outcome(() => inPieces(pieces))]).toEqual([text, a, b, expected]);
          compared++;
        }
      // One character at a time: every boundary at once.
      expect([text, outcome(() => inPieces([...text.split("")]))]).toEqual([text, expected]);
      expect([text, outcome(() => parseCsv(text))]).toEqual([text, expected]);
    }
    expect(compared).toBeGreaterThan(10_000);
  }, 120_000);

  it("reads random texts of CSV's special characters as the whole-text parser did, however they are cut", () => {
    const unit = fc.constantFrom("a", "b", " ", '"', ",", ";", "\t", "\r", "\n", "\r\n", "\uFEFF", "é", "sep=", "sep=;", "S", "\u00A0");
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 6 }), (units, cuts) => {
        const text = units.join("");
        const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((x, y) => x - y);
        const pieces = [0, ...at].map((from, k) => text.slice(from, k < at.length ? at[k] : text.length));
        expect(pieces.join("")).toBe(text);
        expect(outcome(() => inPieces(pieces))).toEqual(outcome(() => referenceParseCsv(text)));
      }),
      { numRuns: 5_000 },
    );
  }, 120_000);

  it("has the limits of an import by default", () => {
    expect(MAX_IMPORT_ROWS).toBe(200_000);
    expect(MAX_CELL_TEXT).toBe(32_767);
  });

  it("refuses one record more than the limit, naming the file, its line and what to do", () => {
    const text = "KPI,Value\nA,1\n\nB,2\n,\nC,3\nD,4\n";
    expect(inPieces([text], { maxRows: 4 }).records.map((r) => r.line)).toEqual([2, 4, 6, 7]);
    expect(inPieces(["KPI,Value\nA,1\n\nB,2\n,\nC,3\n"], { maxRows: 3 }).records).toHaveLength(3);
    expect(() => inPieces([text], { name: "export.csv", maxRows: 3 })).toThrow(
      new CsvError(
        "export.csv has more than 3 rows (the limit was reached at line 7); KPA Tracker imports up to 3 at a time: split the file and import each part.",
      ),
    );
  });

  it("stops at the record past the limit: the push holding it throws, and nothing after it is read", () => {
    const parser = new CsvParser({ name: "x.csv", maxRows: 1, maxCellText: 3 });
    parser.push("KPI\nA\n");
    // The value after the second record is over the value limit too; the row limit, reached first, is what is said.
    expect(() => parser.push("B\nCCCCCCCC\n")).toThrow(/x\.csv has more than 1 rows \(the limit was reached at line 3\)/);
  });

  it("refuses a value longer than the limit, naming the line it starts on, however it is cut", () => {
    const options = { name: "export.csv", maxCellText: 5 };
    const sentence = (line: number) =>
      new CsvError(
        `export.csv has a value longer than 5 characters at line ${line}; a cell holds up to 5: shorten it (or add the " that should have closed it) and import again.`,
      );
    expect(inPieces(['KPI,Note\nA,abcde\nB,"a\nb""c"\n'], options).records.map((r: CsvRecord) => r.cells[1])).toEqual(["abcde", 'a\nb"c']);
    expect(() => inPieces(["KPI,Note\nA,abc", "def\n"], options)).toThrow(sentence(2));
    expect(() => inPieces(['KPI,Note\nA,"ab\r\n', "cd\n", 'ef"\n'], options)).toThrow(sentence(2));
    // A quote never closed runs to the end of the file: refused as soon as it passes the limit.
    expect(() => inPieces(['KPI,Note\nA,1\nB,"open\nC,1\n'], options)).toThrow(sentence(3));
    // Spaces before an opening quote are layout, not part of the value.
    expect(inPieces([`KPI,Note\nA,${" ".repeat(20)}"abc"`], options).records[0]?.cells).toEqual(["A", "abc"]);
    expect(() => inPieces([`KPI,Note\nA,${" ".repeat(20)}abc`], options)).toThrow(sentence(2));
  });

  it("refuses a header that does not end within the characters held to find the delimiter", () => {
    const options = { name: "blob.csv", maxHeaderText: 50 };
    expect(inPieces(["\n".repeat(30), "KPI,Value\n", "a".repeat(100), "\n"], options).header).toEqual(["KPI", "Value"]);
    expect(() => inPieces(["KPI", ",Value".repeat(20)], options)).toThrow(
      new CsvError(
        'blob.csv has no header row in its first 50 characters (no line break outside quotes); KPA Tracker expects a first line such as "KPI,Date,Value": check that the file is a CSV export and that its quotes are paired.',
      ),
    );
    expect(() => inPieces(['"KPI\n', "a,b\n".repeat(20)], options)).toThrow(/blob\.csv has no header row in its first 50 characters/);
  });

  it("reads 200,000 rows and refuses one more at the real limit, naming its line", () => {
    const rows = (count: number) => `KPI,Date,Value\n${"CSAT,2050-07-31,84%\n".repeat(count)}`;
    const table = inPieces([rows(MAX_IMPORT_ROWS)]);
    expect(table.records).toHaveLength(200_000);
    expect(table.records[199_999]?.line).toBe(200_001);
    expect(() => parseCsv(rows(MAX_IMPORT_ROWS + 1), { name: "export.csv" })).toThrow(
      new CsvError(
        "export.csv has more than 200,000 rows (the limit was reached at line 200,002); KPA Tracker imports up to 200,000 at a time: split the file and import each part.",
      ),
    );
    expect(() => parseCsv(`a\n${"b".repeat(MAX_CELL_TEXT + 1)}`)).toThrow(
      /^the CSV has a value longer than 32,767 characters at line 2; a cell holds up to 32,767/,
    );
  });
});

// parseCsv as it was before CsvParser, reading the whole text at once: the oracle the parser in pieces must match.
const DELIMITERS = [",", ";", "\t"] as const;
type Delimiter = (typeof DELIMITERS)[number];

function referenceParseCsv(text: string): CsvTable {
  let s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let firstLine = 1;
  let delimiter: Delimiter;
  const hint = /^sep=([,;\t])[ \t]*(\r\n|\n|\r|$)/i.exec(s);
  if (hint) {
    delimiter = hint[1] as Delimiter;
    s = s.slice(hint[0].length);
    firstLine = 2;
  } else delimiter = detectDelimiter(s);
  const [head, ...records] = splitRecords(s, delimiter, firstLine).filter((r) => r.cells.some((c) => c.trim() !== ""));
  return { header: head ? head.cells.map((c) => c.trim()) : [], records, delimiter };
}

/** The candidate seen most often outside quotes on the first non-blank line; comma on a tie or when none is. */
function detectDelimiter(s: string): Delimiter {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  let content = false;
  for (const c of s) {
    if (c === '"') {
      // A doubled quote toggles twice, so it changes nothing.
      quoted = !quoted;
      content = true;
    } else if (quoted) continue;
    else if (c === "\n" || c === "\r") {
      if (content) break;
      for (const d of DELIMITERS) counts.set(d, 0);
    } else if (counts.has(c)) counts.set(c, (counts.get(c) as number) + 1);
    else if (c.trim() !== "") content = true;
  }
  let best: Delimiter = ",";
  for (const d of DELIMITERS) if ((counts.get(d) as number) > (counts.get(best) as number)) best = d;
  return best;
}

function splitRecords(s: string, delimiter: string, firstLine: number): CsvRecord[] {
  const out: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let line = firstLine;
  let start = firstLine;
  let fieldStart = true;
  let i = 0;
  while (i < s.length) {
    const ch = s[i] as string;
    if (fieldStart && ch === " ") {
      // `a, "b, c"`: spaces before an opening quote are layout, not part of the value.
      let j = i;
      while (s[j] === " ") j++;
      if (s[j] === '"') i = j;
    }
    if (fieldStart && s[i] === '"') {
      const opened = line;
      i++;
      for (;;) {
        if (i >= s.length) throw new CsvError(`line ${opened}: a quoted value is never closed (a " is missing).`);
        const c = s[i] as string;
        if (c === '"') {
          if (s[i + 1] !== '"') break;
          cell += '"';
          i += 2;
        } else if (c === "\r" || c === "\n") {
          cell += "\n";
          line++;
          i += c === "\r" && s[i + 1] === "\n" ? 2 : 1;
        } else {
          cell += c;
          i++;
        }
      }
      i++;
      fieldStart = false;
      continue;
    }
    if (ch === delimiter) {
      cells.push(cell);
      cell = "";
      fieldStart = true;
      i++;
    } else if (ch === "\r" || ch === "\n") {
      cells.push(cell);
      out.push({ line: start, cells });
      cells = [];
      cell = "";
      fieldStart = true;
      i += ch === "\r" && s[i + 1] === "\n" ? 2 : 1;
      start = ++line;
    } else {
      // Lenient like spreadsheets: a quote inside an unquoted value is just a character.
      cell += ch;
      fieldStart = false;
      i++;
    }
  }
  if (!fieldStart || cell !== "" || cells.length > 0) {
    cells.push(cell);
    out.push({ line: start, cells });
  }
  return out;
}
