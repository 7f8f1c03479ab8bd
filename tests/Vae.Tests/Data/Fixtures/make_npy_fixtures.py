#!/usr/bin/python3
"""Writes the NumPy fixtures of NumPyReaderTests ONCE with Debian's python3-numpy (1.24):
np.save / np.lib.format.write_array (header versions 1.0, 2.0, 3.0), np.savez, np.savez_compressed,
in every dtype the reader accepts, both byte orders and both memory orders.

    apt-get install -y python3-numpy && cd tests/Vae.Tests/Data/Fixtures && /usr/bin/python3 make_npy_fixtures.py

Beside each array, <file>[.<array>].expected.txt holds what numpy says the values are: the shape on
the first line, then the values in C (row-major) order, as float32 ("%.9g"), one per line."""
import numpy as np

rng = np.random.default_rng(7)

def expected(name, a):
    with open(name + ".expected.txt", "w") as f:
        f.write(" ".join(str(d) for d in a.shape) + "\n")
        for v in np.ascontiguousarray(a).astype(np.float32).ravel(order="C"):
            f.write("%.9g\n" % v)

def matrix(dtype):
    dt = np.dtype(dtype)
    if dt.kind == "b":
        return rng.integers(0, 2, size=(5, 3)).astype(dt)
    if dt.kind in "iu":
        info = np.iinfo(dt)
        a = rng.integers(max(info.min, -1000), min(info.max, 1000), size=(5, 3), endpoint=True).astype(dt)
        a[0, 0], a[0, 1] = info.min, info.max      # the extremes of the type
        return a
    a = (rng.standard_normal((5, 3)) * 100).astype(dt)
    a[0, 0] = np.finfo(np.float32).max if dt.itemsize >= 4 else 65504   # the largest float32 (or float16)
    return a

# Every dtype, little- and big-endian, C order, header version 1.0.
for code in ["f2", "f4", "f8", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8"]:
    for order in "<>":
        if code in ("i1", "u1") and order == ">":
            continue                              # one byte: numpy writes '|i1' either way
        a = matrix(order + code)
        name = f"m_{'le' if order == '<' else 'be'}_{code}"
        np.save(name + ".npy", a)
        expected(name, a)
a = matrix("?")
np.save("m_bool.npy", a)                          # '|b1'
expected("m_bool", a)

# Fortran order (a 2-D and a 3-D array) and header versions 2.0 and 3.0.
f = np.asfortranarray(matrix("<f8"))
np.save("fortran2d.npy", f)
expected("fortran2d", f)
f3 = np.asfortranarray(np.arange(4 * 3 * 2, dtype="<i4").reshape(4, 3, 2))
np.save("fortran3d.npy", f3)
expected("fortran3d", f3)
for version in [(2, 0), (3, 0)]:
    a = matrix("<f4")
    name = f"v{version[0]}"
    with open(name + ".npy", "wb") as fh:
        np.lib.format.write_array(fh, a, version=version)
    expected(name, a)

# Images: N x H x W (uint8) and N x C x H x W (float32).
img = rng.integers(0, 256, size=(6, 4, 5)).astype(np.uint8)
np.save("images_nhw.npy", img)
expected("images_nhw", img)
img4 = rng.random((6, 3, 4, 5)).astype(np.float32)
np.save("images_nchw.npy", img4)
expected("images_nchw", img4)

# Archives: named arrays, positional ones (arr_0, arr_1), deflated, several candidates, string labels.
x = (rng.standard_normal((20, 4))).astype(np.float32)
y = rng.integers(0, 3, size=20).astype(np.int64)
np.savez("xy.npz", x=x, y=y)
expected("xy.x", x); expected("xy.y", y)
np.savez_compressed("xy_deflated.npz", X=x, labels=y)
np.savez("positional.npz", x, y)
np.savez("ambiguous.npz", a=x, b=y)
np.savez("images.npz", images=img4, y=y[:6])
names = np.array(["cat", "dog", "emu"])[y]
np.savez("string_labels.npz", x=x, y=names)       # '<U3' labels
with open("string_labels.y.txt", "w") as fh:
    fh.write("\n".join(names) + "\n")

# Arrays the reader refuses: complex numbers and Python objects (a pickle).
np.save("complex.npy", np.ones((3, 2), dtype=np.complex64))
np.save("object.npy", np.array([[1, "a"], [2, "b"]], dtype=object), allow_pickle=True)
print("wrote the NumPy fixtures")
