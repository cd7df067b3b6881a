/** @jest-environment jsdom */
import "./setup-dom";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { NOTICE_MS } from "../../src/taskpane/App";
import { DEPARTMENTS } from "../../src/engine/library";
import { PortError } from "../../src/app/port";
import { formatDay } from "../../src/app/messages";
import { FakePort, counts, evaluation, scan, table } from "./fake-port";
import { announced, isDisabled, renderApp, showView } from "./render-app";

async function settled(port: FakePort) {
  const view = renderApp(port);
  const evaluate = await screen.findByRole("button", { name: "Evaluate" });
  await waitFor(() => expect(isDisabled(evaluate)).toBe(false));
  await waitFor(() => expect(port.callsOf("workbookState")).toHaveLength(1));
  return { ...view, evaluate, undo: screen.getByRole("button", { name: "Undo evaluation" }) };
}

describe("Undo evaluation", () => {
  it("is disabled when the workbook holds no evaluation", async () => {
    const { undo } = await settled(new FakePort());
    expect(isDisabled(undo)).toBe(true);
  });

  it("is enabled on opening a workbook that holds one", async () => {
    const port = new FakePort();
    port.undoable = true;
    const { undo } = await settled(port);
    await waitFor(() => expect(isDisabled(undo)).toBe(false));
  });

  it("becomes available after evaluating, then undoes and shows the message", async () => {
    const port = new FakePort();
    port.evaluateResult = evaluation({ total: 4 });
    const { user, evaluate, undo } = await settled(port);
    await user.click(evaluate);
    await waitFor(() => expect(isDisabled(undo)).toBe(false));
    const evaluated = `4 rows evaluated as of ${formatDay("2050-06-30")}.`;
    expect(screen.getByText(evaluated)).toBeTruthy();

    await user.click(undo);
    const undone = `Undid the evaluation as of ${formatDay("2050-06-30")}: the status columns and summary sheets are back as they were.`;
    expect(await screen.findByText(undone)).toBeTruthy();
    expect(port.callsOf("undo")).toHaveLength(1);
    await waitFor(() => expect(isDisabled(undo)).toBe(true));
    // The result no longer describes the workbook, which holds no evaluation now.
    expect(screen.queryByText(evaluated)).toBeNull();
    expect(screen.getByText(/Not evaluated yet/)).toBeTruthy();
    expect(announced("polite")).toBe(undone);
    // Read from the workbook on opening, after the evaluation and after the undo.
    expect(port.callsOf("workbookState").length).toBeGreaterThanOrEqual(3);
  });

  it("shows a failed undo as an error", async () => {
    const port = new FakePort();
    port.undoable = true;
    port.failures.undo = new PortError("The KPA Summary sheet was changed by hand; delete it yourself if you no longer need it.");
    const { user, undo } = await settled(port);
    await waitFor(() => expect(isDisabled(undo)).toBe(false));
    await user.click(undo);
    expect(await screen.findByText("The KPA Summary sheet was changed by hand; delete it yourself if you no longer need it.")).toBeTruthy();
  });
});

describe("Insert KPA template", () => {
  it("offers every department by name", async () => {
    const { user } = await settled(new FakePort());
    await showView(user, "Setup");
    const select = screen.getByLabelText("Department");
    expect(
      within(select)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(DEPARTMENTS.map((d) => d.name));
  });

  it("inserts the chosen department's template, says which sheet, and scans again", async () => {
    const port = new FakePort();
    const { user } = await settled(port);
    await showView(user, "Setup");
    const scansBefore = port.callsOf("scan").length;
    await user.selectOptions(screen.getByLabelText("Department"), "Finance");
    await user.click(screen.getByRole("button", { name: "Insert KPA template" }));

    expect(await screen.findByText("Added sheet Finance KPA.")).toBeTruthy();
    expect(port.callsOf("insertTemplate")).toEqual([["finance"]]);
    await waitFor(() => expect(port.callsOf("scan")).toHaveLength(scansBefore + 1));
  });

  it("shows a failure as an error", async () => {
    const port = new FakePort();
    port.failures.insertTemplate = new PortError("The workbook is protected; unprotect its structure to add a sheet.");
    const { user } = await settled(port);
    await showView(user, "Setup");
    await user.click(screen.getByRole("button", { name: "Insert KPA template" }));
    expect(await screen.findByText("The workbook is protected; unprotect its structure to add a sheet.")).toBeTruthy();
    expect(port.callsOf("insertTemplate")).toEqual([["customer-service"]]);
  });
});

describe("Add tracking columns", () => {
  function withTables(): FakePort {
    const port = new FakePort();
    port.scanResult = scan({
      tables: [
        table({ sheet: "Goals", range: "B12:F19", canAddTracking: true }),
        table({ sheet: "Goals", range: "B24:G30", canAddTracking: false }),
        table({ sheet: "KPIs", range: "A1:E9", kind: "kpi", canAddTracking: true }),
      ],
      problems: [],
    });
    return port;
  }

  it("offers one button per table that lacks Baseline and Actual", async () => {
    const { user } = await settled(withTables());
    await showView(user, "Setup");
    const section = screen.getByRole("region", { name: "Add tracking columns" });
    expect(
      within(section)
        .getAllByRole("button")
        .map((b) => b.textContent),
    ).toEqual(["Add Baseline and Actual to Goals B12:F19", "Add Baseline and Actual to KPIs A1:E9"]);
  });

  it("adds the columns to that table, shows where, and scans again", async () => {
    const port = withTables();
    // Answered up front: the scan below already describes the workbook after the columns were added.
    port.trackingRange = "KPIs!F1:G1";
    const { user } = await settled(port);
    await showView(user, "Setup");
    const scansBefore = port.callsOf("scan").length;
    port.scanResult = scan({ tables: [table({ sheet: "KPIs", range: "A1:G9", kind: "kpi" })], problems: [] });

    await user.click(screen.getByRole("button", { name: "Add Baseline and Actual to KPIs A1:E9" }));
    expect(await screen.findByText("Added Baseline and Actual columns at KPIs!F1:G1.")).toBeTruthy();
    expect(port.callsOf("addTrackingColumns")).toEqual([["KPIs!A1"]]);
    await waitFor(() => expect(port.callsOf("scan")).toHaveLength(scansBefore + 1));
    // The rescan found nothing left to add, so the offer goes away.
    await waitFor(() => expect(screen.queryByRole("region", { name: "Add tracking columns" })).toBeNull());
  });

  it("is not offered when no table needs it", async () => {
    const { user } = await settled(new FakePort());
    await showView(user, "Setup");
    expect(screen.queryByRole("heading", { name: "Add tracking columns" })).toBeNull();
  });
});

it("puts the commands first and the sections in three views, every control named", async () => {
  const port = new FakePort();
  port.scanResult = scan({ tables: [table({ canAddTracking: true })], problems: [] });
  const { user } = await settled(port);
  // The pane has its own title: no h1 repeating it, no "Evaluate" heading over the Evaluate button.
  expect(screen.queryByRole("heading", { level: 1 })).toBeNull();
  expect(screen.queryByRole("heading", { name: "Evaluate" })).toBeNull();
  const tabs = screen.getAllByRole("tab");
  expect(tabs.map((t) => t.getAttribute("value") ?? t.id.replace(/^.*tab-/, ""))).toEqual(["results", "record", "setup"]);
  expect(["Results", "Record", "Setup"].map((name) => tabs.indexOf(screen.getByRole("tab", { name })))).toEqual([0, 1, 2]);
  const h2s = () => screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent);
  expect(h2s()).toEqual(["Result"]);
  await showView(user, "Record");
  expect(h2s()).toEqual(["Record a measurement"]);
  await showView(user, "Setup");
  expect(h2s()).toEqual(["What was found", "Add tracking columns", "Insert a KPA template"]);
  // Each tab names the panel it shows, and the panel exists.
  for (const tab of screen.getAllByRole("tab")) {
    const panel = document.getElementById(tab.getAttribute("aria-controls") ?? "");
    expect(panel?.getAttribute("role")).toBe("tabpanel");
    expect(panel?.getAttribute("aria-labelledby")).toBe(tab.id);
  }
  await showView(user, "Record");
  // Date inputs have no ARIA role of their own, so they are looked up by label in the settings test.
  // Each kind of control is on the pane (getAllByRole throws when there is none), and every one of them is named.
  for (const role of ["button", "combobox", "textbox"] as const) {
    const all = screen.getAllByRole(role);
    expect([role, all.length > 0, screen.getAllByRole(role, { name: /\S/ }).length]).toEqual([role, true, all.length]);
  }
});

it("reaches Evaluate with one Tab from the top of the pane", async () => {
  const { user, evaluate } = await settled(new FakePort());
  (document.activeElement as HTMLElement | null)?.blur();
  await user.tab();
  expect(document.activeElement).toBe(evaluate);
});

describe("the pane shows what the workbook holds", () => {
  it("after Evaluate, a new as-of date, Evaluate again and Undo: the first evaluation, not 'Not evaluated yet'", async () => {
    const port = new FakePort();
    port.evaluateResult = evaluation({ counts: counts({ Met: 3, "Off Track": 2 }), weightedScore: 0.6 });
    const { user, evaluate, undo } = await settled(port);
    await user.click(evaluate);
    await waitFor(() => expect(isDisabled(undo)).toBe(false));

    const date = screen.getByLabelText("As-of date");
    fireEvent.change(date, { target: { value: "2050-09-30" } });
    port.evaluateResult = evaluation({ counts: counts({ Met: 1, "Off Track": 4 }) });
    await waitFor(() => expect(isDisabled(evaluate)).toBe(false));
    await user.click(evaluate);
    await screen.findByText(`5 rows evaluated as of ${formatDay("2050-09-30")}.`);

    await user.click(undo);
    await screen.findByText(/Undid the evaluation/);
    const result = screen.getByRole("region", { name: "Result" });
    await within(result).findByText(
      `The workbook holds an evaluation of 5 rows as of ${formatDay("2050-06-30")}. Evaluate to see its gaps and changes.`,
    );
    expect(within(result).queryByText(/Not evaluated yet/)).toBeNull();
    const chips = within(result).getByRole("list", { name: "Rows by status" });
    expect(within(chips).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Off Track2", "Met3"]);
    expect(within(result).getByText("Weighted score: 60%")).toBeTruthy();
    // The workbook keeps one undo record: that evaluation's own is gone, and the button says so.
    expect(isDisabled(undo)).toBe(true);
  });

  it("on opening a workbook evaluated earlier, shows that evaluation and offers its undo", async () => {
    const port = new FakePort();
    port.holds = { asOf: "2050-03-31", total: 12, counts: counts({ Met: 10, Overdue: 2 }), weightedScore: null };
    port.undoable = true;
    const { undo } = await settled(port);
    const result = screen.getByRole("region", { name: "Result" });
    expect(
      await within(result).findByText(
        `The workbook holds an evaluation of 12 rows as of ${formatDay("2050-03-31")}. Evaluate to see its gaps and changes.`,
      ),
    ).toBeTruthy();
    await waitFor(() => expect(isDisabled(undo)).toBe(false));
  });
});

describe("notices", () => {
  afterEach(() => jest.useRealTimers());

  it("a success notice dismisses itself after a while; an error stays until dismissed", async () => {
    jest.useFakeTimers();
    const port = new FakePort();
    const user = userEvent.setup({ delay: null, advanceTimers: jest.advanceTimersByTime });
    renderApp(port, undefined, { noticeMs: NOTICE_MS, user });
    const evaluate = await screen.findByRole("button", { name: "Evaluate" });
    await waitFor(() => expect(isDisabled(evaluate)).toBe(false));
    await showView(user, "Setup");
    await user.click(screen.getByRole("button", { name: "Insert KPA template" }));
    expect(await screen.findByText(/^Added sheet/)).toBeTruthy();
    act(() => jest.advanceTimersByTime(NOTICE_MS - 1));
    expect(screen.getByText(/^Added sheet/)).toBeTruthy();
    act(() => jest.advanceTimersByTime(1));
    expect(screen.queryByText(/^Added sheet/)).toBeNull();

    const sentence = "The workbook is protected; unprotect its structure to add a sheet.";
    port.failures.insertTemplate = new PortError(sentence);
    await user.click(screen.getByRole("button", { name: "Insert KPA template" }));
    expect(await screen.findByText(sentence)).toBeTruthy();
    act(() => jest.advanceTimersByTime(10 * NOTICE_MS));
    expect(screen.getByText(sentence)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByText(sentence)).toBeNull();
  });
});
