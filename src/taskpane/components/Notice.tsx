// One dismissable message: an error to act on, or the outcome of an action.
import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";

export function Notice(props: { intent: "error" | "success" | "info"; text: string; onDismiss: () => void }) {
  const { intent, text, onDismiss } = props;
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
      />
    </MessageBar>
  );
}
