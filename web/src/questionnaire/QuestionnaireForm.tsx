// A questionnaire given in the session, on a tablet: every question on one page, built
// from the instrument's definition (items, answers, which may be skipped). Large answer targets;
// every item must be answered or explicitly skipped where the instrument allows it before the
// form can be submitted. Items a risk flag looks at are marked.
import { useId, useMemo, useState, type FormEvent } from "react";
import type { Schemas } from "../api/types";
import { Problem } from "../shared/QueryState";
import { TotalEntry } from "./TotalEntry";
import {
  canSkipNow,
  formDefinition,
  formProgress,
  lineValue,
  skipRuleInWords,
  submission,
  type Answer,
  type AnswerSet,
  type QuestionItem,
} from "./questionnaireRules";

interface Props {
  instrument: Schemas["Instrument"];
  busy: boolean;
  error: unknown;
  onSubmit: (body: Schemas["SubmitMeasureRequest"]) => void;
  onCancel: () => void;
}

export function QuestionnaireForm({ instrument, busy, error, onSubmit, onCancel }: Props) {
  const definition = useMemo(() => formDefinition(instrument), [instrument]);
  const [answers, setAnswers] = useState<Map<string, Answer>>(new Map());
  const [tried, setTried] = useState(false);
  const progress = formProgress(definition, answers);
  const skipRule = skipRuleInWords(definition);
  const formId = useId();

  function set(itemId: string, answer: Answer | undefined) {
    setAnswers((current) => {
      const next = new Map(current);
      if (answer === undefined) next.delete(itemId);
      else next.set(itemId, answer);
      return next;
    });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTried(true);
    if (!progress.complete) {
      const first = progress.missing[0];
      if (first) document.getElementById(`${formId}-item-${first}`)?.focus();
      return;
    }
    onSubmit(submission(definition, answers));
  }

  return (
    <>
    <TotalEntry instrumentId={definition.id} shortName={definition.shortName} busy={busy} error={error} onSubmit={onSubmit} />
    <form className="questionnaire" onSubmit={submit} aria-describedby={`${formId}-about`}>
      <div id={`${formId}-about`}>
        <p className="hint">
          {definition.name}. {definition.items.length} questions; every question needs an answer
          {skipRule ? ", or a skip where the questionnaire allows it" : ""}.
          {!definition.itemTextIncluded &&
            " The wording of the questions is not shipped with tessera (licence): read each from your licensed form."}
        </p>
        {skipRule && <p className="hint">{skipRule}</p>}
      </div>
      {definition.instructions && <p className="instructions">{definition.instructions}</p>}
      <ol className="items">
        {definition.items.map((item, itemIdx) => (
          <ItemField
            key={item.id}
            formId={formId}
            item={item}
            index={itemIdx + 1}
            set={definition.answerSets.get(item.answers)}
            answer={answers.get(item.id)}
            flagged={definition.flaggedItems.has(item.id)}
            showText={definition.itemTextIncluded}
            skippable={canSkipNow(definition, answers, item.id)}
            missing={tried && !answers.has(item.id)}
            onAnswer={(answer) => set(item.id, answer)}
          />
        ))}
      </ol>
      <div className="questionnaire-foot">
        <p role="status" className={progress.complete ? "progress-done" : "progress-open"}>
          {progress.answered} of {definition.items.length} answered
          {progress.skipped > 0 ? `, ${progress.skipped} skipped` : ""}
          {progress.complete ? ": ready to score." : `: ${progress.missing.length} still open.`}
        </p>
        {tried && !progress.complete && (
          <p className="problem" role="alert">
            Answer every question{skipRule ? " or skip it where allowed" : ""} before scoring:
            question {progress.missing.map((id) => indexOf(definition.items, id)).join(", ")}{" "}
            {progress.missing.length === 1 ? "is" : "are"} still open.
          </p>
        )}
        {error !== null && error !== undefined && <Problem error={error} />}
        <div className="actions">
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? "Scoring…" : `Score the ${definition.shortName}`}
          </button>
          <button type="button" className="button-quiet" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </form>
    </>
  );
}

function indexOf(items: QuestionItem[], id: string): number {
  return items.findIndex((item) => item.id === id) + 1;
}

interface ItemProps {
  formId: string;
  item: QuestionItem;
  index: number;
  set: AnswerSet | undefined;
  answer: Answer | undefined;
  flagged: boolean;
  showText: boolean;
  skippable: boolean;
  missing: boolean;
  onAnswer: (answer: Answer | undefined) => void;
}

function ItemField({ formId, item, index, set, answer, flagged, showText, skippable, missing, onAnswer }: ItemProps) {
  const name = `${formId}-answer-${item.id}`;
  const legendId = `${formId}-legend-${item.id}`;
  const question = showText && item.text ? item.text : `Question ${item.id} (read it from your licensed form)`;
  return (
    <li className={`item${missing ? " item-missing" : ""}`}>
      <fieldset
        id={`${formId}-item-${item.id}`}
        tabIndex={-1}
        aria-labelledby={legendId}
        aria-invalid={missing || undefined}
      >
        <legend id={legendId}>
          <span className="item-number">{index}.</span> {question}
          {flagged && <span className="risk-tag">Risk item</span>}
          {item.scored === false && <span className="muted"> (not scored)</span>}
        </legend>
        {set?.options && (
          <div className="choice-list">
            {set.options.map((option) => (
              <label key={option.value} className="choice">
                <input
                  type="radio"
                  name={name}
                  checked={answer === option.value}
                  onChange={() => onAnswer(option.value)}
                />
                <span>
                  {option.label ?? option.value}
                  <span className="choice-value"> ({option.value})</span>
                </span>
              </label>
            ))}
            {skippable && <SkipChoice name={name} checked={answer === "skipped"} onSkip={() => onAnswer("skipped")} />}
          </div>
        )}
        {set?.range && (
          <LineAnswer
            id={`${formId}-line-${item.id}`}
            range={set.range}
            skipped={answer === "skipped"}
            onAnswer={onAnswer}
          />
        )}
        {set?.range && skippable && (
          <div className="choice-list">
            <SkipChoice name={name} checked={answer === "skipped"} onSkip={() => onAnswer("skipped")} />
          </div>
        )}
        {missing && <p className="field-problem">Not answered yet.</p>}
      </fieldset>
    </li>
  );
}

function SkipChoice({ name, checked, onSkip }: { name: string; checked: boolean; onSkip: () => void }) {
  return (
    <label className="choice choice-skip">
      <input type="radio" name={name} checked={checked} onChange={onSkip} />
      <span>Skip (not answered)</span>
    </label>
  );
}

function LineAnswer({
  id,
  range,
  skipped,
  onAnswer,
}: {
  id: string;
  range: NonNullable<AnswerSet["range"]>;
  skipped: boolean;
  onAnswer: (answer: Answer | undefined) => void;
}) {
  const [text, setText] = useState("");
  const value = lineValue(text, range);
  const invalid = text.trim() !== "" && value === null;
  return (
    <div className="line-answer">
      <label htmlFor={id}>
        Mark on the line, {range.minimum} to {range.maximum}
      </label>
      <input
        id={id}
        inputMode="decimal"
        value={skipped ? "" : text}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-problem` : undefined}
        onChange={(event) => {
          setText(event.target.value);
          onAnswer(lineValue(event.target.value, range) ?? undefined);
        }}
      />
      {invalid && (
        <p className="field-problem" id={`${id}-problem`}>
          Give a number from {range.minimum} to {range.maximum}, in steps of {range.step}.
        </p>
      )}
    </div>
  );
}
