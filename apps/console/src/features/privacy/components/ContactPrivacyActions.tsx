import { useState } from 'react';
import type { Role } from '@switchboard/domain';
import { Button } from '../../../components/Button';
import { Dialog } from '../../../components/Dialog';
import { Input } from '../../../components/Input';
import type { useToast } from '../../../components/Toast';
import { useTranslation } from '../../../i18n';
import { useContactPrivacy } from '../hooks/usePrivacy';
import { confirmsErasure, erasePhrase } from '../lib/erase-confirmation';

type Toast = ReturnType<typeof useToast>;

interface Props {
  contact: { id: string; name: string | null; identities: Array<{ address: string }> };
  role: Role;
  toast: Toast;
}

/**
 * A data request on the contact page: "Export data" (supervisors and admins) saves everything
 * held about them as a zip; "Erase" (admins) removes them for good, behind a dialog that asks
 * for their name to be typed, because nothing brings the data back.
 */
export function ContactPrivacyActions({ contact, role, toast }: Props) {
  const { t } = useTranslation();
  const { exportArchive, erase } = useContactPrivacy(contact.id);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const phrase = erasePhrase(contact);
  const close = () => {
    setConfirming(false);
    setTyped('');
    erase.reset();
  };
  if (role === 'agent') return null;

  return (
    <>
      <Button
        disabled={exportArchive.isPending}
        onClick={() => {
          toast.clear();
          exportArchive.mutate(undefined, {
            onSuccess: () => toast.success(t('privacy.exported')),
            onError: (error) => toast.error(error.message),
          });
        }}
      >
        {exportArchive.isPending ? t('privacy.exporting') : t('privacy.export')}
      </Button>
      {role === 'admin' && (
        <Button variant="danger" onClick={() => setConfirming(true)}>
          {t('privacy.erase')}
        </Button>
      )}
      {confirming && (
        <Dialog title={t('privacy.eraseTitle')} onClose={close} describedBy="erase-contact-warning">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!confirmsErasure(typed, phrase)) return;
              toast.clear();
              erase.mutate(undefined, {
                onSuccess: (result) => {
                  close();
                  toast.success(
                    t('privacy.erased', {
                      tickets: result.tickets,
                      messages: result.messages,
                      files: result.files,
                    }),
                  );
                },
              });
            }}
          >
            <p id="erase-contact-warning">{t('privacy.eraseWarning')}</p>
            <Input
              label={t('privacy.typeToConfirm', { phrase })}
              value={typed}
              autoComplete="off"
              onChange={(e) => setTyped(e.target.value)}
            />
            {erase.isError && (
              <p className="form-error" role="alert">
                {erase.error.message}
              </p>
            )}
            <div className="dialog-actions">
              <Button onClick={close}>{t('common.cancel')}</Button>
              <Button
                type="submit"
                variant="danger"
                disabled={!confirmsErasure(typed, phrase) || erase.isPending}
              >
                {t('privacy.confirmErase')}
              </Button>
            </div>
          </form>
        </Dialog>
      )}
    </>
  );
}
