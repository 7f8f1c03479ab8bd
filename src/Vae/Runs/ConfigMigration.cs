using System.Text.Json.Nodes;

namespace Vae.Runs;

/// <summary>
/// Reads config.json files written by earlier versions. Format 1 held the model as one flat record
/// (kind, architecture and every architecture's fields side by side); format 2 composes it: the network
/// as one record per architecture (<c>model.network</c> with a <c>kind</c>), the PixelCNN decoder, the
/// posterior (the autoencoder is the point mass), and the heads as optional records. The weights are
/// unchanged (same names, same order), so a format-1 folder loads and evaluates to the same numbers.
/// </summary>
public static class ConfigMigration
{
    /// <summary>The config's JSON upgraded in place to the current format (a no-op for current files).</summary>
    public static JsonObject Upgrade(JsonObject root, string path)
    {
        int version = root["format_version"]?.GetValue<int>() ?? 0;
        if (version != 1) return CheckNetworkKind(root, path);
        if (root["model"] is not JsonObject model) throw new VaeException($"{path}: the field 'model' is missing (the file is damaged or was edited by hand).");
        root["model"] = ModelFromVersion1(model, path);
        root["format_version"] = 2;
        return root;
    }

    // An unknown architecture, said in the config's own terms (the serializer would only name a "type discriminator").
    static JsonObject CheckNetworkKind(JsonObject root, string path)
    {
        if (root["model"]?["network"]?["kind"] is JsonValue kind && kind.TryGetValue(out string? name) && !NetworkKinds.Contains(name))
            throw new VaeException($"{path}: model.network.kind '{name}' is not an architecture this toolkit knows ({string.Join(", ", NetworkKinds)}).");
        return root;
    }

    static readonly string[] NetworkKinds = [.. System.Reflection.CustomAttributeExtensions
        .GetCustomAttributes<System.Text.Json.Serialization.JsonDerivedTypeAttribute>(typeof(Models.NetworkOptions)).Select(a => (string)a.TypeDiscriminator!)];

    static JsonObject ModelFromVersion1(JsonObject m, string path)
    {
        string Text(string key) => m[key]?.GetValue<string>() ?? throw new VaeException($"{path}: the field 'model.{key}' is missing (the file is damaged or was edited by hand).");
        JsonNode? Take(string key) => m.ContainsKey(key) ? m[key]?.DeepClone()
            : throw new VaeException($"{path}: the field 'model.{key}' is missing (the file is damaged or was edited by hand).");
        string architecture = Text("architecture");
        bool pixelCnn = Text("decoder") == "pixel-cnn";
        JsonObject network = architecture switch
        {
            "mlp" => new JsonObject { ["kind"] = "mlp", ["hidden"] = Take("hidden"), ["activation"] = Take("activation"), ["z_injection"] = pixelCnn ? "input" : Take("z_injection") },
            "conv" => new JsonObject { ["kind"] = "conv", ["hidden"] = Take("hidden"), ["activation"] = Take("activation"), ["channels"] = Take("channels") },
            "linear" => new JsonObject { ["kind"] = "linear" },
            "sequence" => new JsonObject
            {
                ["kind"] = "sequence", ["encoder"] = Take("sequence_encoder"), ["hidden"] = Take("hidden"), ["channels"] = Take("channels"),
                ["embedding"] = Take("embedding"), ["gru_hidden"] = Take("gru_hidden"), ["gru_layers"] = Take("gru_layers"), ["word_dropout"] = Take("word_dropout"),
            },
            _ => throw new VaeException($"{path}: model.architecture '{architecture}' is not one this toolkit knows."),
        };
        var result = new JsonObject
        {
            ["input"] = Take("input"),
            ["latent"] = Take("latent"),
            ["network"] = network,
            ["pixel_cnn"] = pixelCnn ? new JsonObject { ["features"] = Take("pixel_cnn_features"), ["layers"] = Take("pixel_cnn_layers"), ["z_injection"] = Take("z_injection") } : null,
            ["posterior"] = Text("kind") == "autoencoder" ? "point-mass" : Take("posterior"),
            ["likelihood"] = Take("likelihood"),
            ["sigma"] = Take("sigma"),
            ["sigma_floor"] = Take("sigma_floor"),
            ["classes"] = Take("classes"),
            ["input_transform"] = Take("input_transform"),
            ["conditions"] = Take("conditions"),
            ["condition_encoder"] = Take("condition_encoder"),
            ["shortcut"] = Take("shortcut"),
        };
        if (m["property_head"] is JsonArray hidden)
            result["property_head"] = new JsonObject
            {
                ["hidden"] = hidden.DeepClone(), ["activation"] = Take("activation"), ["targets"] = Take("properties"),
                ["mean"] = Take("property_mean"), ["scale"] = Take("property_scale"),
            };
        if (m["latent_library"]?.GetValue<bool>() == true)
            result["latent_library"] = new JsonObject { ["log_mean"] = Take("library_log_mean"), ["log_variance"] = Take("library_log_variance") };
        return result;
    }
}
