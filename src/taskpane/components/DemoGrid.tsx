// A read-only view of the browser demo's in-memory workbook, so the changes the pane makes show in a plain browser too.
import { type CSSProperties, memo, useEffect, useReducer, useRef, useState } from "react";
import { Tab, TabList, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { columnLetters, parseRef, pointInRect } from "../../engine";
import { MESSAGES } from "../../app/messages";
import type { DemoCell, DemoWorkbook } from "../../app/port";

/** Rendering more rows would slow the pane down without helping anyone read the demo. */
const DEMO_ROW_LIMIT = 200;

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  note: { color: tokens.colorNeutralForeground2, margin: 0 },
  // Many sheets wrap onto more lines instead of widening the pane.
  tabs: { flexWrap: "wrap" },
  scroller: {
    position: "relative",
    overflow: "auto",
    maxHeight: "60vh",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200 },
  heading: {
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightRegular,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingInline: tokens.spacingHorizontalXS,
    // Row 10 stays "10", not "1" over "0".
    whiteSpace: "nowrap",
  },
  // Letters and numbers stay in view while scrolling, like Excel's headings.
  columnHeading: { position: "sticky", top: 0, zIndex: 1 },
  rowHeading: { position: "sticky", left: 0, zIndex: 1 },
  corner: { zIndex: 2 },
  cell: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    paddingInline: tokens.spacingHorizontalXS,
    whiteSpace: "nowrap",
    maxWidth: "16em",
    overflow: "hidden",
    textOverflow: "ellipsis",
  },
  // The range a link selected, as Excel outlines it (an outline survives Windows high contrast).
  selected: {
    outline: `${tokens.strokeWidthThick} solid ${tokens.colorCompoundBrandStroke}`,
    outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
  },
});

function cellStyle(c: DemoCell | undefined): CSSProperties | undefined {
  if (!c || (!c.fill && !c.color && !c.bold)) return undefined;
  if (!c.fill && !c.color) return { fontWeight: tokens.fontWeightBold };
  return {
    // A formatted cell shows as in Excel, on white paper unless filled, also under a dark pane theme: a dark blue
    // title on the dark pane would be unreadable.
    backgroundColor: c.fill ?? (c.color ? "#FFFFFF" : undefined),
    // A filled cell without a font colour is dark text in Excel, also under a dark pane theme.
    color: c.color ?? (c.fill ? tokens.colorNeutralForeground1Static : undefined),
    fontWeight: c.bold ? tokens.fontWeightBold : undefined,
  };
}

// Memoized: it rebuilds every sheet, so it redraws on workbook changes (subscribe), not on every pane render.
export const DemoGrid = memo(function DemoGrid(props: { demo: DemoWorkbook }) {
  const { demo } = props;
  const styles = useStyles();
  const [, refresh] = useReducer((n: number) => n + 1, 0);
  const [chosen, setChosen] = useState<string | null>(null);
  useEffect(() => demo.subscribe(refresh), [demo]);
  const scroller = useRef<HTMLDivElement>(null);

  // A link in the pane selected a range: show its sheet, as Excel would, and outline the cells.
  const selection = demo.selection?.();
  const selected = selection ? `${selection.sheet}!${selection.address}` : "";
  const [seen, setSeen] = useState(selected);
  if (selected !== seen) {
    setSeen(selected);
    if (selection) setChosen(selection.sheet);
  }
  const rect = selection ? parseRef(`X!${selection.address}`)?.rect : undefined;
  // Scrolls the grid alone (not the pane) to bring the selection to the middle of its view.
  useEffect(() => {
    const box = scroller.current;
    const cell = box?.querySelector<HTMLElement>("[data-selected]");
    if (!box || !cell) return;
    const c = cell.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    box.scrollTop += c.top - b.top - b.height / 2;
    box.scrollLeft += c.left - b.left - b.width / 2;
  }, [seen]);

  const sheets = demo.sheets();
  // The chosen sheet may have been deleted (say, by an undo): fall back to the first.
  const sheet = sheets.find((s) => s.name === chosen) ?? sheets[0];
  const rows = sheet ? sheet.rows.slice(0, DEMO_ROW_LIMIT) : [];
  const hidden = sheet ? sheet.rows.length - rows.length : 0;
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);

  return (
    <section aria-labelledby="demo-heading" className={styles.panel}>
      <h2 id="demo-heading">Demo workbook</h2>
      <p className={styles.note}>{MESSAGES.demoNote()}</p>
      {sheet === undefined ? (
        <p className={styles.note}>{MESSAGES.demoNoSheets()}</p>
      ) : (
        <>
          <TabList className={styles.tabs} selectedValue={sheet.name} onTabSelect={(_, data) => setChosen(String(data.value))} aria-label="Sheets">
            {sheets.map((s) => (
              <Tab key={s.name} value={s.name}>
                {s.name}
              </Tab>
            ))}
          </TabList>
          {/* Focusable so keyboard users can scroll a wide sheet. */}
          <div ref={scroller} className={styles.scroller} tabIndex={0} role="region" aria-label={`Sheet ${sheet.name}`}>
            <table className={styles.table}>
              <thead>
                <tr>
                  <td className={mergeClasses(styles.heading, styles.columnHeading, styles.rowHeading, styles.corner)} />
                  {Array.from({ length: width }, (_, c) => (
                    <th key={c} scope="col" className={mergeClasses(styles.heading, styles.columnHeading)}>
                      {columnLetters(c)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row, r) => (
                  <tr key={r}>
                    <th scope="row" className={mergeClasses(styles.heading, styles.rowHeading)}>
                      {r + 1}
                    </th>
                    {Array.from({ length: width }, (_, c) => {
                      const cell = row[c];
                      const isSelected = rect !== undefined && selection?.sheet === sheet.name && pointInRect(r, c, rect);
                      return (
                        <td
                          key={c}
                          className={mergeClasses(styles.cell, isSelected && styles.selected)}
                          data-selected={isSelected || undefined}
                          style={cellStyle(cell)}
                          title={cell?.text || undefined}
                        >
                          {cell?.text}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {hidden > 0 && <p className={styles.note}>{MESSAGES.demoRowsHidden({ shown: rows.length, total: sheet.rows.length })}</p>}
        </>
      )}
    </section>
  );
});
