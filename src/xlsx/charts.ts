// Native DrawingML charts for our sheets (issue 12): the status pie and the trend lines the add-in draws, written as
// a drawing part and one chart part per chart, so the file report and the add-in report look the same. The charts
// hold references only; Excel and LibreOffice read the values from the cells when they open the file.
import { type ChartPlan, type Rect, columnLetters, quoteSheet } from "../engine";
import { escapeAttr, escapeText } from "./xml";

const C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
export const DRAWING_CONTENT = "application/vnd.openxmlformats-officedocument.drawing+xml";
export const CHART_CONTENT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
export const DRAWING_TYPE = `${R}/drawing`;
export const CHART_TYPE = `${R}/chart`;

/** An absolute reference to a range of the chart's sheet: 'KPA Summary'!$B$7:$B$13. */
function ref(sheet: string, r: Rect): string {
  const cell = (row: number, col: number) => `$${columnLetters(col)}$${row + 1}`;
  return `${quoteSheet(sheet)}!${cell(r.top, r.left)}:${cell(r.bottom, r.right)}`;
}

/** The drawing that places each chart over its cells; chart i is related as rId(i+1). */
export function drawingXml(charts: readonly ChartPlan[]): string {
  const anchors = charts.map((c, i) => {
    const at = (p: { row: number; col: number }) =>
      `<xdr:col>${p.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${p.row}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
    return (
      `<xdr:twoCellAnchor editAs="oneCell"><xdr:from>${at(c.from)}</xdr:from><xdr:to>${at(c.to)}</xdr:to>` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escapeAttr(`KPA chart ${i + 1}`, '"')}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
      `<a:graphic><a:graphicData uri="${C}"><c:chart xmlns:c="${C}" r:id="rId${i + 1}"/></a:graphicData></a:graphic></xdr:graphicFrame>` +
      `<xdr:clientData/></xdr:twoCellAnchor>`
    );
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${XDR}" xmlns:a="${A}" xmlns:r="${R}">${anchors.join("")}</xdr:wsDr>`;
}

const fill = (hex: string) => `<c:spPr><a:solidFill><a:srgbClr val="${hex.replace("#", "").toUpperCase()}"/></a:solidFill></c:spPr>`;

/** One chart part. */
export function chartXml(chart: ChartPlan, sheet: string): string {
  const title =
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:t>${escapeText(chart.title)}</a:t></a:r></a:p></c:rich></c:tx>` +
    `<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>`;
  const series = chart.series.map((s, i) => {
    const head = `<c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${escapeText(s.name)}</c:v></c:tx>`;
    const points = (s.pointColors ?? []).map(
      (color, p) =>
        `<c:dPt><c:idx val="${p}"/>${chart.kind === "bar" ? '<c:invertIfNegative val="0"/>' : ""}<c:bubble3D val="0"/>${fill(color)}</c:dPt>`,
    );
    // Categories: text (the statuses) for pie and bar charts, dates for trend lines.
    const cat =
      chart.kind === "line"
        ? `<c:cat><c:numRef><c:f>${escapeText(ref(sheet, s.categories))}</c:f></c:numRef></c:cat>`
        : `<c:cat><c:strRef><c:f>${escapeText(ref(sheet, s.categories))}</c:f></c:strRef></c:cat>`;
    const val = `<c:val><c:numRef><c:f>${escapeText(ref(sheet, s.values))}</c:f></c:numRef></c:val>`;
    if (chart.kind === "pie") return `<c:ser>${head}${points.join("")}${cat}${val}</c:ser>`;
    if (chart.kind === "bar") return `<c:ser>${head}<c:invertIfNegative val="0"/>${points.join("")}${cat}${val}</c:ser>`;
    return `<c:ser>${head}<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>${points.join("")}${cat}${val}<c:smooth val="0"/></c:ser>`;
  });
  const axes =
    `<c:catAx><c:axId val="10"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>` +
    (chart.kind === "line" ? '<c:numFmt formatCode="yyyy-mm-dd" sourceLinked="1"/>' : "") +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="20"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="20"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>` +
    `<c:numFmt formatCode="${escapeAttr(chart.series[0]?.numberFormat ?? "General", '"')}" sourceLinked="1"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="10"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`;
  const plot =
    chart.kind === "pie"
      ? `<c:pieChart><c:varyColors val="1"/>${series.join("")}<c:firstSliceAng val="0"/></c:pieChart>`
      : chart.kind === "bar"
        ? `<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series.join("")}<c:gapWidth val="80"/><c:axId val="10"/><c:axId val="20"/></c:barChart>${axes}`
        : `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series.join("")}<c:marker val="1"/><c:axId val="10"/><c:axId val="20"/></c:lineChart>${axes}`;
  const legend = chart.kind === "pie" ? '<c:legend><c:legendPos val="r"/><c:overlay val="0"/></c:legend>' : "";
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="${C}" xmlns:a="${A}" xmlns:r="${R}">` +
    `<c:roundedCorners val="0"/><c:chart>${title}<c:plotArea><c:layout/>${plot}</c:plotArea>${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}
