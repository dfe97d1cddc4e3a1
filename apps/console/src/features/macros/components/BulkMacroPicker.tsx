import { useState } from 'react';
import { useTranslation } from '../../../i18n';
import { useApplyMacro, useMacros } from '../hooks/useMacros';
import { Select } from '../../../components/Select';

/** "Apply macro…" in bulk actions: every selected ticket gets all the steps, or (that one) none. */
export function BulkMacroPicker({ ticketIds }: { ticketIds: string[] }) {
  const { t } = useTranslation();
  const macros = useMacros();
  const { bulk } = useApplyMacro();
  const [outcome, setOutcome] = useState<{ text: string; failed: boolean } | null>(null);

  function apply(macroId: string) {
    const name = macros.data?.find((m) => m.id === macroId)?.name ?? '';
    setOutcome(null);
    bulk.mutate(
      { ticketIds, macroId },
      {
        onSuccess: ({ results }) => {
          const failed = results.filter((r) => !r.ok);
          const reasons = [...new Set(failed.map((r) => ('error' in r ? r.error : '')))].join('; ');
          setOutcome({
            failed: failed.length > 0,
            text: failed.length
              ? t('macros.bulkFailed', {
                  name,
                  applied: results.length - failed.length,
                  failed: failed.length,
                  reasons,
                })
              : t('macros.bulkApplied', { name, count: results.length }),
          });
        },
        onError: (error) => setOutcome({ failed: true, text: error.message }),
      },
    );
  }

  return (
    <>
      <Select
        label={t('macros.applyToSelected')}
        hideLabel
        value=""
        disabled={bulk.isPending || !macros.data?.length}
        onChange={(e) => e.target.value && apply(e.target.value)}
      >
        <option value="">{t('macros.applyPrompt')}</option>
        {(macros.data ?? []).map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </Select>
      {outcome && (
        <span role="status" className={outcome.failed ? 'form-error' : 'muted'}>
          {outcome.text}
        </span>
      )}
    </>
  );
}
