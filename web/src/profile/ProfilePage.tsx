// The signed-in clinician's therapist profile: competencies with their evidence, home model and
// usual style. The planner uses it to check that a plan's techniques can be delivered and to
// match therapists to clients; only an administrator changes it (PUT /api/v1/therapists/{id}).
import { useMe } from "../auth/session";
import { AccountSecurity } from "./AccountSecurity";
import { Loading, Problem } from "../shared/QueryState";
import { useCatalogNames, useMyTherapistProfile } from "./profileQueries";
import { byLevel, capitalised, evidenceText, levelText, STYLE_SCALES, styleText } from "./profileView";
import "./profile.css";

export function ProfilePage() {
  const me = useMe().data;
  const profile = useMyTherapistProfile(me?.user.id);
  const catalog = useCatalogNames();
  const name = (id: string) => capitalised(catalog.data?.get(id) ?? id.replace(/_/g, " "));

  if (profile.isPending) return <Loading what="your profile" />;
  if (profile.isError) return <Problem error={profile.error} />;
  const therapist = profile.data;
  if (!therapist) {
    return (
      <>
        <h1>My profile</h1>
        <p className="lede">
          Your account ({me?.user.username}) has no therapist profile. An administrator creates one with your
          competencies and style; until then plans do not check your competence.
        </p>
        <AccountSecurity />
      </>
    );
  }
  const style = therapist.style as Record<string, number>;

  return (
    <>
      <div className="page-head">
        <h1>{therapist.display_name}</h1>
      </div>
      <p className="lede">
        Your therapist profile (version {therapist.version}). Plans check that you can deliver their techniques from
        it, and it matches you to clients. Only an administrator can change it.
      </p>
      <div className="profile-grid">
        <section className="panel" aria-labelledby="competence-heading">
          <h2 id="competence-heading">Competencies</h2>
          <p className="hint">
            Home model: <strong>{name(therapist.home_model)}</strong>
          </p>
          {therapist.competencies.length === 0 ? (
            <p className="empty">No competencies recorded.</p>
          ) : (
            <ul className="competencies">
              {byLevel(therapist.competencies, name).map((competency) => {
                const level = levelText(competency.level);
                const evidence = evidenceText(competency);
                return (
                  <li key={`${competency.model}/${competency.technique ?? ""}`}>
                    <div className="competency-head">
                      <h3>
                        {competency.technique ? name(competency.technique) : name(competency.model)}
                        {competency.technique && <span className="muted"> ({name(competency.model)})</span>}
                      </h3>
                      <span className={`level level-${competency.level}`}>{level.word}</span>
                    </div>
                    {level.meaning && <p className="muted competency-meaning">{level.meaning}</p>}
                    {evidence.length > 0 ? (
                      <ul className="evidence">
                        {evidence.map((part) => (
                          <li key={part}>{part}</li>
                        ))}
                      </ul>
                    ) : (
                      <p className="muted">No evidence recorded.</p>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
        <section className="panel" aria-labelledby="style-heading">
          <h2 id="style-heading">Usual style</h2>
          <p className="hint">On the C-NIP scales, from −3 to +3, as a client's preferences are scored.</p>
          <dl className="style-scales">
            {STYLE_SCALES.map((scale) => {
              const value = style[scale.key];
              const text = styleText(scale, value);
              return (
                <div key={scale.key} className="style-scale">
                  <dt>{scale.name}</dt>
                  <dd>
                    {text === null ? (
                      <span className="muted">Not recorded</span>
                    ) : (
                      <>
                        <span className="style-value">{text}</span>
                        <span className="style-track" aria-hidden="true">
                          <span className="style-pole">{scale.minus}</span>
                          <span className="style-steps">
                            {[-3, -2, -1, 0, 1, 2, 3].map((step) => (
                              <span key={step} className={step === Math.round(value ?? 0) ? "style-step on" : "style-step"} />
                            ))}
                          </span>
                          <span className="style-pole">{scale.plus}</span>
                        </span>
                      </>
                    )}
                  </dd>
                </div>
              );
            })}
          </dl>
        </section>
      </div>
      <AccountSecurity />
    </>
  );
}
