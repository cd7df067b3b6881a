// The ribbon's notice dialog (notice.html): shows the one sentence the ribbon passed in its address (?text=…) as
// plain text, and asks the ribbon to close it from the Close button. A function command has no UI of its own.
/* global document, location */
import { noticeText } from "./notice-address";

/** Fills the page: the sentence as text (never HTML), and the Close button, focused for the keyboard. */
export function showNotice(doc: Document, search: string): void {
  const notice = doc.getElementById("notice");
  if (notice) notice.textContent = noticeText(search);
  const close = doc.getElementById("close");
  close?.addEventListener("click", () => Office.context.ui.messageParent("close"));
  close?.focus();
}

showNotice(document, location.search);
Office.onReady(() => undefined);
