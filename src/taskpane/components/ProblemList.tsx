// Problems found in the workbook, each with a button that selects its cell so it can be fixed there.
import { useState } from "react";
import { Button, Link, makeStyles, tokens } from "@fluentui/react-components";
import { MESSAGES, localDates } from "../../app/messages";
import type { ProblemView } from "../../app/port";

/** Enough to act on; a workbook with hundreds of problems would otherwise push everything else off the pane. */
const FIRST = 50;

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  item: { display: "grid", gridTemplateColumns: "auto 1fr", columnGap: tokens.spacingHorizontalS },
  error: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  warning: { color: tokens.colorPaletteMarigoldForeground1, fontWeight: tokens.fontWeightSemibold },
  text: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  none: { color: tokens.colorNeutralForeground2 },
  // Windows high contrast: a button styled as a link would otherwise show as plain text.
  link: { alignSelf: "flex-start", "@media (forced-colors: active)": { color: "LinkText", textDecorationLine: "underline" } },
});

export function ProblemList(props: { problems: readonly ProblemView[]; onSelect: (sheet: string, cell: string) => void }) {
  const { problems, onSelect } = props;
  const styles = useStyles();
  const [showAll, setShowAll] = useState(false);
  if (problems.length === 0) return <p className={styles.none}>{MESSAGES.noProblems()}</p>;
  const shown = showAll ? problems : problems.slice(0, FIRST);
  return (
    <>
      <ul className={styles.list}>
        {shown.map((p, i) => (
          // Problems have no id and the same cell can have several; position within one scan is stable.
          <li key={`${i}:${p.sheet}!${p.cell}`} className={styles.item}>
            <span role="img" aria-label={p.severity === "error" ? "Error" : "Warning"} className={styles[p.severity]}>
              {p.severity === "error" ? "✖" : "⚠"}
            </span>
            <span className={styles.text}>
              <span>{localDates(p.message)}</span>
              <Link as="button" className={styles.link} aria-label={`Go to ${p.sheet}!${p.cell}`} onClick={() => onSelect(p.sheet, p.cell)}>
                {`${p.sheet}!${p.cell}`}
              </Link>
            </span>
          </li>
        ))}
      </ul>
      {shown.length < problems.length && (
        <Button appearance="subtle" onClick={() => setShowAll(true)}>
          {`Show all ${problems.length} problems`}
        </Button>
      )}
    </>
  );
}
