#!/usr/bin/python3
"""Writes a large synthetic single-cell AnnData file for the h5ad streaming benchmark (bench/run h5ad),
chunk by chunk so that memory stays small: X as CSR float32 counts (cells x genes, about 9% non-zero,
like real 10x data restricted to 2,000 genes), obs with cell_type (10 types) and batch (2) as categoricals,
var names. The layout is anndata's (encoding-type attributes; X's datasets are chunked so they can grow);
at the end the file is opened with anndata.read_h5ad(backed='r') as a check.

usage: /usr/bin/python3 make_h5ad.py OUT.h5ad [--cells 1000000] [--genes 2000] [--seed 0]
Needs Debian's python3-anndata, python3-h5py, python3-numpy.
"""
import argparse
import h5py
import numpy as np

p = argparse.ArgumentParser()
p.add_argument("out")
p.add_argument("--cells", type=int, default=1_000_000)
p.add_argument("--genes", type=int, default=2000)
p.add_argument("--seed", type=int, default=0)
a = p.parse_args()
rng = np.random.default_rng(a.seed)
n, g, types, chunk = a.cells, a.genes, 10, 20_000

base = rng.gamma(0.25, 0.4, size=g)                                  # most genes low, a few high
profiles = base * rng.lognormal(0, 0.8, size=(types, g))             # per cell type
batch_effect = rng.lognormal(0, 0.2, size=(2, g))
cell_type = rng.integers(0, types, size=n).astype(np.int8)
batch = (rng.random(n) < 0.5).astype(np.int8)

str_dt = h5py.string_dtype("utf-8")


def enc(obj, kind, version):
    obj.attrs["encoding-type"] = kind
    obj.attrs["encoding-version"] = version
    return obj


with h5py.File(a.out, "w") as f:
    enc(f, "anndata", "0.1.0")
    X = enc(f.create_group("X"), "csr_matrix", "0.1.0")
    X.attrs["shape"] = np.array([n, g], dtype=np.int64)
    data = X.create_dataset("data", shape=(0,), maxshape=(None,), dtype=np.float32, chunks=(1 << 20,))
    indices = X.create_dataset("indices", shape=(0,), maxshape=(None,), dtype=np.int32, chunks=(1 << 20,))
    indptr = np.zeros(n + 1, dtype=np.int64)
    for s in range(0, n, chunk):
        e = min(n, s + chunk)
        lib = rng.lognormal(0, 0.35, size=(e - s, 1)).astype(np.float32)
        mu = profiles[cell_type[s:e]] * batch_effect[batch[s:e]] * lib
        counts = rng.poisson(mu).astype(np.float32)
        rows, cols = np.nonzero(counts)
        at = data.shape[0]
        data.resize((at + len(rows),))
        indices.resize((at + len(rows),))
        data[at:] = counts[rows, cols]
        indices[at:] = cols.astype(np.int32)
        indptr[s + 1:e + 1] = at + np.cumsum(np.bincount(rows, minlength=e - s))
    X.create_dataset("indptr", data=indptr)

    obs = enc(f.create_group("obs"), "dataframe", "0.2.0")
    obs.attrs["_index"] = "_index"
    obs.attrs["column-order"] = np.array(["cell_type", "batch"], dtype=object)
    enc(obs.create_dataset("_index", data=np.array([f"cell{i}" for i in range(n)], dtype=object), dtype=str_dt), "string-array", "0.2.0")
    for name, codes, cats in (("cell_type", cell_type, [f"type{t}" for t in range(types)]), ("batch", batch, ["b0", "b1"])):
        grp = enc(obs.create_group(name), "categorical", "0.2.0")
        grp.attrs["ordered"] = False
        enc(grp.create_dataset("categories", data=np.array(cats, dtype=object), dtype=str_dt), "string-array", "0.2.0")
        enc(grp.create_dataset("codes", data=codes), "array", "0.2.0")
    var = enc(f.create_group("var"), "dataframe", "0.2.0")
    var.attrs["_index"] = "_index"
    var.attrs["column-order"] = np.array([], dtype=np.float64)   # what anndata writes for no columns
    enc(var.create_dataset("_index", data=np.array([f"gene{j}" for j in range(g)], dtype=object), dtype=str_dt), "string-array", "0.2.0")
    for name in ("obsm", "varm", "obsp", "varp", "layers", "uns"):
        enc(f.create_group(name), "dict", "0.1.0")

import anndata  # noqa: E402  (the check, after the file is closed)
ad = anndata.read_h5ad(a.out, backed="r")
nnz = int(indptr[-1])
print(f"wrote {a.out}: {ad.n_obs:,} cells x {ad.n_vars:,} genes, {nnz:,} non-zeros ({nnz / (n * g):.1%}), "
      f"obs {list(ad.obs.columns)}; anndata {anndata.__version__} opens it")
