// What KPA Tracker owns in a workbook, marked with defined names that move with the cells. A mark is proven
// against the cells it points at, never taken on its word: a name that only looks like ours claims nothing.
import { cellAddress, parseRef, rangeAddress } from "./address";
import { type Rect, SheetView, type WorkbookGrid, pointInRect } from "./grid";
import { isOurHeader } from "./headers";
import { type Problem, problem } from "./problems";
import { STATUSES } from "./status";

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
  /** Our marks that the cells do not bear out: those cells are left as they are, and the names are dropped. */
  readonly problems: readonly Problem[];
}

/** What A1 of each of our sheets holds: with the sheet's defined name, the proof that the sheet is ours. */
export const SHEET_TITLES: Readonly<Record<OurSheet, string>> = { summary: "KPA Summary", gaps: "KPA Gaps", history: "Evaluated at" };

/** `KPATracker_Cols_<n>_<digest>`; `KPATracker_Cols_<n>` as versions before the digest wrote it. */
const COLUMNS_NAME = /^KPATracker_Cols_\d+(?:_([0-9a-f]{8}))?$/i;

const STATUS_WORDS: ReadonlySet<string> = new Set(STATUSES);

/**
 * The name of a block of our columns: `n` numbers it, and the digest of what its top row holds (`headers`, one per
 * column: our header, or "" where we wrote statuses under the user's own header) proves it ours on the next read.
 */
export function columnsMarkName(n: number, headers: readonly string[]): string {
  return `${COLUMNS_NAME_PREFIX}${n}_${digest(headers)}`;
}

/** FNV-1a (32 bits) of the width and the headers: short, and only our own write puts a matching one in a name. */
function digest(headers: readonly string[]): string {
  return fnv1a(`${headers.length}\u0000${headers.join("\u0000")}`);
}

/**
 * A digest of what cells hold, as written or as read back (empty cells, trailing blanks and blank rows below do not
 * count): whether a sheet still holds what we wrote.
 */
export function contentDigest(values: readonly (readonly unknown[])[]): string {
  const text = (v: unknown) => (v === null || v === undefined ? "" : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v));
  const rows = values.map((r) => {
    const cells = r.map(text);
    while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
    return cells.join("\u0000");
  });
  while (rows.length > 0 && rows[rows.length - 1] === "") rows.pop();
  return fnv1a(rows.join("\u0001"));
}

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/**
 * What a block's cells show we wrote, column by column: our header in its top row, or "" for a column of our status
 * words alone (one we took over under the user's header, which has no header of ours). Undefined when a column
 * holds anything else, or the block holds nothing (there is nothing there to claim). The height does not count:
 * rows the user inserts inside a block grow it.
 */
function blockHeaders(view: SheetView, rect: Rect): string[] | undefined {
  const out: string[] = [];
  let filled = false;
  // Only rows the sheet holds: a name may point at a whole column.
  const top = Math.max(rect.top, view.top);
  const bottom = Math.min(rect.bottom, view.bottom);
  for (let c = rect.left; c <= rect.right; c++) {
    const head = view.text(rect.top, c);
    if (isOurHeader(head)) {
      out.push(head);
      filled = true;
      continue;
    }
    for (let r = top; r <= bottom; r++) {
      if (view.isEmpty(r, c)) continue;
      const v = view.value(r, c);
      if (typeof v !== "string" || !STATUS_WORDS.has(v.trim())) return undefined;
      filled = true;
    }
    out.push("");
  }
  return filled ? out : undefined;
}

export function readOwnership(wb: WorkbookGrid): Ownership {
  const sheets: Partial<Record<OurSheet, string>> = {};
  const blocks: { name: string; sheet: string; rect: Rect }[] = [];
  const problems: Problem[] = [];
  const views = new Map(wb.sheets.map((s) => [s.name, new SheetView(s)]));
  for (const n of wb.names ?? []) {
    if (!n.name.startsWith(NAME_PREFIX)) continue;
    const ref = parseRef(n.ref);
    const view = ref && views.get(ref.sheet);
    // A name pointing nowhere (#REF!, a deleted sheet) claims no cells; the plan drops it.
    if (!ref || !view) continue;
    if (n.name.startsWith(SHEET_NAME_PREFIX)) {
      const role = n.name.slice(SHEET_NAME_PREFIX.length).toLowerCase();
      if (!(role in OUR_SHEETS)) continue;
      const r = role as OurSheet;
      if (view.value(0, 0) === SHEET_TITLES[r]) {
        // One sheet plays one role (its A1 says which); a second name for a role already proven is left to drop.
        if (!sheets[r]) sheets[r] = ref.sheet;
      } else {
        problems.push(
          problem("sheetMarkNotProven", "warning", ref.sheet, "A1", {
            name: n.name,
            sheet: ref.sheet,
            ours: OUR_SHEETS[r],
            title: SHEET_TITLES[r],
          }),
        );
      }
    } else if (n.name.startsWith(COLUMNS_NAME_PREFIX)) {
      const m = COLUMNS_NAME.exec(n.name);
      const headers = blockHeaders(view, ref.rect);
      // Empty cells hold nothing to keep or to clear: such a name is dropped without a word.
      if (!headers && isEmptyRect(view, ref.rect)) continue;
      // With a digest, the cells must hold what it was taken of; without one (earlier versions), what we write.
      const proven = m !== null && headers !== undefined && (m[1] === undefined || m[1].toLowerCase() === digest(headers));
      if (proven) blocks.push({ name: n.name, sheet: ref.sheet, rect: ref.rect });
      else
        problems.push(
          problem("columnsMarkNotProven", "warning", ref.sheet, cellAddress(ref.rect.top, ref.rect.left), {
            name: n.name,
            range: `${ref.sheet}!${rangeAddress(ref.rect)}`,
          }),
        );
    }
  }
  return { sheets, blocks, problems };
}

function isEmptyRect(view: SheetView, rect: Rect): boolean {
  for (let r = Math.max(rect.top, view.top); r <= Math.min(rect.bottom, view.bottom); r++)
    for (let c = Math.max(rect.left, view.left); c <= Math.min(rect.right, view.right); c++) if (!view.isEmpty(r, c)) return false;
  return true;
}

export function isOurSheet(o: Ownership, sheet: string): boolean {
  return Object.values(o.sheets).includes(sheet);
}

export function ownsCell(o: Ownership, sheet: string, row: number, col: number): boolean {
  return o.blocks.some((b) => b.sheet === sheet && pointInRect(row, col, b.rect));
}
