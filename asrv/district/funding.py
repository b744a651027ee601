"""The special subsidy pool shared by results (篇2 四(二)): exact to the fen, adding up to the pool.

Each school's weight is its participants × the coefficient of its band; the pool is split in
proportion, each share rounded down to the fen, and the fen left over go one each to the largest
remainders (ties: in ranking order), so three equal schools share 100.00 as 33.34, 33.33, 33.33.
"""
from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal


def allot(pool_fen: int, weights: list[Decimal]) -> list[int]:
    """Shares in fen, in the order of `weights`; all zero when no school has weight."""
    total = sum(weights, Decimal(0))
    if pool_fen <= 0 or total <= 0:
        return [0] * len(weights)
    exact = [Decimal(pool_fen) * w / total for w in weights]
    shares = [int(x.to_integral_value(ROUND_FLOOR)) for x in exact]
    left = pool_fen - sum(shares)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[:left]:
        shares[i] += 1
    return shares
