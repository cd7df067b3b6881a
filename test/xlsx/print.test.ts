// Our sheets print (issue 15): one page wide, landscape when wider than a portrait page, their frozen header rows
// on every page (on KPA Summary and KPA Gaps they carry the as-of date), a footer with the sheet and the page.
// Re-evaluating keeps one set of print titles per sheet, and the parts still validate against the ECMA-376 schemas.
import * as path from "path";
import { OUR_SHEETS } from "../../src/engine";
import { EXAMPLE, evaluateOk, readXlsx, removeDir, schemaVerdicts, sheetXml, tempDir, zipEntry } from "../fixtures/xlsx";

let dir: string;
beforeAll(() => {
  dir = tempDir("kpa-print-");
});
afterAll(() => removeDir(dir));

const OURS = [OUR_SHEETS.summary, OUR_SHEETS.gaps, OUR_SHEETS.history];

it("sets up every sheet we write to print one page wide, with its header rows and our footer", async () => {
  const out = path.join(dir, "evaluated.xlsx");
  await evaluateOk(EXAMPLE, "--as-of", "2050-10-15", "--out", out, "--quiet");
  const wb = await readXlsx(out);
  expect(OURS.length).toBe(3);
  for (const name of OURS) {
    const ws = wb.getWorksheet(name);
    expect([name, Boolean(ws)]).toEqual([name, true]);
    if (!ws) continue;
    const setup = ws.pageSetup;
    if (name === OUR_SHEETS.summary) {
      // The Summary breaks its own pages between tables, so it prints at a fixed zoom (Excel ignores manual breaks
      // under fit-to-page): one that fits its columns across a landscape page.
      expect([name, setup.fitToPage, setup.orientation]).toEqual([name, false, "landscape"]);
      expect(setup.scale).toBeGreaterThanOrEqual(50);
      expect(setup.scale).toBeLessThanOrEqual(100);
      const widths = ws.columns.map((c) => c.width ?? 8.43);
      expect(widths.reduce((a, w) => a + w * 7 + 5, 0) * ((setup.scale ?? 100) / 100)).toBeLessThanOrEqual(921);
    } else expect([name, setup.fitToPage, setup.fitToWidth, setup.fitToHeight]).toEqual([name, true, 1, 0]);
    const frozen = ws.views[0] as { state?: string; ySplit?: number } | undefined;
    expect([name, frozen?.state]).toEqual([name, "frozen"]);
    // The frozen rows head every printed page.
    expect([name, setup.printTitlesRow]).toEqual([name, `1:${frozen?.ySplit}`]);
    // The Summary and the Gaps are about one as-of date; the History spans many, so it says when it was printed.
    expect([name, ws.headerFooter.oddFooter]).toEqual([
      name,
      name === OUR_SHEETS.history ? "&A · printed &D · page &P of &N" : "&A · as of 2050-10-15 · page &P of &N",
    ]);
  }
  // The Summary breaks its pages itself (that each table lands whole on a page is checked in LibreOffice's print).
  const summaryXml = await sheetXml(out, OUR_SHEETS.summary);
  const breaks = [...summaryXml.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
  expect(breaks.length).toBeGreaterThan(0);
  expect(breaks).toEqual([...new Set(breaks)].sort((a, b) => a - b));
  // Never among the title rows repeated on every page.
  for (const row of breaks) expect(row).toBeGreaterThan(2);
  const summary = wb.getWorksheet(OUR_SHEETS.summary);
  // The rows repeated on every page of the Summary and the Gaps say the as-of date.
  expect([summary?.getCell("A2").value, summary?.getCell("B2").value]).toEqual(["As of", new Date("2050-10-15T00:00:00Z")]);
  expect(String(wb.getWorksheet(OUR_SHEETS.gaps)?.getCell("A2").value)).toContain("as of 2050-10-15");
  expect(wb.getWorksheet(OUR_SHEETS.gaps)?.pageSetup.orientation).toBe("landscape");

  const verdicts = [...schemaVerdicts(out)].filter(([part]) => part === "xl/workbook.xml" || part.startsWith("xl/worksheets/sheet"));
  expect(verdicts.length).toBeGreaterThanOrEqual(4);
  for (const [part, line] of verdicts) expect([part, line]).toEqual([part, expect.stringMatching(/^PASS /)]);
});

it("keeps one set of print titles per sheet when the workbook is evaluated again", async () => {
  const once = path.join(dir, "once.xlsx");
  const twice = path.join(dir, "twice.xlsx");
  await evaluateOk(EXAMPLE, "--as-of", "2050-10-15", "--out", once, "--quiet");
  await evaluateOk(once, "--as-of", "2050-10-20", "--out", twice, "--quiet");
  const workbook = await zipEntry(twice, "xl/workbook.xml");
  const titles = [...workbook.matchAll(/<definedName name="_xlnm\.Print_Titles" localSheetId="(\d+)">([^<]*)<\/definedName>/g)].map(
    (m) => m[2],
  );
  expect(titles.map((t) => (t ?? "").replace(/&apos;/g, "'")).sort()).toEqual([
    "'KPA Gaps'!$1:$4",
    "'KPA History'!$1:$1",
    "'KPA Settings'!$1:$2",
    "'KPA Summary'!$1:$2",
  ]);
  const wb = await readXlsx(twice);
  expect(wb.getWorksheet(OUR_SHEETS.summary)?.getCell("B2").value).toEqual(new Date("2050-10-20T00:00:00Z"));
});

it("gives the columns it adds beside a table a width for what they hold, so no status is cut off", async () => {
  const before = await readXlsx(EXAMPLE);
  const sheet = "Customer Service KPA";
  const out = path.join(dir, "widths.xlsx");
  await evaluateOk(EXAMPLE, "--as-of", "2050-10-15", "--out", out, "--quiet");
  const ws = (await readXlsx(out)).getWorksheet(sheet);
  const ours = ws ? [7, 8, 9, 10, 11].map((c) => ws.getColumn(c)) : [];
  expect(ours.length).toBe(5);
  // Columns G to K hold our headers somewhere down the sheet; each is at least as wide as the longest we wrote.
  for (const col of ours) {
    let longest = 0;
    col.eachCell((cell) => {
      const text = typeof cell.value === "string" ? cell.value : "";
      if (/^KPA (Status|Progress)$|^(Met|On Track|At Risk|Off Track|Overdue|No Data|Needs Target)$/.test(text))
        longest = Math.max(longest, text.length);
    });
    expect([col.letter, (col.width ?? 0) >= longest]).toEqual([col.letter, true]);
  }
  // A user's column untouched by us keeps its width.
  expect((await readXlsx(out)).getWorksheet(sheet)?.getColumn(1).width).toBe(before.getWorksheet(sheet)?.getColumn(1).width);
});
