"""The size-bounded chunk cache: diskcache (embedded default) or Redis (when CONTOUR_REDIS_URL is set).

Entries are tagged by task so deleting a task evicts its chunks. Both stores stay under
`cache_size_bytes`: diskcache by its own LRU culling, Redis by our least-recently-used trim.
"""

from __future__ import annotations

import time
from functools import lru_cache
from typing import Protocol

import diskcache
import redis

from contour.config import get_settings


class ChunkCache(Protocol):
    def get(self, key: str) -> bytes | None: ...
    def set(self, key: str, value: bytes, task_id: int) -> None: ...
    def evict_task(self, task_id: int) -> None: ...
    def volume(self) -> int: ...
    def entry_count(self) -> int: ...
    def clear(self) -> None: ...


# diskcache counts values and its index, not the index's write-ahead log, which grows to ~4 MiB
# between checkpoints (seen in bench/video_task.py): keep that much of the budget free for it.
WAL_RESERVE_BYTES = 8 * 2**20


class DiskChunkCache:
    def __init__(self, directory: str, size_limit: int) -> None:
        reserve = WAL_RESERVE_BYTES if size_limit > 4 * WAL_RESERVE_BYTES else size_limit // 4
        self._cache = diskcache.Cache(
            directory, size_limit=size_limit - reserve, eviction_policy="least-recently-used", tag_index=True,
            # Values over 32 KiB go to files; chunks are large, small previews stay in SQLite.
            disk_min_file_size=32 * 1024,
        )

    def get(self, key: str) -> bytes | None:
        value = self._cache.get(key)
        return value if isinstance(value, bytes) else None

    def set(self, key: str, value: bytes, task_id: int) -> None:
        self._cache.set(key, value, tag=f"task:{task_id}")

    def evict_task(self, task_id: int) -> None:
        self._cache.evict(f"task:{task_id}")

    def volume(self) -> int:
        return int(self._cache.volume())

    def entry_count(self) -> int:
        return len(self._cache)

    def clear(self) -> None:
        self._cache.clear()


class RedisChunkCache:
    """Values under `contour:chunk:<key>`; a sorted set orders keys by last use, a hash keeps
    their sizes and a counter their total, so trimming evicts exactly the least recently used."""

    PREFIX = "contour:chunk:"
    USES = "contour:chunk-uses"
    SIZES = "contour:chunk-sizes"
    TOTAL = "contour:chunk-bytes"

    def __init__(self, url: str, size_limit: int) -> None:
        self._redis = redis.Redis.from_url(url)
        self._limit = size_limit

    def get(self, key: str) -> bytes | None:
        value = self._redis.get(self.PREFIX + key)
        if value is not None:
            self._redis.zadd(self.USES, {key: time.time()})
        return value  # type: ignore[return-value]

    def set(self, key: str, value: bytes, task_id: int) -> None:
        if len(value) > self._limit:
            return
        previous = int(self._redis.hget(self.SIZES, key) or 0)  # type: ignore[arg-type]
        pipe = self._redis.pipeline()
        pipe.set(self.PREFIX + key, value)
        pipe.zadd(self.USES, {key: time.time()})
        pipe.hset(self.SIZES, key, len(value))
        pipe.incrby(self.TOTAL, len(value) - previous)
        pipe.sadd(f"contour:chunk-task:{task_id}", key)
        pipe.execute()
        while self.volume() > self._limit:
            oldest = self._redis.zrange(self.USES, 0, 0)
            if not oldest:
                break
            self._delete([oldest[0].decode()])  # type: ignore[index]

    def _delete(self, keys: list[str]) -> None:
        if not keys:
            return
        sizes = self._redis.hmget(self.SIZES, keys)
        pipe = self._redis.pipeline()
        pipe.delete(*(self.PREFIX + k for k in keys))
        pipe.zrem(self.USES, *keys)
        pipe.hdel(self.SIZES, *keys)
        pipe.decrby(self.TOTAL, sum(int(size) for size in sizes if size is not None))  # type: ignore[union-attr]
        pipe.execute()

    def evict_task(self, task_id: int) -> None:
        members = self._redis.smembers(f"contour:chunk-task:{task_id}")
        self._delete([m.decode() for m in members])  # type: ignore[union-attr]
        self._redis.delete(f"contour:chunk-task:{task_id}")

    def volume(self) -> int:
        return int(self._redis.get(self.TOTAL) or 0)  # type: ignore[arg-type]

    def entry_count(self) -> int:
        return int(self._redis.hlen(self.SIZES))  # type: ignore[arg-type]

    def clear(self) -> None:
        self._delete([k.decode() for k in self._redis.hkeys(self.SIZES)])  # type: ignore[union-attr]
        self._redis.delete(self.TOTAL)


@lru_cache
def get_chunk_cache() -> ChunkCache:
    settings = get_settings()
    if settings.redis_url:
        return RedisChunkCache(settings.redis_url, settings.cache_size_bytes)
    return DiskChunkCache(str(settings.data_dir / "cache"), settings.cache_size_bytes)
