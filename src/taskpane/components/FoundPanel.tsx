// "What was found": the tables the scan recognised and the problems it saw, before anything is written.
import { Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { MESSAGES } from "../../app/messages";
import type { FoundTable, ScanResult } from "../../app/port";
import { ProblemList } from "./ProblemList";

const KIND_WORDS: Record<FoundTable["kind"], string> = {
  kpa: "KPA elements",
  goals: "Goals",
  roles: "Roles",
  training: "Training",
  kpi: "KPIs",
};

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  where: { color: tokens.colorNeutralForeground2 },
  none: { color: tokens.colorNeutralForeground2 },
});

export function FoundPanel(props: { found: ScanResult | null; scanning: boolean; onSelect: (sheet: string, cell: string) => void }) {
  const { found, scanning, onSelect } = props;
  const styles = useStyles();
  return (
    <section aria-labelledby="found-heading" aria-busy={scanning}>
      <h2 id="found-heading">What was found</h2>
      {scanning && <Spinner size="tiny" labelPosition="after" label="Looking through the workbook…" />}
      {found && (
        <>
          <h3>Tables</h3>
          {found.tables.length === 0 ? (
            <p className={styles.none}>{MESSAGES.noTablesFound()}</p>
          ) : (
            <ul className={styles.list}>
              {found.tables.map((t) => (
                <li key={t.id}>
                  <strong>{KIND_WORDS[t.kind]}</strong>
                  {t.section ? ` (${t.section})` : ""}
                  {" — "}
                  <span className={styles.where}>{`${t.sheet}!${t.range}, ${t.rows} ${t.rows === 1 ? "row" : "rows"}`}</span>
                </li>
              ))}
            </ul>
          )}
          <h3>{`Problems (${found.problems.length})`}</h3>
          <ProblemList problems={found.problems} onSelect={onSelect} />
        </>
      )}
    </section>
  );
}
