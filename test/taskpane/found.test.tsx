/** @jest-environment jsdom */
import "./setup-dom";
import { screen, waitFor, within } from "@testing-library/react";
import { PortError } from "../../src/app/port";
import { FakePort, problem, scan, table } from "./fake-port";
import { isDisabled, renderApp, showView } from "./render-app";

/** The pane with its Setup view showing, where "What was found" is. */
async function renderSetup(port: FakePort) {
  const view = renderApp(port);
  await showView(view.user, "Setup");
  return view;
}

function foundSection() {
  return screen.getByRole("region", { name: "What was found" });
}

function withFindings(): FakePort {
  const port = new FakePort();
  port.scanResult = scan({
    tables: [
      table({ sheet: "Goals", range: "B12:F20", kind: "goals", rows: 8 }),
      table({ sheet: "Team", range: "A3:D4", kind: "roles", rows: 1, section: "Sales" }),
    ],
    problems: [
      problem({ sheet: "Goals", cell: "D14", severity: "error", message: 'Target "soon" was not understood.' }),
      problem({ sheet: "Team", cell: "B5", severity: "warning", message: '"Sam" owns Goals!F15 but has no row in the roles table.' }),
    ],
  });
  return port;
}

it("lists the tables the scan found, with sheet, range, kind and rows", async () => {
  await renderSetup(withFindings());
  const tables = within(foundSection());
  const goals = (await tables.findByText("Goals!B12:F20, 8 rows")).closest("li");
  expect(goals?.textContent).toBe("Goals — Goals!B12:F20, 8 rows");
  expect(tables.getByText("Team!A3:D4, 1 row").closest("li")?.textContent).toBe("Roles (Sales) — Team!A3:D4, 1 row");
});

it("lists the problems with their severity, message and cell", async () => {
  await renderSetup(withFindings());
  const found = within(foundSection());
  expect(await found.findByRole("heading", { name: "Problems (2)" })).toBeTruthy();
  const items = found.getAllByRole("listitem").filter((li) => li.querySelector("[role=img]"));
  expect(items.map((li) => within(li).getByRole("img").getAttribute("aria-label"))).toEqual(["Error", "Warning"]);
  expect(items[0]?.textContent).toContain('Target "soon" was not understood.');
  expect(within(items[1] as HTMLElement).getByRole("button").textContent).toBe("Team!B5");
});

it("says so when nothing was found", async () => {
  await renderSetup(new FakePort());
  expect(await screen.findByText(/No KPA tables were found/)).toBeTruthy();
  expect(screen.getByText("No problems found.")).toBeTruthy();
});

it("selects a problem's cell when it is clicked", async () => {
  const port = withFindings();
  const { user } = await renderSetup(port);
  await user.click(await screen.findByRole("button", { name: "Go to Team!B5" }));
  expect(port.callsOf("select")).toEqual([["Team", "B5"]]);
});

it("selects a problem's cell from the keyboard", async () => {
  const port = withFindings();
  const { user } = await renderSetup(port);
  const link = await screen.findByRole("button", { name: "Go to Goals!D14" });
  link.focus();
  await user.keyboard("{Enter}");
  expect(port.callsOf("select")).toEqual([["Goals", "D14"]]);
});

it("reaches a problem's cell with Tab alone", async () => {
  const port = withFindings();
  const { user } = await renderSetup(port);
  const target = await screen.findByRole("button", { name: "Go to Goals!D14" });
  for (let i = 0; i < 20 && document.activeElement !== target; i++) await user.tab();
  expect(document.activeElement).toBe(target);
  await user.keyboard(" ");
  expect(port.callsOf("select")).toEqual([["Goals", "D14"]]);
});

it("shows the first 50 problems and the rest on request", async () => {
  const port = new FakePort();
  port.scanResult = scan({
    tables: [],
    problems: Array.from({ length: 60 }, (_, i) => problem({ cell: `D${i + 1}`, message: `Problem ${i + 1}.` })),
  });
  const { user } = await renderSetup(port);
  expect(await screen.findByText("Problem 50.")).toBeTruthy();
  expect(screen.queryByText("Problem 51.")).toBeNull();
  await user.click(screen.getByRole("button", { name: "Show all 60 problems" }));
  expect(screen.getByText("Problem 60.")).toBeTruthy();
});

it("shows a failed selection as an error", async () => {
  const port = withFindings();
  port.failures.select = new PortError("The sheet Team was deleted; scan again to refresh the list.");
  const { user } = await renderSetup(port);
  await user.click(await screen.findByRole("button", { name: "Go to Team!B5" }));
  expect(await screen.findByText("The sheet Team was deleted; scan again to refresh the list.")).toBeTruthy();
});

it("shows a failed scan as an error and keeps the pane usable", async () => {
  const port = new FakePort();
  port.failures.scan = new PortError("The workbook is being edited; finish editing the cell and try again.");
  await renderSetup(port);
  expect(await screen.findByText("The workbook is being edited; finish editing the cell and try again.")).toBeTruthy();
  await waitFor(() => expect(isDisabled(screen.getByRole("button", { name: "Evaluate" }))).toBe(false));
});
