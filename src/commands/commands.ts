// Function file for the ribbon's "Evaluate" button (manifest.xml: FunctionName evaluateWorkbook). It runs the
// same port as the pane, with the settings saved in the document, then shows the summary sheet.
/* global console */
import { officePort } from "../excel/office";
import type { EvaluateSettings } from "../taskpane/port";

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export async function evaluateFromRibbon(): Promise<string> {
  const port = officePort();
  const saved = await port.loadSettings();
  const settings: EvaluateSettings = { asOf: today(), tolerance: 0.1, dateOrder: "mdy", ...saved };
  // The ribbon always judges as of today unless the pane saved another date.
  const result = await port.evaluate(settings);
  const summary = result.sheets[0];
  if (summary) await port.select(summary, "A1");
  return summary ?? "";
}

async function evaluateWorkbook(event: Office.AddinCommands.Event): Promise<void> {
  try {
    await evaluateFromRibbon();
  } catch (e) {
    // A function command has no UI of its own; the pane shows errors. The console keeps the reason.
    console.error("KPA Tracker: Evaluate failed:", e);
  } finally {
    event.completed();
  }
}

Office.onReady(() => undefined);
Office.actions.associate("evaluateWorkbook", evaluateWorkbook);
