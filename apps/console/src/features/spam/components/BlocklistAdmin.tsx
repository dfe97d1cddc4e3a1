import { useEffect, useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import { Input } from '../../../components/Input';
import { Select } from '../../../components/Select';
import { confirmAction } from '../../../components/confirm-action';
import { dateTime } from '../../../lib/format';
import { useTranslation } from '../../../i18n';
import type { BlocklistEntry, BlocklistKind, FloodLimit } from '../api/spam-api';
import { useBlocklist, useBlocklistChanges, useFloodLimit, useSaveFloodLimit } from '../hooks/useSpam';

const KINDS: BlocklistKind[] = ['address', 'domain', 'contact'];

/** Admin → Blocklist: blocked handles, domains and contacts, and the per-contact flood limit. */
export default function BlocklistAdmin() {
  const { t } = useTranslation();
  const list = useBlocklist();
  const { add, remove } = useBlocklistChanges();
  const [kind, setKind] = useState<BlocklistKind>('address');
  const [value, setValue] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value.trim()) add.mutate({ kind, value: value.trim() }, { onSuccess: () => setValue('') });
  };
  const unblock = async (entry: BlocklistEntry) => {
    const sure = await confirmAction({
      title: t('blocklist.unblockTitle'),
      message: t('blocklist.unblockMessage', { value: entry.contactName ?? entry.value }),
      confirmLabel: t('blocklist.unblock'),
    });
    if (sure) remove.mutate(entry.id);
  };
  const entries = list.data?.items ?? [];
  return (
    <section className="admin-section" aria-labelledby="blocklist-heading">
      <h2 id="blocklist-heading">{t('blocklist.heading')}</h2>
      <p className="muted">{t('blocklist.intro')}</p>
      <form className="audit-filters" onSubmit={submit} aria-label={t('blocklist.add')}>
        <Select
          label={t('blocklist.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as BlocklistKind)}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(['blocklist.kinds', k].join('.'))}
            </option>
          ))}
        </Select>
        <Input
          label={t('blocklist.value')}
          hint={t(['blocklist.hints', kind].join('.'))}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={add.isError ? add.error.message : null}
          required
        />
        <Button type="submit" variant="primary" disabled={add.isPending || !value.trim()}>
          {t('blocklist.add')}
        </Button>
      </form>
      {(list.isError || remove.isError) && (
        <p className="form-error" role="alert">
          {(list.error ?? remove.error)?.message}
        </p>
      )}
      <table className="admin-table" aria-label={t('blocklist.tableLabel')}>
        <thead>
          <tr>
            <th>{t('blocklist.kind')}</th>
            <th>{t('blocklist.value')}</th>
            <th>{t('blocklist.by')}</th>
            <th>{t('blocklist.when')}</th>
            <th>{t('spam.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-testid="blocklist-row">
              <td>{t(['blocklist.kinds', entry.kind].join('.'))}</td>
              <td>{entry.contactName ?? entry.value}</td>
              <td>{entry.createdBy ?? ''}</td>
              <td>{dateTime(entry.createdAt)}</td>
              <td>
                <Button disabled={remove.isPending} onClick={() => void unblock(entry)}>
                  {t('blocklist.unblock')}
                </Button>
              </td>
            </tr>
          ))}
          {list.isSuccess && entries.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                {t('blocklist.none')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <FloodLimitForm />
    </section>
  );
}

function FloodLimitForm() {
  const { t } = useTranslation();
  const current = useFloodLimit();
  const save = useSaveFloodLimit();
  const [draft, setDraft] = useState<FloodLimit | null>(null);
  useEffect(() => {
    if (current.data && !draft) setDraft(current.data);
  }, [current.data, draft]);
  if (!draft) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(draft);
  };
  return (
    <form className="audit-filters" onSubmit={submit} aria-labelledby="flood-heading">
      <h3 id="flood-heading">{t('blocklist.floodHeading')}</h3>
      <label>
        <input
          type="checkbox"
          checked={draft.enabled}
          onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })}
        />{' '}
        {t('blocklist.floodEnabled')}
      </label>
      <Input
        label={t('blocklist.floodMax')}
        type="number"
        min={1}
        value={draft.maxMessages}
        onChange={(e) => setDraft({ ...draft, maxMessages: Number(e.target.value) })}
      />
      <Input
        label={t('blocklist.floodWindow')}
        type="number"
        min={1}
        value={draft.windowSeconds}
        onChange={(e) => setDraft({ ...draft, windowSeconds: Number(e.target.value) })}
        error={save.isError ? save.error.message : null}
      />
      <Button type="submit" variant="primary" disabled={save.isPending}>
        {save.isSuccess ? t('blocklist.floodSaved') : t('blocklist.floodSave')}
      </Button>
    </form>
  );
}
