import type { TestApp } from '../../test-support/test-app.js';
import { TimeRules } from '../time-rules.js';

/**
 * For tests that sweep by hand at chosen clock times: the app's own sweeper (every 30 s) would
 * race them for the same tickets (SKIP LOCKED) and take a run a manual sweep then misses, so it
 * is stopped; a manual sweep still runs.
 */
export async function stopBackgroundSweeps(app: TestApp): Promise<void> {
  await app.app.get(TimeRules).onApplicationShutdown();
}
