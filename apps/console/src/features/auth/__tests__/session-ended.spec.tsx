import { afterEach, describe, expect, it } from '@jest/globals';
import { QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../../lib/api-client';
import { makeQueryClient } from '../../../test-support/render';
import { mockApi } from '../../../test-support/api-mock';
import { LoginScreen } from '../components/LoginScreen';
import { SessionProvider, useSession } from '../hooks/useSession';

const storedUser = { id: 'u', name: 'Ana', email: 'a@x', role: 'agent', teamIds: [] };

function SignedIn() {
  const { user, logout } = useSession();
  if (!user) return <LoginScreen />;
  return (
    <button type="button" onClick={() => void logout()}>
      Sign out
    </button>
  );
}

function renderApp() {
  render(
    <QueryClientProvider client={makeQueryClient()}>
      <SessionProvider>
        <SignedIn />
      </SessionProvider>
    </QueryClientProvider>,
  );
}

const unauthorized = (message: string) => ({
  status: 401,
  body: { statusCode: 401, error: 'Unauthorized', message },
});

describe('the login screen says why the session ended', () => {
  afterEach(() => localStorage.clear());

  it('after signing out it says "You signed out.", even when a late request then gets a 401', async () => {
    localStorage.setItem('switchboard.session', JSON.stringify({ token: 't', user: storedUser }));
    mockApi([
      ['GET', /me$/, { body: storedUser }],
      ['POST', /logout$/, { status: 204 }],
      ['GET', /tickets/, unauthorized('You signed out.')],
    ]);
    renderApp();
    await userEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect((await screen.findByRole('status')).textContent).toBe('You signed out.');
    // A socket resync racing the sign-out must not turn it into an expiry.
    await act(() => api.get('/api/tickets').catch(() => undefined));
    expect(screen.getByRole('status').textContent).toBe('You signed out.');
  });

  it('when an admin disabled the account it says so', async () => {
    localStorage.setItem('switchboard.session', JSON.stringify({ token: 't', user: storedUser }));
    mockApi([['GET', /me$/, unauthorized('Your account was disabled by an administrator.')]]);
    renderApp();
    expect((await screen.findByRole('status')).textContent).toBe(
      'Your account was disabled by an administrator.',
    );
  });

  it('only a real expiry says "Your session expired."', async () => {
    localStorage.setItem('switchboard.session', JSON.stringify({ token: 't', user: storedUser }));
    mockApi([['GET', /me$/, unauthorized('Your session expired.')]]);
    renderApp();
    expect((await screen.findByRole('status')).textContent).toBe('Your session expired.');
  });
});
