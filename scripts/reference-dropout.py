#!/usr/bin/env python3
"""Provenance of tests/train_outcomes.rs's dropout claims.

The book's overfitting experiment with dropout (Deep Learning from Scratch,
ch. 6, overfit_dropout.py), with the book's own layers (seed 002 of the
lecture: common/layers.py's Dropout, Affine, Relu, SoftmaxWithLoss) written
out in numpy: 784-100x6-10, He initialization (weight_init_std='relu'), SGD
lr 0.01, batch 100, 301 epochs, 300 training digits, dropout ratio 0.2.

The book's Dropout is not inverted: at training time it keeps each unit with
probability 1 - ratio and does not rescale; at test time it multiplies by
(1 - ratio). `--inverted` runs the modern form instead (keep and divide by
1 - ratio at training time; nothing at test time), and `--ratio 0` the plain
network.

The digits are the bundle the page serves (www/data/digits.bin); each seed
takes its own 300 training and 2000 test digits at random.

Run: python3 scripts/reference-dropout.py [--inverted] [--ratio R] [--seeds 5]
Prints the final training and test accuracy per seed, and their mean and
standard deviation. Measured here (numpy 2.4, 5 seeds, book form, ratio 0.2):
see the table in tests/train_outcomes.rs.
"""
import argparse
import struct

import numpy as np


def load(path="www/data/digits.bin"):
    raw = open(path, "rb").read()
    count, rows, cols = struct.unpack_from("<III", raw, 8)
    labels = np.frombuffer(raw, np.uint8, count, 24)
    pixels = np.frombuffer(raw, np.uint8, count * rows * cols, 24 + count)
    return pixels.reshape(count, rows * cols).astype(np.float64) / 255.0, labels


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class Net:
    def __init__(self, rng, ratio, inverted, sizes=(784, 100, 100, 100, 100, 100, 100, 10)):
        self.W = [rng.standard_normal((a, b)) * np.sqrt(2.0 / a) for a, b in zip(sizes, sizes[1:])]
        self.b = [np.zeros(b) for b in sizes[1:]]
        self.ratio, self.inverted, self.rng = ratio, inverted, rng

    def forward(self, x, train):
        self.cache = []
        h = x
        for i, (W, b) in enumerate(zip(self.W, self.b)):
            a = h @ W + b
            if i == len(self.W) - 1:
                self.cache.append((h, None, None))
                return a
            z = np.maximum(a, 0)
            mask = None
            if self.ratio > 0:
                if train:
                    mask = self.rng.random(z.shape) > self.ratio
                    mask = mask / (1 - self.ratio) if self.inverted else mask.astype(np.float64)
                    out = z * mask
                else:
                    out = z if self.inverted else z * (1 - self.ratio)
            else:
                out = z
            self.cache.append((h, a, mask))
            h = out

    def step(self, x, t, lr):
        y = softmax(self.forward(x, True))
        d = (y - t) / len(x)
        for i in reversed(range(len(self.W))):
            h, a, mask = self.cache[i]
            if a is not None:
                if mask is not None:
                    d = d * mask
                d = d * (a > 0)
            dW, db = h.T @ d, d.sum(axis=0)
            d = d @ self.W[i].T
            self.W[i] -= lr * dW
            self.b[i] -= lr * db

    def accuracy(self, x, labels):
        return float((self.forward(x, False).argmax(axis=1) == labels).mean())


def run(seed, ratio, inverted, epochs=301):
    x, labels = load()
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(x))
    train, test = order[:300], order[-2000:]
    t = np.eye(10)[labels]
    net = Net(rng, ratio, inverted)
    for _ in range(epochs):
        for batch in np.array_split(rng.permutation(train), 3):
            net.step(x[batch], t[batch], 0.01)
    return net.accuracy(x[train], labels[train]), net.accuracy(x[test], labels[test])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--inverted", action="store_true")
    p.add_argument("--ratio", type=float, default=0.2)
    p.add_argument("--seeds", type=int, default=5)
    a = p.parse_args()
    results = np.array([run(s, a.ratio, a.inverted) for s in range(a.seeds)])
    for s, (tr, te) in enumerate(results):
        print(f"seed {s}: train {tr:.3f} test {te:.3f} gap {tr - te:.3f}")
    m, sd = results.mean(axis=0), results.std(axis=0)
    gap = results[:, 0] - results[:, 1]
    print(f"mean train {m[0]:.3f} ± {sd[0]:.3f}, test {m[1]:.3f} ± {sd[1]:.3f}, gap {gap.mean():.3f} ± {gap.std():.3f}")


if __name__ == "__main__":
    main()
