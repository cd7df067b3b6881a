// The look of the pane's lists of workbook rows (the worst gaps, the changes since the previous evaluation).
import { makeStyles, tokens } from "@fluentui/react-components";

export const useListStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  item: { display: "flex", flexDirection: "column", alignItems: "flex-start", gap: tokens.spacingVerticalXXS },
  detail: { color: tokens.colorNeutralForeground2 },
  muted: { color: tokens.colorNeutralForeground2, margin: 0 },
});
