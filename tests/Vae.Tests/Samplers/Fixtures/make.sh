#!/usr/bin/env bash
# Regenerates the fixtures of the sampler tests (needs python3-sklearn: apt-get install python3-sklearn).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
/usr/bin/python3 make_gmm.py > gmm.json
