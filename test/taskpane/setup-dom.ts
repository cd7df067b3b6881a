// What Fluent UI expects from a browser and jsdom does not provide. Imported first by each pane test.
import { configure } from "@testing-library/react";

// findBy*/waitFor give up after asyncUtilTimeout. Their default, 1 s, is less than a single role query can take
// under jsdom on a busy machine (each one computes styles for every candidate element), so a pane that is merely
// slow would fail. They still return as soon as what they wait for is there; the test's own timeout bounds them.
// Text queries look at what the pane shows: what it only says to screen readers (the live regions, which repeat an
// outcome the notices show) is left out of them, and read from the regions themselves (announced() in render-app).
configure({ asyncUtilTimeout: 15_000, defaultIgnore: "script, style, [data-live-region] *" });

// Each pane test renders the whole Fluent UI pane under jsdom, where every render and role query computes styles
// in JavaScript: a second or two per test on an idle machine, several times that when every core is busy. The
// unit project's default (30 s) is for plain in-process tests; these get twice that.
jest.setTimeout(60_000);

class NoopResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

if (typeof window !== "undefined") {
  window.ResizeObserver ??= NoopResizeObserver;
  window.matchMedia ??= (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
  // ARIA reflection: Fluent's listboxes find their options through `element.role`, which jsdom lacks.
  if (!("role" in Element.prototype)) {
    Object.defineProperty(Element.prototype, "role", {
      configurable: true,
      get(this: Element): string | null {
        return this.getAttribute("role");
      },
      set(this: Element, value: string | null) {
        if (value === null) this.removeAttribute("role");
        else this.setAttribute("role", value);
      },
    });
  }
  // jsdom does no layout: offsetParent is always null and the body measures 0 × 0, which tabster (Fluent's focus
  // manager, active once a Combobox or TabList is on the page) reads as "nothing is displayed"; Tab would then
  // land on one of its guard elements and lose focus. Here an element is displayed unless it or an ancestor is
  // hidden by attribute or inline style.
  Object.defineProperty(HTMLElement.prototype, "offsetParent", {
    configurable: true,
    get(this: HTMLElement): Element | null {
      if (!this.isConnected || this === this.ownerDocument.body) return null;
      for (let e: HTMLElement | null = this; e; e = e.parentElement) if (e.hidden || e.style.display === "none") return null;
      return this.parentElement;
    },
  });
  const measure = HTMLElement.prototype.getBoundingClientRect;
  HTMLElement.prototype.getBoundingClientRect = function (this: HTMLElement): DOMRect {
    if (this !== this.ownerDocument.body) return measure.call(this);
    const [width, height] = [1024, 768];
    return { x: 0, y: 0, top: 0, left: 0, width, height, right: width, bottom: height, toJSON: () => ({}) };
  };
}

export {};
