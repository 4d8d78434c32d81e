// The plan's status and its sign-offs. A draft becomes the active plan when its current
// version has the clinician's signature and the client's agreement (their own sign-off, or
// recorded here with how they gave it); the previously active plan is then superseded. A
// draft can be discarded with a reason. The plan's history is its own panel (PlanHistory).
import { useId, useState, type FormEvent } from "react";
import { useMe } from "../auth/session";
import { formatDate } from "../shared/format";
import { Problem } from "../shared/QueryState";
import { PlanStatusBadge } from "./PlanStatusBadge";
import { AGREEMENT_WORDS, useDiscardPlans, useSignOff, type Agreement, type Plan } from "./planQueries";

const STATUS_MEANING: Record<Plan["status"], string> = {
  draft: "Not in use yet: it becomes the active plan when you sign it and the client agrees.",
  active: "The plan in use: the monitor reviews sessions against it.",
  superseded: "Replaced by a newer plan; kept as it was.",
  discarded: "Set aside as a draft; kept as it was.",
};

export function SignOffPanel({ clientId, plan }: { clientId: number; plan: Plan }) {
  const me = useMe().data;
  const signOff = useSignOff(clientId, plan.id);
  const discard = useDiscardPlans(clientId);
  const [agreement, setAgreement] = useState<Agreement>("in_session");
  const ids = useId();
  const current = plan.versions.find((each) => each.version === plan.current_version);
  const signs = current?.sign_offs ?? [];
  const clinicianSigned = signs.some((each) => each.role === "clinician" || each.role === "supervisor");
  const clientAgreed = signs.some((each) => each.role === "client");
  const open = plan.status === "draft" || plan.status === "active";
  const who = (userId: number) => (me && me.user.id === userId ? "you" : `user ${userId}`);

  function discardDraft(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "").trim();
    discard.mutate({ planIds: [plan.id], reason });
  }

  return (
    <section className="panel" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>Status and sign-off</h2>
      <p>
        <PlanStatusBadge status={plan.status} /> {STATUS_MEANING[plan.status]}
      </p>
      <h3>Version {plan.current_version}</h3>
      <ul className="sign-offs">
        <li className={clinicianSigned ? "done" : "todo"}>
          {clinicianSigned
            ? signs
                .filter((each) => each.role !== "client")
                .map((each) => `Signed by ${who(each.user_id)} as ${each.role}, ${formatDate(each.signed_at)}`)
                .join("; ")
            : "Not signed by a clinician yet"}
        </li>
        <li className={clientAgreed ? "done" : "todo"}>
          {clientAgreed
            ? signs
                .filter((each) => each.role === "client")
                .map(
                  (each) =>
                    `Client agreed ${AGREEMENT_WORDS[each.agreement as keyof typeof AGREEMENT_WORDS] ?? each.agreement}, ${formatDate(each.signed_at)}`,
                )
                .join("; ")
            : "The client has not agreed yet"}
        </li>
      </ul>
      {open && !clinicianSigned && (
        <button
          type="button"
          className="button-primary"
          disabled={signOff.isPending}
          onClick={() => signOff.mutate({ version: plan.current_version, role: "clinician" })}
        >
          Sign version {plan.current_version}
        </button>
      )}
      {open && !clientAgreed && (
        <div className="agreement">
          <label htmlFor={`${ids}-agreement`}>How the client agreed</label>
          <select
            id={`${ids}-agreement`}
            value={agreement}
            onChange={(event) => setAgreement(event.target.value as Agreement)}
          >
            <option value="in_session">In the session</option>
            <option value="by_phone">By phone</option>
            <option value="in_writing">In writing</option>
          </select>
          <button
            type="button"
            className="button-secondary"
            disabled={signOff.isPending}
            onClick={() => signOff.mutate({ version: plan.current_version, role: "client", agreement })}
          >
            Record the client's agreement
          </button>
        </div>
      )}
      {signOff.isError && <Problem error={signOff.error} />}

      {plan.status === "draft" && (
        <details className="discard">
          <summary>Discard this draft…</summary>
          <form onSubmit={discardDraft}>
            <label htmlFor={`${ids}-reason`}>Why it is set aside</label>
            <textarea id={`${ids}-reason`} name="reason" rows={2} required maxLength={2000} />
            <button type="submit" className="button-secondary" disabled={discard.isPending}>
              Discard the draft
            </button>
            {discard.isError && <Problem error={discard.error} />}
          </form>
        </details>
      )}

    </section>
  );
}
