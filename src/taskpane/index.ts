// Task pane entry point. Inside Excel the pane works on the open workbook; opened in a plain browser
// (npm run dev-server), it loads the example workbook into the in-memory Excel so anyone can try it.
/* global document, window */
import { MESSAGES } from "../app/messages";
import { type PaneTheme, type ThemeSubscription, mount } from "./mount";

/**
 * Office's theme, followed while the pane is open where the host reports changes (the OfficeThemeChanged event;
 * hosts without it refuse the handler, and the theme read at start stays).
 */
function officeThemeChanges(officeTheme: () => PaneTheme): ThemeSubscription {
  return (listener) => {
    const changed = () => listener(officeTheme());
    const document = Office.context.document;
    try {
      document.addHandlerAsync(Office.EventType.OfficeThemeChanged, changed);
    } catch {
      return () => undefined;
    }
    return () => {
      try {
        document.removeHandlerAsync(Office.EventType.OfficeThemeChanged, changed);
      } catch {
        // Nothing was registered.
      }
    };
  };
}

/** The browser's colour scheme, followed while the page is open. */
function browserTheme(): { theme: PaneTheme; onThemeChange?: ThemeSubscription } {
  if (typeof window.matchMedia !== "function") return { theme: "light" };
  const query = window.matchMedia("(prefers-color-scheme: dark)");
  return {
    theme: query.matches ? "dark" : "light",
    onThemeChange: (listener) => {
      const changed = (e: MediaQueryListEvent) => listener(e.matches ? "dark" : "light");
      query.addEventListener("change", changed);
      return () => query.removeEventListener("change", changed);
    },
  };
}

async function start(root: HTMLElement): Promise<void> {
  // office.js comes from Microsoft's CDN; without it (offline, or outside Office) there is no Office global.
  const info = typeof Office === "undefined" ? undefined : await Office.onReady();
  if (info !== undefined && info.host === Office.HostType.Excel) {
    // The Excel port and the engine behind it load as their own chunk: the first script stays small (issue 14).
    const { officePort, officeTheme } = await import(/* webpackChunkName: "excel" */ "../excel/office");
    mount(root, officePort(), { theme: officeTheme(), onThemeChange: officeThemeChanges(officeTheme) });
    return;
  }
  const { startDemo } = await import(/* webpackChunkName: "demo" */ "../demo/demo");
  const demo = startDemo();
  (window as unknown as { kpaDemo?: unknown }).kpaDemo = demo;
  mount(root, demo.port, { ...browserTheme(), demo: demo.demo });
}

const root = document.getElementById("root");
if (root) {
  start(root).catch((e: unknown) => {
    // Nothing else can show this: the pane itself failed to start.
    root.textContent = MESSAGES.couldNotStart({ detail: e instanceof Error ? e.message : String(e) });
    throw e;
  });
}
