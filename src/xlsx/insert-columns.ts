// Inserting whole worksheet columns into a saved .xlsx package, the way Excel does when a user inserts columns:
// cells move right, and every formula, range, name, anchor and part that points at a moved cell still points at
// the same cell (`kpa evaluate --make-room`). The parts are edited as XML text, element by element; a part that
// needs no change is copied through as it was.
//
// What moves, for the sheet the columns go into:
//   cells (<c r>, <row spans> dropped), every <f> (shared formulas re-read or un-shared, array refs, data-table
//   r1/r2), <dimension>, sheet views (topLeftCell, frozen xSplit, selections), <cols>, merged cells, conditional
//   formats, data validations, hyperlinks, autoFilter (+ filterColumn colId), sortState, protected ranges,
//   scenarios, ignored errors, cell watches, smart tags, web publish items, column page breaks, control and OLE
//   object anchors, <extLst> <xm:sqref>, table parts (which may not be split), comments and threaded comments,
//   the notes' VML anchors, drawing anchors, pivot table locations.
// Everywhere else, only what refers to that sheet: formulas of every worksheet (cells, conditional formats,
//   validations, <xm:f>, hyperlink locations, control links, table column formulas, text-box links), defined names,
//   chart series formulas, pivot cache sources.
// xl/calcChain.xml is deleted: Excel rebuilds it.
//
// Refused with an Error, as Excel refuses them: an insert that would split a table, a pivot table, an array formula
// or a data table, or push cells past column XFD; a sheet the workbook lacks; a sheet written with a namespace
// prefix (<x:c>) or CDATA, which these regular expressions do not read.
//
// Not moved (Excel would, but kpa has no way to do it right from the XML alone):
//   - objects anchored "absolute" (editAs="absolute") are moved with their cells rather than left in place, and
//     a drawing or note spanning the insert point grows rather than keeping its size;
//   - the VML shape's style (margin-left, in points) is left as it was; Excel places notes by <x:Anchor>;
//   - the new columns get no cell formats (Excel copies the left column's), only the widths of a <col> range they
//     fall inside;
//   - references in macro sheets, dialog sheets, external link parts and chart user shapes are not read, nor
//     a pivot selection's activeCol or the workbook's <oleSize>;
//   - a reference pushed past XFD stops at XFD (Excel would write #REF!).
import { Package } from "./package";
import { ATTRS, addAttr, attr, editAttr, editTags, editText, escapeText, hasRelId, relIdOf, unescapeXml } from "./xml";
import {
  LAST_COLUMN,
  columnIndex,
  columnLetters,
  shiftAreas,
  shiftColumn,
  shiftFormula,
  translateFormula,
  type ColumnInsert,
} from "../engine";

// --- Cells and columns ---------------------------------------------------------------------------------------

/** The first and last column of an area ("B2:F9", "C4", "B:D"). */
function areaColumns(area: string): { left: number; right: number } | undefined {
  const ends = area
    .trim()
    .split(":")
    .map((p) => /^\$?([A-Za-z]{1,3})/.exec(p)?.[1]);
  if (ends.length === 0 || ends.some((e) => e === undefined)) return undefined;
  const cols = ends.map((e) => columnIndex(e as string));
  return { left: Math.min(...cols), right: Math.max(...cols) };
}

/** True when the insert point falls strictly inside an area's columns (it would have to be cut in two). */
function cutsThrough(area: string, ins: ColumnInsert): boolean {
  const c = areaColumns(area);
  return c !== undefined && c.left < ins.at && ins.at <= c.right;
}

const describe = (ins: ColumnInsert): string => `${ins.count} column(s) before column ${columnLetters(ins.at)} of "${ins.sheet}"`;

// --- Drawing and note anchors --------------------------------------------------------------------------------

/**
 * Moves the column of each <from>/<to> anchor marker (0-based, any prefix: xdr:from in drawings, from in a sheet's
 * control and OLE object anchors). A left edge on or after the insert point moves; a right edge moves when it lies
 * past the start of the inserted column (an object ending exactly where column `at` begins does not grow).
 */
function shiftMarkers(xml: string, ins: ColumnInsert): string {
  let fromMoved = false;
  return xml.replace(/<((?:[\w.-]+:)?)(from|to)>([\s\S]*?)<\/\1\2>/g, (all, prefix: string, which: string, body: string) => {
    const col = /<((?:[\w.-]+:)?)col>\s*(\d+)\s*<\/\1col>/.exec(body);
    if (!col) return all;
    const c = Number(col[2]);
    const off = Number(/<((?:[\w.-]+:)?)colOff>\s*(-?\d+)\s*<\/\1colOff>/.exec(body)?.[2] ?? 0);
    const moves = which === "from" ? c >= ins.at : c > ins.at || (c === ins.at && (off > 0 || fromMoved));
    if (which === "from") fromMoved = moves;
    if (!moves) return all;
    const newBody = body.replace(col[0], () => `<${col[1]}col>${Math.min(c + ins.count, LAST_COLUMN)}</${col[1]}col>`);
    return `<${prefix}${which}>${newBody}</${prefix}${which}>`;
  });
}

/** A legacy VML drawing (notes, form controls): <x:Anchor> columns, <x:Column>, and on any sheet the formula links. */
function rewriteVml(xml: string, home: string, ins: ColumnInsert, moved: boolean): string {
  let out = xml.replace(
    /(<((?:[\w.-]+:)?)(Fmla(?:Link|Range|Txbx|Group|Pict))>)([^<]*)(<\/\2\3>)/g,
    (all, open: string, _p, _n, text: string, close: string) => {
      const before = unescapeXml(text);
      const after = shiftFormula(before, home, ins);
      return after === before ? all : `${open}${escapeText(after)}${close}`;
    },
  );
  if (!moved) return out;
  out = out.replace(/(<((?:[\w.-]+:)?)Anchor>)([^<]*)(<\/\2Anchor>)/g, (all, open: string, _p, text: string, close: string) => {
    const tokens = text.split(",");
    if (tokens.length !== 8) return all;
    const n = tokens.map((t) => Number(t.trim()));
    if (n.some((v) => !Number.isInteger(v))) return all;
    const [left, , , , right, rightOff] = n as [number, number, number, number, number, number];
    const leftMoves = left >= ins.at;
    const rightMoves = right > ins.at || (right === ins.at && (rightOff > 0 || leftMoves));
    const set = (k: number, v: number) => (tokens[k] = (tokens[k] as string).replace(/\d+/, String(Math.min(v, LAST_COLUMN))));
    if (leftMoves) set(0, left + ins.count);
    if (rightMoves) set(4, right + ins.count);
    return `${open}${tokens.join(",")}${close}`;
  });
  return out.replace(/(<((?:[\w.-]+:)?)Column>)\s*(\d+)\s*(<\/\2Column>)/g, (all, open: string, _p, col: string, close: string) =>
    Number(col) >= ins.at ? `${open}${shiftColumn(Number(col), ins)}${close}` : all,
  );
}

/** A drawing part: anchors move on the inserted sheet; text boxes linked to a cell (textlink) on any sheet. */
function rewriteDrawing(xml: string, home: string, ins: ColumnInsert, moved: boolean): string {
  let out = xml;
  for (const tag of ["xdr:sp", "sp"]) out = editTags(out, tag, (t) => editAttr(t, "textlink", (v) => (v ? shiftFormula(v, home, ins) : v)));
  return moved ? shiftMarkers(out, ins) : out;
}

// --- Worksheets ----------------------------------------------------------------------------------------------

/** The <cols> element: ranges at or after the insert move, a range spanning it grows (the new columns take its format). */
function rewriteCols(xml: string, ins: ColumnInsert): string {
  return xml.replace(/<cols(?=[\s>])[^>]*>([\s\S]*?)<\/cols>/g, (all: string, body: string) => {
    const p = ins.at + 1; // 1-based, as <col min max> count
    let dropped = false;
    const newBody = body.replace(
      new RegExp(`(<col(?=[\\s/>])${ATTRS}>)(\\s*</col>)?`, "g"),
      (whole, tag: string, close: string | undefined) => {
        const min = Number(attr(tag, "min"));
        const max = Number(attr(tag, "max"));
        if (!Number.isInteger(min) || !Number.isInteger(max)) return whole;
        let lo = min;
        let hi = max;
        if (min >= p) {
          lo += ins.count;
          hi += ins.count;
        } else if (max >= p) hi += ins.count;
        if (lo > LAST_COLUMN + 1) {
          dropped = true;
          return "";
        }
        hi = Math.min(hi, LAST_COLUMN + 1);
        return (
          editAttr(
            editAttr(tag, "min", () => String(lo)),
            "max",
            () => String(hi),
          ) + (close ?? "")
        );
      },
    );
    if (dropped && !/<col(?=[\s/>])/.test(newBody)) return ""; // <cols> needs one <col> at least
    const open = all.indexOf(body);
    return all.slice(0, open) + newBody + all.slice(open + body.length);
  });
}

/** An <autoFilter> on the inserted sheet: its range, and the columns of its filters when the insert falls inside it. */
function rewriteAutoFilter(xml: string, ins: ColumnInsert): string {
  return xml.replace(new RegExp(`<autoFilter(?=[\\s/>])${ATTRS}?(?:/>|>[\\s\\S]*?</autoFilter>)`, "g"), (all: string) => {
    const open = new RegExp(`^<autoFilter${ATTRS}>`).exec(all)?.[0] as string;
    const ref = attr(open, "ref");
    let body = all.slice(open.length);
    const cols = ref === undefined ? undefined : areaColumns(ref.split(" ")[0] as string);
    if (cols && cutsThrough(ref as string, ins)) {
      body = editTags(body, "filterColumn", (t) =>
        editAttr(t, "colId", (v) => (cols.left + Number(v) >= ins.at ? String(Number(v) + ins.count) : v)),
      );
    }
    return editAttr(open, "ref", (v) => shiftAreas(v, ins)) + body;
  });
}

/** Moves the areas of one attribute of every element `name`. */
function areasOf(xml: string, name: string, attrName: string, ins: ColumnInsert): string {
  return editTags(xml, name, (t) => editAttr(t, attrName, (v) => shiftAreas(v, ins)));
}

/** The parts of a worksheet outside <sheetData>. */
function rewriteSheetElements(xml: string, home: string, ins: ColumnInsert, moved: boolean, internalLinks: ReadonlySet<string>): string {
  const f = (s: string) => shiftFormula(s, home, ins);
  let x = xml;
  // Formulas, on any sheet: references to the inserted sheet move.
  x = editText(x, "formula", f); // <cfRule><formula>
  x = editText(x, "formula1", f); // <dataValidation>
  x = editText(x, "formula2", f);
  x = editText(x, "xm:f", f); // <extLst>: x14 conditional formats, x14 validations, sparklines
  x = editTags(x, "cfvo", (t) => editAttr(t, "val", f));
  // An internal hyperlink's location ("Sheet1!A1", or a name); one with a relationship points into another file.
  // ExcelJS writes an internal link as a relationship to "#Sheet!A1" plus the location: both are internal.
  x = editTags(x, "hyperlink", (t) => {
    const rid = relIdOf(t);
    return rid === undefined || internalLinks.has(rid) ? editAttr(t, "location", f) : t;
  });
  x = editTags(x, "controlPr", (t) => editAttr(editAttr(t, "linkedCell", f), "listFillRange", f));
  // <dataConsolidate> sources: those on another sheet name it.
  x = editTags(x, "dataRef", (t) => {
    const sheet = attr(t, "sheet");
    if (hasRelId(t) || attr(t, "name") !== undefined) return t;
    const on = sheet ?? (moved ? ins.sheet : undefined);
    return on !== undefined && on.toLowerCase() === ins.sheet.toLowerCase() ? editAttr(t, "ref", (v) => shiftAreas(v, ins)) : t;
  });
  if (!moved) return x;

  const area = (v: string) => shiftAreas(v, ins);
  x = areasOf(x, "dimension", "ref", ins);
  for (const view of ["sheetView", "customSheetView"]) x = areasOf(x, view, "topLeftCell", ins);
  x = editTags(x, "pane", (t) => {
    let out = editAttr(t, "topLeftCell", area);
    const state = attr(t, "state") ?? "split";
    // Frozen columns (xSplit counts them) grow when the insert falls among them; a split pane's xSplit is a width.
    if (state === "frozen" || state === "frozenSplit")
      out = editAttr(out, "xSplit", (v) => (ins.at < Number(v) ? String(Number(v) + ins.count) : v));
    return out;
  });
  x = editTags(x, "selection", (t) => editAttr(editAttr(t, "activeCell", area), "sqref", area));
  x = rewriteCols(x, ins);
  x = areasOf(x, "protectedRange", "sqref", ins);
  x = areasOf(x, "scenarios", "sqref", ins);
  x = areasOf(x, "inputCells", "r", ins);
  x = rewriteAutoFilter(x, ins);
  x = areasOf(x, "sortState", "ref", ins);
  x = areasOf(x, "sortCondition", "ref", ins);
  x = areasOf(x, "mergeCell", "ref", ins);
  x = areasOf(x, "conditionalFormatting", "sqref", ins);
  x = areasOf(x, "dataValidation", "sqref", ins);
  x = areasOf(x, "hyperlink", "ref", ins);
  x = areasOf(x, "ignoredError", "sqref", ins);
  x = areasOf(x, "cellWatch", "r", ins);
  x = areasOf(x, "cellSmartTags", "r", ins);
  x = areasOf(x, "webPublishItem", "sourceRef", ins);
  x = editText(x, "xm:sqref", area);
  // Column page breaks: <brk id> is the 0-based column the break stands left of (ECMA-376 Part 1, 18.3.1.3: "Breaks
  // occur above the specified row and left of the specified column"); it moves with that column.
  x = x.replace(/<colBreaks(?=[\s>])[^>]*>[\s\S]*?<\/colBreaks>/g, (all) =>
    editTags(all, "brk", (t) => editAttr(t, "id", (v) => String(Math.min(shiftColumn(Number(v), ins), LAST_COLUMN)))),
  );
  // Control and OLE object anchors (<anchor><from><xdr:col>); no other worksheet element is named from/to.
  x = shiftMarkers(x, ins);
  return x;
}

interface SharedGroup {
  text: string;
  row: number;
  col: number;
  ref: string;
  children: { row: number; col: number }[];
  unshare?: boolean;
}

const ROW_RE = /<row(?=[\s>/])([^>]*?)(\/>|>([\s\S]*?)<\/row>)/g;
const CELL_RE = /<c(?=[\s>/])([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g;
const F_RE = /<f(?=[\s>/])([^>]*?)(\/>|>([\s\S]*?)<\/f>)/;
const ROW_R = /\sr\s*=\s*["'](\d+)["']/;
const CELL_R = /\sr\s*=\s*["']\$?([A-Za-z]{1,3})\$?\d+["']/;

/** Calls fn on every cell of <sheetData> with its 1-based row and 0-based column (read from r, or implied by order). */
function eachCell(
  data: string,
  onRow: (tag: string, row: number) => string,
  onCell: (attrs: string, rest: string, body: string | undefined, row: number, col: number) => string,
): string {
  let lastRow = 0;
  return data.replace(ROW_RE, (_all, rowAttrs: string, rowRest: string, rowBody: string | undefined) => {
    const r = ROW_R.exec(rowAttrs)?.[1];
    const row = r !== undefined ? Number(r) : lastRow + 1;
    lastRow = row;
    const rowTag = onRow(`<row${rowAttrs}${rowBody === undefined ? "/>" : ">"}`, row);
    if (rowBody === undefined) return rowTag;
    let lastCol = -1;
    const body = rowBody.replace(CELL_RE, (cell, attrs: string, rest: string, cellBody: string | undefined) => {
      const ref = CELL_R.exec(attrs)?.[1];
      const col = ref !== undefined ? columnIndex(ref) : lastCol + 1;
      lastCol = col;
      const out = onCell(attrs, rest, cellBody, row, col);
      return out === "" ? cell : out;
    });
    return `${rowTag}${body}${rowRest.slice(rowRest.length - "</row>".length)}`;
  });
}

/** <sheetData>: cells move on the inserted sheet; formulas on every sheet. */
function rewriteSheetData(data: string, home: string, ins: ColumnInsert, moved: boolean): string {
  if (!moved && !/<f[\s>]/.test(data)) return data;
  const f = (s: string) => shiftFormula(s, home, ins);
  const newCol = (c: number) => (moved ? shiftColumn(c, ins) : c);

  // Shared formulas: the master's text reads in each child translated by the child's offset. When moving the
  // references would move them unevenly (a group across the insert, or one reading relative references to moved
  // columns from more than one column), each cell gets its own formula instead.
  const groups = new Map<string, SharedGroup>();
  if (/\bt\s*=\s*["']shared["']/.test(data)) {
    eachCell(
      data,
      (t) => t,
      (_attrs, _rest, body, row, col) => {
        const fm = body === undefined ? null : F_RE.exec(body);
        if (!fm || attr(fm[1] as string, "t") !== "shared") return "";
        const si = attr(fm[1] as string, "si") ?? "";
        const ref = attr(fm[1] as string, "ref");
        let g = groups.get(si);
        if (ref !== undefined && fm[3] !== undefined && fm[3] !== "") {
          g = { text: unescapeXml(fm[3]), row, col, ref, children: g?.children ?? [] };
          groups.set(si, g);
        } else if (g) g.children.push({ row, col });
        else groups.set(si, { text: "", row: -1, col: -1, ref: "", children: [{ row, col }] });
        return "";
      },
    );
    for (const g of groups.values()) {
      if (g.row < 0) continue;
      const span = areaColumns(g.ref);
      if (!span || span.left === span.right) continue; // one column: shifting and translating by rows commute
      if (moved && cutsThrough(g.ref, ins)) {
        g.unshare = true;
        continue;
      }
      const shifted = f(g.text);
      g.unshare = g.children.some((c) => {
        const own = f(translateFormula(g.text, c.row - g.row, c.col - g.col));
        return own !== translateFormula(shifted, c.row - g.row, newCol(c.col) - newCol(g.col));
      });
    }
  }

  let maxCol = -1;
  const out = eachCell(
    data,
    (tag) => (moved ? editAttr(tag, "spans", () => undefined) : tag),
    (attrs, rest, body, row, col) => {
      const moves = moved && col >= ins.at;
      const hasF = body !== undefined && body.includes("<f");
      if (!moves && !hasF) return "";
      let tag = `<c${attrs}${body === undefined ? "/>" : ">"}`;
      if (moves) {
        maxCol = Math.max(maxCol, col);
        const r = `${columnLetters(col + ins.count)}${row}`;
        tag = CELL_R.test(attrs) ? editAttr(tag, "r", () => r) : addAttr(tag, "r", r);
      }
      let newBody = body;
      const fm = hasF ? F_RE.exec(body as string) : null;
      if (body !== undefined && fm) {
        const newF = rewriteF(fm, row, col);
        if (newF !== fm[0]) newBody = body.slice(0, fm.index) + newF + body.slice(fm.index + fm[0].length);
      }
      if (newBody === body && tag === `<c${attrs}${body === undefined ? "/>" : ">"}`) return "";
      return body === undefined ? tag : `${tag}${newBody}${rest.slice(rest.length - "</c>".length)}`;
    },
  );
  if (maxCol >= 0 && maxCol + ins.count > LAST_COLUMN) {
    throw new Error(`Cannot insert ${describe(ins)}: cells in column ${columnLetters(maxCol)} would be pushed off the sheet`);
  }
  return out;

  function rewriteF(fm: RegExpExecArray, row: number, col: number): string {
    const original = `<f${fm[1]}${fm[3] === undefined ? "/>" : ">"}`;
    let open = original;
    const text = fm[3] === undefined ? undefined : unescapeXml(fm[3]);
    const type = attr(open, "t") ?? "normal";
    const area = (v: string) => (moved ? shiftAreas(v, ins) : v);
    const own = (formula: string) =>
      `${editAttr(
        editAttr(
          editAttr(open, "t", () => undefined),
          "ref",
          () => undefined,
        ),
        "si",
        () => undefined,
      ).replace(/\/>$/, ">")}${escapeText(formula)}</f>`;
    if (type === "shared") {
      const g = groups.get(attr(open, "si") ?? "");
      const isMaster = g !== undefined && g.row === row && g.col === col && attr(open, "ref") !== undefined;
      if (g?.unshare) return own(f(isMaster ? g.text : translateFormula(g.text, row - g.row, col - g.col)));
      if (!isMaster) return fm[0];
      open = editAttr(open, "ref", area);
    } else if (type === "array" || type === "dataTable") {
      // Excel refuses to insert through an array formula or a data table ("You can't change part of an array"):
      // its result cells would move apart from it.
      const ref = attr(open, "ref");
      if (moved && ref !== undefined && cutsThrough(ref, ins)) {
        throw new Error(
          `Cannot insert ${describe(ins)}: it would split the ${type === "array" ? "array formula" : "data table"} in ${ref}`,
        );
      }
      for (const a of type === "array" ? ["ref"] : ["ref", "r1", "r2"]) open = editAttr(open, a, area);
    }
    if (text === undefined) return open === original ? fm[0] : open;
    const newText = f(text);
    if (newText === text && open === original) return fm[0];
    return `${open}${newText === text ? fm[3] : escapeText(newText)}</f>`;
  }
}

function rewriteWorksheet(
  xml: string,
  home: string,
  ins: ColumnInsert,
  moved: boolean,
  part: string,
  internalLinks: ReadonlySet<string>,
): string {
  if (/^(?:<\?[^>]*\?>\s*)?<[\w.-]+:worksheet[\s>]/.test(xml.trimStart())) {
    // Every element here is read without a prefix; a sheet written with one (x:c, x:f) would be left half-moved.
    throw new Error(`Cannot insert ${describe(ins)}: ${part} writes SpreadsheetML with a namespace prefix, which this does not read`);
  }
  if (xml.includes("<![CDATA[")) throw new Error(`Cannot insert ${describe(ins)}: ${part} holds CDATA sections, which this does not read`);
  const start = xml.search(/<sheetData[\s/>]/);
  if (start < 0) return rewriteSheetElements(xml, home, ins, moved, internalLinks);
  const selfClosing = /^<sheetData[^>]*\/>/.exec(xml.slice(start));
  const end = selfClosing ? start + selfClosing[0].length : xml.indexOf("</sheetData>", start) + "</sheetData>".length;
  return (
    rewriteSheetElements(xml.slice(0, start), home, ins, moved, internalLinks) +
    rewriteSheetData(xml.slice(start, end), home, ins, moved) +
    rewriteSheetElements(xml.slice(end), home, ins, moved, internalLinks)
  );
}

// --- Other parts ---------------------------------------------------------------------------------------------

/** A table part: its column formulas on any sheet; its range on the inserted sheet, which may not be split. */
function rewriteTable(xml: string, home: string, ins: ColumnInsert, moved: boolean): string {
  const f = (s: string) => shiftFormula(s, home, ins);
  let x = editText(editText(xml, "calculatedColumnFormula", f), "totalsRowFormula", f);
  if (!moved) return x;
  const open = new RegExp(`<table(?=[\\s/>])${ATTRS}>`).exec(x)?.[0];
  const ref = open === undefined ? undefined : attr(open, "ref");
  if (ref === undefined) return x;
  if (cutsThrough(ref, ins)) {
    const name = attr(open as string, "displayName") ?? attr(open as string, "name") ?? "?";
    throw new Error(`Cannot insert ${describe(ins)}: it would split table "${name}" (${ref})`);
  }
  const cols = areaColumns(ref);
  if (!cols || cols.left < ins.at) return x;
  x = areasOf(x, "table", "ref", ins);
  x = areasOf(x, "autoFilter", "ref", ins);
  x = areasOf(x, "sortState", "ref", ins);
  return areasOf(x, "sortCondition", "ref", ins);
}

function rewritePivotTable(xml: string, ins: ColumnInsert): string {
  return editTags(xml, "location", (t) => {
    const ref = attr(t, "ref");
    if (ref !== undefined && cutsThrough(ref, ins))
      throw new Error(`Cannot insert ${describe(ins)}: it would split a pivot table (${ref})`);
    return editAttr(t, "ref", (v) => shiftAreas(v, ins));
  });
}

function rewritePivotCache(xml: string, ins: ColumnInsert): string {
  return editTags(xml, "worksheetSource", (t) => {
    const sheet = attr(t, "sheet");
    if (hasRelId(t) || sheet === undefined || sheet.toLowerCase() !== ins.sheet.toLowerCase()) return t;
    return editAttr(t, "ref", (v) => shiftAreas(v, ins));
  });
}

/** A chart: series, category and title formulas (<c:f>, <cx:f>, c15 <c15:sqref>) are always sheet-qualified. */
function rewriteChart(xml: string, ins: ColumnInsert): string {
  return xml.replace(
    new RegExp(`(<((?:[\\w.-]+:)?)(f|sqref)(?:\\s${ATTRS})?>)([^<]*)(</\\2\\3>)`, "g"),
    (all, open: string, _p, _n, text: string, close: string) => {
      const before = unescapeXml(text);
      const after = shiftFormula(before, undefined, ins);
      return after === before ? all : `${open}${escapeText(after)}${close}`;
    },
  );
}

function rewriteWorkbook(xml: string, ins: ColumnInsert): string {
  return editText(xml, "definedName", (text) => shiftFormula(text, undefined, ins));
}

// --- The package ---------------------------------------------------------------------------------------------

interface Rel {
  readonly id: string;
  readonly type: string;
  /** The part it points to; for an external target, the target as written. */
  readonly target: string;
  readonly external: boolean;
}

const relsPathOf = (part: string): string => {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
};

/** A relationship target as a part path: relative to the source part's folder, or absolute from the package root. */
function resolveTarget(source: string, target: string): string {
  const parts = target.startsWith("/") ? [] : source.split("/").slice(0, -1);
  for (const seg of target.replace(/^\//, "").split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

function parseRels(xml: string, source: string): Rel[] {
  const out: Rel[] = [];
  for (const m of xml.matchAll(new RegExp(`<Relationship(?=[\\s/>])${ATTRS}>`, "g"))) {
    const tag = m[0];
    const external = (attr(tag, "TargetMode") ?? "").toLowerCase() === "external";
    const id = attr(tag, "Id");
    const type = attr(tag, "Type");
    const target = attr(tag, "Target");
    if (id && type && target) {
      out.push({ id, type: type.slice(type.lastIndexOf("/") + 1), target: external ? target : resolveTarget(source, target), external });
    }
  }
  return out;
}

interface SheetInfo {
  readonly name: string;
  readonly part: string;
  readonly kind: string;
  /** Related parts by relationship type (table, comments, drawing, vmlDrawing, …). */
  readonly related: readonly Rel[];
  /** Ids of hyperlink relationships whose target is a place in this workbook ("#Sheet1!A1"). */
  readonly internalLinks: ReadonlySet<string>;
}

const WORKBOOK = "xl/workbook.xml";
/** The relationship types of a worksheet's parts that can hold cell positions or formulas. */
const RELATED = new Set(["table", "drawing", "vmlDrawing", "ctrlProp", "comments", "threadedComment", "pivotTable"]);

/** The package with the columns inserted; every part it does not need to change is kept as it was. */
export async function insertColumns(xlsx: Buffer, inserts: readonly ColumnInsert[]): Promise<Buffer> {
  const pkg = new Package(xlsx, "the workbook");
  const texts = new Map<string, string>();
  const read = async (path: string): Promise<string | undefined> => {
    if (texts.has(path)) return texts.get(path);
    const text = pkg.text(path);
    if (text !== undefined) texts.set(path, text);
    return text;
  };

  const workbookRelsPath = relsPathOf(WORKBOOK);
  const workbookXml = await read(WORKBOOK);
  if (workbookXml === undefined) throw new Error(`Not an .xlsx package: it has no ${WORKBOOK}`);
  const workbookRels = parseRels((await read(workbookRelsPath)) ?? "", WORKBOOK);

  const sheets: SheetInfo[] = [];
  for (const m of workbookXml.matchAll(new RegExp(`<sheet(?=[\\s/>])${ATTRS}>`, "g"))) {
    const name = attr(m[0], "name");
    const rid = /\s[\w.-]+:id\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(m[0]);
    const rel = workbookRels.find((r) => !r.external && r.id === (rid?.[1] ?? rid?.[2]));
    if (name === undefined || !rel || !pkg.has(rel.target)) continue;
    const relsXml = await read(relsPathOf(rel.target));
    const all = relsXml === undefined ? [] : parseRels(relsXml, rel.target);
    sheets.push({
      name,
      part: rel.target,
      kind: rel.type,
      related: all.filter((r) => !r.external),
      internalLinks: new Set(all.filter((r) => r.external && r.type === "hyperlink" && r.target.startsWith("#")).map((r) => r.id)),
    });
  }

  // Check every insert before changing anything, and put them in an order that keeps each `at` valid.
  const todo: ColumnInsert[] = [];
  for (const ins of inserts) {
    const sheet = sheets.find((s) => s.name === ins.sheet) ?? sheets.find((s) => s.name.toLowerCase() === ins.sheet.toLowerCase());
    if (!sheet) throw new Error(`The workbook has no sheet named "${ins.sheet}"`);
    if (sheet.kind !== "worksheet") throw new Error(`Cannot insert columns into "${sheet.name}": it is not a worksheet`);
    if (!Number.isInteger(ins.at) || !Number.isInteger(ins.count) || ins.at < 0 || ins.count < 0 || ins.at + ins.count > LAST_COLUMN + 1) {
      throw new Error(`Cannot insert ${ins.count} column(s) at column index ${ins.at} of "${sheet.name}": out of the sheet's columns`);
    }
    if (ins.count > 0) todo.push({ sheet: sheet.name, at: ins.at, count: ins.count });
  }
  if (todo.length === 0) return xlsx;
  // Each `at` counts columns as they were before any insert: on one sheet, the rightmost goes in first.
  const order = [...new Set(todo.map((t) => t.sheet))];
  todo.sort((a, b) => order.indexOf(a.sheet) - order.indexOf(b.sheet) || b.at - a.at);

  // Read every part that can hold a reference.
  const worksheets = sheets.filter((s) => s.kind === "worksheet");
  for (const s of worksheets) {
    await read(s.part);
    for (const r of s.related) if (RELATED.has(r.type) && pkg.has(r.target)) await read(r.target);
  }
  const charts = pkg.names().filter((p) => /^xl\/charts\/[^/]+\.xml$/i.test(p));
  const pivotCaches = pkg.names().filter((p) => /^xl\/pivotCache\/pivotCacheDefinition[^/]*\.xml$/i.test(p));
  for (const p of [...charts, ...pivotCaches]) await read(p);
  const originals = new Map(texts);
  const edit = (path: string, fn: (xml: string) => string) => {
    const xml = texts.get(path);
    if (xml !== undefined) texts.set(path, fn(xml));
  };

  for (const ins of todo) {
    for (const s of worksheets) {
      const moved = s.name === ins.sheet;
      edit(s.part, (xml) => rewriteWorksheet(xml, s.name, ins, moved, s.part, s.internalLinks));
      if (s.internalLinks.size > 0) {
        edit(relsPathOf(s.part), (xml) =>
          editTags(xml, "Relationship", (t) =>
            s.internalLinks.has(attr(t, "Id") ?? "") ? editAttr(t, "Target", (v) => `#${shiftFormula(v.slice(1), s.name, ins)}`) : t,
          ),
        );
      }
      for (const r of s.related) {
        switch (r.type) {
          case "table":
            edit(r.target, (xml) => rewriteTable(xml, s.name, ins, moved));
            break;
          case "drawing":
            edit(r.target, (xml) => rewriteDrawing(xml, s.name, ins, moved));
            break;
          case "vmlDrawing":
            edit(r.target, (xml) => rewriteVml(xml, s.name, ins, moved));
            break;
          case "ctrlProp":
            edit(r.target, (xml) =>
              editTags(xml, "formControlPr", (t) =>
                ["fmlaLink", "fmlaRange", "fmlaTxbx", "fmlaGroup"].reduce(
                  (tag, a) => editAttr(tag, a, (v) => shiftFormula(v, s.name, ins)),
                  t,
                ),
              ),
            );
            break;
          case "comments":
            // <comment ref>, and the anchor of x14 <commentPr> when present.
            if (moved) edit(r.target, (xml) => shiftMarkers(areasOf(xml, "comment", "ref", ins), ins));
            break;
          case "threadedComment":
            if (moved) edit(r.target, (xml) => areasOf(xml, "threadedComment", "ref", ins));
            break;
          case "pivotTable":
            if (moved) edit(r.target, (xml) => rewritePivotTable(xml, ins));
            break;
        }
      }
    }
    for (const p of charts) edit(p, (xml) => rewriteChart(xml, ins));
    for (const p of pivotCaches) edit(p, (xml) => rewritePivotCache(xml, ins));
    edit(WORKBOOK, (xml) => rewriteWorkbook(xml, ins));
  }

  // The calculation chain lists formula cells by address; Excel rebuilds it when it is missing.
  const chain = workbookRels.filter((r) => r.type === "calcChain");
  for (const r of chain) pkg.remove(r.target);
  pkg.remove("xl/calcChain.xml");
  if (chain.length > 0) {
    const rels = (await read(workbookRelsPath)) as string;
    texts.set(
      workbookRelsPath,
      rels.replace(new RegExp(`<Relationship(?=[\\s/>])${ATTRS}>(?:\\s*</Relationship>)?`, "g"), (tag) =>
        chain.some((r) => r.id === attr(tag, "Id")) ? "" : tag,
      ),
    );
    originals.set(workbookRelsPath, rels);
  }
  const types = await read("[Content_Types].xml");
  if (types !== undefined) {
    originals.set("[Content_Types].xml", types);
    texts.set(
      "[Content_Types].xml",
      types.replace(new RegExp(`<Override(?=[\\s/>])${ATTRS}>(?:\\s*</Override>)?`, "g"), (tag) =>
        /calcChain/i.test(attr(tag, "ContentType") ?? "") || /^\/?xl\/calcChain\.xml$/i.test(attr(tag, "PartName") ?? "") ? "" : tag,
      ),
    );
  }

  for (const [path, text] of texts) if (text !== originals.get(path)) pkg.set(path, text);
  const out = pkg.bytes();
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}
