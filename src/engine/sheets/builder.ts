// Builds one of our sheets row by row, with the styles, rules and helpers every sheet we write shares.
import { dayFromDate, isoDate, parseIsoDate } from "../dates";
import { type CellValue, type Rect, isCellError } from "../grid";
import type { OurSheet } from "../ownership";
import type { CellStyle, CfPlan, ChartPlan, PlanLink, PlanValue, PrintSetup, SheetPlan, ValidationPlan } from "../write-plan";
import { PROGRESS_BAR, STATUS_RULES } from "./styles";
import { flat } from "../memo";

export class SheetBuilder {
  readonly values: PlanValue[][] = [];
  readonly numberFormats: { range: Rect; format: string }[] = [];
  readonly styles: { range: Rect; style: CellStyle }[] = [];
  readonly cf: CfPlan[] = [];
  readonly validations: ValidationPlan[] = [];
  readonly charts: ChartPlan[] = [];

  constructor(readonly name: string) {}

  get row(): number {
    return this.values.length;
  }

  add(cells: PlanValue[], style?: CellStyle): number {
    const r = this.values.length;
    this.values.push(cells);
    if (style && cells.length > 0) this.styles.push({ range: { top: r, left: 0, bottom: r, right: cells.length - 1 }, style });
    return r;
  }

  blank(): void {
    this.values.push([]);
  }

  format(range: Rect, format: string): void {
    this.numberFormats.push({ range, format });
  }

  statusRules(range: Rect): void {
    if (range.bottom >= range.top) this.cf.push({ sheet: this.name, range, rules: STATUS_RULES });
  }

  /** Data bars for 0..1 values. */
  bars(range: Rect): void {
    if (range.bottom >= range.top) this.cf.push({ sheet: this.name, range, rules: [PROGRESS_BAR] });
  }

  arrows(range: Rect): void {
    if (range.bottom >= range.top) this.cf.push({ sheet: this.name, range, rules: [{ kind: "arrows" }] });
  }

  finish(role: OurSheet, layout: { widths: number[]; tabColor: string; freezeRows: number; hiddenColumns?: number[] }): SheetPlan {
    const hidden = layout.hiddenColumns ?? [];
    return {
      role,
      name: this.name,
      values: this.values,
      numberFormats: this.numberFormats,
      styles: this.styles,
      columnWidths: layout.widths,
      hiddenColumns: hidden,
      freezeRows: layout.freezeRows,
      tabColor: layout.tabColor,
      // The frozen rows are the ones a reader needs on every page too.
      print: printSetup(layout.widths, hidden, layout.freezeRows),
      conditionalFormats: this.cf,
      validations: this.validations,
      charts: this.charts,
    };
  }
}

/** Characters of the default font across a portrait page's printable width (Letter and A4 alike, 0.7" margins). */
const PORTRAIT_CHARS = 100;

/**
 * How a sheet of these column widths prints: landscape when wider than a portrait page; the top rows repeated (on
 * KPA Summary and KPA Gaps they say the as-of date, so every page does); the sheet's name and the page in the footer.
 */
export function printSetup(widths: readonly number[], hidden: readonly number[], titleRows: number): PrintSetup {
  const wide = widths.reduce((sum, w, i) => sum + (hidden.includes(i) ? 0 : w), 0) > PORTRAIT_CHARS;
  return {
    orientation: wide ? "landscape" : "portrait",
    titleRows: titleRows > 0 ? { top: 0, bottom: titleRows - 1 } : undefined,
    footer: "&A · page &P of &N",
  };
}

export function link(r: { sheet: string; cell: string }, text = `${r.sheet}!${r.cell}`): PlanLink {
  return { text: flat(text), sheet: r.sheet, cell: r.cell };
}

/** An ISO date as a date cell; anything else as the text it is. */
export function dateValue(iso: string): PlanValue {
  const d = parseIsoDate(iso);
  return d === undefined ? iso : { date: isoDate(d) };
}

export function round4(n: number): number {
  return Math.round(n * 10000) / 10000;
}

/** A value read from a cell, written back unchanged. */
export function cellToPlanValue(v: CellValue): PlanValue {
  if (v instanceof Date) return { date: isoDate(dayFromDate(v)) };
  if (isCellError(v)) return v.error;
  return v;
}
