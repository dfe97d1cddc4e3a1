import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { LookupFunction } from 'node:net';
import { invalid } from '@switchboard/domain';

/** Address ranges a webhook may reach only when its admin allows private targets, by what they are. */
const RANGES: Array<{ label: string; v4?: Array<[string, number]>; v6?: Array<[string, number]> }> = [
  { label: 'loopback', v4: [['127.0.0.0', 8]], v6: [['::1', 128]] },
  { label: 'unspecified', v4: [['0.0.0.0', 8]], v6: [['::', 128]] },
  {
    label: 'private',
    v4: [
      ['10.0.0.0', 8],
      ['172.16.0.0', 12],
      ['192.168.0.0', 16],
      ['100.64.0.0', 10],
    ],
    v6: [['fc00::', 7]],
  },
  { label: 'link-local', v4: [['169.254.0.0', 16]], v6: [['fe80::', 10]] },
  {
    label: 'reserved',
    v4: [
      ['192.0.0.0', 24],
      ['192.0.2.0', 24],
      ['198.18.0.0', 15],
      ['198.51.100.0', 24],
      ['203.0.113.0', 24],
      ['240.0.0.0', 4],
    ],
    v6: [
      ['2001:db8::', 32],
      ['100::', 64],
    ],
  },
  { label: 'multicast', v4: [['224.0.0.0', 4]], v6: [['ff00::', 8]] },
];

const LISTS = RANGES.map(({ label, v4 = [], v6 = [] }) => {
  const list = new BlockList();
  for (const [net, prefix] of v4) list.addSubnet(net, prefix, 'ipv4');
  for (const [net, prefix] of v6) list.addSubnet(net, prefix, 'ipv6');
  return { label, list };
});

/** What kind of non-public address this is (IPv4-mapped IPv6 counts as its IPv4), or null when public. */
export function nonPublicKind(address: string): string | null {
  const family = isIP(address);
  if (!family) return 'unparseable';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  // NAT64 (64:ff9b::/96) embeds an IPv4 address that a gateway would reach on our behalf.
  const nat64 = /^64:ff9b::(?:ffff:)?([\d.]+)$/i.exec(address);
  if (nat64 && isIP(nat64[1]) === 4) return nonPublicKind(nat64[1]);
  return LISTS.find(({ list }) => list.check(address, type))?.label ?? null;
}

export interface ResolvedTarget {
  url: URL;
  addresses: Array<{ address: string; family: 4 | 6 }>;
}

/**
 * Resolves a webhook URL's host and refuses it when any address it resolves to is loopback,
 * link-local, private or otherwise not public, unless the admin allowed private targets. Run
 * when a webhook is saved and again before each send, whose connection then goes to exactly the
 * addresses checked here (see `pinnedLookup`), so a DNS answer that changes in between (DNS
 * rebinding) cannot steer a request inside. Throws `invalid` naming the `url` field.
 */
export async function resolveWebhookTarget(raw: string, allowPrivate: boolean): Promise<ResolvedTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid('url: must be an http:// or https:// URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw invalid('url: must be an http:// or https:// URL');
  if (url.username || url.password) throw invalid('url: must not carry a user name or password');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: ResolvedTarget['addresses'];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) as 4 | 6 }];
  else {
    try {
      const found = await lookup(host, { all: true, verbatim: true });
      addresses = found.map((a) => ({ address: a.address, family: a.family as 4 | 6 }));
    } catch {
      throw invalid(`url: the host ${host} does not resolve`);
    }
    if (addresses.length === 0) throw invalid(`url: the host ${host} does not resolve`);
  }
  if (!allowPrivate)
    for (const { address } of addresses) {
      const kind = nonPublicKind(address);
      if (kind)
        throw invalid(
          `url: ${host} resolves to ${address}, a ${kind} address; turn on allowPrivateTargets to send webhooks inside your network`,
        );
    }
  return { url, addresses };
}

/** A DNS lookup for `http.request` that answers only the addresses already checked. */
export function pinnedLookup(addresses: ResolvedTarget['addresses']): LookupFunction {
  return (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all)
      (callback as (e: null, a: typeof addresses) => void)(null, addresses);
    else callback(null, addresses[0].address, addresses[0].family);
  };
}
