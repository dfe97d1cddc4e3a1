import { ASSIGNMENT_MODES, AVAILABILITY_STATUSES, CHANNEL_KINDS } from '@switchboard/domain/vocabulary';
import { z } from 'zod';

/** Availability, capacity and team auto-assignment: request bodies and views. */
export const AvailabilitySchema = z.enum(AVAILABILITY_STATUSES);

/** `PUT /api/me/availability`. */
export const AvailabilityBody = z.strictObject({ status: AvailabilitySchema });
export type AvailabilityBody = z.infer<typeof AvailabilityBody>;

const limit = z.number().int('must be a whole number').min(0, 'must be 0 or more').max(10_000);

/** The most open tickets an agent carries at once; a channel kind the product lacks is refused by name. */
export const CapacitySchema = z.strictObject({
  total: limit.optional(),
  perChannel: z
    .strictObject(Object.fromEntries(CHANNEL_KINDS.map((kind) => [kind, limit.optional()])))
    .optional(),
});
export type CapacityView = { total?: number; perChannel?: Partial<Record<string, number>> };

/** How a team's unassigned tickets find an agent. */
export const AssignmentSchema = z.strictObject({
  mode: z.enum(ASSIGNMENT_MODES),
  onlyOnline: z.boolean().default(true),
  maxPerHour: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(10_000).optional(),
});
export type AssignmentSettings = z.infer<typeof AssignmentSchema>;

/** `GET /api/agents`: colleagues with where they are. */
export const AgentView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  teamIds: z.array(z.string()),
  availability: AvailabilitySchema,
});
export type AgentView = z.infer<typeof AgentView>;

/** `PUT /api/me/availability` answers with the stored status. */
export const AvailabilityView = z.object({
  userId: z.string(),
  status: AvailabilitySchema,
  changedAt: z.string().meta({ format: 'date-time' }),
});
export type AvailabilityView = z.infer<typeof AvailabilityView>;
