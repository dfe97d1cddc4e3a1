import type { ChannelTestResultView } from '@switchboard/contracts';
import { useTranslation } from '../../../i18n';

/** The provider's answer in the words the API chose: what works, or what to fix. */
export function ChannelTestOutcome({ result }: { result: ChannelTestResultView }) {
  const { t } = useTranslation();
  return result.ok ? (
    <p role="status" className="test-ok">
      {t('adminScreens.channels.connectionWorks')} {result.detail}
    </p>
  ) : (
    <p role="alert" className="form-error">
      {t('adminScreens.channels.connectionFailed')} {result.reason}
    </p>
  );
}
