import type {
  CreateCalendarBody,
  CreateSlaPolicyBody,
  EscalationStep,
  PatchSlaPolicyBody,
} from '@switchboard/contracts';
import { api } from '../../../../lib/api-client';

/** Admin endpoints of the SLA engine: business calendars and SLA policies. */
export const slaAdminEndpoints = {
  calendars: '/api/admin/calendars',
  policies: '/api/admin/sla-policies',
  policy: (id: string) => `/api/admin/sla-policies/${encodeURIComponent(id)}`,
  calendar: (id: string) => `/api/admin/calendars/${encodeURIComponent(id)}`,
} as const;

export const slaAdminKeys = {
  all: () => ['sla-admin'] as const,
  calendars: () => ['sla-admin', 'calendars'] as const,
  policies: () => ['sla-admin', 'policies'] as const,
};

export interface WeeklyInterval {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  day: number;
  from: string;
  to: string;
}

export interface CalendarView {
  id: string;
  name: string;
  timeZone: string;
  hours: WeeklyInterval[];
  holidays: string[];
  /** Lines of an imported iCal file that were not all-day events (create only). */
  warnings?: string[];
}

export interface PolicyView {
  id: string;
  name: string;
  order: number;
  conditions: {
    priorities?: string[];
    channels?: string[];
    teamIds?: string[];
    tags?: string[];
    /** Ticket custom field key → values; the ticket's field must hold one of them. */
    customFields?: Record<string, string[]>;
  };
  calendarId: string | null;
  targets: {
    firstResponseSeconds: number | null;
    nextResponseSeconds: number | null;
    resolutionSeconds: number | null;
  };
  atRiskShare: number | null;
  pauseOnHold: boolean;
  restartOnCustomerAfterSolve: boolean;
  customerAfterSolveGraceSeconds: number;
  escalations: EscalationStep[];
  active: boolean;
}

/** What the form sends; the API fills the defaults the contract declares. */
export type NewCalendar = Omit<CreateCalendarBody, 'holidays'> & { holidays: string[] };
export type NewPolicy = Partial<CreateSlaPolicyBody> &
  Pick<CreateSlaPolicyBody, 'name' | 'order' | 'targets'>;

export const fetchCalendars = () =>
  api.get<{ items: CalendarView[] }>(slaAdminEndpoints.calendars).then((r) => r.items);
export const createCalendar = (body: NewCalendar) =>
  api.post<CalendarView>(slaAdminEndpoints.calendars, body);
export const fetchPolicies = () =>
  api.get<{ items: PolicyView[] }>(slaAdminEndpoints.policies).then((r) => r.items);
export const createPolicy = (body: NewPolicy) => api.post<PolicyView>(slaAdminEndpoints.policies, body);
export const patchPolicy = (id: string, body: PatchSlaPolicyBody) =>
  api.patch<PolicyView>(slaAdminEndpoints.policy(id), body);
export const replaceCalendar = (id: string, body: NewCalendar) =>
  api.put<CalendarView>(slaAdminEndpoints.calendar(id), body);
export const deleteCalendar = (id: string) => api.delete<void>(slaAdminEndpoints.calendar(id));
export const deletePolicy = (id: string) => api.delete<void>(slaAdminEndpoints.policy(id));
