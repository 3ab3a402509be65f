#!/usr/bin/env python3
"""Provenance of tests/golden_book_figure.rs.

The book's figure (Deep Learning from Scratch, ch. 6, optimizer_compare_naive.py):
f(x, y) = x**2/20 + y**2, start (-7, 2), 30 iterations recording the position
*before* each update, with the book's update rules (common/optimizer.py) written
out here in plain Python floats (IEEE f64, the same operations in the same order).

Run: python3 scripts/golden-optimizers.py  > prints the Rust arrays.
"""
import math


def grad(x, y):
    return x / 10.0, 2.0 * y


def sgd(lr):
    def update(p, g, s):
        return [p[i] - lr * g[i] for i in range(2)]
    return update


def momentum(lr, alpha=0.9):
    def update(p, g, s):
        v = s.setdefault("v", [0.0, 0.0])
        for i in range(2):
            v[i] = alpha * v[i] - lr * g[i]
        return [p[i] + v[i] for i in range(2)]
    return update


def adagrad(lr):
    def update(p, g, s):
        h = s.setdefault("h", [0.0, 0.0])
        out = list(p)
        for i in range(2):
            h[i] += g[i] * g[i]
            out[i] -= lr * g[i] / (math.sqrt(h[i]) + 1e-7)
        return out
    return update


def adam(lr, beta1=0.9, beta2=0.999):
    def update(p, g, s):
        m = s.setdefault("m", [0.0, 0.0])
        v = s.setdefault("v", [0.0, 0.0])
        s["iter"] = s.get("iter", 0) + 1
        t = s["iter"]
        lr_t = lr * math.sqrt(1.0 - beta2 ** t) / (1.0 - beta1 ** t)
        out = list(p)
        for i in range(2):
            m[i] += (1 - beta1) * (g[i] - m[i])
            v[i] += (1 - beta2) * (g[i] ** 2 - v[i])
            out[i] -= lr_t * m[i] / (math.sqrt(v[i]) + 1e-7)
        return out
    return update


RUNS = [("SGD", sgd(0.95)), ("MOMENTUM", momentum(0.1)), ("ADAGRAD", adagrad(1.5)), ("ADAM", adam(0.3))]

for name, update in RUNS:
    p, state, points = [-7.0, 2.0], {}, []
    for _ in range(30):
        points.append(tuple(p))
        p = update(p, grad(*p), state)
    print(f"const {name}: [[f64; 2]; 30] = [")
    for x, y in points:
        print(f"    [{x!r}, {y!r}],")
    print("];")
