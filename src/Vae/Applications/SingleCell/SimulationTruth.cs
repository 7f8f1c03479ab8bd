using System.Globalization;
using System.Text;
using Vae.IO;

namespace Vae.Applications.SingleCell;

/// <summary>
/// What <see cref="CountSimulator"/> drew before the counts: per cell its type, batch, pseudotime
/// (NaN outside the trajectory type) and library size ℓ; per gene its baseline expression, inverse
/// dispersion θ, zero-inflation probability π and log fold changes.
/// </summary>
public sealed class SimulationTruth
{
    internal SimulationTruth(SimulationOptions options, int[] cellType, int[] batch, double[] pseudotime, double[] library,
        double[] baseExpression, double[] theta, double[] zeroInflation, double[,] typeLogFold, double[,] batchLogFold, double[] trajectoryLogFold)
    {
        Options = options; CellType = cellType; Batch = batch; Pseudotime = pseudotime; Library = library;
        BaseExpression = baseExpression; Theta = theta; ZeroInflation = zeroInflation;
        TypeLogFold = typeLogFold; BatchLogFold = batchLogFold; TrajectoryLogFold = trajectoryLogFold;
    }

    public SimulationOptions Options { get; }
    public int[] CellType { get; }
    public int[] Batch { get; }
    public double[] Pseudotime { get; }
    public double[] Library { get; }
    public double[] BaseExpression { get; }
    public double[] Theta { get; }
    public double[] ZeroInflation { get; }

    /// <summary>[type, gene]</summary>
    public double[,] TypeLogFold { get; }

    /// <summary>[batch, gene]</summary>
    public double[,] BatchLogFold { get; }

    public double[] TrajectoryLogFold { get; }

    /// <summary>The type that carries the trajectory (type 1, index 0) and the rare type (the last).</summary>
    public const int TrajectoryType = 0;

    public int RareType => Options.Types - 1;

    public IReadOnlyList<string> TypeNames => Enumerable.Range(0, Options.Types).Select(TypeName).ToArray();

    public string TypeName(int t) => t == Options.Types - 1 ? "rare" : $"type_{t + 1}";

    public static string BatchName(int b) => $"batch_{b + 1}";

    /// <summary>
    /// The NB mean of every gene in cell <paramref name="cell"/> (before zero inflation):
    /// μ_g = ℓ w_g / Σ w, w_g = base_g · exp(type LFC + batch LFC + pseudotime · trajectory LFC).
    /// </summary>
    public double[] Mean(int cell)
    {
        int genes = BaseExpression.Length;
        var w = new double[genes];
        double total = 0;
        for (int g = 0; g < genes; g++)
        {
            double lfc = TypeLogFold[CellType[cell], g] + BatchLogFold[Batch[cell], g];
            if (CellType[cell] == TrajectoryType) lfc += Pseudotime[cell] * TrajectoryLogFold[g];
            w[g] = BaseExpression[g] * Math.Exp(lfc);
            total += w[g];
        }
        for (int g = 0; g < genes; g++) w[g] *= Library[cell] / total;
        return w;
    }

    /// <summary>Writes <c>metadata.csv</c> (barcode, cell_type, batch, pseudotime, library_size) and <c>genes_truth.csv</c> for <paramref name="counts"/>.</summary>
    public void WriteTables(string directory, CellCounts counts)
    {
        var inv = CultureInfo.InvariantCulture;
        var meta = new StringBuilder("barcode,cell_type,batch,pseudotime,library_size\n");
        for (int c = 0; c < counts.Cells; c++)
            meta.Append(counts.Barcodes[c]).Append(',').Append(TypeName(CellType[c])).Append(',').Append(BatchName(Batch[c])).Append(',')
                .Append(double.IsNaN(Pseudotime[c]) ? "" : Pseudotime[c].ToString("F4", inv)).Append(',')
                .Append(Library[c].ToString("F1", inv)).Append('\n');
        AtomicFile.WriteAllText(Path.Combine(directory, "metadata.csv"), meta.ToString());
        var genes = new StringBuilder("gene_id,base_expression,theta,zero_inflation,trajectory_lfc");
        for (int t = 0; t < Options.Types; t++) genes.Append(",lfc_").Append(TypeName(t));
        for (int b = 0; b < Options.Batches; b++) genes.Append(",lfc_").Append(BatchName(b));
        genes.Append('\n');
        for (int g = 0; g < BaseExpression.Length; g++)
        {
            genes.Append(counts.GeneIds[g]).Append(',').Append(BaseExpression[g].ToString("G6", inv)).Append(',')
                .Append(Theta[g].ToString("G6", inv)).Append(',').Append(ZeroInflation[g].ToString("G6", inv)).Append(',')
                .Append(TrajectoryLogFold[g].ToString("G6", inv));
            for (int t = 0; t < Options.Types; t++) genes.Append(',').Append(TypeLogFold[t, g].ToString("G6", inv));
            for (int b = 0; b < Options.Batches; b++) genes.Append(',').Append(BatchLogFold[b, g].ToString("G6", inv));
            genes.Append('\n');
        }
        AtomicFile.WriteAllText(Path.Combine(directory, "genes_truth.csv"), genes.ToString());
    }
}
