// Goals and KPI tables without Baseline and Actual columns cannot be judged; this offers to add them, table by table.
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { MESSAGES } from "../../app/messages";
import type { FoundTable } from "../../app/port";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", alignItems: "flex-start", gap: tokens.spacingVerticalS },
  hint: { color: tokens.colorNeutralForeground2, margin: 0 },
});

export function TrackingPanel(props: { tables: readonly FoundTable[]; busy: boolean; onAdd: (table: FoundTable) => void }) {
  const { busy, onAdd } = props;
  const styles = useStyles();
  const eligible = props.tables.filter((t) => t.canAddTracking);
  // Nothing to offer: the section would only be noise.
  if (eligible.length === 0) return null;
  return (
    <section aria-labelledby="tracking-heading" className={styles.panel}>
      <h2 id="tracking-heading">Add tracking columns</h2>
      <p className={styles.hint}>{MESSAGES.trackingHint()}</p>
      {eligible.map((t) => (
        <Button key={t.id} disabledFocusable={busy} onClick={() => onAdd(t)}>
          {`Add Baseline and Actual to ${t.sheet} ${t.range}`}
        </Button>
      ))}
    </section>
  );
}
