// Reading cell values (readCell / parseQuantity): numbers, percentages, money, durations, ratios,
// scores, dates and "no value" markers. Expectations come from the product requirements.
import type { CellValue } from "../../src/engine/grid";
import { isoDate } from "../../src/engine/dates";
import { type PercentEvidence, type Quantity, type Reading, formatQuantity, parseQuantity, readCell } from "../../src/engine/values";

const num = (value: number): Quantity => ({ value, unit: "number" });
const pct = (value: number): Quantity => ({ value, unit: "percent" });
const money = (value: number, currency = "$"): Quantity => ({ value, unit: "currency", currency });
const hrs = (h: number): Quantity => ({ value: h, unit: "hours" });
const ratio = (value: number): Quantity => ({ value, unit: "ratio" });
const score = (value: number, outOf: number): Quantity => ({ value, unit: "score", outOf });

const round = (n: number): number => Math.round(n * 1e9) / 1e9;

/** The quantity without its display hint, with float noise rounded away (90 min = 1.5 h, not 1.4999…). */
function plainQ(x: Quantity): Quantity {
  return { value: round(x.value), unit: x.unit, currency: x.currency, outOf: x.outOf };
}

function readQuantity(value: CellValue, format = "General"): { q: Quantity; evidence: PercentEvidence } | Reading {
  const r = readCell(value, format, "mdy");
  return r.kind === "quantity" ? { q: plainQ(r.q), evidence: r.evidence } : r;
}

// ---------------------------------------------------------------------------------------------
// Text cells holding a single quantity.
// ---------------------------------------------------------------------------------------------
describe("readCell: quantities typed as text", () => {
  it.each<[string, Quantity]>([
    ["42", num(42)],
    ["5,000", num(5000)],
    ["1,234,567.89", num(1_234_567.89)],
    ["-12.5", num(-12.5)],
    ["12.5K", num(12_500)],
    [" 7 ", num(7)],
    ["85%", pct(85)],
    ["12.5 %", pct(12.5)],
    ["85 percent", pct(85)],
    ["~95%", pct(95)],
    ["$833K", money(833_000)],
    ["$1.2M", money(1_200_000)],
    ["$1,250", money(1250)],
    ["$ 1,200.50", money(1200.5)],
    ["ZAR 3m", money(3_000_000, "R")],
    ["€2.5B", money(2_500_000_000, "€")],
    ["£45,000", money(45_000, "£")],
    ["R 1.5 million", money(1_500_000, "R")],
    ["USD 250K", money(250_000)],
    ["-$5K", money(-5000)],
    ["3.5 hours", hrs(3.5)],
    ["90 min", hrs(1.5)],
    ["45 minutes", hrs(0.75)],
    ["30h", hrs(30)],
    ["2.5 hrs", hrs(2.5)],
    ["1.5 hrs", hrs(1.5)],
    ["2 days", hrs(48)],
    ["1 week", hrs(168)],
    ["2 wks", hrs(336)],
    ["1 business day", hrs(24)],
    ["3 business days", hrs(72)],
    ["3.4:1", ratio(3.4)],
    ["3 : 1", ratio(3)],
    ["3.4×", ratio(3.4)],
    ["2.6x", ratio(2.6)],
    ["8/10", score(8, 10)],
    ["4.2/5", score(4.2, 5)],
    ["4.5 / 5", score(4.5, 5)],
    ["8 out of 10", score(8, 10)],
  ])("%p", (text, q) => {
    const r = readCell(text, "General", "mdy");
    expect(r).toMatchObject({ kind: "quantity", raw: text.trim() });
    expect(readQuantity(text)).toMatchObject({ q });
  });

  it.each<[string, PercentEvidence]>([
    ["85%", "sign"],
    ["85", "none"],
  ])("%p has percent evidence %p", (text, evidence) => {
    expect(readQuantity(text)).toMatchObject({ evidence });
  });
});

// ---------------------------------------------------------------------------------------------
// Numeric cells: the number format says what the number is (percent points, money, date…).
// ---------------------------------------------------------------------------------------------
describe("readCell: numbers with their number format", () => {
  it.each<[number, string, Quantity, PercentEvidence]>([
    [5000, "General", num(5000), "none"],
    [1234.5, "#,##0.00", num(1234.5), "none"],
    [0.85, "General", num(0.85), "none"],
    [0.85, "0%", pct(85), "format"],
    [0.925, "0.0%", pct(92.5), "format"],
    [1, "0%", pct(100), "format"],
    [125_000, "$#,##0", money(125_000), "none"],
    [125_000, "$#,##0.00;($#,##0.00)", money(125_000), "none"],
    [99.5, "[$€-407] #,##0.00", money(99.5, "€"), "none"],
    [2000, '"£"#,##0', money(2000, "£"), "none"],
  ])("%p formatted %p", (value, format, q, evidence) => {
    expect(readQuantity(value, format)).toEqual({ q, evidence });
  });
});

// ---------------------------------------------------------------------------------------------
// Cells that hold no value: blanks, Excel errors (as error objects or as text) and markers.
// ---------------------------------------------------------------------------------------------
describe("readCell: no value", () => {
  it.each<[string, CellValue]>([
    ["null", null],
    ["empty text", ""],
    ["spaces", "   "],
    ["#N/A error", { error: "#N/A" }],
    ["#DIV/0! error", { error: "#DIV/0!" }],
    ["#REF! error", { error: "#REF!" }],
    ["#DIV/0! text", "#DIV/0!"],
    ["#N/A text", "#N/A"],
    ["#VALUE! text", "#VALUE!"],
    ["N/A", "N/A"],
    ["n/a", "n/a"],
    ["NA", "NA"],
    ["-", "-"],
    ["—", "—"],
    ["TBD", "TBD"],
    ["TBC", "TBC"],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["invalid Date", new Date(Number.NaN)],
  ])("%s", (_label, value) => {
    expect(readCell(value, "General", "mdy").kind).toBe("none");
  });

  it.each<[CellValue, "blank" | "marker" | "error"]>([
    [null, "blank"],
    ["", "blank"],
    [{ error: "#N/A" }, "error"],
    ["#DIV/0!", "error"],
    ["N/A", "marker"],
    ["TBD", "marker"],
  ])("%p is 'none' because %p", (value, why) => {
    expect(readCell(value, "General", "mdy")).toMatchObject({ kind: "none", why });
  });
});

// ---------------------------------------------------------------------------------------------
// Dates: real Excel dates (date-formatted serials, JS Dates) and date text.
// ---------------------------------------------------------------------------------------------
describe("readCell: dates", () => {
  it.each<[string, CellValue, string, string]>([
    ["serial, yyyy-mm-dd", 54771, "yyyy-mm-dd", "2049-12-14"],
    ["serial, m/d/yyyy", 54771, "m/d/yyyy", "2049-12-14"],
    ["serial, long date", 54771, "[$-409]mmmm d, yyyy", "2049-12-14"],
    ["serial, d-mmm-yy", 45658, "d-mmm-yy", "2025-01-01"],
    ["serial with time, date-time format", 54771.75, "yyyy-mm-dd h:mm", "2049-12-14"],
    ["JS Date", new Date(Date.UTC(2050, 11, 15)), "General", "2050-12-15"],
    ["JS Date, date format", new Date(Date.UTC(2050, 1, 28)), "yyyy-mm-dd", "2050-02-28"],
    ["ISO text", "2050-12-15", "General", "2050-12-15"],
    ["long text", "December 15, 2050", "General", "2050-12-15"],
    ["day-month text", "15 Dec 2050", "General", "2050-12-15"],
  ])("%s", (_label, value, format, iso) => {
    const r = readCell(value, format, "mdy");
    expect(r.kind).toBe("date");
    expect(r.kind === "date" && { day: isoDate(r.day), ambiguous: r.ambiguous ?? false }).toEqual({ day: iso, ambiguous: false });
  });

  it.each<[string, "mdy" | "dmy", string, boolean]>([
    ["03/04/2050", "mdy", "2050-03-04", true],
    ["03/04/2050", "dmy", "2050-04-03", true],
    ["15/04/2050", "mdy", "2050-04-15", false],
    ["04/15/2050", "dmy", "2050-04-15", false],
  ])("%p read %s → %s (ambiguous %p)", (text, order, iso, ambiguous) => {
    const r = readCell(text, "General", order);
    expect(r.kind).toBe("date");
    expect(r.kind === "date" && { day: isoDate(r.day), ambiguous: r.ambiguous ?? false }).toEqual({ day: iso, ambiguous });
  });
});

// ---------------------------------------------------------------------------------------------
// Booleans and plain text.
// ---------------------------------------------------------------------------------------------
describe("readCell: booleans and text", () => {
  it.each<[CellValue, Reading]>([
    [true, { kind: "bool", value: true, raw: "TRUE" }],
    [false, { kind: "bool", value: false, raw: "FALSE" }],
    ["Yes", { kind: "bool", value: true, raw: "Yes" }],
    ["no", { kind: "bool", value: false, raw: "no" }],
    ["On hold", { kind: "text", text: "On hold" }],
    ["Approved", { kind: "text", text: "Approved" }],
  ])("%p", (value, reading) => {
    expect(readCell(value, "General", "mdy")).toEqual(reading);
  });
});

// ---------------------------------------------------------------------------------------------
// parseQuantity: the whole text must be one quantity; anything else is not a quantity.
// ---------------------------------------------------------------------------------------------
describe("parseQuantity", () => {
  it.each<[string, Quantity]>([
    ["about 40", num(40)],
    ["≈ 3.2:1", ratio(3.2)],
    ["eur 1.5k", money(1500, "€")],
    ["0.5 days", hrs(12)],
  ])("%p is one quantity", (text, q) => {
    const r = parseQuantity(text);
    expect(r && plainQ(r.q)).toEqual(q);
  });

  it.each<[string]>([["5 calls and 3 emails"], ["about"], ["Q4 2050"], ["85% of target"], [""]])("%p is not a single quantity", (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
});

describe("formatQuantity", () => {
  it.each<[Quantity, string]>([
    [pct(87.5), "87.5%"],
    [pct(99.95), "99.95%"],
    [pct(90), "90%"],
    [hrs(3.5), "3.5 h"],
    [ratio(2), "2:1"],
    [score(4, 5), "4/5"],
    // 1e21 and up print in exponent form: its trailing zero is no decimal to trim ("1e+3" would be a thousand).
    [pct(1e30), "1e+30%"],
    [hrs(1e22), "1e+22 h"],
  ])("%j reads %s", (q, text) => {
    expect(formatQuantity(q)).toBe(text);
  });
});

describe("number formats are read once per format", () => {
  it("reads the same cell the same way however often its format is asked about", () => {
    const formats = ["0%", "h:mm", "yyyy-mm-dd", "[$€-2] #,##0", "General", "0%"];
    const first = formats.map((f) => readCell(0.5, f, "mdy"));
    const again = formats.map((f) => readCell(0.5, f, "mdy"));
    expect(first.map((r) => r.kind)).toEqual(["quantity", "quantity", "date", "quantity", "quantity", "quantity"]);
    expect(again).toEqual(first);
  });
});
