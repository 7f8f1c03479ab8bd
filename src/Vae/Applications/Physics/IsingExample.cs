namespace Vae.Applications.Physics;

/// <summary>One row of a data set's metadata.csv: which configuration, and its temperature, E/N and M/N.</summary>
public sealed record IsingExample(string Split, int Index, double Temperature, double Energy, double Magnetization);
