// The production build, opened in a real browser (Debian's chromium) outside Office: the pane starts the
// in-memory demo, and a reviewer can evaluate, read the result, follow a gap and undo, by mouse and keyboard.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as path from "path";
import * as zlib from "zlib";
import { type Browser, type Page, chromium } from "playwright-core";
import { removeDir, tempDir } from "../fixtures/xlsx";

const ROOT = path.resolve(__dirname, "../..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const INITIAL_SCRIPT_LIMIT = 250 * 1024;

// A real browser on a 2-core machine: generous per-test time, no timing assertions.
jest.setTimeout(120_000);

let out: string;
let server: http.Server;
let base: string;
let browser: Browser;
let page: Page;

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".png": "image/png", ".xml": "text/xml" };

beforeAll(async () => {
  out = tempDir("kpa-build-");
  execFileSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production", "--output-path", out], {
    cwd: ROOT,
    stdio: "pipe",
  });
  server = http.createServer((req, res) => {
    const file = path.join(out, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    if (!file.startsWith(out) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (out) removeDir(out);
});

beforeEach(async () => {
  page = await browser.newPage();
  // No network here, nor in CI: office.js from the CDN fails at once, as it does outside Office.
  await page.route("https://appsforoffice.microsoft.com/**", (route) => route.abort());
  await page.goto(`${base}/taskpane.html`);
  await page.getByRole("button", { name: "Evaluate", exact: true }).waitFor({ timeout: 30_000 });
});

afterEach(async () => {
  await page?.close();
});

describe("production build", () => {
  test("the initial task pane script is at most 250 KB gzipped, and the demo loads on demand", () => {
    const html = fs.readFileSync(path.join(out, "taskpane.html"), "utf8");
    const scripts = [...html.matchAll(/<script[^>]*src="?([^" >]+)/g)].map((m) => m[1] as string).filter((s) => !s.startsWith("http"));
    expect(scripts).toEqual(["taskpane.js"]);
    const gz = zlib.gzipSync(fs.readFileSync(path.join(out, "taskpane.js"))).length;
    expect(gz).toBeLessThanOrEqual(INITIAL_SCRIPT_LIMIT);
    expect(fs.readdirSync(out).some((f) => /^demo\.[0-9a-f]+\.js$/.test(f))).toBe(true);
  });

  test("the manifest points at the production host", () => {
    const manifest = fs.readFileSync(path.join(out, "manifest.xml"), "utf8");
    expect(manifest).not.toContain("localhost");
    expect(manifest).toContain("https://kpa-tracker.example.com/taskpane.html");
  });
});

describe("the pane outside Office (demo)", () => {
  test("shows the example workbook and what was found", async () => {
    await expect(page.getByText("Demo: an example workbook in memory", { exact: false }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("tab", { name: "Customer Service KPA" }).isVisible()).resolves.toBe(true);
    await page.getByText("Customer Service KPA!A16:H22", { exact: false }).first().waitFor();
  });

  test("Evaluate writes statuses into the workbook and shows counts, gaps and time; Undo puts it back", async () => {
    await page.getByRole("button", { name: "Evaluate", exact: true }).click();
    await page.getByText(/Done in/).waitFor({ timeout: 30_000 });
    const status = () =>
      page.evaluate(() => {
        const demo = (window as unknown as { kpaDemo: { excel: { values(s: string): unknown[][] } } }).kpaDemo;
        return demo.excel.values("Customer Service KPA")[15]?.[8] ?? "";
      });
    await expect(status()).resolves.toBe("KPA Status");
    for (const s of ["Met", "Off Track", "Overdue"])
      await expect(page.getByText(s, { exact: true }).first().isVisible()).resolves.toBe(true);
    await expect(page.getByRole("tab", { name: "KPA Summary" }).isVisible()).resolves.toBe(true);

    await page.screenshot({ path: path.join(ROOT, "out", "taskpane-demo.png"), fullPage: true });

    await page.getByRole("button", { name: "Undo evaluation" }).click();
    await page.getByText(/Undid the evaluation/).waitFor();
    await expect(status()).resolves.toBe("");
    await expect(page.getByRole("tab", { name: "KPA Summary" }).count()).resolves.toBe(0);
  });

  test("works from the keyboard: Tab to Evaluate, Enter runs it", async () => {
    const evaluate = page.getByRole("button", { name: "Evaluate", exact: true });
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      if (await evaluate.evaluate((el) => el === document.activeElement)) break;
    }
    await expect(evaluate.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press("Enter");
    await page.getByText(/Done in/).waitFor({ timeout: 30_000 });
  });
});
