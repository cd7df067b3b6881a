// One dismissable message: an error to act on, or the outcome of an action, optionally with one follow-up action
// (such as selecting the cell it is about).
import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";

export interface NoticeAction {
  readonly label: string;
  readonly onClick: () => void;
}

export function Notice(props: { intent: "error" | "success" | "info"; text: string; action?: NoticeAction; onDismiss: () => void }) {
  const { intent, text, action, onDismiss } = props;
  return (
    <MessageBar intent={intent} layout="multiline">
      <MessageBarBody>{text}</MessageBarBody>
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
}
