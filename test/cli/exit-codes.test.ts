// Guarantee: exit codes. 0 evaluated (even with problems); 2 unusable input or usage, with one plain sentence on
// stderr and no stack trace; 1 an unexpected failure. --help and --version behave. Called through main();
// test/cli/bin.test.ts checks the same through a real `node bin/kpa.js` process.
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { AS_OF, EXAMPLE, type KpaRun, goalsWorkbook, putRows, removeDir, runKpa, saveXlsx, tempDir } from "../fixtures/xlsx";

const VERSION = (require("../../package.json") as { version: string }).version;

let dir: string;
let example: string;

beforeAll(() => {
  dir = tempDir();
  example = path.join(dir, "kpa.xlsx");
  fs.copyFileSync(EXAMPLE, example);
});

afterAll(() => removeDir(dir));

/** Exit 2 with exactly one plain line on stderr: no stack trace, no error class name, nothing on stdout. */
function expectRefused(run: KpaRun, mentions: RegExp) {
  expect({ code: run.code, out: run.out }).toEqual({ code: 2, out: [] });
  expect(run.err).toHaveLength(1);
  const line = run.err[0] as string;
  expect(line).toMatch(/^kpa: \S/);
  expect(line).not.toContain("\n");
  expect(line).not.toMatch(/\bat .+:\d+:\d+|Error:|TypeError|ERR_[A-Z_]+/);
  expect(line).toMatch(mentions);
}

describe("exit code 0: evaluated", () => {
  it("even when the workbook has warnings", async () => {
    const run = await runKpa("evaluate", example, "--out", path.join(dir, "ok.xlsx"), "--as-of", AS_OF);
    expect(run.code).toBe(0);
    expect(run.err).toEqual([]);
    expect(run.out.join("\n")).toMatch(/0 error\(s\) and [1-9]\d* warning\(s\)/);
  });

  it("even when rows have errors (a target that cannot be read)", async () => {
    const input = await goalsWorkbook(path.join(dir, "errors.xlsx"), [
      { goal: "Raise CSAT", target: "better than last year", actual: 0.8 },
      { goal: "Cut churn", target: "< 5%", actual: "lots" },
    ]);
    const run = await runKpa("evaluate", input, "--out", path.join(dir, "errors.out.xlsx"), "--as-of", AS_OF);
    expect(run.code).toBe(0);
    expect(run.out.join("\n")).toMatch(/[1-9]\d* error\(s\)/);
  });
});

describe("exit code 2: unusable input, one plain sentence", () => {
  it("no file", async () => {
    expectRefused(await runKpa("evaluate", path.join(dir, "missing.xlsx"), "--as-of", AS_OF), /No file at .*missing\.xlsx\.$/);
  });

  it("a folder", async () => {
    expectRefused(await runKpa("evaluate", dir, "--as-of", AS_OF), /is a folder, not an \.xlsx workbook\.$/);
  });

  it.each([
    ["a text file renamed .xlsx", "notes.xlsx", "Quarterly notes, not a spreadsheet\n"],
  ])("not a workbook: %s", async (_label, name, content) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    expectRefused(
      await runKpa("evaluate", file, "--as-of", AS_OF),
      new RegExp(`${name} is not an \\.xlsx workbook that can be read \\(.+\\)\\.$`),
    );
  });

  it("not a workbook: an empty file", async () => {
    const file = path.join(dir, "empty.xlsx");
    fs.writeFileSync(file, "");
    expectRefused(await runKpa("evaluate", file, "--as-of", AS_OF), /empty\.xlsx is empty \(0 bytes\), not an \.xlsx workbook/);
  });

  it("no KPA table in the workbook", async () => {
    const wb = new ExcelJS.Workbook();
    putRows(wb.addWorksheet("Notes"), "A1", [["Team lunch rota"], ["Monday", "Ana"], ["Tuesday", "Ben"]]);
    const file = await saveXlsx(wb, path.join(dir, "no-table.xlsx"));
    expectRefused(await runKpa("evaluate", file, "--as-of", AS_OF), /^kpa: No KPA table found in .*no-table\.xlsx: expected a header row/);
    expect(fs.existsSync(path.join(dir, "no-table.evaluated.xlsx"))).toBe(false);
  });

  it("a protected sheet that would have to be written", async () => {
    const file = await goalsWorkbook(path.join(dir, "protected.xlsx"), [{ goal: "Raise CSAT", target: "≥ 85%", actual: 0.8 }], {
      sheet: "Locked Goals",
      protect: true,
    });
    expectRefused(await runKpa("evaluate", file, "--as-of", AS_OF), /protected\.xlsx: sheet "Locked Goals" is protected/);
    expect(fs.existsSync(path.join(dir, "protected.evaluated.xlsx"))).toBe(false);
  });

  it.each([
    [["frobnicate"], /Unknown command "frobnicate"/],
    [["--frobnicate"], /Unknown command "--frobnicate"/],
    [["evaluate", "IN.xlsx", "--frobnicate"], /Unknown option '--frobnicate'/],
    [["evaluate", "IN.xlsx", "--as-of"], /--as-of/],
    [["evaluate", "IN.xlsx", "--as-of", "15/10/2050"], /--as-of 15\/10\/2050 is not a date/],
    [["evaluate", "IN.xlsx", "--tolerance", "ten"], /--tolerance ten must be a number/],
    [["evaluate", "IN.xlsx", "--date-order", "ymd"], /--date-order must be mdy \(.+\) or dmy \(.+\), not ymd\.$/],
    [["evaluate", "IN.xlsx", "--milestone-window", "a month"], /--milestone-window a month must be a whole number of days/],
    [["evaluate", "IN.xlsx", "--out", "a.xlsx", "--in-place"], /either --out or --in-place/],
    [["evaluate"], /takes exactly one workbook/],
    [["evaluate", "a.xlsx", "b.xlsx"], /takes exactly one workbook/],
    [["template", "--department", "hr", "--out", "x.xlsx"], /Unknown department "hr"/],
    [["template"], /needs --out/],
  ])("usage: kpa %j", async (argv, mentions) => {
    const args = (argv as string[]).map((a) => (a === "IN.xlsx" ? example : a));
    expectRefused(await runKpa(...args), mentions as RegExp);
  });
});

describe("exit code 1: unexpected failure", () => {
  const saved = process.env.KPA_DEBUG;
  afterEach(() => {
    if (saved === undefined) delete process.env.KPA_DEBUG;
    else process.env.KPA_DEBUG = saved;
  });

  it("says so in one line, and shows the stack only with KPA_DEBUG", async () => {
    delete process.env.KPA_DEBUG;
    const target = path.join(dir, "out.xlsx");
    // A failure no sentence covers: the rename across file systems.
    const rename = jest.spyOn(nodeFs(), "renameSync").mockImplementation(() => {
      throw Object.assign(new Error("EXDEV: cross-device link not permitted, rename"), { code: "EXDEV" });
    });
    try {
      const run = await runKpa("evaluate", example, "--out", target, "--as-of", AS_OF, "--quiet");
      expect(rename).toHaveBeenCalled();
      expect(run.code).toBe(1);
      expect(run.err).toHaveLength(1);
      expect(run.err[0]).toMatch(/^kpa: unexpected failure: \S/);
      expect(run.err[0]).not.toMatch(/\n\s+at /);

      process.env.KPA_DEBUG = "1";
      const debug = await runKpa("evaluate", example, "--out", target, "--as-of", AS_OF, "--quiet");
      expect(debug.code).toBe(1);
      expect(debug.err[1]).toMatch(/\n\s+at /);
    } finally {
      rename.mockRestore();
    }
    expect(fs.existsSync(target)).toBe(false);
  });
});

describe("--help and --version", () => {
  it.each([["--help"], ["-h"], ["help"]])("%s prints the usage and exits 0", async (flag) => {
    const run = await runKpa(flag);
    expect(run.code).toBe(0);
    expect(run.err).toEqual([]);
    const text = run.out.join("\n");
    expect(text).toContain(`kpa ${VERSION}`);
    for (const words of ["kpa evaluate IN.xlsx", "kpa template", "--as-of", "--json", "--quiet", "Exit codes"])
      expect(text).toContain(words);
  });

  it.each([["--version"], ["-v"]])("%s prints package.json's version and exits 0", async (flag) => {
    expect(await runKpa(flag)).toEqual({ code: 0, out: [VERSION], err: [], progress: [] });
  });

  it("no command at all prints the usage and exits 2", async () => {
    const run = await runKpa();
    expect(run.code).toBe(2);
    expect(run.out.join("\n")).toContain("Usage:");
  });
});

/** The fs module itself: `import * as fs` gives a wrapper whose properties cannot be spied on. */
function nodeFs(): typeof fs {
  return jest.requireActual("fs");
}
