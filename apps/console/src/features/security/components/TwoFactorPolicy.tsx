import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UserView } from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import { useTranslation } from '../../../i18n';
import { fetchPolicy, savePolicy, securityKeys } from '../api/security-api';
import { Checkbox } from '../../../components/Choice';

const ROLES: UserView['role'][] = ['agent', 'supervisor', 'admin'];

/** Admins: which roles must sign in with a second factor. */
export function TwoFactorPolicy() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const policy = useQuery({ queryKey: securityKeys.policy(), queryFn: fetchPolicy });
  const [roles, setRoles] = useState<UserView['role'][]>([]);
  useEffect(() => {
    if (policy.data) setRoles(policy.data.requiredRoles);
  }, [policy.data]);
  const save = useMutation({
    mutationFn: () => savePolicy(roles),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['security'] }),
  });
  return (
    <section className="admin-section" aria-labelledby="two-factor-policy-heading">
      <h2 id="two-factor-policy-heading">{t('security.policy.heading')}</h2>
      <p className="muted">{t('security.policy.intro')}</p>
      <fieldset>
        <legend>{t('security.policy.roles')}</legend>
        {ROLES.map((role) => (
          <Checkbox
            key={role}
            label={t(`security.policy.role.${role}`)}
            checked={roles.includes(role)}
            onChange={() =>
              setRoles((now) => (now.includes(role) ? now.filter((r) => r !== role) : [...now, role]))
            }
          />
        ))}
      </fieldset>
      <Button variant="primary" disabled={save.isPending || !policy.data} onClick={() => save.mutate()}>
        {t('security.policy.save')}
      </Button>
      {save.isSuccess && <span role="status">{t('security.policy.saved')}</span>}
      {save.isError && <p className="form-error">{save.error.message}</p>}
    </section>
  );
}
