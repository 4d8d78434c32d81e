// The client page's way into the client's consultations (to read them or start one), for the
// roles that take part in them.
import { Link } from "react-router-dom";
import { useMe } from "../auth/session";
import { mayUse } from "../shared/pages";

export function ConsultationsLink({ clientId }: { clientId: number }) {
  const role = useMe().data?.user.role;
  if (!role || !mayUse(role, "consultations")) return null;
  return <Link to={`/clients/${clientId}/consultations`}>Consultations</Link>;
}
