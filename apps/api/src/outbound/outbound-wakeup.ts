import { Injectable } from '@nestjs/common';

/** Lets a reply wake the dispatcher at once instead of waiting for its next poll. */
@Injectable()
export class OutboundWakeup {
  private listener: (() => void) | null = null;

  onWake(listener: () => void): void {
    this.listener = listener;
  }

  wake(): void {
    this.listener?.();
  }
}
