// The practice statistics over the caller's clients, within an optional period.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, data } from "../api/client";

export interface Period {
  from: string;
  to: string;
}

export function usePracticeStatistics(period: Period) {
  return useQuery({
    queryKey: ["statistics", "practice", period.from, period.to],
    queryFn: () =>
      data(
        api.GET("/api/v1/statistics/practice", {
          params: {
            query: {
              ...(period.from ? { from: period.from } : {}),
              ...(period.to ? { to: period.to } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
