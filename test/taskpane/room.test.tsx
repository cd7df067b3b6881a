/** @jest-environment jsdom */
// A table with no room beside it: the pane asks before inserting whole columns, and inserts only what was agreed.
import "./setup-dom";
import { screen, waitFor } from "@testing-library/react";
import type { RoomOffer } from "../../src/app/port";
import { FakePort, evaluation } from "./fake-port";
import { isDisabled, renderApp } from "./render-app";

const OFFER: RoomOffer = { sheet: "Scorecard", table: "A3:H12", after: "H", count: 3 };
const OTHER: RoomOffer = { sheet: "Ops", table: "B2:F9", after: "F", count: 2 };

async function evaluated(port: FakePort) {
  const view = renderApp(port);
  const button = await screen.findByRole("button", { name: "Evaluate" });
  await waitFor(() => expect(isDisabled(button)).toBe(false));
  await view.user.click(button);
  await screen.findByText(/Done in/);
  return view;
}

it("asks, for each table without room, whether to insert the columns it needs", async () => {
  const port = new FakePort();
  port.evaluateResult = evaluation({ room: [OFFER, OTHER] });
  await evaluated(port);
  const asks = screen.getAllByText(/has no room for its statuses/);
  expect(asks).toHaveLength(2);
  expect(asks[0]?.textContent).toContain("Insert 3 columns after H");
  expect(asks[0]?.textContent).toContain("Scorecard!A3:H12");
  expect(screen.getByRole("button", { name: "Insert 3 columns" })).toBeTruthy();
  expect(screen.getByRole("button", { name: "Insert 2 columns" })).toBeTruthy();
  // Nothing is inserted until the user says so.
  expect(port.callsOf("evaluate")).toEqual([[expect.objectContaining({ asOf: expect.any(String) })]]);
});

it("inserts only the accepted table's columns, evaluates again and says what it inserted", async () => {
  const port = new FakePort();
  port.evaluateResult = evaluation({ room: [OFFER, OTHER] });
  const { user } = await evaluated(port);
  await user.click(screen.getByRole("button", { name: "Insert 3 columns" }));
  await screen.findByText(/Inserted 3 columns after H on Scorecard/);
  const calls = port.callsOf("evaluate");
  expect(calls).toHaveLength(2);
  expect(calls[1]?.[1]).toEqual({ makeRoom: [OFFER] });
  // The other table is still offered; the one made room for is not.
  expect(screen.queryByRole("button", { name: "Insert 3 columns" })).toBeNull();
  expect(screen.getByRole("button", { name: "Insert 2 columns" })).toBeTruthy();
  // The notice offers to go to the table.
  expect(screen.getByRole("button", { name: "Go to Scorecard!A3" })).toBeTruthy();
});

it("puts an offer away with Not now, until the next evaluation", async () => {
  const port = new FakePort();
  port.evaluateResult = evaluation({ room: [OFFER] });
  const { user } = await evaluated(port);
  await user.click(screen.getByRole("button", { name: "Not now" }));
  expect(screen.queryByText(/has no room for its statuses/)).toBeNull();
  expect(port.callsOf("evaluate")).toHaveLength(1);
  await user.click(screen.getByRole("button", { name: "Evaluate" }));
  await waitFor(() => expect(port.callsOf("evaluate")).toHaveLength(2));
  expect(await screen.findByText(/has no room for its statuses/)).toBeTruthy();
});

it("says so when the workbook changed and the accepted columns were not inserted", async () => {
  const port = new FakePort();
  port.evaluateResult = evaluation({ room: [OFFER] });
  const { user } = await evaluated(port);
  // Meanwhile the cells around the table changed: the port now offers another insert.
  const changed: RoomOffer = { ...OFFER, after: "I" };
  port.evaluateResult = evaluation({ room: [changed] });
  await user.click(screen.getByRole("button", { name: "Insert 3 columns" }));
  expect(await screen.findByText(/No columns were inserted/)).toBeTruthy();
  expect(screen.getByText(/Insert 3 columns after I/)).toBeTruthy();
});
