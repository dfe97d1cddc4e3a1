import { forbidden, ROLES, type Role } from '@switchboard/domain';

export interface RoleMappingEntry {
  value: string;
  role: Role;
}

export interface TeamMappingEntry {
  value: string;
  teamId: string;
}

export interface ClaimMappingRules {
  allowedDomains: readonly string[];
  roleClaim: string | null;
  roleMapping: readonly RoleMappingEntry[];
  defaultRole: Role;
  teamClaim: string | null;
  teamMapping: readonly TeamMappingEntry[];
}

/** What the provider told us about the person, as the sign-in needs it. */
export interface SsoPerson {
  subject: string;
  email: string;
  name: string;
  /** The role the claims give; null when no role claim is configured (an existing user keeps theirs). */
  role: Role | null;
  /** The teams the claims give, and which teams the mapping governs at all (only those are changed). */
  teamIds: string[];
  managedTeamIds: string[];
}

/** A claim as a list of strings: providers send groups as an array, a department as one string. */
function claimValues(claims: Record<string, unknown>, name: string | null): string[] {
  if (!name) return [];
  const value = claims[name];
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * Turns verified claims into the agent to sign in. Refuses, with the reason, a person the
 * workspace does not accept: no email, an email the provider says it has not verified, or a
 * domain outside the allowed list (checked on the email, the one claim every provider sends).
 */
export function personFromClaims(claims: Record<string, unknown>, rules: ClaimMappingRules): SsoPerson {
  const subject = typeof claims.sub === 'string' ? claims.sub : '';
  const givenEmail = typeof claims.email === 'string' ? claims.email.trim() : '';
  const email = givenEmail.toLowerCase();
  if (!subject) throw forbidden('the identity provider sent no subject (sub) for this person');
  if (!/^[^@\s]+@[^@\s]+$/.test(email))
    throw forbidden('the identity provider sent no email address; add the "email" scope at the provider');
  // Providers that do not send email_verified vouch for the address by their own rules.
  if (claims.email_verified === false)
    throw forbidden(`the identity provider has not verified ${email}; verify it there and sign in again`);
  const domain = emailDomain(email);
  if (rules.allowedDomains.length && !rules.allowedDomains.includes(domain))
    throw forbidden(`addresses at ${domain} may not sign in here; ask an admin which accounts may sign in`);

  const name =
    typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : givenEmail.split('@')[0];
  return {
    subject,
    email,
    name: name.slice(0, 200),
    role: rules.roleClaim ? mappedRole(claimValues(claims, rules.roleClaim), rules) : null,
    teamIds: rules.teamClaim ? mappedTeams(claimValues(claims, rules.teamClaim), rules.teamMapping) : [],
    managedTeamIds: rules.teamClaim ? [...new Set(rules.teamMapping.map((m) => m.teamId))] : [],
  };
}

/** The strongest role any of the person's claim values maps to, else the default role. */
function mappedRole(values: string[], rules: ClaimMappingRules): Role {
  const granted = rules.roleMapping.filter((m) => values.includes(m.value)).map((m) => m.role);
  return granted.length
    ? granted.reduce((a, b) => (ROLES.indexOf(b) > ROLES.indexOf(a) ? b : a))
    : rules.defaultRole;
}

function mappedTeams(values: string[], mapping: readonly TeamMappingEntry[]): string[] {
  return [...new Set(mapping.filter((m) => values.includes(m.value)).map((m) => m.teamId))];
}
