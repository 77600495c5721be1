# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Shares with their 95 % Wilson intervals, for the evaluation scripts."""
import math


def wilson(k, n, z=1.96):
    if n == 0:
        return (float("nan"), float("nan"))
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return max(0.0, c - h), min(1.0, c + h)


def ratio(name, k, n):
    lo, hi = wilson(k, n)
    p = k / n if n else float("nan")
    return f"{name}: {k}/{n} = {p:.2f} (Wilson 95% {lo:.2f}-{hi:.2f})"
