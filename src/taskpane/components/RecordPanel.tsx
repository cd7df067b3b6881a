// "Record a measurement": one dated value for a KPI, appended to the workbook's "KPA Data" log, where the next
// evaluation reads it for statuses and trends. The KPI can be picked from the tables or typed anew.
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import { Button, Combobox, Field, Input, Option, OptionGroup, makeStyles, tokens } from "@fluentui/react-components";
import { MESSAGES } from "../../app/messages";
import type { MeasurementEntry } from "../../app/port";
import type { KpiChoice, KpiGroup } from "../../engine";

/** The picker's groups, in the order they are listed. */
const GROUP_LABELS: readonly (readonly [KpiGroup, string])[] = [
  ["goal", "Goals"],
  ["kpi", "KPIs"],
  ["element", "KPA elements"],
  ["logged", "Only in the log"],
];

const DEFAULT_SOURCE = "Manual entry";
const ENTERED_BY_KEY = "kpa-tracker-entered-by";

/** Who is typing, remembered for the browser session; storage may be unavailable (private modes, some hosts). */
function rememberedEnteredBy(): string {
  try {
    return globalThis.sessionStorage?.getItem(ENTERED_BY_KEY) ?? "";
  } catch {
    return "";
  }
}

function rememberEnteredBy(name: string): void {
  try {
    globalThis.sessionStorage?.setItem(ENTERED_BY_KEY, name);
  } catch {
    // Then it lasts as long as the pane, which is still the session.
  }
}

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  hint: { color: tokens.colorNeutralForeground2, margin: 0 },
  fields: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

export function RecordPanel(props: {
  /** Names from the latest scan, each with its group: goals, KPIs, KPA elements, the log's own. */
  kpis: readonly KpiChoice[];
  /** Today's local date, ISO: the default date. */
  today: string;
  /** Whether anything that changes the workbook is running, this included. */
  busy: boolean;
  /** Resolves to true when the measurement went into the log; the pane reports the outcome itself. */
  onRecord: (entry: MeasurementEntry) => Promise<boolean>;
}) {
  const { kpis, today, busy, onRecord } = props;
  const styles = useStyles();
  const [kpi, setKpi] = useState("");
  const [date, setDate] = useState(today);
  const [value, setValue] = useState("");
  const [source, setSource] = useState(DEFAULT_SOURCE);
  const [enteredBy, setEnteredBy] = useState(rememberedEnteredBy);
  const [note, setNote] = useState("");
  const kpiInput = useRef<HTMLInputElement>(null);
  const [pickerOpen, setPickerOpen] = useState(false);
  // Whether the text in the picker was typed (true) or reached with the arrow keys (false): Tab keeps typed text.
  const typed = useRef(false);

  // The picker points its input at the active option; once the list closes that option is gone, and a reference to
  // a missing element is an error for assistive technology. Checked after every render, the list's closing included.
  useEffect(() => {
    const input = kpiInput.current;
    const active = input?.getAttribute("aria-activedescendant");
    if (input && active && !document.getElementById(active)) input.removeAttribute("aria-activedescendant");
  });

  const query = kpi.trim().toLowerCase();
  const names = kpis.map((k) => k.name);
  // Everything while the field is empty or holds a name from the list; otherwise the names containing what was typed.
  const everything = query === "" || names.some((k) => k.toLowerCase() === query);
  const shown = everything ? kpis : kpis.filter((k) => k.name.toLowerCase().includes(query));
  const groups = GROUP_LABELS.map(([group, label]) => ({ group, label, names: shown.filter((k) => k.group === group).map((k) => k.name) })).filter(
    (g) => g.names.length > 0,
  );
  const ready = kpi.trim() !== "" && value.trim() !== "" && date.trim() !== "";

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!ready || busy) return;
    const sent = { kpi: kpi.trim(), value: value.trim(), note: note.trim() };
    const optional = { source: source.trim(), enteredBy: enteredBy.trim(), note: sent.note };
    const entry: MeasurementEntry = {
      kpi: sent.kpi,
      date: date.trim(),
      value: sent.value,
      ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== "")),
    };
    rememberEnteredBy(optional.enteredBy);
    const added = await onRecord(entry);
    if (!added) return; // kept as typed, to correct or to see what is already there
    // Ready for the next KPI of the same period, from the same source, by the same person. A field edited
    // while the row was being added keeps the edit.
    setKpi((k) => (k.trim() === sent.kpi ? "" : k));
    typed.current = false;
    setValue((v) => (v.trim() === sent.value ? "" : v));
    setNote((n) => (n.trim() === sent.note ? "" : n));
    kpiInput.current?.focus();
  }

  return (
    <section aria-labelledby="record-heading" className={styles.panel}>
      <h2 id="record-heading">Record a measurement</h2>
      <p className={styles.hint}>{MESSAGES.recordHint()}</p>
      <form className={styles.panel} onSubmit={(e) => void submit(e)}>
        {/* The fields stay editable while the workbook is busy: only adding the row has to wait. */}
        <div className={styles.fields}>
          <Field label="KPI" required hint={MESSAGES.kpiHint()}>
            <Combobox
              freeform
              ref={kpiInput}
              value={kpi}
              selectedOptions={names.includes(kpi) ? [kpi] : []}
              open={pickerOpen}
              onOpenChange={(_, data) => setPickerOpen(data.open)}
              onChange={(ev) => {
                typed.current = true;
                setKpi(ev.target.value);
              }}
              onKeyDown={(ev: KeyboardEvent<HTMLInputElement>) => {
                if (ev.key === "ArrowDown" || ev.key === "ArrowUp" || ev.key === "Home" || ev.key === "End") typed.current = false;
              }}
              onOptionSelect={(ev, data) => {
                // The hint says a new name may be typed: Tab leaves the field with what was typed, not the first match.
                if ((ev as KeyboardEvent).key === "Tab" && typed.current) return;
                typed.current = false;
                setKpi(data.optionText ?? "");
              }}
            >
              {groups.map((g) => (
                <OptionGroup key={g.group} label={g.label}>
                  {g.names.map((k) => (
                    <Option key={k} value={k}>
                      {k}
                    </Option>
                  ))}
                </OptionGroup>
              ))}
            </Combobox>
          </Field>
          <Field label="Date or period" required hint={MESSAGES.periodHint()}>
            <Input value={date} onChange={(_, data) => setDate(data.value)} />
          </Field>
          <Field label="Value" required hint={MESSAGES.valueHint()}>
            <Input value={value} onChange={(_, data) => setValue(data.value)} />
          </Field>
          <Field label="Source" hint={MESSAGES.sourceHint()}>
            <Input value={source} onChange={(_, data) => setSource(data.value)} />
          </Field>
          <Field label="Entered by" hint={MESSAGES.enteredByHint()}>
            <Input value={enteredBy} onChange={(_, data) => setEnteredBy(data.value)} />
          </Field>
          <Field label="Note">
            <Input value={note} onChange={(_, data) => setNote(data.value)} />
          </Field>
        </div>
        <div className={styles.buttons}>
          {/* disabledFocusable, like Evaluate: focus stays on the button while the row is being added. */}
          <Button type="submit" appearance="primary" disabledFocusable={busy || !ready}>
            Record
          </Button>
        </div>
      </form>
    </section>
  );
}
