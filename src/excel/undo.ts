// Undo evaluation: puts back every cell the latest evaluation overwrote, removes what it added, restores our
// names and sheets, from the record in the undo sheet. Excel's own undo cannot do this for an add-in.
import { contentDigest, parseAreas, parseRef, quoteSheet, type Rect, rectInside, NAME_PREFIX } from "../engine";
import { MESSAGES } from "../app/messages";
import { PortError } from "../app/port";
import { CHART_PREFIX, UNDO_SHEET, type UndoEntry, decodeUndo } from "./undo-sheet";
import { columnsAddress } from "./room";
import { Batcher, DEFAULT_BUDGET_BYTES, queueChart, queueLayout, queueValidation, sheetRef } from "./write";

export interface UndoOutcome {
  readonly undone: boolean;
  /** The as-of date of the evaluation that was undone. */
  readonly asOf?: string;
  /** Sheets the evaluation made that stay, as people edited them since (the KPA Settings sheet). */
  readonly kept?: readonly string[];
  readonly syncs: number;
}

function rectOf(address: string): Rect {
  const ref = parseRef(`X!${address}`);
  if (!ref) throw new PortError(MESSAGES.undoDamaged({ range: address }));
  return ref.rect;
}

export async function hasUndo(context: Excel.RequestContext): Promise<boolean> {
  const undo = context.workbook.worksheets.getItemOrNullObject(UNDO_SHEET).load("name");
  await context.sync();
  return !undo.isNullObject;
}

export async function undoEvaluation(context: Excel.RequestContext): Promise<UndoOutcome> {
  let syncs = 0;
  const sync = async () => {
    syncs++;
    await context.sync();
  };
  const wb = context.workbook;
  const undo = wb.worksheets.getItemOrNullObject(UNDO_SHEET).load("name");
  const worksheets = wb.worksheets.load("items/name");
  const names = wb.names.load("items/name");
  const wbProtection = wb.protection.load("protected");
  await sync();
  if (undo.isNullObject) return { undone: false, syncs };

  const manifestRange = undo.getRange("A:D").getUsedRangeOrNullObject(true).load("values");
  const protections = worksheets.items.map((ws) => ({ name: ws.name, protection: ws.protection.load("protected") }));
  await sync();
  const entries: UndoEntry[] | undefined = manifestRange.isNullObject ? undefined : decodeUndo(manifestRange.values);
  if (!entries) throw new PortError(MESSAGES.undoDamaged());
  /** The record's entries of one kind, in order. */
  const ofKind = <K extends UndoEntry["kind"]>(kind: K) => entries.filter((e): e is Extract<UndoEntry, { kind: K }> => e.kind === kind);

  const present = new Set(worksheets.items.map((w) => w.name));
  // A sheet created with a digest (the settings sheet) is read back, with the reads below, to see whether it was edited.
  const guardedAdds = ofKind("added")
    .filter((e) => e.digest !== undefined && present.has(e.sheet))
    .map((e) => ({ entry: e, used: wb.worksheets.getItem(e.sheet).getUsedRangeOrNullObject(true).load("values") }));
  const touched = new Set(
    entries.flatMap((e) =>
      e.kind === "cells" || e.kind === "sheet" || e.kind === "scope" || e.kind === "appended" || e.kind === "inserted" ? [e.sheet] : [],
    ),
  );
  for (const name of touched) {
    if (!present.has(name)) throw new PortError(MESSAGES.sheetGoneSinceEvaluation({ sheet: name }), { sheet: name });
    if (protections.find((p) => p.name === name)?.protection.protected)
      throw new PortError(MESSAGES.sheetProtected({ sheet: name, action: "undo the evaluation" }), { sheet: name });
  }
  if (wbProtection.protected && entries.some((e) => e.kind === "added")) throw new PortError(MESSAGES.addedSheetsCannotBeRemoved());

  // Our rules inside the evaluation's blocks: found, then their ranges, then removed before the copies return.
  // One collection per sheet (scopes can overlap: old and new blocks), tested against all its scopes.
  const scopes = ofKind("scope");
  const scopeSheets = [...new Set(scopes.map((s) => s.sheet))].map((sheet) => ({
    sheet,
    rects: scopes.filter((s) => s.sheet === sheet).map((s) => rectOf(s.range)),
    rules: wb.worksheets.getItem(sheet).getRange().conditionalFormats.load("items/type"),
  }));
  // Our sheets put back whole: the charts the evaluation drew on them go, those from before are drawn again.
  const restored = ofKind("sheet");
  const chartLists = restored.map((e) => ({ sheet: e.sheet, charts: wb.worksheets.getItem(e.sheet).charts.load("items/name") }));
  await sync();
  const candidates = scopeSheets.flatMap((c) =>
    c.rules.items.map((format) => ({ rects: c.rects, format, areas: format.getRanges().load("address") })),
  );
  if (candidates.length > 0) await sync();

  const b = new Batcher(context, DEFAULT_BUDGET_BYTES);
  for (const c of candidates) {
    const ranges = parseAreas(c.areas.address);
    if (ranges.length === 0 || !ranges.every((r) => c.rects.some((m) => rectInside(r, m)))) continue;
    await b.add(40, () => c.format.delete());
  }
  const source = (copy: string) => `${quoteSheet(UNDO_SHEET)}!${copy}`;
  const rangeOf = (e: { readonly sheet: string; readonly range: string }) => wb.worksheets.getItem(e.sheet).getRange(e.range);
  for (const { charts } of chartLists) {
    for (const chart of charts.items) if (chart.name.startsWith(CHART_PREFIX)) await b.add(40, () => chart.delete());
  }
  for (const e of restored) {
    await b.add(200, () => {
      const ws = wb.worksheets.getItem(e.sheet);
      ws.getRange().conditionalFormats.clearAll();
      ws.getRange().clear("All" as Excel.ClearApplyTo);
      // The copy brings the old drop-down lists back with the cells; the evaluation's must not outlive them.
      ws.getRange().dataValidation.clear();
      ws.getRange(e.range).copyFrom(source(e.copy), "All" as Excel.RangeCopyType);
    });
  }
  for (const e of entries) {
    if ((e.kind !== "chart" && e.kind !== "list" && e.kind !== "layout") || !restored.some((r) => r.sheet === e.sheet)) continue;
    const ws = sheetRef(context, e.sheet);
    if (e.kind === "chart") await queueChart(b, ws, e.chart, e.name);
    else if (e.kind === "layout") await queueLayout(b, ws, e.layout);
    else await queueValidation(b, ws, e.validation);
  }
  for (const e of ofKind("cells")) await b.add(120, () => rangeOf(e).copyFrom(source(e.copy), "All" as Excel.RangeCopyType));
  // Rows below the sheet's content: nothing was there before they were appended.
  for (const e of ofKind("appended")) await b.add(80, () => rangeOf(e).clear("All" as Excel.ClearApplyTo));
  const edited = new Set(
    guardedAdds.filter((g) => contentDigest(g.used.isNullObject ? [] : g.used.values) !== g.entry.digest).map((g) => g.entry.sheet),
  );
  for (const e of ofKind("added"))
    if (present.has(e.sheet) && !edited.has(e.sheet)) await b.add(40, () => wb.worksheets.getItem(e.sheet).delete());
  for (const n of names.items) if (n.name.startsWith(NAME_PREFIX)) await b.add(60, () => wb.names.getItem(n.name).delete());
  for (const e of ofKind("name")) await b.add(120, () => void wb.names.add(e.name, e.formula));
  // Widths the evaluation gave the columns it added, set back (after an insert is undone below, nothing is left to set).
  for (const e of ofKind("width"))
    await b.add(
      60,
      () => void (wb.worksheets.getItem(e.sheet).getRangeByIndexes(0, e.col, 1, 1).getEntireColumn().format.columnWidth = e.points),
    );
  // Columns inserted to make room go last, once every cell, name and rule is back as it was after the insert: the
  // delete then moves them all back. Highest first, so the other entries' columns stay where the record says.
  const inserted = ofKind("inserted").sort((x, y) => y.at - x.at);
  for (const e of inserted)
    await b.add(60, () =>
      wb.worksheets
        .getItem(e.sheet)
        .getRange(columnsAddress(e.at, e.count))
        .delete("Left" as Excel.DeleteShiftDirection),
    );
  await b.add(40, () => undo.delete());
  await b.flush();
  const asOf = ofKind("asOf")[0]?.asOf;
  return { undone: true, asOf, kept: [...edited], syncs: syncs + b.syncs };
}
