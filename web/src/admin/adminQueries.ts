// The admin's calls: accounts (list, create, disable or enable, reset a password or a second
// factor, set a staff account's email address), the audit chain's verification and a client's
// access history.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages, api, data } from "../api/client";
import type { Schemas } from "../api/types";

export type Account = Schemas["Account"];
export type AuditEntry = Schemas["AuditEntry"];
export type NewAccount = Schemas["CreateAccountRequest"];

const ACCOUNTS = ["admin", "accounts"] as const;

export function useAccounts() {
  return useQuery({
    queryKey: ACCOUNTS,
    queryFn: () =>
      allPages<Account>((cursor) => api.GET("/api/v1/users", { params: { query: { limit: 200, cursor } } })),
  });
}

export function useCreateAccount() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: NewAccount) => data(api.POST("/api/v1/users", { body })),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ACCOUNTS }),
  });
}

/// A staff account's email address (the lead clinician's notifications go there); "" clears it.
export function useSetAccountEmail() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ account, email }: { account: Account; email: string }) =>
      data(api.PUT("/api/v1/users/{user_id}/email", { params: { path: { user_id: account.id } }, body: { email } })),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ACCOUNTS }),
  });
}

export type AccountAction = "disable" | "enable" | "password-reset" | "totp-reset";

/// What an action on another account answers: its new status, or a generated password shown once.
export interface ActionDone {
  action: AccountAction;
  account: Account;
  password?: string;
}

export function useAccountAction() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: async ({ action, account }: { action: AccountAction; account: Account }): Promise<ActionDone> => {
      const params = { params: { path: { user_id: account.id } } };
      switch (action) {
        case "disable":
          await data(api.POST("/api/v1/users/{user_id}/disable", params));
          return { action, account };
        case "enable":
          await data(api.POST("/api/v1/users/{user_id}/enable", params));
          return { action, account };
        case "password-reset": {
          const reset = await data(api.POST("/api/v1/users/{user_id}/password-reset", params));
          return { action, account, password: reset.password };
        }
        case "totp-reset":
          await data(api.POST("/api/v1/users/{user_id}/totp-reset", params));
          return { action, account };
      }
    },
    onSuccess: () => void queries.invalidateQueries({ queryKey: ACCOUNTS }),
  });
}

/// Walking the audit log's hash chain: asked for on purpose (the walk is itself audited).
export function useVerifyAudit() {
  return useMutation({ mutationFn: () => data(api.GET("/api/v1/audit/verification")) });
}

export function useClients() {
  return useQuery({
    queryKey: ["admin", "clients"],
    queryFn: () => allPages((cursor) => api.GET("/api/v1/clients", { params: { query: { limit: 200, cursor } } })),
  });
}

export function useAccessHistory(clientId: number | null) {
  return useQuery({
    queryKey: ["admin", "access-history", clientId],
    enabled: clientId !== null,
    queryFn: () =>
      allPages<AuditEntry>((cursor) =>
        api.GET("/api/v1/clients/{client_id}/access-history", {
          params: { path: { client_id: clientId ?? 0 }, query: { limit: 200, cursor } },
        }),
      ),
  });
}
