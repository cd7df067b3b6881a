// Writes a corpus layout to an .xlsx with ExcelJS. As a script it writes every layout to a folder:
//   node -r ./test/corpus/register.js test/corpus/build.ts [OUT_DIR]     (default out/corpus)
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { type Cell, type Layout, splitAddress } from "./layout";
import { LAYOUTS } from "./layouts";

function setCell(cell: ExcelJS.Cell, value: Cell): void {
  if (value === null) return;
  if (value instanceof Date) {
    cell.value = value;
    cell.numFmt = "d mmm yyyy";
  } else if (typeof value === "object") {
    cell.value = value.value;
    cell.numFmt = value.numFmt;
  } else {
    cell.value = value;
  }
}

/** The layout as an ExcelJS workbook, every block written from its top-left cell. */
export function layoutWorkbook(layout: Layout): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "KPA Tracker corpus";
  for (const sheet of layout.sheets) {
    const ws = wb.addWorksheet(sheet.name);
    for (const block of sheet.blocks) {
      const { row: top, col: left } = splitAddress(block.at);
      block.rows.forEach((cells, i) => cells?.forEach((value, j) => setCell(ws.getCell(top + i, left + j), value)));
    }
  }
  return wb;
}

/** Writes one layout to `file` and returns the path. */
export async function writeLayout(layout: Layout, file: string): Promise<string> {
  await layoutWorkbook(layout).xlsx.writeFile(file);
  return file;
}

/** Writes every layout to `dir` as <name>.xlsx and returns the paths. */
export async function writeAll(dir: string, layouts: readonly Layout[] = LAYOUTS): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  const out: string[] = [];
  for (const layout of layouts) out.push(await writeLayout(layout, path.join(dir, `${layout.name}.xlsx`)));
  return out;
}

if (require.main === module) {
  const dir = path.resolve(process.argv[2] ?? path.join("out", "corpus"));
  writeAll(dir).then(
    (files) => {
      for (const f of files) process.stdout.write(`${f}\n`);
    },
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
