// Teams, for admins (docs/decisions/0210-supervision-read-access.md): each team with its
// supervisors and clinicians; creating a team, renaming one and adding a member. A team's
// supervisors read, for supervision, the clients whose lead clinician is one of its clinicians,
// so the page says so where a member is added.
import { useId, useState, type FormEvent } from "react";
import { Loading, Problem } from "../shared/QueryState";
import { useAccounts } from "./adminQueries";
import { useAddTeamMember, useCreateTeam, useRenameTeam, useTeams, type Team } from "./teamQueries";
import "./teams.css";

export function TeamsPage() {
  const teams = useTeams();
  const accounts = useAccounts();
  return (
    <>
      <h1>Teams</h1>
      <p className="lede">
        A team's supervisors may read, for supervision, the clients led by the team's clinicians (every such reading is
        recorded, and nothing is written through it).
      </p>
      <CreateTeam />
      {teams.isPending && <Loading what="the teams" />}
      {teams.isError && <Problem error={teams.error} />}
      {teams.data?.length === 0 && <p className="empty">No teams yet.</p>}
      <div className="team-list">
        {[...(teams.data ?? [])]
          .sort((left, right) => left.name.localeCompare(right.name))
          .map((team) => (
            <TeamPanel key={team.id} team={team} accounts={accounts.data ?? []} />
          ))}
      </div>
    </>
  );
}

function CreateTeam() {
  const create = useCreateTeam();
  const [name, setName] = useState("");
  const id = useId();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (name.trim() === "") return;
    create.mutate(name.trim(), { onSuccess: () => setName("") });
  }
  return (
    <form className="panel team-create" onSubmit={submit}>
      <label htmlFor={id}>New team's name</label>
      <div className="team-inline">
        <input id={id} type="text" required maxLength={200} value={name} onChange={(event) => setName(event.target.value)} />
        <button type="submit" className="button-primary" disabled={create.isPending}>
          Create the team
        </button>
      </div>
      {create.isError && <Problem error={create.error} />}
    </form>
  );
}

type Accounts = NonNullable<ReturnType<typeof useAccounts>["data"]>;

function TeamPanel({ team, accounts }: { team: Team; accounts: Accounts }) {
  const rename = useRenameTeam();
  const add = useAddTeamMember();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(team.name);
  const [userId, setUserId] = useState("");
  const ids = useId();
  const inTeam = new Set(team.members.map((member) => member.user_id));
  const candidates = accounts
    .filter(
      (account) =>
        (account.role === "clinician" || account.role === "supervisor") &&
        account.status === "active" &&
        !inTeam.has(account.id),
    )
    .sort((left, right) => left.username.localeCompare(right.username));
  const supervisors = team.members.filter((member) => member.role === "supervisor");
  const clinicians = team.members.filter((member) => member.role === "clinician");

  function submitRename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    rename.mutate({ team: team.id, name: name.trim() }, { onSuccess: () => setRenaming(false) });
  }
  function submitMember(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const account = candidates.find((each) => String(each.id) === userId);
    if (!account) return;
    add.mutate(
      { team: team.id, userId: account.id, role: account.role === "supervisor" ? "supervisor" : "clinician" },
      { onSuccess: () => setUserId("") },
    );
  }

  return (
    <section className="panel team" aria-labelledby={`${ids}-name`}>
      <div className="team-head">
        <h2 id={`${ids}-name`}>{team.name}</h2>
        {!renaming && (
          <button
            type="button"
            className="button-quiet"
            aria-label={`Rename ${team.name}`}
            onClick={() => {
              setName(team.name);
              rename.reset();
              setRenaming(true);
            }}
          >
            Rename…
          </button>
        )}
      </div>
      {renaming && (
        <form className="team-rename" onSubmit={submitRename}>
          <label htmlFor={`${ids}-rename`}>New name</label>
          <div className="team-inline">
            <input
              id={`${ids}-rename`}
              type="text"
              required
              maxLength={200}
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
            <button type="submit" className="button-primary" disabled={rename.isPending}>
              Save the name
            </button>
            <button type="button" className="button-quiet" onClick={() => setRenaming(false)}>
              Cancel
            </button>
          </div>
          {rename.isError && <Problem error={rename.error} />}
        </form>
      )}
      <dl className="team-members">
        <dt>Supervisors</dt>
        <dd>{supervisors.length === 0 ? <span className="muted">None yet</span> : supervisors.map((each) => each.username).join(", ")}</dd>
        <dt>Clinicians</dt>
        <dd>{clinicians.length === 0 ? <span className="muted">None yet</span> : clinicians.map((each) => each.username).join(", ")}</dd>
      </dl>
      {candidates.length > 0 && (
        <form className="team-add" onSubmit={submitMember}>
          <label htmlFor={`${ids}-member`}>Add a member</label>
          <p className="hint" id={`${ids}-member-hint`}>
            A clinician account joins as a clinician, a supervisor account as a supervisor.
          </p>
          <div className="team-inline">
            <select
              id={`${ids}-member`}
              aria-describedby={`${ids}-member-hint`}
              value={userId}
              required
              onChange={(event) => setUserId(event.target.value)}
            >
              <option value="">Choose an account…</option>
              {candidates.map((account) => (
                <option key={account.id} value={String(account.id)}>
                  {account.username} ({account.role})
                </option>
              ))}
            </select>
            <button type="submit" className="button-secondary" disabled={add.isPending || userId === ""}>
              Add to {team.name}
            </button>
          </div>
          {add.isError && <Problem error={add.error} />}
        </form>
      )}
    </section>
  );
}
