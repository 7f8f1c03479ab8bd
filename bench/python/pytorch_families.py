#!/usr/bin/python3
"""PyTorch peers of the toolkit's model families, for `bench/run families`.

Each peer mirrors a model the toolkit trained: it reads that run's config.json (network, widths, latent size, classes,
likelihood, objective) and the training data the toolkit used (written by `bench/run families-data` as NPY: x
[N, D] float32 and, with a batch covariate, c [N, C]), builds the same modules with PyTorch's default initialisation
(uniform in ±1/sqrt(fan_in) for linear, convolution and GRU weights and biases, N(0, 1) embeddings: the scheme the
toolkit's Nn/ParameterInit copies), and trains them with the same loss, Adam 1e-3 and batch size. Families:

  conv      strided 4x4 convolutions + dense layers, mirror decoder with transposed convolutions, Bernoulli (dynamic binarization)
  mlp       MLP VAE (tanh/relu as configured), Bernoulli; with --iw-samples K the IWAE bound
  hvae      two stochastic layers (q(z1|x) q(z2|z1), p(z2) p(z1|z2) p(x|z1), Monte Carlo KL) as Models/Hierarchical
  pixelcnn  MLP encoder, PixelCNN decoder (masked 7x7 type A, 3x3 type B residual layers, z map added at the input)
  count     NB or ZINB, log1p input, batch one-hot to the decoder, observed library size (float64 log-probs, as the toolkit)
  smiles    1-D convolutional encoder over token embeddings, GRU decoder with z at every step, categorical likelihood
  is        importance-sampled log p(x) at --k samples of a trained MLP or conv model (weights random: speed only)

Prints one JSON line per epoch and a summary line {"samples_per_second": median epoch's (first dropped), "peak_rss_mb":
VmHWM, "profile": ms per phase of a step (with --profile)}.

usage: /usr/bin/python3 bench/python/pytorch_families.py --config RUN/config.json --data PREFIX [--epochs 2] [--batch-size B]
       [--sparse] [--profile STEPS] [--k 5000 --n 100] [--check-conv]
"""
import argparse, json, math, os, time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def peak_rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM"):
                return int(line.split()[1]) / 1024
    return float("nan")


def act(name):
    return {"relu": nn.ReLU(), "tanh": nn.Tanh(), "leaky-relu": nn.LeakyReLU(0.01), "elu": nn.ELU(), "gelu": nn.GELU(),
            "silu": nn.SiLU(), "softplus": nn.Softplus()}[name]


def mlp(inputs, sizes, activation, activate_last=True):
    layers, width = [], inputs
    for i, s in enumerate(sizes):
        layers.append(nn.Linear(width, s))
        if activate_last or i < len(sizes) - 1:
            layers.append(act(activation))
        width = s
    return nn.Sequential(*layers)


def conv_channels(c, h, w, channels):
    stages = 0
    while stages < 4 and h % 2 == 0 and w % 2 == 0 and h // 2 >= 4 and w // 2 >= 4:
        h //= 2; w //= 2; stages += 1
    return channels or {1: [32], 2: [32, 64], 3: [32, 64, 64]}.get(stages, [32, 32, 64, 64]), h, w


class ConvPair(nn.Module):
    """Models/Networks ConvNetwork: Nn/ConvEncoder and Nn/ConvDecoder."""

    def __init__(self, shape, latent, hidden, activation, channels, params_per_value=1):
        super().__init__()
        c, h, w = shape
        channels, oh, ow = conv_channels(c, h, w, channels)
        enc, cin = [], c
        for ch in channels:
            enc += [nn.Conv2d(cin, ch, 4, 2, 1), act(activation)]
            cin = ch
        flat = channels[-1] * oh * ow
        self.shape, self.grid = (-1, c, h, w), (-1, channels[-1], oh, ow)
        self.encoder = nn.Sequential(*enc, nn.Flatten(), mlp(flat, hidden, activation))
        self.features = hidden[-1]
        self.dense = mlp(latent, list(reversed(hidden)) + [flat], activation)
        dec = []
        for i in range(len(channels) - 1, -1, -1):
            out = channels[i - 1] if i > 0 else c * params_per_value
            dec.append(nn.ConvTranspose2d(channels[i], out, 4, 2, 1))
            if i > 0:
                dec.append(act(activation))
        self.deconvs = nn.Sequential(*dec, nn.Flatten())

    def encode(self, x):
        return self.encoder(x.view(self.shape))

    def decode(self, z, x=None):
        return self.deconvs(self.dense(z).view(self.grid))


class MlpPair(nn.Module):
    def __init__(self, inputs, latent, hidden, activation, outputs):
        super().__init__()
        self.encoder = mlp(inputs, hidden, activation)
        self.features = hidden[-1]
        self.decoder = mlp(latent, list(reversed(hidden)) + [outputs], activation, activate_last=False)

    def encode(self, x):
        return self.encoder(x)

    def decode(self, z, x=None):
        return self.decoder(z)


class MaskedConv2d(nn.Conv2d):
    def __init__(self, cin, cout, k, type_a):
        super().__init__(cin, cout, k, padding=k // 2)
        m = torch.ones(1, 1, k, k)
        c = k // 2
        m[:, :, c, (c if type_a else c + 1):] = 0
        m[:, :, c + 1:, :] = 0
        self.register_buffer("mask", m)

    def forward(self, x):
        return F.conv2d(x, self.weight * self.mask, self.bias, padding=self.padding)


class PixelCnnPair(nn.Module):
    """An MLP encoder and Nn/PixelCnnDecoder (z injected at the input)."""

    def __init__(self, shape, latent, hidden, activation, features, layers):
        super().__init__()
        c, h, w = shape
        self.shape, self.f = (c, h, w), features
        self.encoder = mlp(c * h * w, hidden, activation)
        self.features = hidden[-1]
        self.input = MaskedConv2d(c, features, 7, True)
        self.layers = nn.ModuleList([MaskedConv2d(features, features, 3, False) for _ in range(layers)])
        self.output = nn.Conv2d(features, c, 1)
        self.z_map = nn.Linear(latent, features * h * w)

    def encode(self, x):
        return self.encoder(x)

    def decode(self, z, x):
        c, h, w = self.shape
        m = self.z_map(z).view(-1, self.f, h, w)
        hid = F.relu(self.input(x.view(-1, c, h, w)) + m)
        for layer in self.layers:
            hid = hid + F.relu(layer(hid))
        return self.output(hid).flatten(1)


class SmilesPair(nn.Module):
    """Nn/ConvSequenceEncoder and Nn/GruDecoder (teacher forcing, z at every step)."""

    def __init__(self, classes, length, latent, net):
        super().__init__()
        emb, channels, gru_hidden, layers = net["embedding"], net.get("channels") or [64, 64, 64], net["gru_hidden"], net["gru_layers"]
        self.embedding = nn.Embedding(classes, emb)
        self.convs = nn.ModuleList()
        width = emb
        for ch in channels:
            self.convs.append(nn.Conv1d(width, ch, 9, padding=4))
            width = ch
        self.dense = nn.Linear(width * length, net["hidden"][0])
        self.features = net["hidden"][0]
        self.dec_embedding = nn.Embedding(classes, emb)
        self.gru = nn.GRU(emb + latent, gru_hidden, num_layers=layers, batch_first=True)
        self.initial = nn.Linear(latent, layers * gru_hidden)
        self.output = nn.Linear(gru_hidden, classes)
        self.classes, self.layers, self.hidden, self.word_dropout = classes, layers, gru_hidden, net.get("word_dropout", 0)

    def encode(self, x):
        h = self.embedding(x.long()).transpose(1, 2)
        for conv in self.convs:
            h = F.relu(conv(h))
        return F.relu(self.dense(h.flatten(1)))

    def decode(self, z, x):
        ids = x.long()
        b, t = ids.shape
        previous = torch.cat([torch.full((b, 1), 1, dtype=torch.long), ids[:, :t - 1]], 1)
        if self.training and self.word_dropout > 0:
            drop = torch.rand(b, t) < self.word_dropout
            drop[:, 0] = False
            previous = previous.masked_fill(drop, 3)
        steps = torch.cat([self.dec_embedding(previous), z.unsqueeze(1).expand(b, t, z.shape[1])], -1)
        h0 = torch.tanh(self.initial(z)).view(b, self.layers, self.hidden).transpose(0, 1).contiguous()
        states, _ = self.gru(steps, h0)
        return self.output(states).transpose(1, 2).reshape(b, self.classes * t)


class Model(nn.Module):
    """Models/Vae/VaeModel: encoder trunk, head (μ, log σ² clamped to [-30, 20]), decoder, likelihood, prior N(0, I)."""

    def __init__(self, cfg, top=None):
        super().__init__()
        m = cfg["model"]
        net, shape = m["network"], m["input"]
        size = shape["channels"] * shape["height"] * shape["width"]
        d, lik = m["latent"], m["likelihood"].replace("-", "_")
        self.lik, self.d, self.classes, self.log1p = lik, d, m["classes"], m["input_transform"] == "log1p" or (m["input_transform"] == "auto" and lik in ("poisson", "negative_binomial", "zero_inflated_negative_binomial"))
        ppv = {"zero_inflated_negative_binomial": 2, "categorical": m["classes"]}.get(lik, 1)
        dec_in = d + m["conditions"]
        if net["kind"] == "sequence":
            self.pair = SmilesPair(m["classes"], size, dec_in, net)
        elif m.get("pixel_cnn"):
            p = m["pixel_cnn"]
            self.pair = PixelCnnPair((shape["channels"], shape["height"], shape["width"]), dec_in, net["hidden"], net["activation"], p["features"], p["layers"])
        elif net["kind"] == "conv":
            self.pair = ConvPair((shape["channels"], shape["height"], shape["width"]), dec_in, net["hidden"], net["activation"], net.get("channels"), ppv)
        else:
            self.pair = MlpPair(size, dec_in, net["hidden"], net["activation"], size * ppv)
        self.head = nn.Linear(self.pair.features, 2 * d)
        if lik in ("negative_binomial", "zero_inflated_negative_binomial"):
            self.log_theta = nn.Parameter(torch.zeros(size))
        self.top = None
        if top is not None:   # Models/Hierarchical: ConditionalGaussian up (z1 -> q(z2|z1)) and down (z2 -> p(z1|z2))
            t, th, ta = top["top_latent"], top["top_hidden"], top.get("activation", "tanh")
            self.up = nn.Sequential(mlp(d, th, ta), nn.Linear(th[-1], 2 * t))
            self.down = nn.Sequential(mlp(t, list(reversed(th)), ta), nn.Linear(th[0], 2 * d))
            self.top = t

    def posterior(self, x):
        xin = torch.log1p(x) if self.log1p else x
        mu, logvar = self.head(self.pair.encode(xin)).chunk(2, -1)
        return mu, logvar.clamp(-30, 20)

    def log_likelihood(self, x, decoded):
        if self.lik == "bernoulli":
            return -F.binary_cross_entropy_with_logits(decoded, x.expand_as(decoded), reduction="none").sum(-1)
        if self.lik == "categorical":
            lead = decoded.shape[:-1]
            logp = decoded.view(*lead, self.classes, -1).transpose(-1, -2).log_softmax(-1)
            return logp.gather(-1, x.expand(logp.shape[:-1]).long().unsqueeze(-1)).squeeze(-1).sum(-1)
        return count_log_prob(self, x, decoded)


def count_log_prob(model, x, decoded):
    """Distributions/CountLogProbs at log μ = log ℓ + log_softmax(decoder) (observed ℓ), in float64 as the toolkit computes."""
    x64 = x.double()
    mean_logits, zero_logits = (decoded.chunk(2, -1) if model.lik == "zero_inflated_negative_binomial" else (decoded, None))
    log_mu = x64.sum(-1, keepdim=True).clamp_min(1e-12).log() + F.log_softmax(mean_logits.double(), -1)
    log_theta = model.log_theta.double()
    theta = log_theta.exp()
    lt_mu = torch.logaddexp(log_theta, log_mu)
    xlog = torch.where(x64 > 0, x64 * (log_mu - lt_mu), torch.zeros_like(log_mu))
    nb = (x64 + theta).lgamma() - theta.lgamma() - (x64 + 1).lgamma() + theta * (log_theta - lt_mu) + xlog
    if zero_logits is None:
        return nb.sum(-1).to(decoded.dtype)
    zl = zero_logits.double()
    log_not_zero, log_zero = -F.softplus(zl), -F.softplus(-zl)
    at_zero = torch.logaddexp(log_zero, log_not_zero + theta * (log_theta - lt_mu))
    return torch.where(x64 < 0.5, at_zero, log_not_zero + nb).sum(-1).to(decoded.dtype)


def gaussian_log_density(z, mu, logvar):
    return (-0.5 * (math.log(2 * math.pi) + logvar + (z - mu) ** 2 / logvar.exp())).sum(-1)


def loss_of(model, x, c, iw_samples):
    """The objective the toolkit trains: the ELBO (closed-form KL; Monte Carlo with two layers) or the IWAE bound."""
    mu, logvar = model.posterior(x)
    if iw_samples > 1:
        std = (0.5 * logvar).exp()
        z = mu + std * torch.randn(iw_samples, *mu.shape)                  # [K, B, d]
        decoded = model.pair.decode(z.reshape(-1, z.shape[-1]), None).view(iw_samples, x.shape[0], -1)
        log_w = model.log_likelihood(x.unsqueeze(0), decoded) + gaussian_log_density(z, torch.zeros_like(z), torch.zeros_like(z)) - gaussian_log_density(z, mu, logvar)
        return -(torch.logsumexp(log_w, 0) - math.log(iw_samples)).mean()
    z = mu + (0.5 * logvar).exp() * torch.randn_like(mu)
    if model.top is not None:
        tmu, tlv = model.up(z).chunk(2, -1)
        tlv = tlv.clamp(-30, 20)
        z2 = tmu + (0.5 * tlv).exp() * torch.randn_like(tmu)
        dmu, dlv = model.down(z2).chunk(2, -1)
        dlv = dlv.clamp(-30, 20)
        kl = gaussian_log_density(z, mu, logvar) + gaussian_log_density(z2, tmu, tlv) \
            - gaussian_log_density(z2, torch.zeros_like(z2), torch.zeros_like(z2)) - gaussian_log_density(z, dmu, dlv)
    else:
        kl = 0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar).sum(-1)
    zin = torch.cat([z, c], -1) if c is not None else z
    decoded = model.pair.decode(zin, x)
    return (-model.log_likelihood(x, decoded) + kl).mean()


def load_data(prefix, sparse, limit=None):
    """The whole training split in memory (as the toolkit holds it), of which the first `limit` rows are trained on (--train-size)."""
    x = torch.from_numpy(np.load(prefix + ".x.npy"))
    c = torch.from_numpy(np.load(prefix + ".c.npy")) if os.path.exists(prefix + ".c.npy") else None
    if sparse:
        x = x.to_sparse_csr()
    return x, c, (limit or x.shape[0])


def batch_rows(x, idx, sparse):
    if not sparse:
        return x.index_select(0, idx)
    # CSR rows gathered and densified per batch (as an AnnData-backed loader does)
    crow, col, val = x.crow_indices(), x.col_indices(), x.values()
    starts, ends = crow[idx], crow[idx + 1]
    lengths = ends - starts
    rows = torch.repeat_interleave(torch.arange(len(idx)), lengths)
    offsets = torch.repeat_interleave(starts - torch.cumsum(lengths, 0) + lengths, lengths) + torch.arange(int(lengths.sum()))
    out = torch.zeros(len(idx), x.shape[1])
    out[rows, col[offsets]] = val[offsets]
    return out


def train(a, cfg):
    binarize = cfg["data"]["binarize"] == "dynamic"
    x, c, n = load_data(a.data, a.sparse, a.limit)
    top = (cfg["model"].get("posterior_extension") or {}) if (cfg["model"].get("posterior_extension") or {}).get("kind") == "hierarchical" else None
    model = Model(cfg, top)
    fam = cfg.get("objective", {}).get("family") or {}
    iw = fam.get("samples", 1) if fam.get("kind") == "iwae" else 1
    opt = torch.optim.Adam(model.parameters(), lr=cfg["training"]["learning_rate"])
    b = a.batch_size or cfg["training"]["batch_size"]
    seconds, losses = [], []
    phases = np.zeros(6)
    for epoch in range(a.epochs):
        start = time.perf_counter()
        total, perm = 0.0, torch.randperm(n)
        for i in range(0, n, b):
            t0 = time.perf_counter()
            idx = perm[i:i + b]
            xb = batch_rows(x, idx, a.sparse)
            if binarize:
                xb = torch.bernoulli(xb)
            cb = c.index_select(0, idx) if c is not None else None
            t1 = time.perf_counter()
            loss = loss_of(model, xb, cb, iw)
            t2 = time.perf_counter()
            total += loss.item() * xb.shape[0]
            t3 = time.perf_counter()
            opt.zero_grad()
            loss.backward()
            t4 = time.perf_counter()
            gn = torch.nn.utils.clip_grad_norm_(model.parameters(), float("inf"))   # the toolkit's gradient norm and NaN check
            if not torch.isfinite(gn):
                raise SystemExit("non-finite gradient")
            t5 = time.perf_counter()
            opt.step()
            t6 = time.perf_counter()
            if epoch > 0:
                phases += [t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5]
        seconds.append(time.perf_counter() - start)
        losses.append(total / n)
        print(json.dumps({"epoch": epoch + 1, "seconds": seconds[-1], "samples_per_second": n / seconds[-1], "loss": losses[-1]}), flush=True)
    later = seconds[1:] or seconds
    steps = math.ceil(n / b) * max(1, a.epochs - 1)
    names = ["draw the batch (and binarize)", "forward: model and loss", "read the loss", "zero the gradients and backward", "gradient norm and NaN check", "Adam step"]
    print(json.dumps({"samples_per_second": n / float(np.median(later)), "median_seconds": float(np.median(later)), "examples": n, "batch_size": b,
                      "final_loss": losses[-1], "peak_rss_mb": peak_rss_mb(), "torch": torch.__version__, "threads": torch.get_num_threads(),
                      "profile_ms": dict(zip(names, (phases / steps * 1e3).tolist()))}), flush=True)


def importance_sampling(a, cfg):
    """log p(x) ≈ logsumexp_k [log p(x|z_k) + log p(z_k) − log q(z_k|x)] − log K, decoded 16,384 rows at a time."""
    x, _, _ = load_data(a.data, False)
    x = torch.bernoulli(x[:a.n], generator=torch.Generator().manual_seed(1))
    model = Model(cfg).eval()
    rows = max(1, 16384 // 1)
    start = time.perf_counter()
    values = []
    with torch.no_grad():
        for i in range(x.shape[0]):
            xi = x[i:i + 1]
            mu, logvar = model.posterior(xi)
            parts = []
            for s in range(0, a.k, rows):
                k = min(rows, a.k - s)
                z = mu + (0.5 * logvar).exp() * torch.randn(k, mu.shape[1])
                ll = model.log_likelihood(xi, model.pair.decode(z, xi.expand(k, -1)))
                parts.append(ll + gaussian_log_density(z, torch.zeros_like(z), torch.zeros_like(z)) - gaussian_log_density(z, mu, logvar))
            values.append((torch.logsumexp(torch.cat(parts), 0) - math.log(a.k)).item())
    s = time.perf_counter() - start
    print(json.dumps({"samples_per_second": x.shape[0] * a.k / s, "seconds": s, "examples": x.shape[0], "k": a.k, "mean_log_px": float(np.mean(values)),
                      "peak_rss_mb": peak_rss_mb(), "torch": torch.__version__, "threads": torch.get_num_threads()}), flush=True)


def check_conv():
    """PyTorch's float32 convolutions on this CPU (forward, input and weight gradients) against float64 — the shapes the
    conv and PixelCNN families use — to see whether this build has the oneDNN backward-data bug of libtorch 2.10."""
    g = torch.Generator().manual_seed(20261205)
    worst = []
    for cin, cout, k, s, p, hw, tr in [(1, 32, 4, 2, 1, 28, False), (32, 64, 4, 2, 1, 14, False), (64, 32, 4, 2, 1, 7, True), (32, 1, 4, 2, 1, 14, True),
                                        (1, 32, 4, 2, 1, 64, False), (32, 32, 4, 2, 1, 32, False), (64, 64, 4, 2, 1, 4, True), (32, 1, 4, 2, 1, 32, True),
                                        (1, 32, 7, 1, 3, 28, False), (32, 32, 3, 1, 1, 28, False), (1, 8, 3, 1, 1, 6, False), (8, 8, 3, 1, 1, 6, False),
                                        (1, 4, 4, 2, 1, 8, False), (8, 1, 4, 2, 1, 4, True), (3, 4, 4, 2, 1, 8, True)]:
        x = torch.randn(4, cin, hw, hw, generator=g)
        w = torch.randn(*((cin, cout) if tr else (cout, cin)), k, k, generator=g) / math.sqrt(cin * k * k)
        outs = []
        for dt in (torch.float32, torch.float64):
            xv, wv = x.detach().to(dt).clone().requires_grad_(), w.detach().to(dt).clone().requires_grad_()
            y = (F.conv_transpose2d if tr else F.conv2d)(xv, wv, stride=s, padding=p)
            r = torch.randn(y.shape, generator=torch.Generator().manual_seed(7)).to(dt)
            (y * r).sum().backward()
            outs.append((y.detach(), xv.grad, wv.grad))
        diffs = [((a.double() - b).abs().max() / (1 + b.abs().max())).item() for a, b in zip(*outs)]
        nan = any(bool(torch.isnan(t).any()) for t in outs[0])
        worst.append({"config": f"{'transposed ' if tr else ''}{k}x{k} stride {s} {cin}->{cout} on {hw}x{hw}", "output": diffs[0], "input_gradient": diffs[1],
                      "weight_gradient": diffs[2], "nan": nan})
    bad = [w for w in worst if w["nan"] or max(w["output"], w["input_gradient"], w["weight_gradient"]) > 1e-4]
    print(json.dumps({"torch": torch.__version__, "mkldnn": torch.backends.mkldnn.is_available(), "configs": len(worst), "wrong": bad,
                      "worst": max(max(w["output"], w["input_gradient"], w["weight_gradient"]) for w in worst)}), flush=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--config")
    p.add_argument("--data")
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--batch-size", type=int)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--sparse", action="store_true")
    p.add_argument("--limit", type=int, help="train on the first N rows (the toolkit's --train-size)")
    p.add_argument("--is", dest="importance", action="store_true")
    p.add_argument("--k", type=int, default=5000)
    p.add_argument("--n", type=int, default=100)
    p.add_argument("--check-conv", action="store_true")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    if a.check_conv:
        return check_conv()
    with open(a.config, encoding="utf-8") as f:
        cfg = json.load(f)
    return importance_sampling(a, cfg) if a.importance else train(a, cfg)


if __name__ == "__main__":
    main()
