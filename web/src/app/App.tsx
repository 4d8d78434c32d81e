// Routes and the signed-in frame. Every page but sign-in needs a session; when a call finds
// the session ended, the app goes to sign-in, says so, and comes back to the same page after.
import { useQueryClient } from "@tanstack/react-query";
import { Suspense, lazy, useEffect, type ReactNode } from "react";
import { Navigate, Route, Routes, useLocation, useNavigate } from "react-router-dom";
import { onSessionEnded } from "../api/client";
import { AlertsPage } from "../alerts/AlertsPage";
import { signInPath } from "../auth/returnTo";
import { ME_KEY, useMe } from "../auth/session";
import { SignInPage } from "../auth/SignInPage";
import { CaseloadPage } from "../caseload/CaseloadPage";
import { Layout } from "../shared/Layout";
import { mayUse, type PageKey } from "../shared/pages";
import { Loading, Problem } from "../shared/QueryState";

// The client page and its chart library load when first opened, not with the caseload.
const ClientPage = lazy(() =>
  import("../client/ClientPage").then((module) => ({ default: module.ClientPage })),
);

const RecordSessionPage = lazy(() =>
  import("../sessions/RecordSessionPage").then((module) => ({ default: module.RecordSessionPage })),
);
const AmendSessionPage = lazy(() =>
  import("../sessions/AmendSessionPage").then((module) => ({ default: module.AmendSessionPage })),
);
const SessionPage = lazy(() =>
  import("../sessions/SessionPage").then((module) => ({ default: module.SessionPage })),
);

const PlansPage = lazy(() =>
  import("../plans/PlansPage").then((module) => ({ default: module.PlansPage })),
);
const PlanPage = lazy(() => import("../plans/PlanPage").then((module) => ({ default: module.PlanPage })));

// The client's questionnaire link page: no sign-in, no clinician frame (issue 18).
const LinkQuestionnairePage = lazy(() =>
  import("../questionnaire/link/LinkQuestionnairePage").then((module) => ({
    default: module.LinkQuestionnairePage,
  })),
);

// The kiosk tablet's neutral screen (decision 0251) and a client account's own page (0260).
const KioskNeutralScreen = lazy(() =>
  import("../questionnaire/link/LinkQuestionnairePage").then((module) => ({
    default: module.KioskNeutralScreen,
  })),
);
const OwnProgressPage = lazy(() =>
  import("../questionnaire/progress/OwnProgressPage").then((module) => ({ default: module.OwnProgressPage })),
);

// Consultations, the practice dashboard, the therapist profile and the admin pages.
const ConsultationsPage = lazy(() =>
  import("../consultations/ConsultationsPage").then((module) => ({ default: module.ConsultationsPage })),
);
const ClientConsultationsPage = lazy(() =>
  import("../consultations/ClientConsultationsPage").then((module) => ({
    default: module.ClientConsultationsPage,
  })),
);
const ThreadPage = lazy(() =>
  import("../consultations/ThreadPage").then((module) => ({ default: module.ThreadPage })),
);
const PracticePage = lazy(() =>
  import("../practice/PracticePage").then((module) => ({ default: module.PracticePage })),
);
const ProfilePage = lazy(() => import("../profile/ProfilePage").then((module) => ({ default: module.ProfilePage })));
const AccountsPage = lazy(() => import("../admin/AccountsPage").then((module) => ({ default: module.AccountsPage })));
const TeamsPage = lazy(() => import("../admin/TeamsPage").then((module) => ({ default: module.TeamsPage })));
const AuditPage = lazy(() => import("../admin/AuditPage").then((module) => ({ default: module.AuditPage })));
const AccessHistoryPage = lazy(() =>
  import("../admin/AccessHistoryPage").then((module) => ({ default: module.AccessHistoryPage })),
);

const NotesPage = lazy(() => import("../notes/NotesPage").then((module) => ({ default: module.NotesPage })));

function RequireSession({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const here = location.pathname + location.search;

  useEffect(
    () =>
      onSessionEnded(() => {
        queries.setQueryData(ME_KEY, null);
        navigate(signInPath(here, true), { replace: true });
      }),
    [here, navigate, queries],
  );

  if (me.isPending) return <Loading what="your session" />;
  if (me.isError) return <Problem error={me.error} />;
  if (me.data === null) return <Navigate to={signInPath(here, false)} replace />;
  return (
    <Layout me={me.data}>
      <Suspense fallback={<Loading what="the page" />}>{children}</Suspense>
    </Layout>
  );
}

/// A page only some roles may use (shared/pages.ts): anyone else who types its address is told
/// plainly, and nothing of the page is loaded.
function RequireRole({ page, children }: { page: PageKey; children: ReactNode }) {
  const me = useMe();
  if (!me.data) return null;
  if (!mayUse(me.data.user.role, page)) {
    return (
      <>
        <h1>Not available to your role</h1>
        <p>
          This page is not available to your role ({me.data.user.role}). The pages you can use are in
          the menu at the top.
        </p>
      </>
    );
  }
  return <>{children}</>;
}

/// A page of the signed-in frame that only some roles may use.
function Guarded({ page, children }: { page: PageKey; children: ReactNode }) {
  return (
    <RequireSession>
      <RequireRole page={page}>{children}</RequireRole>
    </RequireSession>
  );
}

export function App() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route
        path="/q"
        element={<Suspense fallback={<Loading what="your questionnaires" />}><LinkQuestionnairePage /></Suspense>}
      />
      <Route
        path="/kiosk"
        element={<Suspense fallback={<Loading what="the questionnaires" />}><LinkQuestionnairePage kiosk /></Suspense>}
      />
      <Route
        path="/kiosk/done"
        element={<Suspense fallback={<Loading what="the page" />}><KioskNeutralScreen /></Suspense>}
      />
      <Route path="/" element={<RequireSession><Home /></RequireSession>} />
      <Route path="/clients/:clientId" element={<RequireSession><ClientPage /></RequireSession>} />
      <Route
        path="/clients/:clientId/sessions/new"
        element={<RequireSession><RecordSessionPage /></RequireSession>}
      />
      <Route
        path="/clients/:clientId/sessions/:sessionId"
        element={<RequireSession><SessionPage /></RequireSession>}
      />
      <Route
        path="/clients/:clientId/sessions/:sessionId/amend"
        element={<RequireSession><AmendSessionPage /></RequireSession>}
      />
      <Route path="/clients/:clientId/plans" element={<RequireSession><PlansPage /></RequireSession>} />
      <Route
        path="/clients/:clientId/plans/:planId"
        element={<RequireSession><PlanPage /></RequireSession>}
      />
      <Route path="/clients/:clientId/notes" element={<RequireSession><NotesPage /></RequireSession>} />
      <Route path="/alerts" element={<Guarded page="alerts"><AlertsPage /></Guarded>} />
      <Route path="/consultations" element={<Guarded page="consultations"><ConsultationsPage /></Guarded>} />
      <Route
        path="/clients/:clientId/consultations"
        element={<Guarded page="consultations"><ClientConsultationsPage /></Guarded>}
      />
      <Route
        path="/clients/:clientId/consultations/:threadId"
        element={<Guarded page="consultations"><ThreadPage /></Guarded>}
      />
      <Route path="/practice" element={<Guarded page="practice"><PracticePage /></Guarded>} />
      <Route path="/profile" element={<Guarded page="profile"><ProfilePage /></Guarded>} />
      <Route path="/admin/accounts" element={<Guarded page="accounts"><AccountsPage /></Guarded>} />
      <Route path="/admin/teams" element={<Guarded page="teams"><TeamsPage /></Guarded>} />
      <Route path="/admin/audit" element={<Guarded page="audit"><AuditPage /></Guarded>} />
      <Route
        path="/admin/access-history"
        element={<Guarded page="access-history"><AccessHistoryPage /></Guarded>}
      />
      <Route path="*" element={<RequireSession><NotFound /></RequireSession>} />
    </Routes>
  );
}

/// The caseload for staff; a client account's own page for a client.
function Home() {
  const me = useMe();
  if (me.data?.user.role === "client") return <OwnProgressPage />;
  return <CaseloadPage />;
}

function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>There is no page at this address. The caseload is on the home page.</p>
    </>
  );
}
