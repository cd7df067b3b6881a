// The real `kpa` process (node bin/kpa.js after `npm run build:cli`): exit codes and stderr as a shell sees them,
// progress on stderr only when stderr is a terminal (a pseudo-terminal from util-linux `script`), and a write
// that fails mid-way (file-size limit) leaving the original workbook untouched and no temporary file.
import { type SpawnSyncReturns, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { AS_OF, EXAMPLE, REPO_ROOT, readXlsx, removeDir, tempDir } from "../fixtures/xlsx";

const VERSION = (require("../../package.json") as { version: string }).version;
const BIN = path.join(REPO_ROOT, "bin", "kpa.js");

jest.setTimeout(120_000);
/** `npm run build:cli` (tsc) before the tests: a minute or more when the machine is busy. */
const BUILD_MS = 300_000;

let dir: string;
let input: string;

beforeAll(() => {
  const build = spawnSync("npm", ["run", "--silent", "build:cli"], { cwd: REPO_ROOT, encoding: "utf8", timeout: BUILD_MS - 20_000 });
  if (build.status !== 0)
    throw new Error(
      `npm run build:cli failed (${build.status ?? build.signal ?? build.error?.message}):\n${build.stdout}\n${build.stderr}`,
    );
  const script = spawnSync("script", ["--version"], { encoding: "utf8" });
  if (script.error)
    throw new Error(
      "These tests need `script` from util-linux (package bsdutils or util-linux) to run kpa on a terminal; it was not found.",
    );
}, BUILD_MS);

beforeEach(() => {
  dir = tempDir();
  input = path.join(dir, "kpa.xlsx");
  fs.copyFileSync(EXAMPLE, input);
});

afterEach(() => removeDir(dir));

const env = () => {
  const e: NodeJS.ProcessEnv = { ...process.env };
  delete e.KPA_DEBUG;
  return e;
};

function kpa(...args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8", env: env(), timeout: 60_000 });
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs a shell command line inside a pseudo-terminal; returns what appeared on the terminal. */
function onTerminal(commandLine: string): { status: number | null; terminal: string } {
  const r = spawnSync("script", ["-qec", commandLine, "/dev/null"], {
    cwd: dir,
    encoding: "utf8",
    env: env(),
    timeout: 60_000,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (r.error) throw r.error;
  return { status: r.status, terminal: (r.stdout + r.stderr).replace(/\r/g, "") };
}

function expectOnePlainLine(stderr: string, pattern: RegExp) {
  const lines = stderr.split("\n").filter((l) => l !== "");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe("exit codes and stderr of the real process", () => {
  it("0 when evaluated, with the summary on stdout and nothing on stderr (not a terminal)", () => {
    const r = kpa("evaluate", input, "--as-of", AS_OF);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: "" });
    // 10 goals and trainings; the 5 KPA elements judged through their goals are not counted again.
    expect(r.stdout).toMatch(/^Evaluated 10 rows in 4 tables as of 2050-10-15 → /);
    expect(fs.existsSync(path.join(dir, "kpa.evaluated.xlsx"))).toBe(true);
  });

  it("2 for a missing file, a text file renamed .xlsx and an unknown flag, with one plain line", () => {
    fs.writeFileSync(path.join(dir, "notes.xlsx"), "not a workbook\n");
    for (const [args, pattern] of [
      [["evaluate", "missing.xlsx"], /^kpa: No file at missing\.xlsx\.$/],
      [["evaluate", "notes.xlsx"], /^kpa: notes\.xlsx is not an \.xlsx workbook that can be read \(it is not a zip package\)\.$/],
      [["evaluate", input, "--frobnicate"], /^kpa: Unknown option '--frobnicate'/],
      [["frobnicate"], /^kpa: Unknown command "frobnicate"/],
    ] as const) {
      const r = kpa(...args);
      expect([args, r.status, r.stdout]).toEqual([args, 2, ""]);
      expectOnePlainLine(r.stderr, pattern);
    }
  });

  it("1 for an unexpected failure (a rename across file systems), with one line and no stack", () => {
    const preload = path.join(__dirname, "..", "fixtures", "fail-rename.js");
    const r = spawnSync(
      process.execPath,
      ["--require", preload, BIN, "evaluate", input, "--out", "out.xlsx", "--as-of", AS_OF, "--quiet"],
      {
        cwd: dir,
        encoding: "utf8",
        env: env(),
        timeout: 60_000,
      },
    );
    expect(r.status).toBe(1);
    expectOnePlainLine(r.stderr, /^kpa: unexpected failure: EXDEV/);
    expect(fs.readdirSync(dir)).toEqual(["kpa.xlsx"]);
  });

  it("2 for an output folder that does not exist, which it never creates", () => {
    const r = kpa("evaluate", input, "--out", path.join("reports", "out.xlsx"), "--as-of", AS_OF, "--quiet");
    expect(r.status).toBe(2);
    expectOnePlainLine(r.stderr, /^kpa: The folder reports does not exist: create it, or choose another output path\.$/);
    expect(fs.readdirSync(dir)).toEqual(["kpa.xlsx"]);
  });

  it("--version prints package.json's version; --help exits 0", () => {
    expect([kpa("--version").status, kpa("--version").stdout]).toEqual([0, `${VERSION}\n`]);
    const help = kpa("--help");
    expect([help.status, help.stderr]).toEqual([0, ""]);
    expect(help.stdout).toContain("Usage:");
  });
});

describe("progress lines", () => {
  const evaluate = (...extra: string[]) =>
    [process.execPath, BIN, "evaluate", input, "--out", path.join(dir, "out.xlsx"), "--as-of", AS_OF, ...extra].map(quote).join(" ");

  it("go to stderr when stderr is a terminal, never to stdout", () => {
    const stdout = path.join(dir, "stdout.txt");
    const r = onTerminal(`${evaluate()} > ${quote(stdout)}`);
    expect(r.status).toBe(0);
    expect(r.terminal.split("\n").filter(Boolean)).toEqual([
      `Reading ${input}…`,
      "Evaluating 2 sheet(s)…",
      `Writing ${path.join(dir, "out.xlsx")}…`,
    ]);
    const printed = fs.readFileSync(stdout, "utf8");
    expect(printed).toMatch(/^Evaluated 10 rows/);
    expect(printed).not.toContain("Reading ");
  });

  it("are not printed when stderr is not a terminal, even if stdout is", () => {
    const stderr = path.join(dir, "stderr.txt");
    const r = onTerminal(`${evaluate()} 2> ${quote(stderr)}`);
    expect(r.status).toBe(0);
    expect(r.terminal).toMatch(/^Evaluated 10 rows/);
    expect(r.terminal).not.toContain("Reading ");
    expect(fs.readFileSync(stderr, "utf8")).toBe("");
  });

  it("and everything else are silenced by --quiet, even on a terminal", () => {
    const r = onTerminal(evaluate("--quiet"));
    expect(r).toEqual({ status: 0, terminal: "" });
    expect(fs.existsSync(path.join(dir, "out.xlsx"))).toBe(true);
  });
});

describe("a write that fails half-way", () => {
  it("leaves the original untouched with --in-place, and no temporary file", async () => {
    const original = fs.readFileSync(input);
    // Files may not grow past 4 KiB: writing the evaluated workbook (about 16 KiB) fails with EFBIG mid-write.
    const r = spawnSync(
      "bash",
      ["-c", `ulimit -f 4 && exec ${[process.execPath, BIN, "evaluate", input, "--in-place", "--as-of", AS_OF].map(quote).join(" ")}`],
      {
        cwd: dir,
        encoding: "utf8",
        env: env(),
        timeout: 60_000,
      },
    );
    expect(r.status).toBe(2);
    expectOnePlainLine(r.stderr, /^kpa: Could not write .*kpa\.xlsx: the file is larger than this system allows\. Nothing was written\.$/);
    expect(fs.readFileSync(input).equals(original)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(["kpa.xlsx"]);
    expect((await readXlsx(input)).worksheets.map((w) => w.name)).toEqual(["Customer Service KPA", "KPA Data"]);
  });
});

it("stops quietly when its reader closes the pipe early (kpa evaluate … | head -1), the workbook written whole", () => {
  const out = path.join(dir, "piped.xlsx");
  // `head -1` reads one line and exits; kpa's later lines meet a closed pipe (EPIPE).
  const shell = spawnSync("sh", ["-c", `node "${BIN}" evaluate "${input}" --out "${out}" --as-of ${AS_OF} | head -1`], {
    encoding: "utf8",
    cwd: REPO_ROOT,
    timeout: 60_000,
  });
  expect(shell.status).toBe(0);
  expect(shell.stdout.split("\n")[0]).toMatch(/^Evaluated \d+ rows in \d+ tables as of /);
  // No stack trace, no "Unhandled 'error' event".
  expect(shell.stderr).toBe("");
  expect(fs.statSync(out).size).toBeGreaterThan(0);
});
