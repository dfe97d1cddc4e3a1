import type { CreateSavedViewBody, SavedViewView } from '@switchboard/contracts';
import { api } from '../../../lib/api-client';
import { endpoints } from '../../../lib/endpoints';
import type { QueueId, TicketFilters } from '../../../lib/ticket-filters';

export async function fetchSavedViews(): Promise<SavedViewView[]> {
  return (await api.get<{ items: SavedViewView[] }>(endpoints.savedViews)).items;
}

export function createSavedView(body: CreateSavedViewBody): Promise<SavedViewView> {
  return api.post<SavedViewView>(endpoints.savedViews, body);
}

export function renameSavedView(id: string, name: string): Promise<SavedViewView> {
  return api.patch<SavedViewView>(endpoints.savedView(id), { name });
}

export function deleteSavedView(id: string): Promise<void> {
  return api.delete(endpoints.savedView(id));
}

/** The queue filters a saved view selects: its own filters replace whatever was set before. */
export function filtersOfView(view: SavedViewView): TicketFilters {
  const f = view.filters;
  return {
    queue: `view:${view.id}` as QueueId,
    status: f.status ?? 'any',
    channel: f.channel,
    priority: f.priority,
    teamId: f.teamId,
    tag: f.tag,
    q: f.q,
    assigneeId: f.assigneeId,
    mentions: f.mentions,
    sort: view.sort === 'due' ? 'due' : undefined,
    customField: customFieldOf(f.customFields),
  };
}

/** The filter bar filters by one custom field at a time: a view's first one. */
function customFieldOf(fields: Record<string, string> | undefined): TicketFilters['customField'] {
  const [first] = Object.entries(fields ?? {});
  return first ? { key: first[0], value: first[1] } : undefined;
}

/** What the current queue and filters would save as a view. */
export function viewFiltersOf(filters: TicketFilters): Pick<CreateSavedViewBody, 'filters' | 'sort'> {
  const { queue } = filters;
  const out: CreateSavedViewBody['filters'] = {};
  if (queue === 'mine') out.assigneeId = 'me';
  else if (queue === 'unassigned') out.assigneeId = 'none';
  else if (queue === 'mentions') out.mentions = 'me';
  else if (queue.startsWith('team:')) out.teamId = queue.slice(5);
  else if (queue.startsWith('view:')) {
    if (filters.assigneeId)
      out.assigneeId = filters.assigneeId as CreateSavedViewBody['filters']['assigneeId'];
    if (filters.mentions) out.mentions = filters.mentions;
  }
  if (queue === 'pending' || queue === 'on_hold' || queue === 'solved') out.status = queue;
  else if (filters.status !== 'any') out.status = filters.status;
  if (filters.channel) out.channel = filters.channel;
  if (filters.priority) out.priority = filters.priority;
  if (filters.teamId) out.teamId = filters.teamId;
  if (filters.tag) out.tag = filters.tag;
  if (filters.q) out.q = filters.q;
  if (filters.customField) out.customFields = { [filters.customField.key]: filters.customField.value };
  return { filters: out, sort: filters.sort === 'due' ? 'due' : 'updated' };
}
