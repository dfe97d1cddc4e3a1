import { Controller, Get, Module, Param } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DOMAIN_ERROR_CODES, DomainError, type DomainErrorCode } from '@switchboard/domain';
import { HttpErrorFilter } from '../http-error.filter.js';

/** Throws the domain error named in the path, as a service deep under a controller would. */
@Controller('fail')
class FailingController {
  @Get(':code')
  fail(@Param('code') code: string): never {
    throw new DomainError(code as DomainErrorCode, `${code}: what went wrong, in the core's words`);
  }

  @Get()
  crash(): never {
    throw new Error('connection string postgres://secret@db leaked');
  }
}

@Module({ controllers: [FailingController] })
class FailingModule {}

/** The HTTP error contract of DESIGN.md, written out so a changed mapping shows up here. */
const CONTRACT: Record<DomainErrorCode, [number, string]> = {
  invalid: [400, 'Bad Request'],
  unauthenticated: [401, 'Unauthorized'],
  forbidden: [403, 'Forbidden'],
  not_found: [404, 'Not Found'],
  conflict: [409, 'Conflict'],
  too_large: [413, 'Payload Too Large'],
  unsupported_media_type: [415, 'Unsupported Media Type'],
  rate_limited: [429, 'Too Many Requests'],
  unavailable: [503, 'Service Unavailable'],
};

describe('the HTTP error filter', () => {
  let app: NestFastifyApplication;
  let base: string;

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(FailingModule, new FastifyAdapter(), {
      logger: false,
    });
    app.useGlobalFilters(new HttpErrorFilter());
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(() => app.close());

  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`);
    return { statusCode: res.status, body: await res.json() };
  };

  it('knows every domain error code', () => {
    expect(Object.keys(CONTRACT).sort()).toEqual([...DOMAIN_ERROR_CODES].sort());
  });

  it.each(DOMAIN_ERROR_CODES.map((code) => [code, ...CONTRACT[code]] as const))(
    'answers a %s error with %i %s and its message',
    async (code, statusCode, error) => {
      const res = await get(`/fail/${code}`);
      expect(res.statusCode).toBe(statusCode);
      expect(res.body).toEqual({
        statusCode,
        error,
        message: `${code}: what went wrong, in the core's words`,
      });
    },
  );

  it('answers an unexpected error with 500 and no detail', async () => {
    const res = await get('/fail');
    expect(res.statusCode).toBe(500);
    expect(res.body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'internal error' });
  });
});
