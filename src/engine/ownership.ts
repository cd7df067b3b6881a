// What KPA Tracker owns in a workbook, marked with defined names that move with the cells.
import { parseRef } from "./address";
import { type Rect, type WorkbookGrid, pointInRect } from "./grid";

export const NAME_PREFIX = "KPATracker_";
export const SHEET_NAME_PREFIX = `${NAME_PREFIX}Sheet_`;
export const COLUMNS_NAME_PREFIX = `${NAME_PREFIX}Cols_`;

export const OUR_SHEETS = { summary: "KPA Summary", gaps: "KPA Gaps", history: "KPA History" } as const;
export type OurSheet = keyof typeof OUR_SHEETS;

export interface Ownership {
  /** Our sheets by role, as named in this workbook. */
  readonly sheets: Partial<Record<OurSheet, string>>;
  /** Cell blocks we wrote on the user's sheets. */
  readonly blocks: readonly { readonly name: string; readonly sheet: string; readonly rect: Rect }[];
}

/** Sheet titles in A1 mark our sheets when their defined names were lost (e.g. by another spreadsheet app). */
export const SHEET_TITLES: Readonly<Record<OurSheet, string>> = { summary: "KPA Summary", gaps: "KPA Gaps", history: "Evaluated at" };

export function readOwnership(wb: WorkbookGrid): Ownership {
  const sheets: Partial<Record<OurSheet, string>> = {};
  const blocks: { name: string; sheet: string; rect: Rect }[] = [];
  const sheetNames = new Set(wb.sheets.map((s) => s.name));
  for (const n of wb.names ?? []) {
    if (!n.name.startsWith(NAME_PREFIX)) continue;
    const ref = parseRef(n.ref);
    if (!ref || !sheetNames.has(ref.sheet)) continue;
    if (n.name.startsWith(SHEET_NAME_PREFIX)) {
      const role = n.name.slice(SHEET_NAME_PREFIX.length).toLowerCase();
      // One sheet plays one role: a second name marking the same sheet (left by renames) is ignored.
      if (role in OUR_SHEETS && !Object.values(sheets).includes(ref.sheet)) sheets[role as OurSheet] = ref.sheet;
    } else if (n.name.startsWith(COLUMNS_NAME_PREFIX)) {
      blocks.push({ name: n.name, sheet: ref.sheet, rect: ref.rect });
    }
  }
  for (const role of Object.keys(OUR_SHEETS) as OurSheet[]) {
    if (sheets[role]) continue;
    const s = wb.sheets.find((g) => g.name === OUR_SHEETS[role]);
    const a1 = s?.values[0]?.[0];
    if (
      s &&
      (s.origin?.row ?? 0) === 0 &&
      (s.origin?.col ?? 0) === 0 &&
      a1 === SHEET_TITLES[role] &&
      !Object.values(sheets).includes(s.name)
    )
      sheets[role] = s.name;
  }
  return { sheets, blocks };
}

export function isOurSheet(o: Ownership, sheet: string): boolean {
  return Object.values(o.sheets).includes(sheet);
}

export function ownsCell(o: Ownership, sheet: string, row: number, col: number): boolean {
  return o.blocks.some((b) => b.sheet === sheet && pointInRect(row, col, b.rect));
}
