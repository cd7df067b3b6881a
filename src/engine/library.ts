// Department KPI library: each department's KPIs, how they are measured, and what to do when they fall short.
// One place for this data; the template command and the gap suggestions both read it.

export interface LibraryKpi {
  readonly name: string;
  readonly description: string;
  readonly method: string;
  readonly frequency: string;
  readonly target: string;
}

export interface Department {
  readonly id: DepartmentId;
  readonly name: string;
  /** Words that tie a row or section to this department. */
  readonly keywords: readonly string[];
  readonly kpis: readonly LibraryKpi[];
  /** Suggested when one of its rows falls short. */
  readonly correctiveAction: string;
  /** Who owns the KPIs, and who measures them: the template's roles and training rows. */
  readonly roles: readonly LibraryRole[];
}

export interface LibraryRole {
  readonly role: string;
  readonly responsibilities: string;
  readonly reportsTo: string;
  readonly trainingNeed: string;
  readonly trainingProvider: string;
}

export type DepartmentId = "customer-service" | "marketing" | "sales" | "finance" | "product-development";

export const DEPARTMENTS: readonly Department[] = [
  {
    id: "customer-service",
    name: "Customer Service",
    keywords: [
      "customer service",
      "support",
      "csat",
      "satisfaction",
      "nps",
      "promoter",
      "resolution",
      "response time",
      "ticket",
      "inquir",
      "complaint",
      "customer experience",
    ],
    kpis: [
      {
        name: "Customer Satisfaction (CSAT)",
        description: "How satisfied customers are with our products and services.",
        method: "Customer surveys",
        frequency: "Quarterly",
        target: "≥ 85%",
      },
      {
        name: "Net Promoter Score (NPS)",
        description: "How likely customers are to recommend us.",
        method: "Periodic customer surveys",
        frequency: "Biannually",
        target: "≥ 50",
      },
      {
        name: "Resolution Time",
        description: "How quickly support issues are resolved.",
        method: "Helpdesk platform reports",
        frequency: "Monthly",
        target: "< 24 hours",
      },
    ],
    correctiveAction: "Streamline the support process and communicate more clearly about the issues customers raise most.",
    roles: [
      {
        role: "Customer Service Manager",
        responsibilities: "Runs the support desk and owns satisfaction and resolution targets.",
        reportsTo: "Head of Customer Experience",
        trainingNeed: "Coaching and service-recovery techniques",
        trainingProvider: "External course",
      },
      {
        role: "Support Analyst",
        responsibilities: "Collects survey and helpdesk data and reports on the KPIs.",
        reportsTo: "Customer Service Manager",
        trainingNeed: "Helpdesk reporting and survey analysis",
        trainingProvider: "In-house workshop",
      },
    ],
  },
  {
    id: "marketing",
    name: "Marketing",
    keywords: [
      "marketing",
      "campaign",
      "acquisition",
      "brand",
      "awareness",
      "engagement",
      "traffic",
      "reach",
      "lead",
      "cost-per-acquisition",
      "cpa",
      "roi",
    ],
    kpis: [
      {
        name: "Customer Acquisition Rate",
        description: "New customers won through marketing.",
        method: "Web analytics and CRM",
        frequency: "Monthly",
        target: "≥ 500",
      },
      {
        name: "Campaign ROI",
        description: "Return on campaign spend: conversions, engagement and cost per acquisition.",
        method: "Campaign and email reports",
        frequency: "Quarterly",
        target: "≥ 3:1",
      },
      {
        name: "Brand Awareness",
        description: "Social reach, website traffic and PR effectiveness.",
        method: "Social media insights and web analytics",
        frequency: "Quarterly",
        target: "≥ 100,000",
      },
    ],
    correctiveAction: "A/B test the messaging of under-performing campaigns, or aim them at new customer segments.",
    roles: [
      {
        role: "Marketing Manager",
        responsibilities: "Plans campaigns and owns acquisition and awareness targets.",
        reportsTo: "Head of Marketing",
        trainingNeed: "Campaign experimentation (A/B testing)",
        trainingProvider: "Online course",
      },
      {
        role: "Marketing Analyst",
        responsibilities: "Tracks campaign, web and social analytics.",
        reportsTo: "Marketing Manager",
        trainingNeed: "Web analytics and attribution",
        trainingProvider: "In-house workshop",
      },
    ],
  },
  {
    id: "sales",
    name: "Sales",
    keywords: ["sales", "revenue", "conversion", "deal", "pipeline", "quota", "retention", "royalt", "sales target"],
    kpis: [
      {
        name: "Revenue Growth",
        description: "Growth in revenue from sales channels.",
        method: "CRM and sales tracking",
        frequency: "Monthly",
        target: "≥ 10%",
      },
      {
        name: "Sales Conversion Rate",
        description: "Share of leads that become sales.",
        method: "CRM pipeline reports",
        frequency: "Monthly",
        target: "≥ 20%",
      },
      {
        name: "Sales Target Achievement",
        description: "Share of the team's sales targets reached in the period.",
        method: "Sales tracking software",
        frequency: "Quarterly",
        target: "≥ 100%",
      },
    ],
    correctiveAction: "Give the team more sales training and tighten the follow-up with prospects.",
    roles: [
      {
        role: "Sales Director",
        responsibilities: "Leads the sales team and owns revenue and conversion targets.",
        reportsTo: "Chief Executive Officer",
        trainingNeed: "Pipeline coaching",
        trainingProvider: "Industry conference",
      },
      {
        role: "Sales Operations Analyst",
        responsibilities: "Keeps CRM data clean and reports on the pipeline.",
        reportsTo: "Sales Director",
        trainingNeed: "CRM reporting",
        trainingProvider: "Vendor training",
      },
    ],
  },
  {
    id: "finance",
    name: "Finance",
    keywords: ["finance", "financial", "payment", "invoice", "accuracy", "collection", "budget", "cost", "expense", "cash"],
    kpis: [
      {
        name: "Payment Accuracy",
        description: "Share of payments made without error.",
        method: "Financial and ERP systems",
        frequency: "Monthly",
        target: "≥ 99%",
      },
      {
        name: "Revenue Collection",
        description: "Share of billed revenue collected on time.",
        method: "Accounts receivable reports",
        frequency: "Monthly",
        target: "≥ 95%",
      },
      {
        name: "Payment Processing Time",
        description: "Days from approval to payment.",
        method: "ERP workflow reports",
        frequency: "Monthly",
        target: "< 5 days",
      },
    ],
    correctiveAction: "Find and remove the delays and errors in payment processing.",
    roles: [
      {
        role: "Finance Manager",
        responsibilities: "Owns payment accuracy, collection and processing times.",
        reportsTo: "Chief Financial Officer",
        trainingNeed: "Process improvement for payables",
        trainingProvider: "External course",
      },
      {
        role: "Payments Analyst",
        responsibilities: "Reconciles payments and reports exceptions.",
        reportsTo: "Finance Manager",
        trainingNeed: "ERP reconciliation tools",
        trainingProvider: "Vendor training",
      },
    ],
  },
  {
    id: "product-development",
    name: "Product Development",
    keywords: ["product", "launch", "release", "feature", "development", "roadmap", "content"],
    kpis: [
      {
        name: "Launches on Schedule",
        description: "Share of new products launched on the planned date.",
        method: "Project tracking",
        frequency: "Quarterly",
        target: "≥ 90%",
      },
      {
        name: "New Product Revenue",
        description: "Revenue from products launched in the last year.",
        method: "Sales and finance reports",
        frequency: "Quarterly",
        target: "≥ $250K",
      },
      {
        name: "Customer Adoption",
        description: "Share of customers using new products or content.",
        method: "Product analytics",
        frequency: "Monthly",
        target: "≥ 30%",
      },
    ],
    correctiveAction: "Review what held back recent launches and fix the product or content gaps customers report.",
    roles: [
      {
        role: "Product Manager",
        responsibilities: "Owns the roadmap, launches and adoption targets.",
        reportsTo: "Head of Product",
        trainingNeed: "Launch planning and discovery",
        trainingProvider: "Online course",
      },
      {
        role: "Product Analyst",
        responsibilities: "Measures adoption and revenue from new products.",
        reportsTo: "Product Manager",
        trainingNeed: "Product analytics",
        trainingProvider: "In-house workshop",
      },
    ],
  },
];

export function findDepartment(id: string): Department | undefined {
  return DEPARTMENTS.find((d) => d.id === id);
}

/** The department a row belongs to, from its department/section text first, then its name. */
// Each department's keywords as one pattern of plain substrings: one search per department instead of one per word.
const KEYWORDS = DEPARTMENTS.map((d) => new RegExp(d.keywords.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")));

export function departmentOf(...texts: (string | undefined)[]): Department | undefined {
  for (const text of texts) {
    if (!text) continue;
    const t = text.toLowerCase();
    const at = KEYWORDS.findIndex((re) => re.test(t));
    if (at >= 0) return DEPARTMENTS[at];
  }
  return undefined;
}
