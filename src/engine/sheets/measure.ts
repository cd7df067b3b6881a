// How wide text is in Excel's column-width unit (the width of the default font's digit), erring wide: a column sized
// by these never cuts off what it holds, in Excel's Calibri or LibreOffice's Carlito.
import type { CellStyle, PlanValue } from "../write-plan";

/** Points per line of the default font, as Excel's default row height. */
export const LINE_POINTS = 15;

/** The text's width in digit widths: capitals and m/w run wider than a digit, East Asian characters twice. */
export function textWidth(text: string, style?: CellStyle): number {
  let w = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code >= 0x2e80) w += 2;
    else if (ch === "M" || ch === "W") w += 1.5;
    else if (ch === "m" || ch === "w") w += 1.4;
    else if (ch >= "A" && ch <= "Z") w += 1.2;
    else w += 1;
  }
  return w * ((style?.size ?? 11) / 11) * (style?.bold ? 1.1 : 1);
}

/** A character's advance in Calibri 11, in digit widths, near enough to count the lines wrapped text takes. */
function advance(ch: string): number {
  const code = ch.codePointAt(0) as number;
  if (code >= 0x2e80) return 2;
  if (ch === " " || ch === "." || ch === "," || ch === ":" || ch === ";" || ch === "'" || ch === "!" || ch === "|") return 0.45;
  if ('ijlft()[]"/'.includes(ch)) return 0.6;
  if (ch === "m" || ch === "w") return 1.45;
  if (ch === "M" || ch === "W") return 1.7;
  if (ch >= "A" && ch <= "Z") return 1.1;
  return 0.95;
}

/** How many lines the text takes wrapped whole words at a time in `room` characters of width (at least one). */
export function lineCount(text: string, room: number, style?: CellStyle): number {
  const scale = ((style?.size ?? 11) / 11) * (style?.bold ? 1.07 : 1);
  // A little under the column: the cell's own padding.
  const width = Math.max(1, room - 1) / scale;
  let lines = 0;
  for (const paragraph of text.split("\n")) {
    lines++;
    let used = 0;
    for (const word of paragraph.split(/(?<= )/)) {
      let w = 0;
      for (const ch of word) w += advance(ch);
      if (used > 0 && used + w - (word.endsWith(" ") ? 0.45 : 0) > width) {
        lines++;
        used = 0;
      }
      // A word longer than the line breaks across lines.
      while (w > width) {
        lines++;
        w -= width;
      }
      used += w;
    }
  }
  return Math.max(1, lines);
}

/** Points for one line of text in this style. */
export function linePoints(style?: CellStyle): number {
  return Math.ceil(((style?.size ?? 11) / 11) * LINE_POINTS * 4) / 4;
}

/** The text a cell shows for a value under a number format, close enough to size its column by. */
export function displayText(v: PlanValue, format?: string): string {
  if (v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "object") return "date" in v ? (format && /h/.test(format) ? "yyyy-mm-dd hh:mm" : "yyyy-mm-dd") : v.text;
  if (!format || format === "General") return String(Number(v.toPrecision(10)));
  // A format of quoted words per sign ("improving";"declining";"flat") shows the longest of them.
  const words = [...format.matchAll(/"([^"]*)"/g)].map((m) => m[1] as string);
  const digits = /0\.(0+)/.exec(format)?.[1]?.length ?? 0;
  const percent = format.includes("%");
  const shown = (percent ? v * 100 : v).toFixed(digits);
  const grouped = format.includes(",") ? shown.replace(/\B(?=(\d{3})+(?!\d))/g, ",") : shown;
  const literal = words.join("");
  if (words.length > 1 && !/[0#]/.test(format.replace(/"[^"]*"/g, ""))) return words.reduce((a, b) => (b.length > a.length ? b : a), "");
  return `${grouped}${percent ? "%" : ""}${literal}`;
}
