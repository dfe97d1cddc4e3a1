import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from '../../../components/Button';
import { Input } from '../../../components/Input';
import { useTranslation } from '../../../i18n';
import {
  disableTwoFactor,
  enableTwoFactor,
  fetchTwoFactor,
  newRecoveryCodes,
  securityKeys,
  startSetup,
  type TotpSetup,
} from '../api/security-api';
import { OneTimeSecret } from './OneTimeSecret';
import { TotpEnrolment } from './TotpEnrolment';

/** My second factor: turn it on (scan, confirm with a code), see recovery codes once, replace them, turn it off. */
export function TwoFactorSettings() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: securityKeys.twoFactor(), queryFn: fetchTwoFactor });
  const refresh = () => queryClient.invalidateQueries({ queryKey: securityKeys.twoFactor() });
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const begin = useMutation({ mutationFn: startSetup, onSuccess: setSetup });
  const enable = useMutation({
    mutationFn: enableTwoFactor,
    onSuccess: (r) => {
      setSetup(null);
      setCodes(r.recoveryCodes);
      void refresh();
    },
  });

  return (
    <section className="admin-section" aria-labelledby="two-factor-heading">
      <h2 id="two-factor-heading">{t('security.twoFactor.heading')}</h2>
      <p className="muted">{t('security.twoFactor.intro')}</p>
      {status.isError && <p className="form-error">{status.error.message}</p>}
      {status.data && (
        <p role="status" data-testid="two-factor-state">
          {status.data.enabled
            ? t('security.twoFactor.on', { left: status.data.recoveryCodesLeft })
            : status.data.required
              ? t('security.twoFactor.offRequired')
              : t('security.twoFactor.off')}
        </p>
      )}
      {codes && (
        <OneTimeSecret
          title={t('security.twoFactor.recoveryTitle')}
          lines={codes}
          onDone={() => setCodes(null)}
        />
      )}
      {status.data && !status.data.enabled && !setup && (
        <Button variant="primary" disabled={begin.isPending} onClick={() => begin.mutate()}>
          {t('security.twoFactor.setUp')}
        </Button>
      )}
      {begin.isError && <p className="form-error">{begin.error.message}</p>}
      {setup && (
        <TotpEnrolment
          setup={setup}
          busy={enable.isPending}
          error={enable.isError ? enable.error.message : null}
          onSubmit={(code) => enable.mutate(code)}
        />
      )}
      {status.data?.enabled && !codes && (
        <CodeAction
          label={t('security.twoFactor.newCodes')}
          run={async (code) => setCodes((await newRecoveryCodes(code)).recoveryCodes)}
          onDone={refresh}
        />
      )}
      {status.data?.enabled && !status.data.required && !codes && (
        <CodeAction label={t('security.twoFactor.turnOff')} danger run={disableTwoFactor} onDone={refresh} />
      )}
    </section>
  );
}

/** An action that needs a current code first (replacing recovery codes, turning the factor off). */
function CodeAction({
  label,
  danger,
  run,
  onDone,
}: {
  label: string;
  danger?: boolean;
  run(code: string): Promise<unknown>;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState('');
  const action = useMutation({
    mutationFn: () => run(code.trim()),
    onSuccess: () => {
      setOpen(false);
      setCode('');
      onDone();
    },
  });
  if (!open)
    return (
      <p>
        <Button variant={danger ? 'danger' : undefined} onClick={() => setOpen(true)}>
          {label}
        </Button>
      </p>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    action.mutate();
  };
  return (
    <form className="security-inline-form" onSubmit={submit} aria-label={label}>
      <Input
        label={t('security.twoFactor.currentCode')}
        autoComplete="one-time-code"
        autoFocus
        value={code}
        error={action.isError ? action.error.message : null}
        onChange={(e) => setCode(e.target.value)}
      />
      <Button
        type="submit"
        variant={danger ? 'danger' : 'primary'}
        disabled={action.isPending || code.length < 6}
      >
        {label}
      </Button>
      <Button onClick={() => setOpen(false)}>{t('security.cancel')}</Button>
    </form>
  );
}
