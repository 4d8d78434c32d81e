// Where to go after signing in: back to the page the clinician was on when their session
// ended (only a path inside this app, never another site).
export function safeReturnPath(value: string | null): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/api/")) {
    return "/";
  }
  return value;
}

export function signInPath(returnTo: string, ended: boolean): string {
  const query = new URLSearchParams({ next: returnTo });
  if (ended) query.set("ended", "1");
  return `/sign-in?${query.toString()}`;
}
