// Rows whose status moved since the previous evaluation: newly Off Track or Overdue, or recovered to Met.
// Each is a button that selects its row, like the gaps.
import { MESSAGES } from "../../app/messages";
import type { ChangeView } from "../../app/port";
import { RowItem } from "./RowItem";
import { useListStyles } from "./listStyles";

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
  const styles = useListStyles();
  if (since === null) return <p className={styles.muted}>{MESSAGES.firstEvaluation()}</p>;
  if (changes.length === 0) return <p className={styles.muted}>{MESSAGES.noChanges({ since })}</p>;
  // What got worse comes first: that is what needs attention.
  const ordered = [...changes.filter((c) => c.kind === "worse"), ...changes.filter((c) => c.kind !== "worse")];
  return (
    <ul className={styles.list} aria-label={`Changes since ${since}`}>
      {ordered.map((c) => (
        <RowItem key={c.key} name={c.name} status={c.to} sheet={c.sheet} cell={c.cell} onSelect={onSelect}>
          <span className={styles.detail}>{describe(c)}</span>
        </RowItem>
      ))}
    </ul>
  );
}
