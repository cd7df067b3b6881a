// The look of the pane's lists of workbook rows (the gaps that need attention, the changes since the previous
// evaluation): one compact line each, the row's name a link-styled button that selects it.
import { makeStyles, tokens } from "@fluentui/react-components";

export const useListStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  // Name, status and figure on one line; the name gives way (ellipsis) before the line wraps.
  line: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) auto auto",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    minWidth: 0,
  },
  name: {
    display: "block",
    minWidth: 0,
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
    textAlign: "start",
    // Windows high contrast: a button styled as a link would otherwise show as plain text.
    "@media (forced-colors: active)": { color: "LinkText", textDecorationLine: "underline" },
  },
  figure: { color: tokens.colorNeutralForeground2, whiteSpace: "nowrap" },
  detail: { color: tokens.colorNeutralForeground2 },
  muted: { color: tokens.colorNeutralForeground2, margin: 0 },
});
