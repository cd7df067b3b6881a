/** @jest-environment jsdom */
import "./setup-dom";
import { screen, waitFor, within } from "@testing-library/react";
import { DEPARTMENTS } from "../../src/engine/library";
import { PortError } from "../../src/app/port";
import { FakePort, evaluation, scan, table } from "./fake-port";
import { isDisabled, renderApp } from "./render-app";

async function settled(port: FakePort) {
  const view = renderApp(port);
  const evaluate = await screen.findByRole("button", { name: "Evaluate" });
  await waitFor(() => expect(isDisabled(evaluate)).toBe(false));
  await waitFor(() => expect(port.callsOf("canUndo")).toHaveLength(1));
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
    expect(screen.getByText("4 rows evaluated as of 2050-06-30.")).toBeTruthy();

    await user.click(undo);
    expect(
      await screen.findByText("Undid the evaluation as of 2050-06-30: the status columns and summary sheets are back as they were."),
    ).toBeTruthy();
    expect(port.callsOf("undo")).toHaveLength(1);
    await waitFor(() => expect(isDisabled(undo)).toBe(true));
    // The result no longer describes the workbook.
    expect(screen.queryByText("4 rows evaluated as of 2050-06-30.")).toBeNull();
    expect(port.callsOf("canUndo").length).toBeGreaterThanOrEqual(3);
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
    await settled(new FakePort());
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
    await settled(withTables());
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
    await settled(new FakePort());
    expect(screen.queryByRole("heading", { name: "Add tracking columns" })).toBeNull();
  });
});

it("names every control and gives each section an h2", async () => {
  const port = new FakePort();
  port.scanResult = scan({ tables: [table({ canAddTracking: true })], problems: [] });
  await settled(port);
  expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("KPA Tracker");
  expect(screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent)).toEqual([
    "Settings",
    "What was found",
    "Evaluate",
    "Result",
    "Record a measurement",
    "Add tracking columns",
    "Insert a KPA template",
  ]);
  // Date inputs have no ARIA role of their own, so they are looked up by label in the settings test.
  // Each kind of control is on the pane (getAllByRole throws when there is none), and every one of them is named.
  for (const role of ["button", "combobox", "spinbutton", "textbox"] as const) {
    const all = screen.getAllByRole(role);
    expect([role, all.length > 0, screen.getAllByRole(role, { name: /\S/ }).length]).toEqual([role, true, all.length]);
  }
});
