// The frame of every signed-in page: skip link, the product name, navigation (the pages the
// role may use: shared/pages.ts), who is signed in and a sign-out button; the page in <main>.
import type { ReactNode } from "react";
import { NavLink, useNavigate } from "react-router-dom";
import type { Me } from "../api/types";
import { useSignOut } from "../auth/session";
import { pagesFor } from "./pages";

export function Layout({ me, children }: { me: Me; children: ReactNode }) {
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="top-bar">
        <div className="top-bar-inner">
          <span className="brand">tessera</span>
          <nav aria-label="Main">
            {pagesFor(me.user.role).map((page) => (
              <NavLink key={page.key} to={page.path} end={page.path === "/"}>
                {page.label}
              </NavLink>
            ))}
          </nav>
          <div className="account">
            <span className="account-name">
              {me.user.username} <span className="account-role">({me.user.role})</span>
            </span>
            <button
              type="button"
              className="button-quiet"
              onClick={async () => {
                await signOut();
                navigate("/sign-in", { replace: true });
              }}
            >
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
