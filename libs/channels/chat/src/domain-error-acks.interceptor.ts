import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { httpStatusOf, isDomainError } from '@switchboard/domain';
import { catchError, type Observable, of, throwError } from 'rxjs';

/**
 * A socket event whose handler hits a domain error (the chat account switched off since the
 * handshake, say) is acknowledged `{ ok: false, status, error }`, with the status REST would
 * answer. Without this the error reaches Nest's socket exception handler, which logs it as a
 * crash and never calls the acknowledgement, so the widget waits until it times out.
 */
@Injectable()
export class DomainErrorAcks implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(
        catchError((err: unknown) =>
          isDomainError(err)
            ? of({ ok: false, status: httpStatusOf(err.code), error: err.message })
            : throwError(() => err),
        ),
      );
  }
}
