import { isTicketEventType, TICKET_EVENT_TYPES } from '../vocabulary.js';

describe('ticket event types', () => {
  it('knows each listed type once', () => {
    expect(new Set(TICKET_EVENT_TYPES).size).toBe(TICKET_EVENT_TYPES.length);
    for (const type of TICKET_EVENT_TYPES) expect(isTicketEventType(type)).toBe(true);
  });

  it('refuses a type the API never writes, and anything that is not text', () => {
    expect(isTicketEventType('sla_warning')).toBe(false);
    expect(isTicketEventType(undefined)).toBe(false);
    expect(isTicketEventType(7)).toBe(false);
  });
});
