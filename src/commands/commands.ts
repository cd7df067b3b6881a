// Function file for the ribbon's "Evaluate" button (manifest.xml: FunctionName evaluateWorkbook). It runs the
// same port as the pane, with the settings saved in the document, then shows the summary sheet.
/* global console, location */
import { isoDate, localDay } from "../engine";
import { officePort } from "../excel/office";
import { MESSAGES, describeError } from "../app/messages";
import { withDefaults } from "../app/settings";
import { noticeUrl } from "./notice-address";

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

/**
 * Shows a sentence in an Office dialog (notice.html, the sentence in its address) and resolves once the user closes
 * it, or at once when Office cannot open one (the reason then goes to the console). A function command has no UI of
 * its own, and its runtime (and so its dialog) may end once the command completes: the command waits for this.
 */
export function showNotice(sentence: string): Promise<void> {
  return new Promise((resolve) => {
    Office.context.ui.displayDialogAsync(noticeUrl(location.href, sentence), { height: 30, width: 35, displayInIframe: true }, (result) => {
      if (result.status !== Office.AsyncResultStatus.Succeeded) {
        console.error(MESSAGES.ribbonNoticeFailed({ sentence, reason: result.error.message }));
        resolve();
        return;
      }
      const dialog = result.value;
      // The Close button's message, or the dialog closed by its own X.
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => {
        dialog.close();
        resolve();
      });
      dialog.addEventHandler(Office.EventType.DialogEventReceived, () => resolve());
    });
  });
}

/** The ribbon button's handler; Office knows it by the id "evaluateWorkbook", which manifest.xml names. */
async function onEvaluateCommand(event: Office.AddinCommands.Event): Promise<void> {
  try {
    await evaluateFromRibbon();
  } catch (e) {
    // The reason in the pane's words: shown to the user, and kept in the console.
    const sentence = describeError(e);
    console.error(MESSAGES.ribbonFailed({ reason: sentence }), e);
    await showNotice(sentence);
  } finally {
    event.completed();
  }
}

Office.onReady(() => undefined);
Office.actions.associate("evaluateWorkbook", onEvaluateCommand);
