// The clinician's own change to the active plan, besides accepting the monitor's proposals: add
// or take out a technique, move on to the next phase or back to an earlier one, with what
// prompted it (an alert, or the client's feedback in their words). The server re-checks the
// adapted plan against the planner's rules (competence on the care team, exclusions, phase
// order, prerequisites, budget); when it breaks one, the page names each rule and asks for the
// reason to go ahead anyway, which is stored with the plan version.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { api, data } from "../api/client";
import type { Alert } from "../api/types";
import { alertKind } from "../alerts/alertKinds";
import { useOpenAlerts } from "../alerts/alertQueries";
import { useTechniques } from "../sessions/sessionQueries";
import { formatDate } from "../shared/format";
import { Problem } from "../shared/QueryState";
import type { Plan } from "./planQueries";
import { CHANGE_WORDS, brokenRules, namesTechnique, type OwnChange } from "./ownAdaptation";
import type { PlanView } from "./planView";

interface Props {
  clientId: number;
  plan: Plan;
  view: PlanView;
  name: (id: string) => string;
}

interface Request {
  change: OwnChange;
  phase: string;
  technique: string;
  summary: string;
  alertId: number | null;
  feedback: string;
  overrideReason: string | null;
}

function useOwnAdaptation(clientId: number, plan: Plan) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (request: Request) =>
      data(
        api.POST("/api/v1/plans/{plan_id}/adaptations", {
          params: { path: { plan_id: plan.id }, query: { detail: "full" } },
          body: {
            expected_version: plan.current_version,
            proposal: {
              kind: "clinician_adaptation",
              summary: request.summary,
              change: request.change,
              ...(request.phase ? { phase: request.phase } : {}),
              ...(namesTechnique(request.change) ? { technique: request.technique } : {}),
            },
            ...(request.alertId !== null ? { alert_id: request.alertId } : {}),
            ...(request.feedback ? { client_feedback: request.feedback } : {}),
            ...(request.overrideReason ? { override_reason: request.overrideReason } : {}),
          },
        }),
      ),
    onSuccess: (adapted) => {
      queries.setQueryData(["plan", adapted.id, "all"], adapted);
      void queries.invalidateQueries({ queryKey: ["plan", adapted.id] });
      void queries.invalidateQueries({ queryKey: ["client", clientId] });
      void queries.invalidateQueries({ queryKey: ["alerts"] });
      void queries.invalidateQueries({ queryKey: ["caseload"] });
    },
  });
}

export function OwnAdaptation({ clientId, plan, view, name }: Props) {
  const adapt = useOwnAdaptation(clientId, plan);
  const techniques = useTechniques();
  const alerts = useOpenAlerts(clientId, "active");
  const [open, setOpen] = useState(false);
  const [change, setChange] = useState<OwnChange>("add_technique");
  const [phase, setPhase] = useState(view.phases[0]?.name ?? "");
  const [technique, setTechnique] = useState("");
  const [summary, setSummary] = useState("");
  const [prompt, setPrompt] = useState("feedback");
  const [feedback, setFeedback] = useState("");
  const [overrideReason, setOverrideReason] = useState("");
  const [done, setDone] = useState<number | null>(null);
  const id = useId();
  const rules = brokenRules(adapt.error);

  const inPhase = view.phases.find((each) => each.name === phase)?.techniques.map((each) => each.id) ?? [];
  const choices =
    change === "remove_technique"
      ? inPhase.map((each) => ({ id: each, label: name(each) }))
      : (techniques.data ?? [])
          .filter((each) => !inPhase.includes(each.id))
          .map((each) => ({ id: each.id, label: each.name }))
          .sort((left, right) => left.label.localeCompare(right.label));
  const activeAlerts: Alert[] = alerts.data ?? [];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const alertId = prompt.startsWith("alert-") ? Number(prompt.slice("alert-".length)) : null;
    adapt.mutate(
      {
        change,
        phase,
        technique,
        summary: summary.trim(),
        alertId,
        feedback: alertId === null ? feedback.trim() : "",
        overrideReason: rules ? overrideReason.trim() : null,
      },
      {
        onSuccess: (adapted) => {
          setDone(adapted.current_version);
          setOpen(false);
          setSummary("");
          setFeedback("");
          setOverrideReason("");
          setTechnique("");
        },
      },
    );
  }

  return (
    <section className="panel own-adaptation" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Change the plan yourself</h2>
      {done !== null && (
        <p className="notice" role="status">
          Your change is in the plan: version {done}.
        </p>
      )}
      {!open ? (
        <button type="button" className="button-secondary" onClick={() => setOpen(true)}>
          Write a change…
        </button>
      ) : (
        <form onSubmit={submit}>
          <div className="field">
            <label htmlFor={`${id}-change`}>Change</label>
            <select
              id={`${id}-change`}
              value={change}
              onChange={(event) => {
                setChange(event.target.value as OwnChange);
                setTechnique("");
                adapt.reset();
              }}
            >
              {(Object.keys(CHANGE_WORDS) as OwnChange[]).map((each) => (
                <option key={each} value={each}>
                  {CHANGE_WORDS[each]}
                </option>
              ))}
            </select>
          </div>
          {change !== "move_to_next_phase" && (
            <div className="field">
              <label htmlFor={`${id}-phase`}>Phase</label>
              <select
                id={`${id}-phase`}
                value={phase}
                onChange={(event) => {
                  setPhase(event.target.value);
                  setTechnique("");
                  adapt.reset();
                }}
              >
                {view.phases.map((each) => (
                  <option key={each.name} value={each.name}>
                    {each.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          {namesTechnique(change) && (
            <div className="field">
              <label htmlFor={`${id}-technique`}>Technique</label>
              <select
                id={`${id}-technique`}
                value={technique}
                required
                onChange={(event) => {
                  setTechnique(event.target.value);
                  adapt.reset();
                }}
              >
                <option value="">Choose a technique</option>
                {choices.map((each) => (
                  <option key={each.id} value={each.id}>
                    {each.label}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-summary`}>What you change and why</label>
            <textarea
              id={`${id}-summary`}
              rows={2}
              required
              maxLength={2000}
              value={summary}
              onChange={(event) => setSummary(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-prompt`}>What prompted it</label>
            <select id={`${id}-prompt`} value={prompt} onChange={(event) => setPrompt(event.target.value)}>
              <option value="feedback">The client's feedback</option>
              {activeAlerts.map((alert) => (
                <option key={alert.id} value={`alert-${alert.id}`}>
                  Alert: {alertKind(alert.kind).title}, raised {formatDate(alert.raised_at)}
                </option>
              ))}
            </select>
          </div>
          {prompt === "feedback" && (
            <div className="field">
              <label htmlFor={`${id}-feedback`}>The client's feedback, in their words</label>
              <textarea
                id={`${id}-feedback`}
                rows={2}
                required
                maxLength={2000}
                value={feedback}
                onChange={(event) => setFeedback(event.target.value)}
              />
            </div>
          )}
          {rules ? (
            <div className="rule-override" role="alert">
              <p>
                <strong>This change breaks the plan's rules:</strong>
              </p>
              <ul>
                {rules.map((rule) => (
                  <li key={rule}>{rule}</li>
                ))}
              </ul>
              <label htmlFor={`${id}-override`}>Why make it anyway (kept with the plan version)</label>
              <textarea
                id={`${id}-override`}
                rows={2}
                required
                maxLength={2000}
                value={overrideReason}
                onChange={(event) => setOverrideReason(event.target.value)}
              />
            </div>
          ) : (
            adapt.isError && <Problem error={adapt.error} />
          )}
          <div className="actions">
            <button type="submit" className="button-primary" disabled={adapt.isPending}>
              {rules ? "Make the change anyway" : "Make the change"}
            </button>
            <button
              type="button"
              className="button-quiet"
              onClick={() => {
                setOpen(false);
                adapt.reset();
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
