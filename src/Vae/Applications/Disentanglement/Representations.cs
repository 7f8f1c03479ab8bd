using TorchSharp;
using Vae.Data;
using Vae.Evaluation;
using Vae.Models;

namespace Vae.Applications.Disentanglement;

/// <summary>Representation functions: the identity, linear maps, random rotations, and a VAE's encoder means.</summary>
public static class Representations
{
    /// <summary>Codes equal to the observations (with <see cref="FactorValues"/>: the true factors).</summary>
    public static Representation Identity => (x, n) => (float[])x.Clone();

    /// <summary>Codes M·x for a d × D matrix <paramref name="matrix"/> (row-major).</summary>
    public static Representation Linear(double[,] matrix)
    {
        int rows = matrix.GetLength(0), cols = matrix.GetLength(1);
        return (x, n) =>
        {
            if (x.Length != n * cols) throw new ArgumentException($"expected {n}×{cols} observations, got {x.Length} values.");
            var codes = new float[n * rows];
            for (int i = 0; i < n; i++)
                for (int r = 0; r < rows; r++)
                {
                    double s = 0;
                    for (int c = 0; c < cols; c++) s += matrix[r, c] * x[i * cols + c];
                    codes[i * rows + r] = (float)s;
                }
            return codes;
        };
    }

    /// <summary>
    /// A uniformly random (Haar) rotation of R^k: Gram–Schmidt on a matrix of standard normal draws
    /// (Box–Muller from <paramref name="seed"/>), which is the QR factorisation with a positive diagonal of R.
    /// </summary>
    public static double[,] RandomRotation(int k, int seed)
    {
        var random = new Random(seed);
        var q = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
                q[i, j] = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        for (int col = 0; col < k; col++)
        {
            for (int prev = 0; prev < col; prev++)
            {
                double dot = 0;
                for (int i = 0; i < k; i++) dot += q[i, col] * q[i, prev];
                for (int i = 0; i < k; i++) q[i, col] -= dot * q[i, prev];
            }
            double norm = 0;
            for (int i = 0; i < k; i++) norm += q[i, col] * q[i, col];
            norm = Math.Sqrt(norm);
            for (int i = 0; i < k; i++) q[i, col] /= norm;
        }
        return q;
    }

    /// <summary>The means of a VAE's q(z|x): the representation Locatello et al. evaluate.</summary>
    public static Representation EncoderMean(VaeModel model, torch.Device device, int batchSize = 500)
    {
        var shape = model.Options.Input;
        return (x, n) => Generation.Encode(model, new Dataset("observations", x, shape), device, batchSize).Mean;
    }
}
