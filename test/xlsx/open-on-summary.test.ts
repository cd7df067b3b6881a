// Guarantee (issue 15): after `kpa evaluate` the workbook opens where the story is, on KPA Summary: workbook.xml's
// active tab is the Summary, and it is the only selected tab (two selected tabs would open grouped).
import * as fs from "fs";
import * as path from "path";
import { Package } from "../../src/xlsx/package";
import { inflateEntry, readZip } from "../../src/xlsx/zip";
import { AS_OF, EXAMPLE, evaluateOk, removeDir, tempDir } from "../fixtures/xlsx";

const SOURCE = path.join(__dirname, "..", "fixtures", "lossless", "everything.xlsx");

let dir: string;
beforeAll(() => (dir = tempDir()));
afterAll(() => removeDir(dir));

const texts = (file: string) => new Map(readZip(fs.readFileSync(file)).map((e) => [e.name, Buffer.from(inflateEntry(e)).toString("utf8")]));

/** Each sheet's name, in tab order, with whether its view is the selected tab. */
function tabs(file: string): { active: number; sheets: { name: string; selected: boolean }[] } {
  const all = texts(file);
  const book = all.get("xl/workbook.xml") as string;
  const rels = all.get("xl/_rels/workbook.xml.rels") as string;
  const sheets = [...book.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)].map(([, name, rid]) => {
    const target = (new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*>`).exec(rels)?.[0] ?? "").match(/Target="([^"]+)"/)?.[1] ?? "";
    const xml = all.get(`xl/${target.replace(/^\/?xl\//, "")}`) ?? "";
    return { name: name as string, selected: /<sheetView\b[^>]*tabSelected="(1|true)"/.test(xml) };
  });
  return { active: Number(/<workbookView\b[^>]*activeTab="(\d+)"/.exec(book)?.[1] ?? 0), sheets };
}

it("opens on KPA Summary, the only selected tab, after an evaluation", async () => {
  const input = path.join(dir, "everything.xlsx");
  fs.copyFileSync(SOURCE, input);
  const before = tabs(input);
  // The input opens on its own selected sheet.
  expect(before.sheets.filter((s) => s.selected).map((s) => s.name)).toEqual(["Goals"]);

  const output = path.join(dir, "evaluated.xlsx");
  await evaluateOk(input, "--out", output, "--as-of", AS_OF, "--quiet");
  const after = tabs(output);
  // KPA Summary, KPA Gaps, KPA Settings and KPA History.
  expect(after.sheets.length).toBe(before.sheets.length + 4);
  expect(after.sheets[after.active]?.name).toBe("KPA Summary");
  expect(after.sheets.filter((s) => s.selected).map((s) => s.name)).toEqual(["KPA Summary"]);

  // And again on its own output.
  const again = path.join(dir, "again.xlsx");
  await evaluateOk(output, "--out", again, "--as-of", AS_OF, "--quiet");
  const twice = tabs(again);
  expect(twice.sheets[twice.active]?.name).toBe("KPA Summary");
  expect(twice.sheets.filter((s) => s.selected).map((s) => s.name)).toEqual(["KPA Summary"]);
});

it("unselects the selected tab though it is a sheet kpa only appends to (KPA History)", async () => {
  const input = path.join(dir, "history.xlsx");
  fs.copyFileSync(EXAMPLE, input);
  const first = path.join(dir, "history.once.xlsx");
  await evaluateOk(input, "--out", first, "--as-of", AS_OF, "--quiet");
  // Select KPA History's tab, as a reviewer who last looked at it would leave the workbook.
  const pkg = new Package(fs.readFileSync(first), first);
  const book = pkg.text("xl/workbook.xml") as string;
  const rid = /<sheet [^>]*name="KPA History"[^>]*r:id="([^"]+)"/.exec(book)?.[1];
  const rel = new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*>`).exec(pkg.text("xl/_rels/workbook.xml.rels") as string)?.[0] ?? "";
  const part = `xl/${(/Target="([^"]+)"/.exec(rel)?.[1] as string).replace(/^\/?xl\//, "")}`;
  const historyAt = tabs(first).sheets.findIndex((s) => s.name === "KPA History");
  expect(historyAt).toBeGreaterThan(tabs(first).active);
  const unselected = book.replace(/activeTab="\d+"/, `activeTab="${historyAt}"`);
  pkg.set("xl/workbook.xml", unselected);
  for (const name of pkg.names().filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n)))
    pkg.set(name, (pkg.text(name) as string).replace(/ tabSelected="1"/g, ""));
  pkg.set(part, (pkg.text(part) as string).replace("<sheetView ", '<sheetView tabSelected="1" '));
  fs.writeFileSync(first, pkg.bytes());
  expect(
    tabs(first)
      .sheets.filter((s) => s.selected)
      .map((s) => s.name),
  ).toEqual(["KPA History"]);

  // A later as-of date: the evaluation appends a snapshot to KPA History.
  const output = path.join(dir, "history.twice.xlsx");
  await evaluateOk(first, "--out", output, "--as-of", "2050-12-31", "--quiet");
  const after = tabs(output);
  expect(after.sheets[after.active]?.name).toBe("KPA Summary");
  expect(after.sheets.filter((s) => s.selected).map((s) => s.name)).toEqual(["KPA Summary"]);
});
