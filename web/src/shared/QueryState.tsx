// What a page shows while its data loads or when it could not be loaded.
import { ApiError } from "../api/client";

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

export function Problem({ error }: { error: unknown }) {
  const message =
    error instanceof ApiError
      ? error.status === 404
        ? "This record does not exist, or you do not have access to it."
        : error.message
      : "The server could not be reached. Check the connection and try again.";
  return (
    <div className="problem" role="alert">
      <p>{message}</p>
    </div>
  );
}
