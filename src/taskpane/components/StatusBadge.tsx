// A status in the colours the workbook uses for it, always with its name so colour is never the only signal.
import type { ReactNode } from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import { STATUS_STYLE, type Status } from "../../engine";

const useStyles = makeStyles({
  badge: {
    display: "inline-flex",
    alignItems: "baseline",
    gap: tokens.spacingHorizontalS,
    paddingBlock: tokens.spacingVerticalXXS,
    paddingInline: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    whiteSpace: "nowrap",
    // Windows high contrast drops the fill: a border keeps the badge a shape (transparent shows as the text colour).
    border: `${tokens.strokeWidthThin} solid transparent`,
  },
});

export function StatusBadge(props: { status: Status; children?: ReactNode }) {
  const { status, children } = props;
  const styles = useStyles();
  const { fill, font } = STATUS_STYLE[status];
  return (
    <span className={styles.badge} style={{ backgroundColor: fill, color: font }}>
      <span>{status}</span>
      {children}
    </span>
  );
}
