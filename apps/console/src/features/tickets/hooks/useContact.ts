import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchContact } from '../api/tickets-api';

export function useContact(contactId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.contact(contactId ?? ''),
    queryFn: () => fetchContact(contactId!),
    enabled: Boolean(contactId),
    retry: false,
  });
}
