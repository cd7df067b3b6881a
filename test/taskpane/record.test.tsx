/** @jest-environment jsdom */
import "./setup-dom";
// jsdom has no layout, so placing the KPI picker's popup measures nothing, yet each pass computes every Fluent
// style of every ancestor: seconds per keystroke. Without it the popup's content and behaviour are the same; the
// refs keep `current`, as Fluent's do, since the picker uses them to tell clicks inside from clicks outside.
jest.mock("@fluentui/react-positioning", () => {
  const { useState } = jest.requireActual<typeof import("react")>("react");
  type CallbackRef = ((el: HTMLElement | null) => void) & { current: HTMLElement | null };
  const callbackRef = (): CallbackRef => {
    const ref: CallbackRef = Object.assign((el: HTMLElement | null) => void (ref.current = el), { current: null });
    return ref;
  };
  return {
    ...jest.requireActual("@fluentui/react-positioning"),
    usePositioning: () => useState(() => ({ targetRef: callbackRef(), containerRef: callbackRef(), arrowRef: callbackRef() }))[0],
  };
});

import { act, screen, waitFor, within } from "@testing-library/react";
import { PortError } from "../../src/app/port";
import { FakePort, choices, evaluation, scan } from "./fake-port";
import { TODAY, type User, announced, fill, isDisabled, renderApp, showView } from "./render-app";

const KPIS = ["Customer Satisfaction (CSAT)", "Average Response Time", "Net Promoter Score (NPS)", "Customer Retention"];

function withKpis(kpis: readonly string[] = KPIS): FakePort {
  const port = new FakePort();
  port.scanResult = scan({ kpis: choices(kpis) });
  return port;
}

// Role queries compute styles for every candidate element, which under jsdom is slow, so the form's region, KPI
// picker and Record button are looked up by role and name once per render, by ready(); they stay mounted for the
// pane's life, and each use checks that the element found is still the one on the page.
let found: { region: HTMLElement; kpi: HTMLInputElement; record: HTMLElement } | undefined;

function mounted<T extends HTMLElement>(element: T | undefined): T {
  if (!element) throw new Error("Call ready() first.");
  if (!element.isConnected) throw new Error("The element found by ready() is no longer on the page.");
  return element;
}

function section() {
  return within(mounted(found?.region));
}

function field(label: string): HTMLInputElement {
  return section().getByLabelText(label, { exact: false }) as HTMLInputElement;
}

function kpiBox(): HTMLInputElement {
  return mounted(found?.kpi);
}

/** The picker's options: the page has other listboxes (the settings' and the template's selects). */
async function kpiOptions(): Promise<string[]> {
  const listbox = await screen.findByRole("listbox");
  return within(listbox)
    .getAllByRole("option")
    .map((o) => o.textContent ?? "");
}

function recordButton(): HTMLElement {
  return mounted(found?.record);
}

/** The pane after its first scan, with the Record form on screen. */
async function ready(port: FakePort) {
  const view = renderApp(port);
  await waitFor(() => expect(port.callsOf("scan")).toHaveLength(1));
  await showView(view.user, "Record");
  const region = await screen.findByRole("region", { name: "Record a measurement" });
  found = {
    region,
    kpi: within(region).getByRole("combobox", { name: /KPI/ }) as HTMLInputElement,
    record: within(region).getByRole("button", { name: "Record" }),
  };
  return view;
}

beforeEach(() => {
  sessionStorage.clear();
  found = undefined;
});

describe("the form", () => {
  it("starts with today's date, Manual entry as the source, and says what a date and a value may be", async () => {
    await ready(withKpis());
    expect(field("Date or period").value).toBe(TODAY);
    expect(field("Source").value).toBe("Manual entry");
    expect(kpiBox().value).toBe("");
    expect(field("Value").value).toBe("");
    expect(section().getByText(/a period such as Q3 2050/)).toBeTruthy();
    expect(section().getByText(/84%, 3\.5 hours or 1200/)).toBeTruthy();
    // Every field is named, so a screen reader says what to type.
    for (const label of ["Date or period", "Value", "Source", "Entered by", "Note"]) expect(field(label).tagName).toBe("INPUT");
  });

  it("offers the scan's KPIs, in order, in the KPI picker", async () => {
    const { user } = await ready(withKpis());
    await user.click(section().getByRole("button", { name: /Open/ }));
    expect(await kpiOptions()).toEqual(KPIS);

    await user.click(screen.getByRole("option", { name: "Net Promoter Score (NPS)" }));
    expect(kpiBox().value).toBe("Net Promoter Score (NPS)");
  });

  it("groups the suggestions: goals, KPIs, KPA elements, then names only the log holds", async () => {
    const port = new FakePort();
    port.scanResult = scan({
      kpis: [
        { name: "Reduce Response Time", group: "goal" },
        { name: "Net Promoter Score (NPS)", group: "kpi" },
        { name: "Customer Service", group: "element" },
        { name: "Escalation Rate", group: "logged" },
        { name: "Resolve Tickets", group: "goal" },
      ],
    });
    const { user } = await ready(port);
    await user.click(section().getByRole("button", { name: /Open/ }));
    const listbox = await screen.findByRole("listbox");
    const groups = within(listbox).getAllByRole("group");
    expect(groups.length).toBe(4);
    const shown = groups.map((g) => [
      g.getAttribute("aria-labelledby") ? document.getElementById(g.getAttribute("aria-labelledby") ?? "")?.textContent : null,
      within(g)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ]);
    expect(shown).toEqual([
      ["Goals", ["Reduce Response Time", "Resolve Tickets"]],
      ["KPIs", ["Net Promoter Score (NPS)"]],
      ["KPA elements", ["Customer Service"]],
      ["Only in the log", ["Escalation Rate"]],
    ]);
    // Typing narrows within the groups, and a group with nothing left is not shown.
    await user.type(kpiBox(), "es");
    const narrowed = within(await screen.findByRole("listbox")).getAllByRole("group");
    expect(narrowed.length).toBe(2);
    expect(await kpiOptions()).toEqual(["Reduce Response Time", "Resolve Tickets", "Escalation Rate"]);
  });

  it("narrows the list to the names containing what is typed", async () => {
    const { user } = await ready(withKpis());
    await user.type(kpiBox(), "customer");
    expect(await kpiOptions()).toEqual(["Customer Satisfaction (CSAT)", "Customer Retention"]);
  });

  it("offers the KPIs of the latest evaluation, which replace the scan's", async () => {
    const port = withKpis(["Old KPI"]);
    port.evaluateResult = evaluation({ kpis: choices(["First Contact Resolution", "Escalation Rate"]) });
    const { user } = await ready(port);
    const evaluate = screen.getByRole("button", { name: "Evaluate" });
    await waitFor(() => expect(isDisabled(evaluate)).toBe(false));
    await user.click(evaluate);
    await screen.findByText(/rows? evaluated/);
    // Evaluate shows its result in the Results view; the form keeps its place in Record.
    await showView(user, "Record");
    await user.click(section().getByRole("button", { name: /Open/ }));
    expect(await kpiOptions()).toEqual(["First Contact Resolution", "Escalation Rate"]);
  });

  it("enables Record only with a KPI, a value and a date", async () => {
    const { user } = await ready(withKpis());
    expect(isDisabled(recordButton())).toBe(true);
    await user.type(kpiBox(), "CSAT");
    expect(isDisabled(recordButton())).toBe(true);
    await user.type(field("Value"), "   ");
    expect(isDisabled(recordButton())).toBe(true);
    await user.type(field("Value"), "84%");
    expect(isDisabled(recordButton())).toBe(false);
    await user.clear(field("Date or period"));
    expect(isDisabled(recordButton())).toBe(true);
    await fill(user, field("Date or period"), "Q3 2050");
    expect(isDisabled(recordButton())).toBe(false);
    await user.clear(kpiBox());
    expect(isDisabled(recordButton())).toBe(true);
  });

  it("keeps Record disabled while an evaluation runs", async () => {
    const port = withKpis();
    const hold = port.holdEvaluate();
    const { user } = await ready(port);
    await user.type(kpiBox(), "CSAT");
    await user.type(field("Value"), "84%");
    expect(isDisabled(recordButton())).toBe(false);
    const evaluate = screen.getByRole("button", { name: "Evaluate" });
    await waitFor(() => expect(isDisabled(evaluate)).toBe(false));
    await user.click(evaluate);

    expect(isDisabled(recordButton())).toBe(true);
    await user.click(recordButton());
    expect(port.callsOf("recordMeasurement")).toEqual([]);
    await act(async () => hold.release());
    await waitFor(() => expect(isDisabled(recordButton())).toBe(false));
  });
});

describe("recording", () => {
  /** Fills in every field; typing key by key is covered by the form's tests above. */
  async function typeEntry(user: User) {
    await fill(user, kpiBox(), "Average Response Time");
    await fill(user, field("Date or period"), "Q3 2050");
    await fill(user, field("Value"), "3.5 hours");
    await fill(user, field("Source"), "Helpdesk export");
    await fill(user, field("Entered by"), "Dana Lee");
    await fill(user, field("Note"), "September average");
  }

  it("sends exactly what was typed, says where it went, and clears KPI, value and note for the next one", async () => {
    const port = withKpis();
    port.recordResult = { sheet: "KPA Data", cell: "A12", added: true };
    const { user } = await ready(port);
    await typeEntry(user);
    await user.click(recordButton());

    expect(await screen.findByText("Added to KPA Data!A12. Evaluate to see it in the statuses and trends.")).toBeTruthy();
    expect(port.callsOf("recordMeasurement")).toEqual([
      [
        {
          kpi: "Average Response Time",
          date: "Q3 2050",
          value: "3.5 hours",
          source: "Helpdesk export",
          enteredBy: "Dana Lee",
          note: "September average",
        },
      ],
    ]);
    await waitFor(() => expect(kpiBox().value).toBe(""));
    expect(field("Value").value).toBe("");
    expect(field("Note").value).toBe("");
    // Ready for the next KPI of the same period, from the same source, by the same person.
    expect(field("Date or period").value).toBe("Q3 2050");
    expect(field("Source").value).toBe("Helpdesk export");
    expect(field("Entered by").value).toBe("Dana Lee");
    expect(document.activeElement).toBe(kpiBox());
    // The success message is Fluent's MessageBar, and the log may have changed what a scan finds.
    expect(screen.getByText(/Added to KPA Data!A12/).closest(".fui-MessageBar")).not.toBeNull();
    expect(announced("polite")).toBe("Added to KPA Data!A12. Evaluate to see it in the statuses and trends.");
    await waitFor(() => expect(port.callsOf("scan")).toHaveLength(2));
  });

  it("selects the new row from the success message", async () => {
    const port = withKpis();
    port.recordResult = { sheet: "KPA Data (2)", cell: "A7", added: true };
    const { user } = await ready(port);
    await user.type(kpiBox(), "CSAT");
    await user.type(field("Value"), "84%");
    await user.click(recordButton());
    await user.click(await screen.findByRole("button", { name: "Go to KPA Data (2)!A7" }));
    expect(port.callsOf("select")).toEqual([["KPA Data (2)", "A7"]]);
  });

  it("records a KPI that is not in any table yet, and leaves out blank optional fields", async () => {
    const port = withKpis();
    const { user } = await ready(port);
    await fill(user, kpiBox(), "Chat Wait Time ");
    await user.keyboard("{Escape}");
    await fill(user, field("Value"), "90 min");
    await user.clear(field("Source"));
    await user.click(recordButton());
    await screen.findByText(/Added to KPA Data!A12/);
    expect(port.callsOf("recordMeasurement")).toEqual([[{ kpi: "Chat Wait Time", date: TODAY, value: "90 min" }]]);
  });

  it("records with Enter from a field", async () => {
    const port = withKpis();
    const { user } = await ready(port);
    await fill(user, kpiBox(), "Customer Retention");
    await user.keyboard("{Escape}");
    await user.type(field("Value"), "91%{Enter}");
    await screen.findByText(/Added to KPA Data!A12/);
    expect(port.callsOf("recordMeasurement")).toEqual([[{ kpi: "Customer Retention", date: TODAY, value: "91%", source: "Manual entry" }]]);
  });

  it("shows a PortError's sentence in an error bar and keeps every field as typed", async () => {
    const port = withKpis();
    const sentence = 'The value "lots" is not a number; write it like 84%, 3.5 hours or 1200.';
    port.failures.recordMeasurement = new PortError(sentence, { sheet: "KPA Data" });
    const { user } = await ready(port);
    await typeEntry(user);
    await user.click(recordButton());

    const message = await screen.findByText(sentence);
    expect(message.closest(".fui-MessageBar")).not.toBeNull();
    expect(screen.queryByText(/Added to/)).toBeNull();
    expect(kpiBox().value).toBe("Average Response Time");
    expect(field("Date or period").value).toBe("Q3 2050");
    expect(field("Value").value).toBe("3.5 hours");
    expect(field("Source").value).toBe("Helpdesk export");
    expect(field("Entered by").value).toBe("Dana Lee");
    expect(field("Note").value).toBe("September average");
    expect(isDisabled(recordButton())).toBe(false);
  });

  it("says so when the log already holds the measurement, and keeps the fields", async () => {
    const port = withKpis();
    port.recordResult = { sheet: "KPA Data", cell: "A5", added: false };
    const { user } = await ready(port);
    await user.type(kpiBox(), "CSAT");
    await user.type(field("Value"), "84%");
    await user.click(recordButton());

    expect(
      await screen.findByText("Already in the log at KPA Data!A5 (same KPI, date, value and source), so nothing was added."),
    ).toBeTruthy();
    expect(screen.queryByText(/Added to/)).toBeNull();
    expect(kpiBox().value).toBe("CSAT");
    expect(field("Value").value).toBe("84%");
    // The row that already holds it is one click away.
    await user.click(screen.getByRole("button", { name: "Go to KPA Data!A5" }));
    expect(port.callsOf("select")).toEqual([["KPA Data", "A5"]]);
  });

  it("runs one recording at a time: Record is disabled until the port answers", async () => {
    const port = withKpis();
    const hold = port.holdRecord();
    const { user } = await ready(port);
    await user.type(kpiBox(), "CSAT");
    await user.type(field("Value"), "84%");
    await user.click(recordButton());

    expect(isDisabled(recordButton())).toBe(true);
    expect(isDisabled(screen.getByRole("button", { name: "Evaluate" }))).toBe(true);
    await user.click(recordButton());
    act(() => recordButton().click());
    expect(port.callsOf("recordMeasurement")).toHaveLength(1);

    await act(async () => hold.release());
    await screen.findByText(/Added to KPA Data!A12/);
    expect(port.callsOf("recordMeasurement")).toHaveLength(1);
  });

  it("remembers who entered it for the session", async () => {
    const port = withKpis();
    const first = await ready(port);
    await first.user.type(kpiBox(), "CSAT");
    await first.user.type(field("Value"), "84%");
    await fill(first.user, field("Entered by"), "Sam Ortiz");
    await first.user.click(recordButton());
    await screen.findByText(/Added to KPA Data!A12/);
    first.unmount();

    await ready(withKpis());
    expect(field("Entered by").value).toBe("Sam Ortiz");
  });
});

describe("the KPI picker", () => {
  it("keeps a typed name on Tab instead of taking the first suggestion", async () => {
    const { user } = await ready(withKpis());
    await user.type(kpiBox(), "NPS");
    // The list offers the name that contains it, but the hint promises a new name may be typed.
    expect(await kpiOptions()).toEqual(["Net Promoter Score (NPS)"]);
    await user.tab();
    expect(kpiBox().value).toBe("NPS");
    expect(document.activeElement).not.toBe(kpiBox());
  });

  it("still takes a suggestion reached with the arrow keys, on Enter or on Tab", async () => {
    const { user } = await ready(withKpis());
    const active = () => document.getElementById(kpiBox().getAttribute("aria-activedescendant") ?? "")?.textContent;
    await user.type(kpiBox(), "Customer");
    await user.keyboard("{ArrowDown}");
    const first = active();
    expect(first).toMatch(/^Customer /);
    await user.keyboard("{Enter}");
    expect(kpiBox().value).toBe(first);

    await user.clear(kpiBox());
    await user.type(kpiBox(), "Customer");
    await user.keyboard("{ArrowDown}");
    const second = active();
    expect(second).toMatch(/^Customer /);
    await user.tab();
    expect(kpiBox().value).toBe(second);
  });

  it("points at no missing element once the list closes", async () => {
    const { user } = await ready(withKpis());
    await user.type(kpiBox(), "Cust");
    await user.keyboard("{ArrowDown}");
    await kpiOptions();
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("listbox")).toBeNull());
    for (const attr of ["aria-activedescendant", "aria-controls", "aria-labelledby", "aria-describedby", "aria-owns"]) {
      for (const id of (kpiBox().getAttribute(attr) ?? "").split(/\s+/).filter(Boolean))
        expect([attr, id, document.getElementById(id) !== null]).toEqual([attr, id, true]);
    }
  });
});
