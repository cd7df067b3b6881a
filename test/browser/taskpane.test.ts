// The production build, opened in a real browser (Debian's chromium) outside Office: the pane starts the
// in-memory demo, and a reviewer can evaluate, read the result, follow a gap, record a measurement and undo, by
// mouse and keyboard.
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
/** A production webpack build and a browser start: minutes on a 2-core machine that is busy with other work. */
const BUILD_MS = 600_000;

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
    // Fails with webpack's own output before the hook's timeout below does.
    timeout: BUILD_MS - 60_000,
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
}, BUILD_MS);

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
    // The example's log gives some gaps a trend, in words; a first evaluation has nothing to compare with.
    const trend = page.getByText(/^Trend: (improving|declining|flat)/).first();
    await expect(trend.isVisible()).resolves.toBe(true);
    await expect(page.getByText(/^First evaluation/).isVisible()).resolves.toBe(true);

    await page.screenshot({ path: path.join(ROOT, "out", "taskpane-demo.png"), fullPage: true });

    await page.getByRole("button", { name: "Undo evaluation" }).click();
    await page.getByText(/Undid the evaluation/).waitFor();
    await expect(status()).resolves.toBe("");
    await expect(page.getByRole("tab", { name: "KPA Summary" }).count()).resolves.toBe(0);
  });

  /** A sheet of the demo grid as shown: each row's cells, row number first. */
  async function shownRows(sheet: string): Promise<string[][]> {
    await page.getByRole("tab", { name: sheet }).click();
    const rows = page.getByRole("region", { name: `Sheet ${sheet}` }).getByRole("row");
    const out: string[][] = [];
    for (const row of await rows.all()) out.push((await row.locator("th, td").allTextContents()).map((t) => t.trim()));
    return out.slice(1); // the column letters
  }

  test("Record a measurement appends the row to the demo's KPA Data log, the KPI picked from the keyboard", async () => {
    const before = await shownRows("KPA Data");
    const form = page.getByRole("region", { name: "Record a measurement" });
    const kpi = form.getByRole("combobox", { name: /KPI/ });
    // The picker offers the example's goals and KPIs; ArrowDown opens it on the first, Enter picks it.
    await kpi.focus();
    await page.keyboard.press("ArrowDown");
    const options = page.getByRole("listbox").getByRole("option");
    await options.first().waitFor();
    const names = await options.allTextContents();
    expect(names).toContain("Customer Satisfaction (CSAT)");
    await page.keyboard.press("Enter");
    await expect(kpi.inputValue()).resolves.toBe(names[0]);

    await form.getByLabel("Date or period").fill("2050-09-30");
    await form.getByLabel("Value").fill("84%");
    await form.getByLabel("Entered by").fill("Dana Lee");
    await form.getByRole("button", { name: "Record", exact: true }).click();

    const row = before.length + 1;
    await page.getByText(`Added to KPA Data!A${row}. Evaluate to see it in the statuses and trends.`).waitFor();
    await expect(kpi.inputValue()).resolves.toBe("");
    const after = await shownRows("KPA Data");
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after[row - 1]).toEqual([String(row), names[0], "Sep 30, 2050", "84%", "Manual entry", "Dana Lee", ""]);
  });

  test("Record a measurement adds a KPA Data sheet when the workbook has none", async () => {
    await page.evaluate(() => {
      type Sheets = { getItem(name: string): { delete(): void } };
      type Run = (batch: (context: { workbook: { worksheets: Sheets }; sync(): Promise<void> }) => Promise<void>) => Promise<void>;
      const demo = (window as unknown as { kpaDemo: { excel: { run: Run } } }).kpaDemo;
      return demo.excel.run(async (context) => {
        context.workbook.worksheets.getItem("KPA Data").delete();
        await context.sync();
      });
    });
    await expect(page.getByRole("tab", { name: "KPA Data" }).count()).resolves.toBe(0);

    const form = page.getByRole("region", { name: "Record a measurement" });
    // A KPI no table holds yet, typed freely.
    await form.getByRole("combobox", { name: /KPI/ }).fill("Chat Wait Time");
    await page.keyboard.press("Escape");
    await form.getByLabel("Date or period").fill("Q3 2050");
    await form.getByLabel("Value").fill("90 min");
    await form.getByLabel("Note").fill("Chat launched in July");
    await form.getByRole("button", { name: "Record", exact: true }).click();

    await page.getByText("Added to KPA Data!A2. Evaluate to see it in the statuses and trends.").waitFor();
    await expect(shownRows("KPA Data")).resolves.toEqual([
      ["1", "KPI", "Date or Period", "Value", "Source", "Entered by", "Note"],
      ["2", "Chat Wait Time", "Q3 2050", "90 min", "Manual entry", "", "Chat launched in July"],
    ]);
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
