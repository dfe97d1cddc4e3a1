import type { AdminTeamView } from '@switchboard/contracts';

/** Team checkboxes for a person; the chosen ids replace their memberships. */
export function TeamPicker({
  teams,
  value,
  onChange,
  legend = 'Teams',
}: {
  teams: AdminTeamView[];
  value: string[];
  onChange(next: string[]): void;
  legend?: string;
}) {
  return (
    <fieldset className="team-picker">
      <legend>{legend}</legend>
      {teams.length === 0 && <p className="muted">No teams yet.</p>}
      {teams.map((team) => (
        <label key={team.id} className="checkbox">
          <input
            type="checkbox"
            checked={value.includes(team.id)}
            onChange={(e) =>
              onChange(e.target.checked ? [...value, team.id] : value.filter((id) => id !== team.id))
            }
          />
          {team.name}
        </label>
      ))}
    </fieldset>
  );
}
