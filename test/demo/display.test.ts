// What the browser demo's grid shows for a cell: as Excel would for the formats KPA Tracker writes.
import { displayText } from "../../src/demo/demo";
import { durationFormat, moneyFormat } from "../../src/engine/values";

it.each([
  [3.5, durationFormat("h"), "3.5 h"],
  [90, durationFormat("min"), "90 min"],
  [1200.5, moneyFormat("$", 1200.5), "$1,200.50"],
  [-1500, moneyFormat("€", -1500), "-€1,500"],
  [0.845, "0.0%", "84.5%"],
  [41, "General", "41"],
  ["In progress", "General", "In progress"],
] as const)("shows %p in %p as %p", (value, format, shown) => {
  expect(displayText(value, format)).toBe(shown);
});
