// Pure functions of a short string or a number (a number format, a target text, a day) called once per cell: a
// workbook holds few distinct ones, so each is worked out once, and equal results share one string in memory. The
// cache is cleared when full, so a workbook with a million distinct keys costs about what no cache would.
export function memoize<K extends string | number, T>(fn: (key: K) => T, limit = 4096): (key: K) => T {
  const seen = new Map<K, T>();
  return (key: K): T => {
    const hit = seen.get(key);
    if (hit !== undefined || seen.has(key)) return hit as T;
    const value = fn(key);
    if (seen.size >= limit) seen.clear();
    seen.set(key, value);
    return value;
  };
}

/**
 * One copy of each short display string ("≥ 75%", "12% short"): a column of targets says the same few things down
 * thousands of rows, and each row's copy was its own string.
 */
export const intern: (text: string) => string = memoize((text: string) => flat(text));

/**
 * A string built by concatenation, as one flat string: V8 keeps `a + b` as a pair of pointers to its parts, and an
 * explanation built from a dozen parts held all of them. Reading a character flattens it in place, and the
 * collector then drops the pairs.
 */
export function flat(text: string): string {
  if (text.length > 0) text.charCodeAt(0);
  return text;
}
