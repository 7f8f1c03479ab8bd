#!/usr/bin/python3
"""Reads TensorBoard event files written by `vae train --tensorboard DIR` with Debian's python3-protobuf
(message classes built at run time from the field numbers of tensorboard/compat/proto/{event,summary,histogram}.proto,
since Debian has no tensorboard package) and checks them against the run's metrics.jsonl:

    /usr/bin/python3 check_events.py TENSORBOARD_DIR MODEL_DIR

Checks every record's TFRecord framing (length, masked CRC-32C of the length and of the data, computed here in
pure Python), parses every Event, compares each scalar with metrics.jsonl (as float32), decodes each image with
PIL, and checks that each histogram's bucket counts add up to its num. Prints a summary; exits 1 on a mismatch.
"""
import glob, io, json, os, struct, sys
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from PIL import Image

F = descriptor_pb2.FieldDescriptorProto

def crc32c_table():
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table

TABLE = crc32c_table()

def crc32c(data):
    c = 0xFFFFFFFF
    for b in data:
        c = TABLE[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF

def masked(data):
    c = crc32c(data)
    return (((c >> 15) | (c << 17)) + 0xA282EAD8) & 0xFFFFFFFF

def messages():
    fd = descriptor_pb2.FileDescriptorProto(name="events_check.proto", package="tensorboard", syntax="proto3")
    def message(name, fields, nested=()):
        m = descriptor_pb2.DescriptorProto(name=name)
        for fname, number, ftype, label, type_name in fields:
            f = m.field.add(name=fname, number=number, type=ftype, label=label)
            if type_name: f.type_name = type_name
        for n in nested: m.nested_type.add().CopyFrom(n)
        return m
    opt, rep = F.LABEL_OPTIONAL, F.LABEL_REPEATED
    histo = message("HistogramProto", [("min", 1, F.TYPE_DOUBLE, opt, None), ("max", 2, F.TYPE_DOUBLE, opt, None),
        ("num", 3, F.TYPE_DOUBLE, opt, None), ("sum", 4, F.TYPE_DOUBLE, opt, None), ("sum_squares", 5, F.TYPE_DOUBLE, opt, None),
        ("bucket_limit", 6, F.TYPE_DOUBLE, rep, None), ("bucket", 7, F.TYPE_DOUBLE, rep, None)])
    image = message("Image", [("height", 1, F.TYPE_INT32, opt, None), ("width", 2, F.TYPE_INT32, opt, None),
        ("colorspace", 3, F.TYPE_INT32, opt, None), ("encoded_image_string", 4, F.TYPE_BYTES, opt, None)])
    value = message("Value", [("tag", 1, F.TYPE_STRING, opt, None), ("simple_value", 2, F.TYPE_FLOAT, opt, None),
        ("image", 4, F.TYPE_MESSAGE, opt, ".tensorboard.Summary.Image"), ("histo", 5, F.TYPE_MESSAGE, opt, ".tensorboard.HistogramProto")])
    summary = message("Summary", [("value", 1, F.TYPE_MESSAGE, rep, ".tensorboard.Summary.Value")], [image, value])
    session = message("SessionLog", [("status", 1, F.TYPE_INT32, opt, None), ("checkpoint_path", 2, F.TYPE_STRING, opt, None), ("msg", 3, F.TYPE_STRING, opt, None)])
    event = message("Event", [("wall_time", 1, F.TYPE_DOUBLE, opt, None), ("step", 2, F.TYPE_INT64, opt, None),
        ("file_version", 3, F.TYPE_STRING, opt, None), ("summary", 5, F.TYPE_MESSAGE, opt, ".tensorboard.Summary"),
        ("session_log", 7, F.TYPE_MESSAGE, opt, ".tensorboard.SessionLog")])
    for m in (histo, summary, session, event): fd.message_type.add().CopyFrom(m)
    pool = descriptor_pool.DescriptorPool()
    pool.Add(fd)
    factory = message_factory.MessageFactory(pool)
    return factory.GetPrototype(pool.FindMessageTypeByName("tensorboard.Event"))

def records(path):
    data = open(path, "rb").read()
    at = 0
    while at < len(data):
        header = data[at:at + 8]
        (length,) = struct.unpack("<Q", header)
        (length_crc,) = struct.unpack("<I", data[at + 8:at + 12])
        assert masked(header) == length_crc, f"{path}: bad length CRC at byte {at}"
        body = data[at + 12:at + 12 + length]
        (body_crc,) = struct.unpack("<I", data[at + 12 + length:at + 16 + length])
        assert masked(body) == body_crc, f"{path}: bad data CRC at byte {at}"
        yield body
        at += 16 + length

TAGS = {"train_loss": "train/loss", "train_elbo": "train/elbo", "train_reconstruction": "train/reconstruction", "train_kl": "train/kl",
        "val_elbo": "val/elbo", "val_reconstruction": "val/reconstruction", "val_kl": "val/kl", "learning_rate": "optimizer/learning_rate",
        "kl_weight": "optimizer/kl_weight", "skipped_steps": "progress/skipped_steps", "samples_per_second": "speed/samples_per_second",
        "seconds": "speed/epoch_seconds", "epoch": "progress/epoch"}

def main(tb_dir, model_dir):
    Event = messages()
    scalars, images, histograms, starts, count = {}, 0, 0, [], 0
    files = sorted(glob.glob(os.path.join(tb_dir, "events.out.tfevents.*")))
    for path in files:
        for i, body in enumerate(records(path)):
            e = Event.FromString(body)
            count += 1
            if i == 0: assert e.file_version == "brain.Event:2", path
            if e.HasField("session_log"): starts.append(e.step)
            for v in e.summary.value:
                if v.HasField("image"):
                    img = Image.open(io.BytesIO(v.image.encoded_image_string))
                    img.load()
                    assert (img.width, img.height) == (v.image.width, v.image.height), v.tag
                    images += 1
                elif v.HasField("histo"):
                    h = v.histo
                    assert abs(sum(h.bucket) - h.num) < 1e-9 and len(h.bucket) == len(h.bucket_limit), v.tag
                    assert h.bucket_limit[-1] == h.max and h.bucket_limit[0] == h.min, v.tag
                    histograms += 1
                else:
                    key = (v.tag, e.step)
                    assert key not in scalars, f"{v.tag} twice at step {e.step}"
                    scalars[key] = v.simple_value
    lines = [json.loads(l) for l in open(os.path.join(model_dir, "metrics.jsonl"))]
    compared = 0
    for m in lines:
        for key, tag in TAGS.items():
            if m.get(key) is None: continue
            got = scalars[(tag, m["step"])]
            want = struct.unpack("<f", struct.pack("<f", m[key]))[0]
            assert got == want, f"{tag} at step {m['step']}: {got} != {want}"
            compared += 1
    print(f"{len(files)} event files, {count} events, CRC-32C of every record checked; session starts at steps {starts}")
    print(f"{compared} scalars equal metrics.jsonl's ({len(lines)} epochs) as float32; {len(scalars)} scalars in all")
    print(f"{images} PNG images decoded by PIL at their stated sizes; {histograms} histograms whose buckets add up to num")
    cost = [(m["epoch"], m["seconds"], scalars.get(("speed/tensorboard_seconds", m["step"]))) for m in lines]
    print("epoch, training seconds, TensorBoard seconds: " + "; ".join(f"{e}, {t:.2f}, {c:.3f}" for e, t, c in cost if c is not None))
    print(f"event files: {sum(os.path.getsize(p) for p in files):,} bytes")

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
