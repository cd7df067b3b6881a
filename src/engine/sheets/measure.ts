// How wide text is in Excel's column-width unit (the width of the default font's digit), erring wide: a column sized
// by these never cuts off what it holds, in Excel's Calibri or LibreOffice's Carlito.
import type { CellStyle, PlanValue } from "../write-plan";

/** Points per line of the default font, as Excel's default row height. */
export const LINE_POINTS = 15;

/** Widths of the ASCII characters for `textWidth` (erring wide) and for counting wrapped lines (near Calibri's). */
const WIDE = new Float64Array(128);
const NEAR = new Float64Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  const capital = ch >= "A" && ch <= "Z";
  WIDE[c] = ch === "M" || ch === "W" ? 1.5 : ch === "m" || ch === "w" ? 1.4 : capital ? 1.2 : 1;
  NEAR[c] =
    ch === "M" || ch === "W"
      ? 1.7
      : ch === "m" || ch === "w"
        ? 1.45
        : capital
          ? 1.1
          : " .,:;'!|".includes(ch)
            ? 0.45
            : 'ijlft()[]"/'.includes(ch)
              ? 0.6
              : 0.95;
}

/** A character's width by its UTF-16 code unit: East Asian characters count twice; a surrogate pair counts once. */
function widthOf(table: Float64Array, code: number): number {
  if (code < 128) return table[code] as number;
  if (code >= 0xdc00 && code <= 0xdfff) return 0;
  return code >= 0x2e80 ? 2 : 1;
}

/** The text's width in digit widths: capitals and m/w run wider than a digit, East Asian characters twice. */
export function textWidth(text: string, style?: CellStyle): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) w += widthOf(WIDE, text.charCodeAt(i));
  return w * ((style?.size ?? 11) / 11) * (style?.bold ? 1.1 : 1);
}

/** How many lines the text takes wrapped whole words at a time in `room` characters of width (at least one). */
export function lineCount(text: string, room: number, style?: CellStyle): number {
  const scale = ((style?.size ?? 11) / 11) * (style?.bold ? 1.07 : 1);
  // A little under the column: the cell's own padding.
  const width = Math.max(1, room - 1) / scale;
  const space = NEAR[32] as number;
  let lines = 1;
  let used = 0; // the line so far, up to the last space
  let word = 0; // the word being read
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 10;
    if (code !== 10 && code !== 32) {
      word += widthOf(NEAR, code);
      continue;
    }
    // A word ends: one that does not fit goes to the next line; one longer than a line breaks across lines.
    if (used > 0 && used + word > width) {
      lines++;
      used = 0;
    }
    while (word > width) {
      lines++;
      word -= width;
    }
    used += word + (code === 32 ? space : 0);
    word = 0;
    if (code === 10 && i < text.length) {
      lines++;
      used = 0;
    }
  }
  return lines;
}

/** Characters counted twice (East Asian) or in pairs (surrogates): text without them is measured by its length. */
const WIDE_CHARS = /[\u2e80-\uffff]/;

/**
 * The lines wrapped text takes, cheaply where it can be: text of narrow characters by its length (a character
 * averages under a digit's width, which leaves room for the space lost at word breaks), anything else word by word.
 */
export function wrappedLines(text: string, room: number, style?: CellStyle): number {
  if (WIDE_CHARS.test(text) || text.includes("\n")) return lineCount(text, room, style);
  const scale = ((style?.size ?? 11) / 11) * (style?.bold ? 1.07 : 1);
  return Math.max(1, Math.ceil((text.length * scale) / Math.max(1, room - 1)));
}

/** Whether text may be wider than `room`, and if so, how wide: 0 when even its widest reading fits. */
export function mayOverflow(text: string, room: number, style?: CellStyle): number {
  const scale = ((style?.size ?? 11) / 11) * (style?.bold ? 1.1 : 1);
  // No character is wider than 2 digits (none outside East Asian scripts wider than 1.5), and none narrower than 1
  // but half a surrogate pair: most text is told apart by its length alone.
  if ((text.length * 2 + 1) * scale <= room) return 0;
  const narrow = !WIDE_CHARS.test(text);
  if (narrow && (text.length * 1.5 + 1) * scale <= room) return 0;
  if (narrow && (text.length + 1) * scale > room) return (text.length + 1) * scale;
  return textWidth(text, style) + 1;
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
  // A date shows as long as its format, quoted words as themselves (yyyy-mm-dd hh:mm:ss "UTC").
  if (typeof v === "object") return "date" in v ? (format ?? "yyyy-mm-dd").replace(/"([^"]*)"/g, "$1").replace(/\\/g, "") : v.text;
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
