// The client page's care team: who works on the case and in what role, by name. Admins and
// clinicians add a clinician (one with a therapist profile) in a role and take members off; the
// lead clinician is never taken off (the server refuses it too). Taking someone off asks first,
// since they can no longer open the record.
import { useId, useState, type FormEvent } from "react";
import { useMe } from "../auth/session";
import { Loading, Problem } from "../shared/QueryState";
import {
  CARE_TEAM_ROLE_WORDS,
  mayChangeCareTeam,
  useAddCareTeamMember,
  useCareTeam,
  useLinkedTherapists,
  useRemoveCareTeamMember,
  type CareTeamRole,
} from "./careTeamQueries";

const ROLE_ORDER: CareTeamRole[] = ["lead", "co_therapist", "supervisor", "consultant"];
const ADDABLE_ROLES: CareTeamRole[] = ["co_therapist", "supervisor", "consultant"];

export function CareTeamPanel({ clientId, clientName }: { clientId: number; clientName: string }) {
  const me = useMe().data;
  const team = useCareTeam(clientId);
  const canChange = me ? mayChangeCareTeam(me.user.role) : false;
  const [asking, setAsking] = useState<number | null>(null);
  const remove = useRemoveCareTeamMember(clientId);

  const members = [...(team.data ?? [])].sort(
    (left, right) =>
      ROLE_ORDER.indexOf(left.role) - ROLE_ORDER.indexOf(right.role) ||
      (left.name ?? "").localeCompare(right.name ?? ""),
  );

  return (
    <section className="panel no-print care-team" aria-labelledby="care-team-heading">
      <h2 id="care-team-heading">Care team</h2>
      <p className="hint">Who works with {clientName}. Only they (and, for supervision, their team's supervisor) open this record.</p>
      {team.isPending && <Loading what="the care team" />}
      {team.isError && <Problem error={team.error} />}
      <ul className="care-team-list">
        {members.map((member) => {
          const name = member.name ?? `account ${member.user_id}`;
          const self = me?.user.id === member.user_id;
          return (
            <li key={member.user_id}>
              <div className="care-team-who">
                <strong>{name}</strong>
                {self && <span className="muted"> (you)</span>}
                <span className="care-team-role">{CARE_TEAM_ROLE_WORDS[member.role]}</span>
              </div>
              {canChange && member.role !== "lead" && asking !== member.user_id && (
                <button
                  type="button"
                  className="button-quiet"
                  aria-label={`Take ${name} off the care team`}
                  onClick={() => {
                    remove.reset();
                    setAsking(member.user_id);
                  }}
                >
                  Take off…
                </button>
              )}
              {asking === member.user_id && (
                <div className="confirm" role="group" aria-label={`Take ${name} off the care team`}>
                  <p>
                    Take <strong>{name}</strong> off {clientName}'s care team?{" "}
                    {self ? "You will" : "They will"} no longer be able to open this record.
                  </p>
                  <div className="actions">
                    <button
                      type="button"
                      className="button-primary"
                      disabled={remove.isPending}
                      onClick={() => remove.mutate(member.user_id, { onSuccess: () => setAsking(null) })}
                    >
                      Take off the care team
                    </button>
                    <button type="button" className="button-quiet" onClick={() => setAsking(null)}>
                      Cancel
                    </button>
                  </div>
                  {remove.isError && <Problem error={remove.error} />}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {canChange && team.data && (
        <AddMember clientId={clientId} onTeam={new Set(team.data.map((member) => member.user_id))} />
      )}
    </section>
  );
}

function AddMember({ clientId, onTeam }: { clientId: number; onTeam: Set<number> }) {
  const therapists = useLinkedTherapists();
  const add = useAddCareTeamMember(clientId);
  const [userId, setUserId] = useState("");
  const [role, setRole] = useState<CareTeamRole>("co_therapist");
  const ids = useId();
  const candidates = (therapists.data ?? [])
    .filter((each) => !onTeam.has(each.userId))
    .sort((left, right) => left.name.localeCompare(right.name));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (userId === "") return;
    add.mutate({ user_id: Number(userId), role }, { onSuccess: () => setUserId("") });
  }

  return (
    <details className="care-team-add">
      <summary>Add someone to the care team</summary>
      {therapists.isPending && <Loading what="clinicians" />}
      {therapists.isError && <Problem error={therapists.error} />}
      {therapists.data && candidates.length === 0 && (
        <p className="muted">Every clinician with a profile is on the care team already.</p>
      )}
      {candidates.length > 0 && (
        <form onSubmit={submit}>
          <label htmlFor={`${ids}-who`}>Clinician</label>
          <select id={`${ids}-who`} value={userId} required onChange={(event) => setUserId(event.target.value)}>
            <option value="">Choose a clinician…</option>
            {candidates.map((each) => (
              <option key={each.userId} value={String(each.userId)}>
                {each.name}
              </option>
            ))}
          </select>
          <label htmlFor={`${ids}-role`}>Role</label>
          <select id={`${ids}-role`} value={role} onChange={(event) => setRole(event.target.value as CareTeamRole)}>
            {ADDABLE_ROLES.map((each) => (
              <option key={each} value={each}>
                {CARE_TEAM_ROLE_WORDS[each]}
              </option>
            ))}
          </select>
          {add.isError && <Problem error={add.error} />}
          <div className="actions">
            <button type="submit" className="button-primary" disabled={add.isPending || userId === ""}>
              {add.isPending ? "Adding…" : "Add to the care team"}
            </button>
          </div>
        </form>
      )}
    </details>
  );
}
