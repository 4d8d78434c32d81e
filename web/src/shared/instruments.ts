// The questionnaires the server knows, from their definition files (GET /api/v1/instruments
// and /instruments/{id}): names are shown as the files give them, never typed in here.
import { useQuery } from "@tanstack/react-query";
import { allPages, api, body } from "../api/client";
import type { InstrumentDefinition } from "../api/types";

interface InstrumentListItem {
  id: string;
  name: string;
  short_name: string;
}

export function useInstrumentNames() {
  return useQuery({
    queryKey: ["instruments"],
    queryFn: async () => {
      const items = await allPages<InstrumentListItem>((cursor) =>
        api.GET("/api/v1/instruments", { params: { query: { limit: "200", cursor } as never } }),
      );
      return new Map(items.map((item) => [item.id, item.short_name || item.name]));
    },
    staleTime: Infinity,
  });
}

export function useInstrumentDefinition(id: string) {
  return useQuery({
    queryKey: ["instrument", id],
    queryFn: () =>
      body<InstrumentDefinition>(
        api.GET("/api/v1/instruments/{instrument_id}", { params: { path: { instrument_id: id } } }),
      ),
    staleTime: Infinity,
  });
}
