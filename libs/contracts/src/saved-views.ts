import { z } from 'zod';
import { TicketListQuery } from './schemas.js';
import { labelText } from './text.js';

/**
 * Saved views: a name plus the ticket list's filters and sort, personal or shared with everyone.
 * The filters are the list's own query parameters, so a view lists exactly what the API lists.
 */
export const SavedViewFilters = TicketListQuery.pick({
  status: true,
  assigneeId: true,
  teamId: true,
  channel: true,
  priority: true,
  tag: true,
  q: true,
  mentions: true,
  customFields: true,
});

const viewName = labelText().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters');
const viewSort = z.enum(['updated', 'due']);

export const CreateSavedViewBody = z.strictObject({
  name: viewName,
  /** Shared views show for everyone; only supervisors and admins may share. */
  shared: z.boolean().default(false),
  filters: SavedViewFilters,
  sort: viewSort.default('updated'),
});

export const PatchSavedViewBody = z
  .strictObject({
    name: viewName.optional(),
    shared: z.boolean().optional(),
    filters: SavedViewFilters.optional(),
    sort: viewSort.optional(),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), {
    message: 'name, shared, filters or sort: give at least one field to change',
  });

export const SavedViewView = z.object({
  id: z.string(),
  name: z.string(),
  shared: z.boolean(),
  ownerId: z.string(),
  filters: SavedViewFilters,
  sort: viewSort,
  /** Tickets the caller sees through this view now. */
  count: z.number(),
  /** Whether the caller may rename, change or delete it. */
  editable: z.boolean(),
});

export type SavedViewFilters = z.infer<typeof SavedViewFilters>;
export type CreateSavedViewBody = z.infer<typeof CreateSavedViewBody>;
export type PatchSavedViewBody = z.infer<typeof PatchSavedViewBody>;
export type SavedViewView = z.infer<typeof SavedViewView>;
