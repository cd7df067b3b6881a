// `kpa`: the command-line twin of the add-in, on .xlsx files.
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import {
  DEPARTMENTS,
  ENGINE_NAME,
  InvalidOptionError,
  STATUSES,
  type DateOrder,
  type SettingKey,
  type SettingsInEffect,
  SETTING_LABELS,
  showSetting,
  type Trend,
  asOfProblem,
  buildReport,
  columnLetters,
  dateOrderProblem,
  describeTrend,
  localDay,
  findDepartment,
  gapsWorstFirst,
  rollupNote,
  isIsoDate,
  isTolerance,
  isoDate,
  parseDateOrder,
  run,
  templateSheet,
  timestamp,
  toleranceProblem,
  isMilestoneWindowDays,
  milestoneWindowProblem,
  CsvError,
  type CsvIssue,
  FIELD_LABELS,
  csvMeasurements,
  parseColumnMap,
  resolveColumns,
  LOG_SHEET,
  findLogTables,
  planMeasurements,
  dateRulesIn,
  fiscalYearStartProblem,
  readMonth,
} from "../engine";
import { insertColumns } from "../xlsx/insert-columns";
import { readCsvFile } from "./csv-file";
import { UnusableInputError, refusedFormat } from "../xlsx/read";
import { readPackage } from "../xlsx/stream-read";
import { hasMacros, patchPackage, structureLocked } from "../xlsx/patch";
import { checkOutput, refuseToReplace, writeFileAtomically, writeFilesTogether } from "../xlsx/output";

const VERSION: string = (require("../../package.json") as { version: string }).version;

class UsageError extends Error {}

const HELP = `kpa ${VERSION}: evaluate Key Performance Area workbooks (.xlsx)

Usage:
  kpa evaluate IN.xlsx [--out OUT.xlsx | --in-place] [--as-of YYYY-MM-DD] [--json REPORT.json]
                       [--tolerance 0.1] [--date-order mdy|dmy] [--milestone-window 30]
                       [--fiscal-year-start MONTH] [--make-room] [--no-settings-sheet] [--quiet]
  kpa import IN.xlsx --csv EXPORT.csv [--map kpi=COLUMN,date=COLUMN,value=COLUMN,...] [--source NAME]
                     [--out OUT.xlsx | --in-place] [--date-order mdy|dmy] [--fiscal-year-start MONTH] [--quiet]
  kpa template [--department ${DEPARTMENTS.map((d) => d.id).join("|")}] --out FILE.xlsx [--force]
  kpa --help | --version

evaluate   Finds the KPA tables, judges every row as of a date, and writes status columns,
           conditional formatting, a "KPA Summary" and a "KPA Gaps" sheet.
           Without --out or --in-place it writes IN.evaluated.xlsx beside IN.xlsx.
  --out FILE        where to write the evaluated workbook
  --in-place        overwrite IN.xlsx, keeping its mode and owner (written to a temporary file first, then
                    renamed; through a symlink, its target is written)
  --as-of DATE      the date rows are judged as of (default: today)
  --json FILE       also write the JSON report (rows, problems, summary)
  --tolerance N     shortfall still counted as At Risk, 0 to 1: 0.1 = 10% (default: the "KPA Settings"
                    sheet's Tolerance, else 0.1)
  --date-order X    how to read 03/04/2050: mdy or dmy (default: the "KPA Settings" sheet's, else mdy)
  --milestone-window N  days before a deadline in which a milestone not started is At Risk (default: the
                    "KPA Settings" sheet's, else 30)
  --fiscal-year-start MONTH  the month the fiscal year starts in, such as April: "Q1 2050" and "FY50"
                    follow it (default: the "KPA Settings" sheet's, else January)
                    A flag given overrides the "KPA Settings" sheet's value for this run, and says so.
  --make-room       where another table or note sits too close to a table's right edge, insert whole
                    worksheet columns after the table so its status columns fit (formulas, names, merged
                    cells and charts move with the cells, as when you insert columns in Excel)
  --no-settings-sheet  do not add the "KPA Settings" sheet to a workbook that has none (by default the
                    first evaluation adds it, holding the settings it judged by; an existing one is never
                    changed: it is yours to edit)
  --quiet           print nothing but errors

import     Appends the rows of a CSV export (a CRM's, a helpdesk's) to the "KPA Data" measurement log,
           skipping rows the log already holds, so importing a file twice adds nothing. All or nothing:
           if any row cannot be used, nothing is written and each such row is listed by its line.
           Without --out or --in-place it writes IN.imported.xlsx beside IN.xlsx.
  --csv FILE        the CSV (comma, semicolon or tab separated) with KPI, Date and Value columns
  --map F=COLUMN    the column holding a field: kpi, date, value, source, enteredBy or note
                    (default: headers such as Metric, Period, Actual, System, Owner, Comment)
  --source NAME     the Source of rows that have none (default: the CSV's file name)
  --out, --in-place, --date-order, --fiscal-year-start, --quiet   as for evaluate

template   Writes a new KPA workbook for a department, with Baseline and Actual columns ready.
           It never replaces an existing file unless --force is given.

Exit codes: 0 done (evaluated even with problems), 2 unusable input, 1 unexpected failure.`;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  progress: (s: string) => void;
}

function todayIso(): string {
  return isoDate(localDay());
}

async function evaluate(args: string[], io: Io): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      "in-place": { type: "boolean" },
      "as-of": { type: "string" },
      json: { type: "string" },
      tolerance: { type: "string" },
      "date-order": { type: "string" },
      "milestone-window": { type: "string" },
      "make-room": { type: "boolean" },
      "no-settings-sheet": { type: "boolean" },
      "fiscal-year-start": { type: "string" },
      quiet: { type: "boolean" },
    },
  });
  if (positionals.length !== 1) throw new UsageError("evaluate takes exactly one workbook: kpa evaluate IN.xlsx [--out OUT.xlsx].");
  const input = positionals[0] as string;
  const output = outputFile(input, values, "evaluated");
  const asOf = values["as-of"] ?? todayIso();
  if (!isIsoDate(asOf)) throw new UsageError(asOfProblem(asOf, "--as-of"));
  const tolerance = values.tolerance === undefined ? undefined : Number(values.tolerance);
  if (tolerance !== undefined && !isTolerance(tolerance)) throw new UsageError(toleranceProblem(String(values.tolerance), "--tolerance"));
  const dateOrder = readDateOrder(values["date-order"]);
  const window = values["milestone-window"];
  const milestoneWindowDays = window === undefined ? undefined : Number(window);
  if (milestoneWindowDays !== undefined && !isMilestoneWindowDays(milestoneWindowDays))
    throw new UsageError(milestoneWindowProblem(String(window), "--milestone-window"));
  const fiscalYearStart = readFiscalYearStart(values["fiscal-year-start"]);
  const quiet = Boolean(values.quiet);
  const progress = quiet ? () => undefined : io.progress;

  progress(`Reading ${input}…`);
  let data = await readWorkbookFile(input);
  let grid = readPackage(data, input).grid;
  // Before the work, so a missing folder, a read-only file or a wrong extension is said at once.
  checkOutput(output);
  checkExtension(input, output, data);
  if (values.json) checkOutput(values.json);
  progress(`Evaluating ${grid.sheets.length} sheet(s)…`);
  const generatedAt = timestamp();
  const generator = `${ENGINE_NAME} ${VERSION} (kpa CLI)`;
  // The KPA Settings sheet is a convenience, not the evaluation: a workbook whose structure is locked is evaluated
  // without it (an evaluated one that needs no other new sheet stays evaluable), and the run says so below.
  const locked = structureLocked(data, input);
  const writeSettings = !values["no-settings-sheet"] && !locked;
  const options = { asOf, tolerance, dateOrder, milestoneWindowDays, fiscalYearStart, generatedAt, generator, writeSettings };
  let { evaluation, plan, settings } = run(grid, options);
  const room = values["make-room"] ? plan.room : [];
  if (room.length > 0) {
    // Insert the columns into the saved package (so every part moves as Excel would move it), then start again.
    progress(`Inserting columns beside ${room.length} table(s)…`);
    try {
      data = await insertColumns(data, room);
    } catch (e) {
      // Something the grid does not show is in the way (an Excel table or pivot table across the insert): say so, write nothing.
      throw new UnusableInputError(
        `${input}: columns could not be inserted on ${room.map((r) => r.sheet).join(", ")} (${(e as Error).message}). Move what is in the way, or evaluate without --make-room.`,
      );
    }
    grid = readPackage(data, input).grid;
    ({ evaluation, plan, settings } = run(grid, options));
  }
  if (evaluation.tables.length === 0) {
    throw new UnusableInputError(
      `No KPA table found in ${input}: expected a header row such as "Goal | Target | Timeline | Owner" or "KPI | Target | Actual".`,
    );
  }
  progress(`Writing ${output}…`);
  const patched = patchPackage(data, input, plan);
  // The workbook and its report succeed or fail together.
  const report = values.json && `${JSON.stringify(buildReport(evaluation, plan, { generatedAt, generator, settings }), null, 2)}\n`;
  writeFilesTogether([
    { file: output, data: Buffer.from(patched.buffer, patched.byteOffset, patched.byteLength) },
    ...(values.json && report ? [{ file: values.json, data: report }] : []),
  ]);
  if (quiet) return;

  const s = plan.summary;
  for (const r of room)
    io.out(
      `Inserted ${r.count} column${r.count === 1 ? "" : "s"} after ${columnLetters(r.at - 1)} on ${r.sheet} to fit the statuses of the table at ${r.table}.`,
    );
  io.out(`Evaluated ${s.total} rows in ${evaluation.tables.length} tables as of ${asOf} → ${output}`);
  for (const line of settingsLines(settings, values)) io.out(line);
  const created = plan.sheets.find((sp) => sp.role === "settings");
  if (created)
    io.out(
      `Created the "${created.name}" sheet with the settings this run used: edit it to change how rows are judged, by kpa and the add-in.`,
    );
  else if (locked && !settings.sheet.sheet && !values["no-settings-sheet"])
    io.out(
      'The workbook\'s structure is protected, so no "KPA Settings" sheet was added: this run judged by the flags given and the defaults.',
    );
  if (plan.room.length > 0)
    io.out(
      `${plan.room.length} table(s) had no room beside them for their statuses (${plan.room.map((r) => `${r.sheet}!${r.table}`).join(", ")}): run again with --make-room to insert columns after them.`,
    );
  const rollups = rollupNote(s);
  if (rollups) io.out(rollups);
  io.out("");
  const width = Math.max(...STATUSES.map((x) => x.length));
  for (const st of STATUSES) io.out(`  ${st.padEnd(width)}  ${String(s.byStatus[st]).padStart(4)}`);
  if (s.weightedScore !== undefined) io.out(`  ${"Weighted score".padEnd(width)}  ${Math.round(s.weightedScore * 100)}%`);
  const gaps = gapsWorstFirst(evaluation.rows);
  if (gaps.length > 0) {
    io.out("");
    io.out(`Gaps (${gaps.length}, worst first):`);
    for (const g of gaps.slice(0, 10)) io.out(`  ${g.status.padEnd(width)}  ${g.sheet}!${g.cell}  ${g.name}: ${g.explanation}`);
    if (gaps.length > 10) io.out(`  … and ${gaps.length - 10} more on the "KPA Gaps" sheet.`);
  }
  const trended = evaluation.rows.filter((r) => r.trend && r.kind !== "kpa");
  if (trended.length > 0) {
    io.out("");
    io.out(`Trends (from the measurement log):`);
    for (const r of trended) io.out(`  ${r.name}: ${describeTrend(r.trend as Trend)}`);
  }
  const { since, changes } = plan.history;
  if (since !== null) {
    io.out("");
    io.out(
      changes.length === 0 ? `No status changes since the evaluation as of ${since}.` : `Changes since the evaluation as of ${since}:`,
    );
    for (const c of changes)
      io.out(`  ${c.kind === "worse" ? `Newly ${c.to}` : "Recovered to Met"}: ${c.name} (was ${c.from}) ${c.sheet}!${c.cell}`);
  }
  if (plan.problems.length > 0)
    io.out(`\n${s.errors} error(s) and ${s.warnings} warning(s): see the "KPA Summary" sheet${values.json ? " or the JSON report" : ""}.`);
  if (values.json) io.out(`Report: ${values.json}`);
}

const SETTING_FLAGS: Readonly<Record<SettingKey, string | undefined>> = {
  tolerance: "tolerance",
  dateOrder: "date-order",
  milestoneWindowDays: "milestone-window",
  fiscalYearStart: "fiscal-year-start",
};

/** Which settings came from the workbook's KPA Settings sheet, and each flag that overrode one of them for this run. */
function settingsLines(settings: SettingsInEffect, values: Record<string, unknown>): string[] {
  const { sheet, source, overrides } = settings;
  if (!sheet.sheet) return [];
  const fromSheet = (Object.keys(source) as SettingKey[]).filter((k) => source[k] === "sheet");
  const lines: string[] = [];
  const shown = fromSheet.map((k) => `${SETTING_LABELS[k].toLowerCase()} ${showSetting(k, sheet[k]?.value as number)}`);
  if (settings.options.sectionTolerances && settings.options.sectionTolerances.length > 0)
    shown.push(`${settings.options.sectionTolerances.length} section tolerance(s)`);
  if (shown.length > 0) lines.push(`Judged by the "${sheet.sheet}" sheet: ${shown.join(", ")}.`);
  for (const o of overrides) {
    const flag = SETTING_FLAGS[o.key];
    if (!flag) continue;
    lines.push(`--${flag} ${String(values[flag])} overrides ${o.where} (${o.sheetValue}) for this run.`);
  }
  return lines;
}

/** "April", "apr" or 4, as the settings sheet reads it. */
function readFiscalYearStart(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const month = readMonth(value);
  if (month === undefined) throw new UsageError(`${fiscalYearStartProblem(value, "--fiscal-year-start")} A name such as April works too.`);
  return month;
}

function readDateOrder(value: string | undefined): DateOrder | undefined {
  if (value === undefined) return undefined;
  const order = parseDateOrder(value);
  if (!order) throw new UsageError(dateOrderProblem(value, "--date-order"));
  return order;
}

/** --in-place: the input; else --out; else IN.<suffix>.xlsx beside the input. */
function outputFile(input: string, values: { out?: string; "in-place"?: boolean }, suffix: string): string {
  if (values.out && values["in-place"]) throw new UsageError("Use either --out or --in-place, not both.");
  if (values["in-place"]) return input;
  // A macro-enabled workbook stays one: Excel opens an .xlsm package only under that extension.
  const ext = path.extname(input).toLowerCase() === ".xlsm" ? ".xlsm" : ".xlsx";
  return values.out ?? path.join(path.dirname(input), `${path.basename(input, path.extname(input))}.${suffix}${ext}`);
}

/** Excel refuses a package whose extension disagrees with its kind: macros need .xlsm, and .xlsm needs macros. */
function checkExtension(input: string, output: string, data: Buffer): void {
  const macros = hasMacros(data, input);
  const ext = path.extname(output).toLowerCase();
  if (macros && ext !== ".xlsm")
    throw new UnusableInputError(
      `${input} holds macros, so what is written must be an .xlsm file (Excel opens it under no other name): use --out NAME.xlsm.`,
    );
  if (!macros && ext === ".xlsm")
    throw new UnusableInputError(
      `${input} holds no macros, so what is written must be an .xlsx file (Excel refuses it as .xlsm): use --out NAME.xlsx.`,
    );
}

/** The largest workbook file read (bytes): 500,000 rows are about 20 MB zipped; past this, memory is the limit. */
const MAX_WORKBOOK_BYTES = 1 << 30;

/** The file's bytes, once it is known to be a workbook `kpa` can read (else one sentence saying what to do). */
async function readWorkbookFile(file: string): Promise<Buffer> {
  if (!fs.existsSync(file)) throw new UnusableInputError(`No file at ${file}.`);
  const st = fs.statSync(file);
  if (st.isDirectory()) throw new UnusableInputError(`${file} is a folder, not an .xlsx workbook.`);
  // A device or a pipe (/dev/zero, a FIFO) could be read forever: only files are read.
  if (!st.isFile()) throw new UnusableInputError(`${file} is not a regular file: save the workbook to a file and evaluate that.`);
  if (st.size === 0) throw new UnusableInputError(`${file} is empty (0 bytes), not an .xlsx workbook: choose the saved workbook.`);
  if (st.size > MAX_WORKBOOK_BYTES)
    throw new UnusableInputError(
      `${file} is ${Math.round(st.size / (1 << 20)).toLocaleString("en-US")} MB; KPA Tracker reads workbooks of up to ${MAX_WORKBOOK_BYTES / (1 << 20)} MB. Move old rows to another workbook and evaluate again.`,
    );
  const data = fs.readFileSync(file);
  const refused = refusedFormat(data, file);
  if (refused) throw new UnusableInputError(refused);
  return data;
}

const MAX_LISTED = 20;

/** "nothing imported: 2 rows of export.csv cannot be used:" and one line per issue, first lines first. */
function refusal(csvName: string, issues: readonly CsvIssue[]): string {
  const rows = new Set(issues.map((i) => i.line)).size;
  const lines = issues
    .slice(0, MAX_LISTED)
    .map((i) => `  line ${i.line}${i.column === undefined ? "" : `, column "${i.column}"`}: ${i.message}`);
  if (issues.length > MAX_LISTED) lines.push(`  … and ${issues.length - MAX_LISTED} more.`);
  return [`nothing imported: ${rows} ${rows === 1 ? "row" : "rows"} of ${csvName} cannot be used:`, ...lines].join("\n");
}

async function importCsv(args: string[], io: Io): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      csv: { type: "string" },
      map: { type: "string", multiple: true },
      source: { type: "string" },
      out: { type: "string" },
      "in-place": { type: "boolean" },
      "date-order": { type: "string" },
      "fiscal-year-start": { type: "string" },
      quiet: { type: "boolean" },
    },
  });
  if (positionals.length !== 1)
    throw new UsageError("import takes exactly one workbook: kpa import IN.xlsx --csv EXPORT.csv [--out OUT.xlsx].");
  const input = positionals[0] as string;
  const csvFile = values.csv;
  if (!csvFile) throw new UsageError(`import needs --csv EXPORT.csv: the file whose rows go into the "${LOG_SHEET}" sheet.`);
  const dateOrder = readDateOrder(values["date-order"]);
  const fiscalYearStart = readFiscalYearStart(values["fiscal-year-start"]);
  const output = outputFile(input, values, "imported");
  const overrides = parseColumnMap(values.map ?? []);
  const quiet = Boolean(values.quiet);
  const progress = quiet ? () => undefined : io.progress;
  const say = quiet ? () => undefined : io.out;
  const csvName = path.basename(csvFile);

  progress(`Reading ${csvFile}…`);
  // Read in pieces, refused at the row that passes the cap, so a huge export never fills memory.
  const table = readCsvFile(csvFile, csvName);
  if (table.header.length === 0) throw new UnusableInputError(`${csvFile} is empty: expected a header row such as "KPI,Date,Value".`);
  const cols = resolveColumns(table.header, overrides, csvName);
  const rows = csvMeasurements(table, cols, values.source ?? csvName);
  if (table.records.length === 0) {
    say(`Nothing to import: ${csvName} has no rows below its header.`);
    return;
  }

  progress(`Reading ${input}…`);
  const data = await readWorkbookFile(input);
  const grid = readPackage(data, input).grid;
  checkOutput(output);
  checkExtension(input, output, data);
  // Dates and periods ("Q3 2050") are read by the workbook's KPA Settings sheet, unless a flag says otherwise.
  const plan = planMeasurements(grid, rows.inputs, dateRulesIn(grid, { dateOrder, fiscalYearStart }));
  const issues = [
    ...rows.issues,
    ...plan.issues.map((i) => ({
      line: rows.lines[i.index] as number,
      column: table.header[cols[i.field]] || FIELD_LABELS[i.field],
      message: i.message,
    })),
  ].sort((a, b) => a.line - b.line);
  if (issues.length > 0) throw new UnusableInputError(refusal(csvName, issues));
  if (!plan.append) {
    const sheet = findLogTables(grid)[0]?.sheet ?? LOG_SHEET;
    const n = plan.duplicates.length;
    say(
      `Nothing new to import: ${n === 1 ? "the only row" : `all ${n} rows`} of ${csvName} ${n === 1 ? "is" : "are"} already in "${sheet}".`,
    );
    return;
  }

  progress(`Writing ${output}…`);
  const patched = patchPackage(data, input, { appends: [plan.append] });
  writeFileAtomically(output, Buffer.from(patched.buffer, patched.byteOffset, patched.byteLength));
  const added = plan.added.length;
  const already = plan.duplicates.length > 0 ? ` (${plan.duplicates.length} already there)` : "";
  say(`Imported ${added} ${added === 1 ? "measurement" : "measurements"} into "${plan.append.sheet}"${already} → ${output}`);
}

async function template(args: string[], io: Io): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { department: { type: "string" }, out: { type: "string" }, force: { type: "boolean" } },
  });
  if (positionals.length > 0)
    throw new UsageError(`Unexpected argument ${positionals[0]}: use kpa template [--department NAME] --out FILE.xlsx.`);
  if (!values.out) throw new UsageError("template needs --out FILE.xlsx.");
  const id = values.department ?? "customer-service";
  const dept = findDepartment(id);
  if (!dept) throw new UsageError(`Unknown department "${id}". Choose one of: ${DEPARTMENTS.map((d) => d.id).join(", ")}.`);
  refuseToReplace(values.out, Boolean(values.force));
  const sheet = templateSheet(dept, localDay());
  // ExcelJS only builds a new workbook here: loaded when asked for, so evaluate and import start without it.
  const { default: ExcelJS } = await import("exceljs");
  const { saveAtomically, writeTemplateSheet } = await import("../xlsx/write");
  const wb = new ExcelJS.Workbook();
  wb.creator = ENGINE_NAME;
  writeTemplateSheet(wb, sheet);
  await saveAtomically(wb, values.out);
  io.out(`Wrote a ${dept.name} KPA template to ${values.out}`);
}

/**
 * A line as the terminal may show it: control characters (an escape sequence in a CSV value, a bidirectional
 * override in a sheet name) written as \xHH or \u{HHHH}, so nothing echoed from a file can restyle or rewrite the
 * terminal.
 */
export function printable(s: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}` : `\\u{${code.toString(16).toUpperCase()}}`;
  });
}

export async function main(argv: string[], rawIo: Io): Promise<number> {
  const io: Io = {
    out: (s) => rawIo.out(printable(s)),
    err: (s) => rawIo.err(printable(s)),
    progress: (s) => rawIo.progress(printable(s)),
  };
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      io.out(HELP);
      return command === undefined ? 2 : 0;
    }
    if (command === "--version" || command === "-v") {
      io.out(VERSION);
      return 0;
    }
    if (command === "evaluate") await evaluate(rest, io);
    else if (command === "import") await importCsv(rest, io);
    else if (command === "template") await template(rest, io);
    else throw new UsageError(`Unknown command "${command}". Run kpa --help to see the commands.`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof UnusableInputError || e instanceof InvalidOptionError || e instanceof CsvError) {
      // One sentence, or a sentence ending in ":" and one indented line per item.
      for (const line of `kpa: ${e.message}`.split("\n")) io.err(line);
      return 2;
    }
    // By code, not `instanceof TypeError`: util.parseArgs's TypeError may come from another realm (vm, jest).
    const code = (e as { code?: unknown } | null)?.code;
    if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) {
      io.err(`kpa: ${(e as Error).message}. Run kpa --help for usage.`);
      return 2;
    }
    io.err(`kpa: unexpected failure: ${(e as Error).message}`);
    if (process.env.KPA_DEBUG) io.err(String((e as Error).stack));
    return 1;
  }
}

/** Runs `kpa` with the process's arguments and streams; progress goes to stderr on a terminal only. */
export function runCli(): void {
  const tty = Boolean(process.stderr.isTTY);
  // Output piped into a reader that stopped early (kpa evaluate … | head): stop quietly, as other commands do. Every
  // file is written before anything is printed, so nothing is left half done.
  for (const stream of [process.stdout, process.stderr])
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "EPIPE") throw e;
      process.exit(process.exitCode ?? 0);
    });
  main(process.argv.slice(2), {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    progress: (s) => {
      if (tty) process.stderr.write(`${s}\n`);
    },
  }).then((code) => (process.exitCode = code));
}

if (require.main === module) runCli();
