// The worst gaps, each a button that selects its row in the workbook.
import { MESSAGES } from "../../app/messages";
import type { GapView } from "../../app/port";
import { RowItem } from "./RowItem";
import { useListStyles } from "./listStyles";

export function GapList(props: { gaps: readonly GapView[]; onSelect: (sheet: string, cell: string) => void }) {
  const { gaps, onSelect } = props;
  const styles = useListStyles();
  if (gaps.length === 0) return <p>{MESSAGES.noGaps()}</p>;
  return (
    <ol className={styles.list}>
      {gaps.map((g) => (
        <RowItem key={g.key} name={g.name} status={g.status} sheet={g.sheet} cell={g.cell} onSelect={onSelect}>
          <span className={styles.detail}>{g.gap ?? g.explanation}</span>
          {/* Worded by the engine ("improving, +3 pts since …"), so the direction is in the text, not a colour or an arrow. */}
          {g.trend && <span className={styles.detail}>{`Trend: ${g.trend}`}</span>}
          {g.owner && <span className={styles.detail}>{`Owner: ${g.owner}`}</span>}
        </RowItem>
      ))}
    </ol>
  );
}
