// One table row read by field, and the context every judge shares: the as-of date, tolerance, date order,
// the measurement log and the list problems are added to.
import { cellAddress } from "./address";
import { type DateOrder, type DateRules, type Day, longDate, parseDateText } from "./dates";
import type { Table } from "./table";
import type { SheetView } from "./grid";
import { type Field, isOurHeader } from "./headers";
import type { LogIndex } from "./log";
import { type Ownership, ownsCell } from "./ownership";
import { type Problem, problem } from "./problems";
import { type TargetParse, parseTarget } from "./targets";
import { type Reading, readCell } from "./values";

export interface JudgeContext {
  readonly asOf: Day;
  readonly tolerance: number;
  /** Set when `tolerance` is the row's section's own (KPA Settings), not the workbook's: the explanation says so. */
  readonly sectionTolerance?: boolean;
  readonly order: DateOrder;
  /** The month the fiscal year starts in: "Q1 2050" and "FY50" follow it. */
  readonly fiscalYearStart: number;
  /** Days before a milestone's deadline in which "not started" is At Risk. */
  readonly milestoneWindowDays: number;
  readonly problems: Problem[];
  readonly log: LogIndex;
  /** Targets read so far, by their text: a column repeats the same few targets, so each is parsed once. */
  readonly targets: Map<string, TargetParse>;
}

/** The target text as parsed, from the context's cache. */
export function readTarget(ctx: JudgeContext, text: string): TargetParse {
  let parsed = ctx.targets.get(text);
  if (parsed === undefined) {
    parsed = parseTarget(text);
    ctx.targets.set(text, parsed);
  }
  return parsed;
}

/** Reads one row's cells by field. */
export class RowReader {
  constructor(
    readonly view: SheetView,
    readonly table: Table,
    readonly row: number,
    private readonly ownership: Ownership,
  ) {}

  col(field: Field): number | undefined {
    const c = this.table.fields[field];
    if (c === undefined) return undefined;
    // Our own status column is output, never input.
    if (
      field === "status" &&
      (isOurHeader(this.view.text(this.table.headerRow, c)) || ownsCell(this.ownership, this.table.sheet, this.row, c))
    )
      return undefined;
    return c;
  }

  has(field: Field): boolean {
    return this.col(field) !== undefined;
  }

  text(field: Field): string {
    const c = this.col(field);
    return c === undefined ? "" : this.view.text(this.row, c);
  }

  address(field: Field): string {
    return cellAddress(this.row, this.col(field) ?? this.table.left);
  }

  read(field: Field, rules: DateOrder | DateRules): Reading {
    const c = this.col(field);
    if (c === undefined) return { kind: "none", why: "blank" };
    return readCell(this.view.value(this.row, c), this.view.format(this.row, c), rules);
  }

  raw(field: Field) {
    const c = this.col(field);
    return c === undefined ? null : this.view.value(this.row, c);
  }

  /** True when every user column of the row is empty. */
  isEmptyRecord(): boolean {
    for (const column of this.table.columns) {
      if (column.field === "status" || column.field === "progress" || column.field === "explanation") continue;
      if (!this.view.isEmpty(this.row, column.col)) return false;
    }
    return true;
  }
}

const NO_DATE_WORDS = /^(ongoing|continuous|continual|n\/a|na|tbd|tbc|ad hoc|as needed|per gate|always|-|—|none|open)$/i;

/** A date cell (Timeline, Start, Last review): undefined when blank or a no-date word; a problem when unreadable. */
export function readDate(row: RowReader, field: Field, label: string, ctx: JudgeContext): Day | undefined {
  const r = row.read(field, ctx);
  if (r.kind === "date") {
    if (r.ambiguous)
      ctx.problems.push(problem("dateAmbiguous", "warning", row.table.sheet, row.address(field), { text: r.raw, read: longDate(r.day) }));
    return r.day;
  }
  if (r.kind === "none") return undefined;
  const text = row.text(field);
  if (NO_DATE_WORDS.test(text)) return undefined;
  const parsed = parseDateText(text, ctx);
  if (parsed) {
    if (parsed.ambiguous)
      ctx.problems.push(problem("dateAmbiguous", "warning", row.table.sheet, row.address(field), { text, read: longDate(parsed.day) }));
    return parsed.day;
  }
  ctx.problems.push(problem("dateNotUnderstood", "warning", row.table.sheet, row.address(field), { text, column: label }));
  return undefined;
}

/** The row's Weight, or undefined (with a problem when it is not a number). */
export function readWeight(row: RowReader, ctx: JudgeContext): number | undefined {
  if (!row.has("weight")) return undefined;
  const r = row.read("weight", ctx);
  if (r.kind === "quantity" && r.q.value >= 0) return r.q.value;
  if (r.kind !== "none")
    ctx.problems.push(problem("weightNotANumber", "warning", row.table.sheet, row.address("weight"), { text: row.text("weight") }));
  return undefined;
}
