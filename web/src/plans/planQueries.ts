// Plans of a client: listing them with their status, reading one with every version, drafting
// one per strategy (to compare them side by side), recording the client's choices, signing off
// (the clinician's signature, and the client's agreement recorded on their behalf), and
// discarding a draft. Every write answers with the whole plan, which replaces the cached one.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages, api, data } from "../api/client";
import type { Schemas } from "../api/types";

export type Plan = Schemas["Plan"];
export type PlanStatus = Plan["status"];
export type Strategy = NonNullable<Schemas["CreatePlanRequest"]["strategy"]>;
export type Agreement = NonNullable<Schemas["PlanSignOffRequest"]["agreement"]>;

/// The integration strategies a plan can follow (DESIGN.md §1), in the order they are offered.
export const STRATEGIES: { id: Exclude<Strategy, "auto">; words: string; what: string }[] = [
  { id: "eclectic", words: "Eclectic", what: "The best-fitting techniques from any model, for this client and problem." },
  { id: "sequential", words: "Sequential", what: "Models one after another in phases, switching when progress calls for it." },
  { id: "selective_synthesis", words: "Selective synthesis", what: "The set of techniques that covers the client's targets best, solved exactly." },
  { id: "assimilative", words: "Assimilative", what: "One home model, with techniques imported from others." },
  { id: "integrative_model", words: "Integrative model", what: "A unified framework (such as DBT or CAT) when the client's profile matches." },
];

export function strategyWords(id: string): string {
  return STRATEGIES.find((each) => each.id === id)?.words ?? id.replaceAll("_", " ");
}

export const STATUS_WORDS: Record<PlanStatus, string> = {
  draft: "Draft",
  active: "Active",
  superseded: "Superseded",
  discarded: "Discarded",
};

export const AGREEMENT_WORDS: Record<Agreement | "own_account", string> = {
  in_session: "in the session",
  by_phone: "by phone",
  in_writing: "in writing",
  own_account: "with their own account",
};

/// Plan answers carry each version's content as a readable summary unless asked for the
/// planner's whole document, which the builder needs: every fit component ("why this one"),
/// every excluded technique with its reason and the ranking ("why not that one"). Every plan
/// the builder caches is the full one.
export const FULL = { detail: "full" } as const;

export function useClientPlans(clientId: number) {
  return useQuery({
    queryKey: ["client", clientId, "plans"],
    queryFn: () =>
      allPages<Schemas["PlanSummary"]>((cursor) =>
        api.GET("/api/v1/clients/{client_id}/plans", {
          params: { path: { client_id: clientId }, query: { limit: 200, cursor } },
        }),
      ),
  });
}

export function usePlan(planId: number) {
  return useQuery({
    queryKey: ["plan", planId, "all"],
    queryFn: () =>
      data(api.GET("/api/v1/plans/{plan_id}", { params: { path: { plan_id: planId }, query: FULL } })),
  });
}

/// The catalogue's problem areas and techniques (names, targets) for the builder's words and
/// the comparison's coverage.
export function useCatalogProblems() {
  return useQuery({
    queryKey: ["catalog", "problems"],
    queryFn: () =>
      allPages<Schemas["CatalogProblemArea"]>((cursor) =>
        api.GET("/api/v1/catalog/problems", { params: { query: { limit: 200, cursor } } }),
      ),
    staleTime: Infinity,
  });
}

function useKeepPlan(clientId: number) {
  const queries = useQueryClient();
  return (plan: Plan) => {
    queries.setQueryData(["plan", plan.id, "all"], plan);
    void queries.invalidateQueries({ queryKey: ["client", clientId] });
    void queries.invalidateQueries({ queryKey: ["plan", plan.id] });
    void queries.invalidateQueries({ queryKey: ["caseload"] });
  };
}

export function useCreatePlans(clientId: number) {
  const keep = useKeepPlan(clientId);
  return useMutation({
    // One draft per strategy, one after another (the planner runs on the server for each).
    mutationFn: async ({ episodeId, strategies }: { episodeId: number; strategies: Strategy[] }) => {
      const plans: Plan[] = [];
      for (const strategy of strategies) {
        plans.push(
          await data(
            api.POST("/api/v1/clients/{client_id}/plans", {
              params: { path: { client_id: clientId }, query: FULL },
              body: { episode_id: episodeId, strategy },
            }),
          ),
        );
      }
      return plans;
    },
    onSuccess: (plans) => plans.forEach(keep),
  });
}

export function useDiscardPlans(clientId: number) {
  const keep = useKeepPlan(clientId);
  return useMutation({
    mutationFn: async ({ planIds, reason }: { planIds: number[]; reason: string }) => {
      const plans: Plan[] = [];
      for (const planId of planIds) {
        plans.push(
          await data(
            api.POST("/api/v1/plans/{plan_id}/discard", {
              params: { path: { plan_id: planId }, query: FULL },
              body: { reason },
            }),
          ),
        );
      }
      return plans;
    },
    onSuccess: (plans) => plans.forEach(keep),
  });
}

export function useRecordChoices(clientId: number, planId: number) {
  const keep = useKeepPlan(clientId);
  return useMutation({
    mutationFn: (body: Schemas["PlanChoicesRequest"]) =>
      data(api.POST("/api/v1/plans/{plan_id}/choices", { params: { path: { plan_id: planId }, query: FULL }, body })),
    onSuccess: keep,
  });
}

export function useSignOff(clientId: number, planId: number) {
  const keep = useKeepPlan(clientId);
  return useMutation({
    mutationFn: (body: Schemas["PlanSignOffRequest"]) =>
      data(api.POST("/api/v1/plans/{plan_id}/sign-offs", { params: { path: { plan_id: planId }, query: FULL }, body })),
    onSuccess: keep,
  });
}
