// The Excel JavaScript API subset KPA Tracker uses, over MemoryState. Faithful where bugs hide:
// commands queue until sync(); reading a property that was not loaded and synced throws; each sync's
// request and response are measured in UTF-8 bytes and refused past the payload limit; protected sheets refuse writes.
import { absoluteRef, parseRef, quoteSheet, rangeAddress, rectInside, type Rect } from "../../engine";
import type { Imitation } from "./office-types";
import {
  type CellFormat,
  type CfRule,
  type IconCriterion,
  type MemoryChart,
  type MemoryChartSeries,
  type MemoryConditionalFormat,
  type MemorySheet,
  type MemoryState,
  type MemoryValidation,
  type SheetRange,
  DEFAULT_COLUMN_WIDTH,
  cellFor,
  coerceTyped,
  getCell,
  intersection,
  intersects,
  subtract,
  usedRect,
} from "./state";
import { OffSheetError, deleteColumns, insertColumns } from "./columns";
import { jsonBytes, utf8Bytes } from "../bytes";

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;
/** Cells one read may return, on every platform. */
export const MAX_READ_CELLS = 5_000_000;
/** Bytes of JSON each command adds to a request beyond its arguments. */
const COMMAND_OVERHEAD = 80;

export interface SyncRecord {
  readonly requestBytes: number;
  readonly responseBytes: number;
  readonly commands: number;
}

export interface MemoryStats {
  syncs: SyncRecord[];
  /** Batches that failed, by error code. */
  failures: string[];
  calculationSuspensions: number;
}

export interface MemoryLimits {
  /** Bytes per request and per response; Excel on the web refuses more than 5 MB. */
  payloadBytes: number;
}

/** Which fake stands for which Office.js object (see office-types.ts). */
type OfficeFakes =
  | [Excel.RequestContext, MemoryContext]
  | [Excel.Workbook, MemoryWorkbookApi]
  | [Excel.WorkbookProtection, ProtectionApi]
  | [Excel.WorksheetProtection, ProtectionApi]
  | [Excel.WorksheetCollection, WorksheetCollectionApi]
  | [Excel.Worksheet, WorksheetApi]
  | [Excel.PageLayout, PageLayoutApi]
  | [Excel.HeaderFooterGroup, HeaderFooterGroupApi]
  | [Excel.HeaderFooter, HeaderFooterApi]
  | [Excel.NamedItemCollection, NameCollectionApi]
  | [Excel.NamedItem, NamedItemApi]
  | [Excel.Range, RangeApi]
  | [Excel.RangeAreas, RangeAreasApi]
  | [Excel.RangeFormat, RangeFormatApi]
  | [Excel.ConditionalFormatCollection, ConditionalFormatCollectionApi]
  | [Excel.ConditionalFormat, ConditionalFormatApi]
  | [Excel.DataValidation, DataValidationApi]
  | [Excel.ChartCollection, ChartCollectionApi]
  | [Excel.Chart, ChartApi]
  | [Excel.ChartSeriesCollection, ChartSeriesCollectionApi]
  | [Excel.ChartSeries, ChartSeriesApi]
  | [Excel.ChartPointsCollection, ChartPointsCollectionApi]
  | [Excel.PageBreakCollection, PageBreakCollectionApi];

/**
 * `class X implements Imitates<Excel.Y, X, Internal>`: every public member of X but its `Internal` plumbing is a member
 * of Office.js's Excel.Y, with a compatible type; `OwnReturn` members deliberately return something else (see Imitation).
 */
type Imitates<R, F, Internal extends Exclude<keyof F, keyof R> = never, OwnReturn extends keyof F & keyof R = never> = Imitation<
  OfficeFakes,
  R,
  F,
  Internal,
  OwnReturn
>;

/** The shape of OfficeExtension.Error: code, message and debugInfo. */
export class MemoryExcelError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(
    readonly code: string,
    message: string,
    errorLocation?: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
    this.debugInfo = { code, message, errorLocation };
  }
}

interface Command {
  readonly bytes: number;
  /** Runs at sync; returns the response bytes and what to publish once the whole batch succeeded. */
  run(): { bytes: number; publish: () => void } | void;
}

export class MemoryContext implements Imitates<Excel.RequestContext, MemoryContext, "state" | "stats" | "limits" | "enqueue" | "pending"> {
  readonly workbook: MemoryWorkbookApi;
  readonly application: { suspendApiCalculationUntilNextSync(): void };
  private queue: Command[] = [];

  constructor(
    readonly state: MemoryState,
    readonly stats: MemoryStats,
    readonly limits: MemoryLimits,
  ) {
    this.workbook = new MemoryWorkbookApi(this);
    this.application = {
      suspendApiCalculationUntilNextSync: () =>
        this.enqueue(0, () => {
          this.stats.calculationSuspensions++;
        }),
    };
  }

  enqueue(argBytes: number, run: Command["run"]): void {
    this.queue.push({ bytes: argBytes + COMMAND_OVERHEAD, run });
  }

  get pending(): number {
    return this.queue.length;
  }

  async sync(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    const requestBytes = batch.reduce((a, c) => a + c.bytes, 0);
    try {
      if (this.state.cellEditMode)
        throw new MemoryExcelError("InvalidOperationInCellEditMode", "Excel is in cell-editing mode. Please exit the edit mode.");
      if (requestBytes > this.limits.payloadBytes)
        throw new MemoryExcelError("RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit.");
      let responseBytes = 0;
      const publish: (() => void)[] = [];
      for (const c of batch) {
        const out = c.run();
        if (out) {
          responseBytes += out.bytes;
          publish.push(out.publish);
        }
      }
      if (responseBytes > this.limits.payloadBytes)
        throw new MemoryExcelError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.");
      for (const p of publish) p();
      this.stats.syncs.push({ requestBytes, responseBytes, commands: batch.length });
    } catch (e) {
      this.stats.syncs.push({ requestBytes, responseBytes: 0, commands: batch.length });
      this.stats.failures.push(e instanceof MemoryExcelError ? e.code : "Unknown");
      throw e;
    }
  }

  // Office.js has it; nothing here needs tracking across syncs.
  readonly trackedObjects = { add: () => undefined, remove: () => undefined };
}

function notLoaded(prop: string): MemoryExcelError {
  return new MemoryExcelError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

function propList(props?: string | string[] | { select?: string }): string[] {
  const raw =
    props === undefined
      ? []
      : typeof props === "string"
        ? props.split(",")
        : Array.isArray(props)
          ? props
          : (props.select ?? "").split(",");
  return raw.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** A proxy: loads queue, reads need a loaded value, methods queue commands. */
abstract class ApiObject {
  protected readonly loaded = new Map<string, unknown>();
  constructor(protected readonly ctx: MemoryContext) {}

  /** Values for the requested properties, computed at sync time. */
  protected abstract readProps(props: string[]): Record<string, unknown>;
  protected abstract defaultProps(): string[];

  load(props?: string | string[] | { select?: string }): this {
    const list = propList(props);
    const wanted = list.length > 0 ? list : this.defaultProps();
    this.ctx.enqueue(jsonBytes(wanted), () => {
      const values = this.readProps(wanted);
      return {
        bytes: utf8Bytes(JSON.stringify(values, (_k, v: unknown) => (v instanceof ApiObject ? undefined : v))),
        publish: () => Object.entries(values).forEach(([k, v]) => this.loaded.set(k, v)),
      };
    });
    return this;
  }

  protected get<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw notLoaded(prop);
    return this.loaded.get(prop) as T;
  }
}

function protectedSheet(sheet: MemorySheet): MemoryExcelError {
  return new MemoryExcelError("AccessDenied", `The cell or chart you're trying to change is on a protected sheet ("${sheet.name}").`);
}

// ---------------------------------------------------------------- workbook, sheets, names

export class MemoryWorkbookApi implements Imitates<Excel.Workbook, MemoryWorkbookApi> {
  readonly worksheets: WorksheetCollectionApi;
  readonly names: NameCollectionApi;
  readonly protection: ProtectionApi;
  constructor(ctx: MemoryContext) {
    this.worksheets = new WorksheetCollectionApi(ctx);
    this.names = new NameCollectionApi(ctx);
    this.protection = new ProtectionApi(ctx, () => ctx.state.workbookProtected);
  }
}

class ProtectionApi
  extends ApiObject
  implements Imitates<Excel.WorkbookProtection, ProtectionApi>, Imitates<Excel.WorksheetProtection, ProtectionApi>
{
  constructor(
    ctx: MemoryContext,
    private readonly read: () => boolean,
  ) {
    super(ctx);
  }
  protected defaultProps() {
    return ["protected"];
  }
  protected readProps() {
    return { protected: this.read() };
  }
  get protected(): boolean {
    return this.get("protected");
  }
}

// ---------------------------------------------------------------- page layout (ExcelApi 1.9)

class HeaderFooterApi extends ApiObject implements Imitates<Excel.HeaderFooter, HeaderFooterApi> {
  constructor(
    ctx: MemoryContext,
    private readonly sheet: () => MemorySheet,
  ) {
    super(ctx);
  }
  protected defaultProps() {
    return ["centerFooter"];
  }
  protected readProps() {
    return { centerFooter: this.sheet().print.centerFooter };
  }
  get centerFooter(): string {
    return this.get("centerFooter");
  }
  set centerFooter(value: string) {
    this.ctx.enqueue(utf8Bytes(value), () => {
      // Excel keeps a header or footer section to 255 characters, codes included.
      if (value.length > 255) throw new MemoryExcelError("InvalidArgument", "The footer is longer than 255 characters.");
      this.sheet().print.centerFooter = value;
    });
  }
}

class HeaderFooterGroupApi extends ApiObject implements Imitates<Excel.HeaderFooterGroup, HeaderFooterGroupApi> {
  readonly defaultForAllPages: HeaderFooterApi;
  constructor(ctx: MemoryContext, sheet: () => MemorySheet) {
    super(ctx);
    this.defaultForAllPages = new HeaderFooterApi(ctx, sheet);
  }
  protected defaultProps() {
    return [];
  }
  protected readProps() {
    return {};
  }
}

class PageLayoutApi extends ApiObject implements Imitates<Excel.PageLayout, PageLayoutApi> {
  readonly headersFooters: HeaderFooterGroupApi;
  constructor(
    ctx: MemoryContext,
    private readonly sheet: () => MemorySheet,
  ) {
    super(ctx);
    this.headersFooters = new HeaderFooterGroupApi(ctx, sheet);
  }
  protected defaultProps() {
    return ["orientation", "zoom"];
  }
  protected readProps(props: string[]) {
    const p = this.sheet().print;
    const out: Record<string, unknown> = {};
    for (const name of props) {
      if (name === "orientation") out.orientation = p.orientation;
      else if (name === "zoom") out.zoom = { ...p.zoom };
      else throw new MemoryExcelError("InvalidArgument", `PageLayout has no property "${name}" here.`);
    }
    return out;
  }
  get orientation(): Excel.PageOrientation | "Portrait" | "Landscape" {
    return this.get("orientation");
  }
  set orientation(value: Excel.PageOrientation | "Portrait" | "Landscape") {
    this.ctx.enqueue(utf8Bytes(value), () => {
      if (value !== "Portrait" && value !== "Landscape")
        throw new MemoryExcelError("InvalidArgument", `"${value}" is no page orientation.`);
      this.sheet().print.orientation = value;
    });
  }
  get zoom(): Excel.PageLayoutZoomOptions {
    return this.get("zoom");
  }
  set zoom(value: Excel.PageLayoutZoomOptions) {
    this.ctx.enqueue(jsonBytes(value), () => {
      const { horizontalFitToPages: h, verticalFitToPages: v, scale } = value;
      const pages = (n: number | undefined) => n === undefined || (Number.isInteger(n) && n >= 0 && n <= 32767);
      if (!pages(h) || !pages(v) || (scale !== undefined && !(scale >= 10 && scale <= 400)))
        throw new MemoryExcelError("InvalidArgument", "The page zoom is out of range.");
      if (scale !== undefined && (h !== undefined || v !== undefined))
        throw new MemoryExcelError("InvalidArgument", "A page zoom is a scale or a number of pages, not both.");
      this.sheet().print.zoom = { ...value };
    });
  }
  setPrintTitleRows(rows: RangeApi | string): void {
    this.ctx.enqueue(typeof rows === "string" ? utf8Bytes(rows) : 40, () => {
      const text = typeof rows === "string" ? rows : undefined;
      if (text === undefined || !/^\$?\d+:\$?\d+$/.test(text))
        throw new MemoryExcelError("InvalidArgument", `"${String(text)}" is not a range of whole rows.`);
      this.sheet().print.titleRows = text;
    });
  }
}

/** Excel's default row height for Calibri 11, in points. */
const STANDARD_ROW_HEIGHT = 15;

/** Worksheet.horizontalPageBreaks (ExcelApi 1.9): a break comes before the top row of the range it is given. */
class PageBreakCollectionApi extends ApiObject implements Imitates<Excel.PageBreakCollection, PageBreakCollectionApi, never, "add"> {
  constructor(
    ctx: MemoryContext,
    private readonly worksheet: WorksheetApi,
  ) {
    super(ctx);
  }
  protected defaultProps() {
    return [];
  }
  protected readProps(): Record<string, unknown> {
    return {};
  }
  add(pageBreakRange: RangeApi | string): void {
    const range = typeof pageBreakRange === "string" ? this.worksheet.getRange(pageBreakRange) : pageBreakRange;
    this.ctx.enqueue(20, () => {
      const row = range.rect().top;
      const breaks = this.worksheet.sheet().print.rowBreaks;
      if (row === 0) throw new MemoryExcelError("InvalidArgument", "A page break cannot come before the first row.");
      if (!breaks.includes(row)) breaks.push(row);
      breaks.sort((a, b) => a - b);
    });
  }
  removePageBreaks(): void {
    this.ctx.enqueue(8, () => void this.worksheet.sheet().print.rowBreaks.splice(0));
  }
}

function checkStructure(ctx: MemoryContext): void {
  if (ctx.state.workbookProtected) throw new MemoryExcelError("AccessDenied", "The workbook's structure is protected.");
}

function validSheetName(name: string): boolean {
  return name.length > 0 && name.length <= 31 && !/[[\]:*?/\\]/.test(name) && !name.startsWith("'") && !name.endsWith("'");
}

class WorksheetCollectionApi extends ApiObject implements Imitates<Excel.WorksheetCollection, WorksheetCollectionApi> {
  private itemsList: WorksheetApi[] | undefined;
  protected defaultProps() {
    return ["items/name"];
  }
  protected readProps(props: string[]) {
    const sheets = [...this.ctx.state.sheets];
    const itemProps = props.filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
    const items = sheets.map((s) => new WorksheetApi(this.ctx, () => s));
    const data = items.map((it) => it.readNow(itemProps.length > 0 ? itemProps : ["name"]));
    return { items: { items, data } };
  }
  get items(): WorksheetApi[] {
    const v = this.get<{ items: WorksheetApi[]; data: Record<string, unknown>[] }>("items");
    if (!this.itemsList) {
      v.items.forEach((it, i) => it.publish(v.data[i] as Record<string, unknown>));
      this.itemsList = v.items;
    }
    return this.itemsList;
  }
  getItem(name: string): WorksheetApi {
    return new WorksheetApi(this.ctx, () => {
      const s = this.ctx.state.sheet(name);
      if (!s) throw new MemoryExcelError("ItemNotFound", `The requested resource doesn't exist (sheet "${name}").`);
      return s;
    });
  }
  getItemOrNullObject(name: string): WorksheetApi {
    return new WorksheetApi(this.ctx, () => this.ctx.state.sheet(name), true);
  }
  add(name: string): WorksheetApi {
    let created: MemorySheet | undefined;
    this.ctx.enqueue(utf8Bytes(name), () => {
      checkStructure(this.ctx);
      if (!validSheetName(name)) throw new MemoryExcelError("InvalidArgument", `"${name}" is not a valid sheet name.`);
      if (this.ctx.state.sheet(name)) throw new MemoryExcelError("ItemAlreadyExists", `A sheet named "${name}" already exists.`);
      created = this.ctx.state.addSheet(name);
    });
    return new WorksheetApi(this.ctx, () => {
      if (!created) throw new MemoryExcelError("InvalidObjectPath", "The sheet was not added.");
      return created;
    });
  }
}

export class WorksheetApi
  extends ApiObject
  implements Imitates<Excel.Worksheet, WorksheetApi, "sheetOrNull" | "sheet" | "readNow" | "publish">
{
  private bound: MemorySheet | undefined;
  private resolvedOnce = false;
  readonly protection: ProtectionApi;
  readonly freezePanes: { freezeRows(count: number): void };
  readonly charts: ChartCollectionApi;
  readonly pageLayout: PageLayoutApi;
  readonly horizontalPageBreaks: PageBreakCollectionApi;

  constructor(
    ctx: MemoryContext,
    private readonly resolver: () => MemorySheet | undefined,
    private readonly nullable = false,
  ) {
    super(ctx);
    this.protection = new ProtectionApi(ctx, () => this.sheet().protected);
    this.freezePanes = {
      freezeRows: (count: number) => this.ctx.enqueue(8, () => void (this.sheet().freezeRows = count)),
    };
    this.charts = new ChartCollectionApi(ctx, this);
    this.pageLayout = new PageLayoutApi(ctx, () => this.sheet());
    this.horizontalPageBreaks = new PageBreakCollectionApi(ctx, this);
  }

  /** The sheet this proxy stands for; bound on first use, so a rename in the same batch keeps it. */
  sheetOrNull(): MemorySheet | undefined {
    if (!this.resolvedOnce) {
      this.bound = this.resolver();
      this.resolvedOnce = true;
    }
    return this.bound;
  }

  sheet(): MemorySheet {
    const s = this.sheetOrNull();
    if (!s) throw new MemoryExcelError("ItemNotFound", "The requested resource doesn't exist.");
    if (!this.ctx.state.sheets.includes(s)) throw new MemoryExcelError("ItemNotFound", `Sheet "${s.name}" was deleted.`);
    return s;
  }

  protected defaultProps() {
    return ["name", "visibility", "position"];
  }
  protected readProps(props: string[]) {
    return this.readNow(props);
  }
  readNow(props: string[]): Record<string, unknown> {
    const s = this.nullable ? this.sheetOrNull() : this.sheet();
    if (!s) return { isNullObject: true };
    const out: Record<string, unknown> = { isNullObject: false };
    for (const p of props) {
      if (p === "name") out.name = s.name;
      else if (p === "visibility") out.visibility = s.visibility;
      else if (p === "position") out.position = this.ctx.state.sheets.indexOf(s);
      else if (p === "tabColor") out.tabColor = s.tabColor;
      else if (p === "id") out.id = String(s.id);
      else throw new MemoryExcelError("InvalidArgument", `Worksheet has no property "${p}" here.`);
    }
    return out;
  }
  publish(values: Record<string, unknown>): void {
    Object.entries(values).forEach(([k, v]) => this.loaded.set(k, v));
  }

  get isNullObject(): boolean {
    return this.get("isNullObject");
  }
  get name(): string {
    return this.get("name");
  }
  set name(value: string) {
    this.ctx.enqueue(utf8Bytes(value), () => {
      const s = this.sheet();
      checkStructure(this.ctx);
      if (!validSheetName(value)) throw new MemoryExcelError("InvalidArgument", `"${value}" is not a valid sheet name.`);
      const other = this.ctx.state.sheet(value);
      if (other && other !== s) throw new MemoryExcelError("ItemAlreadyExists", `A sheet named "${value}" already exists.`);
      renameInNames(this.ctx.state, s.name, value);
      s.name = value;
    });
  }
  get visibility(): Excel.Worksheet["visibility"] {
    return this.get("visibility");
  }
  set visibility(value: string) {
    this.ctx.enqueue(utf8Bytes(value), () => {
      const s = this.sheet();
      checkStructure(this.ctx);
      if (value !== "Visible" && this.ctx.state.sheets.filter((x) => x.visibility === "Visible" && x !== s).length === 0)
        throw new MemoryExcelError("InvalidOperation", "A workbook must keep at least one visible sheet.");
      s.visibility = value as MemorySheet["visibility"];
    });
  }
  get position(): number {
    return this.get("position");
  }
  set position(value: number) {
    this.ctx.enqueue(8, () => {
      const s = this.sheet();
      checkStructure(this.ctx);
      const list = this.ctx.state.sheets;
      list.splice(list.indexOf(s), 1);
      list.splice(Math.max(0, Math.min(value, list.length)), 0, s);
    });
  }
  set tabColor(value: string) {
    this.ctx.enqueue(utf8Bytes(value), () => void (this.sheet().tabColor = value));
  }
  delete(): void {
    this.ctx.enqueue(0, () => {
      const s = this.sheet();
      checkStructure(this.ctx);
      const list = this.ctx.state.sheets;
      if (list.filter((x) => x.visibility === "Visible" && x !== s).length === 0)
        throw new MemoryExcelError("InvalidOperation", "A workbook must keep at least one visible sheet.");
      list.splice(list.indexOf(s), 1);
      breakNames(this.ctx.state, s.name);
    });
  }
  activate(): void {
    this.ctx.enqueue(0, () => void this.sheet());
  }
  getRange(address?: string): RangeApi {
    if (address === undefined) return new RangeApi(this.ctx, this, () => ({ top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLS - 1 }));
    const cols = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/.exec(address);
    if (cols) {
      const a = parseRef(`X!${cols[1]}1`)?.rect.left ?? 0;
      const z = parseRef(`X!${cols[2]}1`)?.rect.left ?? 0;
      return new RangeApi(this.ctx, this, () => ({ top: 0, left: Math.min(a, z), bottom: MAX_ROWS - 1, right: Math.max(a, z) }));
    }
    const ref = parseRef(`X!${address}`);
    if (!ref) throw new MemoryExcelError("InvalidArgument", `"${address}" is not a range address.`);
    return new RangeApi(this.ctx, this, () => ref.rect);
  }
  getRangeByIndexes(row: number, col: number, rowCount: number, colCount: number): RangeApi {
    return new RangeApi(this.ctx, this, () => {
      if (row < 0 || col < 0 || rowCount < 1 || colCount < 1 || row + rowCount > MAX_ROWS || col + colCount > MAX_COLS)
        throw new MemoryExcelError("InvalidArgument", `Range indexes out of bounds (${row}, ${col}, ${rowCount}, ${colCount}).`);
      return { top: row, left: col, bottom: row + rowCount - 1, right: col + colCount - 1 };
    });
  }
  getCell(row: number, col: number): RangeApi {
    return this.getRangeByIndexes(row, col, 1, 1);
  }
  getUsedRangeOrNullObject(valuesOnly = false): RangeApi {
    return new RangeApi(this.ctx, this, () => usedRect(this.sheet(), valuesOnly), true);
  }
}

function renameInNames(state: MemoryState, from: string, to: string): void {
  for (const n of state.names) {
    const ref = parseRef(n.formula);
    if (ref && ref.sheet === from) n.formula = `=${absoluteRef(to, ref.rect)}`;
  }
  // Chart series follow the sheet they draw from, as Excel's do.
  for (const s of state.sheets)
    for (const chart of s.charts)
      for (const series of chart.series) for (const r of [series.values, series.xValues]) if (r && r.sheet === from) r.sheet = to;
}

function breakNames(state: MemoryState, sheet: string): void {
  for (const n of state.names) {
    const ref = parseRef(n.formula);
    if (ref && ref.sheet === sheet) n.formula = `=#REF!${n.formula.slice(n.formula.indexOf("!") + 1)}`;
  }
}

// Office.js's add returns the new NamedItem; nothing reads it, so the fake returns nothing: its parameters are checked.
class NameCollectionApi extends ApiObject implements Imitates<Excel.NamedItemCollection, NameCollectionApi, never, "add"> {
  protected defaultProps() {
    return ["items/name"];
  }
  protected readProps(props: string[]) {
    const itemProps = props.filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
    const names = this.ctx.state.names;
    return {
      items: { keys: names.map((n) => n.name), data: names.map((n) => NamedItemApi.read(n, itemProps.length > 0 ? itemProps : ["name"])) },
    };
  }
  get items(): NamedItemApi[] {
    const v = this.get<{ keys: string[]; data: Record<string, unknown>[] }>("items");
    return v.keys.map((key, i) => new NamedItemApi(this.ctx, key, false).publish(v.data[i] as Record<string, unknown>));
  }

  add(name: string, reference: RangeApi | string, comment?: string): void {
    this.ctx.enqueue(
      utf8Bytes(name) + (typeof reference === "string" ? utf8Bytes(reference) : 40) + (comment === undefined ? 0 : utf8Bytes(comment)),
      () => {
        if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name)) throw new MemoryExcelError("InvalidArgument", `"${name}" is not a valid name.`);
        if (this.ctx.state.names.some((n) => n.name.toLowerCase() === name.toLowerCase()))
          throw new MemoryExcelError("ItemAlreadyExists", `The name "${name}" already exists.`);
        const formula =
          typeof reference === "string" ? (reference.startsWith("=") ? reference : `=${reference}`) : `=${reference.absolute()}`;
        this.ctx.state.names.push({ name, formula });
      },
    );
  }
  getItem(name: string): NamedItemApi {
    return new NamedItemApi(this.ctx, name, false);
  }
  getItemOrNullObject(name: string): NamedItemApi {
    return new NamedItemApi(this.ctx, name, true);
  }
}

/** One defined name, found by its name (case-insensitively, as Excel does) when a command runs. */
class NamedItemApi extends ApiObject implements Imitates<Excel.NamedItem, NamedItemApi, "publish"> {
  constructor(
    ctx: MemoryContext,
    private readonly key: string,
    private readonly nullable: boolean,
  ) {
    super(ctx);
  }
  static read(n: { name: string; formula: string }, props: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const p of props) {
      if (p === "name") out.name = n.name;
      else if (p === "formula") out.formula = n.formula;
      else if (p === "type") out.type = n.formula.includes("#REF!") ? "Error" : parseRef(n.formula) ? "Range" : "String";
      else if (p === "visible") out.visible = true;
      else throw new MemoryExcelError("InvalidArgument", `NamedItem has no property "${p}" here.`);
    }
    return out;
  }
  /** Values loaded with the collection's items. */
  publish(values: Record<string, unknown>): this {
    Object.entries(values).forEach(([k, v]) => this.loaded.set(k, v));
    return this;
  }
  private index(): number {
    return this.ctx.state.names.findIndex((n) => n.name.toLowerCase() === this.key.toLowerCase());
  }
  protected defaultProps() {
    return ["name", "formula", "type", "visible"];
  }
  protected readProps(props: string[]) {
    const n = this.ctx.state.names[this.index()];
    if (!n) {
      if (this.nullable) return { isNullObject: true };
      throw new MemoryExcelError("ItemNotFound", `The name "${this.key}" doesn't exist.`);
    }
    return { isNullObject: false, ...NamedItemApi.read(n, props) };
  }
  get isNullObject(): boolean {
    return this.get("isNullObject");
  }
  get name(): string {
    return this.get("name");
  }
  get formula(): string {
    return this.get("formula");
  }
  get type(): Excel.NamedItem["type"] {
    return this.get("type");
  }
  get visible(): boolean {
    return this.get("visible");
  }
  delete(): void {
    this.ctx.enqueue(utf8Bytes(this.key), () => {
      const i = this.index();
      if (i < 0) throw new MemoryExcelError("ItemNotFound", `The name "${this.key}" doesn't exist.`);
      this.ctx.state.names.splice(i, 1);
    });
  }
}

// ---------------------------------------------------------------- ranges

type Matrix = (string | number | boolean | null)[][];

function shapeOf(m: unknown): [number, number] | undefined {
  if (!Array.isArray(m) || m.length === 0 || !m.every((r) => Array.isArray(r))) return undefined;
  const w = (m[0] as unknown[]).length;
  return m.every((r) => (r as unknown[]).length === w) ? [m.length, w] : undefined;
}

export class RangeApi
  extends ApiObject
  implements Imitates<Excel.Range, RangeApi, "rectOrNull" | "rect" | "absolute" | "readable" | "writable">
{
  private boundRect: Rect | undefined;
  private resolved = false;
  readonly format: RangeFormatApi;
  readonly conditionalFormats: ConditionalFormatCollectionApi;
  readonly dataValidation: DataValidationApi;

  constructor(
    ctx: MemoryContext,
    readonly worksheet: WorksheetApi,
    private readonly rectOf: () => Rect | undefined,
    private readonly nullable = false,
  ) {
    super(ctx);
    this.format = new RangeFormatApi(ctx, this);
    this.conditionalFormats = new ConditionalFormatCollectionApi(ctx, this);
    this.dataValidation = new DataValidationApi(ctx, this);
  }

  rectOrNull(): Rect | undefined {
    if (!this.resolved) {
      this.boundRect = this.rectOf();
      this.resolved = true;
    }
    return this.boundRect;
  }
  rect(): Rect {
    const r = this.rectOrNull();
    if (!r) throw new MemoryExcelError("ItemNotFound", "The range doesn't exist.");
    return r;
  }
  absolute(): string {
    return absoluteRef(this.worksheet.sheet().name, this.rect());
  }
  /** For reads: the sheet, protected or not. */
  readable(): MemorySheet {
    return this.worksheet.sheet();
  }
  /** For writes: the sheet, refusing when it is protected. */
  writable(): MemorySheet {
    const s = this.worksheet.sheet();
    if (s.protected) throw protectedSheet(s);
    return s;
  }

  protected defaultProps() {
    return ["address", "values"];
  }
  protected readProps(props: string[]) {
    const r = this.nullable ? this.rectOrNull() : this.rect();
    if (!r) return { isNullObject: true };
    const s = this.worksheet.sheet();
    const cells = (r.bottom - r.top + 1) * (r.right - r.left + 1);
    const out: Record<string, unknown> = { isNullObject: false };
    const matrix = (fn: (row: number, col: number) => unknown) => {
      if (cells > MAX_READ_CELLS)
        throw new MemoryExcelError("RangeExceedsLimit", `The range has ${cells} cells; reads are limited to ${MAX_READ_CELLS}.`);
      const m: unknown[][] = [];
      for (let row = r.top; row <= r.bottom; row++) {
        const line: unknown[] = [];
        for (let col = r.left; col <= r.right; col++) line.push(fn(row, col));
        m.push(line);
      }
      return m;
    };
    for (const p of props) {
      if (p === "values") out.values = matrix((row, col) => getCell(s, row, col)?.value ?? "");
      else if (p === "formulas") out.formulas = matrix((row, col) => formulaOf(getCell(s, row, col)));
      else if (p === "numberFormat") out.numberFormat = matrix((row, col) => getCell(s, row, col)?.numberFormat ?? "General");
      else if (p === "text") out.text = matrix((row, col) => String(getCell(s, row, col)?.value ?? ""));
      else if (p === "address") out.address = `${quoteSheet(s.name)}!${rangeAddress(r)}`;
      else if (p === "rowIndex") out.rowIndex = r.top;
      else if (p === "columnIndex") out.columnIndex = r.left;
      else if (p === "rowCount") out.rowCount = r.bottom - r.top + 1;
      else if (p === "columnCount") out.columnCount = r.right - r.left + 1;
      else throw new MemoryExcelError("InvalidArgument", `Range has no property "${p}" here.`);
    }
    return out;
  }

  get isNullObject(): boolean {
    return this.get("isNullObject");
  }
  get address(): string {
    return this.get("address");
  }
  get rowIndex(): number {
    return this.get("rowIndex");
  }
  get columnIndex(): number {
    return this.get("columnIndex");
  }
  get rowCount(): number {
    return this.get("rowCount");
  }
  get columnCount(): number {
    return this.get("columnCount");
  }
  get values(): Matrix {
    return this.get("values");
  }
  get formulas(): Matrix {
    return this.get("formulas");
  }
  get numberFormat(): string[][] {
    return this.get("numberFormat");
  }

  private setMatrix(kind: "values" | "formulas" | "numberFormat", m: Matrix): void {
    this.ctx.enqueue(jsonBytes(m), () => {
      const r = this.rect();
      const shape = shapeOf(m);
      if (!shape || shape[0] !== r.bottom - r.top + 1 || shape[1] !== r.right - r.left + 1)
        throw new MemoryExcelError("InvalidArgument", `The ${kind} array does not match the size of the range ${rangeAddress(r)}.`);
      const s = this.writable();
      m.forEach((line, i) =>
        line.forEach((v, j) => {
          if (v === null) return; // Office.js leaves a cell alone where the array holds null.
          const cell = cellFor(s, r.top + i, r.left + j);
          if (kind === "numberFormat") cell.numberFormat = String(v);
          else writeValue(cell, v);
        }),
      );
    });
  }
  set values(m: Matrix) {
    this.setMatrix("values", m);
  }
  set formulas(m: Matrix) {
    this.setMatrix("formulas", m);
  }
  set numberFormat(m: Matrix) {
    this.setMatrix("numberFormat", m);
  }

  clear(applyTo = "All"): void {
    this.ctx.enqueue(utf8Bytes(applyTo), () => {
      const r = this.rect();
      const s = this.writable();
      for (const [row, line] of s.rows) {
        if (row < r.top || row > r.bottom) continue;
        for (const [col, cell] of line) {
          if (col < r.left || col > r.right) continue;
          if (applyTo === "Contents" || applyTo === "All") {
            cell.value = "";
            delete cell.formula;
            delete cell.quotePrefix;
          }
          if (applyTo === "Formats" || applyTo === "All") {
            cell.numberFormat = "General";
            cell.format = {};
          }
        }
      }
      // Clearing formats unmerges, as in Excel.
      if (applyTo === "Formats" || applyTo === "All") s.merges.splice(0, s.merges.length, ...s.merges.filter((m) => !intersects(m, r)));
    });
  }

  copyFrom(source: RangeApi | string, copyType = "All"): void {
    this.ctx.enqueue(typeof source === "string" ? utf8Bytes(source) : 40, () => {
      const src = typeof source === "string" ? this.rangeFromRef(source) : { sheet: source.worksheet.sheet(), rect: source.rect() };
      const dest = this.rect();
      const h = src.rect.bottom - src.rect.top + 1;
      const w = src.rect.right - src.rect.left + 1;
      // As a paste: a one-cell-high (or -wide) destination takes the source's size; a destination that is a
      // multiple of the source is filled with copies of it; any other size is refused.
      const repeats = (size: number, of: number) => (size === 1 ? 1 : size % of === 0 ? size / of : undefined);
      const down = repeats(dest.bottom - dest.top + 1, h);
      const across = repeats(dest.right - dest.left + 1, w);
      if (down === undefined || across === undefined)
        throw new MemoryExcelError("InvalidArgument", "The destination is not the size of the source.");
      const s = this.writable();
      const copies: [number, number, ReturnType<typeof getCell>][] = [];
      for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) copies.push([i, j, getCell(src.sheet, src.rect.top + i, src.rect.left + j)]);
      const tiles: { top: number; left: number }[] = [];
      for (let a = 0; a < down; a++) for (let b = 0; b < across; b++) tiles.push({ top: dest.top + a * h, left: dest.left + b * w });
      // Read everything first: the source may overlap the destination.
      const snapshot = copies.map(([i, j, from]) => [i, j, from && { ...from, format: { ...from.format } }] as const);
      for (const tile of tiles) {
        for (const [i, j, from] of snapshot) {
          const to = cellFor(s, tile.top + i, tile.left + j);
          if (copyType === "All" || copyType === "Formulas" || copyType === "Values") {
            to.value = from?.value ?? "";
            if (copyType !== "Values" && from?.formula !== undefined) to.formula = from.formula;
            else delete to.formula;
            if (from?.quotePrefix) to.quotePrefix = true;
            else delete to.quotePrefix;
          }
          if (copyType === "All" || copyType === "Formats") {
            to.numberFormat = from?.numberFormat ?? "General";
            to.format = { ...(from?.format ?? {}) };
          }
        }
      }
      if (copyType === "All" || copyType === "Formats") {
        // Like a paste, the merges wholly inside what was copied come along, replacing the destination's.
        const area = { top: dest.top, left: dest.left, bottom: dest.top + down * h - 1, right: dest.left + across * w - 1 };
        const merges = src.sheet.merges.filter((m) => rectInside(m, src.rect));
        s.merges.splice(0, s.merges.length, ...s.merges.filter((m) => !intersects(m, area)));
        for (const tile of tiles)
          for (const m of merges)
            s.merges.push({
              top: m.top - src.rect.top + tile.top,
              bottom: m.bottom - src.rect.top + tile.top,
              left: m.left - src.rect.left + tile.left,
              right: m.right - src.rect.left + tile.left,
            });
        // Like a paste, the source's conditional formats come along, clipped to what was copied.
        for (const cf of [...src.sheet.conditionalFormats]) {
          const clipped = cf.ranges.map((r) => intersection(r, src.rect)).filter((r): r is Rect => r !== undefined);
          for (const tile of tiles) {
            const parts = clipped.map((r) => ({
              top: r.top - src.rect.top + tile.top,
              bottom: r.bottom - src.rect.top + tile.top,
              left: r.left - src.rect.left + tile.left,
              right: r.right - src.rect.left + tile.left,
            }));
            if (parts.length > 0) s.conditionalFormats.push({ id: this.ctx.state.newId(), ranges: parts, rule: { ...cf.rule } });
          }
        }
      }
      if (copyType === "All") {
        // Pasting everything brings the source's data validation too, replacing the destination's.
        const pasted = src.sheet.validations.flatMap((v) => {
          const part = intersection(v.range, src.rect);
          if (!part) return [];
          return tiles.map((tile) => ({
            ...(JSON.parse(JSON.stringify(v)) as MemoryValidation),
            range: {
              top: part.top - src.rect.top + tile.top,
              bottom: part.bottom - src.rect.top + tile.top,
              left: part.left - src.rect.left + tile.left,
              right: part.right - src.rect.left + tile.left,
            },
          }));
        });
        const area = { top: dest.top, left: dest.left, bottom: dest.top + down * h - 1, right: dest.left + across * w - 1 };
        s.validations = [...s.validations.flatMap((v) => subtract(v.range, area).map((range) => ({ ...v, range }))), ...pasted];
      }
    });
  }

  private rangeFromRef(ref: string): { sheet: MemorySheet; rect: Rect } {
    const parsed = parseRef(ref);
    const sheet = parsed && this.ctx.state.sheet(parsed.sheet);
    if (!parsed || !sheet) throw new MemoryExcelError("InvalidArgument", `"${ref}" is not a range in this workbook.`);
    return { sheet, rect: parsed.rect };
  }

  getEntireColumn(): RangeApi {
    return new RangeApi(this.ctx, this.worksheet, () => {
      const r = this.rect();
      return { top: 0, bottom: MAX_ROWS - 1, left: r.left, right: r.right };
    });
  }
  getCell(row: number, col: number): RangeApi {
    return new RangeApi(this.ctx, this.worksheet, () => {
      const r = this.rect();
      return { top: r.top + row, left: r.left + col, bottom: r.top + row, right: r.left + col };
    });
  }
  set columnHidden(hidden: boolean) {
    this.ctx.enqueue(5, () => {
      const r = this.rect();
      const s = this.writable();
      for (let c = r.left; c <= r.right; c++) hidden ? s.hiddenColumns.add(c) : s.hiddenColumns.delete(c);
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): RangeApi {
    return new RangeApi(
      this.ctx,
      this.worksheet,
      // Like Excel: the cells in use inside this range, not the sheet's used range cut to it.
      () => usedRect(this.worksheet.sheet(), valuesOnly, this.rect()),
      true,
    );
  }
  /** Like Excel: a merge may not overlap another; the cells but the top left keep their values hidden. */
  merge(across = false): void {
    this.ctx.enqueue(8, () => {
      const r = this.rect();
      const s = this.writable();
      if (s.merges.some((x) => intersects(x, r))) throw new MemoryExcelError("InvalidOperation", "Cannot merge over a merged area.");
      const parts = across ? Array.from({ length: r.bottom - r.top + 1 }, (_, i) => ({ ...r, top: r.top + i, bottom: r.top + i })) : [r];
      for (const m of parts) if (m.left !== m.right || m.top !== m.bottom) s.merges.push(m);
    });
  }
  unmerge(): void {
    this.ctx.enqueue(8, () => {
      const r = this.rect();
      const s = this.writable();
      s.merges.splice(0, s.merges.length, ...s.merges.filter((m) => !intersects(m, r)));
    });
  }
  getMergedAreasOrNullObject(): RangeAreasApi {
    return new RangeAreasApi(this.ctx, () => {
      const r = this.rect();
      const s = this.worksheet.sheet();
      const areas = s.merges.filter((m) => intersects(m, r));
      return areas.length === 0 ? undefined : { sheet: s.name, rects: areas };
    });
  }
  select(): void {
    this.ctx.enqueue(0, () => {
      const s = this.worksheet.sheet();
      this.ctx.state.selection = { sheet: s.name, address: rangeAddress(this.rect()) };
    });
  }

  /**
   * Inserts cells where the range is, shifting what is there away; returns the inserted range. Imitated for whole
   * columns shifted right ("I:K"), which move every cell, width, merge, rule, list, chart range, formula and name
   * right of them, as Excel does; refused on a protected sheet, and when a non-blank cell would leave the sheet.
   */
  insert(shift: string): RangeApi {
    this.ctx.enqueue(utf8Bytes(shift), () => {
      const { sheet, at, count } = this.wholeColumns("insert", shift, "Right");
      try {
        insertColumns(this.ctx.state, sheet, at, count);
      } catch (e) {
        if (!(e instanceof OffSheetError)) throw e;
        throw new MemoryExcelError(
          "NonBlankCellOffSheet",
          `Microsoft Excel can't insert new cells because it would push non-empty cells off the end of the worksheet (${e.message}).`,
        );
      }
    });
    return new RangeApi(this.ctx, this.worksheet, () => this.rect());
  }

  /** Deletes the range's cells, shifting the rest into their place. Imitated for whole columns shifted left ("I:K"). */
  delete(shift: string): void {
    this.ctx.enqueue(utf8Bytes(shift), () => {
      const { sheet, at, count } = this.wholeColumns("delete", shift, "Left");
      deleteColumns(this.ctx.state, sheet, at, count);
    });
  }

  /** The whole columns an insert or delete works on, on a sheet it may change; other shapes are not imitated. */
  private wholeColumns(verb: string, shift: string, direction: string): { sheet: MemorySheet; at: number; count: number } {
    const r = this.rect();
    if (r.top !== 0 || r.bottom !== MAX_ROWS - 1 || shift !== direction)
      throw new MemoryExcelError(
        "NotImplemented",
        `The in-memory Excel imitates Range.${verb} only for whole columns ("I:K") shifted ${direction.toLowerCase()}, not ${rangeAddress(r)} shifted "${shift}".`,
      );
    return { sheet: this.writable(), at: r.left, count: r.right - r.left + 1 };
  }
}

function formulaOf(c: ReturnType<typeof getCell>): string | number | boolean {
  if (!c) return "";
  if (c.formula !== undefined) return c.formula;
  return c.value;
}

function writeValue(cell: ReturnType<typeof cellFor>, v: string | number | boolean): void {
  delete cell.formula;
  delete cell.quotePrefix;
  if (typeof v !== "string") {
    cell.value = v;
    return;
  }
  const typed = coerceTyped(v);
  cell.value = typed.value;
  if (typed.formula !== undefined) cell.formula = typed.formula;
  if (typed.quotePrefix) cell.quotePrefix = true;
  if (typed.numberFormat && cell.numberFormat === "General") cell.numberFormat = typed.numberFormat;
}

export class RangeAreasApi extends ApiObject implements Imitates<Excel.RangeAreas, RangeAreasApi> {
  constructor(
    ctx: MemoryContext,
    private readonly areas: () => { sheet: string; rects: Rect[] } | undefined,
  ) {
    super(ctx);
  }
  protected defaultProps() {
    return ["address"];
  }
  protected readProps(props: string[]) {
    const a = this.areas();
    if (!a) return { isNullObject: true };
    const out: Record<string, unknown> = { isNullObject: false };
    for (const p of props) {
      if (p === "address") out.address = a.rects.map((r) => `${quoteSheet(a.sheet)}!${rangeAddress(r)}`).join(",");
      else if (p === "areaCount") out.areaCount = a.rects.length;
      else throw new MemoryExcelError("InvalidArgument", `RangeAreas has no property "${p}" here.`);
    }
    return out;
  }
  get isNullObject(): boolean {
    return this.get("isNullObject");
  }
  get address(): string {
    return this.get("address");
  }
}

// ---------------------------------------------------------------- formats

class RangeFormatApi extends ApiObject implements Imitates<Excel.RangeFormat, RangeFormatApi> {
  readonly font: { bold: boolean; italic: boolean; size: number; color: string };
  readonly fill: { color: string; clear(): void };
  constructor(
    ctx: MemoryContext,
    private readonly range: RangeApi,
  ) {
    super(ctx);
    const setter = (key: keyof CellFormat) => (value: unknown) => this.apply((f) => ((f as Record<string, unknown>)[key] = value));
    const font = {} as RangeFormatApi["font"];
    for (const [prop, key] of [
      ["bold", "bold"],
      ["italic", "italic"],
      ["size", "size"],
      ["color", "color"],
    ] as const) {
      Object.defineProperty(font, prop, { set: setter(key), get: () => this.unreadable(`font.${prop}`) });
    }
    this.font = font;
    const fill = { clear: () => this.apply((f) => delete f.fill) } as RangeFormatApi["fill"];
    Object.defineProperty(fill, "color", { set: setter("fill"), get: () => this.unreadable("fill.color") });
    this.fill = fill;
  }
  private unreadable(prop: string): never {
    throw notLoaded(prop);
  }
  protected defaultProps() {
    return ["columnWidth"];
  }
  protected readProps(props: string[]) {
    const out: Record<string, unknown> = {};
    for (const p of props) {
      // Like Excel, the width of the range's first column (in points).
      if (p === "columnWidth") out.columnWidth = this.range.readable().columnWidths.get(this.range.rect().left) ?? DEFAULT_COLUMN_WIDTH;
      else throw new MemoryExcelError("InvalidArgument", `RangeFormat has no property "${p}" here.`);
    }
    return out;
  }
  get columnWidth(): number {
    return this.get("columnWidth");
  }
  private apply(fn: (f: CellFormat) => void): void {
    this.ctx.enqueue(24, () => {
      const r = this.range.rect();
      const s = this.range.writable();
      for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) fn(cellFor(s, row, col).format);
    });
  }
  set wrapText(v: boolean) {
    this.apply((f) => (f.wrap = v));
  }
  set verticalAlignment(v: Excel.RangeFormat["verticalAlignment"]) {
    this.apply((f) => (f.verticalAlignment = v));
  }
  set useStandardHeight(standard: boolean) {
    this.ctx.enqueue(8, () => {
      const r = this.range.rect();
      const s = this.range.writable();
      if (standard) for (const row of [...s.rowHeights.keys()]) if (row >= r.top && row <= r.bottom) s.rowHeights.delete(row);
    });
  }
  set rowHeight(points: number) {
    this.ctx.enqueue(8, () => {
      if (!(points >= 0 && points <= 409)) throw new MemoryExcelError("InvalidArgument", "A row height is 0 to 409 points.");
      const r = this.range.rect();
      const s = this.range.writable();
      // The standard height reads as a row never sized (a whole sheet set back costs nothing); others are kept.
      if (points === STANDARD_ROW_HEIGHT) {
        for (const row of [...s.rowHeights.keys()]) if (row >= r.top && row <= r.bottom) s.rowHeights.delete(row);
      } else for (let row = r.top; row <= r.bottom; row++) s.rowHeights.set(row, points);
    });
  }
  set columnWidth(points: number) {
    this.ctx.enqueue(8, () => {
      const r = this.range.rect();
      const s = this.range.writable();
      // A column set back to the standard width reads as one never sized: Excel tells the two apart nowhere.
      for (let c = r.left; c <= r.right; c++) {
        if (points === DEFAULT_COLUMN_WIDTH) s.columnWidths.delete(c);
        else s.columnWidths.set(c, points);
      }
    });
  }
}

// ---------------------------------------------------------------- conditional formats

class ConditionalFormatCollectionApi
  extends ApiObject
  implements Imitates<Excel.ConditionalFormatCollection, ConditionalFormatCollectionApi>
{
  constructor(
    ctx: MemoryContext,
    private readonly range: RangeApi,
  ) {
    super(ctx);
  }
  protected defaultProps() {
    return ["items/type"];
  }
  protected readProps(props: string[]) {
    const r = this.range.rect();
    const s = this.range.worksheet.sheet();
    const found = s.conditionalFormats.filter((cf) => cf.ranges.some((x) => intersects(x, r)));
    const items = found.map((cf) => new ConditionalFormatApi(this.ctx, s, () => cf));
    const itemProps = props.filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
    const data = found.map((cf) => {
      const out: Record<string, unknown> = {};
      for (const p of itemProps) {
        if (p === "type") out.type = cf.rule.type;
        else if (p === "id") out.id = String(cf.id);
        else throw new MemoryExcelError("InvalidArgument", `ConditionalFormat has no property "${p}" here.`);
      }
      return out;
    });
    return { items: { items, data } };
  }
  get items(): ConditionalFormatApi[] {
    const v = this.get<{ items: ConditionalFormatApi[]; data: Record<string, unknown>[] }>("items");
    v.items.forEach((it, i) => it.publish(v.data[i] as Record<string, unknown>));
    return v.items;
  }
  add(type: string): ConditionalFormatApi {
    let created: MemoryConditionalFormat | undefined;
    let sheet: MemorySheet | undefined;
    this.ctx.enqueue(utf8Bytes(type), () => {
      if (type !== "CellValue" && type !== "DataBar" && type !== "IconSet")
        throw new MemoryExcelError("NotImplemented", `Conditional format type ${type}.`);
      sheet = this.range.writable();
      const rule: CfRule =
        type === "CellValue" ? { type } : type === "DataBar" ? { type, gradientFill: true } : { type, style: "ThreeTrafficLights1" };
      created = { id: this.ctx.state.newId(), ranges: [this.range.rect()], rule };
      sheet.conditionalFormats.push(created);
    });
    return new ConditionalFormatApi(
      this.ctx,
      undefined,
      () => created,
      () => sheet,
    );
  }
  clearAll(): void {
    this.ctx.enqueue(0, () => {
      const r = this.range.rect();
      const s = this.range.writable();
      s.conditionalFormats = s.conditionalFormats.filter((cf) => !cf.ranges.some((x) => intersects(x, r)));
    });
  }
}

export class ConditionalFormatApi extends ApiObject implements Imitates<Excel.ConditionalFormat, ConditionalFormatApi, "publish"> {
  readonly cellValue: {
    format: { fill: { color: string }; font: { color: string } };
    rule: Excel.ConditionalCellValueRule;
  };
  readonly dataBar: {
    positiveFormat: { fillColor: string; gradientFill: boolean };
    lowerBoundRule: Excel.ConditionalDataBarRule;
    upperBoundRule: Excel.ConditionalDataBarRule;
  };
  readonly iconSet: {
    style: Excel.IconSetConditionalFormat["style"];
    criteria: Excel.ConditionalIconCriterion[];
    showIconOnly: boolean;
    reverseIconOrder: boolean;
  };

  constructor(
    ctx: MemoryContext,
    fixedSheet: MemorySheet | undefined,
    private readonly cf: () => MemoryConditionalFormat | undefined,
    private readonly sheetOf: () => MemorySheet | undefined = () => fixedSheet,
  ) {
    super(ctx);
    const set = (fn: (rule: CfRule, v: unknown) => void) => (v: unknown) =>
      this.ctx.enqueue(jsonBytes(v ?? null), () => {
        const target = this.target();
        if (target.sheet.protected) throw protectedSheet(target.sheet);
        fn(target.cf.rule, v);
      });
    const prop = <T extends object>(obj: T, name: string, fn: (rule: CfRule, v: unknown) => void) =>
      Object.defineProperty(obj, name, { set: set(fn), get: () => this.notReadable(name) });
    const fill = prop({}, "color", (r, v) => r.type === "CellValue" && (r.fill = String(v)));
    const font = prop({}, "color", (r, v) => r.type === "CellValue" && (r.font = String(v)));
    const cellValue = { format: { fill, font } } as ConditionalFormatApi["cellValue"];
    prop(cellValue, "rule", (r, v) => {
      if (r.type !== "CellValue") throw new MemoryExcelError("InvalidArgument", "Not a cell value rule.");
      const rule = v as { formula1: string; operator: string };
      r.formula1 = rule.formula1;
      r.operator = rule.operator;
    });
    this.cellValue = cellValue;
    const positiveFormat = {} as ConditionalFormatApi["dataBar"]["positiveFormat"];
    prop(positiveFormat, "fillColor", (r, v) => r.type === "DataBar" && (r.fillColor = String(v)));
    prop(positiveFormat, "gradientFill", (r, v) => r.type === "DataBar" && (r.gradientFill = Boolean(v)));
    const dataBar = { positiveFormat } as ConditionalFormatApi["dataBar"];
    prop(dataBar, "lowerBoundRule", (r, v) => r.type === "DataBar" && (r.lower = v as { type: string }));
    prop(dataBar, "upperBoundRule", (r, v) => r.type === "DataBar" && (r.upper = v as { type: string }));
    this.dataBar = dataBar;
    const iconSet = {} as ConditionalFormatApi["iconSet"];
    const iconRule = (r: CfRule): Extract<CfRule, { type: "IconSet" }> => {
      if (r.type !== "IconSet") throw new MemoryExcelError("InvalidArgument", "Not an icon set rule.");
      return r;
    };
    prop(iconSet, "style", (r, v) => (iconRule(r).style = String(v)));
    prop(iconSet, "showIconOnly", (r, v) => (iconRule(r).showIconOnly = Boolean(v)));
    prop(iconSet, "reverseIconOrder", (r, v) => (iconRule(r).reverseIconOrder = Boolean(v)));
    prop(iconSet, "criteria", (r, v) => (iconRule(r).criteria = iconCriteria(v)));
    this.iconSet = iconSet;
  }
  private notReadable(name: string): never {
    throw notLoaded(name);
  }
  private target(): { cf: MemoryConditionalFormat; sheet: MemorySheet } {
    const cf = this.cf();
    const sheet = this.sheetOf();
    if (!cf || !sheet || !sheet.conditionalFormats.includes(cf))
      throw new MemoryExcelError("ItemNotFound", "The conditional format doesn't exist.");
    return { cf, sheet };
  }
  protected defaultProps() {
    return ["type"];
  }
  protected readProps(props: string[]) {
    const { cf } = this.target();
    const out: Record<string, unknown> = {};
    for (const p of props) {
      if (p === "type") out.type = cf.rule.type;
      else throw new MemoryExcelError("InvalidArgument", `ConditionalFormat has no property "${p}" here.`);
    }
    return out;
  }
  publish(values: Record<string, unknown>): void {
    Object.entries(values).forEach(([k, v]) => this.loaded.set(k, v));
  }
  get type(): Excel.ConditionalFormat["type"] {
    return this.get("type");
  }
  delete(): void {
    this.ctx.enqueue(0, () => {
      const { cf, sheet } = this.target();
      if (sheet.protected) throw protectedSheet(sheet);
      sheet.conditionalFormats = sheet.conditionalFormats.filter((x) => x !== cf);
    });
  }
  getRanges(): RangeAreasApi {
    return new RangeAreasApi(this.ctx, () => {
      const { cf, sheet } = this.target();
      return { sheet: sheet.name, rects: cf.ranges };
    });
  }
}

/** Icon criteria as Excel takes them: one per icon, the first ignored; every other one complete. */
function iconCriteria(v: unknown): (IconCriterion | null)[] {
  if (!Array.isArray(v) || v.length < 3 || v.length > 5)
    throw new MemoryExcelError("InvalidArgument", "Icon set criteria must list one criterion per icon (3 to 5).");
  return v.map((c: unknown, i) => {
    if (i === 0) return null;
    const x = c as Partial<IconCriterion> | undefined;
    if (!x || typeof x.type !== "string" || typeof x.operator !== "string" || typeof x.formula !== "string")
      throw new MemoryExcelError("InvalidArgument", `Icon criterion ${i} needs a type, an operator and a formula.`);
    if (!["GreaterThan", "GreaterThanOrEqual"].includes(x.operator))
      throw new MemoryExcelError("InvalidArgument", `Icon criterion operator "${x.operator}".`);
    return { type: x.type, operator: x.operator, formula: x.formula };
  });
}

// ---------------------------------------------------------------- data validation

type ValidationRule = NonNullable<MemoryValidation["rule"]>;

export class DataValidationApi extends ApiObject implements Imitates<Excel.DataValidation, DataValidationApi> {
  constructor(
    ctx: MemoryContext,
    private readonly range: RangeApi,
  ) {
    super(ctx);
  }
  protected defaultProps() {
    return ["type", "rule", "prompt"];
  }
  /** One validation covering the whole range, or none: as Excel reports a range with mixed or partial validation. */
  private covering(): MemoryValidation | undefined {
    const r = this.range.rect();
    const s = this.range.worksheet.sheet();
    const hits = s.validations.filter((v) => intersects(v.range, r));
    const only = hits[0];
    if (hits.length !== 1 || !only) return undefined;
    const inside = only.range.top <= r.top && only.range.left <= r.left && only.range.bottom >= r.bottom && only.range.right >= r.right;
    return inside ? only : undefined;
  }
  protected readProps(props: string[]) {
    const r = this.range.rect();
    const s = this.range.worksheet.sheet();
    const v = this.covering();
    const mixed = !v && s.validations.some((x) => intersects(x.range, r));
    const out: Record<string, unknown> = {};
    for (const p of props) {
      if (p === "type") out.type = mixed ? "Inconsistent" : v?.rule?.list ? "List" : "None";
      else if (p === "rule") out.rule = JSON.parse(JSON.stringify(v?.rule ?? {})) as unknown;
      else if (p === "prompt") out.prompt = { message: "", showPrompt: false, title: "", ...(v?.prompt ?? {}) };
      else throw new MemoryExcelError("InvalidArgument", `DataValidation has no property "${p}" here.`);
    }
    return out;
  }
  get type(): Excel.DataValidation["type"] {
    return this.get("type");
  }
  get rule(): ValidationRule {
    return this.get("rule");
  }
  set rule(rule: ValidationRule) {
    this.ctx.enqueue(jsonBytes(rule ?? null), () => {
      const list = rule?.list;
      const kinds = rule ? Object.keys(rule) : [];
      if (!list || kinds.length !== 1)
        throw new MemoryExcelError("InvalidArgument", "Only a list rule, and exactly one rule, can be set here.");
      if (typeof list.source !== "string" || list.source.trim() === "")
        throw new MemoryExcelError("InvalidArgument", "A list rule needs a source: the choices, comma-separated.");
      const s = this.range.writable();
      const r = this.range.rect();
      // The new rule replaces whatever the range had; validation around it keeps the rest of its area.
      const kept = s.validations.flatMap((v) => subtract(v.range, r).map((range) => ({ ...v, range })));
      s.validations = [...kept, { range: r, rule: { list: { inCellDropDown: list.inCellDropDown !== false, source: list.source } } }];
    });
  }
  get prompt(): NonNullable<MemoryValidation["prompt"]> {
    return this.get("prompt");
  }
  set prompt(prompt: NonNullable<MemoryValidation["prompt"]>) {
    this.ctx.enqueue(jsonBytes(prompt ?? null), () => {
      if (!prompt || typeof prompt.message !== "string") throw new MemoryExcelError("InvalidArgument", "A prompt needs a message.");
      if (prompt.message.length > 255) throw new MemoryExcelError("InvalidArgument", "A prompt's message is at most 255 characters.");
      if ((prompt.title ?? "").length > 32) throw new MemoryExcelError("InvalidArgument", "A prompt's title is at most 32 characters.");
      const s = this.range.writable();
      const v = this.covering();
      const value = { message: prompt.message, showPrompt: prompt.showPrompt !== false, title: prompt.title ?? "" };
      if (v) v.prompt = value;
      else {
        const r = this.range.rect();
        if (s.validations.some((x) => intersects(x.range, r)))
          throw new MemoryExcelError("InvalidOperation", "The range holds more than one data validation: clear it first.");
        s.validations.push({ range: r, prompt: value });
      }
    });
  }
  clear(): void {
    this.ctx.enqueue(0, () => {
      const s = this.range.writable();
      const r = this.range.rect();
      s.validations = s.validations.flatMap((v) => subtract(v.range, r).map((range) => ({ ...v, range })));
    });
  }
}

// ---------------------------------------------------------------- charts

const CHART_TYPES = new Set(["Pie", "Doughnut", "Line", "LineMarkers", "BarClustered", "ColumnClustered"]);

function drawable(ws: WorksheetApi): MemorySheet {
  const s = ws.sheet();
  if (s.protected) throw protectedSheet(s);
  return s;
}

function sheetRange(r: RangeApi): SheetRange {
  return { sheet: r.worksheet.sheet().name, range: rangeAddress(r.rect()) };
}

function pointCount(ref: SheetRange): number {
  const rect = parseRef(`X!${ref.range}`)?.rect;
  return rect ? (rect.bottom - rect.top + 1) * (rect.right - rect.left + 1) : 0;
}

class ChartCollectionApi extends ApiObject implements Imitates<Excel.ChartCollection, ChartCollectionApi> {
  constructor(
    ctx: MemoryContext,
    private readonly ws: WorksheetApi,
  ) {
    super(ctx);
  }
  protected defaultProps() {
    return ["items/name"];
  }
  protected readProps(props: string[]) {
    const s = this.ws.sheet();
    const out: Record<string, unknown> = {};
    const itemProps = props.filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
    for (const p of props) {
      if (p === "count") out.count = s.charts.length;
      else if (!p.startsWith("items/")) throw new MemoryExcelError("InvalidArgument", `ChartCollection has no property "${p}" here.`);
    }
    if (itemProps.length > 0)
      out.items = {
        items: s.charts.map((c) => new ChartApi(this.ctx, this.ws, () => c)),
        data: s.charts.map((c) => ChartApi.read(c, itemProps)),
      };
    return out;
  }
  get count(): number {
    return this.get("count");
  }
  get items(): ChartApi[] {
    const v = this.get<{ items: ChartApi[]; data: Record<string, unknown>[] }>("items");
    v.items.forEach((it, i) => it.publish(v.data[i] as Record<string, unknown>));
    return v.items;
  }
  add(type: string, sourceData: RangeApi, seriesBy = "Auto"): ChartApi {
    let created: MemoryChart | undefined;
    this.ctx.enqueue(utf8Bytes(type) + 40, () => {
      if (!CHART_TYPES.has(type)) throw new MemoryExcelError("InvalidArgument", `Chart type "${type}".`);
      if (!(sourceData instanceof RangeApi)) throw new MemoryExcelError("InvalidArgument", "A chart's source data must be a Range.");
      const s = drawable(this.ws);
      const r = sourceData.rect();
      const src = sourceData.worksheet.sheet().name;
      const h = r.bottom - r.top + 1;
      const w = r.right - r.left + 1;
      const byColumns = seriesBy === "Columns" || (seriesBy === "Auto" && h >= w);
      const series: MemoryChartSeries[] = Array.from({ length: byColumns ? w : h }, (_, i) => {
        const rect = byColumns ? { ...r, left: r.left + i, right: r.left + i } : { ...r, top: r.top + i, bottom: r.top + i };
        return {
          name: `Series${i + 1}`,
          values: { sheet: src, range: rangeAddress(rect) },
          pointFills: Array.from({ length: byColumns ? h : w }, () => null),
        };
      });
      created = { id: this.ctx.state.newId(), name: `Chart ${s.charts.length + 1}`, type, title: "", legendVisible: true, series };
      s.charts.push(created);
    });
    return new ChartApi(this.ctx, this.ws, () => {
      if (!created) throw new MemoryExcelError("InvalidObjectPath", "The chart was not added.");
      return created;
    });
  }
  getItemAt(index: number): ChartApi {
    return new ChartApi(this.ctx, this.ws, () => {
      const c = this.ws.sheet().charts[index];
      if (!c) throw new MemoryExcelError("InvalidArgument", `There is no chart at index ${index}.`);
      return c;
    });
  }
  getItem(name: string): ChartApi {
    return new ChartApi(this.ctx, this.ws, () => {
      const c = this.ws.sheet().charts.find((x) => x.name === name);
      if (!c) throw new MemoryExcelError("ItemNotFound", `There is no chart named "${name}".`);
      return c;
    });
  }
}

export class ChartApi extends ApiObject implements Imitates<Excel.Chart, ChartApi, "chart" | "writable" | "publish"> {
  private bound: MemoryChart | undefined;
  readonly series: ChartSeriesCollectionApi;
  readonly title: { text: string };
  readonly legend: { visible: boolean };
  readonly axes: { valueAxis: { numberFormat: string } };

  constructor(
    ctx: MemoryContext,
    private readonly ws: WorksheetApi,
    private readonly resolver: () => MemoryChart,
  ) {
    super(ctx);
    this.series = new ChartSeriesCollectionApi(ctx, this);
    const setter = <T extends object>(obj: T, name: string, fn: (c: MemoryChart, v: unknown) => void): T =>
      Object.defineProperty(obj, name, {
        set: (v: unknown) => {
          this.ctx.enqueue(jsonBytes(v ?? null), () => void fn(this.writable(), v));
        },
        get: () => {
          throw notLoaded(name);
        },
      });
    this.title = setter({} as { text: string }, "text", (c, v) => (c.title = String(v)));
    this.legend = setter({} as { visible: boolean }, "visible", (c, v) => (c.legendVisible = Boolean(v)));
    this.axes = {
      valueAxis: setter({} as { numberFormat: string }, "numberFormat", (c, v) => {
        if (c.type === "Pie" || c.type === "Doughnut") throw new MemoryExcelError("InvalidOperation", "A pie chart has no value axis.");
        c.valueAxisFormat = String(v);
      }),
    };
  }

  /** The chart, bound on first use; refused once deleted. */
  chart(): MemoryChart {
    if (!this.bound) this.bound = this.resolver();
    if (!this.ws.sheet().charts.includes(this.bound)) throw new MemoryExcelError("ItemNotFound", "The chart was deleted.");
    return this.bound;
  }
  writable(): MemoryChart {
    drawable(this.ws);
    return this.chart();
  }

  static read(c: MemoryChart, props: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const p of props) {
      if (p === "name") out.name = c.name;
      else if (p === "id") out.id = String(c.id);
      else if (p === "chartType") out.chartType = c.type;
      else throw new MemoryExcelError("InvalidArgument", `Chart has no property "${p}" here.`);
    }
    return out;
  }
  protected defaultProps() {
    return ["name", "chartType"];
  }
  protected readProps(props: string[]) {
    return ChartApi.read(this.chart(), props);
  }
  publish(values: Record<string, unknown>): void {
    Object.entries(values).forEach(([k, v]) => this.loaded.set(k, v));
  }
  get name(): string {
    return this.get("name");
  }
  set name(value: string) {
    this.ctx.enqueue(utf8Bytes(value), () => {
      if (!value || value.length > 255) throw new MemoryExcelError("InvalidArgument", `"${value}" is not a valid chart name.`);
      this.writable().name = value;
    });
  }
  get chartType(): Excel.Chart["chartType"] {
    return this.get("chartType");
  }
  setPosition(startCell: RangeApi | string, endCell?: RangeApi | string): void {
    const bytes = (x: RangeApi | string | undefined) => (typeof x === "string" ? utf8Bytes(x) : x ? 40 : 0);
    this.ctx.enqueue(bytes(startCell) + bytes(endCell), () => {
      const c = this.writable();
      const at = (x: RangeApi | string): string => {
        if (typeof x !== "string") return rangeAddress(x.rect());
        const ref = parseRef(`X!${x}`);
        if (!ref) throw new MemoryExcelError("InvalidArgument", `"${x}" is not a cell address.`);
        return rangeAddress(ref.rect);
      };
      c.position = { from: at(startCell), to: endCell === undefined ? undefined : at(endCell) };
    });
  }
  delete(): void {
    this.ctx.enqueue(0, () => {
      const c = this.writable();
      const s = this.ws.sheet();
      s.charts = s.charts.filter((x) => x !== c);
    });
  }
}

class ChartSeriesCollectionApi extends ApiObject implements Imitates<Excel.ChartSeriesCollection, ChartSeriesCollectionApi> {
  constructor(
    ctx: MemoryContext,
    private readonly chart: ChartApi,
  ) {
    super(ctx);
  }
  protected defaultProps() {
    return ["count"];
  }
  protected readProps(props: string[]) {
    const c = this.chart.chart();
    const out: Record<string, unknown> = {};
    for (const p of props) {
      if (p === "count") out.count = c.series.length;
      else throw new MemoryExcelError("InvalidArgument", `ChartSeriesCollection has no property "${p}" here.`);
    }
    return out;
  }
  get count(): number {
    return this.get("count");
  }
  getItemAt(index: number): ChartSeriesApi {
    return new ChartSeriesApi(this.ctx, this.chart, () => {
      const s = this.chart.chart().series[index];
      if (!s) throw new MemoryExcelError("InvalidArgument", `The chart has no series at index ${index}.`);
      return s;
    });
  }
  add(name?: string): ChartSeriesApi {
    let created: MemoryChartSeries | undefined;
    this.ctx.enqueue(name === undefined ? 0 : utf8Bytes(name), () => {
      const c = this.chart.writable();
      // Excel starts a new series on an empty reference: it draws nothing until its values are set.
      created = { name: name ?? `Series${c.series.length + 1}`, pointFills: [] };
      c.series.push(created);
    });
    return new ChartSeriesApi(this.ctx, this.chart, () => {
      if (!created) throw new MemoryExcelError("InvalidObjectPath", "The series was not added.");
      return created;
    });
  }
}

export class ChartSeriesApi extends ApiObject implements Imitates<Excel.ChartSeries, ChartSeriesApi, "chart" | "series" | "writable"> {
  private bound: MemoryChartSeries | undefined;
  readonly points: ChartPointsCollectionApi;

  constructor(
    ctx: MemoryContext,
    readonly chart: ChartApi,
    private readonly resolver: () => MemoryChartSeries,
  ) {
    super(ctx);
    this.points = new ChartPointsCollectionApi(ctx, this);
  }
  series(): MemoryChartSeries {
    if (!this.bound) this.bound = this.resolver();
    if (!this.chart.chart().series.includes(this.bound)) throw new MemoryExcelError("ItemNotFound", "The series was deleted.");
    return this.bound;
  }
  writable(): MemoryChartSeries {
    this.chart.writable();
    return this.series();
  }
  protected defaultProps() {
    return ["name"];
  }
  protected readProps(props: string[]) {
    const s = this.series();
    const out: Record<string, unknown> = {};
    for (const p of props) {
      if (p === "name") out.name = s.name;
      else throw new MemoryExcelError("InvalidArgument", `ChartSeries has no property "${p}" here.`);
    }
    return out;
  }
  get name(): string {
    return this.get("name");
  }
  set name(value: string) {
    this.ctx.enqueue(utf8Bytes(value), () => void (this.writable().name = String(value)));
  }
  setValues(sourceData: RangeApi): void {
    this.ctx.enqueue(40, () => {
      if (!(sourceData instanceof RangeApi)) throw new MemoryExcelError("InvalidArgument", "Series values must be a Range.");
      const s = this.writable();
      s.values = sheetRange(sourceData);
      const n = pointCount(s.values);
      s.pointFills = Array.from({ length: n }, (_, i) => s.pointFills[i] ?? null);
    });
  }
  setXAxisValues(sourceData: RangeApi): void {
    this.ctx.enqueue(40, () => {
      if (!(sourceData instanceof RangeApi)) throw new MemoryExcelError("InvalidArgument", "Series x-axis values must be a Range.");
      this.writable().xValues = sheetRange(sourceData);
    });
  }
}

class ChartPointsCollectionApi extends ApiObject implements Imitates<Excel.ChartPointsCollection, ChartPointsCollectionApi> {
  constructor(
    ctx: MemoryContext,
    private readonly series: ChartSeriesApi,
  ) {
    super(ctx);
  }
  protected defaultProps() {
    return ["count"];
  }
  protected readProps(props: string[]) {
    const s = this.series.series();
    const out: Record<string, unknown> = {};
    for (const p of props) {
      if (p === "count") out.count = s.pointFills.length;
      else throw new MemoryExcelError("InvalidArgument", `ChartPointsCollection has no property "${p}" here.`);
    }
    return out;
  }
  get count(): number {
    return this.get("count");
  }
  getItemAt(index: number): { format: { fill: { setSolidColor(color: string): void } } } {
    return {
      format: {
        fill: {
          setSolidColor: (color: string) =>
            this.ctx.enqueue(utf8Bytes(color), () => {
              const s = this.series.writable();
              if (index < 0 || index >= s.pointFills.length)
                throw new MemoryExcelError("InvalidArgument", `The series has no point at index ${index}.`);
              if (!/^#[0-9a-f]{6}$/i.test(color)) throw new MemoryExcelError("InvalidArgument", `"${color}" is not a colour.`);
              s.pointFills[index] = color.toUpperCase();
            }),
        },
      },
    };
  }
}
