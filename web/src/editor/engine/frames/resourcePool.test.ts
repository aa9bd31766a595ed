import { describe, expect, it, vi } from "vitest";
import { ResourcePool, type ResourcePoolOptions, isAbortError } from "./resourcePool";
import { ManualLoads, flush } from "./testFixtures";

interface Value {
  key: number;
  size: number;
}

function pool(overrides: Partial<ResourcePoolOptions<number, Value>> = {}) {
  const loads = new ManualLoads<number, Value>();
  const release = vi.fn<(value: Value) => void>();
  const cache = new ResourcePool<number, Value>({
    load: loads.load,
    sizeOf: (_key, value) => value.size,
    release,
    maxEntries: 3,
    maxBytes: 1000,
    maxConcurrent: 2,
    ...overrides,
  });
  return { cache, loads, release };
}

const value = (key: number, size = 10): Value => ({ key, size });

async function loadReady(
  cache: ResourcePool<number, Value>,
  loads: ManualLoads<number, Value>,
  key: number,
  size = 10,
): Promise<void> {
  const pending = cache.request(key);
  loads.resolve(key, value(key, size));
  await pending;
}

describe("ResourcePool requests", () => {
  it("shares one load between concurrent requests for a key", async () => {
    const { cache, loads } = pool();
    const first = cache.request(1);
    const second = cache.request(1);
    expect(loads.keys()).toEqual([1]);
    loads.resolve(1, value(1));
    expect(await first).toBe(await second);
  });

  it("answers a ready key without loading it again", async () => {
    const { cache, loads } = pool();
    await loadReady(cache, loads, 1);
    await cache.request(1);
    expect(loads.keys()).toEqual([1]);
    expect(cache.status(1)).toBe("ready");
  });

  it("aborts the load when its only requester gives up", async () => {
    const { cache, loads } = pool();
    const controller = new AbortController();
    const pending = cache.request(1, controller.signal);
    controller.abort();
    await expect(pending).rejects.toSatisfy(isAbortError);
    expect(loads.aborted(1)).toBe(true);
    expect(cache.status(1)).toBe("absent");
  });

  it("keeps loading while another requester still waits", async () => {
    const { cache, loads } = pool();
    const controller = new AbortController();
    const leaving = cache.request(1, controller.signal);
    const staying = cache.request(1);
    controller.abort();
    await expect(leaving).rejects.toSatisfy(isAbortError);
    expect(loads.aborted(1)).toBe(false);
    loads.resolve(1, value(1));
    await expect(staying).resolves.toEqual(value(1));
  });

  it("keeps loading a wanted key after its requester gives up", async () => {
    const { cache, loads } = pool();
    cache.want([1]);
    const controller = new AbortController();
    const pending = cache.request(1, controller.signal);
    controller.abort();
    await expect(pending).rejects.toSatisfy(isAbortError);
    expect(loads.aborted(1)).toBe(false);
  });

  it("releases a value that arrives after its load was aborted", async () => {
    const { cache, loads, release } = pool();
    const controller = new AbortController();
    cache.request(1, controller.signal).catch(() => undefined);
    controller.abort();
    loads.resolve(1, value(1)); // a loader that ignored the signal
    await flush();
    expect(release).toHaveBeenCalledWith(value(1));
    expect(cache.status(1)).toBe("absent");
  });

  it("rejects a request whose signal already aborted", async () => {
    const { cache, loads } = pool();
    await expect(cache.request(1, AbortSignal.abort())).rejects.toSatisfy(isAbortError);
    expect(loads.keys()).toEqual([]);
  });
});

describe("ResourcePool eviction", () => {
  it("evicts the least recently used value past the entry limit and releases it", async () => {
    const { cache, loads, release } = pool({ maxEntries: 2 });
    await loadReady(cache, loads, 1);
    await loadReady(cache, loads, 2);
    cache.get(1);
    await loadReady(cache, loads, 3);
    expect(cache.readyKeys()).toEqual([1, 3]);
    expect(release).toHaveBeenCalledWith(value(2));
  });

  it("evicts past the byte budget", async () => {
    const { cache, loads, release } = pool({ maxEntries: 10, maxBytes: 100 });
    await loadReady(cache, loads, 1, 60);
    await loadReady(cache, loads, 2, 60);
    expect(cache.readyKeys()).toEqual([2]);
    expect(cache.bytes).toBe(60);
    expect(release).toHaveBeenCalledWith(value(1, 60));
  });

  it("never evicts wanted values, even over budget", async () => {
    const { cache, loads, release } = pool({ maxEntries: 10, maxBytes: 100, estimateSize: () => 10 });
    cache.want([1, 2]);
    loads.resolve(1, value(1, 80)); // bigger than estimated
    loads.resolve(2, value(2, 80));
    await flush();
    expect(cache.readyKeys().sort()).toEqual([1, 2]);
    expect(release).not.toHaveBeenCalled();
  });

  it("evicts a value once it leaves the window and the budget is short", async () => {
    const { cache, loads, release } = pool({ maxEntries: 1, maxConcurrent: 1 });
    cache.want([1]);
    loads.resolve(1, value(1));
    await flush();
    cache.want([2]);
    loads.resolve(2, value(2));
    await flush();
    expect(cache.readyKeys()).toEqual([2]);
    expect(release).toHaveBeenCalledWith(value(1));
  });

  it("tells subscribers what was evicted", async () => {
    const { cache, loads } = pool({ maxEntries: 1 });
    const events: unknown[] = [];
    cache.subscribe((event) => events.push(event));
    await loadReady(cache, loads, 1);
    await loadReady(cache, loads, 2);
    expect(events).toEqual([
      { type: "ready", key: 1 },
      { type: "evicted", key: 1 },
      { type: "ready", key: 2 },
    ]);
  });
});

describe("ResourcePool wanted window", () => {
  it("loads wanted keys in window order, a limited number at a time", async () => {
    const { cache, loads } = pool({ maxConcurrent: 2 });
    cache.want([5, 6, 7]);
    expect(loads.keys()).toEqual([5, 6]);
    expect(cache.status(7)).toBe("queued");
    loads.resolve(6, value(6));
    await flush();
    expect(loads.keys()).toEqual([5, 6, 7]);
  });

  it("starts an explicit request at once, whatever the limit", () => {
    const { cache, loads } = pool({ maxConcurrent: 1 });
    cache.want([5, 6]);
    cache.request(9).catch(() => undefined);
    expect(loads.keys()).toEqual([5, 9]);
  });

  it("aborts loads of keys that left the window", () => {
    const { cache, loads } = pool();
    cache.want([1, 2]);
    cache.want([2, 3]);
    expect(loads.aborted(1)).toBe(true);
    expect(loads.aborted(2)).toBe(false);
    expect(loads.keys()).toEqual([1, 2, 3]);
  });

  it("cuts the window where the estimated bytes run out, keeping the first key", () => {
    const { cache, loads } = pool({ maxBytes: 100, estimateSize: () => 60 });
    expect(cache.want([1, 2, 3])).toEqual([1]);
    expect(loads.keys()).toEqual([1]);
    expect(pool({ maxBytes: 10, estimateSize: () => 60 }).cache.want([4, 5])).toEqual([4]);
  });

  it("cuts the window at the entry limit", () => {
    const { cache } = pool({ maxEntries: 2 });
    expect(cache.want([1, 2, 3, 1])).toEqual([1, 2]);
  });

  it("estimates unknown sizes from the values already loaded", async () => {
    const { cache, loads } = pool({ maxEntries: 10, maxBytes: 100 });
    await loadReady(cache, loads, 1, 40);
    expect(cache.want([1, 2, 3])).toEqual([1, 2]);
  });
});

describe("ResourcePool errors", () => {
  it("keeps a failed key's error and does not retry it on its own", async () => {
    const { cache, loads } = pool();
    cache.want([1]);
    const failure = new Error("502 Bad Gateway");
    loads.reject(1, failure);
    await flush();
    expect(cache.status(1)).toBe("error");
    expect(cache.error(1)).toBe(failure);
    cache.want([1]);
    expect(loads.keys()).toEqual([1]);
    await expect(cache.request(1)).rejects.toBe(failure);
  });

  it("loads a wanted key again after retry", async () => {
    const { cache, loads } = pool();
    cache.want([1]);
    loads.reject(1, new Error("timeout"));
    await flush();
    cache.retry(1);
    expect(loads.keys()).toEqual([1, 1]);
    expect(cache.status(1)).toBe("loading");
  });

  it("reports the error to subscribers and to the waiting requester", async () => {
    const { cache, loads } = pool();
    const events: unknown[] = [];
    cache.subscribe((event) => events.push(event));
    const pending = cache.request(1);
    const failure = new Error("404");
    loads.reject(1, failure);
    await expect(pending).rejects.toBe(failure);
    expect(events).toEqual([{ type: "error", key: 1, error: failure }]);
  });

  it("does not record an aborted load as an error", async () => {
    const { cache, loads } = pool();
    cache.want([1]);
    cache.want([]);
    loads.reject(1, new DOMException("aborted", "AbortError"));
    await flush();
    expect(cache.status(1)).toBe("absent");
  });
});

describe("ResourcePool.dispose", () => {
  it("aborts loads, releases values and rejects waiters", async () => {
    const { cache, loads, release } = pool();
    await loadReady(cache, loads, 1);
    const waiting = cache.request(2);
    cache.dispose();
    expect(loads.aborted(2)).toBe(true);
    expect(release).toHaveBeenCalledWith(value(1));
    await expect(waiting).rejects.toSatisfy(isAbortError);
    await expect(cache.request(3)).rejects.toSatisfy(isAbortError);
  });
});
