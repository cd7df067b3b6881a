// Guarantee (issue 12): the file report carries the same native charts as the add-in's: the status pie and one trend
// line per logged KPI on KPA Summary, as DrawingML parts that validate, pointing at the cells they chart; a second
// evaluation replaces them rather than adding more.
import * as fs from "fs";
import * as path from "path";
import { readPackage } from "../../src/xlsx/stream-read";
import { inflateEntry, readZip } from "../../src/xlsx/zip";
import { AS_OF, EXAMPLE, REPO_ROOT, evaluateOk, removeDir, runKpa, schemaVerdicts, tempDir } from "../fixtures/xlsx";

let dir: string;
let output: string;
const parts = (file: string) => new Map(readZip(fs.readFileSync(file)).map((e) => [e.name, Buffer.from(inflateEntry(e)).toString("utf8")]));

beforeAll(async () => {
  dir = tempDir();
  const input = path.join(dir, "scorecard.xlsx");
  fs.copyFileSync(EXAMPLE, input);
  // The demo's measurement log gives two KPIs a trend.
  const imported = await runKpa("import", input, "--csv", path.join(REPO_ROOT, "examples", "helpdesk-export.csv"), "--in-place", "--quiet");
  expect(imported.code).toBe(0);
  output = path.join(dir, "evaluated.xlsx");
  await evaluateOk(input, "--out", output, "--as-of", AS_OF, "--quiet");
});
afterAll(() => removeDir(dir));

it("draws the status pie and the trend lines on KPA Summary, each series pointing at the cells it charts", () => {
  const all = parts(output);
  const charts = [...all.keys()].filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n)).sort();
  expect(charts.length).toBeGreaterThanOrEqual(2);
  const kinds = charts.map((c) => /<c:(pieChart|lineChart|barChart)>/.exec(all.get(c) as string)?.[1]);
  expect(kinds).toContain("pieChart");
  expect(kinds).toContain("lineChart");

  // The pie's categories are the status names in the Summary's status table.
  const pie = all.get(charts[kinds.indexOf("pieChart")] as string) as string;
  const cat = /<c:cat><c:strRef><c:f>'KPA Summary'!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)<\/c:f>/.exec(pie);
  expect(cat).not.toBeNull();
  const [, , from, to] = cat as RegExpExecArray;
  const summary = readPackage(fs.readFileSync(output), output).grid.sheets.find((s) => s.name === "KPA Summary");
  const names = summary?.values.slice(Number(from) - 1, Number(to)).map((r) => r[0]);
  expect(names).toEqual(["Met", "On Track", "At Risk", "Off Track", "Overdue", "No Data", "Needs Target"]);

  // The Summary sheet holds the drawing, and the drawing relates every chart.
  const book = all.get("xl/workbook.xml") as string;
  const rels = all.get("xl/_rels/workbook.xml.rels") as string;
  const rid = /<sheet name="KPA Summary" sheetId="\d+" r:id="(rId\d+)"/.exec(book)?.[1];
  const sheetPart = `xl/${new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1]}`;
  expect(all.get(sheetPart)).toContain('<drawing r:id="rId1"/>');
  const sheetRels = all.get(sheetPart.replace(/([^/]+)$/, "_rels/$1.rels")) as string;
  const drawing = `xl/${/Target="\.\.\/(drawings\/drawing\d+\.xml)"/.exec(sheetRels)?.[1]}`;
  const drawingRels = all.get(drawing.replace(/([^/]+)$/, "_rels/$1.rels")) as string;
  for (const c of charts) expect(drawingRels).toContain(`Target="../charts/${path.basename(c)}"`);
  const types = all.get("[Content_Types].xml") as string;
  for (const c of [...charts, drawing]) expect(types).toContain(`PartName="/${c}"`);
});

it("writes chart and drawing parts that validate against the DrawingML schemas", () => {
  const verdicts = [...schemaVerdicts(output)].filter(([p]) => /^xl\/(charts|drawings)\//.test(p));
  expect(verdicts.length).toBeGreaterThanOrEqual(3);
  for (const [p, line] of verdicts) expect([p, line.split(" ")[0]]).toEqual([p, "PASS"]);
});

it("replaces its charts when evaluated again, leaving no old chart behind", async () => {
  const again = path.join(dir, "again.xlsx");
  await evaluateOk(output, "--out", again, "--as-of", AS_OF, "--quiet");
  const count = (file: string) => [...parts(file).keys()].filter((n) => /^xl\/(charts|drawings)\/[^/]+\.xml$/.test(n)).length;
  expect(count(output)).toBeGreaterThan(0);
  expect(count(again)).toBe(count(output));
});
