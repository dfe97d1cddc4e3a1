import type {
  BulkMacroResult,
  CreateMacroBody,
  MacroView,
  PatchMacroBody,
  TicketView,
} from '@switchboard/contracts';
import { api } from '../../../lib/api-client';

const macro = (id: string) => `/api/macros/${encodeURIComponent(id)}`;

/** Mine and the shared ones. */
export async function fetchMacros(): Promise<MacroView[]> {
  return (await api.get<{ items: MacroView[] }>('/api/macros')).items;
}

export function createMacro(body: CreateMacroBody): Promise<MacroView> {
  return api.post<MacroView>('/api/macros', body);
}

export function updateMacro(id: string, body: PatchMacroBody): Promise<MacroView> {
  return api.patch<MacroView>(macro(id), body);
}

export function deleteMacro(id: string): Promise<void> {
  return api.delete<void>(macro(id));
}

/** Runs every step on the ticket at once, or none of them. */
export function applyMacro(ticketId: string, macroId: string): Promise<TicketView> {
  return api.post<TicketView>(
    `/api/tickets/${encodeURIComponent(ticketId)}/macros/${encodeURIComponent(macroId)}`,
  );
}

export function applyMacroInBulk(ticketIds: string[], macroId: string): Promise<BulkMacroResult> {
  return api.post<BulkMacroResult>(`/api/tickets/bulk/macros/${encodeURIComponent(macroId)}`, { ticketIds });
}
