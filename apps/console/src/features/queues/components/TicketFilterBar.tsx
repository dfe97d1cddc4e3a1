import { useEffect, useState } from 'react';
import type { Priority } from '@switchboard/contracts';
import { channelName } from '../../../lib/channel-names';
import {
  CHANNELS,
  isStatusQueue,
  PRIORITIES,
  STATUSES,
  type StatusFilter,
  type TicketFilters,
} from '../../../lib/ticket-filters';
import { useTranslation } from '../../../i18n';
import { CustomFieldFilter } from '../../custom-fields/components/CustomFieldFilter';
import { Input } from '../../../components/Input';
import { Select } from '../../../components/Select';

interface Props {
  filters: TicketFilters;
  onChange(filters: TicketFilters): void;
  teams: { id: string; name: string }[];
}

export const SEARCH_INPUT_ID = 'ticket-search';

/** Status, channel, priority, team and tag filters and the search box (text or #number). */
export function TicketFilterBar({ filters, onChange, teams }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(filters.q ?? '');
  const [tag, setTag] = useState(filters.tag ?? '');
  useEffect(() => setSearch(filters.q ?? ''), [filters.q]);

  const set = (patch: Partial<TicketFilters>) => onChange({ ...filters, ...patch });

  return (
    <div className="filters">
      <form
        role="search"
        className="search"
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: search.trim() || undefined });
        }}
      >
        <Input
          label={t('filters.searchLabel')}
          hideLabel
          id={SEARCH_INPUT_ID}
          type="search"
          placeholder={t('filters.searchPlaceholder')}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            if (!e.target.value) set({ q: undefined });
          }}
        />
      </form>
      <div className="filter-row">
        {/* A status queue (Pending, On hold, Solved) is its own status filter. */}
        {!isStatusQueue(filters.queue) && (
          <Select
            label={t('filters.status')}
            hideLabel
            value={filters.status}
            onChange={(e) => set({ status: e.target.value as StatusFilter })}
          >
            {(['active', 'any', ...STATUSES] as StatusFilter[]).map((s) => (
              <option key={s} value={s}>
                {t(`filters.statusOption.${s}`)}
              </option>
            ))}
          </Select>
        )}
        <Select
          label={t('filters.channel')}
          hideLabel
          value={filters.channel ?? ''}
          onChange={(e) => set({ channel: e.target.value || undefined })}
        >
          <option value="">{t('filters.anyChannel')}</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {channelName(c)}
            </option>
          ))}
        </Select>
        <Select
          label={t('filters.priority')}
          hideLabel
          value={filters.priority ?? ''}
          onChange={(e) => set({ priority: (e.target.value || undefined) as Priority | undefined })}
        >
          <option value="">{t('filters.anyPriority')}</option>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`priority.${p}`)}
            </option>
          ))}
        </Select>
        <Select
          label={t('filters.team')}
          hideLabel
          value={filters.teamId ?? ''}
          onChange={(e) => set({ teamId: e.target.value || undefined })}
        >
          <option value="">{t('filters.anyTeam')}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </Select>
        <Input
          label={t('filters.tag')}
          hideLabel
          className="tag-filter"
          placeholder={t('filters.tag')}
          value={tag}
          onChange={(e) => setTag(e.target.value)}
          onBlur={() => set({ tag: tag.trim() || undefined })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') set({ tag: tag.trim() || undefined });
          }}
        />
        <CustomFieldFilter value={filters.customField} onChange={(customField) => set({ customField })} />
      </div>
    </div>
  );
}
