"""A fixed set of 64-bit token keys with a value each, looked up for a whole array of keys at once.

A direct-mapped hash table: each key has its own slot (the multiplier is chosen when the table is built so
that no two keys share one), so a lookup is one multiply, one shift, one gather and one compare per key:
several times faster than a binary search over a sorted array.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

_MASK = (1 << 64) - 1
SLOTS_PER_KEY = 128  # a sparse table: a multiplier without collisions is then quick to find
TRIES = 64


def _multipliers():
    """A fixed sequence of odd 64-bit multipliers (splitmix64), so the same keys give the same table."""
    state = 0x9E3779B97F4A7C15
    for _ in range(TRIES):
        state = (state + 0x9E3779B97F4A7C15) & _MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        yield (z ^ (z >> 31)) | 1


@dataclass(frozen=True, slots=True)
class KeyTable:
    slots: np.ndarray  # the key stored in each slot (0: empty; token keys are never 0)
    values: np.ndarray
    multiplier: np.uint64
    shift: np.uint64
    default: int

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """The value of each key, ``default`` for keys not in the table."""
        slot = self._slot(keys)
        return np.where(np.take(self.slots, slot) == keys, np.take(self.values, slot), self.default)

    def contains(self, keys: np.ndarray) -> np.ndarray:
        return np.take(self.slots, self._slot(keys)) == keys

    def _slot(self, keys: np.ndarray) -> np.ndarray:
        """The slot of each key, as the index type ``np.take`` uses without converting it again."""
        return ((keys * self.multiplier) >> self.shift).astype(np.intp)


def build_table(items: Mapping[int, int], *, default: int = 0, dtype: type = np.int64) -> KeyTable:
    """A table of ``{key: value}``; raises ValueError if no multiplier separates the keys."""
    bits = max(10, (SLOTS_PER_KEY * max(len(items), 1)).bit_length())
    for multiplier in _multipliers():
        slots = {((key * multiplier) & _MASK) >> (64 - bits): key for key in items}
        if len(slots) == len(items):
            keys = np.zeros(1 << bits, dtype=np.uint64)
            values: np.ndarray = np.full(1 << bits, default, dtype=dtype)
            for slot, key in slots.items():
                keys[slot] = key
                values[slot] = items[key]
            return KeyTable(keys, values, np.uint64(multiplier), np.uint64(64 - bits), default)
    raise ValueError(f"no collision-free table for {len(items)} keys")
