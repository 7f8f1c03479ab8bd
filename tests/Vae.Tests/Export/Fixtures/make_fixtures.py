#!/usr/bin/python3
"""Gives the tiny model exported into DIR (config.json, vae_model.py) PyTorch's own weights and records what PyTorch
computes with them, for PyTorchReferenceTests (run by make.sh, with Debian's python3-torch):

  model.pt           torch.save(model.state_dict()): PyTorch's default initialisation, seeded, and a random likelihood sigma
  model.safetensors  the same state dict through vae_model.write_safetensors (header padded, __metadata__, as safetensors writes)
  expected.json      5 rows x ~ U(0, 2), and encode(x), decode(mu) computed by PyTorch: {"x", "outputs": {"encode.mu": ...}}

usage: /usr/bin/python3 make_fixtures.py DIR
"""
import json
import math
import os
import sys

import torch

out = sys.argv[1]
sys.path.insert(0, out)
import vae_model  # noqa: E402  (the module exported into DIR)

torch.manual_seed(20261205)
model = vae_model.VAE()   # PyTorch's own initialisation of every layer
with torch.no_grad():
    for p in model.likelihood.parameters():
        p.copy_(torch.randn_like(p) * 0.5)
    for b in model.likelihood.buffers():
        b.copy_(torch.rand_like(b) + 0.1)
model.eval()
state = model.state_dict()
torch.save(state, os.path.join(out, "model.pt"))
vae_model.write_safetensors(state, os.path.join(out, "model.safetensors"))
for loaded in (torch.load(os.path.join(out, "model.pt")), vae_model.read_safetensors(os.path.join(out, "model.safetensors"))):
    assert list(loaded) == list(state) and all(torch.equal(loaded[k], state[k]) for k in state)

x = torch.rand(5, math.prod(vae_model.INPUT_SHAPE)) * 2
with torch.no_grad():
    encoded = model.encode(x)
    encoded = encoded if isinstance(encoded, tuple) else (encoded,)
    decoded = model.decode(encoded[0])
encode_names = ["mu", "logvar"] if len(encoded) == 2 else ["z"]
decode_names = ["logits", "probs"] if vae_model.LIKELIHOOD == "bernoulli" else ["mean", "logvar"]
outputs = {f"encode.{n}": t.tolist() for n, t in zip(encode_names, encoded)}
outputs |= {f"decode.{n}": t.tolist() for n, t in zip(decode_names, decoded)}
with open(os.path.join(out, "expected.json"), "w", encoding="utf-8") as f:
    json.dump({"torch": torch.__version__, "x": x.tolist(), "outputs": outputs}, f)
print(f"{out}: {len(state)} tensors, {sum(t.numel() for t in state.values())} values; torch {torch.__version__}")
