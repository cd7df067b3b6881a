/*
 * Function file for the ribbon's ExecuteFunction commands (manifest.xml:
 * <FunctionFile resid="Commands.Url"/>, <FunctionName>evaluateWorkbook</FunctionName>).
 */

/* global Office */

/**
 * Handler for the "Evaluate" button.
 *
 * Placeholder: it does nothing yet and only tells Office it has finished;
 * a later issue runs the engine here. It must always call event.completed(),
 * or Office keeps the command marked as running.
 */
function evaluateWorkbook(event: Office.AddinCommands.Event): void {
  event.completed();
}

Office.onReady(() => {
  // Nothing to initialise yet.
});

Office.actions.associate("evaluateWorkbook", evaluateWorkbook);

// This file is a module, not a global script (keeps its names out of the global scope).
export {};
