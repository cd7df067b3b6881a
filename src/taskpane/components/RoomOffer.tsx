// A table whose status columns had nowhere to go: the pane asks before inserting whole worksheet columns, since
// that moves every cell to their right on the sheet.
import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import { MESSAGES } from "../../app/messages";
import type { RoomOffer } from "../../app/port";

export function RoomOfferBar(props: { offer: RoomOffer; busy: boolean; onInsert: () => void; onDismiss: () => void }) {
  const { offer, busy, onInsert, onDismiss } = props;
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>{MESSAGES.roomOffer(offer)}</MessageBarBody>
      <MessageBarActions>
        <Button size="small" appearance="primary" disabledFocusable={busy} onClick={onInsert}>
          {`Insert ${offer.count} ${offer.count === 1 ? "column" : "columns"}`}
        </Button>
        <Button size="small" disabledFocusable={busy} onClick={onDismiss}>
          Not now
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
