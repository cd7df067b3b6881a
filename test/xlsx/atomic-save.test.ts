// Guarantee: no partial output. Every file is written to a temporary file beside its target and renamed; when
// writing fails, the target (or the original, with --in-place) is untouched and no temporary file is left.
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

function expectPlainFailure(run: { code: number; err: string[]; out: string[] }) {
  expect(run.code).toBe(1);
  expect(run.err).toHaveLength(1);
  expect(run.err[0]).toMatch(/^kpa: unexpected failure: .+/);
  expect(run.err[0]).not.toMatch(/\n\s+at /);
  expect(run.out).toEqual([]);
}

describe("when the output cannot be written", () => {
  it("leaves a folder at the output path as it was, and no temporary file", async () => {
    const target = path.join(dir, "out.xlsx");
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, "keep.txt"), "the user's file");
    const before = listing(dir);
    const original = fs.readFileSync(input);

    const run = await runKpa("evaluate", input, "--out", target, "--as-of", AS_OF);

    expectPlainFailure(run);
    expect(listing(dir)).toEqual(before);
    expect(fs.readFileSync(path.join(target, "keep.txt"), "utf8")).toBe("the user's file");
    expect(fs.readFileSync(input).equals(original)).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  it("creates nothing when the output's folder cannot be created (a file is in the way)", async () => {
    fs.writeFileSync(path.join(dir, "reports"), "not a folder");
    const before = listing(dir);

    const run = await runKpa("evaluate", input, "--out", path.join(dir, "reports", "q4", "out.xlsx"), "--as-of", AS_OF);

    expectPlainFailure(run);
    expect(listing(dir)).toEqual(before);
    expect(fs.readFileSync(path.join(dir, "reports"), "utf8")).toBe("not a folder");
  });

  it("leaves a folder at the --json path as it was, and no temporary report", async () => {
    const report = path.join(dir, "report.json");
    fs.mkdirSync(report);

    const run = await runKpa("evaluate", input, "--out", path.join(dir, "out.xlsx"), "--json", report, "--as-of", AS_OF, "--quiet");

    expectPlainFailure(run);
    expect(fs.readdirSync(report)).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  it("writes no workbook when the template's folder cannot be created", async () => {
    fs.writeFileSync(path.join(dir, "templates"), "not a folder");
    const before = listing(dir);
    const run = await runKpa("template", "--department", "sales", "--out", path.join(dir, "templates", "sales.xlsx"));
    expectPlainFailure(run);
    expect(listing(dir)).toEqual(before);
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
