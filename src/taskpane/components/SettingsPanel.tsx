// The settings an evaluation depends on: the as-of date (in the command bar) and the options under it, which the port
// keeps in the workbook's KPA Settings sheet. The inputs hold text drafts so a half-typed value can be shown
// with a hint instead of being thrown away; only a draft that parses becomes settings.
import { Caption1, Field, Input, Select, makeStyles, tokens } from "@fluentui/react-components";
import {
  DEFAULT_DATE_ORDER,
  type DateOrder,
  MAX_MILESTONE_WINDOW_DAYS,
  MAX_TOLERANCE,
  isIsoDate,
  monthName,
  parseDateOrder,
} from "../../engine";
import { MESSAGES } from "../../app/messages";
import type { EvaluateSettings } from "../../app/port";
import { milestoneWindowOfText, percentOf, toleranceOfPercent } from "../../app/settings";

export interface SettingsDraft {
  readonly asOf: string;
  /** Percent, as typed. */
  readonly tolerance: string;
  readonly dateOrder: DateOrder;
  /** Days, as typed. */
  readonly milestoneWindowDays: string;
  /** 1..12, picked from a list. */
  readonly fiscalYearStart: number;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

export function draftOf(s: EvaluateSettings): SettingsDraft {
  return {
    asOf: s.asOf,
    tolerance: percentOf(s.tolerance),
    dateOrder: s.dateOrder,
    milestoneWindowDays: String(s.milestoneWindowDays),
    fiscalYearStart: s.fiscalYearStart,
  };
}

/** The settings a draft stands for, or null while any field is unusable. */
export function settingsOf(d: SettingsDraft): EvaluateSettings | null {
  const tolerance = toleranceOfPercent(d.tolerance);
  const milestoneWindowDays = milestoneWindowOfText(d.milestoneWindowDays);
  return isIsoDate(d.asOf) && tolerance !== undefined && milestoneWindowDays !== undefined
    ? { asOf: d.asOf, tolerance, dateOrder: d.dateOrder, milestoneWindowDays, fiscalYearStart: d.fiscalYearStart }
    : null;
}

const useStyles = makeStyles({
  fields: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    border: "none",
    margin: 0,
    padding: 0,
    minWidth: 0,
  },
  // Beside Evaluate, taking the rest of the line; the validation message wraps under it.
  asOf: { flexGrow: 1, flexBasis: "150px", minWidth: 0 },
  dateInput: { minWidth: 0 },
  where: { color: tokens.colorNeutralForeground3 },
});

/** The as-of date, in the command bar beside Evaluate. */
export function AsOfField(props: { draft: SettingsDraft; disabled: boolean; onChange: (next: SettingsDraft) => void }) {
  const { draft, disabled, onChange } = props;
  const styles = useStyles();
  const dateOk = isIsoDate(draft.asOf);
  return (
    <Field
      label="As-of date"
      className={styles.asOf}
      validationMessage={dateOk ? undefined : MESSAGES.asOfInvalid()}
    >
      <Input
        type="date"
        className={styles.dateInput}
        title={MESSAGES.asOfHint()}
        disabled={disabled}
        value={draft.asOf}
        onChange={(_, data) => onChange({ ...draft, asOf: data.value })}
      />
    </Field>
  );
}

/** The settings that are set once and rarely changed: tolerance, date order, the milestone warning and the fiscal year. */
export function OptionsPanel(props: { draft: SettingsDraft; disabled: boolean; onChange: (next: SettingsDraft) => void }) {
  const { draft, disabled, onChange } = props;
  const styles = useStyles();
  const toleranceOk = toleranceOfPercent(draft.tolerance) !== undefined;
  const windowOk = milestoneWindowOfText(draft.milestoneWindowDays) !== undefined;
  return (
    // A fieldset so one `disabled` stops edits while the workbook is being changed.
    <fieldset className={styles.fields} disabled={disabled}>
      <Field label="Tolerance" hint={MESSAGES.toleranceHint()} validationMessage={toleranceOk ? undefined : MESSAGES.toleranceInvalid()}>
        <Input
          type="number"
          min={0}
          max={MAX_TOLERANCE * 100}
          step={1}
          contentAfter="%"
          value={draft.tolerance}
          onChange={(_, data) => onChange({ ...draft, tolerance: data.value })}
        />
      </Field>
      <Field label="Date order" hint={MESSAGES.dateOrderHint()}>
        <Select
          value={draft.dateOrder}
          onChange={(_, data) => onChange({ ...draft, dateOrder: parseDateOrder(data.value) ?? DEFAULT_DATE_ORDER })}
        >
          <option value="mdy">Month first (03/04 = Mar 4)</option>
          <option value="dmy">Day first (03/04 = 3 Apr)</option>
        </Select>
      </Field>
      <Field
        label="Milestone warning"
        hint={MESSAGES.milestoneWindowHint()}
        validationMessage={windowOk ? undefined : MESSAGES.milestoneWindowInvalid()}
      >
        <Input
          type="number"
          min={0}
          max={MAX_MILESTONE_WINDOW_DAYS}
          step={1}
          contentAfter="days"
          value={draft.milestoneWindowDays}
          onChange={(_, data) => onChange({ ...draft, milestoneWindowDays: data.value })}
        />
      </Field>
      <Field label="Fiscal year starts in" hint={MESSAGES.fiscalYearStartHint()}>
        <Select value={String(draft.fiscalYearStart)} onChange={(_, data) => onChange({ ...draft, fiscalYearStart: Number(data.value) })}>
          {MONTHS.map((m) => (
            <option key={m} value={String(m)}>
              {monthName(m)}
            </option>
          ))}
        </Select>
      </Field>
      <Caption1 className={styles.where}>{MESSAGES.optionsWhere()}</Caption1>
    </fieldset>
  );
}
