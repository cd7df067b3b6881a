// Renders the pane as the add-in does, under a FluentProvider, with a fixed "today" so dates are predictable.
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import type { DemoWorkbook } from "../../src/app/port";
import type { FakePort } from "./fake-port";

export const TODAY = "2050-06-30";

export function renderApp(port: FakePort, demo?: DemoWorkbook) {
  const user = userEvent.setup();
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <App port={port} today={() => TODAY} demo={demo} />
    </FluentProvider>,
  );
  return { user, ...view };
}

/** Buttons here are disabledFocusable: still focusable, announced as disabled through aria-disabled. */
export function isDisabled(element: HTMLElement): boolean {
  return element.getAttribute("aria-disabled") === "true" || (element as HTMLButtonElement).disabled;
}
