using System.Globalization;
using Vae.Data;
using Vae.IO;

namespace Vae.Applications.Robotics;

/// <summary>A data folder written by <see cref="RobotDataWriter"/>, read back: frames and true states of both splits.</summary>
public sealed record RobotData(string Directory, SimulationInfo Info, Dataset Train, Dataset Test, StateTable TrainStates, StateTable TestStates)
{
    public IRobotDynamics System => Info.Options.Dynamics();

    public static RobotData Load(string directory)
    {
        string infoPath = Path.Combine(directory, SimulationInfo.FileName);
        if (!File.Exists(infoPath))
            throw new VaeException($"{directory}: no {SimulationInfo.FileName}; make a data folder with `./vae robot simulate --out {directory}`.");
        var info = Json.ReadFile<SimulationInfo>(infoPath);
        var (train, test) = MnistFolder.Load(directory, Path.GetFileName(Path.GetFullPath(directory).TrimEnd('/')), null, null);
        var (trainStates, testStates) = ReadStates(Path.Combine(directory, SimulationInfo.StatesFile), info.Columns);
        if (trainStates.Count != train.Count || testStates.Count != test.Count)
            throw new VaeException($"{directory}: states.csv has {trainStates.Count} training and {testStates.Count} test rows, but the image files hold {train.Count} and {test.Count}.");
        return new RobotData(directory, info, train, test, trainStates, testStates);
    }

    static (StateTable Train, StateTable Test) ReadStates(string path, string[] columns)
    {
        if (!File.Exists(path)) throw new VaeException($"{path}: file not found.");
        var lines = Utf8Text.ReadLines(path).ToArray();
        string expected = "split,episode,step,time," + string.Join(",", columns);
        if (lines.Length == 0 || lines[0] != expected)
            throw new VaeException($"{path}: the header should be '{expected}'.");
        var rows = new[] { new List<string[]>(), new List<string[]>() };
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var cells = lines[i].Split(',');
            if (cells.Length != columns.Length + 4 || cells[0] is not ("train" or "test"))
                throw new VaeException($"{path}, line {i + 1}: expected {columns.Length + 4} values starting with train or test.");
            rows[cells[0] == "test" ? 1 : 0].Add(cells);
        }
        return (Table(rows[0], columns, path), Table(rows[1], columns, path));
    }

    static StateTable Table(List<string[]> rows, string[] columns, string path)
    {
        var inv = CultureInfo.InvariantCulture;
        var values = columns.Select(_ => new double[rows.Count]).ToArray();
        try
        {
            for (int r = 0; r < rows.Count; r++)
                for (int c = 0; c < columns.Length; c++) values[c][r] = double.Parse(rows[r][c + 4], inv);
            return new StateTable(columns, rows.Select(r => int.Parse(r[1], inv)).ToArray(), rows.Select(r => int.Parse(r[2], inv)).ToArray(), values);
        }
        catch (FormatException) { throw new VaeException($"{path}: a value is not a number."); }
    }
}
