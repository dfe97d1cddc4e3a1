import { PRIORITIES, TICKET_STATUSES } from '@switchboard/domain/vocabulary';
import { z } from 'zod';

const tags = z.array(z.string().trim().min(1, 'must not be empty').max(60)).min(1, 'must name a tag').max(50);

/** One step of a macro; a reply's text may use {{contact.name}}, {{contact.first_name}}, {{ticket.number}}, {{ticket.subject}}, {{agent.name}}. */
export const MacroAction = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('reply'),
    body: z.string().trim().min(1, 'must not be blank').max(20_000),
  }),
  z.strictObject({
    type: z.literal('add_note'),
    body: z.string().trim().min(1, 'must not be blank').max(20_000),
  }),
  z.strictObject({ type: z.literal('set_status'), status: z.enum(TICKET_STATUSES) }),
  z.strictObject({ type: z.literal('set_priority'), priority: z.enum(PRIORITIES) }),
  z.strictObject({ type: z.literal('add_tags'), tags }),
  z.strictObject({ type: z.literal('remove_tags'), tags }),
  z.strictObject({ type: z.literal('assign'), agentId: z.uuid('must be a user id').nullable() }),
]);
export type MacroAction = z.infer<typeof MacroAction>;

/** `POST /api/macros`: personal unless `shared` (shared ones only supervisors and admins make). */
export const CreateMacroBody = z.strictObject({
  name: z.string().trim().min(1, 'must not be blank').max(120),
  shared: z.boolean().default(false),
  actions: z.array(MacroAction).min(1, 'must hold at least one action').max(20),
});
export type CreateMacroBody = z.infer<typeof CreateMacroBody>;

export const PatchMacroBody = CreateMacroBody.partial().refine(
  (b) => Object.keys(b).length > 0,
  'nothing to change',
);
export type PatchMacroBody = z.infer<typeof PatchMacroBody>;

/** `POST /api/tickets/bulk/macros/:macroId`. */
export const BulkMacroBody = z.strictObject({
  ticketIds: z
    .array(z.uuid('must be ticket ids'))
    .min(1, 'must name at least one ticket')
    .max(500, 'at most 500 tickets at once'),
});

export interface MacroView {
  id: string;
  name: string;
  shared: boolean;
  ownerId: string;
  actions: MacroAction[];
  createdAt: string;
}

/** Per ticket of a bulk apply: applied, or why not (that ticket was left unchanged). */
export interface BulkMacroResult {
  results: Array<{ ticketId: string; ok: true } | { ticketId: string; ok: false; error: string }>;
}
