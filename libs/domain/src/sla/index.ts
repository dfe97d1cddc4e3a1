export {
  type IsoWeekday,
  type OpeningInterval,
  type BusinessCalendar,
  type MaybeCalendar,
  InvalidCalendarError,
  validateCalendar,
  assertValidCalendar,
} from './calendar-validation.js';
export { CalendarNeverOpensError, MAX_CLOSED_DAYS } from './open-intervals.js';
export { type BusinessTimeMeasure, businessTimeIndex } from './business-time-index.js';
export {
  addBusinessTime,
  businessTimeBetween,
  isOpen,
  nextOpening,
  subtractBusinessTime,
} from './business-calendar.js';
export {
  type IcalHolidayImport,
  type IcalImportOptions,
  type HolidayRegion,
  parseIcalHolidays,
  holidaysFor,
} from './ical-holidays.js';
export {
  SLA_METRICS,
  CLOCK_ACTIONS,
  CLOCK_TRANSITIONS,
  type SlaMetric,
  type ClockAction,
  type ClockEntry,
  type LedgerStatus,
  type ClockStatus,
  type SlaTargets,
  type SlaClockSettings,
  type MetricClockState,
  type ClockState,
  clockTransition,
  clockStatuses,
  targetMs,
  deriveClockState,
  sweepEntries,
  withNotices,
} from './sla-clock.js';
export {
  type ClockPolicy,
  type TicketHappening,
  type CurrentClockStatuses,
  statusPausesClock,
  clockEntriesFor,
} from './sla-clock-events.js';
export {
  type SlaPolicyConditions,
  type SelectablePolicy,
  type PolicyTicketFacts,
  policyMatches,
  selectPolicy,
} from './sla-policy-select.js';
