// The client's own questionnaire page, opened from a link (issue 18; docs/web.md "Questionnaire
// links"): no sign-in, phone first. The token is in the address's fragment (/q#<token>), which
// the browser never sends to a server; the page posts it in a request body. One questionnaire
// at a time, built from its definition (items, answers, which may be skipped), with large
// answer targets and the progress shown; every required item answered before sending. Answers
// are kept on the device until the server has them; a dropped connection sends them when it
// returns, with the same idempotency key, so nothing is stored twice. A risk item endorsed
// shows the clinic's crisis information at once.
//
// In kiosk mode (/kiosk#<token>, decision 0251) the same page runs on the clinic's waiting-room
// tablet: the token leaves the address at once and stays only in memory, the answers are kept
// in sessionStorage, and once the answers are sent (and any crisis information read) the page
// clears what it kept and shows a neutral screen that says nothing about the client.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { api } from "../../api/client";
import type { Schemas } from "../../api/types";
import {
  canSkipNow,
  formDefinition,
  formProgress,
  submission,
  type Answer,
  type FormDefinition,
} from "../questionnaireRules";
import { OwnProgress } from "../progress/OwnProgress";
import {
  clearAllDrafts,
  clearDraft,
  loadDraft,
  meetsRiskFlag,
  newIdempotencyKey,
  saveDraft,
  type LinkDraft,
} from "./linkDraft";
import { LinkItem } from "./LinkItem";

type Forms = Schemas["QuestionnaireLinkForms"];
type Receipt = Schemas["QuestionnaireLinkReceipt"];

type Stage =
  | { kind: "loading" }
  | { kind: "refused"; message: string }
  | { kind: "answering" }
  | { kind: "sending" }
  | { kind: "waiting" } // offline: kept on the device, sent when the connection returns
  | { kind: "received"; receipt: Receipt }
  | { kind: "kiosk-done" }; // the neutral screen: nothing about the client is left

const REFUSED =
  "This link cannot be used. It may have expired or been used already. Please ask your clinician for a new one.";

/// The message of an API error answer ({"error": {"code", "message"}}), when there is one.
function messageOf(error: unknown): string | undefined {
  return (error as { error?: { message?: string } } | undefined)?.error?.message;
}

function tokenFromAddress(): string {
  return decodeURIComponent(window.location.hash.replace(/^#/, ""));
}

export function LinkQuestionnairePage({ kiosk = false }: { kiosk?: boolean }) {
  const [token, setToken] = useState(tokenFromAddress);
  const place = kiosk ? "tab" : "device";
  const queries = useQueryClient();
  const [forms, setForms] = useState<Forms | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: "loading" });
  const [draft, setDraft] = useState<LinkDraft>(() => loadDraft(token, place));
  const [step, setStep] = useState(0);
  const [tried, setTried] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  // On the tablet the token leaves the address (and so the history) at once.
  useEffect(() => {
    if (kiosk && window.location.hash) window.history.replaceState(null, "", "/kiosk");
  }, [kiosk]);

  /// The kiosk's end: everything it kept goes (answers, cached answers, the token), and the
  /// history entry becomes the neutral screen's, so Back and Reload show nothing either.
  const finishKiosk = useCallback(() => {
    clearAllDrafts(window.sessionStorage);
    clearAllDrafts(window.localStorage);
    window.sessionStorage.clear();
    queries.clear();
    setToken("");
    setForms(null);
    setDraft({ answers: {} });
    window.history.replaceState(null, "", "/kiosk/done");
    setStage({ kind: "kiosk-done" });
  }, [queries]);

  useEffect(() => {
    document.title = kiosk ? "Questionnaires" : "Your questionnaires";
    if (!token) {
      // No token, or the kiosk's end (which keeps its neutral screen).
      setStage((current) => (current.kind === "kiosk-done" ? current : { kind: "refused", message: REFUSED }));
      return;
    }
    let cancelled = false;
    api.POST("/api/v1/questionnaire-link/forms", { body: { token } }).then(
      ({ data, error, response }) => {
        if (cancelled) return;
        if (data) {
          setForms(data);
          setStage({ kind: "answering" });
        } else {
          // The server's refusal is one fixed sentence for any unusable link; the page says
          // it in the client's words. A rate limit says when to try again.
          setStage({ kind: "refused", message: response.status === 429 ? (messageOf(error) ?? REFUSED) : REFUSED });
        }
      },
      () => !cancelled && setStage({ kind: "refused", message: "The questionnaires could not be loaded: check your connection and open the link again." }),
    );
    return () => {
      cancelled = true;
    };
  }, [token, kiosk]);

  // Sent on the tablet without a risk item: straight to the neutral screen.
  useEffect(() => {
    if (kiosk && stage.kind === "received" && !stage.receipt.crisis) finishKiosk();
  }, [finishKiosk, kiosk, stage]);

  const definitions = useMemo(
    () => (forms ? forms.instruments.map((instrument) => formDefinition(instrument)) : []),
    [forms],
  );

  const answersOf = useCallback(
    (definition: FormDefinition) => new Map(Object.entries(draft.answers[definition.id] ?? {})),
    [draft],
  );

  const send = useCallback(
    async (kept: LinkDraft) => {
      if (!forms || !kept.idempotencyKey) return;
      setStage({ kind: "sending" });
      setProblem(null);
      const answers: Record<string, Record<string, number | null>> = {};
      for (const definition of definitions) {
        answers[definition.id] = submission(definition, new Map(Object.entries(kept.answers[definition.id] ?? {}))).answers ?? {};
      }
      try {
        const { data, error, response } = await api.POST("/api/v1/questionnaire-link/submissions", {
          body: { token, idempotency_key: kept.idempotencyKey, answers },
        });
        if (data) {
          clearDraft(token, place);
          setStage({ kind: "received", receipt: data });
        } else if (response.status === 404) {
          clearDraft(token, place);
          setStage({ kind: "refused", message: REFUSED });
        } else if (response.status >= 500 || response.status === 429) {
          setStage({ kind: "waiting" });
        } else {
          setProblem(messageOf(error) ?? "Your answers could not be sent.");
          setStage({ kind: "answering" });
        }
      } catch {
        // No connection: the answers stay on the device and go when it returns.
        setStage({ kind: "waiting" });
      }
    },
    [definitions, forms, place, token],
  );

  // Answers an earlier visit sent without an answer from the server go again, once, on opening.
  const resent = useRef(false);
  useEffect(() => {
    if (resent.current || stage.kind !== "answering" || !draft.idempotencyKey) return;
    resent.current = true;
    void send(draft);
  }, [draft, send, stage.kind]);

  // Answers left waiting go as soon as the connection is back.
  useEffect(() => {
    if (stage.kind !== "waiting") return;
    const retry = () => void send(draft);
    window.addEventListener("online", retry);
    const timer = window.setInterval(retry, 15_000);
    return () => {
      window.removeEventListener("online", retry);
      window.clearInterval(timer);
    };
  }, [draft, send, stage.kind]);

  function answer(definition: FormDefinition, itemId: string, value: Answer | undefined) {
    setDraft((current) => {
      const mine = { ...(current.answers[definition.id] ?? {}) };
      if (value === undefined) delete mine[itemId];
      else mine[itemId] = value;
      const next: LinkDraft = { answers: { ...current.answers, [definition.id]: mine } };
      saveDraft(token, next, place);
      return next;
    });
  }

  if (stage.kind === "kiosk-done") return <KioskNeutralScreen />;
  if (kiosk && stage.kind === "refused") return <KioskNeutralScreen refused />;
  if (stage.kind === "loading") return <Shell><p role="status">Loading your questionnaires…</p></Shell>;
  if (stage.kind === "refused") {
    return (
      <Shell>
        <h1>This link cannot be used</h1>
        <p className="link-message">{stage.message}</p>
      </Shell>
    );
  }
  if (stage.kind === "received" && kiosk) {
    // Only a risk item keeps the tablet here: the crisis information, until the client is done.
    if (!stage.receipt.crisis) return <KioskNeutralScreen />;
    return (
      <Shell>
        <h1>Thank you</h1>
        <CrisisPanel crisis={stage.receipt.crisis} notified={stage.receipt.crisis.clinician_notified} />
        <p className="link-message">When you have read this, press Done and hand the tablet back to reception.</p>
        <button type="button" className="button-primary link-button" onClick={finishKiosk}>
          Done
        </button>
      </Shell>
    );
  }
  if (stage.kind === "received") return <Shell><ReceiptView receipt={stage.receipt} forms={forms} /></Shell>;
  if (!forms || definitions.length === 0) return <Shell><p>No questionnaires.</p></Shell>;

  const definition = definitions[Math.min(step, definitions.length - 1)]!;
  const answers = answersOf(definition);
  const progress = formProgress(definition, answers);
  const totalItems = definitions.reduce((sum, each) => sum + each.items.length, 0);
  const doneItems = definitions.reduce((sum, each) => {
    const given = formProgress(each, answersOf(each));
    return sum + given.answered + given.skipped;
  }, 0);
  const last = step >= definitions.length - 1;
  const metFlags = forms.risk_flags.filter((flag) =>
    meetsRiskFlag(flag, draft.answers[flag.instrument]?.[flag.item]),
  );
  // The crisis information appears where the client is: just below the risk item they
  // answered on this form (PHQ-9 item 9 is at the bottom), else at the top of the form.
  const riskItemHere = metFlags.find((flag) => flag.instrument === definition.id)?.item;

  function next() {
    setTried(true);
    if (!progress.complete) {
      document.getElementById(`link-item-${definition.id}-${progress.missing[0]}`)?.focus();
      return;
    }
    setTried(false);
    if (!last) {
      setStep(step + 1);
      window.scrollTo(0, 0);
      return;
    }
    const kept: LinkDraft = { ...draft, idempotencyKey: draft.idempotencyKey ?? newIdempotencyKey() };
    setDraft(kept);
    saveDraft(token, kept, place);
    void send(kept);
  }

  return (
    <Shell>
      <header className="link-head">
        <p className="link-step">
          Questionnaire {step + 1} of {definitions.length}
        </p>
        <h1>{definition.name}</h1>
        <div className="link-progress">
          <progress max={totalItems} value={doneItems} aria-label="Questions answered" />
          <span>
            {doneItems} of {totalItems} questions answered
          </span>
        </div>
      </header>
      <CrisisAnnouncement shown={metFlags.length > 0} crisis={forms.crisis} />
      {metFlags.length > 0 && riskItemHere === undefined && (
        <CrisisPanel crisis={forms.crisis} notified={null} live={false} scrollOnShow />
      )}
      {definition.instructions && <p className="instructions">{definition.instructions}</p>}
      <ol className="items link-items">
        {definition.items.map((item, index) => (
          <LinkItem
            key={`${definition.id}-${item.id}`}
            id={`link-item-${definition.id}-${item.id}`}
            item={item}
            index={index + 1}
            set={definition.answerSets.get(item.answers)}
            answer={answers.get(item.id)}
            showText={definition.itemTextIncluded}
            skippable={canSkipNow(definition, answers, item.id)}
            missing={tried && !answers.has(item.id)}
            onAnswer={(value) => answer(definition, item.id, value)}
          >
            {item.id === riskItemHere && (
              <CrisisPanel crisis={forms.crisis} notified={null} live={false} scrollOnShow />
            )}
          </LinkItem>
        ))}
      </ol>
      <div className="link-foot">
        {tried && !progress.complete && (
          <p className="problem" role="alert">
            Please answer every question first: {progress.missing.length} still{" "}
            {progress.missing.length === 1 ? "needs" : "need"} an answer.
          </p>
        )}
        {problem && <p className="problem" role="alert">{problem}</p>}
        {stage.kind === "waiting" && (
          <p className="link-waiting" role="status">
            You seem to be offline. Your answers are saved on this device and will be sent as soon
            as the connection returns. You can leave this page open.
          </p>
        )}
        <div className="actions">
          {step > 0 && (
            <button type="button" className="button-quiet link-button" onClick={() => setStep(step - 1)}>
              Back
            </button>
          )}
          <button
            type="button"
            className="button-primary link-button"
            disabled={stage.kind === "sending" || stage.kind === "waiting"}
            onClick={next}
          >
            {stage.kind === "sending" ? "Sending…" : last ? "Send my answers" : "Next questionnaire"}
          </button>
        </div>
      </div>
    </Shell>
  );
}

/// The tablet's screen between clients (decision 0251): nothing about anyone, nothing to press.
export function KioskNeutralScreen({ refused = false }: { refused?: boolean }) {
  useEffect(() => {
    document.title = "Questionnaires";
  }, []);
  return (
    <Shell>
      <div className="kiosk-neutral">
        <h1>{refused ? "Please ask reception" : "Thank you"}</h1>
        <p className="link-message">
          {refused
            ? "There are no questionnaires on this tablet now. Please ask reception."
            : "Please hand the tablet back to reception."}
        </p>
      </div>
    </Shell>
  );
}

function Shell({ children }: { children: ReactNode }) {
  return (
    <div className="link-page">
      <main className="link-main">{children}</main>
    </div>
  );
}

/// Says the crisis information aloud once, when a risk item is first endorsed: a live region
/// present from the start is announced reliably, a region inserted with its text may not be.
function CrisisAnnouncement({ shown, crisis }: { shown: boolean; crisis: Forms["crisis"] }) {
  return (
    <p className="visually-hidden" aria-live="assertive" aria-atomic="true" data-testid="crisis-announcement">
      {shown ? `If you need help now: ${crisis.text} ${crisis.telephone.join(". ")}` : ""}
    </p>
  );
}

interface CrisisPanelProps {
  crisis: Forms["crisis"];
  notified: boolean | null;
  /// An alert of its own (the receipt); on the form CrisisAnnouncement speaks instead.
  live?: boolean;
  /// Brought into view when it appears, so a client at the bottom of the form sees it.
  scrollOnShow?: boolean;
}

function CrisisPanel({ crisis, notified, live = true, scrollOnShow = false }: CrisisPanelProps) {
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!scrollOnShow) return;
    const reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    panel.current?.scrollIntoView({ behavior: reduced ? "auto" : "smooth", block: "center" });
  }, [scrollOnShow]);
  return (
    <section ref={panel} className="crisis" role={live ? "alert" : "region"} aria-labelledby="crisis-title">
      <h2 id="crisis-title">If you need help now</h2>
      <p>{crisis.text}</p>
      {crisis.telephone.length > 0 && (
        <ul className="crisis-lines">
          {crisis.telephone.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {notified === true && <p>Your clinician has been told about your answer.</p>}
    </section>
  );
}

function ReceiptView({ receipt, forms }: { receipt: Receipt; forms: Forms | null }) {
  const names = receipt.instruments.map(
    (id) => forms?.instruments.find((instrument) => instrument.id === id)?.short_name ?? id,
  );
  const when = new Date(receipt.received_at).toLocaleString(undefined, {
    dateStyle: "long",
    timeStyle: "short",
  });
  return (
    <>
      <h1>Thank you</h1>
      {receipt.crisis && <CrisisPanel crisis={receipt.crisis} notified={receipt.crisis.clinician_notified} />}
      <p className="link-message" role="status">
        Your answers to {names.join(" and ")} were received on {when}. Your clinician will look at
        them with you at your next session.
      </p>
      <p className="hint">You can close this page now. The link cannot be used again.</p>
      {receipt.progress && <OwnProgress progress={receipt.progress} />}
    </>
  );
}
