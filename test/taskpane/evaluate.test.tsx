/** @jest-environment jsdom */
import "./setup-dom";
import { act, screen, waitFor, within } from "@testing-library/react";
import { STATUSES, STATUS_STYLE } from "../../src/engine/status";
import { PortError } from "../../src/app/port";
import { formatDay } from "../../src/app/messages";
import { FakePort, change, counts, evaluation, gap, problem, scan, table } from "./fake-port";
import { announced, isDisabled, renderApp } from "./render-app";

/** The Result region of the pane rendered last: looked up by its name once, by ready(); it stays mounted. */
let result: HTMLElement | undefined;

async function ready(port: FakePort) {
  const view = renderApp(port);
  const button = await screen.findByRole("button", { name: "Evaluate" });
  await waitFor(() => expect(isDisabled(button)).toBe(false));
  result = screen.getByRole("region", { name: "Result" });
  return { ...view, button };
}

function resultRegion(): HTMLElement {
  if (!result) throw new Error("Call ready() first.");
  return result;
}

beforeEach(() => (result = undefined));

it("disables Evaluate while a run is under way, so a second click starts nothing", async () => {
  const port = new FakePort();
  const hold = port.holdEvaluate();
  const { user, button } = await ready(port);

  await user.click(button);
  expect(isDisabled(button)).toBe(true);
  await user.click(button);
  // From the keyboard too: focus stays on the button, and Enter does nothing more.
  expect(document.activeElement).toBe(button);
  await user.keyboard("{Enter}");
  // A click straight on the element, as a fast double click could deliver before React re-renders.
  act(() => button.click());
  expect(port.callsOf("evaluate")).toHaveLength(1);
  // Nothing else that changes the workbook can start meanwhile either.
  // (It is in the Setup view, hidden while Results shows: looked up among hidden elements too.)
  expect(isDisabled(screen.getByRole("button", { name: "Insert KPA template", hidden: true }))).toBe(true);

  await act(async () => hold.release());
  await waitFor(() => expect(isDisabled(button)).toBe(false));
  expect(port.callsOf("evaluate")).toHaveLength(1);
});

it("shows each stage while running and marks the result busy", async () => {
  const port = new FakePort();
  const hold = port.holdEvaluate();
  const { user, button } = await ready(port);

  await user.click(button);
  const status = screen.getByRole("status");
  expect(resultRegion().getAttribute("aria-busy")).toBe("true");
  expect(screen.getByRole("progressbar")).toBeTruthy();
  act(() => hold.progress({ stage: "reading" }));
  expect(within(status).getByText("Reading the workbook…")).toBeTruthy();
  act(() => hold.progress({ stage: "evaluating", fraction: 0.5 }));
  expect(within(status).getByText("Evaluating…")).toBeTruthy();
  expect(screen.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("0.5");
  act(() => hold.progress({ stage: "writing" }));
  expect(within(status).getByText("Writing results…")).toBeTruthy();

  await act(async () => hold.release());
  await waitFor(() => expect(resultRegion().getAttribute("aria-busy")).toBe("false"));
  expect(screen.queryByRole("progressbar")).toBeNull();
  expect(within(status).queryByText("Writing results…")).toBeNull();
});

it("shows every status with its name, number and colour", async () => {
  const port = new FakePort();
  port.evaluateResult = evaluation({
    total: 28,
    counts: counts({ Met: 3, "On Track": 4, "At Risk": 5, "Off Track": 6, Overdue: 7, "No Data": 2, "Needs Target": 1 }),
  });
  const { user, button } = await ready(port);
  await user.click(button);

  const list = await within(resultRegion()).findByRole("list", { name: "Rows by status" });
  const items = within(list).getAllByRole("listitem");
  const seen = Object.fromEntries(items.map((li) => [li.getAttribute("data-status"), li.textContent]));
  expect(seen).toEqual({
    Met: "Met3",
    "On Track": "On Track4",
    "At Risk": "At Risk5",
    "Off Track": "Off Track6",
    Overdue: "Overdue7",
    "No Data": "No Data2",
    "Needs Target": "Needs Target1",
  });
  for (const status of STATUSES) {
    const badge = items.find((li) => li.getAttribute("data-status") === status)?.firstElementChild as HTMLElement;
    const { fill, font } = STATUS_STYLE[status];
    expect([status, badge.style.backgroundColor, badge.style.color]).toEqual([status, hex(fill), hex(font)]);
  }
  expect(within(resultRegion()).getByText(`28 rows evaluated as of ${formatDay("2050-06-30")}.`)).toBeTruthy();
});

/** jsdom reports inline colours as rgb(). */
function hex(color: string): string {
  const n = parseInt(color.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

it("shows the weighted score only when there is one", async () => {
  const port = new FakePort();
  port.evaluateResult = evaluation({ weightedScore: 0.726 });
  const { user, button } = await ready(port);
  await user.click(button);
  expect(await within(resultRegion()).findByText("Weighted score: 73%")).toBeTruthy();

  port.evaluateResult = evaluation({ weightedScore: null });
  await waitFor(() => expect(isDisabled(button)).toBe(false));
  await user.click(button);
  await waitFor(() => expect(port.callsOf("evaluate")).toHaveLength(2));
  await waitFor(() => expect(within(resultRegion()).queryByText(/Weighted score/)).toBeNull());
});

it("lists the gaps that need attention, one line each with name, status and gap, opening for owner and explanation, each selecting its row", async () => {
  const port = new FakePort();
  port.evaluateResult = evaluation({
    gaps: [
      gap({
        name: "Net Promoter Score (NPS)",
        status: "Overdue",
        cell: "B15",
        gap: "12.5% short",
        explanation: "56 vs ≥ 64: 12.5% short, was due Mar 31, 2050 → Overdue",
        owner: "Sam Ortiz",
      }),
      gap(
        {
          name: "Resolution Time",
          status: "No Data",
          sheet: "KPIs",
          cell: "C9",
          gap: null,
          explanation: "No actual value yet → No Data",
          owner: null,
        },
        "kpi",
      ),
    ],
  });
  const { user, button } = await ready(port);
  await user.click(button);

  const region = resultRegion();
  const nps = await within(region).findByRole("button", { name: "Net Promoter Score (NPS)" });
  const first = nps.closest("li") as HTMLElement;
  expect(within(first).getByText("Overdue")).toBeTruthy();
  expect(within(first).getByText("12.5% short")).toBeTruthy();
  // Owner and explanation wait behind the line's toggle.
  const toggle = within(first).getByRole("button", { name: "Details of Net Promoter Score (NPS)" });
  expect(toggle.getAttribute("aria-expanded")).toBe("false");
  const details = document.getElementById(toggle.getAttribute("aria-controls") ?? "") as HTMLElement;
  expect(details.hidden).toBe(true);
  await user.click(toggle);
  expect(toggle.getAttribute("aria-expanded")).toBe("true");
  expect(details.hidden).toBe(false);
  expect(within(details).getByText("Owner: Sam Ortiz")).toBeTruthy();
  expect(within(details).getByText("56 vs ≥ 64: 12.5% short, was due Mar 31, 2050 → Overdue")).toBeTruthy();
  const second = within(region).getByRole("button", { name: "Resolution Time" }).closest("li") as HTMLElement;
  // Without a gap to state, the explanation says why.
  await user.click(within(second).getByRole("button", { name: "Details of Resolution Time" }));
  expect(within(second).getByText("No actual value yet → No Data")).toBeTruthy();
  expect(within(second).queryByText(/Owner/)).toBeNull();

  await user.click(nps);
  await user.click(within(region).getByRole("button", { name: "Resolution Time" }));
  expect(port.callsOf("select")).toEqual([
    ["Goals", "B15"],
    ["KPIs", "C9"],
  ]);
});

it("shows a gap's trend as words beside it, and nothing for a gap without one", async () => {
  const port = new FakePort();
  const trend = "improving, +3 pts since Jun 30, 2050; projected 87% by Dec 15, 2050";
  port.evaluateResult = evaluation({
    gaps: [gap({ name: "Customer Satisfaction (CSAT)", trend }), gap({ name: "Resolution Time", cell: "B16", trend: null })],
  });
  const { user, button } = await ready(port);
  await user.click(button);

  const region = resultRegion();
  const csat = (await within(region).findByRole("button", { name: "Customer Satisfaction (CSAT)" })).closest("li") as HTMLElement;
  expect(within(csat).getByText(`Trend: ${trend}`)).toBeTruthy();
  const resolution = within(region).getByRole("button", { name: "Resolution Time" }).closest("li") as HTMLElement;
  expect(within(resolution).queryByText(/Trend/)).toBeNull();
});

describe("changes since the previous evaluation", () => {
  it("lists what got worse, then what recovered, in words, each selecting its row", async () => {
    const port = new FakePort();
    port.evaluateResult = evaluation({
      since: "2050-03-31",
      changes: [
        change({ name: "First Contact Resolution", sheet: "KPIs", cell: "A7", from: "Off Track", to: "Met", kind: "recovered" }, "kpi"),
        change({ name: "Net Promoter Score (NPS)", sheet: "Goals", cell: "B15", from: "On Track", to: "Overdue", kind: "worse" }),
      ],
    });
    const { user, button } = await ready(port);
    await user.click(button);

    const region = resultRegion();
    const since = `Changes since ${formatDay("2050-03-31")}`;
    expect(await within(region).findByRole("heading", { name: since })).toBeTruthy();
    const list = within(region).getByRole("list", { name: since });
    const items = within(list).getAllByRole("listitem");
    expect(items.map((li) => within(li).getByRole("button").textContent)).toEqual(["Net Promoter Score (NPS)", "First Contact Resolution"]);
    // One line each: the status now as a badge, what it was beside it.
    expect(items.map((li) => li.textContent)).toEqual([
      "Net Promoter Score (NPS)Overduenewly, was On Track",
      "First Contact ResolutionMetrecovered, was Off Track",
    ]);

    await user.click(within(list).getByRole("button", { name: "First Contact Resolution" }));
    await user.click(within(list).getByRole("button", { name: "Net Promoter Score (NPS)" }));
    expect(port.callsOf("select")).toEqual([
      ["KPIs", "A7"],
      ["Goals", "B15"],
    ]);
  });

  it("says when no status changed", async () => {
    const port = new FakePort();
    port.evaluateResult = evaluation({ since: "2050-03-31", changes: [] });
    const { user, button } = await ready(port);
    await user.click(button);
    expect(await within(resultRegion()).findByText(`No status changes since ${formatDay("2050-03-31")}.`)).toBeTruthy();
    expect(within(resultRegion()).queryByRole("list", { name: /Changes since/ })).toBeNull();
  });

  it("says there is nothing to compare with on the first evaluation", async () => {
    const port = new FakePort();
    port.evaluateResult = evaluation({ since: null, changes: [] });
    const { user, button } = await ready(port);
    await user.click(button);
    expect(await within(resultRegion()).findByText(/First evaluation/)).toBeTruthy();
    expect(within(resultRegion()).queryByText(/Changes since|No status changes/)).toBeNull();
  });
});

it("says how long the run took and what it wrote", async () => {
  const port = new FakePort();
  port.evaluateResult = evaluation({ elapsedMs: 1234, sheets: ["KPA Summary", "KPA Gaps"] });
  const { user, button } = await ready(port);
  await user.click(button);
  expect(await within(resultRegion()).findByText("Done in 1.2 s. Wrote KPA Summary, KPA Gaps.")).toBeTruthy();
});

it("replaces the problems and tables with the ones the evaluation found", async () => {
  const port = new FakePort();
  port.scanResult = scan({ tables: [table({ range: "B12:F19" })], problems: [problem({ message: "Old problem." })] });
  port.evaluateResult = evaluation({
    // The status columns written beside the table widen its range.
    tables: [table({ range: "B12:H19" })],
    problems: [problem({ cell: "E16", message: "New problem." })],
  });
  const { user, button } = await ready(port);
  expect(await screen.findByText("Old problem.")).toBeTruthy();
  await user.click(button);
  expect(await screen.findByText("New problem.")).toBeTruthy();
  expect(screen.queryByText("Old problem.")).toBeNull();
  expect(screen.getByText("Goals!B12:H19, 7 rows")).toBeTruthy();
});

it("says the outcome once, politely, instead of reading the whole result as a live region", async () => {
  const port = new FakePort();
  port.evaluateResult = evaluation({ counts: counts({ Met: 4, "Off Track": 2, Overdue: 1 }) });
  const { user, button } = await ready(port);
  expect(resultRegion().getAttribute("aria-live")).toBeNull();
  expect(within(resultRegion()).getByText(/Not evaluated yet/)).toBeTruthy();
  expect(announced("polite")).toBe("");
  await user.click(button);
  await waitFor(() => expect(announced("polite")).toBe("Evaluated 7 rows: 4 Met, 2 Off Track, 1 Overdue."));
  expect(announced("assertive")).toBe("");
  // Focus moves to the result, in the Results view.
  await waitFor(() => expect(document.activeElement).toBe(within(resultRegion()).getByRole("heading", { name: "Result" })));
});

it("shows only the statuses that have rows", async () => {
  const port = new FakePort();
  port.evaluateResult = evaluation({ counts: counts({ Met: 3, "Off Track": 1 }) });
  const { user, button } = await ready(port);
  await user.click(button);
  const list = await within(resultRegion()).findByRole("list", { name: "Rows by status" });
  expect(within(list).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Off Track1", "Met3"]);
});

it("says an error assertively, keeps it until dismissed, and moves focus to it", async () => {
  const port = new FakePort();
  const sentence = "The sheet Goals is protected; unprotect it and evaluate again.";
  port.failures.evaluate = new PortError(sentence);
  const { user, button } = await ready(port);
  await user.click(button);
  const bar = (await screen.findByText(sentence)).closest(".fui-MessageBar") as HTMLElement;
  expect(announced("assertive")).toBe(sentence);
  await waitFor(() => expect(document.activeElement).toBe(bar));
  // Named by its own text: aria-labelledby points at an element that exists.
  const label = document.getElementById(bar.getAttribute("aria-labelledby") ?? "");
  expect(label?.textContent).toBe(sentence);
});

it("shows a PortError's sentence as it is, in a dismissable error bar", async () => {
  const port = new FakePort();
  const sentence = "The sheet Goals is protected; unprotect it and evaluate again.";
  const hold = port.holdEvaluate();
  const { user, button } = await ready(port);
  await user.click(button);
  await act(async () => hold.fail(new PortError(sentence, { sheet: "Goals" })));

  const message = await screen.findByText(sentence);
  expect(message.textContent).toBe(sentence);
  expect(isDisabled(button)).toBe(false);
  await user.click(screen.getByRole("button", { name: "Dismiss" }));
  expect(screen.queryByText(sentence)).toBeNull();
});

it("wraps any other error in one plain sentence", async () => {
  const port = new FakePort();
  port.failures.evaluate = new TypeError("Cannot read properties of undefined (reading 'values').");
  const { user, button } = await ready(port);
  await user.click(button);
  expect(
    await screen.findByText(
      "Something went wrong: Cannot read properties of undefined (reading 'values'). Try again; if it keeps happening, reload the add-in.",
    ),
  ).toBeTruthy();
  // The error bar is Fluent's MessageBar with the error intent.
  expect(screen.getByText(/Something went wrong/).closest(".fui-MessageBar")).not.toBeNull();
});

it("says what to do when nothing was evaluated, instead of claiming there are no gaps", async () => {
  const port = new FakePort();
  port.evaluateResult = evaluation({ tables: [], counts: counts() });
  const { user, button } = await ready(port);
  await user.click(button);
  await within(resultRegion()).findByText(/No rows were evaluated/);
  expect(within(resultRegion()).getByText(/Insert a KPA template/)).toBeTruthy();
  expect(within(resultRegion()).queryByText(/no gaps/)).toBeNull();
});
