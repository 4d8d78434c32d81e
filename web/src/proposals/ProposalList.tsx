// The monitor's current proposals for a client's active plan (read with the episode's course),
// each with what accepting it changes and "Accept into the plan", which makes the plan's next
// version; the server acknowledges the open alerts the accepted proposal answers. Technique ids
// are shown by their catalogue names.
import { useId, useMemo } from "react";
import { Link } from "react-router-dom";
import { useCourse } from "../client/clientQueries";
import { useAcceptProposal, useTechniques } from "../sessions/sessionQueries";
import { Loading, Problem } from "../shared/QueryState";
import { changeWords, rationaleWords, withTechniqueNames } from "./proposalText";

interface Props {
  clientId: number;
  episodeId: number;
  /// The episode's active plan, which an accepted proposal changes (null: none to change).
  plan: { id: number; version: number } | null;
  headingLevel?: "h2" | "h3" | "h4";
  /// Told of an accepted proposal, for a page whose list may drop this one (the alerts inbox:
  /// the alert it answers is acknowledged and leaves the open list).
  onAccepted?: (accepted: Accepted) => void;
}

export interface Accepted {
  clientId: number;
  planId: number;
  version: number;
}

export function ProposalList({ clientId, episodeId, plan, headingLevel = "h3", onAccepted }: Props) {
  const course = useCourse(clientId, episodeId);
  const techniques = useTechniques();
  const accept = useAcceptProposal(clientId);
  const headingId = useId();
  const names = useMemo(
    () => new Map((techniques.data ?? []).map((each) => [each.id, each.name])),
    [techniques.data],
  );
  const Heading = headingLevel;

  if (course.isPending || techniques.isPending) return <Loading what="the monitor's proposals" />;
  if (course.isError) return <Problem error={course.error} />;
  const proposals = course.data.proposals;
  return (
    <section className="proposals" aria-labelledby={headingId}>
      <Heading id={headingId}>The monitor's proposals</Heading>
      {!plan && <p className="muted">There is no active plan to adapt: sign a plan off first.</p>}
      {plan && proposals.length === 0 && !accept.isSuccess && (
        <p className="muted">The monitor proposes no change to the active plan now.</p>
      )}
      {accept.isSuccess ? (
        // A page told of the acceptance says so itself.
        !onAccepted && <AcceptedNotice accepted={{ clientId, planId: accept.data.id, version: accept.data.current_version }} />
      ) : (
        plan &&
        proposals.length > 0 && (
          <ul className="proposal-list">
            {proposals.map((proposal) => {
              const summary = withTechniqueNames(proposal.summary, names);
              return (
                <li key={proposal.id}>
                  <strong>{summary}</strong>
                  {proposal.rationale && (
                    <div className="muted">{rationaleWords(proposal.rationale, names)}</div>
                  )}
                  <div className="proposal-change">{changeWords(proposal, names)}</div>
                  <button
                    type="button"
                    className="button-secondary proposal-accept"
                    disabled={accept.isPending}
                    aria-label={`Accept into the plan: ${summary}`}
                    onClick={() =>
                      accept.mutate(
                        { plan, proposalId: proposal.id },
                        {
                          onSuccess: (adapted) =>
                            onAccepted?.({ clientId, planId: adapted.id, version: adapted.current_version }),
                        },
                      )
                    }
                  >
                    Accept into the plan
                  </button>
                </li>
              );
            })}
          </ul>
        )
      )}
      {accept.isError && <Problem error={accept.error} />}
    </section>
  );
}

export function AcceptedNotice({ accepted, clientName }: { accepted: Accepted; clientName?: string }) {
  return (
    <p className="notice" role="status">
      Accepted{clientName ? ` into ${clientName}'s plan` : ""}: the plan is now at version {accepted.version}, and
      the alerts it answers are acknowledged.{" "}
      <Link to={`/clients/${accepted.clientId}/plans/${accepted.planId}`}>Open the plan</Link>
    </p>
  );
}
