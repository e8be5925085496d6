/**
 * Guarded HTTP(S) fetching: only http and https, never a private, loopback or link-local address
 * unless allowed — checked on every address the name resolves to, at connect time (the lookup the
 * socket itself uses, so a second DNS answer cannot differ from the one checked), again on the
 * socket's remote address once connected, and on every redirect. Timeouts, a size cap on the decoded
 * body (streamed, never buffered past the cap) and a redirect limit bound every request.
 */
import { lookup as dnsLookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction, type Socket } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { ParallaxError } from '../errors.js';

export type FetchFailure =
  | 'scheme'
  | 'bad-url'
  | 'private-address'
  | 'dns'
  | 'timeout'
  | 'too-large'
  | 'redirects'
  | 'http-status'
  | 'network';

export class FetchError extends ParallaxError {
  constructor(
    readonly reason: FetchFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(reason === 'too-large' ? 'INPUT_TOO_LARGE' : 'INPUT_INVALID', message, options);
    this.name = 'FetchError';
  }
}

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Resolves a host name to addresses; tests inject one so no real DNS lookup ever happens. */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => {
      if (error) reject(error);
      else resolve(addresses.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 })));
    });
  });

export interface FetchOptions {
  /** Whole request, redirects included (default 30 s). */
  readonly timeoutMs?: number;
  /** Decoded body cap in bytes (default 10 MB). */
  readonly maxBytes?: number;
  readonly maxRedirects?: number;
  /** Allow private, loopback and link-local addresses (--allow-private). */
  readonly allowPrivate?: boolean;
  /** Single addresses allowed even though private: how tests reach their own loopback server. */
  readonly allowAddresses?: readonly string[];
  readonly resolver?: Resolver;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface FetchResult {
  /** The URL finally answered, after redirects. */
  readonly url: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly contentType?: string;
  readonly body: Buffer;
  readonly fetchedAt: string;
  readonly redirects: readonly string[];
}

export const DEFAULT_FETCH_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_REDIRECTS = 5;

const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
  ['100::', 64],
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv6');
}

/** An IPv4 address carried inside an IPv6 one (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96), if any. */
function embeddedIpv4(address: string): string | undefined {
  const a = address.toLowerCase();
  const dotted = /^(?:::ffff:(?:0:)?|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:(?:0:)?|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(a);
  if (hex) {
    const hi = parseInt(hex[1]!, 16);
    const lo = parseInt(hex[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return undefined;
}

/** True for addresses that are not on the public internet: private, loopback, link-local, reserved. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return BLOCKED.check(bare, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(bare);
    if (v4 !== undefined) return BLOCKED.check(v4, 'ipv4');
    return BLOCKED.check(bare, 'ipv6');
  }
  // Not an address at all: refuse rather than guess.
  return true;
}

interface Policy {
  readonly allowPrivate: boolean;
  readonly allowAddresses: ReadonlySet<string>;
}

function refusal(policy: Policy, address: string, url: string): FetchError | undefined {
  const bare = address.replace(/^\[|\]$/g, '');
  if (policy.allowPrivate || policy.allowAddresses.has(bare) || !isPrivateAddress(bare)) return undefined;
  return new FetchError(
    'private-address',
    `${url}: refused: ${bare} is a private, loopback or link-local address (use --allow-private to allow it)`,
  );
}

/** Checks a URL before any connection: scheme, syntax, and a literal address in it. */
export function checkUrl(
  raw: string,
  policy: Policy = { allowPrivate: false, allowAddresses: new Set() },
): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchError('bad-url', `${raw}: not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError(
      'scheme',
      `${raw}: refused: only http and https URLs are fetched, not ${url.protocol}`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new FetchError('bad-url', `${url.origin}: refused: URLs with credentials are not fetched`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) {
    const refused = refusal(policy, host, raw);
    if (refused) throw refused;
  } else if (host === 'localhost' || host.endsWith('.localhost')) {
    if (!policy.allowPrivate) {
      throw new FetchError(
        'private-address',
        `${raw}: refused: ${host} is loopback (use --allow-private to allow it)`,
      );
    }
  }
  return url;
}

/** The lookup sockets use: resolves through the resolver and refuses if any answer is private. */
function guardedLookup(resolver: Resolver, policy: Policy, url: string): LookupFunction {
  return (hostname, options, callback) => {
    resolver(hostname).then(
      (all) => {
        const family = typeof options.family === 'number' ? options.family : 0;
        const usable = all.filter((a) => family === 0 || a.family === family);
        if (usable.length === 0) {
          callback(new FetchError('dns', `${url}: ${hostname} does not resolve`), '', 4);
          return;
        }
        for (const a of all) {
          const refused = refusal(policy, a.address, url);
          if (refused) {
            callback(refused, '', 4);
            return;
          }
        }
        if (options.all) {
          (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, [...usable]);
        } else {
          callback(null, usable[0]!.address, usable[0]!.family);
        }
      },
      (error: unknown) =>
        callback(
          new FetchError('dns', `${url}: ${hostname} does not resolve`, {
            cause: error,
          }) as NodeJS.ErrnoException,
          '',
          4,
        ),
    );
  };
}

function decoded(response: http.IncomingMessage): Readable {
  switch ((response.headers['content-encoding'] ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return response.pipe(createGunzip());
    case 'deflate':
      return response.pipe(createInflate());
    case 'br':
      return response.pipe(createBrotliDecompress());
    default:
      return response;
  }
}

interface Hop {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  readonly location?: string;
}

/** One request, no redirects followed; rejects on refusal, timeout (via signal) or size. */
function requestOnce(url: URL, options: FetchOptions, policy: Policy, signal: AbortSignal): Promise<Hop> {
  const maxBytes = options.maxBytes ?? DEFAULT_FETCH_MAX_BYTES;
  const resolver = options.resolver ?? systemResolver;
  const href = url.href;
  return new Promise<Hop>((resolve, reject) => {
    const mod = url.protocol === 'https:' ? https : http;
    const req = mod.request(url, {
      method: 'GET',
      agent: false,
      signal,
      lookup: guardedLookup(resolver, policy, href),
      headers: {
        'user-agent': 'parallax/0.1 (+https://github.com/parallax)',
        accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5',
        'accept-encoding': 'gzip, deflate, br',
        ...options.headers,
      },
    });
    let settled = false;
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      req.destroy();
      reject(error);
    };
    const onAbort = (): void => fail(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    req.on('close', () => signal.removeEventListener('abort', onAbort));
    req.on('socket', (socket: Socket) => {
      // The address actually connected to, whatever resolved it, is checked once more.
      const check = (): void => {
        const remote = socket.remoteAddress;
        const refused = remote === undefined ? undefined : refusal(policy, remote, href);
        if (refused) fail(refused);
      };
      if (socket.remoteAddress !== undefined && !socket.connecting) check();
      else socket.once('connect', check);
    });
    req.on('error', (error) => fail(error));
    req.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location !== undefined) {
        response.resume();
        settled = true;
        resolve({ status, headers: response.headers, body: Buffer.alloc(0), location });
        req.destroy();
        return;
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes && !response.headers['content-encoding']) {
        fail(
          new FetchError(
            'too-large',
            `${href}: response of ${declared} bytes is over the cap of ${maxBytes} bytes`,
          ),
        );
        return;
      }
      const chunks: Buffer[] = [];
      let total = 0;
      const body = decoded(response);
      body.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > maxBytes) {
          body.destroy();
          response.destroy();
          fail(
            new FetchError(
              'too-large',
              `${href}: response is over the cap of ${maxBytes} bytes (stopped reading)`,
            ),
          );
          return;
        }
        chunks.push(chunk);
      });
      body.on('error', (error) => fail(error));
      response.on('error', (error) => fail(error));
      body.on('end', () => {
        if (settled) return;
        settled = true;
        resolve({ status, headers: response.headers, body: Buffer.concat(chunks) });
      });
    });
    req.end();
  });
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(', ') : v;
}

/** Fetches a URL under the guard, following at most `maxRedirects` redirects, each one re-checked. */
export async function fetchUrl(raw: string, options: FetchOptions = {}): Promise<FetchResult> {
  const policy: Policy = {
    allowPrivate: options.allowPrivate ?? false,
    allowAddresses: new Set(options.allowAddresses ?? []),
  };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const redirects: string[] = [];
  try {
    let url = checkUrl(raw, policy);
    for (let hop = 0; ; hop++) {
      let result: Hop;
      try {
        result = await requestOnce(url, options, policy, controller.signal);
      } catch (error) {
        if (error instanceof FetchError) throw error;
        if (controller.signal.aborted) {
          throw new FetchError('timeout', `${raw}: no complete answer within ${timeoutMs} ms`, {
            cause: error,
          });
        }
        const code = error instanceof Error && 'code' in error ? ` (${String(error.code)})` : '';
        throw new FetchError('network', `${url.href}: request failed${code}`, { cause: error });
      }
      if (result.location !== undefined) {
        if (hop >= maxRedirects) {
          throw new FetchError(
            'redirects',
            `${raw}: more than ${maxRedirects} redirects (last to ${result.location})`,
          );
        }
        let next: string;
        try {
          next = new URL(result.location, url).href;
        } catch {
          throw new FetchError('bad-url', `${url.href}: redirect to an invalid URL`);
        }
        redirects.push(next);
        url = checkUrl(next, policy);
        continue;
      }
      if (result.status !== 304 && (result.status < 200 || result.status >= 300)) {
        throw new FetchError('http-status', `${url.href}: HTTP ${result.status}`);
      }
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(result.headers)) headers[k] = headerValue(v);
      return {
        url: url.href,
        status: result.status,
        headers,
        ...(headers['content-type'] !== undefined && { contentType: headers['content-type'] }),
        body: result.body,
        fetchedAt: new Date().toISOString(),
        redirects,
      };
    }
  } finally {
    clearTimeout(timer);
  }
}
