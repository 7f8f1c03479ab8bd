#!/usr/bin/python3
"""Compares `vae mol props` with RDKit (Debian python3-rdkit) on a file of SMILES, one per line.

    ./vae mol props FILE > ours.tsv
    /usr/bin/python3 tools/chemistry/compare_rdkit.py FILE ours.tsv

Prints the agreement of the validity verdicts, of heavy-atom and ring counts, of TPSA (within
0.01 Å²), of Wildman-Crippen logP (Crippen.MolLogP, within 0.0005) and of the canonical forms (two spellings are one molecule for us exactly when they are
for RDKit), then lists up to 20 disagreements of each kind.
"""
import contextlib, io, sys
from rdkit import Chem, rdBase
from rdkit.Chem import Crippen, rdMolDescriptors

rdBase.LogToPythonStderr()
smiles_file, ours_file = sys.argv[1], sys.argv[2]
smiles = [l.split()[0] for l in open(smiles_file) if l.strip()]
lines = [l.rstrip("\n").split("\t") for l in open(ours_file)]
col = {name: i for i, name in enumerate(lines[0])}
ours = lines[1:]
assert len(ours) == len(smiles), (len(ours), len(smiles))
valid_agree = tpsa_agree = logp_agree = count_agree = both = 0
bad_valid, bad_tpsa, bad_logp, bad_count = [], [], [], []
canon = {}
for s, o in zip(smiles, ours):
    with contextlib.redirect_stderr(io.StringIO()) as err:
        m = Chem.MolFromSmiles(s)
    ov = o[col["valid"]] == "1"
    if ov == (m is not None):
        valid_agree += 1
    else:
        bad_valid.append((s, "rdkit valid" if m else err.getvalue().strip().splitlines()[-1][:90]))
    if m is None or not ov:
        continue
    both += 1
    t = rdMolDescriptors.CalcTPSA(m)
    if abs(t - float(o[col["tpsa"]])) < 0.011:
        tpsa_agree += 1
    else:
        bad_tpsa.append((s, f"rdkit {t:.2f} ours {o[col['tpsa']]}"))
    lp = Crippen.MolLogP(m)
    if abs(lp - float(o[col["logp"]])) < 0.0005:
        logp_agree += 1
    else:
        bad_logp.append((s, f"rdkit {lp:.4f} ours {o[col['logp']]}"))
    heavy, rings = int(o[col["heavy_atoms"]]), int(o[col["rings"]])
    if heavy == m.GetNumHeavyAtoms() and rings == rdMolDescriptors.CalcNumRings(m):
        count_agree += 1
    else:
        bad_count.append((s, f"rdkit {m.GetNumHeavyAtoms()} {rdMolDescriptors.CalcNumRings(m)} ours {heavy} {rings}"))
    canon.setdefault(Chem.MolToSmiles(m, isomericSmiles=False), set()).add(o[col["canonical"]])
n = len(smiles)
print(f"validity agreement: {valid_agree}/{n} = {100 * valid_agree / n:.2f}%")
print(f"TPSA agreement (|diff| < 0.01): {tpsa_agree}/{both} = {100 * tpsa_agree / max(both, 1):.2f}%")
print(f"logP agreement (|diff| < 0.0005): {logp_agree}/{both} = {100 * logp_agree / max(both, 1):.2f}%")
print(f"heavy atoms and rings agreement: {count_agree}/{both}")
split = sum(1 for v in canon.values() if len(v) > 1)
ours_to_rd = {}
for rd, os_ in canon.items():
    for x in os_:
        ours_to_rd.setdefault(x, set()).add(rd)
merged = sum(1 for v in ours_to_rd.values() if len(v) > 1)
print(f"distinct molecules (RDKit canonical, no stereo): {len(canon)}; split by our form: {split}; merged by our form: {merged}")
for title, rows in (("validity", bad_valid), ("tpsa", bad_tpsa), ("logp", bad_logp), ("counts", bad_count)):
    for s, why in rows[:20]:
        print(f"  {title}: {s}  {why}")
