import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Input } from '../../../components/Input';
import { dateTime } from '../../../lib/format';
import { useTranslation } from '../../../i18n';
import {
  API_TOKEN_SCOPES,
  createApiToken,
  fetchApiTokens,
  revokeApiToken,
  securityKeys,
  type ApiTokenScope,
  type ApiTokenView,
} from '../api/security-api';
import { OneTimeSecret } from './OneTimeSecret';
import { Checkbox } from '../../../components/Choice';

/** A scope's words; the catalog keys spell `tickets:read` as `tickets_read` (a colon separates i18next namespaces). */
function useScopeLabel() {
  const { t } = useTranslation();
  return (scope: ApiTokenScope) => t(`security.scopes.${scope.replace(':', '_')}`);
}

/** My API tokens: create one with scopes (the token is shown once), see when each was last used, revoke. */
export function ApiTokensPanel() {
  const { t } = useTranslation();
  const scopeLabel = useScopeLabel();
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: securityKeys.tokens(), queryFn: fetchApiTokens });
  const refresh = () => queryClient.invalidateQueries({ queryKey: securityKeys.tokens() });
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiTokenView | null>(null);
  const when = (iso: string | null) => (iso ? dateTime(iso) : t('security.tokens.never'));

  return (
    <section className="admin-section" aria-labelledby="api-tokens-heading">
      <h2 id="api-tokens-heading">{t('security.tokens.heading')}</h2>
      <p className="muted">{t('security.tokens.intro')}</p>
      {created && (
        <OneTimeSecret
          title={t('security.tokens.createdTitle', { name: created.name })}
          lines={[created.token]}
          onDone={() => setCreated(null)}
        />
      )}
      <NewTokenForm
        onCreated={(token) => {
          setCreated(token);
          void refresh();
        }}
      />
      {tokens.isError && <p className="form-error">{tokens.error.message}</p>}
      <ul className="security-token-list" aria-label={t('security.tokens.listLabel')}>
        {tokens.data?.map((token) => (
          <li key={token.id} className="security-token">
            <strong>{token.name}</strong>
            <span className="muted">{token.scopes.map((s) => scopeLabel(s)).join(', ')}</span>
            <span className="muted">
              {t('security.tokens.lastUsed', { when: when(token.lastUsedAt) })}
              {token.expiresAt && ` · ${t('security.tokens.expires', { when: when(token.expiresAt) })}`}
            </span>
            {token.revokedAt ? (
              <span className="muted">{t('security.tokens.revokedAt', { when: when(token.revokedAt) })}</span>
            ) : (
              <Button
                variant="danger"
                aria-label={t('security.tokens.revokeNamed', { name: token.name })}
                onClick={() => setRevoking(token)}
              >
                {t('security.tokens.revoke')}
              </Button>
            )}
          </li>
        ))}
        {tokens.isSuccess && !tokens.data.length && <li className="muted">{t('security.tokens.none')}</li>}
      </ul>
      {revoking && (
        <ConfirmDialog
          title={t('security.tokens.revokeTitle', { name: revoking.name })}
          message={t('security.tokens.revokeMessage')}
          confirmLabel={t('security.tokens.revoke')}
          danger
          onCancel={() => setRevoking(null)}
          onConfirm={async () => {
            await revokeApiToken(revoking.id);
            setRevoking(null);
            await refresh();
          }}
        />
      )}
    </section>
  );
}

function NewTokenForm({ onCreated }: { onCreated(token: { name: string; token: string }): void }) {
  const { t } = useTranslation();
  const scopeLabel = useScopeLabel();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiTokenScope[]>(['tickets:read']);
  const [expires, setExpires] = useState('');
  const create = useMutation({
    mutationFn: () =>
      createApiToken({
        name: name.trim(),
        scopes,
        expiresAt: expires ? new Date(`${expires}T23:59:59`).toISOString() : null,
      }),
    onSuccess: (made) => {
      onCreated({ name: made.name, token: made.token });
      setName('');
      setExpires('');
    },
  });
  const toggle = (scope: ApiTokenScope) =>
    setScopes((now) => (now.includes(scope) ? now.filter((s) => s !== scope) : [...now, scope]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form className="security-token-form" onSubmit={submit} aria-label={t('security.tokens.newForm')}>
      <Input
        label={t('security.tokens.name')}
        value={name}
        maxLength={120}
        onChange={(e) => setName(e.target.value)}
      />
      <fieldset>
        <legend>{t('security.tokens.scopes')}</legend>
        {API_TOKEN_SCOPES.map((scope) => (
          <Checkbox
            key={scope}
            label={scopeLabel(scope)}
            checked={scopes.includes(scope)}
            onChange={() => toggle(scope)}
          />
        ))}
      </fieldset>
      <Input
        label={t('security.tokens.expiresOn')}
        hint={t('security.tokens.expiresHint')}
        type="date"
        value={expires}
        onChange={(e) => setExpires(e.target.value)}
      />
      {create.isError && (
        <p className="form-error" role="alert">
          {create.error.message}
        </p>
      )}
      <Button type="submit" variant="primary" disabled={create.isPending || !name.trim() || !scopes.length}>
        {t('security.tokens.create')}
      </Button>
    </form>
  );
}
