// Rows whose status moved since the previous evaluation: newly Off Track or Overdue, or recovered to Met.
// Each is a button that selects its row, like the gaps.
import { Link, makeStyles, tokens } from "@fluentui/react-components";
import type { ChangeView } from "../../app/port";
import { StatusBadge } from "./StatusBadge";

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  item: { display: "flex", flexDirection: "column", alignItems: "flex-start", gap: tokens.spacingVerticalXXS },
  detail: { color: tokens.colorNeutralForeground2 },
  muted: { color: tokens.colorNeutralForeground2, margin: 0 },
});

/** "Newly Off Track (was At Risk)": the words carry the change, the badge's colour only repeats it. */
function describe(c: ChangeView): string {
  return c.kind === "worse" ? `Newly ${c.to} (was ${c.from})` : `Recovered to ${c.to} (was ${c.from})`;
}

export function ChangeList(props: {
  /** As-of date of the evaluation compared with; null on the first evaluation. */
  since: string | null;
  changes: readonly ChangeView[];
  onSelect: (sheet: string, cell: string) => void;
}) {
  const { since, changes, onSelect } = props;
  const styles = useStyles();
  if (since === null) return <p className={styles.muted}>First evaluation: changes in status will show from the next one.</p>;
  if (changes.length === 0) return <p className={styles.muted}>{`No status changes since ${since}.`}</p>;
  // What got worse comes first: that is what needs attention.
  const ordered = [...changes.filter((c) => c.kind === "worse"), ...changes.filter((c) => c.kind !== "worse")];
  return (
    <ul className={styles.list} aria-label={`Changes since ${since}`}>
      {ordered.map((c) => (
        <li key={c.key} className={styles.item}>
          <Link as="button" onClick={() => onSelect(c.sheet, c.cell)}>
            {c.name}
          </Link>
          <StatusBadge status={c.to} />
          <span className={styles.detail}>{describe(c)}</span>
        </li>
      ))}
    </ul>
  );
}
