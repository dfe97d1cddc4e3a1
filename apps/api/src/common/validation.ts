import { describeIssues } from '@switchboard/contracts';
import type { z } from 'zod';
import { invalid } from '@switchboard/domain';

/** Parses input with a contract schema; a failure is a 400 that names each wrong field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw invalid(describeIssues(result.error));
  return result.data;
}

/** The one UUID check, shared with the channel libs; see `@switchboard/contracts`. */
export { isUuid } from '@switchboard/contracts';
