import { useId } from 'react';
import { timeZoneKey, WEEKDAYS, weekdayKey } from '../lib/business-hours';
import { weekdayName } from '../../../lib/format';
import type { FieldValues } from '../lib/channel-config';
import type { ConfigField } from '../lib/channel-kinds';
import { ClockTimeInput } from './ClockTimeInput';
import { useTranslation } from '../../../i18n';
import { Input } from '../../../components/Input';

const EXAMPLE_TIME_ZONE = 'Europe/Berlin';

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
  const { t } = useTranslation();
  const text = (key: string) => String(values[key] ?? '');
  return (
    <fieldset className="stack business-hours" aria-describedby={field.help ? `${id}-help` : undefined}>
      <legend>{field.label}</legend>
      {field.help && (
        <p id={`${id}-help`} className="muted">
          {field.help}
        </p>
      )}
      <Input
        label={t('adminScreens.timeZone')}
        value={text(timeZoneKey(field.path))}
        onChange={(e) => onChange(timeZoneKey(field.path), e.target.value)}
        placeholder={EXAMPLE_TIME_ZONE}
      />
      <table>
        <tbody>
          {WEEKDAYS.map((day, i) => (
            <tr key={day}>
              <th scope="row">{weekdayName(i + 1)}</th>
              {(['from', 'to'] as const).map((end) => {
                const key = weekdayKey(field.path, i + 1, end);
                return (
                  <td key={end}>
                    <ClockTimeInput
                      aria-label={t(end === 'from' ? 'adminScreens.opensOn' : 'adminScreens.closesOn', {
                        day: weekdayName(i + 1),
                      })}
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
