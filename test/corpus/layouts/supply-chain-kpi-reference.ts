// A supply-chain consultant's KPI reference: KPIs under subheadings, each "Name: definition (Target: …)". Targets are
// as varied as such lists get: ">=95%", "<=3 days", "45-60 days", "<5 per month", "<5% of total inventory", "+/-5%",
// "<500 PPM", "3-5%", "80-90%", and prose ("Industry benchmark", "Minimize", "Monitor trend"). Rebuilt as one
// KPI | Definition | Target table per subheading with an added Actual column (hours, weeks, per-week rates, counts out of
// totals, money against a percentage).
import { ck, defineLayout } from "../layout";

const HEAD = ["KPI", "Definition", "Target", "Actual"];

export const supplyChainKpiReference = defineLayout({
  name: "supply-chain-kpi-reference",
  source: "takusaotome/claude-skills-library skills/supply-chain-consultant/references/kpi_reference.md",
  asOf: "2025-10-31",
  sheets: [
    {
      name: "Supply Chain KPIs",
      blocks: [
        {
          at: "A1",
          rows: [
            ["Supply Chain KPI Reference"],
            null,
            ["Operational KPIs"],
            ["Delivery Performance"],
            HEAD,
            ["On-Time Delivery (OTD)", "% of orders delivered on or before promised date", ">=95%", "93.1%"],
            ["Order Fulfillment Lead Time", "Average days from order receipt to delivery", "<=3 days", "70 hours"],
            [
              "Perfect Order Rate",
              "% of orders delivered complete, on-time, damage-free, with correct documentation",
              ">=90%",
              "1,742 of 2,010 orders",
            ],
            null,
            ["Inventory Management"],
            HEAD,
            ["Inventory Turnover", "COGS / Average Inventory", "Industry benchmark", "7.2x"],
            ["Days of Inventory (DOI)", "Average inventory / (COGS/365)", "45-60 days", "9 weeks"],
            ["Stockout Frequency", "# of stockout incidents per month", "<5 per month", "2 per week"],
            ["Excess Inventory", "$ value of inventory >90 days old", "<5% of total inventory", "6.2% of total inventory"],
            ["Obsolete Inventory", "$ value of inventory >180 days old", "<2% of total inventory", "$410K"],
            null,
            ["Demand Planning"],
            HEAD,
            ["Forecast Accuracy (MAPE)", "Mean Absolute Percentage Error", "<20%", "22.5%"],
            ["Bias", "Average forecast error", "+/-5%", "-3.1%"],
            null,
            ["Procurement"],
            HEAD,
            ["Supplier OTD", "% of supplier deliveries on-time", ">=95%", "96.4%"],
            ["Supplier Quality (PPM)", "Parts per million defects", "<500 PPM", "540 PPM"],
            ["Cost Savings", "Annual procurement cost reduction", "3-5%", "2.8%"],
            null,
            ["Logistics"],
            HEAD,
            ["Transportation Cost per Unit", "Total transportation cost / units shipped", "Industry benchmark", "$3.85"],
            ["Warehouse Utilization", "% of warehouse capacity used", "80-90%", "93%"],
            null,
            ["Financial KPIs"],
            HEAD,
            [
              "Cash-to-Cash Cycle Time",
              "Days Inventory Outstanding + Days Sales Outstanding - Days Payable Outstanding",
              "Minimize",
              "41 days",
            ],
            ["Supply Chain Cost as % of Revenue", "Total SC cost / Revenue", "8-12% depending on industry", "10.4%"],
            ["Total Cost to Serve", "All costs to deliver product to customer", "Monitor trend", "$2.1M"],
          ],
        },
      ],
    },
  ],
  checks: [
    ck("On-Time Delivery (OTD)", "At Risk", "93.1% vs ≥ 95%: 2% short"),
    ck("Order Fulfillment Lead Time", "Met", "70 hours = 2.9 days ≤ 3 days (time converted)"),
    ck("Perfect Order Rate", "At Risk", "1,742 of 2,010 = 86.7% vs ≥ 90%: 3.7% short (count out of total vs a percentage)"),
    ck("Inventory Turnover", "Needs Target", "'Industry benchmark' is prose: no number, no status word"),
    ck("Days of Inventory (DOI)", "At Risk", "9 weeks = 63 days, 3 days above the 45–60 band: 5.7% of its centre 52.5"),
    ck("Stockout Frequency", "Off Track", "2 per week ≈ 8.7 per month vs < 5 per month: 74% over (per-period converted)"),
    ck("Excess Inventory", "Off Track", "6.2% vs < 5% of total inventory: 24% over"),
    ck("Obsolete Inventory", "No Data", "unit mismatch: money ($410K) vs a percentage target: error, no guess"),
    ck("Forecast Accuracy (MAPE)", "Off Track", "22.5% vs < 20%: 12.5% over"),
    ck("Bias", "Met", "-3.1% inside ±5% (a band with no centre expects a deviation)"),
    ck("Supplier OTD", "Met", "96.4% ≥ 95%"),
    ck("Supplier Quality (PPM)", "At Risk", "540 PPM vs < 500 PPM: 8% over"),
    ck("Cost Savings", "At Risk", "2.8%, 0.2 below the 3–5% band: 5% of its centre 4%"),
    ck("Transportation Cost per Unit", "Needs Target", "'Industry benchmark' is prose"),
    ck("Warehouse Utilization", "At Risk", "93%, 3 above the 80–90% band: 3.5% of its centre 85%"),
    ck("Cash-to-Cash Cycle Time", "Needs Target", "'Minimize' is prose: no number"),
    ck("Total Cost to Serve", "Needs Target", "'Monitor trend' is prose: no number"),
  ],
});
