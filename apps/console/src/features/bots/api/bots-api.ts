import type { BotBody, BotCreatedView, BotView } from '@switchboard/contracts';
import { api } from '../../../lib/api-client';

const BOTS = '/api/admin/bots';

export async function fetchBots(): Promise<BotView[]> {
  return (await api.get<{ items: BotView[] }>(BOTS)).items;
}

export function createBot(body: BotBody): Promise<BotCreatedView> {
  return api.post<BotCreatedView>(BOTS, body);
}

export function updateBot(id: string, body: BotBody): Promise<BotCreatedView> {
  return api.put<BotCreatedView>([BOTS, encodeURIComponent(id)].join('/'), body);
}
