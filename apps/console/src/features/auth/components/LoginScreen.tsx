import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import { Input } from '../../../components/Input';
import { ApiError } from '../../../lib/api-client';
import { useSession } from '../hooks/useSession';
import { useTranslation } from '../../../i18n';
import { SecondFactorStep } from '../../security/components/SecondFactorStep';
import { SsoSignIn } from '../../sso/components/SsoSignIn';
import type { PendingLogin } from '../../security/api/security-api';
import { ACCOUNT_DISABLED, PASSWORD_CHANGED, SESSION_EXPIRED, SIGNED_OUT } from '../session-ended';

// The session-ended notices are the API's known English sentences; each has its catalog words.
const NOTICE_KEYS: Record<string, string> = {
  [SIGNED_OUT]: 'login.signedOut',
  [ACCOUNT_DISABLED]: 'login.accountDisabled',
  [PASSWORD_CHANGED]: 'login.passwordChanged',
  [SESSION_EXPIRED]: 'login.sessionExpired',
};

export function LoginScreen() {
  const { login, adopt, notice } = useSession();
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<PendingLogin | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const next = await login(email.trim(), password);
      if (next) {
        setPending(next);
        setPassword('');
        setBusy(false);
      }
    } catch (cause) {
      if (cause instanceof ApiError && (cause.status === 401 || cause.status === 400)) {
        setError(cause.status === 401 ? t('login.wrongPassword') : cause.message);
      } else {
        setError(cause instanceof Error ? cause.message : t('login.failed'));
      }
      setBusy(false);
    }
  }

  if (pending)
    return (
      <main className="login">
        <SecondFactorStep pending={pending} onSignedIn={adopt} onCancel={() => setPending(null)} />
      </main>
    );

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title" noValidate>
        <h1 id="login-title">{t('shell.brand')}</h1>
        <p className="muted">{t('login.intro')}</p>
        {notice && !error && (
          <p className="notice" role="status">
            {notice in NOTICE_KEYS ? t(NOTICE_KEYS[notice]) : notice}
          </p>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <Input
          id="login-email"
          label={t('login.email')}
          type="email"
          autoComplete="username"
          required
          autoFocus
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Input
          id="login-password"
          label={t('login.password')}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <Button type="submit" variant="primary" disabled={busy || !email || !password}>
          {busy ? t('login.signingIn') : t('login.signIn')}
        </Button>
        <SsoSignIn onSignedIn={adopt} />
      </form>
    </main>
  );
}
