// The signed-in account's own password and second factor (docs/http.md, "After enrolment"):
// changing the password needs the current one and ends the account's other sessions; a second
// factor is set up by adding the secret to an authenticator app and confirming one of its codes,
// and removed with a current code. Nothing typed here is kept anywhere.
import { useId, useState, type FormEvent } from "react";
import { api, data } from "../api/client";
import { Problem } from "../shared/QueryState";
import { useMutation } from "@tanstack/react-query";
import type { Schemas } from "../api/types";

const NOTE_KEY_WORDS: Record<Schemas["PasswordChanged"]["note_key"], string> = {
  none: "",
  unlocked: " Your private psychotherapy notes stay readable under the new password.",
  created: " Your key for private psychotherapy notes is now protected by the new password.",
  needs_recovery:
    " Your private psychotherapy notes stay sealed until you enter your recovery code (after an administrator reset your password).",
};

export function AccountSecurity() {
  return (
    <div className="security-grid">
      <ChangePassword />
      <SecondFactor />
    </div>
  );
}

function ChangePassword() {
  const ids = useId();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const change = useMutation({
    mutationFn: (body: Schemas["PasswordChangeRequest"]) => data(api.POST("/api/v1/me/password", { body })),
  });
  const mismatch = repeat !== "" && next !== repeat;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (next !== repeat) return;
    change.mutate(
      { current_password: current, new_password: next },
      {
        onSuccess: () => {
          setCurrent("");
          setNext("");
          setRepeat("");
        },
      },
    );
  }

  return (
    <section className="panel" aria-labelledby="password-heading">
      <h2 id="password-heading">Change your password</h2>
      <p className="hint">At least 12 characters. Your other signed-in sessions end; this one stays.</p>
      <form className="security-form" onSubmit={submit}>
        <label htmlFor={`${ids}-current`}>Current password</label>
        <input
          id={`${ids}-current`}
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
        />
        <label htmlFor={`${ids}-new`}>New password</label>
        <input
          id={`${ids}-new`}
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          maxLength={1024}
          value={next}
          onChange={(event) => setNext(event.target.value)}
        />
        <label htmlFor={`${ids}-repeat`}>New password again</label>
        <input
          id={`${ids}-repeat`}
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={mismatch}
          aria-describedby={mismatch ? `${ids}-mismatch` : undefined}
          value={repeat}
          onChange={(event) => setRepeat(event.target.value)}
        />
        {mismatch && (
          <p className="field-problem" id={`${ids}-mismatch`}>
            The two new passwords are not the same.
          </p>
        )}
        {change.isError && <Problem error={change.error} />}
        {change.isSuccess && (
          <p className="notice" role="status">
            Your password was changed; your other sessions have ended.{NOTE_KEY_WORDS[change.data.note_key]}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button-primary" disabled={change.isPending || mismatch}>
            {change.isPending ? "Changing…" : "Change the password"}
          </button>
        </div>
      </form>
    </section>
  );
}

/// "ABCD EFGH ..." so the secret can be typed into an app without losing one's place.
function grouped(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

function SecondFactor() {
  const ids = useId();
  const [secret, setSecret] = useState<Schemas["TotpSecret"] | null>(null);
  const [code, setCode] = useState("");
  const [currentCode, setCurrentCode] = useState("");
  const [removalCode, setRemovalCode] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => data(api.POST("/api/v1/me/totp/secret", {})),
    onSuccess: (answer) => {
      setDone(null);
      setSecret(answer);
    },
  });
  const enrol = useMutation({
    mutationFn: (body: Schemas["TotpEnrolRequest"]) => data(api.POST("/api/v1/me/totp", { body })),
    onSuccess: () => {
      setSecret(null);
      setCode("");
      setCurrentCode("");
      setDone("Your second factor is set up: signing in now asks for a code from your authenticator app.");
    },
  });
  const remove = useMutation({
    mutationFn: (body: Schemas["TotpRemovalRequest"]) => data(api.POST("/api/v1/me/totp/removal", { body })),
    onSuccess: () => {
      setRemovalCode("");
      setDone("Your second factor is removed: signing in asks for your password only.");
    },
  });

  function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!secret) return;
    enrol.mutate({ secret: secret.secret, code: code.trim(), ...(currentCode.trim() ? { current_code: currentCode.trim() } : {}) });
  }

  function removeFactor(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    remove.mutate({ code: removalCode.trim() });
  }

  return (
    <section className="panel" aria-labelledby="factor-heading">
      <h2 id="factor-heading">Second factor</h2>
      <p className="hint">
        A six-digit code from an authenticator app on your phone, asked for at every sign-in after your password.
      </p>
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      {!secret ? (
        <div className="actions">
          <button type="button" className="button-secondary" disabled={start.isPending} onClick={() => start.mutate()}>
            Set up a second factor (or replace yours)
          </button>
        </div>
      ) : (
        <form className="security-form" onSubmit={confirm}>
          <p>
            In your authenticator app, add an account with this key (or open the link on the phone that has the app):
          </p>
          <label htmlFor={`${ids}-key`}>Key for the authenticator app</label>
          <input id={`${ids}-key`} className="totp-secret" type="text" readOnly value={grouped(secret.secret)} />
          <p>
            <a href={secret.otpauth_uri}>Open in an authenticator app</a>
          </p>
          <label htmlFor={`${ids}-code`}>The code the app shows now</label>
          <input
            id={`${ids}-code`}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            required
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
          <label htmlFor={`${ids}-current-code`}>Replacing a second factor? A code of the one you have now</label>
          <input
            id={`${ids}-current-code`}
            inputMode="numeric"
            autoComplete="off"
            pattern="[0-9]{6}"
            value={currentCode}
            onChange={(event) => setCurrentCode(event.target.value)}
          />
          {enrol.isError && <Problem error={enrol.error} />}
          <div className="actions">
            <button type="submit" className="button-primary" disabled={enrol.isPending}>
              Confirm the second factor
            </button>
            <button type="button" className="button-quiet" onClick={() => setSecret(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {start.isError && <Problem error={start.error} />}
      <form className="security-form security-remove" onSubmit={removeFactor}>
        <h3>Remove your second factor</h3>
        <label htmlFor={`${ids}-removal`}>A code from your authenticator app</label>
        <input
          id={`${ids}-removal`}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          required
          value={removalCode}
          onChange={(event) => setRemovalCode(event.target.value)}
        />
        {remove.isError && <Problem error={remove.error} />}
        <div className="actions">
          <button type="submit" className="button-quiet" disabled={remove.isPending}>
            Remove the second factor
          </button>
        </div>
      </form>
    </section>
  );
}
