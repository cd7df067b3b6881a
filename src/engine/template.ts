// A new KPA workbook sheet for a department: title block and the four sections, ready for tracking.
import { type Day, addMonths, isoDate, monthEnd, ymd } from "./dates";
import type { Rect } from "./grid";
import { type Department, DEPARTMENTS } from "./library";
import { STYLES } from "./sheets/styles";
import type { CellStyle, PlanValue } from "./write-plan";

export interface TemplateSheet {
  readonly name: string;
  readonly values: readonly (readonly PlanValue[])[];
  readonly styles: readonly { readonly range: Rect; readonly style: CellStyle }[];
  readonly numberFormats: readonly { readonly range: Rect; readonly format: string }[];
  readonly columnWidths: readonly number[];
}

const TITLE: CellStyle = STYLES.title;
const SECTION: CellStyle = { ...STYLES.title, size: 13 };
const HEADER: CellStyle = STYLES.section;
const NOTE: CellStyle = STYLES.subtle;

/** End of the quarter after the one `today` falls in: a sensible first deadline. */
function nextQuarterEnd(today: Day): Day {
  const { y, m } = ymd(addMonths(today, 3));
  return monthEnd(y, Math.ceil(m / 3) * 3);
}

export function templateSheet(dept: Department = DEPARTMENTS[0] as Department, today: Day): TemplateSheet {
  const values: PlanValue[][] = [];
  const styles: { range: Rect; style: CellStyle }[] = [];
  const numberFormats: { range: Rect; format: string }[] = [];
  const add = (cells: PlanValue[], style?: CellStyle) => {
    const r = values.length;
    values.push(cells);
    if (style) styles.push({ range: { top: r, left: 0, bottom: r, right: Math.max(0, cells.length - 1) }, style });
    return r;
  };
  const [lead, analyst] = dept.roles as [Department["roles"][number], Department["roles"][number]];
  const due = { date: isoDate(nextQuarterEnd(today)) };

  add([`Key Performance Areas (KPA): ${dept.name}`], TITLE);
  add(["Prepared by: [your name]"], NOTE);
  add(["Email: [your email]"], NOTE);
  add(
    [
      `The ${dept.name.toLowerCase()} KPIs below, how each is measured and reviewed, the goals that go with them, who is accountable and the training that supports them.`,
    ],
    NOTE,
  );
  add([]);

  add(["I. Performance Evaluation and Management"], SECTION);
  add(["KPA Element", "Description", "Measurement Method", "Frequency of Review", "Responsible Party", "Last Review"], HEADER);
  for (const k of dept.kpis) add([k.name, k.description, k.method, k.frequency, lead.role, null]);
  add([]);

  add(["II. Goal-Setting and Prioritization"], SECTION);
  add(["Fill in Baseline and Actual; KPA Tracker judges each goal against its target as of the evaluation date."], NOTE);
  const goalsHeader = add(["Goal", "Target", "Timeline", "Priority Level", "Owner", "Baseline", "Actual", "Start Date"], HEADER);
  dept.kpis.forEach((k, i) =>
    add([`Improve ${k.name}`, k.target, due, i === 0 ? "High" : "Medium", lead.role, null, null, { date: isoDate(today) }]),
  );
  const goalsEnd = values.length - 1;
  numberFormats.push({ range: { top: goalsHeader + 1, left: 2, bottom: goalsEnd, right: 2 }, format: "mmm d, yyyy" });
  numberFormats.push({ range: { top: goalsHeader + 1, left: 7, bottom: goalsEnd, right: 7 }, format: "mmm d, yyyy" });
  add([]);

  add(["III. Role Clarity and Accountability"], SECTION);
  add(["Role", "Responsibilities", "Accountability", "Reporting Structure", "Support Needed"], HEADER);
  add([
    lead.role,
    lead.responsibilities,
    `Accountable for the ${dept.name.toLowerCase()} goals.`,
    `Reports to ${lead.reportsTo}`,
    "Data from the analyst; tools budget",
  ]);
  add([
    analyst.role,
    analyst.responsibilities,
    "Accountable for accurate, timely KPI data.",
    `Reports to ${analyst.reportsTo}`,
    "Access to the source systems",
  ]);
  add([]);

  add(["IV. Employee Development and Training Needs"], SECTION);
  const trainingHeader = add(["Role", "Training Needs", "Training Provider", "Timeline", "Expected Outcome", "Completed"], HEADER);
  add([lead.role, lead.trainingNeed, lead.trainingProvider, due, "Goals met more often and earlier.", "No"]);
  add([analyst.role, analyst.trainingNeed, analyst.trainingProvider, due, "Faster, more reliable KPI reporting.", "No"]);
  numberFormats.push({ range: { top: trainingHeader + 1, left: 3, bottom: trainingHeader + 2, right: 3 }, format: "mmm d, yyyy" });

  return { name: `${dept.name} KPA`, values, styles, numberFormats, columnWidths: [36, 48, 30, 18, 26, 14, 14, 14] };
}
