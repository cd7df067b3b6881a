// Calendar dates: date text in KPA workbooks, Excel serials and date number formats.
// Expectations come from the product requirements.
import fc from "fast-check";
import {
  type DateOrder,
  addMonths,
  dayFromSerial,
  dayFromYMD,
  isDateFormat,
  isoDate,
  monthEnd,
  parseDateText,
  parseIsoDate,
  serialFromDay,
} from "../../src/engine/dates";

/** parseDateText as { day: ISO, ambiguous } so a failure shows readable dates. */
function parsed(text: string, order?: DateOrder): { day: string; ambiguous: boolean } | undefined {
  const r = parseDateText(text, order);
  return r && { day: isoDate(r.day), ambiguous: r.ambiguous ?? false };
}

// ---------------------------------------------------------------------------------------------
// Written-out and ISO dates name one exact day.
// ---------------------------------------------------------------------------------------------
describe("parseDateText: exact days", () => {
  it.each<[string, string]>([
    ["December 15, 2050", "2050-12-15"],
    ["December 15 2050", "2050-12-15"],
    ["Dec 15, 2050", "2050-12-15"],
    ["Dec. 15, 2050", "2050-12-15"],
    ["December 15th, 2050", "2050-12-15"],
    ["Sept 30, 2050", "2050-09-30"],
    ["2050-12-15", "2050-12-15"],
    ["2050-1-5", "2050-01-05"],
    ["2050/12/15", "2050-12-15"],
    ["15 Dec 2050", "2050-12-15"],
    ["15 December 2050", "2050-12-15"],
    ["15th December 2050", "2050-12-15"],
    ["15-Dec-2050", "2050-12-15"],
    ["1 March 2052", "2052-03-01"],
    ["February 29, 2052", "2052-02-29"],
    ["by December 15, 2050", "2050-12-15"],
    ["Due 15 Dec 2050", "2050-12-15"],
    ["Before 2050-06-30.", "2050-06-30"],
  ])("%p → %s", (text, iso) => {
    expect(parsed(text)).toEqual({ day: iso, ambiguous: false });
  });
});

// ---------------------------------------------------------------------------------------------
// Periods mean their last day: quarter end, half-year end, month end, year end.
// ---------------------------------------------------------------------------------------------
describe("parseDateText: periods mean their end", () => {
  it.each<[string, string]>([
    ["Q1 2050", "2050-03-31"],
    ["Q2 2050", "2050-06-30"],
    ["Q3 2050", "2050-09-30"],
    ["Q4 2050", "2050-12-31"],
    ["q4-2050", "2050-12-31"],
    ["2050 Q2", "2050-06-30"],
    ["by Q4 2050", "2050-12-31"],
    ["end of Q1 2050", "2050-03-31"],
    ["H1 2050", "2050-06-30"],
    ["H2 2050", "2050-12-31"],
    ["4Q 2050", "2050-12-31"],
    ["2Q2050", "2050-06-30"],
    ["Quarter 3, 2050", "2050-09-30"],
    ["qtr 1 2050", "2050-03-31"],
    ["2050-Q3", "2050-09-30"],
    ["1H 2050", "2050-06-30"],
    ["half 2 2050", "2050-12-31"],
    ["June 2050", "2050-06-30"],
    ["Jun-2050", "2050-06-30"],
    ["February 2050", "2050-02-28"],
    ["Feb 2052", "2052-02-29"],
    ["Sept 2050", "2050-09-30"],
    ["end of June 2050", "2050-06-30"],
    ["2050", "2050-12-31"],
  ])("%p → %s", (text, iso) => {
    expect(parsed(text)).toEqual({ day: iso, ambiguous: false });
  });
});

// ---------------------------------------------------------------------------------------------
// Fiscal years: quarters, halves and "FY" years follow the fiscal year start; a fiscal year is
// named by the calendar year it ends in. Months and bare years stay the calendar's.
// ---------------------------------------------------------------------------------------------
describe("parseDateText: the fiscal year start", () => {
  const fiscal = (text: string, fiscalYearStart: number) => {
    const r = parseDateText(text, { order: "mdy", fiscalYearStart });
    return r && isoDate(r.day);
  };

  it.each<[string, number, string]>([
    // A year starting in April: FY2050 is April 1, 2049 to March 31, 2050.
    ["Q1 2050", 4, "2049-06-30"],
    ["Q2 2050", 4, "2049-09-30"],
    ["Q3 2050", 4, "2049-12-31"],
    ["Q4 2050", 4, "2050-03-31"],
    ["Q1 FY2050", 4, "2049-06-30"],
    ["Q4 FY50", 4, "2050-03-31"],
    ["FY50 Q2", 4, "2049-09-30"],
    ["by end of Q4 FY 2050", 4, "2050-03-31"],
    ["H1 2050", 4, "2049-09-30"],
    ["H2 FY50", 4, "2050-03-31"],
    ["FY2050", 4, "2050-03-31"],
    ["FY50", 4, "2050-03-31"],
    ["FY 50", 4, "2050-03-31"],
    ["FY2049/50", 4, "2050-03-31"],
    ["FY 2049-2050", 4, "2050-03-31"],
    ["by FY50", 4, "2050-03-31"],
    ["1Q FY50", 4, "2049-06-30"],
    ["FY50 4Q", 4, "2050-03-31"],
    ["Quarter 2 FY2050", 4, "2049-09-30"],
    // July (Microsoft, Australia) and October (US federal).
    ["Q1 FY2050", 7, "2049-09-30"],
    ["FY2050", 7, "2050-06-30"],
    ["Q1 FY2050", 10, "2049-12-31"],
    ["FY2050", 10, "2050-09-30"],
    ["Q4 2050", 10, "2050-09-30"],
    // A year starting in February: its last quarter ends in January of the year it is named by.
    ["Q4 2050", 2, "2050-01-31"],
    ["FY2050", 2, "2050-01-31"],
    // January: the calendar year, as without the setting.
    ["Q1 2050", 1, "2050-03-31"],
    ["FY50", 1, "2050-12-31"],
    ["H2 FY2050", 1, "2050-12-31"],
    // Months, days and bare years are the calendar's whatever the fiscal year.
    ["June 2050", 4, "2050-06-30"],
    ["2050", 4, "2050-12-31"],
    ["2050-06-15", 4, "2050-06-15"],
  ])("%p with the year starting in month %p → %s", (text, start, iso) => {
    expect(fiscal(text, start)).toBe(iso);
  });

  it.each<[string]>([
    ["FY2049/51"],
    ["FY50/49"],
    ["FY5"],
    ["FY"],
    ["Q5 FY50"],
    ["Q1 50"],
    ["50"],
    ["FY205"],
    ["5Q 2050"],
    ["3H 2050"],
    ["1Q50"],
  ])("%p is not a date", (text) => {
    expect(fiscal(text, 4)).toBeUndefined();
  });

  it("an order alone reads the calendar year, and an unusable start month falls back to it", () => {
    expect(parsed("Q1 2050", "dmy")?.day).toBe("2050-03-31");
    expect(fiscal("Q1 2050", 13)).toBe("2050-03-31");
    expect(fiscal("Q1 2050", 0)).toBe("2050-03-31");
  });

  it("every quarter of every start month ends 3 months after the one before, and Q4 ends the fiscal year", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1950, max: 2200 }), (start, year) => {
        const ends = [1, 2, 3, 4].map((q) => parseDateText(`Q${q} FY${year}`, { order: "mdy", fiscalYearStart: start })?.day);
        expect(ends.every((d) => d !== undefined)).toBe(true);
        for (let q = 1; q < 4; q++) expect(addMonths((ends[q - 1] as number) + 1, 3) - 1).toBe(ends[q]);
        expect(ends[3]).toBe(parseDateText(`FY${year}`, { order: "mdy", fiscalYearStart: start })?.day);
        // The fiscal year ends in the calendar year it is named by.
        expect(isoDate(ends[3] as number).slice(0, 4)).toBe(String(year));
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Numeric dates: a day above 12 settles the order; otherwise the order setting decides and the
// date is flagged ambiguous (unless both readings are the same day).
// ---------------------------------------------------------------------------------------------
describe("parseDateText: numeric dates and the order setting", () => {
  it.each<[string, DateOrder | undefined, string, boolean]>([
    ["03/04/2050", undefined, "2050-03-04", true],
    ["03/04/2050", "mdy", "2050-03-04", true],
    ["03/04/2050", "dmy", "2050-04-03", true],
    ["3/4/2050", undefined, "2050-03-04", true],
    ["15/04/2050", undefined, "2050-04-15", false],
    ["15/04/2050", "dmy", "2050-04-15", false],
    ["04/15/2050", "dmy", "2050-04-15", false],
    ["12/31/2050", undefined, "2050-12-31", false],
    ["31/12/2050", "mdy", "2050-12-31", false],
    ["05/05/2050", undefined, "2050-05-05", false],
    ["15.04.2050", undefined, "2050-04-15", false],
    ["01-02-2050", "dmy", "2050-02-01", true],
  ])("%p (order %p) → %s, ambiguous %p", (text, order, iso, ambiguous) => {
    expect(parsed(text, order)).toEqual({ day: iso, ambiguous });
  });
});

// ---------------------------------------------------------------------------------------------
// Not dates: impossible days, unknown words, empty text.
// ---------------------------------------------------------------------------------------------
describe("parseDateText: not a date", () => {
  it.each<[string]>([
    [""],
    ["   "],
    ["February 30, 2050"],
    ["2050-02-29"],
    ["2050-13-01"],
    ["13/13/2050"],
    ["Q5 2050"],
    ["H3 2050"],
    ["Smarch 2050"],
    ["next quarter"],
    ["ASAP"],
    ["Ongoing"],
    ["85%"],
  ])("%p", (text) => {
    expect(parseDateText(text)).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// Excel serials (1900 date system with its phantom 29 Feb 1900): known serials and round trips.
// ---------------------------------------------------------------------------------------------
describe("Excel serials", () => {
  it.each<[number, string]>([
    [1, "1900-01-01"],
    [59, "1900-02-28"],
    [61, "1900-03-01"],
    [25569, "1970-01-01"],
    [45658, "2025-01-01"],
    [54771, "2049-12-14"],
    [54771.999, "2049-12-14"],
    [2958465, "9999-12-31"],
  ])("serial %p is %s", (serial, iso) => {
    expect(isoDate(dayFromSerial(serial))).toBe(iso);
  });

  it.each<[number]>([[1], [59], [61], [100], [25569], [45658], [54771], [2958465]])("serial %p round-trips", (serial) => {
    expect(serialFromDay(dayFromSerial(serial))).toBe(serial);
  });

  it("every real serial (1 to 9999-12-31, skipping the phantom 60) round-trips", () => {
    const serial = fc.integer({ min: 1, max: 2958465 }).filter((s) => s !== 60);
    fc.assert(fc.property(serial, (s) => serialFromDay(dayFromSerial(s)) === s));
    // A fast-check property: a generous bound of its own, not the default.
  }, 60_000);

  it.each<[string, number]>([
    ["1900-01-01", 1],
    ["1900-02-28", 59],
    ["1900-03-01", 61],
    ["2050-12-15", 55137],
  ])("%s round-trips through serial %p", (iso, serial) => {
    const day = parseIsoDate(iso) as number;
    expect(serialFromDay(day)).toBe(serial);
    expect(dayFromSerial(serialFromDay(day))).toBe(day);
  });
});

// ---------------------------------------------------------------------------------------------
// Number formats: which ones show a date (so the cell's number is a serial).
// ---------------------------------------------------------------------------------------------
describe("isDateFormat", () => {
  it.each<[string, boolean]>([
    ["yyyy-mm-dd", true],
    ["m/d/yyyy", true],
    ["[$-409]mmmm d, yyyy", true],
    ["d-mmm-yy", true],
    ["dd/mm/yyyy", true],
    ["mmm-yy", true],
    ["mmmm yyyy", true],
    ["dddd, mmmm d, yyyy", true],
    ["m/d/yy;@", true],
    ["yyyy-mm-dd h:mm", true],
    ["0%", false],
    ["0.0%", false],
    ["#,##0", false],
    ["0.00", false],
    ["General", false],
    ["@", false],
    ["", false],
    ["h:mm", false],
    ["mm:ss", false],
    ["[h]:mm:ss", false],
    ["hh:mm AM/PM", false],
    ["$#,##0.00", false],
    ['_($* #,##0.00_);_($* (#,##0.00);_($* "-"??_);_(@_)', false],
    ['#,##0 "days"', false],
    ["0.00E+00", false],
  ])("%p → %p", (format, expected) => {
    expect(isDateFormat(format)).toBe(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// Calendar helpers used by timelines and review dates.
// ---------------------------------------------------------------------------------------------
describe("calendar helpers", () => {
  it.each<[number, number, string]>([
    [2050, 2, "2050-02-28"],
    [2052, 2, "2052-02-29"],
    [2050, 12, "2050-12-31"],
    [2050, 4, "2050-04-30"],
  ])("monthEnd(%p, %p) → %s", (y, m, iso) => {
    expect(isoDate(monthEnd(y, m))).toBe(iso);
  });

  it.each<[string, number, string]>([
    ["2050-01-31", 1, "2050-02-28"],
    ["2052-01-31", 1, "2052-02-29"],
    ["2050-11-15", 3, "2051-02-15"],
    ["2050-03-31", -1, "2050-02-28"],
  ])("addMonths(%s, %p) → %s", (iso, months, expected) => {
    expect(isoDate(addMonths(parseIsoDate(iso) as number, months))).toBe(expected);
  });

  it.each<[number, number, number, string]>([
    [1970, 1, 1, "1970-01-01"],
    [2050, 12, 15, "2050-12-15"],
    [1900, 3, 1, "1900-03-01"],
  ])("dayFromYMD(%p, %p, %p) → %s", (y, m, d, iso) => {
    expect(isoDate(dayFromYMD(y, m, d))).toBe(iso);
  });
});
