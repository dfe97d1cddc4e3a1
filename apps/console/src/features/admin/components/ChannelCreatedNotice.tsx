import type { ChannelAccountCreatedView } from '@switchboard/contracts';
import type { ChannelKind } from '../lib/channel-kinds';
import { ChannelEmbedSnippet } from './ChannelEmbedSnippet';
import { ChannelTestOutcome } from './ChannelTestOutcome';
import { CopyField } from './CopyField';
import { useTranslation } from '../../../i18n';
import { Button } from '../../../components/Button';

export interface CreatedChannel {
  name: string;
  kind: ChannelKind;
  result: ChannelAccountCreatedView;
}

/**
 * What the admin must do next with a new channel: paste the webhook URL, keep the API key (it is
 * never shown again: only its hash is stored), or put the chat's script tag on the site.
 */
export function ChannelCreatedNotice({ created, onDone }: { created: CreatedChannel; onDone(): void }) {
  const { name, kind, result } = created;
  const { t } = useTranslation();
  const provider = kind.provider ?? t('adminScreens.channels.theProvider');
  return (
    <section className="created-notice" aria-labelledby="channel-created-heading">
      <h3 id="channel-created-heading">{t('adminScreens.channels.added', { name })}</h3>
      {result.webhookUrl && (
        <CopyField
          label={t('adminScreens.channels.webhookUrl')}
          value={result.webhookUrl}
          help={t('adminScreens.channels.webhookHelp', { provider })}
        />
      )}
      {result.configured && (
        <>
          <p>{t('adminScreens.channels.setUpAutomatically', { provider })}</p>
          <ChannelTestOutcome result={result.configured} />
        </>
      )}
      {result.apiKey && (
        <>
          <p className="warning">
            <strong>{t('adminScreens.channels.copyKeyNow')}</strong>{' '}
            {t('adminScreens.channels.onlyFingerprint')}
          </p>
          <CopyField
            label={t('adminScreens.channels.apiKey')}
            value={result.apiKey}
            help={t('adminScreens.channels.apiKeyHelp', { path: `/api/channels/api/${result.id}/inbound` })}
          />
          {result.signingSecret && (
            <CopyField
              label={t('adminScreens.channels.signingSecret')}
              value={result.signingSecret}
              help={t('adminScreens.channels.signingSecretHelp')}
            />
          )}
        </>
      )}
      {kind.embedsWidget && <ChannelEmbedSnippet accountId={result.id} />}
      <Button onClick={onDone}>{t('adminScreens.done')}</Button>
    </section>
  );
}
