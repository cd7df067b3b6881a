// The undo record of the latest evaluation, kept in a very hidden sheet so it survives closing the pane:
// a manifest in columns A:D, and copies of every cell the evaluation overwrote from column F on.
import { NAME_PREFIX } from "../engine/ownership";

export const UNDO_SHEET = `${NAME_PREFIX}Undo`;
/** First column of the cell copies. */
export const COPY_COLUMN = 5;

/** Sheets whose names carry our prefix are ours alone and never evaluated. */
export function isInternalSheet(name: string): boolean {
  return name.startsWith(NAME_PREFIX);
}

export type UndoEntry =
  /** Cells on a user's sheet (range) and where their copy is (copy, on the undo sheet). */
  | { readonly kind: "cells"; readonly sheet: string; readonly range: string; readonly copy: string }
  /** One of our sheets as it was: cleared and refilled from the copy on undo. */
  | { readonly kind: "sheet"; readonly sheet: string; readonly range: string; readonly copy: string }
  /** One of our sheets that the evaluation created: deleted on undo. */
  | { readonly kind: "added"; readonly sheet: string }
  /** One of our defined names as it was. */
  | { readonly kind: "name"; readonly name: string; readonly formula: string }
  /** Conditional formats wholly inside this range are ours: removed on undo before the copies come back. */
  | { readonly kind: "scope"; readonly sheet: string; readonly range: string }
  | { readonly kind: "asOf"; readonly asOf: string };

const TITLE = "KPA Tracker undo data. Do not edit: Undo evaluation reads it.";

export function encodeUndo(entries: readonly UndoEntry[]): string[][] {
  const rows = entries.map((e): string[] => {
    switch (e.kind) {
      case "cells":
      case "sheet":
        return [e.kind, e.sheet, e.range, e.copy];
      case "added":
        return [e.kind, e.sheet, "", ""];
      case "name":
        return [e.kind, e.name, e.formula, ""];
      case "scope":
        return [e.kind, e.sheet, e.range, ""];
      case "asOf":
        return [e.kind, e.asOf, "", ""];
    }
  });
  return [[TITLE, "", "", ""], ...rows];
}

/** The manifest back from the sheet's A:D values; undefined when it is not ours or is damaged. */
export function decodeUndo(values: readonly (readonly unknown[])[]): UndoEntry[] | undefined {
  if (values[0]?.[0] !== TITLE) return undefined;
  const out: UndoEntry[] = [];
  for (const row of values.slice(1)) {
    const [kind, a, b, c] = row.map((v) => String(v ?? ""));
    if (!kind) continue;
    if ((kind === "cells" || kind === "sheet") && a && b && c) out.push({ kind, sheet: a, range: b, copy: c });
    else if (kind === "added" && a) out.push({ kind, sheet: a });
    else if (kind === "name" && a && b) out.push({ kind, name: a, formula: b });
    else if (kind === "scope" && a && b) out.push({ kind, sheet: a, range: b });
    else if (kind === "asOf" && a) out.push({ kind, asOf: a });
    else return undefined;
  }
  return out;
}
