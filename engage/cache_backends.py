"""Where the page cache keeps rendered pages and generations: this process, or Redis.

A generation is an opaque token per name ("all", "policy:<slug>"). A page is stored with the
generations read before it was rendered, and served only while they are still the current
ones: replacing a generation makes every page stored with the old one a miss. One lookup
returns both the current generations and the stored page (one round trip to Redis).
Generations are replaced by fresh random tokens, never counted up from zero, so a generation
that disappears (an evicted Redis key, a restarted process) can never bring an old page back.
"""

import hashlib
import logging
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

log = logging.getLogger(__name__)

# A generation nobody bumped yet. In-process, pages and generations live and die together, so
# a fixed starting value is safe; Redis replaces a missing generation with a random one.
INITIAL = "0"
# Redis: how long an unbumped generation lives; longer than any page's TTL.
GENERATION_TTL = 3600


def new_generation() -> str:
    return secrets.token_hex(8)


@dataclass(frozen=True)
class Entry:
    """A stored page: its body (with placeholders for per-visitor tokens), the body's digest,
    and the generations it was rendered under."""

    body: str
    digest: str
    generations: tuple[str, ...] = ()

    @classmethod
    def of(cls, body: str, generations) -> "Entry":
        return cls(body, hashlib.sha256(body.encode()).hexdigest()[:32], tuple(generations))

    def dumps(self) -> bytes:
        return f"{','.join(self.generations)}\n{self.digest}\n{self.body}".encode()

    @classmethod
    def loads(cls, raw: bytes) -> "Entry":
        generations, digest, body = raw.decode().split("\n", 2)
        return cls(body, digest, tuple(generations.split(",")))


class MemoryBackend:
    """A small thread-safe LRU of pages, plus the generations, in this process only.

    Right for one process (development, a single worker). With several worker processes a
    change made in one process is not seen by the others' caches until their TTL runs out:
    set ENGAGE_REDIS_URL there.
    """

    name = "memory"
    errors: tuple = ()

    def __init__(self, max_entries: int = 256, max_bytes: int = 64 * 2**20, clock=time.monotonic):
        self.max_entries, self.max_bytes, self.clock = max_entries, max_bytes, clock
        self._pages: OrderedDict[str, tuple[float, Entry]] = OrderedDict()
        self._generations: dict[str, str] = {}
        self._bytes = 0
        self._lock = threading.Lock()
        self._spaces: dict[str, MemoryBackend] = {}

    def _space(self, name: str) -> "MemoryBackend":
        with self._lock:
            if name not in self._spaces:
                self._spaces[name] = MemoryBackend(self.max_entries, self.max_bytes, self.clock)
            return self._spaces[name]

    @property
    def fragments(self) -> "MemoryBackend":
        """Where parts of pages shared by every visitor are kept (engage/comments/fragments.py),
        apart from the pages, under this backend's generations."""
        return self._space("fragments")

    @property
    def viewers(self) -> "MemoryBackend":
        """Where signed-in viewers' own pages are kept (engage/cache_viewers.py), apart from
        the shared pages so that they never push those out; generations stay here."""
        return self._space("viewers")

    def generations(self, names: list[str]) -> list[str]:
        with self._lock:
            return [self._generations.get(name, INITIAL) for name in names]

    def lookup(self, names: list[str], key: str) -> tuple[list[str], Entry | None]:
        """The current generations of `names`, and the page stored under `key` if any."""
        return self.generations(names), self.get(key)

    def bump(self, names) -> None:
        with self._lock:
            for name in names:
                self._generations[name] = new_generation()

    def get(self, key: str) -> Entry | None:
        with self._lock:
            found = self._pages.get(key)
            if found is None:
                return None
            expires, entry = found
            if expires <= self.clock():
                self._drop(key)
                return None
            self._pages.move_to_end(key)
            return entry

    def put(self, key: str, entry: Entry, ttl: float) -> None:
        size = len(entry.body)
        if size > self.max_bytes // 4:
            return
        with self._lock:
            if key in self._pages:
                self._drop(key)
            self._pages[key] = (self.clock() + ttl, entry)
            self._bytes += size
            while len(self._pages) > self.max_entries or self._bytes > self.max_bytes:
                self._drop(next(iter(self._pages)))

    def _drop(self, key: str) -> None:
        _expires, entry = self._pages.pop(key)
        self._bytes -= len(entry.body)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._generations.clear()
            self._bytes = 0
            spaces, self._spaces = list(self._spaces.values()), {}
        for space in spaces:
            space.clear()

    def __len__(self) -> int:
        return len(self._pages)


class RedisBackend:
    """Pages and generations in Redis, shared by every worker process and machine."""

    name = "redis"

    def __init__(self, url: str, prefix: str = "engage:cache:"):
        import redis

        self.errors = (redis.RedisError,)
        self.prefix = prefix
        self.redis = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)

    @property
    def fragments(self) -> "RedisBackend":
        """Parts of pages shared by every visitor: kept with the pages (keys differ)."""
        return self

    @property
    def viewers(self) -> "RedisBackend":
        """Signed-in viewers' own pages: kept with the pages (keys differ)."""
        return self

    def _gen_key(self, name: str) -> str:
        return f"{self.prefix}gen:{name}"

    def generations(self, names: list[str]) -> list[str]:
        return self._initialised(names, self.redis.mget([self._gen_key(n) for n in names]))

    def lookup(self, names: list[str], key: str) -> tuple[list[str], Entry | None]:
        """The current generations of `names`, and the page stored under `key` if any."""
        pipe = self.redis.pipeline(transaction=False)
        pipe.mget([self._gen_key(name) for name in names])
        pipe.get(f"{self.prefix}page:{key}")
        values, raw = pipe.execute()
        return self._initialised(names, values), Entry.loads(raw) if raw else None

    def _initialised(self, names: list[str], values: list) -> list[str]:
        """Give a generation nobody set yet (or that expired) a random first value."""
        keys = [self._gen_key(name) for name in names]
        missing = [key for key, value in zip(keys, values, strict=True) if value is None]
        if missing:
            pipe = self.redis.pipeline(transaction=False)
            for key in missing:
                pipe.set(key, new_generation(), nx=True, ex=GENERATION_TTL)
            pipe.execute()
            values = self.redis.mget(keys)
        return [value.decode() for value in values]

    def bump(self, names) -> None:
        pipe = self.redis.pipeline(transaction=False)
        for name in names:
            pipe.set(self._gen_key(name), new_generation(), ex=GENERATION_TTL)
        pipe.execute()

    def get(self, key: str) -> Entry | None:
        raw = self.redis.get(f"{self.prefix}page:{key}")
        return Entry.loads(raw) if raw else None

    def put(self, key: str, entry: Entry, ttl: float) -> None:
        self.redis.set(f"{self.prefix}page:{key}", entry.dumps(), px=max(1, int(ttl * 1000)))

    def clear(self) -> None:
        keys = list(self.redis.scan_iter(f"{self.prefix}*", count=500))
        if keys:
            self.redis.delete(*keys)

    def ping(self) -> bool:
        try:
            return bool(self.redis.ping())
        except self.errors:
            return False


def make_backend(config) -> MemoryBackend | RedisBackend:
    url = config.get("ENGAGE_REDIS_URL")
    return RedisBackend(url) if url else MemoryBackend()
