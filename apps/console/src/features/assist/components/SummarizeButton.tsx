import type { AssistSummaryView } from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import { useTranslation } from '../../../i18n';
import { useRequestSummary } from '../hooks/useAssist';
import '../assist.css';

interface Props {
  ticketId: string;
  /** Gets the summary to put into the note fields; the agent edits and sends the note themselves. */
  onSummary(summary: AssistSummaryView): void;
}

/** "Summarize" beside a transfer or hold note: asks AI assist for the conversation's gist. */
export function SummarizeButton({ ticketId, onSummary }: Props) {
  const { t } = useTranslation();
  const summarize = useRequestSummary(ticketId);
  return (
    <div className="assist-action">
      <Button
        disabled={summarize.isPending}
        onClick={() => summarize.mutate(undefined, { onSuccess: onSummary })}
      >
        {summarize.isPending ? t('assist.summarizing') : t('assist.summarize')}
      </Button>
      {summarize.isError && (
        <p className="form-error" role="alert">
          {summarize.error.message}
        </p>
      )}
      {summarize.isSuccess && (
        <p className="muted" role="status">
          {t('assist.summaryFilled')}
        </p>
      )}
    </div>
  );
}
