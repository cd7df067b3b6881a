// The task pane. It only talks to the workbook through a WorkbookPort, so Excel, the browser demo and tests
// all run the same component.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import { isoDate, localDay, type DepartmentId } from "../engine";
import { MESSAGES, describeError } from "../app/messages";
import {
  type DemoWorkbook,
  type EvaluateSettings,
  type EvaluationResult,
  type FoundTable,
  type MeasurementEntry,
  type Progress,
  type RoomOffer,
  type ScanResult,
  type WorkbookPort,
} from "../app/port";
import { DemoGrid } from "./components/DemoGrid";
import { EvaluatePanel } from "./components/EvaluatePanel";
import { FoundPanel } from "./components/FoundPanel";
import { Notice } from "./components/Notice";
import { RecordPanel } from "./components/RecordPanel";
import { ResultView } from "./components/ResultView";
import { RoomOfferBar } from "./components/RoomOffer";
import { type SettingsDraft, SettingsPanel, draftOf, settingsOf } from "./components/SettingsPanel";
import { withDefaults } from "../app/settings";
import { TemplatePanel } from "./components/TemplatePanel";
import { TrackingPanel } from "./components/TrackingPanel";

/** Anything that changes the workbook; only one runs at a time. */
type Task = "evaluate" | "undo" | "template" | "tracking" | "record";

/** The outcome of an action; `go` is a cell it is about, offered as a button that selects it. */
interface NoticeState {
  readonly intent: "success" | "info";
  readonly text: string;
  readonly go?: { readonly sheet: string; readonly cell: string };
}

interface State {
  /** Null until the saved settings have been read. */
  readonly draft: SettingsDraft | null;
  readonly found: ScanResult | null;
  readonly scanning: boolean;
  readonly result: EvaluationResult | null;
  readonly task: Task | null;
  readonly progress: Progress | null;
  readonly canUndo: boolean;
  readonly error: string | null;
  readonly notice: NoticeState | null;
  /** Room offers of the current result the user put off with "Not now". */
  readonly roomDeclined: readonly RoomOffer[];
}

type Action =
  | { type: "draft"; draft: SettingsDraft }
  | { type: "scanStarted" }
  | { type: "scanned"; found: ScanResult | null }
  | { type: "taskStarted"; task: Task }
  | { type: "progress"; progress: Progress }
  | { type: "evaluated"; result: EvaluationResult }
  | { type: "undone" }
  | { type: "taskEnded" }
  | { type: "canUndo"; value: boolean }
  | { type: "failed"; message: string }
  | ({ type: "notice" } & NoticeState)
  | { type: "dismissError" }
  | { type: "dismissNotice" }
  | { type: "declineRoom"; offer: RoomOffer };

const INITIAL: State = {
  draft: null,
  found: null,
  scanning: false,
  result: null,
  task: null,
  progress: null,
  canUndo: false,
  error: null,
  notice: null,
  roomDeclined: [],
};

function reducer(state: State, action: Action): State {
  switch (action.type) {
    case "draft":
      return { ...state, draft: action.draft };
    case "scanStarted":
      return { ...state, scanning: true };
    case "scanned":
      // A failed scan keeps the last list: it still says more than an empty one.
      return { ...state, scanning: false, found: action.found ?? state.found };
    case "taskStarted":
      // A new action makes the previous messages stale.
      return { ...state, task: action.task, progress: null, error: null, notice: null };
    case "progress":
      return { ...state, progress: action.progress };
    case "evaluated": {
      const { tables, problems, kpis } = action.result;
      return { ...state, result: action.result, found: { tables, problems, kpis }, scanning: false, roomDeclined: [] };
    }
    case "undone":
      return { ...state, result: null, roomDeclined: [] };
    case "taskEnded":
      return { ...state, task: null, progress: null };
    case "canUndo":
      return { ...state, canUndo: action.value };
    case "failed":
      return { ...state, error: action.message };
    case "notice":
      return { ...state, notice: { intent: action.intent, text: action.text, go: action.go } };
    case "dismissError":
      return { ...state, error: null };
    case "dismissNotice":
      return { ...state, notice: null };
    case "declineRoom":
      return { ...state, roomDeclined: [...state.roomDeclined, action.offer] };
  }
}

function localToday(): string {
  return isoDate(localDay());
}

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXL,
    padding: tokens.spacingHorizontalM,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    // Headings are plain h1–h3 for the document outline; sized here once rather than in every panel.
    "& h1": { fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600, fontWeight: tokens.fontWeightSemibold, margin: 0 },
    "& h2": {
      fontSize: tokens.fontSizeBase400,
      lineHeight: tokens.lineHeightBase400,
      fontWeight: tokens.fontWeightSemibold,
      marginTop: 0,
      marginBottom: tokens.spacingVerticalS,
    },
    "& h3": {
      fontSize: tokens.fontSizeBase300,
      lineHeight: tokens.lineHeightBase300,
      fontWeight: tokens.fontWeightSemibold,
      marginTop: tokens.spacingVerticalM,
      marginBottom: tokens.spacingVerticalXS,
    },
  },
  // Messages stay in view while the user is scrolled down at the panel that caused them.
  notices: {
    position: "sticky",
    top: 0,
    zIndex: 1,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground1,
    ":empty": { display: "none" },
  },
});

export function App({ port, today = localToday, demo }: { port: WorkbookPort; today?: () => string; demo?: DemoWorkbook }) {
  const styles = useStyles();
  const [state, dispatch] = useReducer(reducer, INITIAL);
  const settings = useMemo(() => (state.draft ? settingsOf(state.draft) : null), [state.draft]);
  // The last settings that parsed: rescans after a template or new columns use them even mid-edit.
  const lastGood = useRef<EvaluateSettings | null>(null);
  // A ref as well as state: two clicks in one frame would both see the old state.
  const taskRef = useRef<Task | null>(null);
  // Only the newest scan may show its result; an older one finishing late would be stale.
  const scanSeq = useRef(0);

  // The measurement form's default date: the day the pane opened, in the user's time zone.
  const [recordDay] = useState(today);

  const fail = useCallback((e: unknown) => dispatch({ type: "failed", message: describeError(e) }), []);

  const rescan = useCallback(
    async (s: EvaluateSettings) => {
      const seq = ++scanSeq.current;
      dispatch({ type: "scanStarted" });
      let found: ScanResult | null = null;
      try {
        found = await port.scan(s);
      } catch (e) {
        if (seq === scanSeq.current) fail(e);
      }
      if (seq === scanSeq.current) dispatch({ type: "scanned", found });
    },
    [port, fail],
  );

  const refreshUndo = useCallback(async () => {
    try {
      dispatch({ type: "canUndo", value: await port.canUndo() });
    } catch (e) {
      fail(e);
    }
  }, [port, fail]);

  useEffect(() => {
    void (async () => {
      let saved: Partial<EvaluateSettings> = {};
      try {
        saved = await port.loadSettings();
      } catch (e) {
        // Carry on with the defaults: the pane is still useful, and the message says why they show.
        fail(e);
      }
      // The day the pane opened is the as-of date of a document without saved settings.
      const s = withDefaults(saved, recordDay);
      lastGood.current = s;
      dispatch({ type: "draft", draft: draftOf(s) });
      await rescan(s);
    })();
    void refreshUndo();
    // Once per port: the callbacks change only with it, and recordDay never does.
  }, [port, fail, rescan, refreshUndo, recordDay]);

  async function runTask(task: Task, work: () => Promise<void>): Promise<void> {
    if (taskRef.current !== null) return;
    taskRef.current = task;
    dispatch({ type: "taskStarted", task });
    try {
      await work();
    } catch (e) {
      fail(e);
    } finally {
      taskRef.current = null;
      dispatch({ type: "taskEnded" });
    }
  }

  function changeSettings(draft: SettingsDraft) {
    dispatch({ type: "draft", draft });
    const next = settingsOf(draft);
    const prev = lastGood.current;
    const unchanged = (a: EvaluateSettings, b: EvaluateSettings) =>
      a.asOf === b.asOf && a.tolerance === b.tolerance && a.dateOrder === b.dateOrder && a.milestoneWindowDays === b.milestoneWindowDays;
    if (!next || (prev && unchanged(next, prev))) return;
    lastGood.current = next;
    port.saveSettings(next).catch(fail);
    // The as-of date and date order change what is found (overdue reviews, ambiguous dates); tolerance and the
    // milestone window change only statuses.
    if (!prev || next.asOf !== prev.asOf || next.dateOrder !== prev.dateOrder) void rescan(next);
  }

  /** Evaluates; with `makeRoom`, first inserts the columns of the offers the user accepted. */
  const evaluate = (makeRoom?: readonly RoomOffer[]) =>
    runTask("evaluate", async () => {
      if (!settings) return;
      try {
        // Saved first, so the document records the settings its statuses were computed with.
        await port.saveSettings(settings);
        const result = await port.evaluate(settings, (progress) => dispatch({ type: "progress", progress }), { makeRoom });
        scanSeq.current++; // the result's own scan is newer than any still in flight
        dispatch({ type: "evaluated", result });
        const made = result.madeRoom;
        if (made.length > 0) {
          const text = made.map((m) => MESSAGES.roomMade(m)).join(" ");
          const first = made[0] as RoomOffer;
          dispatch({ type: "notice", intent: "success", text, go: { sheet: first.sheet, cell: first.table.split(":")[0] as string } });
        } else if (makeRoom && makeRoom.length > 0) {
          dispatch({ type: "notice", intent: "info", text: MESSAGES.roomNotMade() });
        }
      } finally {
        // Even a failed run may have written something that can be undone.
        await refreshUndo();
      }
    });

  const undo = () =>
    runTask("undo", async () => {
      try {
        const outcome = await port.undo();
        if (outcome.undone) dispatch({ type: "undone" });
        dispatch({ type: "notice", intent: outcome.undone ? "success" : "info", text: outcome.message });
      } finally {
        await refreshUndo();
      }
      if (lastGood.current) await rescan(lastGood.current);
    });

  const insertTemplate = (department: DepartmentId) =>
    runTask("template", async () => {
      const sheet = await port.insertTemplate(department);
      dispatch({ type: "notice", intent: "success", text: MESSAGES.templateAdded({ sheet }) });
      if (lastGood.current) await rescan(lastGood.current);
    });

  const addTracking = (table: FoundTable) =>
    runTask("tracking", async () => {
      const range = await port.addTrackingColumns(table.id);
      dispatch({ type: "notice", intent: "success", text: MESSAGES.trackingAdded({ range }) });
      if (lastGood.current) await rescan(lastGood.current);
    });

  /** Resolves to whether the row went into the log, so the form knows to clear itself for the next one. */
  const record = async (entry: MeasurementEntry): Promise<boolean> => {
    let added = false;
    await runTask("record", async () => {
      const at = await port.recordMeasurement(entry);
      const go = { sheet: at.sheet, cell: at.cell };
      added = at.added;
      dispatch(
        at.added
          ? { type: "notice", intent: "success", text: MESSAGES.measurementAdded(go), go }
          : { type: "notice", intent: "info", text: MESSAGES.measurementAlreadyLogged(go), go },
      );
      // "What was found" should describe the workbook as it now is, new log sheet included.
      if (at.added && lastGood.current) await rescan(lastGood.current);
    });
    return added;
  };

  const select = (sheet: string, cell: string) => {
    port.select(sheet, cell).catch(fail);
  };

  const goAction = (go: NoticeState["go"]) => go && { label: `Go to ${go.sheet}!${go.cell}`, onClick: () => select(go.sheet, go.cell) };

  const busy = state.task !== null;
  const offers = (state.result?.room ?? []).filter((o) => !state.roomDeclined.includes(o));
  return (
    <main className={styles.root}>
      <h1>KPA Tracker</h1>
      <div className={styles.notices}>
        {state.error && <Notice intent="error" text={state.error} onDismiss={() => dispatch({ type: "dismissError" })} />}
        {state.notice && (
          <Notice
            intent={state.notice.intent}
            text={state.notice.text}
            action={goAction(state.notice.go)}
            onDismiss={() => dispatch({ type: "dismissNotice" })}
          />
        )}
        {offers.map((o) => (
          <RoomOfferBar
            key={`${o.sheet}!${o.table}`}
            offer={o}
            busy={busy}
            onInsert={() => void evaluate([o])}
            onDismiss={() => dispatch({ type: "declineRoom", offer: o })}
          />
        ))}
      </div>
      {state.draft && <SettingsPanel draft={state.draft} disabled={busy} onChange={changeSettings} />}
      <FoundPanel found={state.found} scanning={state.scanning} onSelect={select} />
      <EvaluatePanel
        running={state.task === "evaluate"}
        busy={busy}
        progress={state.progress}
        settings={state.draft === null ? "loading" : settings ? "ready" : "invalid"}
        canUndo={state.canUndo}
        onEvaluate={() => void evaluate()}
        onUndo={() => void undo()}
      />
      <ResultView result={state.result} busy={state.task === "evaluate"} onSelect={select} />
      <RecordPanel kpis={state.found?.kpis ?? []} today={recordDay} busy={busy} onRecord={record} />
      <TrackingPanel tables={state.found?.tables ?? []} busy={busy} onAdd={(t) => void addTracking(t)} />
      <TemplatePanel busy={busy} onInsert={(d) => void insertTemplate(d)} />
      {demo && <DemoGrid demo={demo} />}
    </main>
  );
}
