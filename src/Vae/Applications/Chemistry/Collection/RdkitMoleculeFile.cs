namespace Vae.Applications.Chemistry.Collection;

/// <summary>How a file of the collection holds its molecules.</summary>
public enum MoleculeFileFormat
{
    /// <summary>SMILES first on each line, then anything (a header line "smiles …" and '#' comments skipped).</summary>
    Smi,
    /// <summary>A table: the SMILES in the named columns (header names), or in the 0-based column indices (no header).</summary>
    Table,
    /// <summary>V2000 molfiles (SDF or .mol).</summary>
    Sdf,
}

/// <summary>One file of <c>smiles:all</c>: its path under the RDKit data folder, format, separator and SMILES columns.</summary>
public sealed record RdkitMoleculeFile(string Path, MoleculeFileFormat Format, char Separator = ',', params string[] Columns)
{
    /// <summary>The files of Debian's rdkit-data (2022.09) that hold molecules, in the order they are read (first seen wins).</summary>
    public static IReadOnlyList<RdkitMoleculeFile> All { get; } =
    [
        new("Data/NCI/first_5K.smi", MoleculeFileFormat.Smi),
        new("Data/NCI/first_5k.tpsa.csv", MoleculeFileFormat.Table, ',', "0"),
        new("Data/NCI/first_200.tpsa.csv", MoleculeFileFormat.Table, ',', "0"),
        new("Data/NCI/first_200.props.sdf", MoleculeFileFormat.Sdf),
        new("Data/Pains/test_data/wehi_mols.csv", MoleculeFileFormat.Table, ',', "0"),
        new("Data/Pains/test_data/test_set3.txt", MoleculeFileFormat.Table, '\t', "2"),
        new("Contrib/FreeWilson/data/CHEMBL2321810.smi", MoleculeFileFormat.Smi),
        new("Contrib/FreeWilson/data/CHEMBL2321810_scaffold.mol", MoleculeFileFormat.Sdf),
        new("Contrib/NIBRSubstructureFilters/SubstructureFilter_HitTriaging_wPubChemExamples.csv", MoleculeFileFormat.Table, ',', "EX1", "EX2", "EX3", "EX4"),
        new("Contrib/NIBRSubstructureFilters/examples/chembl24_structs_randomtestSample_100.csv", MoleculeFileFormat.Table, ',', "smiles"),
        new("Contrib/NIBRSubstructureFilters/examples/chembl24_structs_randomtestSample_100_out.csv", MoleculeFileFormat.Table, ',', "smiles"),
        new("Contrib/fraggle/data/ChEMBL_11265_actives.smi", MoleculeFileFormat.Smi),
        new("Contrib/fraggle/data/query.smi", MoleculeFileFormat.Smi),
        new("Contrib/fraggle/data/final_fraggle_results.csv", MoleculeFileFormat.Table, ',', "SMILES", "QuerySMI"),
        new("Contrib/Fastcluster/cdk2.smi", MoleculeFileFormat.Table, '\t', "1"),
        new("Contrib/Fastcluster/testdata/converted.smi", MoleculeFileFormat.Smi),
        new("Contrib/Fastcluster/testdata/cdk2.sdf", MoleculeFileFormat.Sdf),
        new("Contrib/PBF/testData/egfr.sdf", MoleculeFileFormat.Sdf),
        new("Contrib/SA_Score/data/zim.100.txt", MoleculeFileFormat.Smi),
        new("Contrib/mmpa/data/sample.smi", MoleculeFileFormat.Smi),
        new("Contrib/mmpa/data/simple.smi", MoleculeFileFormat.Smi),
        new("Contrib/mmpa/data/sample_smiles_mol_trans.smi", MoleculeFileFormat.Smi),
        new("Projects/DbCLI/testData/bzr.smi", MoleculeFileFormat.Smi),
        new("Projects/DbCLI/testData/bzr.2.smi", MoleculeFileFormat.Smi),
        new("Projects/DbCLI/testData/bzr.sdf", MoleculeFileFormat.Sdf),
        new("Projects/DbCLI/testData/bzr_q1.mol", MoleculeFileFormat.Sdf),
        new("Projects/DbCLI/testData/pubchem.200.sdf", MoleculeFileFormat.Sdf),
    ];
}
