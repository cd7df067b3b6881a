// The task pane, laid out as an Office pane: a command bar at the top (Evaluate, the as-of date, Undo evaluation,
// Options), the notices under it, then three views as tabs: Results, Record and Setup. It only talks to the workbook
// through a WorkbookPort, so Excel, the browser demo and tests all run the same component.
import { useCallback, useEffect, useId, useMemo, useReducer, useRef, useState } from "react";
import { Tab, TabList, makeStyles, tokens } from "@fluentui/react-components";
import { isoDate, localDay, type DepartmentId } from "../engine";
import { MESSAGES, describeError, localDates } from "../app/messages";
import {
  type DemoWorkbook,
  type EvaluateSettings,
  type EvaluationResult,
  type FoundTable,
  type HeldEvaluation,
  type MeasurementEntry,
  type Progress,
  type RoomOffer,
  type ScanResult,
  type WorkbookPort,
  type WorkbookState,
} from "../app/port";
import { CommandBar } from "./components/CommandBar";
import { DemoGrid } from "./components/DemoGrid";
import { FoundPanel } from "./components/FoundPanel";
import { type Announcement, LiveRegions } from "./components/LiveRegions";
import { Notice } from "./components/Notice";
import { RecordPanel } from "./components/RecordPanel";
import { ResultView } from "./components/ResultView";
import { RoomOfferBar } from "./components/RoomOffer";
import { OptionsPanel, type SettingsDraft, draftOf, settingsOf } from "./components/SettingsPanel";
import { withDefaults } from "../app/settings";
import { TemplatePanel } from "./components/TemplatePanel";
import { TrackingPanel } from "./components/TrackingPanel";

/** How long a success notice stays before it dismisses itself (errors stay until dismissed). */
export const NOTICE_MS = 10_000;

/** Anything that changes the workbook; only one runs at a time. */
type Task = "evaluate" | "undo" | "template" | "tracking" | "record";

/** The pane's views, as tabs under the command bar. */
type View = "results" | "record" | "setup";

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
  /** The result of this session's latest evaluation, while the workbook still holds it. */
  readonly result: EvaluationResult | null;
  /** What the workbook holds, as last read from it. */
  readonly held: HeldEvaluation | null;
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
  | { type: "workbook"; state: WorkbookState }
  | { type: "failed"; message: string }
  | ({ type: "notice" } & NoticeState)
  | { type: "dismissError" }
  | { type: "dismissNotice"; notice?: NoticeState }
  | { type: "declineRoom"; offer: RoomOffer };

const INITIAL: State = {
  draft: null,
  found: null,
  scanning: false,
  result: null,
  held: null,
  task: null,
  progress: null,
  canUndo: false,
  error: null,
  notice: null,
  roomDeclined: [],
};

/** Whether what the workbook holds is the evaluation the pane shows. */
function holds(held: HeldEvaluation | null, result: EvaluationResult): boolean {
  return held !== null && held.asOf === result.asOf && held.total === result.total;
}

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
      // The workbook no longer holds that evaluation: what it holds now is read back from it ("workbook").
      return { ...state, result: null, roomDeclined: [] };
    case "taskEnded":
      return { ...state, task: null, progress: null };
    case "workbook": {
      const { evaluation, canUndo } = action.state;
      // The pane never contradicts the workbook: a result it no longer holds gives way to what it does hold.
      const result = state.result && holds(evaluation, state.result) ? state.result : null;
      return { ...state, held: evaluation, canUndo, result };
    }
    case "failed":
      return { ...state, error: action.message };
    case "notice":
      return { ...state, notice: { intent: action.intent, text: action.text, go: action.go } };
    case "dismissError":
      return { ...state, error: null };
    case "dismissNotice":
      // A timer for a notice already replaced leaves the new one alone.
      return action.notice && action.notice !== state.notice ? state : { ...state, notice: null };
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
    gap: tokens.spacingVerticalM,
    paddingInline: tokens.spacingHorizontalM,
    paddingBottom: tokens.spacingVerticalL,
    minWidth: 0,
    minHeight: "100vh",
    boxSizing: "border-box",
    overflowWrap: "anywhere",
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    // Headings are plain h2–h3 for the document outline; sized here once rather than in every panel.
    "& h2": {
      fontSize: tokens.fontSizeBase400,
      lineHeight: tokens.lineHeightBase400,
      fontWeight: tokens.fontWeightSemibold,
      marginTop: 0,
      marginBottom: tokens.spacingVerticalXS,
    },
    "& h3": {
      fontSize: tokens.fontSizeBase300,
      lineHeight: tokens.lineHeightBase300,
      fontWeight: tokens.fontWeightSemibold,
      marginTop: tokens.spacingVerticalS,
      marginBottom: 0,
    },
  },
  options: {
    "&[hidden]": { display: "none" },
    paddingBlockEnd: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  notices: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, ":empty": { display: "none" } },
  tabs: { flexWrap: "wrap", marginInline: `calc(-1 * ${tokens.spacingHorizontalM})` },
  // The display would otherwise beat the hidden attribute's: only the selected view shows.
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXL, minWidth: 0, "&[hidden]": { display: "none" } },
});

const sameSettings = (a: EvaluateSettings, b: EvaluateSettings) =>
  a.asOf === b.asOf &&
  a.tolerance === b.tolerance &&
  a.dateOrder === b.dateOrder &&
  a.milestoneWindowDays === b.milestoneWindowDays &&
  a.fiscalYearStart === b.fiscalYearStart;

/** The as-of date, the date order and the fiscal year change what a scan finds (overdue reviews, ambiguous dates); tolerance and the milestone window only statuses. */
const changesScan = (a: EvaluateSettings, b: EvaluateSettings) =>
  a.asOf !== b.asOf || a.dateOrder !== b.dateOrder || a.fiscalYearStart !== b.fiscalYearStart;

export function App({
  port,
  today = localToday,
  demo,
  noticeMs = NOTICE_MS,
}: {
  port: WorkbookPort;
  today?: () => string;
  demo?: DemoWorkbook;
  /** How long a success notice stays; null keeps it until dismissed (for tests that are slower than any timeout). */
  noticeMs?: number | null;
}) {
  const styles = useStyles();
  const [state, dispatch] = useReducer(reducer, INITIAL);
  const [view, setView] = useState<View>("results");
  const [optionsOpen, setOptionsOpen] = useState(false);
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);
  /** Where focus goes once the outcome of an action is on screen. */
  const [focusTo, setFocusTo] = useState<{ readonly target: "result" | "error"; readonly n: number } | null>(null);
  const settings = useMemo(() => (state.draft ? settingsOf(state.draft) : null), [state.draft]);
  // The last settings that parsed: rescans after a template or new columns use them even mid-edit.
  const lastGood = useRef<EvaluateSettings | null>(null);
  // Saves write the workbook's settings sheet: one at a time, and only the newest of those asked for meanwhile.
  const saving = useRef<{ running: Promise<void> | null; next: EvaluateSettings | null }>({ running: null, next: null });
  const save = useCallback(
    (s: EvaluateSettings): Promise<void> => {
      const q = saving.current;
      q.next = s;
      q.running ??= (async () => {
        try {
          for (let n = q.next; n !== null; n = q.next) {
            q.next = null;
            await port.saveSettings(n);
          }
        } finally {
          q.running = null;
        }
      })();
      return q.running;
    },
    [port],
  );
  // A ref as well as state: two clicks in one frame would both see the old state.
  const taskRef = useRef<Task | null>(null);
  // Only the newest scan may show its result; an older one finishing late would be stale.
  const scanSeq = useRef(0);
  const said = useRef(0);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const errorBar = useRef<HTMLDivElement>(null);
  const noticeBar = useRef<HTMLDivElement>(null);
  const ids = useId();
  const optionsId = `${ids}options`;
  const tabId = (v: View) => `${ids}tab-${v}`;
  const panelId = (v: View) => `${ids}panel-${v}`;

  // The measurement form's default date: the day the pane opened, in the user's time zone.
  const [recordDay] = useState(today);

  const announce = useCallback((text: string, politeness: Announcement["politeness"] = "polite") => {
    setAnnouncement({ text, politeness, n: ++said.current });
  }, []);

  const focus = useCallback((target: "result" | "error") => setFocusTo((f) => ({ target, n: (f?.n ?? 0) + 1 })), []);

  /** Shows a failure and says it; with `moveFocus` (an action the user started), focus goes to it. */
  const fail = useCallback(
    (e: unknown, moveFocus = false) => {
      const message = describeError(e);
      dispatch({ type: "failed", message });
      announce(message, "assertive");
      if (moveFocus) focus("error");
    },
    [announce, focus],
  );

  useEffect(() => {
    if (!focusTo) return;
    (focusTo.target === "result" ? resultHeading : errorBar).current?.focus();
  }, [focusTo]);

  // Success notices dismiss themselves; not while the user is inside one (say, on its "Go to" button).
  useEffect(() => {
    const notice = state.notice;
    if (notice?.intent !== "success" || noticeMs === null) return;
    let timer: ReturnType<typeof setTimeout>;
    const later = () => {
      timer = setTimeout(() => {
        if (noticeBar.current?.contains(document.activeElement)) later();
        else dispatch({ type: "dismissNotice", notice });
      }, noticeMs);
    };
    later();
    return () => clearTimeout(timer);
  }, [state.notice, noticeMs]);

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

  /** Reads what the workbook holds (our summary, the undo record): the pane shows that, not what it remembers. */
  const refreshWorkbook = useCallback(async () => {
    try {
      dispatch({ type: "workbook", state: await port.workbookState() });
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
    void refreshWorkbook();
    // Once per port: the callbacks change only with it, and recordDay never does.
  }, [port, fail, rescan, refreshWorkbook, recordDay]);

  async function runTask(task: Task, work: () => Promise<void>): Promise<void> {
    if (taskRef.current !== null) return;
    taskRef.current = task;
    dispatch({ type: "taskStarted", task });
    try {
      await work();
    } catch (e) {
      fail(e, true);
    } finally {
      taskRef.current = null;
      dispatch({ type: "taskEnded" });
    }
  }

  function changeSettings(draft: SettingsDraft) {
    dispatch({ type: "draft", draft });
    const next = settingsOf(draft);
    const prev = lastGood.current;
    if (!next || (prev && sameSettings(next, prev))) return;
    lastGood.current = next;
    save(next).catch((e: unknown) => fail(e));
    if (!prev || changesScan(prev, next)) void rescan(next);
  }

  /**
   * The rules as the workbook's KPA Settings sheet says them now (people edit it by hand, other reviewers from their
   * pane): read when Options opens and after an evaluation, so what Options shows is what the file says.
   */
  async function reloadRules(): Promise<void> {
    const current = lastGood.current;
    if (!current) return;
    let saved: Partial<EvaluateSettings>;
    try {
      saved = await port.loadSettings();
    } catch (e) {
      fail(e);
      return;
    }
    const next = withDefaults({ ...saved, asOf: current.asOf }, current.asOf);
    // Not over an edit made meanwhile: only while the pane still shows what it showed when the read began.
    if (lastGood.current !== current || sameSettings(next, current)) return;
    lastGood.current = next;
    dispatch({ type: "draft", draft: draftOf(next) });
    if (changesScan(current, next)) void rescan(next);
  }

  function toggleOptions() {
    if (!optionsOpen && !busy) void reloadRules();
    setOptionsOpen(!optionsOpen);
  }

  /** Evaluates; with `makeRoom`, first inserts the columns of the offers the user accepted. */
  const evaluate = (makeRoom?: readonly RoomOffer[]) =>
    runTask("evaluate", async () => {
      if (!settings) return;
      try {
        // The changes made in Options land first; then the rules are read back from the sheet, where someone may have
        // edited them since the pane read it, so saving the as-of date never writes the pane's older rules over theirs.
        while (saving.current.running) await saving.current.running;
        await reloadRules();
        const rules = lastGood.current ?? settings;
        await save(rules);
        const result = await port.evaluate(rules, (progress) => dispatch({ type: "progress", progress }), { makeRoom });
        scanSeq.current++; // the result's own scan is newer than any still in flight
        dispatch({ type: "evaluated", result });
        // The rules the statuses were judged by: the sheet's, which this evaluation may just have made.
        await reloadRules();
        const made = result.madeRoom;
        let extra = "";
        if (made.length > 0) {
          const text = made.map((m) => MESSAGES.roomMade(m)).join(" ");
          const first = made[0] as RoomOffer;
          dispatch({ type: "notice", intent: "success", text, go: { sheet: first.sheet, cell: first.table.split(":")[0] as string } });
          extra = ` ${text}`;
        } else if (makeRoom && makeRoom.length > 0) {
          extra = ` ${MESSAGES.roomNotMade()}`;
          dispatch({ type: "notice", intent: "info", text: MESSAGES.roomNotMade() });
        }
        announce(`${MESSAGES.evaluated({ total: result.total, counts: result.counts })}${extra}`);
        setView("results");
        focus("result");
      } finally {
        // Even a failed run may have written something that can be undone.
        await refreshWorkbook();
      }
    });

  const undo = () =>
    runTask("undo", async () => {
      try {
        const outcome = await port.undo();
        if (outcome.undone) dispatch({ type: "undone" });
        const text = localDates(outcome.message);
        dispatch({ type: "notice", intent: outcome.undone ? "success" : "info", text });
        announce(text);
      } finally {
        await refreshWorkbook();
      }
      setView("results");
      focus("result");
      if (lastGood.current) await rescan(lastGood.current);
    });

  const select = (sheet: string, cell: string) => {
    port.select(sheet, cell).catch((e: unknown) => fail(e, true));
  };

  const insertTemplate = (department: DepartmentId) =>
    runTask("template", async () => {
      const sheet = await port.insertTemplate(department);
      const text = MESSAGES.templateAdded({ sheet });
      dispatch({ type: "notice", intent: "success", text, go: { sheet, cell: "A1" } });
      announce(text);
      // The new sheet in view (Excel's own pane shows it already; the demo's grid follows the selection).
      select(sheet, "A1");
      if (lastGood.current) await rescan(lastGood.current);
    });

  const addTracking = (table: FoundTable) =>
    runTask("tracking", async () => {
      const range = await port.addTrackingColumns(table.id);
      const text = MESSAGES.trackingAdded({ range });
      dispatch({ type: "notice", intent: "success", text });
      announce(text);
      if (lastGood.current) await rescan(lastGood.current);
    });

  /** Resolves to whether the row went into the log, so the form knows to clear itself for the next one. */
  const record = async (entry: MeasurementEntry): Promise<boolean> => {
    let added = false;
    await runTask("record", async () => {
      const at = await port.recordMeasurement(entry);
      const go = { sheet: at.sheet, cell: at.cell };
      added = at.added;
      const text = at.added ? MESSAGES.measurementAdded(go) : MESSAGES.measurementAlreadyLogged(go);
      dispatch({ type: "notice", intent: at.added ? "success" : "info", text, go });
      announce(text);
      // "What was found" should describe the workbook as it now is, new log sheet included.
      if (at.added && lastGood.current) await rescan(lastGood.current);
    });
    return added;
  };

  const goAction = (go: NoticeState["go"]) => go && { label: `Go to ${go.sheet}!${go.cell}`, onClick: () => select(go.sheet, go.cell) };

  const busy = state.task !== null;
  const offers = (state.result?.room ?? []).filter((o) => !state.roomDeclined.includes(o));
  const panel = (v: View) => ({
    role: "tabpanel",
    id: panelId(v),
    "aria-labelledby": tabId(v),
    hidden: view !== v,
    className: styles.panel,
  });
  return (
    <main className={styles.root}>
      <CommandBar
        running={state.task === "evaluate"}
        busy={busy}
        progress={state.progress}
        draft={state.draft}
        settings={state.draft === null ? "loading" : settings ? "ready" : "invalid"}
        canUndo={state.canUndo}
        optionsOpen={optionsOpen}
        optionsId={optionsId}
        onEvaluate={() => void evaluate()}
        onUndo={() => void undo()}
        onDraft={changeSettings}
        onToggleOptions={toggleOptions}
      />
      {/* Always in the page (hidden when shut), so the toggle's aria-controls names an element that exists. */}
      <div id={optionsId} role="group" aria-label="Options" hidden={!optionsOpen} className={styles.options}>
        {state.draft && <OptionsPanel draft={state.draft} disabled={busy} onChange={changeSettings} />}
      </div>
      <LiveRegions announcement={announcement} />
      <div className={styles.notices}>
        {state.error && (
          <Notice
            ref={errorBar}
            intent="error"
            text={state.error}
            onDismiss={() => {
              dispatch({ type: "dismissError" });
              // The Dismiss button goes with the bar: focus goes on to what the user came for.
              resultHeading.current?.focus();
            }}
          />
        )}
        {state.notice && (
          <Notice
            ref={noticeBar}
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
      <TabList className={styles.tabs} selectedValue={view} onTabSelect={(_, data) => setView(data.value as View)} aria-label="Views">
        <Tab id={tabId("results")} value="results" aria-controls={panelId("results")}>
          Results
        </Tab>
        <Tab id={tabId("record")} value="record" aria-controls={panelId("record")}>
          Record
        </Tab>
        <Tab id={tabId("setup")} value="setup" aria-controls={panelId("setup")}>
          Setup
        </Tab>
      </TabList>
      <div {...panel("results")}>
        <ResultView
          ref={resultHeading}
          result={state.result}
          held={state.held}
          busy={state.task === "evaluate"}
          onSelect={select}
          onShowProblems={() => setView("setup")}
        />
      </div>
      <div {...panel("record")}>
        <RecordPanel kpis={state.found?.kpis ?? []} today={recordDay} busy={busy} onRecord={record} />
      </div>
      <div {...panel("setup")}>
        <FoundPanel found={state.found} scanning={state.scanning} onSelect={select} />
        <TrackingPanel tables={state.found?.tables ?? []} busy={busy} onAdd={(t) => void addTracking(t)} />
        <TemplatePanel busy={busy} onInsert={(d) => void insertTemplate(d)} />
      </div>
      {demo && <DemoGrid demo={demo} />}
    </main>
  );
}
