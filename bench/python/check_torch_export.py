#!/usr/bin/python3
"""Checks a PyTorch export of the toolkit (`vae export --format safetensors|pt`) with PyTorch itself (Debian's
python3-torch): imports the generated vae_model.py, loads the weights with its load(dir), runs encode(x) and decode(mu)
on the inputs in REFERENCE.json, and compares every output with the values the toolkit computed for the same inputs
(`bench/run torch-export` writes REFERENCE.json: {"x": [[...]], "outputs": {"encode.mu": [[...]], ..., "decode.probs": ...}}).

usage: /usr/bin/python3 bench/python/check_torch_export.py EXPORT_DIR REFERENCE.json
Prints one line per output and a last line with the largest difference; exit code 1 when it is above 1e-5.
"""
import importlib.util
import json
import sys

import torch

export, reference = sys.argv[1:3]
spec = importlib.util.spec_from_file_location("vae_model", f"{export}/vae_model.py")
vae_model = importlib.util.module_from_spec(spec)
spec.loader.exec_module(vae_model)
model = vae_model.load(export)
with open(reference, encoding="utf-8") as f:
    ref = json.load(f)
x = torch.tensor(ref["x"], dtype=torch.float32)
with torch.no_grad():
    encoded = model.encode(x)
    encoded = encoded if isinstance(encoded, tuple) else (encoded,)
    decoded = model.decode(encoded[0])
names = list(ref["outputs"])
ours = dict(zip([n for n in names if n.startswith("encode.")], encoded)) | dict(zip([n for n in names if n.startswith("decode.")], decoded))
worst = 0.0
for name in names:
    expected = torch.tensor(ref["outputs"][name], dtype=torch.float32)
    assert ours[name].shape == expected.shape, f"{name}: shape {tuple(ours[name].shape)}, expected {tuple(expected.shape)}"
    diff = (ours[name] - expected).abs().max().item()
    worst = max(worst, diff)
    print(f"{name}: max |PyTorch - TorchSharp| = {diff:.3g}")
print(f"{export}: torch {torch.__version__}, {x.shape[0]} rows: max abs difference {worst:.3g}")
sys.exit(0 if worst <= 1e-5 else 1)
