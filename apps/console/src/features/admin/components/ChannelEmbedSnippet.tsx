import { embedSnippet } from '../lib/embed-snippet';
import { CopyField } from './CopyField';
import { useTranslation } from '../../../i18n';

/** A web chat's script tag with its Copy button: on the channel's row, in Edit and after adding it. */
export function ChannelEmbedSnippet({ accountId, help = true }: { accountId: string; help?: boolean }) {
  const { t } = useTranslation();
  return (
    <CopyField
      label={t('adminScreens.channels.embedSnippet')}
      multiline
      value={embedSnippet(accountId)}
      help={help ? t('adminScreens.channels.embedSnippetHelp') : undefined}
    />
  );
}
