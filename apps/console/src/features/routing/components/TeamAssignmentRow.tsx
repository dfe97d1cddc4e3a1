import { useId, useState } from 'react';
import type { AdminTeamView, AssignmentSettings } from '@switchboard/contracts';
import { useTranslation } from '../../../i18n';
import { Input } from '../../../components/Input';
import { Select } from '../../../components/Select';
import { useRowSave } from '../hooks/useRowSave';
import { RoutingRow } from './RoutingRow';
import { Checkbox } from '../../../components/Choice';

const MODES = ['manual', 'round_robin', 'balanced'] as const;

/** How one team's unassigned tickets find an agent: by hand, in turn, or to the least loaded. */
export function TeamAssignmentRow({
  team,
  onSave,
}: {
  team: AdminTeamView;
  onSave(assignment: AssignmentSettings): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const current = team.assignment ?? { mode: 'manual', onlyOnline: true };
  const [mode, setMode] = useState<AssignmentSettings['mode']>(current.mode);
  const [onlyOnline, setOnlyOnline] = useState(current.onlyOnline);
  const [maxPerHour, setMaxPerHour] = useState(current.maxPerHour ? String(current.maxPerHour) : '');
  const { busy, save } = useRowSave(() =>
    onSave({ mode, onlyOnline, ...(maxPerHour.trim() ? { maxPerHour: Number(maxPerHour) } : {}) }),
  );

  return (
    <RoutingRow
      name={team.name}
      saveLabel={t('routing.saveTeam', { name: team.name })}
      busy={busy}
      onSave={save}
    >
      <Select
        label={t('routing.mode')}
        id={`${id}-mode`}
        value={mode}
        onChange={(e) => setMode(e.target.value as typeof mode)}
      >
        {MODES.map((m) => (
          <option key={m} value={m}>
            {t(`routing.modes.${m}`)}
          </option>
        ))}
      </Select>
      <Checkbox
        label={t('routing.onlyOnline')}
        checked={onlyOnline}
        onChange={(e) => setOnlyOnline(e.target.checked)}
      />
      <Input
        label={t('routing.maxPerHour')}
        id={`${id}-max`}
        className="routing-number"
        type="number"
        min={1}
        step={1}
        inputMode="numeric"
        placeholder={t('routing.noLimit')}
        value={maxPerHour}
        onChange={(e) => setMaxPerHour(e.target.value)}
      />
    </RoutingRow>
  );
}
