// Payload sizes as Excel counts them: UTF-8 bytes, not UTF-16 code units (a CJK character is 3 bytes, not 1).

/** UTF-8 bytes of a string, counted without encoding it. A lone surrogate counts as U+FFFD (3 bytes), as TextEncoder writes it. */
export function utf8Bytes(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4; // a surrogate pair: one code point past U+FFFF
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** UTF-8 bytes of a value as JSON, as it travels in a request or response. */
export function jsonBytes(value: unknown): number {
  return utf8Bytes(JSON.stringify(value) ?? "");
}
