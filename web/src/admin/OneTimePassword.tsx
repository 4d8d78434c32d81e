// A generated password the server returns once: shown for the admin to hand over, never stored.
export function OneTimePassword({ username, password }: { username: string; password: string }) {
  return (
    <div className="one-time">
      <p>
        The password for <strong>{username}</strong>, shown this once (give it to them in a safe way; they
        should change it after signing in):
      </p>
      <p>
        <code className="one-time-password" aria-label={`Password for ${username}`}>
          {password}
        </code>
      </p>
    </div>
  );
}
