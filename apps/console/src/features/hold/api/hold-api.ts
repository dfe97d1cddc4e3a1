import type { HoldBody, HoldTemplateView } from '@switchboard/contracts';
import { api } from '../../../lib/api-client';
import { endpoints } from '../../../lib/endpoints';

export function holdTicket(ticketId: string, body: HoldBody): Promise<unknown> {
  return api.post(endpoints.hold(ticketId), body);
}

export function resumeTicket(ticketId: string): Promise<unknown> {
  return api.post(endpoints.resume(ticketId), {});
}

/** What the customer is told on hold, as an admin set it (`{{ticket.number}}`, `{{hold.until}}`, `{{contact.first_name}}`). */
export function fetchHoldTemplate(): Promise<HoldTemplateView> {
  return api.get<HoldTemplateView>(endpoints.holdTemplate);
}
