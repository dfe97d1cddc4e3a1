import { describe, expect, it } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import { BusinessHoursFields } from '../components/BusinessHoursFields';
import { weekdayKey } from '../lib/business-hours';

describe('business hours fields', () => {
  it('write opening and closing times alike, on the 24-hour clock', () => {
    const path = 'businessHours';
    render(
      <BusinessHoursFields
        field={{ path, label: 'Business hours', type: 'business-hours' }}
        values={{ [weekdayKey(path, 1, 'from')]: '09:00', [weekdayKey(path, 1, 'to')]: '18:00' }}
        onChange={() => undefined}
      />,
    );
    const opens = screen.getByLabelText('Monday opens') as HTMLInputElement;
    const closes = screen.getByLabelText('Monday closes') as HTMLInputElement;
    expect([opens.value, closes.value]).toEqual(['09:00', '18:00']);
    // A time field would show "09:00 AM" beside "18:00" in an English browser.
    expect([opens.type, closes.type]).toEqual(['text', 'text']);
    expect(opens.pattern).toBe(closes.pattern);
    expect(new RegExp(`^(?:${opens.pattern})$`).test('24:00')).toBe(true);
    expect(new RegExp(`^(?:${opens.pattern})$`).test('9:00 AM')).toBe(false);
  });
});
