// The outcome of the last evaluation. The region exists before there is a result so screen readers announce it.
import { makeStyles, tokens } from "@fluentui/react-components";
import type { EvaluationResult } from "../../app/port";
import { ChangeList } from "./ChangeList";
import { GapList } from "./GapList";
import { StatusCounts } from "./StatusCounts";

function formatElapsed(ms: number): string {
  return ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`;
}

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
        <p className={styles.muted}>Not evaluated yet. Evaluate writes a status beside every goal and adds summary sheets.</p>
      ) : (
        <>
          <p className={styles.line}>{`${result.total} ${result.total === 1 ? "row" : "rows"} evaluated as of ${result.asOf}.`}</p>
          <StatusCounts counts={result.counts} />
          {result.weightedScore !== null && <p className={styles.line}>{`Weighted score: ${Math.round(result.weightedScore * 100)}%`}</p>}
          {/* Without an earlier evaluation there is nothing to compare with: a one-line note, no heading. */}
          {result.since !== null && <h3>{`Changes since ${result.since}`}</h3>}
          <ChangeList since={result.since} changes={result.changes} onSelect={onSelect} />
          <h3>Worst gaps</h3>
          {result.total === 0 ? (
            <p>
              No rows were evaluated: no KPA table was found. Insert a KPA template, or give your tables headers such as Goal, Target and
              Actual, then evaluate again.
            </p>
          ) : (
            <GapList gaps={result.gaps} onSelect={onSelect} />
          )}
          <p className={styles.muted}>
            {`Done in ${formatElapsed(result.elapsedMs)}.`}
            {result.sheets.length > 0 && ` Wrote ${result.sheets.join(", ")}.`}
          </p>
        </>
      )}
    </section>
  );
}
