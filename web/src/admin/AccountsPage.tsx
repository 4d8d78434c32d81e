// Accounts (admin): every account with its role and status; creating one (a password is
// generated and shown once unless one is given); disabling or enabling, resetting a password
// (a new one generated and shown once) or a second factor. Each change ends the account's
// sessions on the server; the page asks before doing it. A staff account's email address, where
// the lead clinician's notifications are sent, is set when creating it or changed in its row.
import { useId, useState, type FormEvent } from "react";
import { useMe } from "../auth/session";
import { formatDate } from "../shared/format";
import { Loading, Problem } from "../shared/QueryState";
import {
  useAccountAction,
  useAccounts,
  useCreateAccount,
  useSetAccountEmail,
  type Account,
  type AccountAction,
  type ActionDone,
  type NewAccount,
} from "./adminQueries";
import { OneTimePassword } from "./OneTimePassword";
import "./admin.css";

const ROLES: { value: NewAccount["role"]; label: string }[] = [
  { value: "clinician", label: "Clinician" },
  { value: "supervisor", label: "Supervisor" },
  { value: "admin", label: "Administrator" },
  { value: "client", label: "Client (reads one record)" },
];

const ACTION_LABELS: Record<AccountAction, string> = {
  disable: "Disable",
  enable: "Enable",
  "password-reset": "Reset password",
  "totp-reset": "Reset second factor",
};

const ACTION_WARNINGS: Record<AccountAction, string> = {
  disable: "They cannot sign in until enabled again, and their sessions end now.",
  enable: "They can sign in again.",
  "password-reset":
    "A new password is generated and shown once; their sessions end now. Their private psychotherapy notes stay locked until they use their recovery code.",
  "totp-reset": "Their second factor is removed and their sessions end now; they can enrol a new one.",
};

const DONE_TEXT: Record<AccountAction, string> = {
  disable: "is disabled; their sessions have ended",
  enable: "is enabled again",
  "password-reset": "has a new password; their sessions have ended",
  "totp-reset": "has no second factor now; their sessions have ended",
};

export function AccountsPage() {
  const accounts = useAccounts();
  const action = useAccountAction();
  const me = useMe().data;
  const [asking, setAsking] = useState<{ action: AccountAction; account: Account } | null>(null);
  const [done, setDone] = useState<ActionDone | null>(null);

  function confirm() {
    if (!asking) return;
    action.mutate(asking, {
      onSuccess: (answer) => {
        setDone(answer);
        setAsking(null);
      },
    });
  }

  return (
    <>
      <div className="page-head">
        <h1>Accounts</h1>
      </div>
      <p className="lede">Who can sign in, with which role.</p>
      <CreateAccount />
      {done && (
        <div className="notice" role="status">
          <p>
            <strong>{done.account.username}</strong> {DONE_TEXT[done.action]}.
          </p>
          {done.password && <OneTimePassword username={done.account.username} password={done.password} />}
        </div>
      )}
      {accounts.isPending && <Loading what="accounts" />}
      {accounts.isError && <Problem error={accounts.error} />}
      {accounts.data && (
        <table className="accounts">
          <caption className="visually-hidden">Accounts</caption>
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Email</th>
              <th scope="col">Created</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {accounts.data.map((account) => {
              const self = account.id === me?.user.id;
              const open = asking?.account.id === account.id ? asking : null;
              return (
                <tr key={account.id}>
                  <th scope="row">
                    {account.username}
                    {self && <span className="muted"> (you)</span>}
                  </th>
                  <td data-label="Role">{account.role}</td>
                  <td data-label="Status">
                    <span className={account.status === "active" ? "status status-on_track" : "status status-no_data"}>
                      {account.status === "active" ? "Active" : "Disabled"}
                    </span>
                  </td>
                  <td data-label="Email">
                    <EmailCell account={account} />
                  </td>
                  <td data-label="Created">{formatDate(account.created_at)}</td>
                  <td className="account-actions">
                    {self ? (
                      <span className="muted">Your own account</span>
                    ) : open ? (
                      <div className="confirm" role="group" aria-label={`${ACTION_LABELS[open.action]} ${account.username}`}>
                        <p>
                          {ACTION_LABELS[open.action]} <strong>{account.username}</strong>? {ACTION_WARNINGS[open.action]}
                        </p>
                        <div className="actions">
                          <button type="button" className="button-primary" disabled={action.isPending} onClick={confirm}>
                            {ACTION_LABELS[open.action]}
                          </button>
                          <button type="button" className="button-quiet" onClick={() => setAsking(null)}>
                            Cancel
                          </button>
                        </div>
                        {action.isError && <Problem error={action.error} />}
                      </div>
                    ) : (
                      <div className="actions">
                        {(["password-reset", "totp-reset", account.status === "active" ? "disable" : "enable"] as const).map(
                          (key) => (
                            <button
                              key={key}
                              type="button"
                              className="button-quiet"
                              aria-label={`${ACTION_LABELS[key]} for ${account.username}`}
                              onClick={() => {
                                action.reset();
                                setDone(null);
                                setAsking({ action: key, account });
                              }}
                            >
                              {ACTION_LABELS[key]}
                            </button>
                          ),
                        )}
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}

// The account's address and, for staff accounts, a small form to change or clear it.
function EmailCell({ account }: { account: Account }) {
  const save = useSetAccountEmail();
  const [editing, setEditing] = useState(false);
  const inputId = useId();
  if (account.role === "client") return <span className="muted">Their reminder contact</span>;
  if (!editing) {
    return (
      <span className="email-cell">
        {account.email ? account.email : <span className="muted">None</span>}{" "}
        <button
          type="button"
          className="button-quiet"
          aria-label={`Change email for ${account.username}`}
          onClick={() => {
            save.reset();
            setEditing(true);
          }}
        >
          Change
        </button>
      </span>
    );
  }
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    save.mutate({ account, email }, { onSuccess: () => setEditing(false) });
  }
  return (
    <form className="email-form" onSubmit={submit}>
      <label htmlFor={inputId}>Email for {account.username}</label>
      <input id={inputId} name="email" type="email" maxLength={254} defaultValue={account.email} autoComplete="off" />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={save.isPending}>
          Save
        </button>
        <button type="button" className="button-quiet" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
      {save.isError && <Problem error={save.error} />}
    </form>
  );
}

function CreateAccount() {
  const create = useCreateAccount();
  const [created, setCreated] = useState<{ username: string; password?: string } | null>(null);
  const usernameId = useId();
  const roleId = useId();
  const passwordId = useId();
  const emailId = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const fields = new FormData(form);
    const password = String(fields.get("password") ?? "");
    const email = String(fields.get("email") ?? "").trim();
    const body: NewAccount = {
      username: String(fields.get("username") ?? "").trim(),
      role: String(fields.get("role")) as NewAccount["role"],
      ...(password ? { password } : {}),
      ...(email ? { email } : {}),
    };
    setCreated(null);
    create.mutate(body, {
      onSuccess: (answer) => {
        setCreated({ username: answer.username, ...(answer.password ? { password: answer.password } : {}) });
        form.reset();
      },
    });
  }

  return (
    <details className="panel create-account" open={created !== null || undefined}>
      <summary>Create an account</summary>
      <form onSubmit={submit}>
        <div className="create-fields">
          <div className="field">
            <label htmlFor={usernameId}>Username</label>
            <p className="hint" id={`${usernameId}-hint`}>
              Lower-case letters, digits, dots, dashes and underscores.
            </p>
            <input
              id={usernameId}
              name="username"
              required
              maxLength={64}
              pattern="[a-z0-9._\-]{1,64}"
              autoComplete="off"
              aria-describedby={`${usernameId}-hint`}
            />
          </div>
          <div className="field">
            <label htmlFor={roleId}>Role</label>
            <p className="hint">What they may see and do.</p>
            <select id={roleId} name="role" defaultValue="clinician">
              {ROLES.map((role) => (
                <option key={role.value} value={role.value}>
                  {role.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={passwordId}>Password (optional)</label>
            <p className="hint" id={`${passwordId}-hint`}>
              Leave empty to have one generated and shown once.
            </p>
            <input
              id={passwordId}
              name="password"
              type="password"
              minLength={12}
              maxLength={1024}
              autoComplete="new-password"
              aria-describedby={`${passwordId}-hint`}
            />
          </div>
          <div className="field">
            <label htmlFor={emailId}>Email (optional, staff)</label>
            <p className="hint" id={`${emailId}-hint`}>
              Where a lead clinician is told that a client needs attention. Never for client accounts.
            </p>
            <input
              id={emailId}
              name="email"
              type="email"
              maxLength={254}
              autoComplete="off"
              aria-describedby={`${emailId}-hint`}
            />
          </div>
        </div>
        {create.isError && <Problem error={create.error} />}
        <div className="actions">
          <button type="submit" className="button-primary" disabled={create.isPending}>
            Create the account
          </button>
        </div>
      </form>
      {created && (
        <div className="notice" role="status">
          <p>
            Account <strong>{created.username}</strong> created.
          </p>
          {created.password && <OneTimePassword username={created.username} password={created.password} />}
        </div>
      )}
    </details>
  );
}
