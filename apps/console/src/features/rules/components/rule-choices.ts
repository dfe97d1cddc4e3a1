/** Names the builders show for ids: teams, agents and channel accounts, loaded once by the screen. */
export interface RuleChoices {
  teams: Array<{ id: string; name: string }>;
  agents: Array<{ id: string; name: string }>;
  accounts: Array<{ id: string; name: string }>;
}
