// Applies the engine's write plan to an .xlsx package by patching it (issue 12): our cells go into the user's rows,
// our conditional formats beside the user's, our sheets are parts written whole, and styles.xml, workbook.xml, its
// relationships and [Content_Types].xml get only what we add. Every other part is copied through byte for byte.
import {
  type AppendPlan,
  type CellStyle,
  type CfPlan,
  type ChartPlan,
  type DefinedName,
  NAME_PREFIX,
  type PlanValue,
  type RangeWrite,
  type Rect,
  type SheetPlan,
  quoteSheet,
} from "../engine";
import { CHART_CONTENT, CHART_TYPE, DRAWING_CONTENT, DRAWING_TYPE, chartXml, drawingXml } from "./charts";
import { UnusableInputError } from "./errors";
import { Package, REL, closeWith, relsOf } from "./package";
import { type CellEdit, type SheetEdits, type SheetSpec, patchWorksheet, sheetXml, unselected } from "./sheet-xml";
import { EMPTY_STYLES, StyleBook } from "./styles";
import { addAttr, attr, editAttr, escapeAttr, escapeText } from "./xml";
import type { Deflated } from "./zip";

/** What to change in a package: the parts of a WritePlan the file path applies. */
export interface PackageEdits {
  readonly writes?: readonly RangeWrite[];
  readonly clears?: readonly { readonly sheet: string; readonly range: Rect }[];
  readonly conditionalFormats?: readonly CfPlan[];
  readonly ruleScope?: readonly { readonly sheet: string; readonly rect: Rect }[];
  readonly sheets?: readonly SheetPlan[];
  readonly appends?: readonly AppendPlan[];
  /** Every defined name we own afterwards; undefined leaves the names as they are. */
  readonly names?: readonly DefinedName[];
}

const WORKSHEET_TYPE = `${REL}/worksheet`;
const STYLES_TYPE = `${REL}/styles`;
const WORKSHEET_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const STYLES_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
const HEADER_STYLE: CellStyle = { bold: true, fill: "#1F3864", font: "#FFFFFF" };

interface BookSheet {
  readonly name: string;
  readonly sheetId: number;
  readonly rid: string;
  /** The worksheet part, or undefined for a chart sheet or a dangling entry. */
  readonly part: string | undefined;
}

/** The workbook part the package's root relationships point at. */
function workbookPart(pkg: Package, file: string): string {
  const main = pkg.relationships("").find((r) => r.type.endsWith("/officeDocument"));
  const part = main?.path ?? "xl/workbook.xml";
  if (!pkg.has(part)) throw new UnusableInputError(`${file} is not an .xlsx workbook that can be read (it has no workbook part).`);
  return part;
}

/** The package with the edits applied. Throws UnusableInputError, with nothing changed, for a protected sheet. */
export function patchPackage(data: Uint8Array, file: string, edits: PackageEdits): Uint8Array {
  const pkg = new Package(data, file);
  const book = workbookPart(pkg, file);
  let wbXml = pkg.text(book) as string;
  const p = /<([\w.-]+:)?workbook[\s>]/.exec(wbXml)?.[1] ?? "";
  const rels = pkg.relationships(book);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: BookSheet[] = [];
  for (const m of wbXml.matchAll(/<(?:[\w.-]+:)?sheet\b(?:[^>"']|"[^"]*"|'[^']*')*>/g)) {
    const tag = m[0];
    const rid = /\s[\w.-]+:id\s*=\s*"([^"]*)"/.exec(tag)?.[1] ?? "";
    const rel = byId.get(rid);
    sheets.push({
      name: attr(tag, "name") ?? "",
      sheetId: Number(attr(tag, "sheetId") ?? 0),
      rid,
      part: rel && !rel.external && rel.type === WORKSHEET_TYPE ? rel.path : undefined,
    });
  }
  const date1904 = /<(?:[\w.-]+:)?workbookPr\b[^>]*\sdate1904\s*=\s*"(1|true)"/.test(wbXml);
  const sheetNamed = (name: string) => sheets.find((s) => s.name === name);

  // Styles: the user's, appended to; a package without a styles part gets one.
  const stylesRel = rels.find((r) => r.type === STYLES_TYPE && !r.external);
  const stylesPart = stylesRel?.path ?? "xl/styles.xml";
  const styles = new StyleBook(pkg.text(stylesPart) ?? EMPTY_STYLES);

  // --- The user's sheets: cells, widths and rules ---
  const perSheet = new Map<string, SheetEdits & { heights: Map<number, number>; ruleScope: Rect[]; formats: CfPlan[] }>();
  const editsOf = (sheet: string) => {
    let e = perSheet.get(sheet);
    if (!e) perSheet.set(sheet, (e = { cells: new Map(), widths: new Map(), heights: new Map(), ruleScope: [], formats: [] }));
    return e;
  };
  const setCell = (e: SheetEdits, row: number, col: number, edit: CellEdit) => {
    let r = e.cells.get(row);
    if (!r) e.cells.set(row, (r = new Map()));
    r.set(col, edit);
  };
  const writing = new Set<string>();
  for (const c of edits.clears ?? []) {
    const e = editsOf(c.sheet);
    writing.add(c.sheet);
    for (let r = c.range.top; r <= c.range.bottom; r++)
      for (let col = c.range.left; col <= c.range.right; col++) setCell(e, r, col, { value: null });
  }
  for (const w of edits.writes ?? []) {
    const e = editsOf(w.sheet);
    writing.add(w.sheet);
    w.values.forEach((row, i) => {
      const header = i === 0 && w.styleFrom !== undefined;
      row.forEach((value, j) =>
        setCell(e, w.row + i, w.col + j, {
          value,
          format: w.numberFormats?.[i]?.[j] ?? undefined,
          styleFrom: header ? w.styleFrom : undefined,
          wrap: !header && w.wrap?.[j] === true ? true : undefined,
        }),
      );
      const points = w.rowPoints?.[i];
      if (points) e.heights.set(w.row + i, Math.max(points, e.heights.get(w.row + i) ?? 0));
    });
    w.columnWidths?.forEach((chars, j) => chars !== null && e.widths.set(w.col + j, chars));
  }
  for (const s of edits.ruleScope ?? []) if (sheetNamed(s.sheet)) editsOf(s.sheet).ruleScope.push(s.rect);
  for (const cf of edits.conditionalFormats ?? []) editsOf(cf.sheet).formats.push(cf);

  const ours = new Set((edits.sheets ?? []).map((s) => s.name));
  const appendsTo = new Map<string, AppendPlan>();
  for (const a of edits.appends ?? []) {
    if (sheetNamed(a.sheet)) {
      const e = editsOf(a.sheet);
      a.values.forEach((row, i) => {
        row.forEach(
          (value, j) =>
            value !== null &&
            setCell(e, a.row + i, j, {
              value,
              format: a.numberFormats?.[i]?.[j] ?? undefined,
              wrap: a.wrap?.[j] === true ? true : undefined,
            }),
        );
        const points = a.rowPoints?.[i];
        if (points) e.heights.set(a.row + i, points);
      });
      appendsTo.set(a.sheet, a);
    } else if (!a.create) throw new Error(`The plan appends to sheet "${a.sheet}", which the workbook does not have.`);
  }

  // The workbook opens on KPA Summary: the user's selected tab is selected no more.
  const summary = edits.sheets?.find((sp) => sp.role === "summary")?.name;
  if (summary) {
    for (const s of sheets) {
      if (!s.part || ours.has(s.name)) continue;
      const e = perSheet.get(s.name);
      if (e) e.unselect = true;
      else {
        const xml = pkg.text(s.part);
        const edited = xml === undefined ? undefined : unselected(xml);
        if (edited !== undefined) pkg.set(s.part, edited);
      }
    }
  }

  // Everything is read and checked before anything is changed. Our own sheets, replaced whole, are refused too
  // when someone protected them: protection is the user's, not ours to drop.
  for (const name of ours) {
    const part = sheetNamed(name)?.part;
    const xml = part === undefined ? undefined : pkg.text(part);
    if (xml !== undefined && isProtected(xml))
      throw new UnusableInputError(
        `${file}: sheet "${name}" is protected, so KPA Tracker cannot refresh it. Unprotect it (in Excel, Review > Unprotect Sheet) and evaluate again.`,
      );
  }
  const patched = new Map<string, Deflated>();
  let formulas = false;
  for (const [name, e] of perSheet) {
    if (ours.has(name)) continue;
    const s = sheetNamed(name);
    if (!s?.part) throw new Error(`The plan writes to sheet "${name}", which the workbook does not have.`);
    const xml = pkg.text(s.part);
    if (xml === undefined) throw new UnusableInputError(`${file} is damaged: the sheet "${name}" has no ${s.part} part.`);
    if (isProtected(xml) && (writing.has(name) || appendsTo.has(name) || e.formats.length > 0))
      throw new UnusableInputError(
        appendsTo.has(name) && !writing.has(name)
          ? `${file}: sheet "${name}" is protected, so rows cannot be added to it. Unprotect it (in Excel, Review > Unprotect Sheet) and try again.`
          : `${file}: sheet "${name}" is protected, so its status columns cannot be written. Unprotect it (in Excel, Review > Unprotect Sheet) and evaluate again.`,
      );
    const r = patchWorksheet(xml, e, styles, date1904);
    formulas ||= r.formulas;
    patched.set(s.part, r.deflated);
  }
  for (const [part, xml] of patched) pkg.set(part, xml);

  // --- Our sheets, written whole ---
  const printTitles = new Map<string, { top: number; bottom: number }>();
  const specs: { name: string; spec: SheetSpec; charts?: readonly ChartPlan[] }[] = [];
  for (const sp of edits.sheets ?? []) {
    specs.push({ name: sp.name, spec: specOf(sp), charts: sp.charts });
    if (sp.print.titleRows) printTitles.set(sp.name, sp.print.titleRows);
  }
  for (const a of edits.appends ?? []) {
    if (sheetNamed(a.sheet) || !a.create) continue;
    specs.push({ name: a.sheet, spec: appendSpec(a) });
    if (a.create.print.titleRows) printTitles.set(a.sheet, a.create.print.titleRows);
  }
  // A workbook whose structure is locked gets no new sheet: refused before anything is written, as the add-in does.
  const adding = specs.filter((x) => !sheetNamed(x.name)).map((x) => x.name);
  if (adding.length > 0 && isLocked(wbXml))
    throw new UnusableInputError(
      `${file}: the workbook's structure is protected, so KPA Tracker cannot add its sheets (${adding.join(", ")}). Unprotect the workbook (in Excel, Review > Protect Workbook) and evaluate again.`,
    );
  const added: string[] = [];
  for (const { name, spec, charts } of specs) {
    const xml = sheetXml({ ...spec, drawing: Boolean(charts?.length), selected: name === summary }, styles, date1904);
    const existing = sheetNamed(name);
    if (existing?.part) {
      dropRelated(pkg, existing.part);
      pkg.set(existing.part, xml);
      if (charts?.length) addCharts(pkg, existing.part, name, charts);
      continue;
    }
    const part = freePart(pkg, "xl/worksheets/sheet", ".xml");
    pkg.set(part, xml);
    if (charts?.length) addCharts(pkg, part, name, charts);
    pkg.setContentType(part, WORKSHEET_CONTENT);
    const rid = pkg.addRelationship(book, WORKSHEET_TYPE, part);
    const sheetId = Math.max(0, ...sheets.map((s) => s.sheetId)) + 1;
    sheets.push({ name, sheetId, rid, part });
    added.push(`<${p}sheet name="${escapeAttr(name, '"')}" sheetId="${sheetId}" ${relPrefix(wbXml)}:id="${rid}"${relDeclaration(wbXml)}/>`);
  }
  if (added.length > 0) wbXml = closeWith(wbXml, `${p}sheets`, added.join(""));

  if (styles.changed || !stylesRel) {
    pkg.set(stylesPart, styles.xml());
    if (!stylesRel) {
      pkg.addRelationship(book, STYLES_TYPE, stylesPart);
      pkg.setContentType(stylesPart, STYLES_CONTENT);
    }
  }

  if (edits.names) wbXml = withNames(wbXml, p, edits.names, printTitles, sheets);
  if (summary)
    wbXml = withActiveTab(
      wbXml,
      p,
      sheets.findIndex((s) => s.name === summary),
    );
  pkg.set(book, wbXml);

  // A cell that held a formula no longer does: Excel's calculation chain would point at it, and it rebuilds one.
  if (formulas) {
    const chain = rels.find((r) => r.type.endsWith("/calcChain"));
    if (chain) {
      pkg.removeRelationships(book, (r) => r.id === chain.id);
      pkg.remove(chain.path);
      pkg.removeContentType(chain.path);
    }
  }
  return pkg.bytes();
}

/** Whether a package holds macros: a VBA project, or a macro-enabled workbook content type. */
export function hasMacros(data: Uint8Array, file: string): boolean {
  const pkg = new Package(data, file);
  if (pkg.names().some((n) => /vbaProject\.bin$/i.test(n))) return true;
  return /macroEnabled\.main\+xml/.test(pkg.text("[Content_Types].xml") ?? "");
}

/** Whether the workbook's structure is locked (no sheet can be added), as Excel and LibreOffice write it. */
export function structureLocked(data: Uint8Array, file: string): boolean {
  const pkg = new Package(data, file);
  return isLocked(pkg.text(workbookPart(pkg, file)) ?? "");
}

/** workbook.xml opening on the sheet at `index`. */
function withActiveTab(wbXml: string, p: string, index: number): string {
  if (index < 0) return wbXml;
  const view = /<(?:[\w.-]+:)?workbookView\b(?:[^>"']|"[^"]*"|'[^']*')*?\/?>/.exec(wbXml);
  if (!view) {
    const at = wbXml.search(new RegExp(`<${p}sheets[\\s>]`));
    return at < 0
      ? wbXml
      : `${wbXml.slice(0, at)}<${p}bookViews><${p}workbookView activeTab="${index}"/></${p}bookViews>${wbXml.slice(at)}`;
  }
  let tag =
    attr(view[0], "activeTab") === undefined
      ? addAttr(view[0], "activeTab", String(index))
      : editAttr(view[0], "activeTab", () => String(index));
  // The first tab shown must not come after the active one.
  if (Number(attr(tag, "firstSheet") ?? 0) > index) tag = editAttr(tag, "firstSheet", () => String(index));
  return wbXml.slice(0, view.index) + tag + wbXml.slice(view.index + view[0].length);
}

/** A workbook whose structure is locked, as Excel ("1") and LibreOffice ("true") write it. */
function isLocked(wbXml: string): boolean {
  const m = /<(?:[\w.-]+:)?workbookProtection\b[^>]*>/.exec(wbXml);
  return m !== null && xmlTrue(attr(m[0], "lockStructure"));
}

/** Protected as Excel and LibreOffice write it: <sheetProtection sheet="1"> or sheet="true". */
function isProtected(xml: string): boolean {
  const m = /<(?:[\w.-]+:)?sheetProtection\b[^>]*>/.exec(xml);
  if (!m) return false;
  return xmlTrue(attr(m[0], "sheet"));
}

/** An xsd:boolean that is true, as Excel ("1") and LibreOffice ("true") write it; whitespace around is allowed. */
const xmlTrue = (v: string | undefined): boolean => v !== undefined && /^\s*(?:1|true)\s*$/.test(v);

const relPrefix = (wbXml: string): string => {
  const m = new RegExp(`xmlns:([\\w.-]+)="${REL.replace(/[./]/g, "\\$&")}"`).exec(wbXml);
  return m?.[1] ?? "r";
};
/** Declares the relationships namespace on our <sheet> when the workbook does not declare it. */
const relDeclaration = (wbXml: string): string =>
  new RegExp(`xmlns:[\\w.-]+="${REL.replace(/[./]/g, "\\$&")}"`).test(wbXml) ? "" : ` xmlns:r="${REL}"`;

/** A part name not yet in the package: xl/worksheets/sheet7.xml. */
function freePart(pkg: Package, stem: string, ext: string): string {
  let n = 1;
  while (pkg.has(`${stem}${n}${ext}`)) n++;
  return `${stem}${n}${ext}`;
}

/** A sheet's charts: one drawing (related as the sheet's rId1, as sheetXml refers to it) and a part per chart. */
function addCharts(pkg: Package, sheetPart: string, sheet: string, charts: readonly ChartPlan[]): void {
  const drawing = freePart(pkg, "xl/drawings/drawing", ".xml");
  pkg.set(drawing, drawingXml(charts));
  pkg.setContentType(drawing, DRAWING_CONTENT);
  const rid = pkg.addRelationship(sheetPart, DRAWING_TYPE, drawing);
  if (rid !== "rId1") throw new Error(`The drawing of "${sheet}" was related as ${rid}, not rId1.`);
  for (const c of charts) {
    const part = freePart(pkg, "xl/charts/chart", ".xml");
    pkg.set(part, chartXml(c, sheet));
    pkg.setContentType(part, CHART_CONTENT);
    pkg.addRelationship(drawing, CHART_TYPE, part);
  }
}

/** Our sheet is written anew: the parts only its old version used (a drawing and its charts) go with it. */
function dropRelated(pkg: Package, part: string): void {
  const rels = pkg.relationships(part).filter((r) => !r.external);
  pkg.remove(relsOf(part));
  const usedElsewhere = (target: string) =>
    pkg.names().some((n) => n.endsWith(".rels") && n !== relsOf(part) && pkg.relationships(sourceOf(n)).some((r) => r.path === target));
  for (const r of rels) {
    if (!/\/(drawing|chart|chartUserShapes|image)$/.test(r.type) || usedElsewhere(r.path)) continue;
    dropRelated(pkg, r.path);
    pkg.remove(r.path);
    pkg.removeContentType(r.path);
  }
}

/** The part a relationships part belongs to: xl/_rels/workbook.xml.rels → xl/workbook.xml. */
function sourceOf(rels: string): string {
  return rels.replace(/_rels\/([^/]*)\.rels$/, "$1");
}

/** A SheetPlan as a sheet spec: its per-range formats and styles read per cell, row by row. */
function specOf(sp: SheetPlan): SheetSpec {
  // Later styles win for what they set, as applying them one after another would.
  const look = (old: CellStyle | undefined, s: CellStyle): CellStyle => {
    if (!old) return s;
    const fontSet = s.bold || s.italic || s.size || s.font;
    return {
      ...(fontSet ? { bold: s.bold, italic: s.italic, size: s.size, font: s.font } : pick(old)),
      fill: s.fill ?? old.fill,
      wrap: s.wrap ?? old.wrap,
    };
  };
  return {
    values: sp.values,
    formatAt: rangeReader(
      sp.numberFormats.map((f) => ({ range: f.range, value: f.format })),
      (_old, f) => f,
    ),
    styleAt: rangeReader(
      sp.styles.map((s) => ({ range: s.range, value: s.style })),
      look,
    ),
    columnWidths: sp.columnWidths,
    hiddenColumns: sp.hiddenColumns,
    merges: sp.merges,
    rowHeights: sp.rowHeights,
    freezeRows: sp.freezeRows,
    tabColor: sp.tabColor,
    print: sp.print,
    conditionalFormats: sp.conditionalFormats,
    validations: sp.validations,
    // A loop, not Math.max(...list): a sheet of 100k styled rows would pass the engine's argument limit.
    height: sp.styles.reduce((h, s) => Math.max(h, s.range.bottom + 1), sp.values.length),
  };
}

const WRAP_STYLE: CellStyle = { wrap: true };

const pick = (s: CellStyle): CellStyle => ({ bold: s.bold, italic: s.italic, size: s.size, font: s.font });

/**
 * A per-cell reader of range-wise entries, combined in order by `combine`. The sheet is written row by row, so the
 * entries covering the current row are kept as it moves down (a step back starts over), and each combination of
 * entries is made once: the same object comes back for every cell it covers, which the style book caches by.
 */
function rangeReader<T>(
  entries: readonly { range: Rect; value: T }[],
  combine: (old: T | undefined, next: T) => T,
): (r: number, c: number) => T | undefined {
  const order = entries
    .map((_, i) => i)
    .sort((a, b) => (entries[a] as { range: Rect }).range.top - (entries[b] as { range: Rect }).range.top);
  const combined = new Map<string, T>();
  let row = -1;
  let next = 0;
  let active: number[] = [];
  const moveTo = (r: number) => {
    if (r < row) {
      next = 0;
      active = [];
    }
    row = r;
    active = active.filter((i) => (entries[i] as { range: Rect }).range.bottom >= r);
    while (next < order.length && (entries[order[next] as number] as { range: Rect }).range.top <= r) {
      const i = order[next++] as number;
      if ((entries[i] as { range: Rect }).range.bottom >= r) active.push(i);
    }
    active.sort((a, b) => a - b);
  };
  return (r, c) => {
    if (r !== row) moveTo(r);
    let key = "";
    for (const i of active) {
      const { range } = entries[i] as { range: Rect };
      if (c >= range.left && c <= range.right) key += `${i},`;
    }
    if (key === "") return undefined;
    const known = combined.get(key);
    if (known !== undefined) return known;
    let out: T | undefined;
    for (const i of key.slice(0, -1).split(",")) out = combine(out, (entries[Number(i)] as { value: T }).value);
    combined.set(key, out as T);
    return out;
  };
}

/** A new sheet for appended rows: the header, then the rows. */
function appendSpec(a: AppendPlan): SheetSpec {
  const setup = a.create as NonNullable<AppendPlan["create"]>;
  const values: PlanValue[][] = [[...setup.header]];
  for (let r = 1; r < a.row; r++) values.push([]);
  for (const row of a.values) values.push([...row]);
  return {
    values,
    formatAt: (r, c) => (r >= a.row ? (a.numberFormats?.[r - a.row]?.[c] ?? undefined) : undefined),
    styleAt: (r, c) => (r === 0 && c < setup.header.length ? HEADER_STYLE : r >= a.row && a.wrap?.[c] ? WRAP_STYLE : undefined),
    columnWidths: setup.columnWidths,
    hiddenColumns: setup.hiddenColumns ?? [],
    merges: [],
    rowHeights: (a.rowPoints ?? []).flatMap((points, i) => (points ? [{ row: a.row + i, points }] : [])),
    freezeRows: setup.freezeRows,
    tabColor: setup.tabColor,
    print: setup.print,
    conditionalFormats: [],
    validations: [],
  };
}

/** The sheet a reference such as 'KPA History'!$A$1 is on. */
function sheetOfRef(ref: string): string {
  const bang = ref.lastIndexOf("!");
  const sheet = bang < 0 ? ref : ref.slice(0, bang);
  return sheet.startsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
}

/** workbook.xml's defined names: the user's as they were, ours replaced, and our sheets' print titles. */
function withNames(
  wbXml: string,
  p: string,
  names: readonly DefinedName[],
  titles: ReadonlyMap<string, { top: number; bottom: number }>,
  sheets: readonly BookSheet[],
): string {
  const indexOf = new Map(sheets.map((s, i) => [s.name, i]));
  // Our sheets: those we write now, and those our names mark (History, appended to, keeps its titles as they are).
  const marked = names.filter((n) => n.name.startsWith(`${NAME_PREFIX}Sheet_`)).map((n) => sheetOfRef(n.ref));
  const oursAt = new Set([...titles.keys(), ...marked].map((n) => indexOf.get(n as string)).filter((i) => i !== undefined));
  const kept = new Map<number, string>();
  const nameRe = /<(?:[\w.-]+:)?definedName\b(?:[^>"']|"[^"]*"|'[^']*')*?(?:\/>|>[\s\S]*?<\/(?:[\w.-]+:)?definedName>)/g;
  let xml = wbXml.replace(nameRe, (el) => {
    const tag = el.slice(0, el.indexOf(">") + 1);
    const name = attr(tag, "name") ?? "";
    if (name.startsWith(NAME_PREFIX)) return "";
    const scope = Number(attr(tag, "localSheetId"));
    if (name === "_xlnm.Print_Titles" && oursAt.has(scope)) {
      kept.set(scope, el);
      return "";
    }
    return el;
  });
  // Our sheets' print titles after our names, by sheet, so a second evaluation lists the names as the first did.
  for (const [sheet, t] of titles)
    kept.set(
      indexOf.get(sheet) as number,
      `<${p}definedName name="_xlnm.Print_Titles" localSheetId="${indexOf.get(sheet)}">${escapeText(`${quoteSheet(sheet)}!$${t.top + 1}:$${t.bottom + 1}`)}</${p}definedName>`,
    );
  const ourNames = [
    ...names.map((n) => `<${p}definedName name="${escapeAttr(n.name, '"')}">${escapeText(n.ref)}</${p}definedName>`),
    ...[...kept].sort((a, b) => a[0] - b[0]).map(([, el]) => el),
  ].join("");
  const list = new RegExp(`<${p}definedNames\\b[^>]*?(/?)>`).exec(xml);
  if (list) {
    if (list[1] === "/")
      return (
        xml.slice(0, list.index) +
        (ourNames ? `<${p}definedNames>${ourNames}</${p}definedNames>` : "") +
        xml.slice(list.index + list[0].length)
      );
    xml = closeWith(xml, `${p}definedNames`, ourNames);
    // A list left empty is not allowed: remove it.
    return xml.replace(new RegExp(`<${p}definedNames\\b[^>]*>\\s*</${p}definedNames>`), "");
  }
  if (!ourNames) return xml;
  // CT_Workbook: definedNames come after sheets, functionGroups and externalReferences.
  const after = [
    "calcPr",
    "oleSize",
    "customWorkbookViews",
    "pivotCaches",
    "smartTagPr",
    "smartTagTypes",
    "webPublishing",
    "fileRecoveryPr",
    "webPublishObjects",
    "extLst",
  ];
  let at = xml.lastIndexOf(`</${p}workbook>`);
  for (const n of after) {
    const m = new RegExp(`<${p}${n}(?=[\\s/>])`).exec(xml);
    if (m && m.index < at) at = m.index;
  }
  return `${xml.slice(0, at)}<${p}definedNames>${ourNames}</${p}definedNames>${xml.slice(at)}`;
}
