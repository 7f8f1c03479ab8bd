#!/usr/bin/python3
"""Writes the image-folder fixtures with Debian's python3-pil (PIL 9.4) and records PIL's decoded pixels.

Run once from this folder:  /usr/bin/python3 make_fixtures.py
  formats/       one small 6x5 image per format and mode (PNG L/RGB/RGBA/P, JPEG L/RGB, BMP, GIF, WebP lossless/lossy)
  pixels.txt     PIL's decoded values of each, as Image.open(f).convert('L') and .convert('RGB'):
                 "<file> <L|RGB> <height> <width> v0 v1 ..." (uint8, channel-major C x H x W)
  resize/        two images whose shorter side is resized to N and centre-cropped to N x N
  resized.txt    PIL's result on float images ('F' mode, per channel, Image.BILINEAR = antialiased triangle
                 filter, torchvision's Resize(N) sizes and CenterCrop(N) offsets):
                 "<file> <L|RGB> <N> v0 v1 ..." (float32 in [0, 1], C x N x N, printed with 9 significant digits)
  classes/       a labelled folder (3 classes, one nested subfolder, a non-image file), 28x28 grayscale in several formats
  order.txt      the (file, class index) order of torchvision's ImageFolder: classes sorted by name, files from
                 sorted(os.walk(class folder)), sorted names, image extensions only
"""
import os
import numpy as np
from PIL import Image

rng = np.random.default_rng(19)
here = os.path.dirname(os.path.abspath(__file__))
os.chdir(here)
for d in ["formats", "resize", "classes"]:
    os.makedirs(d, exist_ok=True)

W, H = 6, 5
rgb = rng.integers(0, 256, size=(H, W, 3), dtype=np.uint8)
gray = rng.integers(0, 256, size=(H, W), dtype=np.uint8)
alpha = rng.integers(0, 256, size=(H, W, 1), dtype=np.uint8)
smooth = np.stack(np.meshgrid(np.linspace(20, 230, W), np.linspace(40, 200, H)), -1)
smooth_rgb = np.concatenate([smooth, (smooth[..., :1] + smooth[..., 1:]) / 2], -1).astype(np.uint8)

Image.fromarray(gray, "L").save("formats/gray.png")
Image.fromarray(rgb, "RGB").save("formats/rgb.png")
Image.fromarray(np.concatenate([rgb, alpha], -1), "RGBA").save("formats/rgba.png")
Image.fromarray(rgb, "RGB").quantize(colors=7).save("formats/palette.png")
Image.fromarray(gray, "L").save("formats/gray.jpg", quality=90)
Image.fromarray(smooth_rgb, "RGB").save("formats/rgb.jpg", quality=90)
Image.fromarray(rgb, "RGB").save("formats/rgb.bmp")
Image.fromarray(rgb, "RGB").quantize(colors=11).save("formats/palette.gif")
Image.fromarray(rgb, "RGB").save("formats/lossless.webp", lossless=True)
Image.fromarray(smooth_rgb, "RGB").save("formats/lossy.webp", quality=90)

def channel_major(a):
    return a[None] if a.ndim == 2 else a.transpose(2, 0, 1)

with open("pixels.txt", "w") as out:
    for f in sorted(os.listdir("formats")):
        im = Image.open(os.path.join("formats", f))
        for mode in ["L", "RGB"]:
            a = channel_major(np.asarray(im.convert(mode)))
            out.write(f"{f} {mode} {a.shape[1]} {a.shape[2]} " + " ".join(str(int(v)) for v in a.ravel()) + "\n")

Image.fromarray(rng.integers(0, 256, size=(9, 13, 3), dtype=np.uint8), "RGB").save("resize/wide.png")   # 13 wide, 9 high
Image.fromarray(rng.integers(0, 256, size=(17, 8), dtype=np.uint8), "L").save("resize/tall.png")       # 8 wide, 17 high

def resize_crop(im, n):
    """torchvision Resize(n) then CenterCrop(n), on a float image per channel."""
    w, h = im.size
    if w <= h:
        ow, oh = n, int(n * h / w)
    else:
        ow, oh = int(n * w / h), n
    f = Image.fromarray(np.asarray(im, dtype=np.float32) / np.float32(255), "F")
    r = f.resize((ow, oh), Image.BILINEAR) if (ow, oh) != (w, h) else f
    top, left = int(round((oh - n) / 2.0)), int(round((ow - n) / 2.0))
    return np.asarray(r.crop((left, top, left + n, top + n)), dtype=np.float32)

with open("resized.txt", "w") as out:
    for f in sorted(os.listdir("resize")):
        im = Image.open(os.path.join("resize", f))
        for mode in ["L", "RGB"]:
            for n in [4, 5, 8, 12]:
                chans = [resize_crop(c, n) for c in im.convert(mode).split()]
                a = np.stack(chans)
                out.write(f"{f} {mode} {n} " + " ".join(f"{v:.9g}" for v in a.ravel()) + "\n")

# A labelled folder: class = a bright square in one of three places, 28x28, mixed formats, one nested folder.
def square(label, k):
    a = rng.integers(0, 40, size=(28, 28)).astype(np.uint8)
    x0, y0 = 3 + 7 * label + k % 3, 4 + 6 * label + k % 2
    a[y0:y0 + 9, x0:x0 + 9] = 200 + rng.integers(0, 55, size=(9, 9))
    return Image.fromarray(a, "L")

classes = {"ankle-boot": ["png", "png", "jpg", "bmp", "gif", "webp", "png", "png"],
           "bag": ["png", "jpg", "png", "png", "webp", "png", "bmp", "png"],
           "Coat": ["png", "png", "png", "gif", "png", "jpeg", "png", "PNG"]}
for label, (name, exts) in enumerate(sorted(classes.items())):
    for k, ext in enumerate(exts):
        sub = os.path.join("classes", name, "more") if k >= 6 else os.path.join("classes", name)
        os.makedirs(sub, exist_ok=True)
        im = square(label, k)
        path = os.path.join(sub, f"img{k:02d}.{ext}")
        if ext.lower() in ("jpg", "jpeg"):
            im.save(path, format="JPEG", quality=95)
        elif ext == "webp":
            im.save(path, format="WEBP", lossless=True)
        else:
            im.save(path, format={"png": "PNG", "bmp": "BMP", "gif": "GIF"}[ext.lower()])
with open(os.path.join("classes", "bag", "notes.txt"), "w") as f:
    f.write("not an image\n")

EXT = (".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif", ".tiff", ".webp", ".gif")
names = sorted(e.name for e in os.scandir("classes") if e.is_dir())
with open("order.txt", "w") as out:
    for idx, name in enumerate(names):
        for root, _, files in sorted(os.walk(os.path.join("classes", name))):
            for f in sorted(files):
                if f.lower().endswith(EXT):
                    out.write(f"{os.path.relpath(os.path.join(root, f), 'classes')} {idx}\n")
