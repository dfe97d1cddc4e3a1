/** A password the server keeps only hashed: shown here once, gone when dismissed. */
export function OneTimePassword({
  who,
  password,
  onDone,
}: {
  who: string;
  password: string;
  onDone(): void;
}) {
  return (
    <section className="one-time-notice" role="status" aria-label={`Password for ${who}`}>
      <p>
        Password for <strong>{who}</strong>: <code className="one-time-password">{password}</code>
      </p>
      <p className="warning">Copy it now and hand it over safely: it is not shown again.</p>
      <button type="button" onClick={onDone}>
        Done
      </button>
    </section>
  );
}
