// One question of the link page: the item's own text and answer options from the definition,
// each option a full-width touch target. The client sees no scores, values or risk tags.
import type { ReactNode } from "react";
import type { Answer, AnswerSet, QuestionItem } from "../questionnaireRules";

interface Props {
  id: string;
  item: QuestionItem;
  index: number;
  set: AnswerSet | undefined;
  answer: Answer | undefined;
  showText: boolean;
  skippable: boolean;
  missing: boolean;
  onAnswer: (answer: Answer | undefined) => void;
  /// Shown below the question (the crisis information after a risk item).
  children?: ReactNode;
}

export function LinkItem({ id, item, index, set, answer, showText, skippable, missing, onAnswer, children }: Props) {
  const legendId = `${id}-legend`;
  const question = showText && item.text ? item.text : `Question ${index}`;
  return (
    <li className={`item link-item${missing ? " item-missing" : ""}`}>
      <fieldset id={id} tabIndex={-1} aria-labelledby={legendId} aria-invalid={missing || undefined}>
        <legend id={legendId}>
          <span className="item-number">{index}.</span> {question}
        </legend>
        <div className="link-choices">
          {(set?.options ?? []).map((option) => (
            <label key={option.value} className="choice link-choice">
              <input
                type="radio"
                name={id}
                checked={answer === option.value}
                onChange={() => onAnswer(option.value)}
              />
              <span>{option.label ?? option.value}</span>
            </label>
          ))}
          {skippable && (
            <label className="choice link-choice choice-skip">
              <input type="radio" name={id} checked={answer === "skipped"} onChange={() => onAnswer("skipped")} />
              <span>I prefer not to answer</span>
            </label>
          )}
        </div>
        {missing && <p className="field-problem">Please choose an answer.</p>}
      </fieldset>
      {children}
    </li>
  );
}
