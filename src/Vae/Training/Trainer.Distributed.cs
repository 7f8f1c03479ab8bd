using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Vae.Data;
using Vae.Distributed;
using Vae.Evaluation;
using Vae.Objectives;
using Vae.Runs;
using static TorchSharp.torch;

namespace Vae.Training;

/// <summary>
/// Data-parallel training over the ranks of an mpirun (<see cref="Communicator"/>). Every rank builds the
/// model, then takes rank 0's parameters, Adam state and position; the global batch (--batch-size) is
/// split into equal shares of rows, rank r computing rows [r·B/N, (r+1)·B/N) of each batch of the epoch's
/// permutation (the noise of those rows is the noise one process would draw, <see cref="RowWindow"/>);
/// each rank's gradient is weighted by its share and the ranks' gradients are summed (a deterministic
/// ring all-reduce), so every rank takes the step one process takes on the whole batch. The epoch's sums
/// are summed over ranks; rank 0 alone validates, reports and writes checkpoints.
/// </summary>
public sealed partial class Trainer
{
    private readonly Stopwatch allReduce = new();   // time in the gradient all-reduce this epoch
    private bool stopRequested;   // a rank was asked to stop (Ctrl-C, SIGTERM): all ranks checkpoint at the same step

    /// <summary>The wait allowed at an epoch's end, while rank 0 validates and writes the checkpoint.</summary>
    private TimeSpan EpochEndTimeout => ranks.Timeout * 10;

    /// <summary>The wait allowed for the first collective, while every rank loads its data.</summary>
    private TimeSpan StartTimeout => ranks.Timeout < TimeSpan.FromMinutes(10) ? TimeSpan.FromMinutes(10) : ranks.Timeout;

    /// <summary>Refuses, in one line, what data-parallel training cannot run equivalently.</summary>
    public static void CheckDistributable(RunConfig config, Communicator ranks) => CheckDistributable(config, ranks.Size);

    /// <summary>Refuses, in one line, what data-parallel training over <paramref name="n"/> ranks cannot run equivalently.</summary>
    public static void CheckDistributable(RunConfig config, int n)
    {
        if (n <= 1) return;
        int b = config.Training.BatchSize;
        if (b % n != 0)
            throw new VaeException($"--batch-size {b} is the global batch and must be divisible by the number of ranks ({n}); use a multiple of {n}, or {Divisors(b)} ranks.");
        var o = config.Objective;
        string? why = o.Kind != ObjectiveKind.Elbo ? $"the {o.Kind} objective couples the examples of a batch"
            : o.FreeBits > 0 ? "--free-bits clamps the batch's mean KL per dimension, which couples the examples of a batch"
            : o.Family is not null and not ImportanceWeightedOptions ? $"the {o.Family.GetType().Name.Replace("Options", "")} objective couples the examples of a batch"
            : null;
        if (why is not null) throw new VaeException($"data-parallel training (mpirun, --ranks): {why}; train it in one process.");
    }

    static string Divisors(int b) => string.Join(", ", Enumerable.Range(1, Math.Min(b, 64)).Where(d => b % d == 0));

    // Checks that every rank runs the same code, options, data and position, then starts every rank from rank 0's state.
    private void JoinRanks(DataSplits data)
    {
        var facts = new List<(string, string)> { ("code version", CodeVersion()), ("number of libtorch parameters", model.parameters().Sum(p => p.numel()).ToString()) };
        Flatten(System.Text.Json.JsonSerializer.SerializeToNode(config, IO.Json.Line), "option ", facts);
        facts.Add(("training data", DataFingerprint(data)));
        facts.Add(("resume point", $"epoch {state.Epoch}, batch {state.BatchInEpoch}, step {state.Step}"));
        RankAgreement.Require(ranks, facts, StartTimeout);
        optimizer.BroadcastFromRoot(ranks, StartTimeout);
        if (best is not null) using (no_grad()) foreach (var p in best.parameters()) ShareTensor(p);
    }

    private void ShareTensor(Tensor t)
    {
        var host = t.to(ScalarType.Float32).cpu().data<float>().ToArray();
        ranks.Broadcast<float>(host, "the broadcast of rank 0's best weights", StartTimeout);
        using var loaded = tensor(host).reshape(t.shape).to(t.dtype).to(t.device);
        t.copy_(loaded);
    }

    private static string CodeVersion()
    {
        var assembly = typeof(Trainer).Assembly;
        string version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "?";
        return $"{version} (build {assembly.ManifestModule.ModuleVersionId:N})";
    }

    private static void Flatten(JsonNode? node, string path, List<(string, string)> facts)
    {
        switch (node)
        {
            case JsonObject o: foreach (var (k, v) in o) Flatten(v, path.EndsWith(' ') ? path + k : $"{path}.{k}", facts); break;
            case JsonArray a when a.Count > 16: facts.Add((path.Trim(), $"{a.Count} values, hash {Hash(System.Text.Encoding.UTF8.GetBytes(a.ToJsonString()))}")); break;
            default: facts.Add((path.Trim(), node?.ToJsonString() ?? "null")); break;
        }
    }

    /// <summary>A hash of the training rows (and their conditions and targets) as this rank loaded them; for a streamed set, its size.</summary>
    private static string DataFingerprint(DataSplits data)
    {
        if (data.IsStreamed) return $"{data.TrainCount} streamed rows of {data.Shape}";
        var t = data.Train;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(t.Features.AsSpan()));
        if (t.Conditions is { } c) sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(c.AsSpan()));
        if (t.Targets is { } y) sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(y.AsSpan()));
        return $"{t.Count} rows of {data.Shape}, SHA-256 {Convert.ToHexString(sha.GetHashAndReset())[..16].ToLowerInvariant()}";
    }

    private static string Hash(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes))[..16].ToLowerInvariant();

    /// <summary>Rows [start, start + n) of a batch: x, and the conditions and targets with them.</summary>
    private static Batch Rows(Batch batch, long start, long n) =>
        new(batch.X.narrow(0, start, n), batch.Condition?.narrow(0, start, n), batch.Targets?.narrow(0, start, n));

    // The epoch's running sums over every rank's examples (rank 0 started from the checkpoint's, the others from 0).
    private void ReduceSums(double[] sums) => ranks.AllReduceSum<double>(sums, "the sum of the epoch's metrics", EpochEndTimeout);

    // A rank with no rows in the epoch's last, short batch drew no ε for it; all ranks continue from rank N−1's noise state.
    private void SyncNoise()
    {
        if (!ranks.IsDistributed) return;
        using var s = noise.get_state();
        var bytes = s.data<byte>().ToArray();
        ranks.BroadcastFrom(ranks.Size - 1, bytes, "the broadcast of the noise generator's state", EpochEndTimeout);
        using var restored = tensor(bytes, dtype: ScalarType.Byte);
        noise.set_state(restored);
    }

    // The validation ELBO: rank 0 computes it and tells the others, so every rank makes the same early-stopping and learning-rate decisions.
    private ElboEstimate? ValidationEstimate()
    {
        if (validation is null) return null;
        var val = ranks.IsRoot ? ElboEstimator.Estimate(model, validation, device, seed: EvaluationData.ValidationSeed(config.Data)) : null;
        if (!ranks.IsDistributed) return val;
        double[] shared = val is null ? new double[5] : [val.Elbo, val.Reconstruction, val.Kl, val.KlLibrary ?? double.NaN, val.Count];
        ranks.Broadcast<double>(shared, "the broadcast of rank 0's validation ELBO", EpochEndTimeout);
        return val ?? new ElboEstimate(shared[0], shared[1], shared[2], (int)shared[4], [], double.IsNaN(shared[3]) ? null : shared[3]);
    }
}
