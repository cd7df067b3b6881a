// Function file for the ribbon's "Evaluate" button (manifest.xml: FunctionName evaluateWorkbook). It runs the
// same port as the pane, with the settings saved in the document, then shows the summary sheet.
/* global console */
import { isoDate, localDay } from "../engine";
import { officePort } from "../excel/office";
import { MESSAGES, describeError } from "../app/messages";
import { withDefaults } from "../app/settings";

export async function evaluateFromRibbon(): Promise<string> {
  const port = officePort();
  const saved = await port.loadSettings();
  // As of today unless the pane saved another date; unusable saved values take the pane's defaults.
  const settings = withDefaults(saved, isoDate(localDay()));
  const result = await port.evaluate(settings);
  const summary = result.sheets[0];
  if (summary) await port.select(summary, "A1");
  return summary ?? "";
}

/** The ribbon button's handler; Office knows it by the id "evaluateWorkbook", which manifest.xml names. */
async function onEvaluateCommand(event: Office.AddinCommands.Event): Promise<void> {
  try {
    await evaluateFromRibbon();
  } catch (e) {
    // A function command has no UI of its own; the pane shows errors. The console keeps the reason, in the pane's words.
    console.error(MESSAGES.ribbonFailed({ reason: describeError(e) }), e);
  } finally {
    event.completed();
  }
}

Office.onReady(() => undefined);
Office.actions.associate("evaluateWorkbook", onEvaluateCommand);
