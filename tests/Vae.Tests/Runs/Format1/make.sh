#!/usr/bin/env bash
# Made these format-1 model folders once, with the toolkit at commit 07dcb24 (the last to write format 1):
#   git clone <repo> /tmp/baseline && cd /tmp/baseline && git checkout 07dcb24 && bash <this file>
# then copied /tmp/fx/{data.csv,sim} and each model's config.json, model.dat, optimizer.dat, state.json,
# metrics.jsonl here. expected.txt holds what that version printed for each (`vae eval <dir> --k 10 --json --threads 1`,
# `vae mol predict`, and the SHA-256 of model.dat after training the mlp for 3 epochs straight; every command with --threads 1).
set -euo pipefail
mkdir -p /tmp/fx
python3 - <<'PY'
import random
random.seed(7)
with open('/tmp/fx/data.csv', 'w') as f:
    f.write(",".join([f"f{j}" for j in range(12)] + ["label"]) + "\n")
    for i in range(240):
        label = random.randrange(3)
        vals = [min(1, max(0, (0.8 if j // 4 == label else 0.15) + random.gauss(0, 0.1))) for j in range(12)]
        f.write(",".join(f"{v:.4f}" for v in vals) + f",{label}\n")
PY
D="--data csv:/tmp/fx/data.csv --label-column label --hidden 8 --latent 2 --epochs 2 --val-size 40 --batch-size 32"
./vae train $D --out /tmp/fx/mlp
./vae train $D --model ae --out /tmp/fx/ae
./vae train $D --posterior full-covariance --latent 3 --out /tmp/fx/fullcov
./vae train $D --z-injection film --out /tmp/fx/film
./vae sc simulate --cells 150 --genes 60 --out /tmp/fx/sim
./vae train --data 10x:/tmp/fx/sim --metadata /tmp/fx/sim/metadata.csv --likelihood zinb --latent-library --hvg 40 --hidden 8 --latent 2 --epochs 2 --batch-size 32 --out /tmp/fx/sclib
./vae train --data smiles:wehi --model smiles --max-tokens 40 --property tpsa --property-hidden 8 --gru-hidden 16 --embedding 8 --hidden 16 --channels 8,8,8 --latent 2 --epochs 1 --train-size 200 --val-size 50 --out /tmp/fx/smiles
./vae train ${D/--epochs 2/--epochs 3} --threads 1 --out /tmp/fx-mlp3 && sha256sum /tmp/fx-mlp3/model.dat
for m in mlp ae fullcov film sclib smiles; do echo "$m $(./vae eval /tmp/fx/$m --k 10 --json --threads 1)"; done
./vae mol predict /tmp/fx/smiles --json --threads 1
