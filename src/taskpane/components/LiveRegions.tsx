// The pane's two live regions, present from the start so screen readers watch them: one polite announcement per
// finished action ("Evaluated 15 rows: …"), errors assertive. Each new announcement replaces the text node, so the
// same words said twice in a row are still read twice.
import { makeStyles } from "@fluentui/react-components";

export interface Announcement {
  readonly text: string;
  readonly politeness: "polite" | "assertive";
  /** Counts announcements, so a repeat is a new node. */
  readonly n: number;
}

const useStyles = makeStyles({
  // Visually hidden, still read: the usual clip pattern.
  hidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    padding: 0,
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
    border: 0,
  },
});

export function LiveRegions(props: { announcement: Announcement | null }) {
  const { announcement } = props;
  const styles = useStyles();
  const said = (politeness: Announcement["politeness"]) =>
    announcement?.politeness === politeness ? <span key={announcement.n}>{announcement.text}</span> : null;
  return (
    <>
      <div className={styles.hidden} aria-live="polite" aria-atomic="true" data-live-region="polite">
        {said("polite")}
      </div>
      <div className={styles.hidden} aria-live="assertive" aria-atomic="true" data-live-region="assertive">
        {said("assertive")}
      </div>
    </>
  );
}
