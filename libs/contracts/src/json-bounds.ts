import { z } from 'zod';

/** How much free-form JSON (a channel's config) one setting may hold. */
export interface JsonBounds {
  /** Levels of nested objects and arrays, the outermost object being level 1. */
  maxDepth: number;
  /** Size of the JSON text in UTF-8 bytes. */
  maxBytes: number;
}

export const CONFIG_BOUNDS: JsonBounds = { maxDepth: 10, maxBytes: 64 * 1024 };

/** The first reason `value` cannot be stored as a bounded jsonb value, with the path to it. */
export function jsonBoundsProblem(
  value: unknown,
  bounds: JsonBounds,
): { path: Array<string | number>; message: string } | null {
  // Walked with an explicit stack: a value nested thousands deep must not overflow ours.
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value, path: [] }];
  while (stack.length) {
    const node = stack.pop()!;
    if (typeof node.value === 'string') {
      if (node.value.includes('\u0000'))
        return { path: node.path, message: 'must not contain a NUL character' };
      continue;
    }
    if (typeof node.value !== 'object' || node.value === null) continue;
    if (node.path.length >= bounds.maxDepth)
      return { path: node.path, message: `must be nested at most ${bounds.maxDepth} levels deep` };
    for (const [key, child] of Object.entries(node.value)) {
      if (key.includes('\u0000'))
        return { path: node.path, message: 'keys must not contain a NUL character' };
      stack.push({ value: child, path: [...node.path, Array.isArray(node.value) ? Number(key) : key] });
    }
  }
  const bytes = new TextEncoder().encode(JSON.stringify(value) ?? '').length;
  if (bytes > bounds.maxBytes)
    return {
      path: [],
      message: `must be at most ${Math.floor(bounds.maxBytes / 1024)} KiB as JSON (got ${Math.ceil(bytes / 1024)} KiB)`,
    };
  return null;
}

/** A JSON object within `bounds`; a violation is a 400 naming the path. */
export const boundedJsonObject = (bounds: JsonBounds = CONFIG_BOUNDS) =>
  z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
    const problem = jsonBoundsProblem(value, bounds);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
  });
