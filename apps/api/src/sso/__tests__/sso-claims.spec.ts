import { isDomainError } from '@switchboard/domain';
import { personFromClaims, type ClaimMappingRules } from '../sso-claims.js';

const BILLING = '6f1c1a4e-0000-4000-8000-000000000001';
const SUPPORT = '6f1c1a4e-0000-4000-8000-000000000002';

const rules: ClaimMappingRules = {
  allowedDomains: ['acme.example', 'acme-labs.example'],
  roleClaim: 'groups',
  roleMapping: [
    { value: 'leads', role: 'supervisor' },
    { value: 'admins', role: 'admin' },
  ],
  defaultRole: 'agent',
  teamClaim: 'department',
  teamMapping: [
    { value: 'Billing', teamId: BILLING },
    { value: 'Support', teamId: SUPPORT },
    { value: 'Helpdesk', teamId: SUPPORT },
  ],
};

const person = (claims: Record<string, unknown>, overrides: Partial<ClaimMappingRules> = {}) =>
  personFromClaims({ sub: 's-1', email: 'pat@acme.example', ...claims }, { ...rules, ...overrides });

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isDomainError(err)) return [err.code, err.message].join(': ');
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('turning provider claims into the agent to sign in', () => {
  it.each([
    ['no groups at all', {}, 'agent'],
    ['a group that maps to nothing', { groups: ['everyone'] }, 'agent'],
    ['a group given as one string', { groups: 'leads' }, 'supervisor'],
    ['the strongest of several groups', { groups: ['leads', 'admins', 'everyone'] }, 'admin'],
    ['groups that are not strings', { groups: [42, { leads: true }] }, 'agent'],
  ])('role from %s', (_label, claims, role) => {
    expect(person(claims).role).toBe(role);
  });

  it('leaves the role alone when no role claim is configured', () => {
    expect(person({ groups: ['admins'] }, { roleClaim: null }).role).toBeNull();
  });

  it.each([
    ['one department', { department: 'Billing' }, [BILLING]],
    ['two values mapped to one team', { department: ['Support', 'Helpdesk'] }, [SUPPORT]],
    ['an unmapped department', { department: 'Sales' }, []],
  ])('teams from %s', (_label, claims, teamIds) => {
    const p = person(claims);
    expect(p.teamIds).toEqual(teamIds);
    expect(p.managedTeamIds).toEqual([BILLING, SUPPORT]);
  });

  it('governs no teams when no team claim is configured', () => {
    expect(person({ department: 'Billing' }, { teamClaim: null })).toMatchObject({
      teamIds: [],
      managedTeamIds: [],
    });
  });

  it('lower-cases the email and falls back to its local part for a name', () => {
    expect(person({ email: ' Pat.Doe@ACME.example ' })).toMatchObject({
      email: 'pat.doe@acme.example',
      name: 'Pat.Doe',
    });
    expect(person({ name: 'Pat Doe' }).name).toBe('Pat Doe');
  });

  it.each([
    [
      'a domain outside the list',
      { email: 'pat@evil.example' },
      'forbidden: addresses at evil.example may not sign in here; ask an admin which accounts may sign in',
    ],
    [
      'a subdomain of an allowed domain',
      { email: 'pat@mail.acme.example' },
      'forbidden: addresses at mail.acme.example may not sign in here; ask an admin which accounts may sign in',
    ],
    [
      'an email the provider has not verified',
      { email_verified: false },
      'forbidden: the identity provider has not verified pat@acme.example; verify it there and sign in again',
    ],
    [
      'no email',
      { email: undefined },
      'forbidden: the identity provider sent no email address; add the "email" scope at the provider',
    ],
  ])('refuses %s', (_label, claims, message) => {
    expect(refusal(() => person(claims))).toBe(message);
  });

  it('accepts any domain when the list is empty', () => {
    expect(person({ email: 'pat@anywhere.example' }, { allowedDomains: [] }).email).toBe(
      'pat@anywhere.example',
    );
  });
});
