// Sign in with username and password; when the account has a second factor, the server asks
// for its current code and the form shows that field. After signing in, back to where the
// clinician was (`?next=`), saying so when their session had ended. When the sign-in created the
// clinician's psychotherapy-note key, the server returns its recovery code this once: the page
// shows it and asks them to write it down before going on (it is kept nowhere).
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { ApiError } from "../api/client";
import type { Me } from "../api/types";
import { forgetOtherAccounts } from "../shared/drafts";
import { safeReturnPath } from "./returnTo";
import { RecoveryCodeStep } from "./RecoveryCodeStep";
import { ME_KEY, fetchMe, refusalOf, signIn } from "./session";

const REFUSAL_TEXT = {
  needs_code: "Enter the current code from your authenticator app.",
  wrong_code: "That code is not right, or was already used. Enter the current code from your authenticator app.",
  wrong: "The username or password is wrong.",
  too_many: "Too many attempts. Wait a while before trying again.",
  other: "Signing in did not work. Try again in a moment.",
} as const;

export function SignInPage() {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const next = safeReturnPath(search.get("next"));
  const ended = search.get("ended") === "1";
  const [needsCode, setNeedsCode] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const codeField = useRef<HTMLInputElement>(null);
  // The note key's recovery code, shown once before going on (never stored).
  const [recovery, setRecovery] = useState<{ code: string; me: Me | null } | null>(null);
  // When the server asks for the second factor, the new field takes the focus.
  useEffect(() => {
    if (needsCode) codeField.current?.focus();
  }, [needsCode]);

  function enter(me: Me | null) {
    // Half-written text of another account never reaches this one.
    if (me) forgetOtherAccounts(window.sessionStorage, me.user.id);
    // Nothing cached under the ended session (errors included) is shown to the new one.
    queries.clear();
    queries.setQueryData(ME_KEY, me);
    navigate(next, { replace: true });
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setProblem(null);
    try {
      const answer = await signIn({
        username: String(form.get("username") ?? ""),
        password: String(form.get("password") ?? ""),
        totpCode: needsCode ? String(form.get("totp_code") ?? "") : undefined,
      });
      const me = await fetchMe();
      const code = answer.note_key?.recovery_code;
      if (code) setRecovery({ code, me });
      else enter(me);
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal === "needs_code" && !needsCode) {
        setNeedsCode(true);
      } else if (refusal === "other" && error instanceof ApiError && error.status === 403) {
        setProblem(error.message);  // e.g. an admin who must enrol a second factor first
      } else {
        setProblem(REFUSAL_TEXT[refusal]);
      }
    } finally {
      setBusy(false);
    }
  }

  if (recovery) {
    return <RecoveryCodeStep code={recovery.code} onDone={() => enter(recovery.me)} />;
  }

  return (
    <main id="main" className="sign-in">
      <div className="sign-in-card">
        <p className="brand brand-large">tessera</p>
        <h1>Sign in</h1>
        {ended && (
          <p className="notice" role="status">
            Your session ended, so you were signed out. Sign in again to return to the page you
            were on.
          </p>
        )}
        {problem && (
          <p className="problem" role="alert">
            {problem}
          </p>
        )}
        <form onSubmit={submit} noValidate={false}>
          <label htmlFor="username">Username</label>
          <input id="username" name="username" autoComplete="username" required autoFocus />
          <label htmlFor="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
          />
          {needsCode && (
            <>
              <label htmlFor="totp_code">Code from your authenticator app</label>
              <p className="hint" id="totp-hint">
                Your account has a second factor: enter the 6-digit code it shows now.
              </p>
              <input
                id="totp_code"
                name="totp_code"
                ref={codeField}
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]{6}"
                maxLength={6}
                aria-describedby="totp-hint"
                required
              />
            </>
          )}
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </form>
      </div>
    </main>
  );
}
