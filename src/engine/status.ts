// The fixed status vocabulary, and how each one looks in a sheet.

export const STATUSES = ["Met", "On Track", "At Risk", "Off Track", "Overdue", "No Data", "Needs Target"] as const;
export type Status = (typeof STATUSES)[number];

/** Worst first: used for an element's status (worst of its goals) and for ordering gaps. */
export const SEVERITY_ORDER: readonly Status[] = ["Overdue", "Off Track", "At Risk", "Needs Target", "No Data", "On Track", "Met"];

export function severity(s: Status): number {
  return SEVERITY_ORDER.indexOf(s);
}

export function worst(statuses: readonly Status[]): Status | undefined {
  let found: Status | undefined;
  for (const s of statuses) if (found === undefined || severity(s) < severity(found)) found = s;
  return found;
}

/** Fill and font per status. The text is always written too, so colour is never the only signal. */
export const STATUS_STYLE: Readonly<Record<Status, { fill: string; font: string }>> = {
  Met: { fill: "#C6EFCE", font: "#006100" },
  "On Track": { fill: "#DDEBF7", font: "#1F4E78" },
  "At Risk": { fill: "#FFEB9C", font: "#7F4F00" },
  "Off Track": { fill: "#FFC7CE", font: "#9C0006" },
  Overdue: { fill: "#C00000", font: "#FFFFFF" },
  "No Data": { fill: "#EDEDED", font: "#404040" },
  "Needs Target": { fill: "#E4DFEC", font: "#5B2C6F" },
};
