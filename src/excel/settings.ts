// The workbook's KPA Settings sheet on its own: what the pane's Options show and change, read and written without
// reading the whole workbook (Options are opened and edited far more often than Evaluate runs).
import { type DefinedName, type SettingsEdit, type SheetGrid, SETTINGS_NAME, SETTINGS_SHEET, type WorkbookGrid, parseRef } from "../engine";
import { MESSAGES } from "../app/messages";
import { PortError } from "../app/port";
import { fromExcel } from "./values";
import { type Batcher, queueSheetContent, queueValues, sheetRef } from "./write";

/** The settings come first on the sheet: rows below this are not read (a sheet of that name may be something else, and large). */
const SETTINGS_READ = "A1:D1000";

export interface SettingsRead {
  /** Only the sheets that may be the settings sheet, and the workbook's names. */
  readonly grid: WorkbookGrid;
  readonly protectedSheets: ReadonlySet<string>;
  readonly workbookProtected: boolean;
}

/** Two round trips: the sheets' and names' list, then the candidate sheets' first rows. */
export async function readSettings(context: Excel.RequestContext): Promise<SettingsRead> {
  const wb = context.workbook;
  const sheets = wb.worksheets.load("items/name");
  const names = wb.names.load("items/name,items/formula");
  const protection = wb.protection.load("protected");
  await context.sync();
  const definedNames: DefinedName[] = names.items
    .filter((n) => n.name.toLowerCase() === SETTINGS_NAME.toLowerCase())
    .map((n) => ({ name: n.name, ref: n.formula.replace(/^=/, "") }));
  const marked = new Set(definedNames.map((n) => parseRef(n.ref)?.sheet));
  const candidates = sheets.items
    .map((s) => s.name)
    .filter((name) => marked.has(name) || name.trim().toLowerCase() === SETTINGS_SHEET.toLowerCase())
    .map((name) => {
      const ws = wb.worksheets.getItem(name);
      return {
        name,
        used: ws.getRange(SETTINGS_READ).getUsedRangeOrNullObject(true).load("values,numberFormat,rowIndex,columnIndex"),
        protection: ws.protection.load("protected"),
      };
    });
  if (candidates.length > 0) await context.sync();
  const grids: SheetGrid[] = candidates.map(({ name, used }) =>
    used.isNullObject
      ? { name, values: [] }
      : {
          name,
          values: used.values.map((row) => row.map(fromExcel)),
          numberFormats: used.numberFormat as string[][],
          origin: { row: used.rowIndex, col: used.columnIndex },
        },
  );
  return {
    grid: { sheets: grids, names: definedNames },
    protectedSheets: new Set(candidates.filter((c) => c.protection.protected).map((c) => c.name)),
    workbookProtected: protection.protected,
  };
}

/**
 * Queues an edit planned by the engine (planSettingsEdit); refuses before any change where protection forbids it.
 * `print`: whether the host has ExcelApi 1.9 for the new sheet's print setup.
 */
export async function queueSettingsEdit(
  b: Batcher,
  context: Excel.RequestContext,
  read: SettingsRead,
  edit: SettingsEdit,
  print: boolean,
): Promise<void> {
  if (edit.kind === "none") return;
  if (edit.kind === "create") {
    if (read.workbookProtected) throw new PortError(MESSAGES.sheetCannotBeAdded({ sheet: edit.sheet.name }));
    const name = edit.sheet.name;
    await b.add(120, () => void context.workbook.worksheets.add(name));
    await queueSheetContent(b, sheetRef(context, name), { ...edit.sheet, print: print ? edit.sheet.print : undefined });
    await b.add(120, () => void context.workbook.names.add(edit.name.name, `=${edit.name.ref}`));
    return;
  }
  if (read.protectedSheets.has(edit.sheet))
    throw new PortError(MESSAGES.sheetProtected({ sheet: edit.sheet, action: "save the settings in it" }), { sheet: edit.sheet });
  const ws = sheetRef(context, edit.sheet);
  for (const w of edit.writes) await queueValues(b, ws, w.row, w.col, w.values, w.formats);
}
