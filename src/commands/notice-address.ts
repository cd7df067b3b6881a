// The address of the ribbon's notice dialog (notice.html), carrying its one sentence in the query, escaped.

/** The notice page's address next to `base` (the function file's own), with the sentence in its query. */
export function noticeUrl(base: string, sentence: string): string {
  const url = new URL("notice.html", base);
  url.search = new URLSearchParams({ text: sentence }).toString();
  return url.toString();
}

/** The sentence an address's query carries, as it was given (URLSearchParams undoes the escaping). */
export function noticeText(search: string): string {
  return new URLSearchParams(search).get("text") ?? "";
}
