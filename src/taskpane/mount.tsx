// Renders the pane into the page. The host (Office or the browser demo) chooses the port and the theme.
import { createRoot } from "react-dom/client";
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import type { DemoWorkbook, WorkbookPort } from "../app/port";

export function mount(root: HTMLElement, port: WorkbookPort, options: { theme: "light" | "dark"; demo?: DemoWorkbook }): void {
  createRoot(root).render(
    <FluentProvider theme={options.theme === "dark" ? webDarkTheme : webLightTheme}>
      <App port={port} demo={options.demo} />
    </FluentProvider>,
  );
}
