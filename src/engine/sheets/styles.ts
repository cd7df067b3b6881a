// The look of what we write: status colours as rules, data bars, and the cell styles of our sheets and the template.
import { STATUSES, STATUS_STYLE } from "../status";
import type { CellStyle, CfRule } from "../write-plan";

export const STATUS_RULES: readonly CfRule[] = STATUSES.map((s) => ({ kind: "equals", text: s, ...STATUS_STYLE[s] }));
export const PROGRESS_BAR: CfRule = { kind: "dataBar", color: "#5B9BD5" };

/** The look of our sheets; the template and the adapters' headers use the same. */
export const STYLES = {
  title: { bold: true, size: 16, font: "#1F3864" },
  header: { bold: true, fill: "#1F3864", font: "#FFFFFF" },
  subtle: { italic: true, font: "#595959" },
  section: { bold: true, fill: "#D9E1F2", font: "#1F3864" },
} as const satisfies Record<string, CellStyle>;
