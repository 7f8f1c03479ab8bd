using Google.Protobuf;
using Onnx;

namespace Vae.Export.Onnx;

/// <summary>
/// An ONNX graph being written: float inputs and outputs of shape [N, width] (N, the batch, is dynamic),
/// initializers (weights, stored little-endian in raw_data) and nodes of the default domain. Value names are
/// made unique by a counter; node names follow them.
/// </summary>
public sealed class OnnxGraph
{
    public const int Opset = 17;
    public const long IrVersion = 8;      // the IR version of opset 17 (ONNX 1.12)
    public const string BatchDimension = "N";

    private readonly GraphProto graph;
    private int counter;

    public OnnxGraph(string name) => graph = new GraphProto { Name = name };

    /// <summary>Declares a float input [N, width].</summary>
    public string Input(string name, int width)
    {
        graph.Input.Add(Value(name, width));
        return name;
    }

    /// <summary>Declares the value <paramref name="value"/> as a float output [N, width] named <paramref name="name"/>.</summary>
    public void Output(string value, string name, int width)
    {
        if (value != name) Node("Identity", [value], name);
        graph.Output.Add(Value(name, width));
    }

    /// <summary>A float initializer with the given dimensions (row-major values).</summary>
    public string Constant(string hint, float[] values, params long[] dims)
    {
        string name = Fresh(hint);
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        if (!BitConverter.IsLittleEndian) throw new VaeException("ONNX export needs a little-endian machine (raw_data is little-endian).");
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(bytes) };
        t.Dims.AddRange(dims);
        graph.Initializer.Add(t);
        return name;
    }

    /// <summary>An int64 initializer (shapes, split sizes).</summary>
    public string Int64s(string hint, params long[] values)
    {
        string name = Fresh(hint);
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        t.Dims.Add(values.Length);
        t.Int64Data.AddRange(values);
        graph.Initializer.Add(t);
        return name;
    }

    /// <summary>Adds a node with one output (a fresh name from <paramref name="op"/> unless given) and returns that output.</summary>
    public string Node(string op, string[] inputs, string? output = null, params AttributeProto[] attributes)
    {
        output ??= Fresh(op.ToLowerInvariant());
        Nodes(op, inputs, [output], attributes);
        return output;
    }

    /// <summary>Adds a node with several outputs.</summary>
    public void Nodes(string op, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = $"{op}_{graph.Node.Count}" };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
    }

    public string Fresh(string hint) => $"{hint}_{counter++}";

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Ints(string name, IEnumerable<long> values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    /// <summary>The graph as a model: IR version, opset 17 of the default domain, producer and a doc string.</summary>
    public ModelProto ToModel(string docString)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "vae",
            ProducerVersion = typeof(OnnxGraph).Assembly.GetName().Version?.ToString() ?? "",
            DocString = docString,
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return model;
    }

    static ValueInfoProto Value(string name, int width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        var tensor = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape };
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }
}
