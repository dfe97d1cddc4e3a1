import type { TicketSearchPage } from '@switchboard/contracts';
import { api, toQuery } from '../../../lib/api-client';
import { endpoints } from '../../../lib/endpoints';
import type { SearchParams } from '../lib/search-params';

export const SEARCH_PAGE_SIZE = 20;

export function fetchSearchPage(params: SearchParams, cursor: string | null): Promise<TicketSearchPage> {
  return api.get<TicketSearchPage>(
    `${endpoints.search}${toQuery({ ...params, cursor, limit: SEARCH_PAGE_SIZE })}`,
  );
}
