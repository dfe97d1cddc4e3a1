import { useState, type FormEvent } from 'react';
import type { CalendarView, WeeklyInterval } from '../api/sla-admin-api';
import { ClockTimeInput } from '../../../admin/components/ClockTimeInput';
import { useCalendars, useCreateCalendar, useDeleteCalendar, useReplaceCalendar } from '../hooks/useSlaAdmin';
import { EditDeleteCell, ErrorAlert, SlaAdminTable, SlaFormFooter } from './SlaAdminParts';
import { useTranslation } from '../../../../i18n';
import { Input, TextArea } from '../../../../components/Input';
import { weekdayName } from '../../../../lib/format';
import { Button } from '../../../../components/Button';

// Stable codes for test ids and keys; what the admin reads is weekdayName() in their language.
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const OFFICE_HOURS: WeeklyInterval[] = [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' }));

/** "Mon 09:00–12:00, 13:00–18:00 · Tue …": a calendar's week on one line. */
export function describeHours(hours: WeeklyInterval[]): string {
  return WEEKDAYS.map((_, i) => {
    const day = hours.filter((h) => h.day === i + 1).sort((a, b) => a.from.localeCompare(b.from));
    return day.length
      ? `${weekdayName(i + 1, 'short')} ${day.map((h) => `${h.from}–${h.to}`).join(', ')}`
      : null;
  })
    .filter(Boolean)
    .join(' · ');
}

/** Holidays typed one per line or separated by commas/spaces; only YYYY-MM-DD survives. */
export function parseHolidayList(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)))].sort();
}

/** A file's text (FileReader: also where `Blob.text` is missing). */
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}

/** Offered where the browser cannot list its time zones. */
const FALLBACK_ZONES = [
  'UTC',
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Tokyo',
] as const;

function zones(): readonly string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? FALLBACK_ZONES;
}

/** Business calendars: the list with Edit and Delete, and a form for a new one (weekly hours, holidays, iCal import). */
export function CalendarsSection() {
  const calendars = useCalendars();
  const [editing, setEditing] = useState<CalendarView | null>(null);
  const { t } = useTranslation();
  return (
    <section aria-labelledby="calendars-title" className="sla-admin-section">
      <h2 id="calendars-title">{t('slaAdmin.calendars.heading')}</h2>
      <ErrorAlert error={calendars.error} />
      {calendars.data && calendars.data.length === 0 && (
        <p className="empty-state">{t('slaAdmin.calendars.none')}</p>
      )}
      {calendars.data && calendars.data.length > 0 && (
        <SlaAdminTable regionLabel={t('slaAdmin.calendars.table')} tableLabel={t('slaAdmin.calendars.list')}>
          <thead>
            <tr>
              <th scope="col">{t('slaAdmin.name')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('adminScreens.people.actions')}</span>
              </th>
              <th scope="col">{t('adminScreens.timeZone')}</th>
              <th scope="col">{t('slaAdmin.calendars.openingHours')}</th>
              <th scope="col">{t('slaAdmin.calendars.holidays')}</th>
            </tr>
          </thead>
          <tbody>
            {calendars.data.map((c) => (
              <CalendarRow key={c.id} calendar={c} onEdit={() => setEditing(c)} />
            ))}
          </tbody>
        </SlaAdminTable>
      )}
      <CalendarForm key={editing?.id ?? 'new'} initial={editing} onDone={() => setEditing(null)} />
    </section>
  );
}

function CalendarRow({ calendar, onEdit }: { calendar: CalendarView; onEdit(): void }) {
  const remove = useDeleteCalendar();
  const { t } = useTranslation();
  return (
    <tr data-testid="calendar-row">
      <th scope="row">{calendar.name}</th>
      <EditDeleteCell
        name={calendar.name}
        what={t('slaAdmin.calendars.what', { name: calendar.name })}
        deletePending={remove.isPending}
        deleteError={remove.error?.message ?? null}
        onEdit={onEdit}
        onDelete={() => remove.mutate(calendar.id)}
      />
      <td>{calendar.timeZone}</td>
      <td>{describeHours(calendar.hours)}</td>
      <td title={calendar.holidays.join(', ')}>
        {calendar.holidays.length
          ? `${calendar.holidays.length} (${calendar.holidays.slice(0, 3).join(', ')}${calendar.holidays.length > 3 ? ', …' : ''})`
          : t('adminScreens.people.none')}
      </td>
    </tr>
  );
}

/** A new calendar, or (with `initial`) a calendar replaced as a whole. */
function CalendarForm({ initial, onDone }: { initial: CalendarView | null; onDone(): void }) {
  const create = useCreateCalendar();
  const replace = useReplaceCalendar();
  const save = initial ? replace : create;
  const [name, setName] = useState(initial?.name ?? '');
  const [timeZone, setTimeZone] = useState(
    () => initial?.timeZone ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'),
  );
  const [hours, setHours] = useState<WeeklyInterval[]>(initial?.hours ?? OFFICE_HOURS);
  const [holidays, setHolidays] = useState((initial?.holidays ?? []).join('\n'));
  const [ical, setIcal] = useState<{ name: string; text: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { t } = useTranslation();

  const update = (index: number, change: Partial<WeeklyInterval>) =>
    setHours(hours.map((h, i) => (i === index ? { ...h, ...change } : h)));
  const addInterval = (day: number) => {
    const last = hours.filter((h) => h.day === day).sort((a, b) => b.to.localeCompare(a.to))[0];
    setHours([
      ...hours,
      last
        ? { day, from: last.to < '23:00' ? last.to : '09:00', to: last.to < '23:00' ? '24:00' : '18:00' }
        : { day, from: '09:00', to: '18:00' },
    ]);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const body = {
      name: name.trim(),
      timeZone,
      hours,
      holidays: parseHolidayList(holidays),
      ...(ical ? { ical: ical.text } : {}),
    };
    if (initial) {
      replace.mutate({ id: initial.id, body }, { onSuccess: () => onDone() });
      return;
    }
    create.mutate(body, {
      onSuccess: (created) => {
        setNotice(
          [
            t('slaAdmin.calendars.created', { name: created.name, count: created.holidays.length }),
            created.warnings?.length
              ? t('slaAdmin.calendars.icalWarnings', { warnings: created.warnings.join('; ') })
              : '',
          ]
            .filter(Boolean)
            .join(' '),
        );
        setName('');
        setHolidays('');
        setIcal(null);
      },
    });
  };

  const title = initial
    ? t('slaAdmin.calendars.editTitle', { name: initial.name })
    : t('slaAdmin.calendars.newTitle');
  return (
    <form className="sla-admin-form" aria-label={title} onSubmit={submit}>
      <h3>{title}</h3>
      <Input
        label={t('slaAdmin.name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        maxLength={120}
      />
      <Input
        label={t('adminScreens.timeZone')}
        list="sla-admin-zones"
        value={timeZone}
        onChange={(e) => setTimeZone(e.target.value)}
        required
      />
      <datalist id="sla-admin-zones">
        {zones().map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <fieldset className="sla-admin-week-fieldset">
        <legend>{t('slaAdmin.calendars.weekly')}</legend>
        <p className="meta">{t('slaAdmin.calendars.weeklyHelp')}</p>
        <ul className="sla-admin-week">
          {WEEKDAYS.map((label, i) => {
            const day = i + 1;
            const dayName = weekdayName(day, 'short');
            const intervals = hours.map((h, index) => ({ h, index })).filter(({ h }) => h.day === day);
            return (
              <li key={label} data-testid={`hours-${label}`}>
                <span className="sla-admin-day">{dayName}</span>
                {intervals.length === 0 && <span className="meta">{t('slaAdmin.calendars.closed')}</span>}
                {intervals.map(({ h, index }) => (
                  <span key={index} className="sla-admin-interval">
                    <ClockTimeInput
                      aria-label={t('slaAdmin.calendars.from', { day: dayName })}
                      value={h.from}
                      onChange={(from) => update(index, { from })}
                      required
                    />
                    –
                    <ClockTimeInput
                      aria-label={t('slaAdmin.calendars.to', { day: dayName })}
                      value={h.to}
                      onChange={(to) => update(index, { to })}
                      required
                    />
                    <Button
                      className="icon-button"
                      aria-label={t('slaAdmin.calendars.removeInterval', {
                        day: dayName,
                        from: h.from,
                        to: h.to,
                      })}
                      onClick={() => setHours(hours.filter((_, j) => j !== index))}
                    >
                      ×
                    </Button>
                  </span>
                ))}
                <Button className="link-button" onClick={() => addInterval(day)}>
                  {t('slaAdmin.calendars.addInterval')}
                </Button>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <TextArea
        label={t('slaAdmin.calendars.holidaysField')}
        value={holidays}
        onChange={(e) => setHolidays(e.target.value)}
        rows={3}
        placeholder="2026-12-25"
      />
      <label>
        {t('slaAdmin.calendars.importIcal')}{' '}
        <input
          type="file"
          accept=".ics,text/calendar"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void readText(file).then((text) => setIcal({ name: file.name, text }));
            else setIcal(null);
          }}
        />
      </label>
      {ical && <p className="meta">{t('slaAdmin.calendars.icalChosen', { name: ical.name })}</p>}
      <SlaFormFooter
        error={save.error}
        notice={notice}
        editing={Boolean(initial)}
        saveLabel={initial ? t('slaAdmin.calendars.save') : t('slaAdmin.calendars.create')}
        saveDisabled={save.isPending || hours.length === 0}
        onCancel={onDone}
      />
    </form>
  );
}
