import type { AdminTeamView } from '@switchboard/contracts';
import { useTranslation } from '../../../i18n';
import { Checkbox } from '../../../components/Choice';

/** Team checkboxes for a person; the chosen ids replace their memberships. */
export function TeamPicker({
  teams,
  value,
  onChange,
  legend,
}: {
  teams: AdminTeamView[];
  value: string[];
  onChange(next: string[]): void;
  legend?: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="team-picker">
      <legend>{legend ?? t('adminScreens.people.teams')}</legend>
      {teams.length === 0 && <p className="muted">{t('adminScreens.people.noTeams')}</p>}
      {teams.map((team) => (
        <Checkbox
          key={team.id}
          label={team.name}
          checked={value.includes(team.id)}
          onChange={(e) =>
            onChange(e.target.checked ? [...value, team.id] : value.filter((id) => id !== team.id))
          }
        />
      ))}
    </fieldset>
  );
}
