"""Student-proposing deferred acceptance (Gale–Shapley) with capacities, and the cancellation loop.

Every activity ranks students by the same order (priority group, then the lottery). With one
common order the outcome equals serial dictatorship in that order: each student, in turn, gets
the first listed activity that still has a place. It is strategy-proof for families (listing
true preferences is best) and leaves no justified envy.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass


def deferred_acceptance(prefs: list[list[int]], rank: list[int], capacity: list[int],
                        closed: set[int] = frozenset()) -> list[int]:
    """prefs[s]: activities in order of choice; rank[s]: lower goes first. Returns activity or -1."""
    held: list[list[tuple[int, int]]] = [[] for _ in capacity]   # max-heap by rank: (-rank, s)
    nxt = [0] * len(prefs)
    assign = [-1] * len(prefs)
    free = list(range(len(prefs)))
    while free:
        s = free.pop()
        while nxt[s] < len(prefs[s]):
            a = prefs[s][nxt[s]]
            nxt[s] += 1
            if a in closed or capacity[a] <= 0:
                continue
            heap = held[a]
            heapq.heappush(heap, (-rank[s], s))
            if len(heap) <= capacity[a]:
                assign[s] = a
                break
            _, worst = heapq.heappop(heap)  # the last in the order is rejected, maybe s itself
            if worst != s:
                assign[s] = a
                assign[worst] = -1
                free.append(worst)
                break
    return assign


@dataclass
class Outcome:
    assign: list[int]
    cancelled: list[int]          # activities cancelled, in the order they were cancelled
    rounds: int


def with_minimums(prefs: list[list[int]], rank: list[int], capacity: list[int],
                  minimum: list[int]) -> Outcome:
    """Run DA; cancel an activity below its minimum; run again until every open one is viable.

    One activity at a time (the emptiest relative to its minimum), because the students it
    releases may lift another one over its own minimum. Removing an activity never lowers
    another's count (everyone is weakly worse off, so places only fill up), so this ends
    after at most one round per activity and never cancels an activity that a later round
    would have filled.
    """
    closed: set[int] = set()
    order: list[int] = []
    rounds = 0
    while True:
        assign = deferred_acceptance(prefs, rank, capacity, closed)
        rounds += 1
        count = [0] * len(capacity)
        for a in assign:
            if a >= 0:
                count[a] += 1
        under = [a for a in range(len(capacity)) if a not in closed and count[a] < minimum[a]]
        empty = [a for a in under if count[a] == 0]
        if empty:  # cancelling an empty activity changes nobody's place
            closed.update(empty)
            order.extend(empty)
            under = [a for a in under if count[a] > 0]
        if not under:
            return Outcome(assign, order, rounds)
        worst = min(under, key=lambda a: (count[a] / minimum[a], count[a], a))
        closed.add(worst)
        order.append(worst)
