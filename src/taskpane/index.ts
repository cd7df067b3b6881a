// Task pane entry point. Inside Excel the pane works on the open workbook; opened in a plain browser
// (npm run dev-server), it loads the example workbook into the in-memory Excel so anyone can try it.
/* global document, window */
import { MESSAGES } from "../app/messages";
import { officePort, officeTheme } from "../excel/office";
import { mount } from "./mount";

async function start(root: HTMLElement): Promise<void> {
  // office.js comes from Microsoft's CDN; without it (offline, or outside Office) there is no Office global.
  const info = typeof Office === "undefined" ? undefined : await Office.onReady();
  if (info !== undefined && info.host === Office.HostType.Excel) {
    mount(root, officePort(), { theme: officeTheme() });
    return;
  }
  const { startDemo } = await import(/* webpackChunkName: "demo" */ "../demo/demo");
  const demo = startDemo();
  (window as unknown as { kpaDemo?: unknown }).kpaDemo = demo;
  const dark = typeof window.matchMedia === "function" && window.matchMedia("(prefers-color-scheme: dark)").matches;
  mount(root, demo.port, { theme: dark ? "dark" : "light", demo: demo.demo });
}

const root = document.getElementById("root");
if (root) {
  start(root).catch((e: unknown) => {
    // Nothing else can show this: the pane itself failed to start.
    root.textContent = MESSAGES.couldNotStart({ detail: e instanceof Error ? e.message : String(e) });
    throw e;
  });
}
