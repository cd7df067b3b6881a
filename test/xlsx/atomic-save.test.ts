// Guarantee: no partial output, and outputs are the user's files. Every file is written to a temporary file beside
// its target and renamed; when writing fails, the target (or the original, with --in-place) is untouched, no
// temporary file is left, and the reason is one sentence (exit 2). A missing folder is never created.
// The same failure in a real process, mid-write (file-size limit), is in test/cli/bin.test.ts.
import * as fs from "fs";
import * as path from "path";
import { AS_OF, EXAMPLE, goalsWorkbook, readXlsx, removeDir, runKpa, tempDir } from "../fixtures/xlsx";

let dir: string;
let input: string;

beforeEach(async () => {
  dir = tempDir();
  input = path.join(dir, "kpa.xlsx");
  fs.copyFileSync(EXAMPLE, input);
});

afterEach(() => removeDir(dir));

/** Every file under dir, relative, with its bytes' length, so any new or changed file shows. */
function listing(root: string): Record<string, number | "dir"> {
  const out: Record<string, number | "dir"> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      out[path.relative(root, p)] = e.isDirectory() ? "dir" : fs.statSync(p).size;
      if (e.isDirectory()) walk(p);
    }
  };
  walk(root);
  return out;
}

const leftovers = () => Object.keys(listing(dir)).filter((f) => f.endsWith(".tmp"));

/** Exit 2 with one plain sentence matching `said`, nothing on stdout, no stack. */
function expectRefusal(run: { code: number; err: string[]; out: string[] }, said: RegExp) {
  expect(run.code).toBe(2);
  expect(run.err).toHaveLength(1);
  expect(run.err[0]).toMatch(said);
  expect(run.err[0]).not.toMatch(/\n\s+at /);
  expect(run.out).toEqual([]);
}

describe("when the output cannot be written", () => {
  it("leaves a folder at the output path as it was, says so, and leaves no temporary file", async () => {
    const target = path.join(dir, "out.xlsx");
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, "keep.txt"), "the user's file");
    const before = listing(dir);
    const original = fs.readFileSync(input);

    const run = await runKpa("evaluate", input, "--out", target, "--as-of", AS_OF);

    expectRefusal(run, /^kpa: .*out\.xlsx is a folder: give the output a file name/);
    expect(listing(dir)).toEqual(before);
    expect(fs.readFileSync(path.join(target, "keep.txt"), "utf8")).toBe("the user's file");
    expect(fs.readFileSync(input).equals(original)).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  it("never creates a missing output folder: one sentence, nothing written", async () => {
    const before = listing(dir);
    const run = await runKpa("evaluate", input, "--out", path.join(dir, "reports", "q4", "out.xlsx"), "--as-of", AS_OF);
    expectRefusal(run, /^kpa: The folder .*q4 does not exist: create it, or choose another output path\.$/);
    expect(listing(dir)).toEqual(before);
  });

  it("says a file in the way of the output's folder is not a folder", async () => {
    fs.writeFileSync(path.join(dir, "reports"), "not a folder");
    const before = listing(dir);
    const run = await runKpa("evaluate", input, "--out", path.join(dir, "reports", "out.xlsx"), "--as-of", AS_OF);
    expectRefusal(run, /reports is a file, not a folder/);
    expect(listing(dir)).toEqual(before);
    expect(fs.readFileSync(path.join(dir, "reports"), "utf8")).toBe("not a folder");
  });

  it("writes neither the workbook nor the report when the report cannot be written", async () => {
    const report = path.join(dir, "report.json");
    fs.mkdirSync(report);
    const out = path.join(dir, "out.xlsx");

    const run = await runKpa("evaluate", input, "--out", out, "--json", report, "--as-of", AS_OF, "--quiet");

    expectRefusal(run, /report\.json is a folder/);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(report)).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  it("writes no workbook when the template's folder is missing", async () => {
    fs.writeFileSync(path.join(dir, "templates"), "not a folder");
    const before = listing(dir);
    const run = await runKpa("template", "--department", "sales", "--out", path.join(dir, "templates", "sales.xlsx"));
    expectRefusal(run, /templates is a file, not a folder/);
    expect(listing(dir)).toEqual(before);
  });

  it("refuses a read-only file with --in-place, changing nothing", async () => {
    fs.chmodSync(input, 0o444);
    const original = fs.readFileSync(input);
    const before = listing(dir);
    const run = await runKpa("evaluate", input, "--in-place", "--as-of", AS_OF);
    // root may write anything: then the file is writable and the refusal cannot be seen.
    if (process.getuid?.() === 0) {
      expect(run.code).toBe(0);
      return;
    }
    expectRefusal(run, /kpa\.xlsx is read-only: make it writable, or choose another output path\.$/);
    expect(listing(dir)).toEqual(before);
    expect(fs.readFileSync(input).equals(original)).toBe(true);
  });

  it("says what went wrong, in one sentence, when the disk refuses the write", async () => {
    const out = path.join(dir, "out.xlsx");
    const full = jest.spyOn(nodeFs(), "writeFileSync").mockImplementation(() => {
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    });
    try {
      const run = await runKpa("evaluate", input, "--out", out, "--as-of", AS_OF);
      expect(full).toHaveBeenCalled();
      expectRefusal(run, /^kpa: Could not write .*out\.xlsx: the disk is full\. Nothing was written\.$/);
    } finally {
      full.mockRestore();
    }
    expect(fs.existsSync(out)).toBe(false);
    expect(leftovers()).toEqual([]);
  });
});

describe("an existing output is the user's", () => {
  it("--in-place keeps the file's mode", async () => {
    fs.chmodSync(input, 0o640);
    const run = await runKpa("evaluate", input, "--in-place", "--as-of", AS_OF, "--quiet");
    expect(run.code).toBe(0);
    expect(fs.statSync(input).mode & 0o777).toBe(0o640);
    expect((await readXlsx(input)).worksheets.map((w) => w.name)).toContain("KPA Summary");
  });

  it("--in-place through a symlink writes the file it points to and keeps the link", async () => {
    const link = path.join(dir, "current.xlsx");
    fs.symlinkSync(input, link);
    const run = await runKpa("evaluate", link, "--in-place", "--as-of", AS_OF, "--quiet");
    expect(run.code).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(link)).toBe(input);
    expect((await readXlsx(input)).worksheets.map((w) => w.name)).toContain("KPA Summary");
    expect(leftovers()).toEqual([]);
  });

  it("kpa template refuses to replace an existing file unless --force", async () => {
    const file = path.join(dir, "team.xlsx");
    fs.writeFileSync(file, "the user's own workbook");
    const run = await runKpa("template", "--department", "sales", "--out", file);
    expectRefusal(run, /team\.xlsx already exists: choose another name, or add --force to replace it\.$/);
    expect(fs.readFileSync(file, "utf8")).toBe("the user's own workbook");

    const forced = await runKpa("template", "--department", "sales", "--out", file, "--force");
    expect(forced.code).toBe(0);
    expect((await readXlsx(file)).worksheets).toHaveLength(1);
  });
});

describe("when the input is refused", () => {
  it("writes no output at all for a protected KPA sheet, even with --in-place", async () => {
    const protectedInput = await goalsWorkbook(path.join(dir, "protected.xlsx"), [{ goal: "Raise CSAT", target: "≥ 85%", actual: 0.8 }], {
      protect: true,
    });
    const original = fs.readFileSync(protectedInput);
    const before = listing(dir);

    expect((await runKpa("evaluate", protectedInput, "--out", path.join(dir, "out.xlsx"), "--as-of", AS_OF)).code).toBe(2);
    expect((await runKpa("evaluate", protectedInput, "--in-place", "--as-of", AS_OF)).code).toBe(2);

    expect(listing(dir)).toEqual(before);
    expect(fs.readFileSync(protectedInput).equals(original)).toBe(true);
  });
});

describe("when writing succeeds", () => {
  it("replaces an existing output in one step and leaves no temporary file", async () => {
    const target = path.join(dir, "out.xlsx");
    fs.writeFileSync(target, "an older version");
    const run = await runKpa("evaluate", input, "--out", target, "--json", path.join(dir, "report.json"), "--as-of", AS_OF, "--quiet");
    expect(run.code).toBe(0);
    expect((await readXlsx(target)).worksheets.map((w) => w.name)).toContain("KPA Summary");
    expect(JSON.parse(fs.readFileSync(path.join(dir, "report.json"), "utf8"))).toHaveProperty("asOf", AS_OF);
    expect(leftovers()).toEqual([]);
  });
});

/** The fs module itself: `import * as fs` gives a wrapper whose properties cannot be spied on. */
function nodeFs(): typeof fs {
  return jest.requireActual("fs");
}
