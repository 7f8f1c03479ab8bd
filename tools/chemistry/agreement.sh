#!/usr/bin/env bash
# Measures how the chemistry checks agree with RDKit, using only ./vae and the committed fixtures
# (made by tests/Vae.Tests/Applications/Chemistry/fixtures/make_fixtures.py with Debian's python3-rdkit).
# Needs Debian's rdkit-data for the last two parts: apt-get install -y rdkit-data
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
fixtures=tests/Vae.Tests/Applications/Chemistry/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== validity: ./vae mol check vs RDKit's MolFromSmiles on $fixtures/validity_rdkit.tsv"
tail -n +2 "$fixtures/validity_rdkit.tsv" | cut -f1 > "$tmp/mixed.smi"
./vae mol check "$tmp/mixed.smi" --json | sed -E 's/.*"valid":(true|false).*/\1/; s/true/1/; s/false/0/' > "$tmp/ours"
tail -n +2 "$fixtures/validity_rdkit.tsv" | cut -f2,3 | paste - "$tmp/ours" | awk -F'\t' '
  { n[$2]++; t++; if ($1 == $3) { a[$2]++; at++ } if ($1 == 0) { ni[$2]++; if ($3 == 0) ai[$2]++ } }
  END {
    for (k in n) printf "  %-9s %5d strings, agreement %6.2f%% (RDKit-invalid: %d, of which we reject %d)\n", k, n[k], 100 * a[k] / n[k], ni[k], ai[k]
    printf "  all       %5d strings, agreement %6.2f%%\n", t, 100 * at / t }'
tail -n +2 "$fixtures/validity_rdkit.tsv" | cut -f1,2 | paste - "$tmp/ours" | awk -F'\t' '$2 != $3 { print "  disagree: " $1 " (RDKit " $2 ", ours " $3 ")" }'

echo "== TPSA: ./vae mol props vs RDKit's CalcTPSA on $fixtures/tpsa_rdkit.tsv"
tail -n +2 "$fixtures/tpsa_rdkit.tsv" | cut -f1 > "$tmp/tpsa.smi"
./vae mol props "$tmp/tpsa.smi" | tail -n +2 | cut -f5 > "$tmp/ours_tpsa"
tail -n +2 "$fixtures/tpsa_rdkit.tsv" | cut -f2 | paste - "$tmp/ours_tpsa" | awk -F'\t' '
  { d = $1 - $2; if (d < 0) d = -d; if (d < 0.011) a++; n++ } END { printf "  %d of %d within 0.01 A^2 (%.2f%%)\n", a, n, 100 * a / n }'

nci=/usr/share/RDKit/Data/NCI
if [[ -f $nci/first_5k.tpsa.csv ]]; then
  echo "== TPSA: ./vae mol props vs the published values in $nci/first_5k.tpsa.csv (Daylight + Ertl's tpsa.c)"
  ./vae mol props "$nci/first_5k.tpsa.csv" | tail -n +2 | cut -f2,5 > "$tmp/ours_nci"
  grep -v '^#' "$nci/first_5k.tpsa.csv" | awk -F, '{ print $NF }' | paste "$tmp/ours_nci" - | awk -F'\t' '
    $1 == 1 { v++; d = $2 - $3; if (d < 0) d = -d; if (d < 0.011) a++ } END { printf "  %d of %d valid molecules within 0.01 A^2 (%.2f%%); %d of %d molecules valid\n", a, v, 100 * a / v, v, NR }'
  echo "== validity on the default files (RDKit rejects the $(($(wc -l < "$fixtures/default_invalid_rdkit.tsv") - 1)) listed in $fixtures/default_invalid_rdkit.tsv)"
  for f in $nci/first_5K.smi /usr/share/RDKit/Data/Pains/test_data/wehi_mols.csv /usr/share/RDKit/Contrib/FreeWilson/data/CHEMBL2321810.smi; do
    printf "  %s: " "$f"; ./vae mol check "$f" | tail -n 1
  done
else
  echo "(rdkit-data is not installed: skipped the comparisons on the default files)"
fi
