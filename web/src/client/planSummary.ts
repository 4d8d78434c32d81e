// The active plan in a few lines: strategy, the phases with their models, sessions and goals,
// and who has signed the version. Read defensively from the plan version's content (the
// planner's JSON, src/planner/plan_json.cpp), so an older plan shape never breaks the page.

export interface PhaseSummary {
  name: string;
  models: string[];
  sessions: number | null;
  goals: string[];
  techniques: string[];
}

export interface PlanSummary {
  strategy: string;
  homeModel: string | null;
  phases: PhaseSummary[];
  clientGoals: string[];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((each): each is string => typeof each === "string") : [];
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

export function summarizePlan(content: unknown): PlanSummary {
  const plan = record(content);
  const phases = Array.isArray(plan.phases) ? plan.phases.map(record) : [];
  return {
    strategy: typeof plan.strategy === "string" ? plan.strategy.replaceAll("_", " ") : "unknown",
    homeModel: typeof plan.home_model === "string" ? plan.home_model : null,
    phases: phases.map((phase) => ({
      name: typeof phase.name === "string" ? phase.name : "Phase",
      models: strings(phase.models).map((model) => model.replaceAll("_", " ")),
      sessions: typeof phase.sessions === "number" ? phase.sessions : null,
      goals: strings(phase.goals),
      techniques: Array.isArray(phase.techniques)
        ? phase.techniques
            .map((technique) => (typeof technique === "string" ? technique : record(technique).id))
            .filter((id): id is string => typeof id === "string")
        : [],
    })),
    clientGoals: strings(plan.client_goals),
  };
}
