// The worst gaps, each a button that selects its row in the workbook.
import { Link, makeStyles, tokens } from "@fluentui/react-components";
import type { GapView } from "../../app/port";
import { StatusBadge } from "./StatusBadge";

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  item: { display: "flex", flexDirection: "column", alignItems: "flex-start", gap: tokens.spacingVerticalXXS },
  detail: { color: tokens.colorNeutralForeground2 },
});

export function GapList(props: { gaps: readonly GapView[]; onSelect: (sheet: string, cell: string) => void }) {
  const { gaps, onSelect } = props;
  const styles = useStyles();
  if (gaps.length === 0) return <p>Every row is Met: there are no gaps.</p>;
  return (
    <ol className={styles.list}>
      {gaps.map((g) => (
        <li key={g.key} className={styles.item}>
          <Link as="button" onClick={() => onSelect(g.sheet, g.cell)}>
            {g.name}
          </Link>
          <StatusBadge status={g.status} />
          <span className={styles.detail}>{g.gap ?? g.explanation}</span>
          {/* Worded by the engine ("improving, +3 pts since …"), so the direction is in the text, not a colour or an arrow. */}
          {g.trend && <span className={styles.detail}>{`Trend: ${g.trend}`}</span>}
          {g.owner && <span className={styles.detail}>{`Owner: ${g.owner}`}</span>}
        </li>
      ))}
    </ol>
  );
}
