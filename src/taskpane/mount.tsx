// Renders the pane into the page. The host (Office or the browser demo) chooses the port and the theme, and reports
// theme changes while the pane is open where it can (Office's theme event, the browser's colour-scheme query).
import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, type Theme, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import type { DemoWorkbook, WorkbookPort } from "../app/port";

export type PaneTheme = "light" | "dark";

/** Calls the listener with each new theme; returns a function that stops listening. */
export type ThemeSubscription = (listener: (theme: PaneTheme) => void) => () => void;

const THEMES: Record<PaneTheme, Theme> = { light: webLightTheme, dark: webDarkTheme };

/** The pane under the current theme; the page behind it (body, scrollbars, native inputs) follows too. */
export function ThemedPane(props: { initial: PaneTheme; subscribe?: ThemeSubscription; port: WorkbookPort; demo?: DemoWorkbook }) {
  const { initial, subscribe, port, demo } = props;
  const [theme, setTheme] = useState<PaneTheme>(initial);
  useEffect(() => subscribe?.(setTheme), [subscribe]);
  useEffect(() => {
    const page = document.documentElement;
    page.style.colorScheme = theme;
    page.style.backgroundColor = THEMES[theme].colorNeutralBackground1;
    page.style.color = THEMES[theme].colorNeutralForeground1;
  }, [theme]);
  return (
    <FluentProvider theme={THEMES[theme]} data-theme={theme}>
      <App port={port} demo={demo} />
    </FluentProvider>
  );
}

export function mount(
  root: HTMLElement,
  port: WorkbookPort,
  options: { theme: PaneTheme; onThemeChange?: ThemeSubscription; demo?: DemoWorkbook },
): void {
  createRoot(root).render(<ThemedPane initial={options.theme} subscribe={options.onThemeChange} port={port} demo={options.demo} />);
}
