import type { SecretBox } from '../channel-accounts/secret-box.js';
import type { Sql } from '../common/db.js';
import { endpointOf, readAssistSettings, type AssistSettings } from '../assist/assist-settings.js';
import type { ChatEndpoint } from '../assist/chat-completions-client.js';

/** The team whose AI assist switch governs an AI bot: its handoff team, else its channel account's. */
async function teamOf(
  sql: Sql,
  bot: { handoffTeamId: string | null; channelAccountId: string },
): Promise<string | null> {
  if (bot.handoffTeamId) return bot.handoffTeamId;
  const [account] = await sql.query<{ team_id: string | null }>(
    `SELECT team_id FROM channel_accounts WHERE id = $1`,
    [bot.channelAccountId],
  );
  return account?.team_id ?? null;
}

export type AiBotAvailability =
  { ok: true; settings: AssistSettings; endpoint: ChatEndpoint } | { ok: false; reason: string };

/**
 * Whether an AI bot may ask the model now: assist on and configured, and not switched off for
 * the bot's team. Checked when the bot is saved and again before every call, since an admin may
 * turn assist off while the bot holds tickets.
 */
export async function aiBotAvailability(
  sql: Sql,
  box: SecretBox,
  bot: { handoffTeamId: string | null; channelAccountId: string },
): Promise<AiBotAvailability> {
  const settings = await readAssistSettings(sql);
  const endpoint = endpointOf(settings, box);
  if (!endpoint) return { ok: false, reason: 'AI assist is off or not configured' };
  const team = await teamOf(sql, bot);
  if (team && settings.disabledTeamIds.includes(team))
    return { ok: false, reason: "AI assist is turned off for the bot's team" };
  return { ok: true, settings, endpoint };
}

/** Why an AI bot may not run now, or null when it may. */
export async function aiBotBlocker(
  sql: Sql,
  box: SecretBox,
  bot: { handoffTeamId: string | null; channelAccountId: string },
): Promise<string | null> {
  const availability = await aiBotAvailability(sql, box, bot);
  return availability.ok ? null : availability.reason;
}
