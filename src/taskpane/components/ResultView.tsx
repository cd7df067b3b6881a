// Results at a glance: what the last evaluation found (or, without one in this session, what the workbook holds),
// as chips, the weighted score, the gaps that need attention and what changed since the previous evaluation. Not a
// live region: the pane announces each outcome once, in one sentence (LiveRegions).
import { forwardRef } from "react";
import { Link, makeStyles, tokens } from "@fluentui/react-components";
import { MESSAGES } from "../../app/messages";
import type { EvaluationResult, HeldEvaluation } from "../../app/port";
import { ChangeList } from "./ChangeList";
import { GapList } from "./GapList";
import { StatusCounts } from "./StatusCounts";

const useStyles = makeStyles({
  region: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
  muted: { color: tokens.colorNeutralForeground2, margin: 0 },
  line: { margin: 0 },
  score: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  link: { "@media (forced-colors: active)": { color: "LinkText", textDecorationLine: "underline" } },
});

export const ResultView = forwardRef<
  HTMLHeadingElement,
  {
    result: EvaluationResult | null;
    /** What the workbook holds, read from it; shown when this session has no result of its own. */
    held: HeldEvaluation | null;
    busy: boolean;
    onSelect: (sheet: string, cell: string) => void;
    /** Shows the Setup view, where the problems are listed. */
    onShowProblems: () => void;
  }
>(function ResultView(props, headingRef) {
  const { result, held, busy, onSelect, onShowProblems } = props;
  const styles = useStyles();
  const score = (s: number | null) => s !== null && <p className={styles.score}>{MESSAGES.weightedScore({ score: s })}</p>;
  return (
    <section aria-labelledby="result-heading" aria-busy={busy} className={styles.region}>
      {/* Focus comes here after Evaluate and Undo (tabIndex -1: reachable by script, not in the Tab order). */}
      <h2 id="result-heading" ref={headingRef} tabIndex={-1} className={styles.heading}>
        Result
      </h2>
      {result !== null ? (
        <>
          <p className={styles.line}>{MESSAGES.rowsEvaluated({ total: result.total, rollups: result.rollups, asOf: result.asOf })}</p>
          <StatusCounts counts={result.counts} />
          {score(result.weightedScore)}
          {result.problems.length > 0 && (
            <p className={styles.muted}>
              {MESSAGES.problemsFound({ count: result.problems.length })}{" "}
              <Link as="button" className={styles.link} onClick={onShowProblems}>
                Show problems
              </Link>
            </p>
          )}
          <h3>Needs attention</h3>
          {result.total === 0 ? <p className={styles.line}>{MESSAGES.nothingEvaluated()}</p> : <GapList gaps={result.gaps} onSelect={onSelect} />}
          {/* Without an earlier evaluation there is nothing to compare with: a one-line note, no heading. */}
          {result.since !== null && <h3>{MESSAGES.changesSince({ since: result.since })}</h3>}
          <ChangeList since={result.since} changes={result.changes} onSelect={onSelect} />
          <p className={styles.muted}>{MESSAGES.finished({ elapsedMs: result.elapsedMs, sheets: result.sheets })}</p>
        </>
      ) : held !== null ? (
        <>
          <p className={styles.line}>{MESSAGES.heldEvaluation({ asOf: held.asOf, total: held.total })}</p>
          <StatusCounts counts={held.counts} />
          {score(held.weightedScore)}
        </>
      ) : (
        <p className={styles.muted}>{MESSAGES.notEvaluated()}</p>
      )}
    </section>
  );
});
