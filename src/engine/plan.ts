// Evaluation → write plan: our columns beside each table, our sheets, the history append and our defined names.
// The plan is plain data (write-plan.ts); adapters apply it and decide nothing.
import { absoluteRef, uniqueSheetName } from "./address";
import { planColumns, staleCells } from "./columns";
import type { DefinedName, WorkbookGrid } from "./grid";
import type { Evaluation } from "./model";
import { NAME_PREFIX, OUR_SHEETS, type OurSheet, SHEET_NAME_PREFIX, columnsMarkName } from "./ownership";
import { type Problem, problem } from "./problems";
import { SETTINGS_NAME, findSettingsSheet } from "./settings-sheet";
import { newSettingsSheet } from "./sheets/settings-sheet";
import { gapsSheet } from "./sheets/gaps-sheet";
import { planHistory } from "./sheets/history";
import { summarySheet } from "./sheets/summary-sheet";
import { summarize } from "./stats";
import type { PlanOptions, SheetPlan, WritePlan } from "./write-plan";

export function buildPlan(wb: WorkbookGrid, ev: Evaluation, opts: PlanOptions): WritePlan {
  const problems: Problem[] = [];
  const { writes, conditionalFormats, owned, room } = planColumns(wb, ev, problems);

  const summary = summarize(ev);
  const sheetNames = chooseSheetNames(wb, ev, problems);
  const allProblems = [...ev.problems, ...problems];
  const history = planHistory(wb, ev, sheetNames.history, ev.ownership.sheets.history !== undefined, opts.generatedAt);
  const sheets: SheetPlan[] = [
    summarySheet(sheetNames.summary, ev, summary, allProblems, history, opts),
    gapsSheet(sheetNames.gaps, wb, ev, summary),
  ];

  // Each block's name carries the digest of what we write in its top row: the proof the next read checks.
  const names: DefinedName[] = owned.map((o, i) => ({ name: columnsMarkName(i + 1, [o.header]), ref: absoluteRef(o.sheet, o.rect) }));
  for (const role of Object.keys(OUR_SHEETS) as OurSheet[]) {
    names.push({
      name: `${SHEET_NAME_PREFIX}${role[0]?.toUpperCase()}${role.slice(1)}`,
      ref: absoluteRef(sheetNames[role], { top: 0, left: 0, bottom: 0, right: 0 }),
    });
  }
  // The name marking a renamed KPA Settings sheet (proven by its A1) is the user's sheet's, kept as it is.
  const settingsName = (wb.names ?? []).find((n) => n.name.toLowerCase() === SETTINGS_NAME.toLowerCase());
  if (settingsName && findSettingsSheet(wb)?.named) names.push(settingsName);
  // The KPA Settings sheet, when the workbook has none (unless the caller said not to): made once, then the user's.
  if (opts.settings && !findSettingsSheet(wb)) {
    const made = newSettingsSheet([...wb.sheets.map((s) => s.name), ...sheets.map((s) => s.name)], opts.settings);
    sheets.push(made.sheet);
    names.push(made.name);
  }
  const keep = new Set(names.map((n) => n.name));
  const removeNames = (wb.names ?? []).filter((n) => n.name.startsWith(NAME_PREFIX) && !keep.has(n.name)).map((n) => n.name);
  const clears = staleCells(ev, owned);

  const ruleScope = [...ev.ownership.blocks.map(({ sheet, rect }) => ({ sheet, rect })), ...owned];
  return {
    asOf: ev.asOf,
    writes,
    clears,
    conditionalFormats,
    sheets,
    appends: history.append ? [history.append] : [],
    history: { since: history.since ?? null, changes: history.changes, appended: history.append?.values.length ?? 0 },
    names,
    removeNames,
    ruleScope,
    problems: allProblems,
    summary,
    room,
  };
}

/** Our sheets keep the names they have; a new one whose name a user's sheet holds gets "(2)" and a warning. */
function chooseSheetNames(wb: WorkbookGrid, ev: Evaluation, problems: Problem[]): Record<OurSheet, string> {
  const taken = wb.sheets.map((s) => s.name);
  const out = {} as Record<OurSheet, string>;
  for (const role of Object.keys(OUR_SHEETS) as OurSheet[]) {
    const mine = ev.ownership.sheets[role];
    if (mine) {
      out[role] = mine;
      continue;
    }
    const wanted = OUR_SHEETS[role];
    const name = uniqueSheetName(wanted, taken);
    if (name !== wanted) problems.push(problem("sheetNameTaken", "warning", wanted, "A1", { wanted, used: name }));
    taken.push(name);
    out[role] = name;
  }
  return out;
}
