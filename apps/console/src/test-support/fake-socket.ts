import type { Socket } from 'socket.io-client';

/** A stand-in for a socket.io client socket that a test drives by hand. */
export class FakeSocket {
  connected = false;
  readonly emitted: [string, unknown][] = [];
  private readonly handlers = new Map<string, ((payload: unknown) => void)[]>();
  on(event: string, handler: (payload: unknown) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  emit(event: string, payload: unknown) {
    this.emitted.push([event, payload]);
    return this;
  }
  fire(event: string, payload?: unknown) {
    if (event === 'connect') this.connected = true;
    if (event === 'disconnect') this.connected = false;
    for (const handler of this.handlers.get(event) ?? []) handler(payload);
  }
  connect() {
    return this;
  }
  disconnect() {
    this.connected = false;
    return this;
  }
  removeAllListeners() {
    this.handlers.clear();
    return this;
  }
  asSocket(): Socket {
    return this as unknown as Socket;
  }
}
