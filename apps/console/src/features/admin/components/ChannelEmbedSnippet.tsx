import { EMBED_SNIPPET_HELP, embedSnippet } from '../lib/embed-snippet';
import { CopyField } from './CopyField';

/** A web chat's script tag with its Copy button: on the channel's row, in Edit and after adding it. */
export function ChannelEmbedSnippet({ accountId, help = true }: { accountId: string; help?: boolean }) {
  return (
    <CopyField
      label="Embed snippet"
      multiline
      value={embedSnippet(accountId)}
      help={help ? EMBED_SNIPPET_HELP : undefined}
    />
  );
}
