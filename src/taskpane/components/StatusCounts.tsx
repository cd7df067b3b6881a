// How many rows ended in each status, worst first, zeros included so the list always reads the same.
import { makeStyles, tokens } from "@fluentui/react-components";
import { SEVERITY_ORDER, type StatusCounts as Counts } from "../../engine";
import { StatusBadge } from "./StatusBadge";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  count: { fontWeight: tokens.fontWeightBold },
});

export function StatusCounts(props: { counts: Counts }) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label="Rows by status">
      {SEVERITY_ORDER.map((status) => (
        <li key={status} data-status={status}>
          <StatusBadge status={status}>
            <span className={styles.count}>{props.counts[status] ?? 0}</span>
          </StatusBadge>
        </li>
      ))}
    </ul>
  );
}
