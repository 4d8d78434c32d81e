// The one way the app talks to the server: openapi-fetch over the types generated from the
// server's OpenAPI document (schema.d.ts, `npm run api`), so a path, parameter or request body
// that the API no longer has is a type error. Cookie sessions (same origin, the cookie is
// HttpOnly); writes carry the session's CSRF token; a 401 on any call after sign-in tells the
// app that the session ended.
import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema";

export const api = createClient<paths>({ baseUrl: "" });

let csrfToken: string | null = null;

/// The session's synchronizer token, from the login answer or GET /api/v1/me.
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/// Listeners told when a call is refused because the session has ended (idle or absolute
/// time-out, signed out elsewhere, account disabled).
const sessionEndedListeners = new Set<() => void>();
export function onSessionEnded(listener: () => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
// Their 401s mean "wrong credentials" or "not signed in yet", not "your session ended".
const SIGN_IN_PATHS = ["/api/v1/login", "/api/v1/me"];

const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    if (WRITE_METHODS.has(request.method) && csrfToken !== null) {
      request.headers.set("X-CSRF-Token", csrfToken);
    }
    return request;
  },
  onResponse({ request, response }) {
    const path = new URL(request.url).pathname;
    if (response.status === 401 && !SIGN_IN_PATHS.includes(path)) {
      csrfToken = null;
      for (const listener of sessionEndedListeners) listener();
    }
    return response;
  },
};
api.use(sessionMiddleware);

/// An error answer of the API: its status, code and message (the message names the field and
/// the rule, so it can be shown as it is).
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

function errorOf(result: FetchResult): ApiError {
  const body = result.error as { error?: { code?: string; message?: string } } | undefined;
  return new ApiError(
    result.response.status,
    body?.error?.code ?? "unknown",
    body?.error?.message ?? `the server answered ${result.response.status}`,
  );
}

/// The body of a successful answer, typed by the OpenAPI document (the route's response
/// schema), or an ApiError.
export async function data<D>(
  call: Promise<{ data?: D; error?: unknown; response: Response }>,
): Promise<D> {
  const result = await call;
  if (result.error !== undefined || !result.response.ok || result.data === undefined) {
    throw errorOf(result);
  }
  return result.data;
}

/// Every item of a paged list (`?limit=&cursor=`), following next_cursor; the item type is
/// the page's, from the OpenAPI document.
export async function allPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<{
    data?: { items: T[]; next_cursor: string | null };
    error?: unknown;
    response: Response;
  }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pageIdx = 0; pageIdx < 100; pageIdx++) {
    const page = await data(fetchPage(cursor));
    items.push(...page.items);
    if (!page.next_cursor) return items;
    cursor = page.next_cursor;
  }
  return items;
}
