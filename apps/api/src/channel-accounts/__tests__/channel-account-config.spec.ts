import { mergePatch, patchedPaths, splitSealed, withoutCredentials } from '../channel-account-config.js';

const stored = {
  address: 'help@shop.test',
  fromName: 'Shop',
  imap: { host: 'imap.shop.test', port: 993, user: 'help', password: 'imap-pw' },
  smtp: { host: 'smtp.shop.test', port: 465, password: 'smtp-pw' },
  orgDomains: ['a.test', 'b.test'],
};

describe('channel account config edits', () => {
  it.each([
    [
      'a changed host keeps the stored password',
      { imap: { host: 'mail.shop.test' } },
      { ...stored, imap: { ...stored.imap, host: 'mail.shop.test' } },
    ],
    [
      'a new password replaces the old one',
      { smtp: { password: 'new-pw' } },
      { ...stored, smtp: { ...stored.smtp, password: 'new-pw' } },
    ],
    [
      'null removes a setting',
      { fromName: null },
      { address: stored.address, imap: stored.imap, smtp: stored.smtp, orgDomains: stored.orgDomains },
    ],
    ['a list is replaced, not merged', { orgDomains: ['c.test'] }, { ...stored, orgDomains: ['c.test'] }],
    [
      'a new nested setting is added',
      { autoAcknowledge: { enabled: true } },
      { ...stored, autoAcknowledge: { enabled: true } },
    ],
  ])('%s', (_, patch, expected) => {
    expect(mergePatch(stored, patch)).toEqual(expected);
  });

  it('shows the admin every setting but no credential, at any depth', () => {
    expect(withoutCredentials({ ...stored, botToken: 't', verifyToken: 'v' })).toEqual({
      address: 'help@shop.test',
      fromName: 'Shop',
      imap: { host: 'imap.shop.test', port: 993, user: 'help' },
      smtp: { host: 'smtp.shop.test', port: 465 },
      orgDomains: ['a.test', 'b.test'],
    });
  });

  it('seals the mailbox logins and tokens, and keeps the rest plain', () => {
    const { plain, sealed } = splitSealed({ ...stored, authToken: 'x' });
    expect(Object.keys(sealed).sort()).toEqual(['authToken', 'imap', 'smtp']);
    expect(Object.keys(plain).sort()).toEqual(['address', 'fromName', 'orgDomains']);
  });

  it('names the changed fields for the log without their values', () => {
    expect(patchedPaths({ fromName: 'X', imap: { password: 'secret' } }, 'config')).toEqual([
      'config.fromName',
      'config.imap.password',
    ]);
  });
});
