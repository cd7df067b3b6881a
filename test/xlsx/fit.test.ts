// Nothing we write is cut off (issue 15): in the bundled example and in wide real-world layouts, every cell we wrote,
// on our sheets and in our columns beside the user's tables, shows its whole text: it fits its column (or its merged
// columns), or it wraps. Characters are counted against the column's width, which Excel measures in characters of
// the default font; a larger font counts for more. Each of our sheets has a print setup and a frozen header.
import type ExcelJS from "exceljs";
import * as path from "path";
import { OUR_SHEETS } from "../../src/engine";
import { writeLayout } from "../corpus/build";
import { LAYOUTS } from "../corpus/layouts";
import { EXAMPLE, evaluateOk, ourBlocks, readXlsx, removeDir, tempDir } from "../fixtures/xlsx";

let dir: string;
beforeAll(() => (dir = tempDir("kpa-fit-")));
afterAll(() => removeDir(dir));

const OURS: readonly string[] = [OUR_SHEETS.summary, OUR_SHEETS.gaps, OUR_SHEETS.history];
/** Excel's width of a column never set. */
const STANDARD_WIDTH = 8.43;

/** The text a cell shows, as near as its number format says. */
function shown(cell: ExcelJS.Cell): string {
  const v = cell.value;
  const fmt = cell.numFmt ?? "General";
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return fmt.replace(/"([^"]*)"/g, "$1").replace(/\\/g, "");
  if (typeof v === "number") {
    const words = [...fmt.matchAll(/"([^"]*)"/g)].map((m) => m[1] ?? "");
    const digits = /0\.(0+)/.exec(fmt)?.[1]?.length;
    const percent = fmt.includes("%");
    const n = percent ? v * 100 : v;
    const text = digits !== undefined ? n.toFixed(digits) : String(Number(n.toPrecision(10)));
    // A format of words per sign ("improving";"declining";"flat") shows one of them.
    if (words.length > 1 && !/[0#]/.test(fmt.replace(/"[^"]*"/g, ""))) return words.reduce((a, b) => (b.length > a.length ? b : a));
    return `${fmt.includes(",") ? text.replace(/\B(?=(\d{3})+(?!\d))/g, ",") : text}${percent ? "%" : ""}${words.join("")}`;
  }
  if (typeof v === "object" && "text" in v) return String(v.text);
  if (typeof v === "object" && "richText" in v) return v.richText.map((r) => r.text).join("");
  if (typeof v === "object" && "result" in v) return String(v.result ?? "");
  return String(v);
}

interface Cut {
  readonly where: string;
  readonly text: string;
  readonly chars: number;
  readonly width: number;
}

/** Our cells on a sheet (all of it for our sheets, our blocks on the user's) whose text is wider than their room. */
function cutOff(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, mine: (row: number, col: number) => boolean): { checked: number; cut: Cut[] } {
  const merges = new Map<string, { right: number; bottom: number }>();
  for (const ref of (ws.model as unknown as { merges: string[] }).merges ?? []) {
    const [a, b] = ref.split(":");
    const from = ws.getCell(a as string);
    const to = ws.getCell(b as string);
    merges.set(`${from.row}:${from.col}`, { right: Number(to.col), bottom: Number(to.row) });
  }
  const width = (c: number) => (ws.getColumn(c).hidden ? 0 : (ws.getColumn(c).width ?? STANDARD_WIDTH));
  const cut: Cut[] = [];
  let checked = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) =>
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (!mine(r, c) || cell.isMerged && cell.master !== cell || ws.getColumn(c).hidden) return;
      const text = shown(cell);
      if (text === "") return;
      checked++;
      const span = merges.get(`${r}:${c}`);
      let room = 0;
      for (let x = c; x <= (span?.right ?? c); x++) room += width(x);
      const chars = [...text].length * ((cell.font?.size ?? 11) / 11);
      if (cell.alignment?.wrapText) {
        // Wrapped text needs its row to be tall enough for more than a line or two.
        const lines = Math.ceil((chars * 0.8) / room);
        if (lines > 2 && (row.height ?? 15) < 15 * (lines - 1)) cut.push({ where: `${ws.name}!${cell.address} (row height)`, text, chars, width: room });
        return;
      }
      if (chars > room) cut.push({ where: `${ws.name}!${cell.address}`, text, chars, width: room });
    }),
  );
  void wb;
  return { checked, cut };
}

async function expectNothingCut(input: string, asOf: string, name: string): Promise<void> {
  const out = path.join(dir, `${name}.evaluated.xlsx`);
  await evaluateOk(input, "--as-of", asOf, "--out", out, "--quiet");
  const wb = await readXlsx(out);
  const blocks = ourBlocks(wb);
  expect(blocks.length).toBeGreaterThan(0);
  let checked = 0;
  const cut: Cut[] = [];
  wb.eachSheet((ws) => {
    const ours = OURS.includes(ws.name);
    const found = cutOff(wb, ws, (r, c) => ours || blocks.some((b) => b.sheet === ws.name && r - 1 >= b.rect.top && r - 1 <= b.rect.bottom && c - 1 >= b.rect.left && c - 1 <= b.rect.right));
    checked += found.checked;
    cut.push(...found.cut);
  });
  // Something to check: our sheets and columns hold hundreds of cells.
  expect(checked).toBeGreaterThan(100);
  expect(cut).toEqual([]);

  for (const sheet of OURS) {
    const ws = wb.getWorksheet(sheet);
    expect([sheet, Boolean(ws)]).toEqual([sheet, true]);
    const view = ws?.views[0] as { state?: string; ySplit?: number } | undefined;
    expect([sheet, view?.state, (view?.ySplit ?? 0) > 0]).toEqual([sheet, "frozen", true]);
    expect([sheet, ws?.pageSetup.printTitlesRow]).toEqual([sheet, `1:${view?.ySplit}`]);
    expect([sheet, ws?.headerFooter.oddFooter]).toEqual([sheet, expect.stringMatching(/^&A · .* · page &P of &N$/)]);
    expect([sheet, ws?.pageSetup.fitToPage === true || (ws?.pageSetup.scale ?? 0) > 0]).toEqual([sheet, true]);
  }
}

it("cuts off no cell it writes in the bundled example", async () => {
  await expectNothingCut(EXAMPLE, "2050-10-15", "example");
}, 60_000);

it.each(["okr-definitions", "sales-performance-dashboard", "project-status-report"])(
  "cuts off no cell it writes in the wide real-world layout %s",
  async (name) => {
    const layout = LAYOUTS.find((l) => l.name === name);
    expect(layout).toBeDefined();
    if (!layout) return;
    const input = await writeLayout(layout, path.join(dir, `${name}.xlsx`));
    await expectNothingCut(input, layout.asOf, name);
  },
  60_000,
);
