/**
 * A bounded cache of things loaded asynchronously by key: the one mechanism behind both the
 * downloaded chunks and the decoded frames.
 *
 * - Ready values live in an LRU bounded by entry count and an approximate byte budget; evicted
 *   values go to `release` (bitmaps must be closed, not left to the garbage collector).
 * - Concurrent requests for one key share one load.
 * - A load runs while someone wants it: a `request` whose signal has not aborted, or the *wanted
 *   window* (`want`), the keys the user is about to need, in priority order. When neither is left
 *   the load is aborted. Wanted values are never evicted (the frame on screen must not be closed).
 * - Wanted keys load in window order, at most `maxConcurrent` at a time; explicit requests start
 *   at once, since the user is waiting for them.
 * - A failed load leaves an error for its key (no automatic retry hammering the server) until
 *   `retry` clears it.
 */

export type PoolStatus = "absent" | "queued" | "loading" | "ready" | "error";

export type PoolEvent<K> =
  | { readonly type: "ready"; readonly key: K }
  | { readonly type: "error"; readonly key: K; readonly error: unknown }
  | { readonly type: "evicted"; readonly key: K };

export interface ResourcePoolOptions<K, V> {
  load: (key: K, signal: AbortSignal) => Promise<V>;
  /** Bytes a ready value holds (approximate is fine). */
  sizeOf: (key: K, value: V) => number;
  /** Bytes a value will hold, to plan the wanted window before it loads; unknown → the mean. */
  estimateSize?: (key: K) => number | undefined;
  release?: (value: V) => void;
  maxEntries: number;
  maxBytes: number;
  /** Loads started for the wanted window at the same time. */
  maxConcurrent: number;
}

interface Ready<V> {
  readonly value: V;
  readonly bytes: number;
}

interface Loading<V> {
  readonly controller: AbortController;
  readonly promise: Promise<V>;
  demand: number;
}

export class PoolDisposedError extends Error {
  constructor() {
    super("The cache was closed.");
    this.name = "AbortError";
  }
}

export function abortError(signal?: AbortSignal): unknown {
  if (signal?.aborted && signal.reason !== undefined) return signal.reason;
  return new DOMException("The request was cancelled.", "AbortError");
}

export function isAbortError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === "AbortError";
}

export class ResourcePool<K, V> {
  private readonly options: ResourcePoolOptions<K, V>;
  /** Map order is recency: first = least recently used. */
  private readonly ready = new Map<K, Ready<V>>();
  private readonly loading = new Map<K, Loading<V>>();
  private readonly errors = new Map<K, unknown>();
  private wanted: K[] = [];
  private wantedSet = new Set<K>();
  private readyBytes = 0;
  private readonly listeners = new Set<(event: PoolEvent<K>) => void>();
  private disposed = false;

  constructor(options: ResourcePoolOptions<K, V>) {
    this.options = options;
  }

  /** The ready value, without counting as a use. */
  peek(key: K): V | undefined {
    return this.ready.get(key)?.value;
  }

  /** The ready value, marked as most recently used. */
  get(key: K): V | undefined {
    const entry = this.ready.get(key);
    if (entry === undefined) return undefined;
    this.ready.delete(key);
    this.ready.set(key, entry);
    return entry.value;
  }

  status(key: K): PoolStatus {
    if (this.ready.has(key)) return "ready";
    if (this.loading.has(key)) return "loading";
    if (this.errors.has(key)) return "error";
    if (this.wantedSet.has(key)) return "queued";
    return "absent";
  }

  error(key: K): unknown {
    return this.errors.get(key);
  }

  /** Keys with a ready value, least recently used first. */
  readyKeys(): K[] {
    return [...this.ready.keys()];
  }

  /** The wanted window as accepted by the budget (see `want`). */
  wantedKeys(): readonly K[] {
    return this.wanted;
  }

  get bytes(): number {
    return this.readyBytes;
  }

  /** The value, loading it now if needed. Aborting `signal` withdraws this caller's interest. */
  request(key: K, signal?: AbortSignal): Promise<V> {
    if (this.disposed) return Promise.reject(new PoolDisposedError());
    if (signal?.aborted) return Promise.reject(abortError(signal));
    const ready = this.get(key);
    if (ready !== undefined) return Promise.resolve(ready);
    if (this.errors.has(key)) return Promise.reject(this.errors.get(key));
    const load = this.loading.get(key) ?? this.start(key);
    load.demand += 1;
    return new Promise<V>((resolve, reject) => {
      let settled = false;
      const withdraw = (): void => {
        if (settled) return;
        settled = true;
        load.demand -= 1;
        this.cancelIfUnwanted(key);
        reject(abortError(signal));
      };
      signal?.addEventListener("abort", withdraw, { once: true });
      load.promise.then(
        (value) => {
          if (settled) return;
          settled = true;
          load.demand -= 1;
          signal?.removeEventListener("abort", withdraw);
          resolve(value);
        },
        (error: unknown) => {
          if (settled) return;
          settled = true;
          load.demand -= 1;
          signal?.removeEventListener("abort", withdraw);
          reject(error);
        },
      );
    });
  }

  /**
   * Sets the wanted window: `keys` in priority order, cut where the budget (entries, estimated
   * bytes) runs out, the first key always kept. Returns the accepted keys. Loads of keys that
   * left the window and that no request waits for are aborted.
   */
  want(keys: readonly K[]): readonly K[] {
    if (this.disposed) return [];
    const accepted = this.fitBudget(keys);
    this.wanted = accepted;
    this.wantedSet = new Set(accepted);
    for (const key of [...this.loading.keys()]) this.cancelIfUnwanted(key);
    // The window's ready values become the most recent, the first key last of all.
    for (let i = accepted.length - 1; i >= 0; i -= 1) this.get(accepted[i]);
    this.pump();
    return accepted;
  }

  /** Forgets the key's error; it loads again if wanted. */
  retry(key: K): void {
    if (!this.errors.delete(key)) return;
    this.pump();
  }

  subscribe(listener: (event: PoolEvent<K>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Aborts every load and releases every value; the pool refuses work afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.wanted = [];
    this.wantedSet = new Set();
    for (const load of this.loading.values()) load.controller.abort(new PoolDisposedError());
    this.loading.clear();
    for (const entry of this.ready.values()) this.options.release?.(entry.value);
    this.ready.clear();
    this.readyBytes = 0;
    this.listeners.clear();
  }

  private start(key: K): Loading<V> {
    const controller = new AbortController();
    const { signal } = controller;
    const outcome = this.options.load(key, signal).then(
      (value) => {
        if (signal.aborted || this.disposed) {
          this.options.release?.(value);
          throw abortError(signal);
        }
        this.finish(key);
        this.store(key, value);
        this.emit({ type: "ready", key });
        this.pump();
        return value;
      },
      (error: unknown) => {
        if (signal.aborted || this.disposed) throw abortError(signal);
        this.finish(key);
        this.errors.set(key, error);
        this.emit({ type: "error", key, error });
        this.pump();
        throw error;
      },
    );
    // Waiters must not depend on the loader honouring its signal.
    const aborted = new Promise<never>((_resolve, reject) => {
      signal.addEventListener("abort", () => reject(abortError(signal)), { once: true });
    });
    const promise = Promise.race([outcome, aborted]);
    // Callers each handle the outcome through `request`; a prefetch nobody awaits must not
    // surface as an unhandled rejection.
    outcome.catch(() => undefined);
    promise.catch(() => undefined);
    const load: Loading<V> = { controller, promise, demand: 0 };
    this.loading.set(key, load);
    return load;
  }

  private finish(key: K): void {
    this.loading.delete(key);
  }

  private cancelIfUnwanted(key: K): void {
    const load = this.loading.get(key);
    if (load === undefined || load.demand > 0 || this.wantedSet.has(key)) return;
    this.loading.delete(key);
    load.controller.abort();
    this.pump();
  }

  /** Starts wanted loads in window order while slots are free. */
  private pump(): void {
    if (this.disposed) return;
    for (const key of this.wanted) {
      if (this.loading.size >= this.options.maxConcurrent) return;
      if (this.ready.has(key) || this.loading.has(key) || this.errors.has(key)) continue;
      this.start(key);
    }
  }

  private store(key: K, value: V): void {
    const bytes = this.options.sizeOf(key, value);
    this.ready.set(key, { value, bytes });
    this.readyBytes += bytes;
    this.evict(key);
  }

  /** Drops least recently used values until within budget; wanted ones and `keep` stay. */
  private evict(keep: K): void {
    const { maxEntries, maxBytes } = this.options;
    for (const [key, entry] of this.ready) {
      if (this.ready.size <= maxEntries && this.readyBytes <= maxBytes) return;
      if (key === keep || this.wantedSet.has(key)) continue;
      this.ready.delete(key);
      this.readyBytes -= entry.bytes;
      this.options.release?.(entry.value);
      this.emit({ type: "evicted", key });
    }
  }

  private fitBudget(keys: readonly K[]): K[] {
    const unique = [...new Set(keys)];
    const accepted: K[] = [];
    let bytes = 0;
    const fallback = this.meanReadySize();
    for (const key of unique) {
      const size = this.ready.get(key)?.bytes ?? this.options.estimateSize?.(key) ?? fallback;
      const fits = accepted.length < this.options.maxEntries && bytes + size <= this.options.maxBytes;
      if (accepted.length > 0 && !fits) break;
      accepted.push(key);
      bytes += size;
    }
    return accepted;
  }

  private meanReadySize(): number {
    return this.ready.size === 0 ? 0 : this.readyBytes / this.ready.size;
  }

  private emit(event: PoolEvent<K>): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
