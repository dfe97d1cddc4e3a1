import { useId, useState } from 'react';
import type { AdminUserView, CapacityView } from '@switchboard/contracts';
import { useTranslation } from '../../../i18n';
import { CHANNEL_OPTIONS } from '../../../lib/channel-names';
import { Input } from '../../../components/Input';
import { useRowSave } from '../hooks/useRowSave';
import { RoutingRow } from './RoutingRow';

/** Blank means "no limit"; the server refuses what is not a whole number of 0 or more, by name. */
const parse = (text: string) => (text.trim() === '' ? undefined : Number(text));
const show = (n: number | undefined) => (n === undefined ? '' : String(n));

/** The most open tickets one agent carries at once: in total and per channel kind. */
export function AgentCapacityRow({
  person,
  onSave,
}: {
  person: AdminUserView;
  onSave(capacity: CapacityView): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [total, setTotal] = useState(show(person.capacity?.total));
  const [perChannel, setPerChannel] = useState<Record<string, string>>(() =>
    Object.fromEntries(CHANNEL_OPTIONS.map((c) => [c.kind, show(person.capacity?.perChannel?.[c.kind])])),
  );
  const { busy, save } = useRowSave(() => {
    const channels = Object.fromEntries(
      Object.entries(perChannel)
        .map(([kind, text]) => [kind, parse(text)] as const)
        .filter(([, n]) => n !== undefined),
    );
    return onSave({
      ...(parse(total) !== undefined ? { total: parse(total) } : {}),
      ...(Object.keys(channels).length ? { perChannel: channels } : {}),
    });
  });

  return (
    <RoutingRow
      name={person.name}
      saveLabel={t('routing.saveCapacity', { name: person.name })}
      busy={busy}
      onSave={save}
    >
      <Input
        label={t('routing.total')}
        id={`${id}-total`}
        className="routing-number"
        type="number"
        min={0}
        step={1}
        inputMode="numeric"
        placeholder={t('routing.noLimit')}
        value={total}
        onChange={(e) => setTotal(e.target.value)}
      />
      <details className="routing-channels">
        <summary>{t('routing.perChannel')}</summary>
        <div className="routing-channel-grid">
          {CHANNEL_OPTIONS.map((c) => (
            <Input
              key={c.kind}
              className="routing-number"
              type="number"
              min={0}
              step={1}
              inputMode="numeric"
              label={c.name}
              aria-label={t('routing.channelCapacity', { name: person.name, channel: c.name })}
              placeholder={t('routing.noLimit')}
              value={perChannel[c.kind]}
              onChange={(e) => setPerChannel({ ...perChannel, [c.kind]: e.target.value })}
            />
          ))}
        </div>
      </details>
    </RoutingRow>
  );
}
