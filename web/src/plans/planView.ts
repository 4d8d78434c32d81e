// A plan version's content (the planner's JSON, src/planner/plan_json.cpp) read into what the
// plan builder shows: phases with their techniques and the reasons for each ("why this one"),
// the techniques left out with the rule that left them out ("why not that one"), the options
// offered to the client and their choices; and a side-by-side comparison of strategies.
// Read defensively, so an older plan shape never breaks the page.

export interface FitComponent {
  name: string;
  value: number;
  weight: number;
  reason: string;
}

export interface PlannedTechnique {
  id: string;
  model: string;
  fit: number | null;
  therapist: string | null;
  components: FitComponent[];
  assimilationNote: string | null;
}

export interface PlanPhase {
  name: string;
  sessions: number | null;
  reviewAtSession: number | null;
  models: string[];
  goals: string[];
  switchCriteria: string[];
  techniques: PlannedTechnique[];
}

export interface PlanView {
  strategy: string;
  requestedStrategy: string | null;
  homeModel: string | null;
  template: string | null;
  phases: PlanPhase[];
  excluded: { id: string; reason: string }[];
  /// Every eligible technique with its fit, best first, where the strategy reports it.
  ranking: { id: string; fit: number | null }[];
  explanation: string[];
  offeredOptions: { decision: string; options: string[] }[];
  clientChoices: Record<string, string>;
  clientGoals: string[];
  problems: { id: string; severity: string }[];
  referrals: string[];
  competenceGaps: string[];
  sessionBudget: number | null;
  provenOptimal: boolean | null;
}

type Json = Record<string, unknown>;

function record(value: unknown): Json {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : {};
}
function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
function text(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}
function number(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
function strings(value: unknown): string[] {
  return list(value).filter((each): each is string => typeof each === "string");
}
/// A referral or gap as one line, whatever its shape (a string or an object with a reason).
function describe(value: unknown): string {
  if (typeof value === "string") return value;
  const entry = record(value);
  return [text(entry.id) ?? text(entry.problem) ?? text(entry.technique), text(entry.reason) ?? text(entry.note)]
    .filter(Boolean)
    .join(": ");
}

export function readPlan(content: unknown): PlanView {
  const plan = record(content);
  return {
    strategy: text(plan.strategy) ?? "unknown",
    requestedStrategy: text(plan.requested_strategy),
    homeModel: text(plan.home_model),
    template: text(plan.template),
    phases: list(plan.phases).map(record).map((phase) => ({
      name: text(phase.name) ?? "Phase",
      sessions: number(phase.sessions),
      reviewAtSession: number(phase.review_at_session),
      models: strings(phase.models),
      goals: strings(phase.goals),
      switchCriteria: strings(phase.switch_criteria),
      techniques: list(phase.techniques).map((entry) => {
        const technique = typeof entry === "string" ? { id: entry } : record(entry);
        return {
          id: text(technique.id) ?? "unknown",
          model: text(technique.model) ?? "",
          fit: number(technique.fit),
          therapist: text(technique.therapist),
          components: list(technique.components).map(record).map((component) => ({
            name: text(component.name) ?? "",
            value: number(component.value) ?? 0,
            weight: number(component.weight) ?? 0,
            reason: text(component.reason) ?? "",
          })),
          assimilationNote: text(technique.assimilation_note),
        };
      }),
    })),
    excluded: list(plan.excluded).map(record).map((entry) => ({
      id: text(entry.id) ?? "unknown",
      reason: text(entry.reason) ?? "",
    })),
    ranking: list(plan.ranking).map(record).map((entry) => ({
      id: text(entry.id) ?? "unknown",
      fit: number(entry.fit),
    })),
    explanation: strings(plan.explanation),
    offeredOptions: list(plan.offered_options).map(record).map((entry) => ({
      decision: text(entry.for) ?? "",
      options: strings(entry.options),
    })),
    clientChoices: Object.fromEntries(
      Object.entries(record(plan.client_choices)).filter(
        (entry): entry is [string, string] => typeof entry[1] === "string",
      ),
    ),
    clientGoals: strings(plan.client_goals),
    problems: list(plan.problems).map(record).map((entry) => ({
      id: text(entry.id) ?? "",
      severity: text(entry.severity) ?? "",
    })),
    referrals: list(plan.referrals).map(describe),
    competenceGaps: list(plan.competence_gaps).map(describe),
    sessionBudget: number(plan.session_budget),
    provenOptimal: typeof plan.proven_optimal === "boolean" ? plan.proven_optimal : null,
  };
}

export function plannedTechniques(plan: PlanView): PlannedTechnique[] {
  return plan.phases.flatMap((phase) => phase.techniques);
}

/// Why a technique is or is not in the plan: the phase and its fit components when planned,
/// the rule that left it out, or neither (eligible, but the planner chose others).
export type WhyAnswer =
  | { kind: "planned"; phase: string; technique: PlannedTechnique }
  | { kind: "excluded"; reason: string }
  | { kind: "not_chosen"; fit: number | null };

export function why(plan: PlanView, techniqueId: string): WhyAnswer {
  for (const phase of plan.phases) {
    const technique = phase.techniques.find((each) => each.id === techniqueId);
    if (technique) return { kind: "planned", phase: phase.name, technique };
  }
  const excluded = plan.excluded.find((each) => each.id === techniqueId);
  if (excluded) return { kind: "excluded", reason: excluded.reason };
  return { kind: "not_chosen", fit: plan.ranking.find((each) => each.id === techniqueId)?.fit ?? null };
}

/// What the catalogue says about the client's problems and the plan's techniques, for coverage.
export interface CoverageCatalog {
  /// problem area id -> its mechanisms (targets) with their weights
  problems: Map<string, { id: string; weight: number }[]>;
  /// technique id -> the targets it works on
  techniques: Map<string, string[]>;
}

export interface Coverage {
  /// mechanisms of the client's problems that some planned technique works on
  covered: string[];
  /// mechanisms of the client's problems that no planned technique works on
  uncovered: string[];
}

/// Which mechanisms of the client's problems (the catalogue's problem areas) the plan's
/// techniques work on. A plain count for comparing plans; the planner's own weighting is in
/// each technique's target_coverage component.
export function coverage(plan: PlanView, catalog: CoverageCatalog): Coverage {
  const targets = new Set<string>();
  for (const problem of plan.problems) {
    for (const mechanism of catalog.problems.get(problem.id) ?? []) targets.add(mechanism.id);
  }
  const worked = new Set(plannedTechniques(plan).flatMap((each) => catalog.techniques.get(each.id) ?? []));
  const all = [...targets].sort();
  return { covered: all.filter((each) => worked.has(each)), uncovered: all.filter((each) => !worked.has(each)) };
}

export interface ComparisonRow {
  strategy: string;
  phases: { name: string; sessions: number | null }[];
  sessions: number;
  techniques: number;
  meanFit: number | null;
  lowestFit: number | null;
  coverage: Coverage;
}

export function compareRow(plan: PlanView, catalog: CoverageCatalog): ComparisonRow {
  const fits = plannedTechniques(plan)
    .map((each) => each.fit)
    .filter((fit): fit is number => fit !== null);
  return {
    strategy: plan.strategy,
    phases: plan.phases.map((phase) => ({ name: phase.name, sessions: phase.sessions })),
    sessions: plan.phases.reduce((sum, phase) => sum + (phase.sessions ?? 0), 0),
    techniques: plannedTechniques(plan).length,
    meanFit: fits.length ? fits.reduce((sum, fit) => sum + fit, 0) / fits.length : null,
    lowestFit: fits.length ? Math.min(...fits) : null,
    coverage: coverage(plan, catalog),
  };
}

/// A decision the plan offers the client, in words: a phase, the strategy, the next-best
/// techniques of a ranking, ... (the planner's names, src/planner/strategy_*.cpp).
export function decisionWords(decision: string): string {
  const known: Record<string, string> = {
    strategy: "Strategy",
    ranking: "Other well-fitting techniques",
    "home model": "Techniques of the home model",
    imports: "Techniques to import",
    template: "Integrative model",
    synthesis: "Other techniques for the synthesis",
  };
  if (known[decision]) return known[decision];
  if (decision.startsWith("preference:")) return `Preference: ${words(decision.slice("preference:".length))}`;
  return `${words(decision)} phase`;
}

/// An id from the planner or catalogue as words: "selective_synthesis" -> "selective synthesis".
export function words(id: string): string {
  return id.replaceAll("_", " ");
}

/// A fit or fit component to two decimals, as the planner's explanations give them.
export function formatFit(fit: number): string {
  return fit.toFixed(2);
}
