// "Needs attention": one line per gap, worst first: the name (a button that selects its row), the status and the gap.
// Each line opens for the trend, the owner and the engine's explanation.
import { useId, useState } from "react";
import { Button, Link, makeStyles, tokens } from "@fluentui/react-components";
import { MESSAGES, localDates } from "../../app/messages";
import type { GapView } from "../../app/port";
import { StatusBadge } from "./StatusBadge";
import { useListStyles } from "./listStyles";

const useStyles = makeStyles({
  line: {
    display: "grid",
    gridTemplateColumns: "auto minmax(0, 1fr) auto auto",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalXS,
    minWidth: 0,
  },
  toggle: { minWidth: "24px", paddingInline: 0 },
  chevron: { display: "inline-block", width: "1em", textAlign: "center" },
  details: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    // Under the name, past the toggle.
    paddingInlineStart: "28px",
    paddingBlockEnd: tokens.spacingVerticalXS,
    color: tokens.colorNeutralForeground2,
    overflowWrap: "anywhere",
    // The display above would otherwise beat the hidden attribute's.
    "&[hidden]": { display: "none" },
  },
});

function GapLine(props: { gap: GapView; onSelect: (sheet: string, cell: string) => void }) {
  const { gap: g, onSelect } = props;
  const styles = useStyles();
  const list = useListStyles();
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  return (
    <li>
      <div className={styles.line}>
        <Button
          appearance="transparent"
          size="small"
          className={styles.toggle}
          aria-expanded={open}
          aria-controls={detailsId}
          aria-label={`Details of ${g.name}`}
          onClick={() => setOpen(!open)}
        >
          <span aria-hidden="true" className={styles.chevron}>
            {open ? "▾" : "▸"}
          </span>
        </Button>
        <Link as="button" className={list.name} title={g.name} onClick={() => onSelect(g.sheet, g.cell)}>
          {g.name}
        </Link>
        <StatusBadge status={g.status} />
        <span className={list.figure}>{g.gap ?? ""}</span>
      </div>
      {/* Always in the page (hidden when shut), so the toggle's aria-controls names an element that exists. */}
      <div id={detailsId} className={styles.details} hidden={!open}>
        {/* Worded by the engine ("improving, +3 pts since …"), so the direction is in the text, not a colour or an arrow. */}
        {g.trend && <span>{`Trend: ${localDates(g.trend)}`}</span>}
        {g.owner && <span>{`Owner: ${g.owner}`}</span>}
        <span>{localDates(g.explanation)}</span>
      </div>
    </li>
  );
}

export function GapList(props: { gaps: readonly GapView[]; onSelect: (sheet: string, cell: string) => void }) {
  const { gaps, onSelect } = props;
  const styles = useListStyles();
  if (gaps.length === 0) return <p className={styles.muted}>{MESSAGES.noGaps()}</p>;
  return (
    <ol className={styles.list} aria-label="Needs attention">
      {gaps.map((g) => (
        <GapLine key={g.key} gap={g} onSelect={onSelect} />
      ))}
    </ol>
  );
}
