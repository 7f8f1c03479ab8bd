#!/usr/bin/env python3
"""The reference MLP VAE (784-400-20, ReLU, Bernoulli, dynamic binarization, Adam 1e-3) in PyTorch,
written as PyTorch's examples/vae writes it, on the same Fashion-MNIST files: the peer `bench/run
performance` measures the toolkit against. Prints one JSON line per epoch and a final summary line."""
import argparse, gzip, json, os, struct, time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


class VAE(nn.Module):
    def __init__(self, d=784, h=400, z=20):
        super().__init__()
        self.fc1, self.fc21, self.fc22 = nn.Linear(d, h), nn.Linear(h, z), nn.Linear(h, z)
        self.fc3, self.fc4 = nn.Linear(z, h), nn.Linear(h, d)

    def forward(self, x):
        h = F.relu(self.fc1(x))
        mu, logvar = self.fc21(h), self.fc22(h)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        return self.fc4(F.relu(self.fc3(z))), mu, logvar


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    path = os.path.join(a.data, "train-images-idx3-ubyte.gz")
    if not os.path.exists(path):
        path = path[:-3]
    x = torch.from_numpy(read_idx(path).reshape(-1, 784).astype(np.float32) / 255.0)
    n = x.shape[0]
    model = VAE()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    seconds = []
    for epoch in range(a.epochs):
        start = time.perf_counter()
        total = 0.0
        perm = torch.randperm(n)
        for i in range(0, n, a.batch_size):
            batch = torch.bernoulli(x[perm[i:i + a.batch_size]])
            logits, mu, logvar = model(batch)
            rec = F.binary_cross_entropy_with_logits(logits, batch, reduction="sum")
            kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
            loss = (rec + kl) / batch.shape[0]
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
        seconds.append(time.perf_counter() - start)
        print(json.dumps({"epoch": epoch + 1, "seconds": seconds[-1], "samples_per_second": n / seconds[-1], "loss": total * a.batch_size / n}), flush=True)
    later = seconds[1:] or seconds
    print(json.dumps({"median_seconds": float(np.median(later)), "samples_per_second": n / float(np.median(later)),
                      "torch": torch.__version__, "threads": torch.get_num_threads(), "batch_size": a.batch_size}), flush=True)


if __name__ == "__main__":
    main()
