// The three settings an evaluation depends on. The inputs hold text drafts so a half-typed value can be shown
// with a hint instead of being thrown away; only a draft that parses becomes settings.
import { Field, Input, Select, makeStyles, tokens } from "@fluentui/react-components";
import type { DateOrder } from "../../engine";
import type { EvaluateSettings } from "../../app/port";
import { isIsoDate } from "../../app/settings";

export interface SettingsDraft {
  readonly asOf: string;
  /** Percent, as typed. */
  readonly tolerance: string;
  readonly dateOrder: DateOrder;
}

function toleranceOf(text: string): number | undefined {
  if (text.trim() === "") return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n / 100 : undefined;
}

export function draftOf(s: EvaluateSettings): SettingsDraft {
  // Rounded so 0.07 shows as 7, not 7.000000000000001.
  return { asOf: s.asOf, tolerance: String(Math.round(s.tolerance * 10000) / 100), dateOrder: s.dateOrder };
}

/** The settings a draft stands for, or null while any field is unusable. */
export function settingsOf(d: SettingsDraft): EvaluateSettings | null {
  const tolerance = toleranceOf(d.tolerance);
  return isIsoDate(d.asOf) && tolerance !== undefined ? { asOf: d.asOf, tolerance, dateOrder: d.dateOrder } : null;
}

const useStyles = makeStyles({
  fields: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    border: "none",
    margin: 0,
    padding: 0,
  },
});

export function SettingsPanel(props: { draft: SettingsDraft; disabled: boolean; onChange: (next: SettingsDraft) => void }) {
  const { draft, disabled, onChange } = props;
  const styles = useStyles();
  const dateOk = isIsoDate(draft.asOf);
  const toleranceOk = toleranceOf(draft.tolerance) !== undefined;
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      {/* A fieldset so one `disabled` stops edits while the workbook is being changed. */}
      <fieldset className={styles.fields} disabled={disabled}>
        <Field
          label="As-of date"
          hint="Deadlines and reviews are judged as of this day."
          validationMessage={dateOk ? undefined : "Enter a date, such as 2050-06-30."}
        >
          <Input type="date" value={draft.asOf} onChange={(_, data) => onChange({ ...draft, asOf: data.value })} />
        </Field>
        <Field
          label="Tolerance"
          hint="How far short of a target still counts as At Risk rather than Off Track."
          validationMessage={toleranceOk ? undefined : "Enter a percentage from 0 to 100."}
        >
          <Input
            type="number"
            min={0}
            max={100}
            step={1}
            contentAfter="%"
            value={draft.tolerance}
            onChange={(_, data) => onChange({ ...draft, tolerance: data.value })}
          />
        </Field>
        <Field label="Date order" hint="How dates written with numbers only are read.">
          <Select value={draft.dateOrder} onChange={(_, data) => onChange({ ...draft, dateOrder: data.value === "dmy" ? "dmy" : "mdy" })}>
            <option value="mdy">Month first (03/04 = Mar 4)</option>
            <option value="dmy">Day first (03/04 = 3 Apr)</option>
          </Select>
        </Field>
      </fieldset>
    </section>
  );
}
