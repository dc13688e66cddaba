import { BaseClient, BaseResponse, type BlockedSourceOptions, fromCustomClient, fromFile, type GeoTIFF, type RemoteSourceOptions } from 'geotiff';
import { InvalidRequestError } from '../../errors.js';
import { type OutboundClient, OutboundError, type OutboundResponse, type RetryPolicy } from '../../net/index.js';

/** A GeoTIFF opened for its header, and what reading it cost. */
export interface OpenedGeotiff {
  /** Read from the file; a failure is a refusal naming the file, or the outbound failure behind it. */
  read<T>(reader: (tiff: GeoTIFF) => Promise<T>): Promise<T>;
  /** Bytes received over HTTP so far (0 for a local file). */
  bytesRead(): number;
  close(): Promise<void>;
}

/** Bytes per HTTP range request: a COG's header (IFDs, GDAL's ghost header) fits in one or two. */
const HEADER_BLOCK_BYTES = 16 * 1024;

/** A header read answers a waiting client: its retries end sooner than a background harvest's. */
const HEADER_RETRY: RetryPolicy = { giveUpAfterMs: 15_000, baseDelayMs: 250, maxDelayMs: 2_000 };
const HEADER_TIMEOUT_MS = 15_000;

/**
 * Open a GeoTIFF to read its header: an http(s) URL through the outbound client (its rule, retries
 * and timeouts) with range requests of `HEADER_BLOCK_BYTES` (a server that answers a range request
 * with the whole file is refused, never read), or a local path when `allowLocalPaths` (the CLI; the
 * HTTP API reads URLs only).
 *
 * @throws InvalidRequestError `GeoTiffUnreadable` (not a TIFF, unreachable, no range support), `OutboundNotAllowed`
 */
export async function openGeotiff(source: string, options: { outbound: OutboundClient; allowLocalPaths: boolean; signal?: AbortSignal }): Promise<OpenedGeotiff> {
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(source);
  if (!isUrl) {
    if (!options.allowLocalPaths) throw new InvalidRequestError('GeoTiffUnreadable', `"${source}" is not an http(s) URL`);
    const none = () => null;
    const tiff = await unreadable(source, () => fromFile(source), none);
    return { read: (reader) => unreadable(source, () => reader(tiff), none), bytesRead: () => 0, close: async () => void (await tiff.close()) };
  }
  let bytes = 0;
  const client = new OutboundRangeClient(source, options.outbound, options.signal, (n) => (bytes += n));
  const failure = () => client.failure;
  // geotiff.js passes block options through to its BlockedSource; its typings omit them.
  const sourceOptions: RemoteSourceOptions & BlockedSourceOptions = { blockSize: HEADER_BLOCK_BYTES, cacheSize: 256 };
  const tiff = await unreadable(source, () => fromCustomClient(client, sourceOptions, options.signal), failure);
  return { read: (reader) => unreadable(source, () => reader(tiff), failure), bytesRead: () => bytes, close: async () => undefined };
}

/**
 * Turn geotiff.js's plain errors (bad magic bytes, truncated IFDs) into a refusal naming the file.
 * Its blocked source reports a failed range request only as "Request failed"; the outbound
 * failure behind it (a 404, the retry budget spent, the rule) is the one thrown.
 */
async function unreadable<T>(source: string, read: () => Promise<T>, failure: () => Error | null): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const cause = failure();
    if (cause !== null) throw cause;
    if (error instanceof InvalidRequestError || (error as Error).name === 'AbortError') throw error;
    throw new InvalidRequestError('GeoTiffUnreadable', `${source} cannot be read as a GeoTIFF: ${(error as Error).message}`);
  }
}

/** geotiff.js's HTTP client interface over eopool's outbound client, range requests only. */
class OutboundRangeClient extends BaseClient {
  /** The last request that failed, which geotiff.js does not pass on. */
  failure: Error | null = null;

  constructor(
    url: string,
    private readonly outbound: OutboundClient,
    private readonly signal: AbortSignal | undefined,
    private readonly count: (bytes: number) => void,
  ) {
    super(url);
  }

  override async request(options: RequestInit = {}): Promise<BaseResponse> {
    try {
      return await this.rangeRequest(options);
    } catch (error) {
      this.failure = error as Error;
      throw error;
    }
  }

  private async rangeRequest(options: RequestInit): Promise<BaseResponse> {
    const headers = Object.fromEntries(new Headers(options.headers).entries());
    const wanted = rangeLength(headers.range);
    const response = await this.outbound.request(this.url, {
      headers,
      retry: HEADER_RETRY,
      timeoutMs: HEADER_TIMEOUT_MS,
      // A range answer is at most what was asked for; a whole-file answer stops here.
      maxBytes: wanted === null ? HEADER_BLOCK_BYTES * 64 : wanted + 4096,
      signal: this.signal,
    });
    this.count(response.body.length);
    if (response.status === 200 && wanted !== null) {
      throw new InvalidRequestError('GeoTiffUnreadable', `${this.url} does not answer HTTP range requests; eopool reads only GeoTIFF headers`);
    }
    if (response.status !== 206 && response.status !== 200) {
      throw new OutboundError('RemoteUnavailable', `GET ${this.url} answered ${response.status}`);
    }
    return new BufferedResponse(response);
  }
}

class BufferedResponse extends BaseResponse {
  constructor(private readonly response: OutboundResponse) {
    super();
  }

  override get status(): number {
    return this.response.status;
  }

  override getHeader(name: string): string | undefined {
    const value = this.response.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  override async getData(): Promise<ArrayBuffer> {
    const { buffer, byteOffset, byteLength } = this.response.body;
    return buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer;
  }
}

/** Total bytes of a `bytes=a-b[,c-d…]` Range header; null when absent or open-ended. */
function rangeLength(range: string | undefined): number | null {
  if (range === undefined) return null;
  let total = 0;
  for (const part of range.replace(/^bytes=/, '').split(',')) {
    const [start, end] = part.trim().split('-').map(Number);
    if (!Number.isFinite(start) || !Number.isFinite(end)) return null;
    total += end! - start! + 1;
  }
  return total;
}
