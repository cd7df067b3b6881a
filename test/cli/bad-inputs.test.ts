// Issue 17: every broken, hostile or huge input in test/fixtures/bad/build.ts, run through the real `kpa` process
// with a heap limit. For each: the exit code; one sentence (no stack trace, no internal message, control characters
// escaped) matching what the case expects; nothing written on a refusal, or the expected file; every input byte for
// byte as it was; and peak memory under a bound.
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { type BadCase, badCases } from "../fixtures/bad/build";
import { REPO_ROOT, removeDir, tempDir } from "../fixtures/xlsx";

const BIN = path.join(REPO_ROOT, "bin", "kpa.js");
const RSS = path.join(REPO_ROOT, "test", "support", "rss.js");
/** The heap `kpa` gets, and the peak resident memory any case may reach (heap, buffers and code together). */
const HEAP_MB = 1024;
const PEAK_MB = 1024;
const BUILD_MS = 300_000;

const cases = badCases();
let dir: string;

beforeAll(() => {
  const build = spawnSync("npm", ["run", "--silent", "build:cli"], { cwd: REPO_ROOT, encoding: "utf8", timeout: BUILD_MS - 20_000 });
  if (build.status !== 0) throw new Error(`npm run build:cli failed:\n${build.stdout}\n${build.stderr}`);
  dir = tempDir("kpa-bad-");
}, BUILD_MS);

afterAll(() => removeDir(dir));

const sha = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

it("has at least 60 cases, each with a name of its own", () => {
  expect(cases.length).toBeGreaterThanOrEqual(60);
  expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
});

describe.each(cases.map((c): [string, BadCase] => [c.name, c]))("%s", (_name, c) => {
  it("is answered as expected, with nothing lost and memory bounded", () => {
    const folder = path.join(dir, c.name);
    c.build(folder);
    const inputs = c.inputs.map((f) => path.join(folder, f));
    const before = inputs.map(sha);
    const listed = fs.readdirSync(folder).sort();
    const rssFile = path.join(dir, `${c.name}.rss`);
    const env: NodeJS.ProcessEnv = { ...process.env, KPA_RSS_FILE: rssFile };
    delete env.KPA_DEBUG;
    const run = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, "-r", RSS, BIN, ...c.args], {
      cwd: folder,
      encoding: "utf8",
      env,
      timeout: 240_000,
      maxBuffer: 1 << 24,
    });
    const stderr = run.stderr.split("\n").filter((l) => l !== "");
    const stdout = run.stdout.split("\n").filter((l) => l !== "");
    const got = { code: run.status, signal: run.signal, stderr: run.stderr.slice(0, 600) };
    expect(got).toMatchObject({ code: c.code, signal: null });
    if (c.code === 2) {
      // One sentence on stderr (an import refusal lists its rows below it), nothing on stdout.
      expect(stdout).toEqual([]);
      expect(stderr.length).toBeGreaterThanOrEqual(1);
      expect(stderr[0]).toMatch(/^kpa: \S/);
      expect(stderr.join("\n")).toMatch(c.says);
      // Nothing written: the folder holds what it held.
      expect(fs.readdirSync(folder).sort()).toEqual(listed);
    } else {
      expect(stderr).toEqual([]);
      expect(stdout[0]).toMatch(c.says);
      expect(c.writes).toBeDefined();
      const out = path.join(folder, c.writes as string);
      expect(fs.existsSync(out)).toBe(true);
      expect(c.check?.(out)).toBeUndefined();
    }
    for (const line of [...stderr, ...stdout]) {
      expect(line).not.toMatch(
        /\bat .+:\d+:\d+\)?$|TypeError|RangeError|ReferenceError|Cannot read properties|unexpected failure|ERR_[A-Z_]+/,
      );
      // No raw control character reaches the terminal.
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      expect(line).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    }
    expect(inputs.length).toBeGreaterThanOrEqual(c.code === 0 ? 1 : 0);
    expect(inputs.map(sha)).toEqual(before);
    const peak = Number(fs.readFileSync(rssFile, "utf8")) / (1 << 20);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThan(PEAK_MB);
    // The big cases are hundreds of megabytes on disk: gone once judged.
    removeDir(folder);
  });
});
