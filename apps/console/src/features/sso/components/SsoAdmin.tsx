import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from '../../../components/Button';
import { Checkbox } from '../../../components/Choice';
import { Input } from '../../../components/Input';
import { Select } from '../../../components/Select';
import { useTranslation } from '../../../i18n';
import { CopyField } from '../../admin/components/CopyField';
import { useTeams } from '../../tickets/hooks/useDirectory';
import { useAdminUsers } from '../../admin/hooks/usePeople';
import {
  fetchSsoSettings,
  saveSsoSettings,
  ssoKeys,
  SSO_CALLBACK_PATH,
  type Role,
  type SsoSettings,
} from '../api/sso-api';
import { SsoMappingRows } from './SsoMappingRows';
import '../sso.css';

const ROLES: Role[] = ['agent', 'supervisor', 'admin'];

/** The form's words for lists the API takes as arrays. */
interface Draft extends Omit<SsoSettings, 'scopes' | 'allowedDomains'> {
  scopes: string;
  allowedDomains: string;
  clientSecret: string;
}

const EMPTY: Draft = {
  enabled: true,
  issuerUrl: '',
  clientId: '',
  clientSecret: '',
  scopes: 'openid email profile',
  allowedDomains: '',
  roleClaim: null,
  roleMapping: [],
  defaultRole: 'agent',
  teamClaim: null,
  teamMapping: [],
  createUsers: true,
  ssoOnly: false,
  breakGlassUserId: null,
  buttonLabel: null,
};

const words = (text: string, separator: RegExp) =>
  text
    .split(separator)
    .map((w) => w.trim())
    .filter(Boolean);
const orNull = (text: string) => (text.trim() ? text.trim() : null);

/** Admin → SSO: the workspace's OpenID Connect provider, who may sign in, and what their claims grant. */
export default function SsoAdmin() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const stored = useQuery({ queryKey: ssoKeys.settings(), queryFn: fetchSsoSettings });
  const teams = useTeams().data ?? [];
  const admins = (useAdminUsers().data ?? []).filter((u) => u.role === 'admin' && u.active);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  useEffect(() => {
    if (stored.data)
      setDraft({
        ...stored.data,
        scopes: stored.data.scopes.join(' '),
        allowedDomains: stored.data.allowedDomains.join(', '),
        clientSecret: '',
      });
  }, [stored.data]);
  const save = useMutation({
    mutationFn: () =>
      saveSsoSettings({
        ...draft,
        scopes: words(draft.scopes, /\s+/),
        allowedDomains: words(draft.allowedDomains, /[\s,]+/),
        roleClaim: orNull(draft.roleClaim ?? ''),
        teamClaim: orNull(draft.teamClaim ?? ''),
        buttonLabel: orNull(draft.buttonLabel ?? ''),
        clientSecret: draft.clientSecret || undefined,
      }),
    onSuccess: () => {
      setDraft((d) => ({ ...d, clientSecret: '' }));
      return queryClient.invalidateQueries({ queryKey: ['sso'] });
    },
  });
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  if (stored.isPending) return <p role="status">{t('common.loading')}</p>;
  const secretSet = stored.data?.clientSecretSet ?? false;

  return (
    <form className="admin-section sso-admin" aria-labelledby="sso-admin-heading" onSubmit={submit}>
      <h2 id="sso-admin-heading">{t('sso.admin.heading')}</h2>
      <p className="muted">{t('sso.admin.intro')}</p>
      <CopyField
        label={t('sso.admin.callbackUrl')}
        value={[window.location.origin, SSO_CALLBACK_PATH].join('')}
        help={t('sso.admin.callbackHelp')}
      />
      <fieldset>
        <legend>{t('sso.admin.provider')}</legend>
        <Checkbox
          label={t('sso.admin.enabled')}
          checked={draft.enabled}
          onChange={(e) => set('enabled', e.target.checked)}
        />
        <Input
          label={t('sso.admin.issuerUrl')}
          hint={t('sso.admin.issuerHint')}
          type="url"
          required
          value={draft.issuerUrl}
          onChange={(e) => set('issuerUrl', e.target.value)}
        />
        <Input
          label={t('sso.admin.clientId')}
          required
          value={draft.clientId}
          onChange={(e) => set('clientId', e.target.value)}
        />
        <Input
          label={t('sso.admin.clientSecret')}
          hint={secretSet ? t('sso.admin.secretKept') : t('sso.admin.secretNew')}
          type="password"
          autoComplete="new-password"
          required={!secretSet}
          value={draft.clientSecret}
          onChange={(e) => set('clientSecret', e.target.value)}
        />
        <Input
          label={t('sso.admin.scopes')}
          hint={t('sso.admin.scopesHint')}
          value={draft.scopes}
          onChange={(e) => set('scopes', e.target.value)}
        />
        <Input
          label={t('sso.admin.buttonLabel')}
          hint={t('sso.admin.buttonLabelHint')}
          value={draft.buttonLabel ?? ''}
          onChange={(e) => set('buttonLabel', e.target.value)}
        />
      </fieldset>
      <fieldset>
        <legend>{t('sso.admin.who')}</legend>
        <Input
          label={t('sso.admin.allowedDomains')}
          hint={t('sso.admin.allowedDomainsHint')}
          value={draft.allowedDomains}
          onChange={(e) => set('allowedDomains', e.target.value)}
        />
        <Checkbox
          label={t('sso.admin.createUsers')}
          checked={draft.createUsers}
          onChange={(e) => set('createUsers', e.target.checked)}
        />
        <Checkbox
          label={t('sso.admin.ssoOnly')}
          checked={draft.ssoOnly}
          onChange={(e) => set('ssoOnly', e.target.checked)}
        />
        {draft.ssoOnly && (
          <Select
            label={t('sso.admin.breakGlass')}
            hint={t('sso.admin.breakGlassHint')}
            value={draft.breakGlassUserId ?? ''}
            onChange={(e) => set('breakGlassUserId', e.target.value || null)}
            options={[
              { value: '', label: '—' },
              ...admins.map((a) => ({ value: a.id, label: [a.name, a.email].join(' · ') })),
            ]}
          />
        )}
      </fieldset>
      <fieldset>
        <legend>{t('sso.admin.roles')}</legend>
        <Input
          label={t('sso.admin.roleClaim')}
          hint={t('sso.admin.claimHint')}
          value={draft.roleClaim ?? ''}
          onChange={(e) => set('roleClaim', e.target.value)}
        />
        <Select
          label={t('sso.admin.defaultRole')}
          value={draft.defaultRole}
          onChange={(e) => set('defaultRole', e.target.value as Role)}
          options={ROLES.map((role) => ({ value: role, label: t(['sso.admin.role', role].join('.')) }))}
        />
        <SsoMappingRows
          kind="role"
          rows={draft.roleMapping.map((m) => ({ value: m.value, target: m.role }))}
          targets={ROLES.map((role) => ({ value: role, label: t(['sso.admin.role', role].join('.')) }))}
          onChange={(rows) =>
            set(
              'roleMapping',
              rows.map((r) => ({ value: r.value, role: r.target as Role })),
            )
          }
        />
      </fieldset>
      <fieldset>
        <legend>{t('sso.admin.teams')}</legend>
        <Input
          label={t('sso.admin.teamClaim')}
          hint={t('sso.admin.claimHint')}
          value={draft.teamClaim ?? ''}
          onChange={(e) => set('teamClaim', e.target.value)}
        />
        <SsoMappingRows
          kind="team"
          rows={draft.teamMapping.map((m) => ({ value: m.value, target: m.teamId }))}
          targets={teams.map((team) => ({ value: team.id, label: team.name }))}
          onChange={(rows) =>
            set(
              'teamMapping',
              rows.map((r) => ({ value: r.value, teamId: r.target })),
            )
          }
        />
      </fieldset>
      <p className="muted">{t('sso.admin.secondFactor')}</p>
      <Button type="submit" variant="primary" disabled={save.isPending}>
        {t('sso.admin.save')}
      </Button>
      {save.isSuccess && <span role="status">{t('sso.admin.saved')}</span>}
      {save.isError && (
        <p className="form-error" role="alert">
          {save.error.message}
        </p>
      )}
    </form>
  );
}
