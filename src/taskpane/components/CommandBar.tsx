// The command bar at the top of the pane, always in view: Evaluate first, the as-of date beside it, Undo evaluation,
// and the Options toggle. While a run is under way Evaluate stays disabled, so a second run cannot start.
import { Button, Field, ProgressBar, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { MESSAGES } from "../../app/messages";
import type { Progress, Stage } from "../../app/port";
import { AsOfField, type SettingsDraft } from "./SettingsPanel";

const STAGE_TEXT: Record<Stage, string> = {
  reading: "Reading the workbook…",
  evaluating: "Evaluating…",
  writing: "Writing results…",
};

const useStyles = makeStyles({
  bar: {
    position: "sticky",
    top: 0,
    zIndex: 2,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    paddingBlock: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  row: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS, minWidth: 0 },
  // Evaluate level with the date field's input, under its label.
  first: { alignItems: "flex-end" },
  hint: { color: tokens.colorNeutralForeground2, margin: 0 },
  chevron: { display: "inline-block", width: "1em", textAlign: "center" },
});

export function CommandBar(props: {
  /** Whether an evaluation is running (progress is shown). */
  running: boolean;
  /** Whether anything else that changes the workbook is running. */
  busy: boolean;
  progress: Progress | null;
  /** Null until the saved settings have been read. */
  draft: SettingsDraft | null;
  /** Evaluate needs settings that parse; they are "loading" until read from the document. */
  settings: "loading" | "ready" | "invalid";
  canUndo: boolean;
  optionsOpen: boolean;
  /** The id of the options panel the toggle shows and hides. */
  optionsId: string;
  onEvaluate: () => void;
  onUndo: () => void;
  onDraft: (next: SettingsDraft) => void;
  onToggleOptions: () => void;
}) {
  const { running, busy, progress, draft, settings, canUndo, optionsOpen, optionsId } = props;
  const styles = useStyles();
  return (
    <header className={styles.bar} aria-busy={running}>
      <div className={mergeClasses(styles.row, styles.first)}>
        {/* disabledFocusable, not disabled: keyboard focus stays on the button during a run instead of falling to the page. */}
        <Button appearance="primary" disabledFocusable={busy || settings !== "ready"} onClick={props.onEvaluate}>
          Evaluate
        </Button>
        {draft && <AsOfField draft={draft} disabled={busy} onChange={props.onDraft} />}
      </div>
      <div className={styles.row}>
        <Button disabledFocusable={busy || !canUndo} onClick={props.onUndo}>
          Undo evaluation
        </Button>
        <Button appearance="subtle" aria-expanded={optionsOpen} aria-controls={optionsId} onClick={props.onToggleOptions}>
          <span aria-hidden="true" className={styles.chevron}>
            {optionsOpen ? "▾" : "▸"}
          </span>
          Options
        </Button>
      </div>
      {settings === "invalid" && <p className={styles.hint}>{MESSAGES.settingsNeedFixing()}</p>}
      {/* role="status": each stage is read as it comes; the bar is indeterminate until the port reports a fraction. */}
      <div role="status">
        {running && (
          <Field label={progress ? STAGE_TEXT[progress.stage] : "Starting…"}>
            <ProgressBar value={progress?.fraction} />
          </Field>
        )}
      </div>
    </header>
  );
}
