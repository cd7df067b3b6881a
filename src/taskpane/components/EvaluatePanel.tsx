// Evaluate and its undo. While a run is under way the button stays disabled, so a second run cannot start.
import { Button, Field, ProgressBar, makeStyles, tokens } from "@fluentui/react-components";
import { MESSAGES } from "../../app/messages";
import type { Progress, Stage } from "../../app/port";

const STAGE_TEXT: Record<Stage, string> = {
  reading: "Reading the workbook…",
  evaluating: "Evaluating…",
  writing: "Writing results…",
};

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  hint: { color: tokens.colorNeutralForeground2, margin: 0 },
});

export function EvaluatePanel(props: {
  /** Whether an evaluation is running (progress is shown). */
  running: boolean;
  /** Whether anything else that changes the workbook is running. */
  busy: boolean;
  progress: Progress | null;
  /** Evaluate needs settings that parse; they are "loading" until read from the document. */
  settings: "loading" | "ready" | "invalid";
  canUndo: boolean;
  onEvaluate: () => void;
  onUndo: () => void;
}) {
  const { running, busy, progress, settings, canUndo, onEvaluate, onUndo } = props;
  const styles = useStyles();
  return (
    <section aria-labelledby="evaluate-heading" aria-busy={running} className={styles.panel}>
      <h2 id="evaluate-heading">Evaluate</h2>
      <div className={styles.buttons}>
        {/* disabledFocusable, not disabled: keyboard focus stays on the button during a run instead of falling to the page. */}
        <Button appearance="primary" disabledFocusable={busy || settings !== "ready"} onClick={onEvaluate}>
          Evaluate
        </Button>
        <Button disabledFocusable={busy || !canUndo} onClick={onUndo}>
          Undo evaluation
        </Button>
      </div>
      {settings === "invalid" && <p className={styles.hint}>{MESSAGES.settingsNeedFixing()}</p>}
      {/* role="status" announces each stage; the bar is indeterminate until the port reports a fraction. */}
      <div role="status">
        {running && (
          <Field label={progress ? STAGE_TEXT[progress.stage] : "Starting…"}>
            <ProgressBar value={progress?.fraction} />
          </Field>
        )}
      </div>
    </section>
  );
}
