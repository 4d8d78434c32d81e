// The signed-in clinician's therapist profile (the one whose user_id is theirs) and the
// catalogue names of the models and techniques it refers to.
import { useQuery } from "@tanstack/react-query";
import { allPages, api } from "../api/client";
import type { Schemas } from "../api/types";

export type Therapist = Schemas["Therapist"];
export type Competency = Schemas["Competency"];

export function useMyTherapistProfile(userId: number | undefined) {
  return useQuery({
    queryKey: ["therapists", "mine", userId],
    enabled: userId !== undefined,
    queryFn: async () => {
      const therapists = await allPages<Therapist>((cursor) =>
        api.GET("/api/v1/therapists", { params: { query: { limit: 200, cursor } } }),
      );
      return therapists.find((therapist) => therapist.user_id === userId) ?? null;
    },
  });
}

/// Model and technique id -> catalogue name.
export function useCatalogNames() {
  return useQuery({
    queryKey: ["catalog", "names"],
    staleTime: Infinity,
    queryFn: async () => {
      const [models, techniques] = await Promise.all([
        allPages((cursor) => api.GET("/api/v1/catalog/models", { params: { query: { limit: 200, cursor } } })),
        allPages((cursor) => api.GET("/api/v1/catalog/techniques", { params: { query: { limit: 200, cursor } } })),
      ]);
      return new Map<string, string>([
        ...models.map((model): [string, string] => [model.id, model.name]),
        ...techniques.map((technique): [string, string] => [technique.id, technique.name]),
      ]);
    },
  });
}
