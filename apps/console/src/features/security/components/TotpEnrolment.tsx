import { useState, type FormEvent } from 'react';
import { QRCodeSVG } from 'qrcode.react';
import { Button } from '../../../components/Button';
import { Input } from '../../../components/Input';
import { useTranslation } from '../../../i18n';
import type { TotpSetup } from '../api/security-api';

/** The secret as a QR code and as text (for typing into an app, or a phone that is the screen itself), and the first code. */
export function TotpEnrolment({
  setup,
  busy,
  error,
  onSubmit,
}: {
  setup: TotpSetup;
  busy: boolean;
  error: string | null;
  onSubmit(code: string): void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(code.trim());
  };
  // Groups of four, as authenticator apps show secrets typed by hand.
  const grouped = setup.secret.replace(/(.{4})/g, '$1 ').trim();
  return (
    <form className="security-enrol" onSubmit={submit} aria-label={t('security.twoFactor.enrolForm')}>
      <p>{t('security.twoFactor.scan')}</p>
      <div className="security-qr">
        <QRCodeSVG value={setup.otpauthUrl} size={176} title={t('security.twoFactor.qrTitle')} />
      </div>
      <p className="muted">{t('security.twoFactor.orType')}</p>
      <p>
        <code className="security-secret" data-testid="totp-secret">
          {grouped}
        </code>
      </p>
      <p className="muted">
        <a href={setup.otpauthUrl}>{t('security.twoFactor.openInApp')}</a>
      </p>
      <Input
        id="totp-enrol-code"
        label={t('security.twoFactor.code')}
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9 ]*"
        value={code}
        error={error}
        onChange={(e) => setCode(e.target.value)}
      />
      <Button type="submit" variant="primary" disabled={busy || code.trim().length < 6}>
        {t('security.twoFactor.turnOn')}
      </Button>
    </form>
  );
}
