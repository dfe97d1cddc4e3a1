import { BadRequestException } from '@nestjs/common';
import { describeIssues } from '@switchboard/contracts';
import type { z } from 'zod';

/** Parses input with a contract schema; a failure is a 400 that names each wrong field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw new BadRequestException(describeIssues(result.error));
  return result.data;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
