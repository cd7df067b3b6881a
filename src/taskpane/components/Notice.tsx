// One dismissable message: an error to act on, or the outcome of an action, optionally with one follow-up action
// (such as selecting the cell it is about). Screen readers hear it through the pane's live regions (LiveRegions),
// not through the bar itself, so each outcome is announced once.
import { forwardRef, useId } from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";

export interface NoticeAction {
  readonly label: string;
  readonly onClick: () => void;
}

const useStyles = makeStyles({
  // Focus lands on an error bar (tabIndex -1): the outline shows where it went.
  bar: { ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
});

export const Notice = forwardRef<
  HTMLDivElement,
  { intent: "error" | "success" | "info"; text: string; action?: NoticeAction; onDismiss: () => void }
>(function Notice(props, ref) {
  const { intent, text, action, onDismiss } = props;
  const styles = useStyles();
  // MessageBar names itself after a MessageBarTitle it expects; without a title that id would point at nothing.
  const bodyId = useId();
  return (
    <MessageBar ref={ref} intent={intent} layout="multiline" aria-labelledby={bodyId} tabIndex={-1} className={styles.bar}>
      <MessageBarBody id={bodyId}>{text}</MessageBarBody>
      <MessageBarActions
        containerAction={
          // A text glyph instead of an icon package keeps the bundle small.
          <Button appearance="transparent" size="small" aria-label="Dismiss" onClick={onDismiss}>
            <span aria-hidden="true">✕</span>
          </Button>
        }
      >
        {action && (
          <Button size="small" onClick={action.onClick}>
            {action.label}
          </Button>
        )}
      </MessageBarActions>
    </MessageBar>
  );
});
