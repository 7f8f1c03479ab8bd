#!/usr/bin/env bash
# Regenerates the PyTorch fixtures of PyTorchReferenceTests (needs Debian's python3-torch: apt-get install python3-torch).
# Two tiny models are trained for one epoch on the repository's own data fixtures and exported (config.json and
# vae_model.py); make_fixtures.py then gives each PyTorch's own weights, saved by torch.save (model.pt) and by
# vae_model.write_safetensors (model.safetensors), and records what PyTorch computes with them (expected.json).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/../../../.."
runs=runs/torch-fixtures
rm -rf "$runs"
./vae train --data npy:tests/Vae.Tests/Data/Fixtures/xy_deflated.npz --hidden 8,6 --activation tanh --latent 2 \
  --likelihood gaussian-learned --val-size 2 --batch-size 8 --epochs 1 --out "$runs/mlp"
./vae train --data images:tests/Vae.Tests/Data/Images/Fixtures/classes --image-size 8 --image-channels 1 --image-cache "$runs/cache" \
  --model conv --channels 4 --hidden 8 --latent 2 --val-size 4 --batch-size 8 --epochs 1 --out "$runs/conv"
for m in mlp conv; do
  rm -rf "$here/torch-$m"
  ./vae export "$runs/$m" --format pt --out "$here/torch-$m"
  /usr/bin/python3 "$here/make_fixtures.py" "$here/torch-$m"
done
rm -rf "$runs"
