/**
 * Auto-assignment: which agent a waiting ticket goes to. Pure, so the engine's database code
 * only gathers the candidates and the property tests can check every rule on random teams.
 */

export const AVAILABILITY_STATUSES = ['online', 'away', 'offline'] as const;
export type Availability = (typeof AVAILABILITY_STATUSES)[number];

export const ASSIGNMENT_MODES = ['manual', 'round_robin', 'balanced'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

/** How many open tickets an agent carries at most, in total and per channel kind; a missing limit is no limit. */
export interface AgentCapacity {
  total?: number;
  perChannel?: Partial<Record<string, number>>;
}

export interface TeamAssignment {
  mode: AssignmentMode;
  /** Only agents marked online get tickets (away and offline ones do not). */
  onlyOnline: boolean;
  /** The most tickets the engine gives one agent per rolling hour. */
  maxPerHour?: number;
}

export interface AssignmentCandidate {
  id: string;
  availability: Availability;
  capacity: AgentCapacity;
  /** Open tickets the agent carries now: in total and by channel kind. */
  load: { total: number; perChannel: Partial<Record<string, number>> };
  /** Tickets the engine gave them in the last hour. */
  assignedLastHour: number;
}

export interface AssignmentChoice {
  agentId: string;
  /** Why, for the timeline: "round robin; now 2 of 3 web_chat". */
  reason: string;
}

/** Whether the agent may take one more ticket of `channel` under the team's settings. */
export function isEligible(agent: AssignmentCandidate, channel: string, team: TeamAssignment): boolean {
  if (team.onlyOnline && agent.availability !== 'online') return false;
  if (team.maxPerHour !== undefined && agent.assignedLastHour >= team.maxPerHour) return false;
  const { total, perChannel } = agent.capacity;
  if (total !== undefined && agent.load.total >= total) return false;
  const channelLimit = perChannel?.[channel];
  if (channelLimit !== undefined && (agent.load.perChannel[channel] ?? 0) >= channelLimit) return false;
  return true;
}

/**
 * The share of its limit an agent uses: the channel's limit when set, else the total's, else
 * the plain count (an agent without limits compares by the number of tickets they carry).
 */
export function weightedLoad(agent: AssignmentCandidate, channel: string): number {
  const channelLimit = agent.capacity.perChannel?.[channel];
  if (channelLimit !== undefined) return (agent.load.perChannel[channel] ?? 0) / Math.max(channelLimit, 1);
  if (agent.capacity.total !== undefined) return agent.load.total / Math.max(agent.capacity.total, 1);
  return agent.load.total;
}

/**
 * The agent for one ticket of `channel`, or null when nobody is eligible (the ticket waits).
 * Round robin: the first eligible agent after `lastAgentId` in id order, wrapping around.
 * Balanced: the lowest weighted load, ties to the fewest tickets, then by id (stable).
 */
export function chooseAssignee(
  team: TeamAssignment,
  channel: string,
  candidates: readonly AssignmentCandidate[],
  lastAgentId: string | null,
): AssignmentChoice | null {
  if (team.mode === 'manual') return null;
  const eligible = candidates
    .filter((a) => isEligible(a, channel, team))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (eligible.length === 0) return null;
  let chosen: AssignmentCandidate;
  if (team.mode === 'round_robin') {
    chosen = eligible.find((a) => lastAgentId === null || a.id > lastAgentId) ?? eligible[0];
  } else {
    chosen = eligible.reduce((best, a) => {
      const diff = weightedLoad(a, channel) - weightedLoad(best, channel);
      if (diff !== 0) return diff < 0 ? a : best;
      return a.load.total < best.load.total ? a : best;
    });
  }
  return { agentId: chosen.id, reason: describeChoice(team.mode, chosen, channel) };
}

function describeChoice(mode: AssignmentMode, agent: AssignmentCandidate, channel: string): string {
  const how = mode === 'round_robin' ? 'round robin' : 'balanced (least loaded)';
  const channelLimit = agent.capacity.perChannel?.[channel];
  const inChannel = (agent.load.perChannel[channel] ?? 0) + 1;
  if (channelLimit !== undefined) return `${how}; now ${inChannel} of ${channelLimit} ${channel}`;
  const total = agent.load.total + 1;
  if (agent.capacity.total !== undefined) return `${how}; now ${total} of ${agent.capacity.total} tickets`;
  return `${how}; now ${total} open tickets`;
}
