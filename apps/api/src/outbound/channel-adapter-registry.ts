import { Injectable } from '@nestjs/common';
import type { ChannelAdapter, ChannelAdapterRegistry } from '@switchboard/channel-kit';

/** Channel modules register their adapters here; the core asks by kind and never branches on it. */
@Injectable()
export class InMemoryChannelAdapterRegistry implements ChannelAdapterRegistry {
  private readonly adapters = new Map<string, ChannelAdapter>();

  register(adapter: ChannelAdapter): void {
    this.adapters.set(adapter.kind, adapter);
  }

  get(kind: string): ChannelAdapter | undefined {
    return this.adapters.get(kind);
  }
}
