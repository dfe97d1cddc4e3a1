import { describe, expect, it } from '@jest/globals';
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeQueryClient } from '../../../test-support/render';
import { mockApi } from '../../../test-support/api-mock';
import { LoginScreen } from '../components/LoginScreen';
import { SESSION_EXPIRED, SessionProvider } from '../hooks/useSession';

function renderLogin() {
  render(
    <QueryClientProvider client={makeQueryClient()}>
      <SessionProvider>
        <LoginScreen />
      </SessionProvider>
    </QueryClientProvider>,
  );
}

describe('LoginScreen', () => {
  it('says plainly when the email or password is wrong', async () => {
    mockApi([
      [
        'POST',
        /login$/,
        {
          status: 401,
          body: { statusCode: 401, error: 'Unauthorized', message: 'Invalid email or password' },
        },
      ],
    ]);
    renderLogin();
    await userEvent.type(screen.getByLabelText('Email'), 'ana@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'nope');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong email or password.');
  });

  it('tells the agent their stored session expired', async () => {
    localStorage.setItem(
      'switchboard.session',
      JSON.stringify({
        token: 'old',
        user: { id: 'u', name: 'Ana', email: 'a@x', role: 'agent', teamIds: [] },
      }),
    );
    mockApi([
      ['GET', /me$/, { status: 401, body: { statusCode: 401, error: 'Unauthorized', message: 'expired' } }],
    ]);
    renderLogin();
    expect((await screen.findByRole('status')).textContent).toBe(SESSION_EXPIRED);
  });
});
