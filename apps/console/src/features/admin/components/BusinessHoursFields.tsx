import { useId } from 'react';
import { timeZoneKey, WEEKDAYS, weekdayKey } from '../lib/business-hours';
import type { FieldValues } from '../lib/channel-config';
import type { ConfigField } from '../lib/channel-kinds';
import { ClockTimeInput } from './ClockTimeInput';

/** A time zone and a from/to row per weekday, on the 24-hour clock; an empty row is a closed day. */
export function BusinessHoursFields({
  field,
  values,
  onChange,
}: {
  field: ConfigField;
  values: FieldValues;
  onChange(path: string, value: string): void;
}) {
  const id = useId();
  const text = (key: string) => String(values[key] ?? '');
  return (
    <fieldset className="stack business-hours" aria-describedby={field.help ? `${id}-help` : undefined}>
      <legend>{field.label}</legend>
      {field.help && (
        <p id={`${id}-help`} className="muted">
          {field.help}
        </p>
      )}
      <label htmlFor={`${id}-tz`}>Time zone</label>
      <input
        id={`${id}-tz`}
        value={text(timeZoneKey(field.path))}
        onChange={(e) => onChange(timeZoneKey(field.path), e.target.value)}
        placeholder="Europe/Berlin"
      />
      <table>
        <tbody>
          {WEEKDAYS.map((name, i) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              {(['from', 'to'] as const).map((end) => {
                const key = weekdayKey(field.path, i + 1, end);
                return (
                  <td key={end}>
                    <ClockTimeInput
                      aria-label={`${name} ${end === 'from' ? 'opens' : 'closes'}`}
                      value={text(key)}
                      onChange={(value) => onChange(key, value)}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </fieldset>
  );
}
