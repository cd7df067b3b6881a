// How many rows ended in each status, worst first, as compact chips: only the statuses that have rows, each with
// its name and count beside the colour, so colour is never the only signal.
import { makeStyles, tokens } from "@fluentui/react-components";
import { SEVERITY_ORDER, type StatusCounts as Counts } from "../../engine";
import { StatusBadge } from "./StatusBadge";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  count: { fontWeight: tokens.fontWeightBold },
});

export function StatusCounts(props: { counts: Counts }) {
  const styles = useStyles();
  const shown = SEVERITY_ORDER.filter((status) => (props.counts[status] ?? 0) > 0);
  if (shown.length === 0) return null;
  return (
    <ul className={styles.list} aria-label="Rows by status">
      {shown.map((status) => (
        <li key={status} data-status={status}>
          <StatusBadge status={status}>
            <span className={styles.count}>{props.counts[status]}</span>
          </StatusBadge>
        </li>
      ))}
    </ul>
  );
}
