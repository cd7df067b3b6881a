/*
 * Task pane entry point.
 *
 * A placeholder until the task pane UI lands: once Office is ready it replaces
 * the "Loading" text in #root with a heading and a short status note.
 */

/* global document, HTMLElement, Office */

function renderPlaceholder(root: HTMLElement): void {
  const heading = document.createElement("h1");
  heading.textContent = "KPA Tracker";

  const note = document.createElement("p");
  note.textContent = "The task pane UI is being built. It does not read or change your workbook yet.";

  root.replaceChildren(heading, note);
}

Office.onReady(() => {
  const root = document.getElementById("root");
  if (root !== null) {
    renderPlaceholder(root);
  }
});

// This file is a module, not a global script (keeps its names out of the global scope).
export {};
