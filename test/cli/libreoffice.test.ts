// Guarantee: a real spreadsheet client reads our output. LibreOffice converts evaluated workbooks to PDF (it
// prints every sheet) and pdftotext shows what it rendered. soffice and pdftotext are required: a missing tool
// FAILS these tests (CI installs libreoffice-calc and poppler-utils).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { Report } from "../../src/engine/report";
import { AS_OF, EXAMPLE, date, evaluateOk, goalsWorkbook, removeDir, richWorkbook, tempDir } from "../fixtures/xlsx";

/** A LibreOffice start and conversion (twice over for the recalculating profile): minutes on a busy 2-core machine. */
const TIMEOUT_MS = 300_000;

let dir: string;
beforeAll(() => (dir = tempDir("kpa-lo-")));
afterAll(() => removeDir(dir));

function need(tool: string, args: string[], pkg: string): void {
  const r = spawnSync(tool, args, { encoding: "utf8", timeout: 60_000 });
  if (r.error)
    throw new Error(
      `${tool} is required for this test but could not be run (${r.error.message}). Install it with: apt-get install -y ${pkg}`,
    );
}

/** Converts a workbook to PDF with LibreOffice in a fresh profile, and returns the PDF's text laid out as printed. */
function printed(xlsx: string, opts: { recalculate: boolean }): string {
  need("soffice", ["--version"], "libreoffice-calc");
  need("pdftotext", ["-v"], "poppler-utils");
  const base = path.basename(xlsx, ".xlsx");
  const profile = path.join(dir, `profile-${base}`);
  if (opts.recalculate) {
    // Recalculate every formula on load instead of showing the cached results, so a lost defined name shows as #NAME?.
    fs.mkdirSync(path.join(profile, "user"), { recursive: true });
    fs.writeFileSync(
      path.join(profile, "user", "registrymodifications.xcu"),
      `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
    );
  }
  const pdfDir = path.join(dir, `pdf-${base}`);
  const convert = spawnSync(
    "soffice",
    [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", pdfDir, xlsx],
    {
      encoding: "utf8",
      timeout: TIMEOUT_MS - 60_000,
    },
  );
  const pdf = path.join(pdfDir, `${base}.pdf`);
  if (convert.status !== 0 || !fs.existsSync(pdf)) {
    throw new Error(`soffice could not convert ${xlsx} (exit ${convert.status ?? convert.signal}):\n${convert.stdout}\n${convert.stderr}`);
  }
  const text = spawnSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8", timeout: 60_000 });
  if (text.status !== 0) throw new Error(`pdftotext failed on ${pdf}: ${text.stderr}`);
  return text.stdout;
}

it(
  "LibreOffice opens the evaluated example and prints the KPA Summary and KPA Gaps sheets",
  async () => {
    const xlsx = path.join(dir, "example.xlsx");
    const json = path.join(dir, "example.json");
    await evaluateOk(EXAMPLE, "--out", xlsx, "--json", json, "--as-of", AS_OF, "--quiet");
    const report = JSON.parse(fs.readFileSync(json, "utf8")) as Report;

    const text = printed(xlsx, { recalculate: false });

    // The user's sheet, with our status column beside it.
    expect(text).toContain("Improve Retention Rate");
    expect(text).toContain("KPA Status");
    // The summary sheet: its title, the as-of date rendered through its yyyy-mm-dd format, and the counts.
    expect(text).toContain("KPA Summary");
    expect(text).toMatch(new RegExp(`As of\\s+${AS_OF}`));
    for (const status of ["Met", "At Risk", "Off Track", "Overdue"] as const) {
      expect([status, text]).toEqual([
        status,
        expect.stringMatching(new RegExp(`^\\s*${status}\\s+${report.summary.byStatus[status]}\\s+\\d+%`, "m")),
      ]);
    }
    expect(text).toMatch(new RegExp(`Total\\s+${report.summary.total}\\s+100%`));
    // The gaps sheet.
    expect(text).toContain("KPA Gaps");
    expect(text).toContain("Suggested action");
    // Each Summary table lands whole on one page.
    expectTablesWhole(text, report);
  },
  TIMEOUT_MS,
);

/** The printed pages of one sheet, by its footer ("KPA Summary · as of … · page N of M"). */
function pagesOf(text: string, sheet: string): string[] {
  return text.split("\f").filter((page) => page.includes(`${sheet} · as of`));
}

/** Lines that start a table's header row and its last row, each on a page of its own sheet: their page numbers. */
function pageOf(pages: readonly string[], line: RegExp): number[] {
  return pages.flatMap((page, i) => (page.split("\n").some((l) => line.test(l)) ? [i] : []));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Every Summary table whose header and last row are printed: each pair on one page. */
function expectTablesWhole(text: string, report: Report): number {
  const pages = pagesOf(text, "KPA Summary");
  expect(pages.length).toBeGreaterThan(1);
  const tables: [string, RegExp, RegExp][] = [
    ["Status", /^\s*Status\s+Rows\s+Share\b/, new RegExp(`^\\s*Total\\s+${report.summary.total}\\s+100%`)],
  ];
  for (const [title, list] of [
    ["Section", report.summary.bySection],
    ["Owner", report.summary.byOwner],
    ["Priority", report.summary.byPriority],
  ] as const) {
    const last = list[list.length - 1];
    if (last)
      tables.push([title, new RegExp(`^\\s*${title}\\s+Met\\s+On Track\\b`), new RegExp(`^\\s*${escape(last.key)}\\s+\\d+\\s+\\d+`)]);
  }
  expect(tables.length).toBeGreaterThanOrEqual(3);
  for (const [title, header, end] of tables) {
    const at = pageOf(pages, header);
    const ends = pageOf(pages, end);
    expect([title, at.length]).toEqual([title, 1]);
    expect([title, ends.length > 0 && ends.includes(at[0] as number)]).toEqual([title, true]);
  }
  return pages.length;
}

/** The workbook as LibreOffice saves it again as .xlsx (in a fresh profile named by `tag`): its path. */
function resavedByLibreOffice(source: string, tag: string): string {
  need("soffice", ["--version"], "libreoffice-calc");
  const outDir = path.join(dir, `resaved-${tag}`);
  const convert = spawnSync(
    "soffice",
    [
      `-env:UserInstallation=file://${path.join(dir, `profile-${tag}`)}`,
      "--headless",
      "--norestore",
      "--convert-to",
      "xlsx:Calc MS Excel 2007 XML",
      "--outdir",
      outDir,
      source,
    ],
    { encoding: "utf8", timeout: TIMEOUT_MS - 60_000 },
  );
  const resaved = path.join(outDir, path.basename(source));
  if (convert.status !== 0 || !fs.existsSync(resaved))
    throw new Error(`soffice could not save ${source} as .xlsx (exit ${convert.status ?? convert.signal}):\n${convert.stderr}`);
  return resaved;
}

it(
  "LibreOffice prints each table of KPA Summary whole: its header and its last row on one page",
  async () => {
    // Enough owners and sections that the Summary runs to several pages and a table would straddle a page end.
    const rows = Array.from({ length: 44 }, (_, i) => ({
      goal: `Goal ${i + 1}: raise the figure of team ${i % 22}`,
      target: "≥ 80%",
      timeline: date("2050-12-31"),
      owner: `Owner ${String(i % 22).padStart(2, "0")} of the regional team`,
      actual: i % 3 === 0 ? 0.85 : i % 3 === 1 ? 0.74 : 0.5,
    }));
    const input = await goalsWorkbook(path.join(dir, "owners.xlsx"), rows);
    const xlsx = path.join(dir, "owners-evaluated.xlsx");
    const json = path.join(dir, "owners.json");
    await evaluateOk(input, "--out", xlsx, "--json", json, "--as-of", AS_OF, "--quiet");
    const report = JSON.parse(fs.readFileSync(json, "utf8")) as Report;
    expect(report.summary.byOwner.length).toBe(22);

    const text = printed(xlsx, { recalculate: false });
    expect(expectTablesWhole(text, report)).toBeGreaterThanOrEqual(2);
  },
  TIMEOUT_MS,
);

it(
  "LibreOffice, recalculating on load, still resolves the user's constant and formula names after evaluation",
  async () => {
    const input = await richWorkbook(path.join(dir, "rich.xlsx"));
    const xlsx = path.join(dir, "rich-evaluated.xlsx");
    await evaluateOk(input, "--out", xlsx, "--as-of", AS_OF, "--quiet");

    const text = printed(xlsx, { recalculate: true });

    expect(text).not.toContain("#NAME?");
    expect(text).toMatch(/Tax\s+15\b/); // =TaxRate*100 with TaxRate = 0.15
    expect(text).toMatch(/Doubled\s+0\.3\b/); // =DoubleTax with DoubleTax = TaxRate*2
    expect(text).toContain("KPA Summary");
  },
  TIMEOUT_MS,
);

it(
  "a workbook LibreOffice saved, with a table object, evaluates like the one it came from",
  async () => {
    // The lossless corpus's table workbook, opened and saved again by LibreOffice: its own styles, shared strings,
    // table part and docProps, as a LibreOffice user would send it (issue 17: such a file once failed inside kpa).
    const source = path.join(__dirname, "..", "fixtures", "lossless", "table.xlsx");
    const resaved = resavedByLibreOffice(source, "resave");

    const original = path.join(dir, "table-original.json");
    const again = path.join(dir, "table-resaved.json");
    await evaluateOk(source, "--out", path.join(dir, "table-original.xlsx"), "--json", original, "--as-of", AS_OF, "--quiet");
    await evaluateOk(resaved, "--out", path.join(dir, "table-resaved.xlsx"), "--json", again, "--as-of", AS_OF, "--quiet");
    const statuses = (file: string) =>
      (JSON.parse(fs.readFileSync(file, "utf8")) as Report).rows.map((r) => [r.sheet, r.cell, r.name, r.status]);
    expect(statuses(original).length).toBeGreaterThan(0);
    expect(statuses(again)).toEqual(statuses(original));
  },
  TIMEOUT_MS,
);

it(
  "the KPA Settings sheet an evaluation made still reads after LibreOffice saves the workbook: the next run judges by it",
  async () => {
    // The first evaluation makes the sheet with the rules given (a 20% tolerance, a year from April).
    const first = path.join(dir, "settings-first.xlsx");
    const firstJson = path.join(dir, "settings-first.json");
    await evaluateOk(
      EXAMPLE,
      "--out",
      first,
      "--json",
      firstJson,
      "--as-of",
      AS_OF,
      "--tolerance",
      "0.2",
      "--fiscal-year-start",
      "April",
      "--quiet",
    );
    const resaved = resavedByLibreOffice(first, "settings");

    // With no flags, the LibreOffice copy is judged by the sheet's rules: the same statuses, nothing unread.
    const againJson = path.join(dir, "settings-again.json");
    await evaluateOk(resaved, "--out", path.join(dir, "settings-again.xlsx"), "--json", againJson, "--as-of", AS_OF, "--quiet");
    const read = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as Report;
    const again = read(againJson);
    expect(again.settings?.sources).toMatchObject({
      tolerance: "sheet",
      fiscalYearStart: "sheet",
      dateOrder: "sheet",
      milestoneWindowDays: "sheet",
    });
    expect(again.settings).toMatchObject({ tolerance: 0.2, fiscalYearStart: 4 });
    expect(again.problems.filter((p) => p.sheet === "KPA Settings")).toEqual([]);
    const statuses = (r: Report) => r.rows.map((x) => [x.sheet, x.cell, x.name, x.status]);
    expect(statuses(read(firstJson)).length).toBeGreaterThan(0);
    expect(statuses(again)).toEqual(statuses(read(firstJson)));
  },
  TIMEOUT_MS,
);
