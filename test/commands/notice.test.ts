/**
 * @jest-environment jsdom
 */
// The ribbon's notice dialog (src/commands/notice.html and notice.ts): the sentence from its address, shown as plain
// text (markup in it stays text), on an accessible page (language, title, an alert, a focused Close button that asks
// the ribbon to close the dialog).
import * as fs from "fs";
import * as path from "path";
import { noticeText, noticeUrl } from "../../src/commands/notice-address";

const PAGE = fs.readFileSync(path.join(__dirname, "../../src/commands/notice.html"), "utf8");

function openNotice(sentence: string): { messageParent: jest.Mock } {
  const messageParent = jest.fn();
  Object.assign(globalThis, { Office: { onReady: () => undefined, context: { ui: { messageParent } } } });
  const parsed = new DOMParser().parseFromString(PAGE, "text/html");
  document.documentElement.lang = parsed.documentElement.lang;
  document.title = parsed.title;
  document.body.innerHTML = parsed.body.innerHTML;
  window.history.replaceState({}, "", new URL(noticeUrl("https://localhost:3000/commands.html", sentence)).search);
  jest.isolateModules(() => {
    require("../../src/commands/notice");
  });
  return { messageParent };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Office;
});

it("carries a sentence in its address, escaped, and reads it back whole", () => {
  const sentences = ['Sheet "Goals" is protected & <locked>; 50% done? #1', "目標シート「Goals」は保護されています。", ""];
  expect(sentences.length).toBeGreaterThan(0);
  for (const s of sentences) {
    const url = new URL(noticeUrl("https://localhost:3000/commands.html", s));
    expect(url.origin + url.pathname).toBe("https://localhost:3000/notice.html");
    expect(url.hash).toBe("");
    expect(noticeText(url.search)).toBe(s);
  }
});

it("shows the sentence as text, never as markup", () => {
  const sentence = 'Sheet "<b>Goals</b>" is protected. <img src=x onerror="alert(1)"> Unprotect it and try again.';
  openNotice(sentence);
  const notice = document.getElementById("notice");
  expect(notice?.textContent).toBe(sentence);
  expect(notice?.children).toHaveLength(0);
  expect(document.querySelector("b, img")).toBeNull();
});

it("is a plain, labelled page: language, title, an alert, a focused Close button that closes the dialog", () => {
  const { messageParent } = openNotice("Excel is busy editing a cell. Press Enter or Esc to leave the cell, then try again.");
  expect(document.documentElement.lang).toBe("en");
  expect(document.title).toBe("KPA Tracker");
  expect(document.getElementById("notice")?.getAttribute("role")).toBe("alert");
  const close = document.getElementById("close") as HTMLButtonElement;
  expect(close.textContent).toBe("Close");
  expect(document.activeElement).toBe(close);
  close.click();
  expect(messageParent).toHaveBeenCalledWith("close");
});
