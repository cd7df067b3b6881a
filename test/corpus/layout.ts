// The shape of a corpus layout: a public KPI scorecard rebuilt cell by cell, and the status each of its rows should get,
// decided by hand from the rules in README.md ("What it reads", "Statuses") before the product was run.

export type Status = "Met" | "On Track" | "At Risk" | "Off Track" | "Overdue" | "No Data" | "Needs Target";

/** A cell as a person would have typed it: text, a number, a date, or a number/text with its number format. */
export type Cell = string | number | Date | null | { readonly value: string | number | Date; readonly numFmt: string };

/** Rows of cells with their top-left cell at `at` (an A1 address); null leaves a cell (or a whole row) empty. */
export interface Block {
  readonly at: string;
  readonly rows: readonly (readonly Cell[] | null)[];
}

export interface SheetSpec {
  readonly name: string;
  readonly blocks: readonly Block[];
}

export interface Expected {
  readonly sheet: string;
  /** 1-based worksheet row. */
  readonly row: number;
  /** The row's KPI name, for readability. */
  readonly name: string;
  readonly status: Status;
  /** The rule that decides it, in one short line. */
  readonly why: string;
}

export interface Layout {
  readonly name: string;
  /** Repository and path, or page URL, exactly as the search tool gave it. */
  readonly source: string;
  /** YYYY-MM-DD: the date the rows are judged as of. */
  readonly asOf: string;
  readonly sheets: readonly SheetSpec[];
  readonly expected: readonly Expected[];
}

/** One expectation, found by the text of its name cell: [name, status, why], optionally on another sheet or the n-th match. */
export interface Check {
  readonly name: string;
  readonly status: Status;
  readonly why: string;
  readonly sheet?: string;
  /** 1-based: which of several cells holding the same text (a heading that repeats a KPI name). */
  readonly occurrence?: number;
}

export const pct = (value: number, numFmt = "0%"): Cell => ({ value, numFmt });
export const money = (value: number): Cell => ({ value, numFmt: '"$"#,##0' });

/** Splits an A1 address into a 1-based row and column. */
export function splitAddress(at: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(at);
  if (!m) throw new Error(`Bad address ${at}`);
  const letters = m[1] as string;
  let col = 0;
  for (const ch of letters) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

function cellText(c: Cell): string | undefined {
  if (typeof c === "string") return c.trim();
  if (c !== null && typeof c === "object" && !(c instanceof Date) && typeof c.value === "string") return c.value.trim();
  return undefined;
}

/** The 1-based worksheet rows of a sheet whose cells hold exactly `text`. */
export function rowsWithText(sheet: SheetSpec, text: string): number[] {
  const out: number[] = [];
  for (const block of sheet.blocks) {
    const top = splitAddress(block.at).row;
    block.rows.forEach((cells, i) => {
      if (cells?.some((c) => cellText(c) === text)) out.push(top + i);
    });
  }
  return out;
}

/** Builds a layout, turning each check's name into its worksheet row (and failing loudly on a name found 0 or 2+ times). */
export function defineLayout(spec: {
  name: string;
  source: string;
  asOf: string;
  sheets: readonly SheetSpec[];
  checks: readonly Check[];
}): Layout {
  const first = spec.sheets[0];
  if (!first) throw new Error(`${spec.name}: no sheets`);
  const expected = spec.checks.map((c): Expected => {
    const sheet = c.sheet ? spec.sheets.find((s) => s.name === c.sheet) : first;
    if (!sheet) throw new Error(`${spec.name}: no sheet ${c.sheet ?? ""}`);
    const rows = rowsWithText(sheet, c.name);
    const row = c.occurrence ? rows[c.occurrence - 1] : rows.length === 1 ? rows[0] : undefined;
    if (row === undefined) throw new Error(`${spec.name}: "${c.name}" found ${rows.length} times on ${sheet.name}`);
    return { sheet: sheet.name, row, name: c.name, status: c.status, why: c.why };
  });
  return { name: spec.name, source: spec.source, asOf: spec.asOf, sheets: spec.sheets, expected };
}

/** Shorthand for a check. */
export const ck = (name: string, status: Status, why: string, more: { sheet?: string; occurrence?: number } = {}): Check => ({
  name,
  status,
  why,
  ...more,
});

export const date = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
