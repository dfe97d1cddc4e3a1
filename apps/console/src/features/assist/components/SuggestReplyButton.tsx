import type { AssistReplyView } from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import { useTranslation } from '../../../i18n';
import { useRequestReply } from '../hooks/useAssist';

/** The draft with its cited articles listed under it, numbered as the draft cites them. */
export function replyWithCitations(reply: AssistReplyView): string {
  if (!reply.citedArticles.length) return reply.text;
  const links = reply.citedArticles.map((a, i) => ['[', String(i + 1), '] ', a.title, ': ', a.url].join(''));
  return [reply.text, links.join('\n')].join('\n\n');
}

interface Props {
  ticketId: string;
  /** Gets the draft to insert into the editor; nothing is sent until the agent sends it. */
  onSuggestion(text: string): void;
}

/** "Suggest reply" in the composer: a draft grounded in help articles, with links to the ones it cites. */
export function SuggestReplyButton({ ticketId, onSuggestion }: Props) {
  const { t } = useTranslation();
  const suggest = useRequestReply(ticketId);
  return (
    <>
      <Button
        disabled={suggest.isPending}
        onClick={() =>
          suggest.mutate(undefined, { onSuccess: (reply) => onSuggestion(replyWithCitations(reply)) })
        }
      >
        {suggest.isPending ? t('assist.suggesting') : t('assist.suggestReply')}
      </Button>
      {suggest.isError && (
        <p className="form-error" role="alert">
          {suggest.error.message}
        </p>
      )}
    </>
  );
}
