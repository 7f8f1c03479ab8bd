"""A variational autoencoder exported by `vae export --format pt` (the .NET toolkit), as PyTorch modules.

Generated from runs/torch-fixtures/mlp; the state dict's keys are the toolkit's own, so the weights load as they are.
Network mlp, input 1x1x4 (4 values per example, channel-major), latent 2,
likelihood gaussian-learned.

    import vae_model
    model = vae_model.load("DIR")    # the folder of this file, config.json and model.pt
    mu, logvar = model.encode(x)     # x: float32 [N, 4]
    mean, logvar = model.decode(mu)  # the parameters of p(x|z), [N, 4]

Needs only torch (.safetensors files are read by read_safetensors below).
"""
import ctypes
import json
import math
import os
import struct

import torch
import torch.nn.functional as F
from torch import nn

INPUT_SHAPE = (1, 1, 4)
LATENT = 2
LIKELIHOOD = "gaussian-learned"
MIN_LOGVAR, MAX_LOGVAR = -30.0, 20.0   # log sigma^2 of q(z|x) is clamped to these
WEIGHTS = "model.pt"


class Mlp(nn.Module):
    """Linear layers and activations in a row (the toolkit's Mlp)."""

    def __init__(self, layers):
        super().__init__()
        self.layers = layers

    def forward(self, x):
        return self.layers(x)


class Encoder(nn.Module):
    """The encoder trunk: x [N, 4] -> features h (the toolkit's Mlp)."""

    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(4, 8),
            nn.Tanh(),
            nn.Linear(8, 6),
            nn.Tanh(),
        )

    def forward(self, x):
        return self.layers(x)


class Decoder(nn.Module):
    """z [N, 2] -> the decoder's output [N, 4] (Gaussian means)."""

    def __init__(self):
        super().__init__()
        self.network = Mlp(nn.Sequential(
            nn.Linear(2, 6),
            nn.Tanh(),
            nn.Linear(6, 8),
            nn.Tanh(),
            nn.Linear(8, 4),
        ))

    def forward(self, z):
        return self.network(z)


class Likelihood(nn.Module):
    """Gaussian p(x|z) = N(mean, sigma^2) with one learned sigma = 0.001 + softplus(rho): the decoder's outputs are the means."""

    def __init__(self):
        super().__init__()
        self.rho = nn.Parameter(torch.zeros(1))

    def forward(self, mean):
        return mean, (2 * torch.log(0.001 + F.softplus(self.rho))).expand_as(mean)


class VAE(nn.Module):
    """Encoder, posterior head, decoder and likelihood, registered in the toolkit's order and under its names."""

    def __init__(self):
        super().__init__()
        self.encoder = Encoder()
        self.head = nn.Linear(6, 4)
        self.decoder = Decoder()
        self.likelihood = Likelihood()

    def encode(self, x):
        """x [N, 4] -> mu, logvar [N, 2]: q(z|x) = N(mu, diag(exp(logvar)))."""
        mu, logvar = self.head(self.encoder(x)).chunk(2, dim=-1)
        return mu, logvar.clamp(MIN_LOGVAR, MAX_LOGVAR)

    def decode(self, z):
        """z [N, 2] -> mean, logvar [N, 4]: the parameters of p(x|z)."""
        return self.likelihood(self.decoder(z))

    def forward(self, x):
        """The parameters of p(x|z) at the posterior mean of x."""
        return self.decode(self.encode(x)[0])


_DTYPES = {
    "F64": torch.float64, "F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16,
    "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8, "U8": torch.uint8, "BOOL": torch.bool,
}


def read_safetensors(path):
    """The tensors of a .safetensors file by name: an 8-byte little-endian header length n, n bytes of JSON
    {name: {"dtype", "shape", "data_offsets": [begin, end]}} (and "__metadata__"), then the tensors' bytes."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise ValueError(f"{path}: {len(data)} bytes, too short for a safetensors file")
    (n,) = struct.unpack("<Q", data[:8])
    if n > len(data) - 8:
        raise ValueError(f"{path}: the header length {n} runs past the end of the file ({len(data)} bytes)")
    header = json.loads(data[8:8 + n].decode("utf-8"))
    body = memoryview(data)[8 + n:]
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        dtype = _DTYPES[entry["dtype"]]
        begin, end = entry["data_offsets"]
        if not 0 <= begin <= end <= len(body):
            raise ValueError(f"{path}: tensor {name!r} has data_offsets [{begin}, {end}] outside the {len(body)} bytes of data")
        values = torch.frombuffer(bytearray(body[begin:end]), dtype=dtype) if end > begin else torch.empty(0, dtype=dtype)
        tensors[name] = values.reshape(entry["shape"])
    return tensors


def write_safetensors(tensors, path):
    """Writes tensors (a state dict) as .safetensors, for `vae import` (the header padded to 8 bytes, as the safetensors package does)."""
    names = {dtype: name for name, dtype in _DTYPES.items()}
    header, chunks, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name, t in tensors.items():
        t = t.detach().cpu().contiguous()
        size = t.numel() * t.element_size()
        header[name] = {"dtype": names[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + size]}
        chunks.append(ctypes.string_at(t.data_ptr(), size) if size else b"")
        offset += size
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for chunk in chunks:
            f.write(chunk)
    os.replace(tmp, path)


def load(directory=None, weights=None):
    """The model with its weights loaded, in eval mode. directory: the folder of config.json and the weights (default:
    this file's folder); weights: a state dict file to load instead (.safetensors, or .pt/.pth written by torch.save)."""
    directory = directory or os.path.dirname(os.path.abspath(__file__))
    if weights is None:
        name = WEIGHTS
        config = os.path.join(directory, "config.json")
        if os.path.exists(config):
            with open(config, encoding="utf-8") as f:
                name = json.load(f).get("weights", WEIGHTS)
        weights = os.path.join(directory, name)
    if weights.endswith(".safetensors"):
        state = read_safetensors(weights)
    else:
        try:
            state = torch.load(weights, map_location="cpu", weights_only=True)
        except TypeError:   # torch before 1.13 has no weights_only
            state = torch.load(weights, map_location="cpu")
    model = VAE()
    model.load_state_dict(state)   # strict: every key present, none extra, every shape the same
    return model.eval()


if __name__ == "__main__":
    import sys
    m = load(sys.argv[1] if len(sys.argv) > 1 else None)
    print(m)
    print(f"{sum(p.numel() for p in m.state_dict().values())} values in {len(m.state_dict())} tensors")
