// dotnet run --project examples/onnx-serving -- DIR   (DIR written by `vae export RUN --format onnx --out DIR`)
// Encodes an all-zero row, prints mu and logvar, and decodes mu.
using System.Text.Json;
using OnnxServingExample;

string dir = args.Length > 0 ? args[0] : throw new ArgumentException("usage: onnx-serving <export-dir>");
using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "onnx.json")));
int width = manifest.RootElement.GetProperty("encoder").GetProperty("inputs")[0].GetProperty("shape")[1].GetInt32();
string mean = manifest.RootElement.GetProperty("likelihood").GetString() == "bernoulli" ? "probs" : "mean";

var (mu, logvar) = OnnxServing.EncodeRow(Path.Combine(dir, "encoder.onnx"), new float[width]);
Console.WriteLine($"mu     = [{string.Join(", ", mu.Select(v => v.ToString("F4")))}]");
Console.WriteLine($"logvar = [{string.Join(", ", logvar.Select(v => v.ToString("F4")))}]");
var x = OnnxServing.DecodeRow(Path.Combine(dir, "decoder.onnx"), mu, mean);
Console.WriteLine($"{mean}[0..8] = [{string.Join(", ", x.Take(8).Select(v => v.ToString("F4")))}]");
