// The signed-in clinician: GET /api/v1/me (which also hands over the session's CSRF token),
// signing in (password, then a TOTP code when the account has a second factor) and out.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, data, setCsrfToken } from "../api/client";
import type { LoginAnswer, Me } from "../api/types";
import { forgetAllDrafts } from "../shared/drafts";

export const ME_KEY = ["me"] as const;

/// The caller, or null when not signed in (a 401 is an answer here, not an error).
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await data(api.GET("/api/v1/me"));
    setCsrfToken(me.csrf_token);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000, retry: false });
}

export interface SignInInput {
  username: string;
  password: string;
  totpCode?: string;
}

/// What a refused sign-in means for the form.
export type SignInRefusal = "needs_code" | "wrong_code" | "wrong" | "too_many" | "other";

/// What the server's refusal means (docs/http.md, "Login answers" and "Second factor").
export function refusalOf(error: unknown): SignInRefusal {
  if (!(error instanceof ApiError)) return "other";
  if (error.status === 429) return "too_many";
  if (error.status === 401 && error.message.includes("totp_code")) return "needs_code";
  if (error.status === 401 && error.message.includes("one-time code")) return "wrong_code";
  if (error.status === 401) return "wrong";
  return "other";
}

export async function signIn(input: SignInInput): Promise<LoginAnswer> {
  const answer = await data(
    api.POST("/api/v1/login", {
      body: {
        username: input.username,
        password: input.password,
        ...(input.totpCode ? { totp_code: input.totpCode } : {}),
        credential: "cookie",
      },
    }),
  );
  setCsrfToken(answer.csrf_token);
  return answer;
}

export function useSignOut() {
  const queries = useQueryClient();
  return async () => {
    try {
      await api.POST("/api/v1/logout");
    } finally {
      // Signing out on purpose: no half-written text stays in this tab.
      forgetAllDrafts(window.sessionStorage);
      setCsrfToken(null);
      queries.clear();
      queries.setQueryData(ME_KEY, null);
    }
  };
}
