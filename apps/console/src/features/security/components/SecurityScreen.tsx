import type { UserView } from '@switchboard/contracts';
import { useTranslation } from '../../../i18n';
import { ApiTokensPanel } from './ApiTokensPanel';
import { TwoFactorPolicy } from './TwoFactorPolicy';
import { TwoFactorSettings } from './TwoFactorSettings';
import '../security.css';

/** `#/security`: my second factor and API tokens; admins also set who must use two factors. */
export default function SecurityScreen({ me }: { me: Pick<UserView, 'role'> }) {
  const { t } = useTranslation();
  return (
    <main className="admin" aria-labelledby="security-heading" id="main-security">
      <h1 id="security-heading">{t('security.title')}</h1>
      <TwoFactorSettings />
      <ApiTokensPanel />
      {me.role === 'admin' && <TwoFactorPolicy />}
    </main>
  );
}
