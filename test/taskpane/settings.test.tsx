/** @jest-environment jsdom */
import "./setup-dom";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { FakePort } from "./fake-port";
import { TODAY, fill, isDisabled, openOptions, renderApp } from "./render-app";

async function loaded() {
  // Settings render once loadSettings has answered, and the first scan follows.
  return screen.findByLabelText("As-of date");
}

it("shows the settings saved in the document", async () => {
  const port = new FakePort();
  port.saved = { asOf: "2051-01-15", tolerance: 0.25, dateOrder: "dmy", milestoneWindowDays: 45, fiscalYearStart: 1 };
  renderApp(port);
  expect(await loaded()).toHaveProperty("value", "2051-01-15");
  expect(screen.getByLabelText("Tolerance")).toHaveProperty("value", "25");
  expect(screen.getByLabelText("Date order")).toHaveProperty("value", "dmy");
  expect(screen.getByLabelText("Milestone warning")).toHaveProperty("value", "45");
  await waitFor(() =>
    expect(port.callsOf("scan")).toEqual([
      [{ asOf: "2051-01-15", tolerance: 0.25, dateOrder: "dmy", milestoneWindowDays: 45, fiscalYearStart: 1 }],
    ]),
  );
});

it("uses today, 10%, month-first and 30 days when the document has no settings", async () => {
  const port = new FakePort();
  renderApp(port);
  expect(await loaded()).toHaveProperty("value", TODAY);
  expect(screen.getByLabelText("Tolerance")).toHaveProperty("value", "10");
  expect(screen.getByLabelText("Date order")).toHaveProperty("value", "mdy");
  expect(screen.getByLabelText("Milestone warning")).toHaveProperty("value", "30");
  await waitFor(() =>
    expect(port.callsOf("scan")).toEqual([
      [{ asOf: TODAY, tolerance: 0.1, dateOrder: "mdy", milestoneWindowDays: 30, fiscalYearStart: 1 }],
    ]),
  );
});

it("gives settings saved before the milestone warning existed the default window", async () => {
  const port = new FakePort();
  port.saved = { asOf: "2051-01-15", tolerance: 0.25, dateOrder: "dmy" };
  renderApp(port);
  expect(await loaded()).toHaveProperty("value", "2051-01-15");
  expect(screen.getByLabelText("Milestone warning")).toHaveProperty("value", "30");
  await waitFor(() =>
    expect(port.callsOf("scan")).toEqual([
      [{ asOf: "2051-01-15", tolerance: 0.25, dateOrder: "dmy", milestoneWindowDays: 30, fiscalYearStart: 1 }],
    ]),
  );
});

it("replaces unusable saved values with the defaults", async () => {
  const port = new FakePort();
  port.saved = { asOf: "not a date", tolerance: 7, dateOrder: "ymd" as never, milestoneWindowDays: 2.5, fiscalYearStart: 13 };
  renderApp(port);
  expect(await loaded()).toHaveProperty("value", TODAY);
  expect(screen.getByLabelText("Tolerance")).toHaveProperty("value", "10");
  expect(screen.getByLabelText("Date order")).toHaveProperty("value", "mdy");
  expect(screen.getByLabelText("Milestone warning")).toHaveProperty("value", "30");
  expect(screen.getByLabelText("Fiscal year starts in")).toHaveProperty("value", "1");
});

it("saves a fiscal year start picked by month, rescans with it, and says where the options are kept", async () => {
  const port = new FakePort();
  const { user } = renderApp(port);
  await loaded();
  await waitFor(() => expect(port.callsOf("scan")).toHaveLength(1));
  await openOptions(user);
  expect(screen.getByText(/Kept in the workbook's KPA Settings sheet/)).toBeTruthy();
  await user.selectOptions(screen.getByLabelText("Fiscal year starts in"), "April");

  const expected = { asOf: TODAY, tolerance: 0.1, dateOrder: "mdy", milestoneWindowDays: 30, fiscalYearStart: 4 };
  await waitFor(() => expect(port.callsOf("saveSettings").at(-1)).toEqual([expected]));
  // "Q1 2050" means another day now: what a scan finds (overdue reviews) may change.
  await waitFor(() => expect(port.callsOf("scan").at(-1)).toEqual([expected]));
});

it("saves each change, rescans with it, and evaluates with it", async () => {
  const port = new FakePort();
  const { user } = renderApp(port);
  const date = await loaded();
  await waitFor(() => expect(port.callsOf("scan")).toHaveLength(1));
  await openOptions(user);

  fireEvent.change(date, { target: { value: "2050-12-31" } });
  const tolerance = screen.getByLabelText("Tolerance");
  await user.clear(tolerance);
  await user.type(tolerance, "15");
  await user.selectOptions(screen.getByLabelText("Date order"), "dmy");

  const expected = { asOf: "2050-12-31", tolerance: 0.15, dateOrder: "dmy", milestoneWindowDays: 30, fiscalYearStart: 1 };
  await waitFor(() => expect(port.callsOf("saveSettings").at(-1)).toEqual([expected]));
  expect(port.saved).toEqual(expected);
  expect(port.callsOf("scan").at(-1)).toEqual([expected]);

  await user.click(screen.getByRole("button", { name: "Evaluate" }));
  await waitFor(() => expect(port.callsOf("evaluate")).toEqual([[expected]]));
  // Saved again right before evaluating, so the document holds what the statuses were computed with.
  const order = port.calls.map((c) => c.method);
  expect(order.lastIndexOf("saveSettings")).toBe(order.indexOf("evaluate") - 1);
});

it("keeps a half-typed tolerance out of the document and says what is wrong", async () => {
  const port = new FakePort();
  const { user } = renderApp(port);
  await loaded();
  await waitFor(() => expect(port.callsOf("scan")).toHaveLength(1));
  await openOptions(user);
  const tolerance = screen.getByLabelText("Tolerance");
  await user.clear(tolerance);
  await user.type(tolerance, "150");

  expect(screen.getByText("Enter a percentage from 0 to 100.")).toBeTruthy();
  expect(isDisabled(screen.getByRole("button", { name: "Evaluate" }))).toBe(true);
  // "1" and "15" were fine and saved; "150" and the empty field were not.
  expect(port.callsOf("saveSettings").map(([s]) => (s as { tolerance: number }).tolerance)).toEqual([0.01, 0.15]);
});

it("saves a changed milestone warning without rescanning, and evaluates with it", async () => {
  const port = new FakePort();
  const { user } = renderApp(port);
  await loaded();
  await waitFor(() => expect(port.callsOf("scan")).toHaveLength(1));
  await openOptions(user);
  await fill(user, screen.getByLabelText("Milestone warning"), "60");

  const expected = { asOf: TODAY, tolerance: 0.1, dateOrder: "mdy", milestoneWindowDays: 60, fiscalYearStart: 1 };
  await waitFor(() => expect(port.callsOf("saveSettings").at(-1)).toEqual([expected]));
  expect(port.saved).toEqual(expected);
  // The window changes statuses, not what a scan finds.
  expect(port.callsOf("scan")).toHaveLength(1);

  await user.click(screen.getByRole("button", { name: "Evaluate" }));
  await waitFor(() => expect(port.callsOf("evaluate")).toEqual([[expected]]));
});

it.each([["400"], ["2.5"], ["-1"], [""]])("keeps a milestone warning of %j out of the document and says what is wrong", async (text) => {
  const port = new FakePort();
  const { user } = renderApp(port);
  await loaded();
  await waitFor(() => expect(port.callsOf("scan")).toHaveLength(1));
  await openOptions(user);
  const field = screen.getByLabelText("Milestone warning");
  await fill(user, field, text);
  expect(field).toHaveProperty("value", text);

  expect(screen.getByText("Enter a whole number of days from 0 to 366.")).toBeTruthy();
  expect(screen.getByText("Correct the as-of date or the options to evaluate.")).toBeTruthy();
  expect(isDisabled(screen.getByRole("button", { name: "Evaluate" }))).toBe(true);
  expect(port.callsOf("saveSettings")).toEqual([]);
});

it("shows a failure to save as an error", async () => {
  const port = new FakePort();
  const { user } = renderApp(port);
  await loaded();
  await openOptions(user);
  port.failures.saveSettings = new Error("Settings are read-only");
  await user.selectOptions(screen.getByLabelText("Date order"), "dmy");
  expect(
    await screen.findByText("Something went wrong: Settings are read-only. Try again; if it keeps happening, reload the add-in."),
  ).toBeTruthy();
});

it("keeps tolerance, date order and milestone warning in Options, collapsed until opened", async () => {
  const port = new FakePort();
  const { user } = renderApp(port);
  await loaded();
  const toggle = screen.getByRole("button", { name: "Options" });
  expect(toggle.getAttribute("aria-expanded")).toBe("false");
  const panel = document.getElementById(toggle.getAttribute("aria-controls") ?? "") as HTMLElement;
  expect(panel.hidden).toBe(true);
  expect(panel.contains(screen.getByLabelText("Tolerance"))).toBe(true);
  expect(panel.contains(screen.getByLabelText("Date order"))).toBe(true);
  expect(panel.contains(screen.getByLabelText("Milestone warning"))).toBe(true);
  // The as-of date is not an option: it stays in the command bar beside Evaluate.
  expect(panel.contains(screen.getByLabelText("As-of date"))).toBe(false);
  await user.click(toggle);
  expect(toggle.getAttribute("aria-expanded")).toBe("true");
  expect(panel.hidden).toBe(false);
});

it("shows the rules the workbook holds now when Options opens, and after an evaluation", async () => {
  const port = new FakePort();
  const { user } = renderApp(port);
  await loaded();
  await waitFor(() => expect(port.callsOf("scan")).toHaveLength(1));
  // Someone edits the KPA Settings sheet by hand while the pane is open.
  port.saved = { ...port.saved, tolerance: 0.2, fiscalYearStart: 7 };
  await openOptions(user);
  await waitFor(() => expect(screen.getByLabelText("Tolerance")).toHaveProperty("value", "20"));
  expect(screen.getByLabelText("Fiscal year starts in")).toHaveProperty("value", "7");
  // A new fiscal year changes what a scan finds; nothing is saved back, the pane only shows what the file says.
  await waitFor(() => expect(port.callsOf("scan").at(-1)).toEqual([expect.objectContaining({ fiscalYearStart: 7 })]));
  expect(port.callsOf("saveSettings")).toEqual([]);

  port.saved = { ...port.saved, milestoneWindowDays: 14 };
  await user.click(screen.getByRole("button", { name: "Evaluate" }));
  await waitFor(() => expect(screen.getByLabelText("Milestone warning")).toHaveProperty("value", "14"));
});
