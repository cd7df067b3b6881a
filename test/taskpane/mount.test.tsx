/** @jest-environment jsdom */
import "./setup-dom";
import { act, screen, waitFor } from "@testing-library/react";
import { type PaneTheme, mount } from "../../src/taskpane/mount";
import { FakePort } from "./fake-port";

afterEach(() => document.body.replaceChildren());

/** The value a FluentProvider's theme gives a token, read from the rules Fluent inserted. */
function themeToken(provider: Element, token: string): string | undefined {
  const themeClass = Array.from(provider.classList).find((c) => /^fui-FluentProviderr\w+$/.test(c));
  const rules = Array.from(document.styleSheets).flatMap((s) => Array.from(s.cssRules, (r) => r.cssText));
  const rule = rules.find((r) => themeClass !== undefined && r.startsWith(`.${themeClass} `));
  return rule?.match(new RegExp(`--${token}:\\s*([^;]+);`))?.[1];
}

it.each([
  ["light", "#ffffff"],
  ["dark", "#292929"],
] as const)("renders the pane under the %s Fluent theme and scans on start", async (theme, background) => {
  const root = document.createElement("div");
  document.body.append(root);
  const port = new FakePort();
  act(() => mount(root, port, { theme }));

  expect(await screen.findByRole("button", { name: "Evaluate" })).toBeTruthy();
  await waitFor(() => expect(port.callsOf("scan")).toHaveLength(1));
  const provider = root.querySelector(".fui-FluentProvider");
  expect(provider).not.toBeNull();
  // The pane paints with tokens, so following the theme comes down to the provider's values.
  expect(themeToken(provider as Element, "colorNeutralBackground1")).toBe(background);
});

it("follows a theme change the host reports, the page behind the pane included", async () => {
  const root = document.createElement("div");
  document.body.append(root);
  let report: ((theme: PaneTheme) => void) | undefined;
  const stopped = jest.fn();
  act(() =>
    mount(root, new FakePort(), {
      theme: "light",
      onThemeChange: (listener) => {
        report = listener;
        return stopped;
      },
    }),
  );
  await screen.findByRole("button", { name: "Evaluate" });
  const provider = () => root.querySelector(".fui-FluentProvider") as Element;
  expect(themeToken(provider(), "colorNeutralBackground1")).toBe("#ffffff");
  expect(document.documentElement.style.colorScheme).toBe("light");
  expect(document.documentElement.style.backgroundColor).toBe("rgb(255, 255, 255)");

  act(() => report?.("dark"));
  await waitFor(() => expect(themeToken(provider(), "colorNeutralBackground1")).toBe("#292929"));
  // The page itself, not only the pane's box: no white band below a short pane, native controls dark too.
  expect(document.documentElement.style.colorScheme).toBe("dark");
  expect(document.documentElement.style.backgroundColor).toBe("rgb(41, 41, 41)");
});
