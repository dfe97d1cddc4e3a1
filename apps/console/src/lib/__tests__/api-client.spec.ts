import { describe, expect, it, jest } from '@jest/globals';
import { mockApi } from '../../test-support/api-mock';
import { api, ApiError, setApiToken, setUnauthorizedHandler } from '../api-client';

describe('api client', () => {
  it('sends the bearer token', async () => {
    const calls = mockApi([['GET', /me$/, { body: { id: 'u' } }]]);
    setApiToken('abc');
    await api.get('/api/auth/me');
    expect(calls[0].headers.Authorization).toBe('Bearer abc');
    setApiToken(null);
  });

  it("surfaces the API's message from { statusCode, error, message }", async () => {
    mockApi([
      [
        'POST',
        /hold$/,
        { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'note: must not be empty' } },
      ],
    ]);
    await expect(api.post('/api/tickets/x/hold', {})).rejects.toMatchObject({
      status: 400,
      message: 'note: must not be empty',
    });
  });

  it('sends the agent back to login on 401, except for the login request itself', async () => {
    const expired = jest.fn();
    setUnauthorizedHandler(expired);
    mockApi([
      [
        'GET',
        /tickets/,
        { status: 401, body: { statusCode: 401, error: 'Unauthorized', message: 'token expired' } },
      ],
      [
        'POST',
        /login/,
        { status: 401, body: { statusCode: 401, error: 'Unauthorized', message: 'invalid credentials' } },
      ],
    ]);
    await expect(api.get('/api/tickets')).rejects.toBeInstanceOf(ApiError);
    expect(expired).toHaveBeenCalledTimes(1);
    await expect(api.post('/api/auth/login', {}, { anonymous: true })).rejects.toMatchObject({ status: 401 });
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('gives a plain sentence when the server sends no message', async () => {
    mockApi([['GET', /x/, { status: 502 }]]);
    await expect(api.get('/api/x')).rejects.toMatchObject({
      message: 'The server had a problem; try again in a moment.',
    });
  });
});
