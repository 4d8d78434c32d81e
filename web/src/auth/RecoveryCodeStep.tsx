// The psychotherapy-note key's recovery code, shown once right after the sign-in that created
// the key (docs/decisions/0131): the clinician's private notes are sealed to that key, and
// after an administrator resets their password only this code opens it again. The page asks
// them to write it down and confirm before going on; the code is never stored by the app.
import { useEffect, useId, useRef, useState } from "react";

export function RecoveryCodeStep({ code, onDone }: { code: string; onDone: () => void }) {
  const [written, setWritten] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const confirmId = useId();
  useEffect(() => heading.current?.focus(), []);
  return (
    <main id="main" className="sign-in">
      <div className="sign-in-card recovery-card">
        <p className="brand brand-large">tessera</p>
        <h1 ref={heading} tabIndex={-1}>
          Write down your recovery code
        </h1>
        <p>
          Your private psychotherapy notes are locked with a key of your own. If your password is
          ever reset, only this code unlocks them again. It is shown <strong>this once</strong>:
          nobody, not even an administrator, can show it to you later.
        </p>
        <p className="recovery-code">
          <span className="visually-hidden">Recovery code: </span>
          {/* Groups of four kept whole, so a narrow screen breaks the line only between them. */}
          {code.split("-").map((group, groupIdx, groups) => (
            <span key={groupIdx} className="code-group">
              {group}
              {groupIdx < groups.length - 1 ? "-" : ""}
            </span>
          ))}
        </p>
        <ol className="recovery-steps">
          <li>Write it on paper, or keep it in your password manager.</li>
          <li>Keep it apart from your password, where only you can reach it.</li>
        </ol>
        <div className="recovery-confirm">
          <input
            id={confirmId}
            type="checkbox"
            checked={written}
            onChange={(event) => setWritten(event.target.checked)}
          />
          <label htmlFor={confirmId}>I have written the recovery code down somewhere safe</label>
        </div>
        <button type="button" className="button-primary" disabled={!written} onClick={onDone}>
          Continue
        </button>
      </div>
    </main>
  );
}
