// Rows whose status moved since the previous evaluation: newly Off Track or Overdue, or recovered to Met. One line
// each, like the gaps: the name selects the row, the badge says the status now, the figure what it was.
import { MESSAGES } from "../../app/messages";
import type { ChangeView } from "../../app/port";
import { RowItem } from "./RowItem";
import { useListStyles } from "./listStyles";

export function ChangeList(props: {
  /** As-of date of the evaluation compared with; null on the first evaluation. */
  since: string | null;
  changes: readonly ChangeView[];
  onSelect: (sheet: string, cell: string) => void;
}) {
  const { since, changes, onSelect } = props;
  const styles = useListStyles();
  if (since === null) return <p className={styles.muted}>{MESSAGES.firstEvaluation()}</p>;
  if (changes.length === 0) return <p className={styles.muted}>{MESSAGES.noChanges({ since })}</p>;
  // What got worse comes first: that is what needs attention.
  const ordered = [...changes.filter((c) => c.kind === "worse"), ...changes.filter((c) => c.kind !== "worse")];
  return (
    <ul className={styles.list} aria-label={MESSAGES.changesSince({ since })}>
      {ordered.map((c) => (
        <RowItem key={c.key} name={c.name} status={c.to} sheet={c.sheet} cell={c.cell} onSelect={onSelect}>
          {MESSAGES.changeWas({ from: c.from, kind: c.kind })}
        </RowItem>
      ))}
    </ul>
  );
}
