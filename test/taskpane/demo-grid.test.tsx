/** @jest-environment jsdom */
import "./setup-dom";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { DemoGrid } from "../../src/taskpane/components/DemoGrid";
import type { DemoCell, DemoWorkbook } from "../../src/app/port";
import { FakePort } from "./fake-port";
import { fastUser, renderApp } from "./render-app";

type Sheet = { name: string; rows: DemoCell[][] };

/** A tiny mutable workbook that tells its listeners when it changes, like the demo's. */
class FakeDemo implements DemoWorkbook {
  readonly listeners = new Set<() => void>();
  selected: { sheet: string; address: string } | undefined;
  private data: Sheet[];
  constructor(sheets: Sheet[]) {
    this.data = sheets;
  }
  sheets() {
    return this.data;
  }
  subscribe(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  selection() {
    return this.selected;
  }
  change(data: Sheet[]) {
    this.data = data;
    act(() => this.listeners.forEach((l) => l()));
  }
  /** As port.select does in the demo: the selection changes, and the listeners hear of it. */
  select(sheet: string, address: string) {
    this.selected = { sheet, address };
    act(() => this.listeners.forEach((l) => l()));
  }
}

const t = (text: string, extra: Partial<DemoCell> = {}): DemoCell => ({ text, ...extra });

function renderGrid(demo: DemoWorkbook) {
  const user = fastUser();
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <DemoGrid demo={demo} />
    </FluentProvider>,
  );
  return { user, ...view };
}

function grid(): HTMLTableElement {
  return screen.getByRole("table");
}

it("shows the first sheet with column letters, row numbers and the cells' look", () => {
  renderGrid(
    new FakeDemo([
      {
        name: "Goals",
        rows: [
          [t("Goal", { bold: true }), t("Target"), t("Status")],
          [t("CSAT"), t("≥ 85%"), t("Met", { fill: "#C6EFCE", color: "#006100" })],
        ],
      },
      { name: "Roles", rows: [[t("Role")]] },
    ]),
  );
  const rows = within(grid()).getAllByRole("row");
  expect(rows.map((r) => Array.from(r.children, (c) => c.textContent))).toEqual([
    ["", "A", "B", "C"],
    ["1", "Goal", "Target", "Status"],
    ["2", "CSAT", "≥ 85%", "Met"],
  ]);
  const met = within(grid()).getByText("Met");
  expect(met.style.backgroundColor).toBe("rgb(198, 239, 206)");
  expect(met.style.color).toBe("rgb(0, 97, 0)");
  expect(within(grid()).getByText("Goal").style.fontWeight).not.toBe("");
  expect(within(grid()).getByText("Target").getAttribute("style")).toBeNull();
  expect(screen.getByText("Demo: an example workbook in memory — nothing leaves your browser.")).toBeTruthy();
});

it("switches sheets with the tabs", async () => {
  const { user } = renderGrid(
    new FakeDemo([
      { name: "Goals", rows: [[t("Goal")]] },
      { name: "Roles", rows: [[t("Role"), t("Reports to")]] },
    ]),
  );
  expect(screen.getByRole("tab", { name: "Goals" }).getAttribute("aria-selected")).toBe("true");
  await user.click(screen.getByRole("tab", { name: "Roles" }));
  expect(within(grid()).getByText("Reports to")).toBeTruthy();
  expect(within(grid()).queryByText("Goal")).toBeNull();
});

it("re-renders when the workbook changes and stops listening when unmounted", async () => {
  const demo = new FakeDemo([{ name: "Goals", rows: [[t("Status")], [t("")]] }]);
  const { unmount } = renderGrid(demo);
  expect(demo.listeners.size).toBe(1);
  demo.change([
    { name: "Goals", rows: [[t("Status")], [t("Off Track", { fill: "#FFC7CE", color: "#9C0006" })]] },
    { name: "KPA Summary", rows: [[t("Total")]] },
  ]);
  expect(within(grid()).getByText("Off Track")).toBeTruthy();
  expect(screen.getByRole("tab", { name: "KPA Summary" })).toBeTruthy();
  unmount();
  expect(demo.listeners.size).toBe(0);
});

it("falls back to the first sheet when the shown one goes away", async () => {
  const demo = new FakeDemo([
    { name: "Goals", rows: [[t("Goal")]] },
    { name: "KPA Summary", rows: [[t("Total")]] },
  ]);
  const { user } = renderGrid(demo);
  await user.click(screen.getByRole("tab", { name: "KPA Summary" }));
  expect(within(grid()).getByText("Total")).toBeTruthy();
  demo.change([{ name: "Goals", rows: [[t("Goal")]] }]);
  expect(within(grid()).getByText("Goal")).toBeTruthy();
});

it("shows only the first 200 rows and says how many are hidden", () => {
  const rows = Array.from({ length: 250 }, (_, i) => [t(`Row ${i + 1}`)]);
  renderGrid(new FakeDemo([{ name: "Big", rows }]));
  expect(within(grid()).getByText("Row 200")).toBeTruthy();
  expect(within(grid()).queryByText("Row 201")).toBeNull();
  expect(screen.getByText("Showing the first 200 of 250 rows; 50 more are hidden.")).toBeTruthy();
});

it("appears under the pane only when there is a demo workbook", async () => {
  const demo = new FakeDemo([{ name: "Goals", rows: [[t("Goal")]] }]);
  const withDemo = renderApp(new FakePort(), demo);
  expect(await screen.findByRole("heading", { name: "Demo workbook" })).toBeTruthy();
  withDemo.unmount();

  renderApp(new FakePort());
  await waitFor(() => expect(screen.getByRole("button", { name: "Evaluate" })).toBeTruthy());
  expect(screen.queryByRole("heading", { name: "Demo workbook" })).toBeNull();
});

it("shows the sheet of a range a link selected and outlines its cells", () => {
  const demo = new FakeDemo([
    { name: "Goals", rows: [[t("Goal")], [t("CSAT")]] },
    { name: "KPIs", rows: [[t("KPI"), t("Target")], [t("NPS"), t("≥ 60")]] },
  ]);
  renderGrid(demo);
  expect(screen.getByRole("tab", { name: "Goals" }).getAttribute("aria-selected")).toBe("true");
  demo.select("KPIs", "B2");
  expect(screen.getByRole("tab", { name: "KPIs" }).getAttribute("aria-selected")).toBe("true");
  const marked = Array.from(grid().querySelectorAll("[data-selected]"), (c) => c.textContent);
  expect(marked).toEqual(["≥ 60"]);
});

it("lets the sheet tabs wrap instead of widening the pane", () => {
  renderGrid(new FakeDemo(Array.from({ length: 8 }, (_, i) => ({ name: `Sheet number ${i + 1}`, rows: [[t("x")]] }))));
  const tabs = screen.getByRole("tablist", { name: "Sheets" });
  expect(getComputedStyle(tabs).flexWrap).toBe("wrap");
});
