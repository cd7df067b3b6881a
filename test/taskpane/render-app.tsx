// Renders the pane as the add-in does, under a FluentProvider, with a fixed "today" so dates are predictable.
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import type { DemoWorkbook } from "../../src/app/port";
import type { FakePort } from "./fake-port";

export const TODAY = "2050-06-30";

/**
 * A user-event instance that does not wait between keystrokes or clicks (`delay: null`): each event is still
 * dispatched and rendered in turn, but no timer per key, so typing costs no more than React needs to render it.
 */
export function fastUser() {
  return userEvent.setup({ delay: null });
}

/**
 * Success notices stay until dismissed here (`noticeMs: null`): a pane test under jsdom can take longer than any
 * timeout. The test of the timeout itself passes one and runs on fake timers.
 */
export function renderApp(port: FakePort, demo?: DemoWorkbook, options: { noticeMs?: number | null; user?: User } = {}) {
  const user = options.user ?? fastUser();
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <App port={port} today={() => TODAY} demo={demo} noticeMs={options.noticeMs ?? null} />
    </FluentProvider>,
  );
  return { user, ...view };
}

export type User = ReturnType<typeof fastUser>;

/**
 * Replaces a field's text with `text` as a user pasting it would: focus, select all and delete, then one paste.
 * For filling in forms where typing itself is not under test: one input event instead of one per character.
 */
export async function fill(user: User, field: HTMLElement, text: string): Promise<void> {
  await user.clear(field);
  if (text !== "") await user.paste(text);
}

/** Buttons here are disabledFocusable: still focusable, announced as disabled through aria-disabled. */
export function isDisabled(element: HTMLElement): boolean {
  return element.getAttribute("aria-disabled") === "true" || (element as HTMLButtonElement).disabled;
}

/** Shows one of the pane's views (Results, Record, Setup) by its tab, as a user would. */
export async function showView(user: User, name: "Results" | "Record" | "Setup"): Promise<void> {
  await user.click(screen.getByRole("tab", { name }));
}

/** Opens the command bar's Options (tolerance, date order, milestone warning), collapsed at first. */
export async function openOptions(user: User): Promise<void> {
  const toggle = screen.getByRole("button", { name: "Options" });
  if (toggle.getAttribute("aria-expanded") !== "true") await user.click(toggle);
}

/** What the pane last said to screen readers, politely or assertively ("" when nothing). */
export function announced(politeness: "polite" | "assertive"): string {
  return document.querySelector(`[data-live-region="${politeness}"]`)?.textContent ?? "";
}
