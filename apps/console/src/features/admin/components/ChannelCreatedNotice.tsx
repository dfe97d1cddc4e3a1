import type { ChannelAccountCreatedView } from '@switchboard/contracts';
import type { ChannelKind } from '../lib/channel-kinds';
import { ChannelEmbedSnippet } from './ChannelEmbedSnippet';
import { ChannelTestOutcome } from './ChannelTestOutcome';
import { CopyField } from './CopyField';

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
  return (
    <section className="created-notice" aria-labelledby="channel-created-heading">
      <h3 id="channel-created-heading">Channel “{name}” added</h3>
      {result.webhookUrl && (
        <CopyField
          label="Webhook URL"
          value={result.webhookUrl}
          help={`Paste it into ${kind.provider ?? 'the provider'}'s console as the address for incoming messages.`}
        />
      )}
      {result.configured && (
        <>
          <p>{kind.provider ?? 'The provider'} was set up automatically:</p>
          <ChannelTestOutcome result={result.configured} />
        </>
      )}
      {result.apiKey && (
        <>
          <p className="warning">
            <strong>Copy the API key now: you will not see it again.</strong> Switchboard keeps only a
            fingerprint of it.
          </p>
          <CopyField
            label="API key"
            value={result.apiKey}
            help={`Send it in the X-Api-Key header to POST /api/channels/api/${result.id}/inbound.`}
          />
          {result.signingSecret && (
            <CopyField
              label="Signing secret"
              value={result.signingSecret}
              help="Checks the signature on the replies Switchboard posts to your callback URL."
            />
          )}
        </>
      )}
      {kind.embedsWidget && <ChannelEmbedSnippet accountId={result.id} />}
      <button type="button" onClick={onDone}>
        Done
      </button>
    </section>
  );
}
