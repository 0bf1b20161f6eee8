/**
 * Is this URL's host on the user's own machine or network? Article content (images in a feed's
 * HTML) may point anywhere; a picture from 192.168.0.1 or a `.local` name would make the app knock
 * on the user's LAN (a router's admin page, a printer) on a stranger's behalf, so such requests are
 * never made: the renderer drops those images and the shell cancels any that slip through.
 * Hostname rules only — a public name that resolves to a private address (DNS rebinding) is left
 * to the shell's request filter, which sees only names too; loading remote images is off by default.
 */

const PRIVATE_NAME = /(?:^|\.)(?:localhost|local|lan|home|internal|intranet|corp|home\.arpa)$/i;

function ipv4Private(parts: number[]): boolean {
  const [a = 0, b = 0] = parts;
  return (
    a === 0 || // "this network"
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local (cloud metadata lives here)
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && parts[2] === 0) ||
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a >= 224 // multicast, reserved, broadcast
  );
}

function ipv4(host: string): number[] | null {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!match) return null;
  const parts = match.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : null;
}

function ipv6Private(address: string): boolean {
  const lower = address.toLowerCase();
  if (lower === '::' || lower === '::1') return true;
  // IPv4-mapped (::ffff:a.b.c.d, which WHATWG URLs write as ::ffff:hhhh:hhhh).
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (mapped) {
    const high = parseInt(mapped[1]!, 16);
    const low = parseInt(mapped[2]!, 16);
    return ipv4Private([high >> 8, high & 255, low >> 8, low & 255]);
  }
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return ipv4Private(ipv4(dotted[1]!) ?? [0]);
  const first = parseInt(lower.split(':')[0] || '0', 16);
  return (
    (first & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (first & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (first & 0xff00) === 0xff00 // multicast
  );
}

/** True for loopback, private, link-local and LAN-only hosts (names without a dot included). */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/\.$/, '').toLowerCase();
  if (host === '') return true;
  if (host.startsWith('[') && host.endsWith(']')) return ipv6Private(host.slice(1, -1));
  if (host.includes(':')) return ipv6Private(host);
  const v4 = ipv4(host);
  if (v4) return ipv4Private(v4);
  // A single label ("router", "intranet") only resolves on the local network.
  return !host.includes('.') || PRIVATE_NAME.test(host);
}

/** True when the URL is http(s) or ws(s) to a private host, or cannot be read at all. */
export function pointsToPrivateNetwork(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return true;
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) return false;
  return isPrivateHost(url.hostname);
}
