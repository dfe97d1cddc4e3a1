import { lazy, Suspense, useEffect, useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import { Input } from '../../../components/Input';
import { ApiError } from '../../../lib/api-client';
import { useTranslation } from '../../../i18n';
import {
  enrolAndSignIn,
  enrolSetup,
  verifyCode,
  type PendingLogin,
  type SignedIn,
  type TotpSetup,
} from '../api/security-api';
import { OneTimeSecret } from './OneTimeSecret';

// Enrolling at sign-in is rare and the QR code renderer is large: loaded only when a role's
// policy asks for it, so every other login keeps a small first load.
const TotpEnrolment = lazy(() => import('./TotpEnrolment').then((m) => ({ default: m.TotpEnrolment })));

const messageOf = (cause: unknown, fallback: string) =>
  cause instanceof ApiError || cause instanceof Error ? cause.message : fallback;

/**
 * The login's second step: the code from the authenticator app (or a recovery code), or, when
 * the person's role requires a second factor they do not have yet, enrolling one first.
 */
export function SecondFactorStep({
  pending,
  onSignedIn,
  onCancel,
}: {
  pending: PendingLogin;
  onSignedIn(session: SignedIn): void;
  onCancel(): void;
}) {
  return 'twoFactorRequired' in pending ? (
    <CodeStep challenge={pending.challenge} onSignedIn={onSignedIn} onCancel={onCancel} />
  ) : (
    <EnrolStep challenge={pending.challenge} onSignedIn={onSignedIn} onCancel={onCancel} />
  );
}

function CodeStep({
  challenge,
  onSignedIn,
  onCancel,
}: {
  challenge: string;
  onSignedIn(session: SignedIn): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await verifyCode(challenge, code.trim()));
    } catch (cause) {
      setError(messageOf(cause, t('login.failed')));
      setBusy(false);
    }
  };
  return (
    <form className="login-card" onSubmit={submit} aria-labelledby="code-title" noValidate>
      <h1 id="code-title">{t('security.login.codeTitle')}</h1>
      <p className="muted">{t('security.login.codeIntro')}</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <Input
        id="login-code"
        label={t('security.login.code')}
        hint={t('security.login.codeHint')}
        autoComplete="one-time-code"
        autoFocus
        value={code}
        onChange={(e) => setCode(e.target.value)}
      />
      <Button type="submit" variant="primary" disabled={busy || code.trim().length < 6}>
        {t('security.login.verify')}
      </Button>
      <Button className="link-button" onClick={onCancel}>
        {t('security.login.back')}
      </Button>
    </form>
  );
}

function EnrolStep({
  challenge,
  onSignedIn,
  onCancel,
}: {
  challenge: string;
  onSignedIn(session: SignedIn): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<(SignedIn & { recoveryCodes: string[] }) | null>(null);

  useEffect(() => {
    enrolSetup(challenge)
      .then(setSetup)
      .catch((cause) => setError(messageOf(cause, t('login.failed'))));
  }, [challenge, t]);

  const submit = async (code: string) => {
    setBusy(true);
    setError(null);
    try {
      setDone(await enrolAndSignIn(challenge, code));
    } catch (cause) {
      setError(messageOf(cause, t('login.failed')));
      setBusy(false);
    }
  };

  return (
    <div className="login-card">
      <h1>{t('security.login.enrolTitle')}</h1>
      <p className="muted">{t('security.login.enrolIntro')}</p>
      {done ? (
        <OneTimeSecret
          title={t('security.twoFactor.recoveryTitle')}
          lines={done.recoveryCodes}
          onDone={() => onSignedIn({ token: done.token, user: done.user })}
        />
      ) : setup ? (
        <Suspense fallback={<p className="empty-state">{t('common.loading')}</p>}>
          <TotpEnrolment setup={setup} busy={busy} error={error} onSubmit={(code) => void submit(code)} />
        </Suspense>
      ) : error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : (
        <p className="muted">{t('common.loading')}</p>
      )}
      {!done && (
        <Button className="link-button" onClick={onCancel}>
          {t('security.login.back')}
        </Button>
      )}
    </div>
  );
}
