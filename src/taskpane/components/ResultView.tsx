// The outcome of the last evaluation. The region exists before there is a result so screen readers announce it.
import { makeStyles, tokens } from "@fluentui/react-components";
import { MESSAGES } from "../../app/messages";
import type { EvaluationResult } from "../../app/port";
import { ChangeList } from "./ChangeList";
import { GapList } from "./GapList";
import { StatusCounts } from "./StatusCounts";

const useStyles = makeStyles({
  region: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground2, margin: 0 },
  line: { margin: 0 },
});

export function ResultView(props: { result: EvaluationResult | null; busy: boolean; onSelect: (sheet: string, cell: string) => void }) {
  const { result, busy, onSelect } = props;
  const styles = useStyles();
  return (
    <section aria-labelledby="result-heading" aria-live="polite" aria-busy={busy} className={styles.region}>
      <h2 id="result-heading">Result</h2>
      {result === null ? (
        <p className={styles.muted}>{MESSAGES.notEvaluated()}</p>
      ) : (
        <>
          <p className={styles.line}>{MESSAGES.rowsEvaluated({ total: result.total, rollups: result.rollups, asOf: result.asOf })}</p>
          <StatusCounts counts={result.counts} />
          {result.weightedScore !== null && <p className={styles.line}>{MESSAGES.weightedScore({ score: result.weightedScore })}</p>}
          {/* Without an earlier evaluation there is nothing to compare with: a one-line note, no heading. */}
          {result.since !== null && <h3>{`Changes since ${result.since}`}</h3>}
          <ChangeList since={result.since} changes={result.changes} onSelect={onSelect} />
          <h3>Worst gaps</h3>
          {result.total === 0 ? <p>{MESSAGES.nothingEvaluated()}</p> : <GapList gaps={result.gaps} onSelect={onSelect} />}
          <p className={styles.muted}>{MESSAGES.finished({ elapsedMs: result.elapsedMs, sheets: result.sheets })}</p>
        </>
      )}
    </section>
  );
}
