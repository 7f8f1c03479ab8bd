namespace Vae.Applications.SingleCell;

/// <summary>The obs columns of an AnnData file as cell annotations: row i belongs to the file's cell i; a missing value reads as "NA".</summary>
public sealed class H5adObs : ICellColumns
{
    readonly string path;

    H5adObs(string path, IReadOnlyList<string> names)
    {
        this.path = path;
        Names = names;
    }

    public IReadOnlyList<string> Names { get; }

    public static H5adObs Open(string path)
    {
        using var file = H5adFile.Open(path);
        return new H5adObs(path, H5adFrame.Read(file, "obs").Columns);
    }

    public string[] Values(IReadOnlyList<string> barcodes, string key, string option)
    {
        using var file = H5adFile.Open(path);
        var obs = H5adFrame.Read(file, "obs");
        var values = obs.Column(key, option);
        if (values.Length != barcodes.Count) throw new VaeException($"{path}: obs has {values.Length:N0} rows but the counts have {barcodes.Count:N0} cells.");
        return values.Select(v => v ?? "NA").ToArray();
    }
}
