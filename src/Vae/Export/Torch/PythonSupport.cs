namespace Vae.Export.Torch;

/// <summary>
/// The part of vae_model.py that is the same for every model: reading and writing .safetensors with torch alone (no
/// safetensors package), <c>load(directory)</c>, and a summary when the file is run as a script.
/// </summary>
public static class PythonSupport
{
    public const string Loader = """"
        _DTYPES = {
            "F64": torch.float64, "F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16,
            "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8, "U8": torch.uint8, "BOOL": torch.bool,
        }


        def read_safetensors(path):
            """The tensors of a .safetensors file by name: an 8-byte little-endian header length n, n bytes of JSON
            {name: {"dtype", "shape", "data_offsets": [begin, end]}} (and "__metadata__"), then the tensors' bytes."""
            with open(path, "rb") as f:
                data = f.read()
            if len(data) < 8:
                raise ValueError(f"{path}: {len(data)} bytes, too short for a safetensors file")
            (n,) = struct.unpack("<Q", data[:8])
            if n > len(data) - 8:
                raise ValueError(f"{path}: the header length {n} runs past the end of the file ({len(data)} bytes)")
            header = json.loads(data[8:8 + n].decode("utf-8"))
            body = memoryview(data)[8 + n:]
            tensors = {}
            for name, entry in header.items():
                if name == "__metadata__":
                    continue
                dtype = _DTYPES[entry["dtype"]]
                begin, end = entry["data_offsets"]
                if not 0 <= begin <= end <= len(body):
                    raise ValueError(f"{path}: tensor {name!r} has data_offsets [{begin}, {end}] outside the {len(body)} bytes of data")
                values = torch.frombuffer(bytearray(body[begin:end]), dtype=dtype) if end > begin else torch.empty(0, dtype=dtype)
                tensors[name] = values.reshape(entry["shape"])
            return tensors


        def write_safetensors(tensors, path):
            """Writes tensors (a state dict) as .safetensors, for `vae import` (the header padded to 8 bytes, as the safetensors package does)."""
            names = {dtype: name for name, dtype in _DTYPES.items()}
            header, chunks, offset = {"__metadata__": {"format": "pt"}}, [], 0
            for name, t in tensors.items():
                t = t.detach().cpu().contiguous()
                size = t.numel() * t.element_size()
                header[name] = {"dtype": names[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + size]}
                chunks.append(ctypes.string_at(t.data_ptr(), size) if size else b"")
                offset += size
            text = json.dumps(header, separators=(",", ":")).encode("utf-8")
            text += b" " * (-len(text) % 8)
            tmp = f"{path}.tmp-{os.getpid()}"
            with open(tmp, "wb") as f:
                f.write(struct.pack("<Q", len(text)))
                f.write(text)
                for chunk in chunks:
                    f.write(chunk)
            os.replace(tmp, path)


        def load(directory=None, weights=None):
            """The model with its weights loaded, in eval mode. directory: the folder of config.json and the weights (default:
            this file's folder); weights: a state dict file to load instead (.safetensors, or .pt/.pth written by torch.save)."""
            directory = directory or os.path.dirname(os.path.abspath(__file__))
            if weights is None:
                name = WEIGHTS
                config = os.path.join(directory, "config.json")
                if os.path.exists(config):
                    with open(config, encoding="utf-8") as f:
                        name = json.load(f).get("weights", WEIGHTS)
                weights = os.path.join(directory, name)
            if weights.endswith(".safetensors"):
                state = read_safetensors(weights)
            else:
                try:
                    state = torch.load(weights, map_location="cpu", weights_only=True)
                except TypeError:   # torch before 1.13 has no weights_only
                    state = torch.load(weights, map_location="cpu")
            model = VAE()
            model.load_state_dict(state)   # strict: every key present, none extra, every shape the same
            return model.eval()


        if __name__ == "__main__":
            import sys
            m = load(sys.argv[1] if len(sys.argv) > 1 else None)
            print(m)
            print(f"{sum(p.numel() for p in m.state_dict().values())} values in {len(m.state_dict())} tensors")

        """";
}
