// Regenerates examples/customer-service-kpa.xlsx, the workbook `npm run demo` evaluates, from src/demo/example.ts
// (the browser demo loads the same rows). Run: npm run build:cli && node scripts/make-example.js
const path = require("path");
const ExcelJS = require("exceljs");
const ex = require("../build/demo/example.js");

async function main() {
  const wb = new ExcelJS.Workbook();
  wb.creator = "KPA Tracker";
  const ws = wb.addWorksheet(ex.EXAMPLE_SHEET);
  ex.EXAMPLE_COLUMN_WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ex.EXAMPLE_ROWS.forEach((r, i) => {
    r.forEach((v, j) => {
      if (v === null || v === undefined) return;
      const cell = ws.getCell(i + 1, j + 1);
      cell.value = v;
      const fmt = ex.exampleFormat(i + 1, j + 1, v);
      if (fmt !== "General") cell.numFmt = fmt;
    });
  });
  ws.getCell(1, 1).font = { name: "Calibri", bold: true, size: 16, color: { argb: "FF1F3864" } };
  // Rows as tall as their larger type, or the title is cut off at the default height.
  ws.getRow(1).height = 24;
  for (const r of ex.EXAMPLE_SECTION_ROWS) {
    ws.getCell(r, 1).font = { name: "Calibri", bold: true, size: 13, color: { argb: "FF1F3864" } };
    ws.getRow(r).height = 20;
  }
  for (const r of ex.EXAMPLE_HEADER_ROWS) {
    ws.getRow(r).eachCell((c) => {
      c.font = { name: "Calibri", bold: true, color: { argb: "FF1F3864" } };
      c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
    });
  }
  const log = wb.addWorksheet(ex.EXAMPLE_LOG_SHEET, {
    properties: { tabColor: { argb: "FF548235" } },
    views: [{ state: "frozen", ySplit: 1, xSplit: 0 }],
  });
  ex.EXAMPLE_LOG_WIDTHS.forEach((w, i) => (log.getColumn(i + 1).width = w));
  ex.EXAMPLE_LOG.forEach((r, i) => {
    r.forEach((v, j) => {
      if (v === null || v === undefined) return;
      const cell = log.getCell(i + 1, j + 1);
      cell.value = v;
      const fmt = ex.exampleLogFormat(j + 1, v);
      if (fmt !== "General") cell.numFmt = fmt;
    });
  });
  log.getRow(1).eachCell((c) => {
    c.font = { name: "Calibri", bold: true, color: { argb: "FFFFFFFF" } };
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F3864" } };
  });
  const out = path.join(__dirname, "..", "examples", "customer-service-kpa.xlsx");
  await wb.xlsx.writeFile(out);
  console.log(`Wrote ${out}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
