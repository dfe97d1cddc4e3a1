// smtp-server ships no types (and @types/smtp-server is not installed): the part the tests use.
declare module 'smtp-server' {
  import type { Server } from 'node:net';
  import type { Readable } from 'node:stream';
  interface Address {
    address: string;
  }
  interface Session {
    envelope: { mailFrom: Address | false; rcptTo: Address[] };
  }
  interface SMTPServerOptions {
    disabledCommands?: string[];
    authOptional?: boolean;
    allowInsecureAuth?: boolean;
    logger?: boolean;
    onData?(stream: Readable, session: Session, callback: (err?: Error | null) => void): void;
  }
  export class SMTPServer {
    constructor(options: SMTPServerOptions);
    server: Server;
    listen(port: number, host: string, callback?: () => void): void;
    close(callback?: () => void): void;
    once(event: 'error', listener: (err: Error) => void): this;
  }
}
