// The questionnaires the server knows, from their definition files (GET /api/v1/instruments
// and /instruments/{id}): names are shown as the files give them, never typed in here.
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { allPages, api, data } from "../api/client";
import type { InstrumentDefinition } from "../api/types";

function useInstrumentList() {
  return useQuery({
    queryKey: ["instruments"],
    queryFn: () =>
      allPages((cursor) =>
        api.GET("/api/v1/instruments", { params: { query: { limit: 200, cursor } } }),
      ),
    staleTime: Infinity,
  });
}

/// Instrument id -> the name clinicians write ("PHQ-9").
export function useInstrumentNames() {
  const list = useInstrumentList();
  const names = useMemo(
    () => (list.data ? new Map(list.data.map((item) => [item.id, item.short_name || item.name])) : undefined),
    [list.data],
  );
  return { ...list, data: names };
}

/// Every instrument the server knows, as listed (id, name, short name).
export function useInstruments() {
  return useInstrumentList();
}

/// The whole definition file, typed as the OpenAPI document describes it (the form is built
/// from it).
export function useInstrument(id: string | null) {
  return useQuery({
    queryKey: ["instrument", id, "definition"],
    enabled: id !== null,
    queryFn: () =>
      data(api.GET("/api/v1/instruments/{instrument_id}", { params: { path: { instrument_id: id ?? "" } } })),
    staleTime: Infinity,
  });
}

export function useInstrumentDefinition(id: string) {
  return useQuery({
    queryKey: ["instrument", id],
    queryFn: () =>
      // The chart's view of the definition's free-form sections (types.ts).
      data(
        api.GET("/api/v1/instruments/{instrument_id}", { params: { path: { instrument_id: id } } }),
      ) as Promise<unknown> as Promise<InstrumentDefinition>,
    staleTime: Infinity,
  });
}
