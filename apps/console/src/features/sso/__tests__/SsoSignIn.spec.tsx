import { afterEach, describe, expect, it } from '@jest/globals';
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import { makeQueryClient } from '../../../test-support/render';
import { mockApi } from '../../../test-support/api-mock';
import { LoginScreen } from '../../auth/components/LoginScreen';
import { SessionProvider } from '../../auth/hooks/useSession';
import { resetSsoReturn } from '../sso-return';

const DANA = {
  id: 'u-1',
  name: 'Dana Lead',
  email: 'dana@acme.example',
  role: 'supervisor',
  teamIds: ['t-1'],
};
const INFO = { enabled: true, buttonLabel: 'Sign in with Acme', passwordLoginOff: true };

function renderLogin() {
  render(
    <QueryClientProvider client={makeQueryClient()}>
      <SessionProvider>
        <LoginScreen />
      </SessionProvider>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  resetSsoReturn();
  localStorage.clear();
  window.history.replaceState(null, '', '/');
});

describe('Sign in with SSO on the login screen', () => {
  it('offers the button an admin named, leading to the provider', async () => {
    mockApi([['GET', /\/api\/auth\/oidc$/, { body: INFO }]]);
    renderLogin();
    const link = await screen.findByRole('link', { name: 'Sign in with Acme' });
    expect(link.getAttribute('href')).toBe('/api/auth/oidc/start');
    expect(
      screen.getByText('Password sign-in is turned off; one admin keeps it for emergencies.'),
    ).toBeTruthy();
  });

  it('shows no button when SSO is not set up', async () => {
    const calls = mockApi([
      ['GET', /\/api\/auth\/oidc$/, { body: { enabled: false, buttonLabel: null, passwordLoginOff: false } }],
    ]);
    renderLogin();
    await waitFor(() => expect(calls.some((c) => c.url.endsWith('/api/auth/oidc'))).toBe(true));
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('trades the hand-off from the callback for a session, once, and clears it from the address', async () => {
    window.history.replaceState(null, '', '/?ssoHandoff=handoff-code-0123456789abcdef#/');
    const calls = mockApi([
      ['GET', /\/api\/auth\/oidc$/, { body: INFO }],
      ['POST', /\/api\/auth\/oidc\/exchange$/, { body: { token: 'session-token', user: DANA } }],
    ]);
    renderLogin();
    await waitFor(() =>
      expect(JSON.parse(localStorage.getItem('switchboard.session') ?? 'null')).toMatchObject({
        token: 'session-token',
        user: DANA,
      }),
    );
    const exchanges = calls.filter((c) => c.url.endsWith('/api/auth/oidc/exchange'));
    expect(exchanges.map((c) => c.body)).toEqual([{ handoff: 'handoff-code-0123456789abcdef' }]);
    expect(window.location.search).toBe('');
    expect(window.location.hash).toBe('#/');
  });

  it('says why the provider or the workspace refused', async () => {
    window.history.replaceState(
      null,
      '',
      '/?ssoError=addresses%20at%20elsewhere.example%20may%20not%20sign%20in%20here',
    );
    mockApi([['GET', /\/api\/auth\/oidc$/, { body: INFO }]]);
    renderLogin();
    expect((await screen.findByTestId('sso-error')).textContent).toBe(
      'Sign-in with SSO was refused: addresses at elsewhere.example may not sign in here',
    );
    expect(window.location.search).toBe('');
  });

  it('says so when the hand-off has expired', async () => {
    window.history.replaceState(null, '', '/?ssoHandoff=stale-handoff-0123456789abcdef');
    mockApi([
      ['GET', /\/api\/auth\/oidc$/, { body: INFO }],
      [
        'POST',
        /\/api\/auth\/oidc\/exchange$/,
        {
          status: 400,
          body: {
            statusCode: 400,
            error: 'Bad Request',
            message: 'handoff: unknown, expired or already used; sign in again',
          },
        },
      ],
    ]);
    renderLogin();
    expect((await screen.findByTestId('sso-error')).textContent).toBe(
      'Sign-in with SSO was refused: handoff: unknown, expired or already used; sign in again',
    );
    expect(localStorage.getItem('switchboard.session')).toBeNull();
  });
});
