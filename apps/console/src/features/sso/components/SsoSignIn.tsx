import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from '../../../i18n';
import type { LoginResult } from '../../auth/api/auth-api';
import { exchangeHandoff, fetchSsoInfo, ssoKeys, SSO_START_URL } from '../api/sso-api';
import { takeSsoReturn } from '../sso-return';
import '../sso.css';

let pendingExchange: { handoff: string; result: Promise<LoginResult> } | null = null;

/** One trade per hand-off, even when React runs the effect twice (a second trade would be refused). */
function exchangeOnce(handoff: string): Promise<LoginResult> {
  if (pendingExchange?.handoff !== handoff) pendingExchange = { handoff, result: exchangeHandoff(handoff) };
  return pendingExchange.result;
}

/**
 * The login screen's SSO part: the button when an admin set SSO up, and the way back from the
 * provider (the hand-off traded for a session, or the provider's refusal shown as it was said).
 */
export function SsoSignIn({ onSignedIn }: { onSignedIn(result: LoginResult): void }) {
  const { t } = useTranslation();
  const info = useQuery({ queryKey: ssoKeys.info(), queryFn: fetchSsoInfo, retry: false });
  const [returned] = useState(takeSsoReturn);
  const [error, setError] = useState<string | null>(returned && 'error' in returned ? returned.error : null);
  const [finishing, setFinishing] = useState(returned !== null && 'handoff' in returned);

  useEffect(() => {
    if (!returned || !('handoff' in returned)) return;
    exchangeOnce(returned.handoff).then(onSignedIn, (cause: unknown) => {
      setError(cause instanceof Error ? cause.message : t('sso.failed'));
      setFinishing(false);
    });
  }, [returned, onSignedIn, t]);

  return (
    <>
      {error && (
        <p className="form-error" role="alert" data-testid="sso-error">
          {t('sso.refused', { reason: error })}
        </p>
      )}
      {finishing && <p role="status">{t('sso.finishing')}</p>}
      {info.data?.enabled && (
        <div className="sso-sign-in">
          <p className="muted sso-divider">{t('sso.or')}</p>
          <a className="btn sso-button" href={SSO_START_URL}>
            {info.data.buttonLabel ?? t('sso.signIn')}
          </a>
          {info.data.passwordLoginOff && <p className="muted">{t('sso.passwordOff')}</p>}
        </div>
      )}
    </>
  );
}
