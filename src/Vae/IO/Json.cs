using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vae.IO;

/// <summary>The project's JSON conventions: snake_case names, kebab-case enum values.</summary>
public static class Json
{
    /// <summary>For files the project writes and reads back (config, state): unknown fields are errors.</summary>
    public static readonly JsonSerializerOptions Strict = Create(indented: true, strict: true);

    /// <summary>One object per line (metrics.jsonl, --json output).</summary>
    public static readonly JsonSerializerOptions Line = Create(indented: false, strict: false);

    /// <summary>Indented output for people and scripts.</summary>
    public static readonly JsonSerializerOptions Pretty = Create(indented: true, strict: false);

    static JsonSerializerOptions Create(bool indented, bool strict) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = indented,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        UnmappedMemberHandling = strict ? JsonUnmappedMemberHandling.Disallow : JsonUnmappedMemberHandling.Skip,
        AllowDuplicateProperties = !strict,
        AllowOutOfOrderMetadataProperties = true,   // a "kind" need not come first (a config sorted by jq -S still reads)   // a field written twice is damage, not a choice between values
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    /// <summary>
    /// Like <see cref="ReadFile{T}"/>, but also rejects a file that lacks any field the type has (a file this
    /// version wrote always has them all; a missing one means damage or a hand edit), naming the field. The fields
    /// expected are those the value read would write, so a record chosen by a "kind" is checked against its own type.
    /// <paramref name="upgrade"/> rewrites an older file's JSON before it is read.
    /// </summary>
    public static T ReadComplete<T>(string path, Func<System.Text.Json.Nodes.JsonObject, System.Text.Json.Nodes.JsonObject>? upgrade = null)
    {
        if (!File.Exists(path)) throw new VaeException($"{path}: file not found.");
        return ReadComplete<T>(ParseStrict(Utf8Text.ReadAllText(path), path), path, upgrade);
    }

    /// <summary>
    /// JSON text parsed as a node, a field written twice refused; any problem is one line naming <paramref name="path"/>.
    /// </summary>
    public static System.Text.Json.Nodes.JsonNode? ParseStrict(string text, string path)
    {
        try { return System.Text.Json.Nodes.JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }); }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            throw new VaeException($"{path}: not valid for this version ({e.Message.Split('\n')[0]})");
        }
    }

    /// <summary>
    /// As <see cref="ReadComplete{T}(string, Func{System.Text.Json.Nodes.JsonObject, System.Text.Json.Nodes.JsonObject}?)"/>
    /// for JSON already parsed (a section of a larger file); <paramref name="path"/> names it in errors.
    /// </summary>
    public static T ReadComplete<T>(System.Text.Json.Nodes.JsonNode? node, string path, Func<System.Text.Json.Nodes.JsonObject, System.Text.Json.Nodes.JsonObject>? upgrade = null)
    {
        try
        {
            if (upgrade is not null && node is System.Text.Json.Nodes.JsonObject root) node = upgrade(root);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            // e.g. a field written twice, found when the object's fields are first listed
            throw new VaeException($"{path}: not valid for this version ({e.Message.Split('\n')[0]})");
        }
        var value = Deserialize<T>(path, () => node.Deserialize<T>(Strict));
        // Every field the value as read would write: its own record types (a conv network's, a head's), not only the reference's.
        var expected = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(value, Strict))!;
        string? missing;
        try { missing = MissingField(node, expected, ""); }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            throw new VaeException($"{path}: not valid for this version ({e.Message.Split('\n')[0]})");
        }
        if (missing is not null)
            throw new VaeException($"{path}: the field '{missing}' is missing (the file is damaged or was edited by hand).");
        return value;
    }

    static string? MissingField(System.Text.Json.Nodes.JsonNode? actual, System.Text.Json.Nodes.JsonNode? expected, string prefix)
    {
        if (expected is not System.Text.Json.Nodes.JsonObject e) return null;
        if (actual is not System.Text.Json.Nodes.JsonObject a) return null; // a null object (an optional section) is complete
        foreach (var (key, child) in e)
        {
            string name = prefix.Length == 0 ? key : prefix + "." + key;
            if (!a.ContainsKey(key)) return name;
            if (MissingField(a[key], child, name) is string inner) return inner;
        }
        return null;
    }

    /// <summary>Reads a JSON file the project wrote, turning any problem into one clear message naming the file.</summary>
    public static T ReadFile<T>(string path, JsonSerializerOptions? options = null)
    {
        if (!File.Exists(path)) throw new VaeException($"{path}: file not found.");
        return Deserialize<T>(path, () => JsonSerializer.Deserialize<T>(Utf8Text.ReadAllText(path), options ?? Strict));
    }

    static T Deserialize<T>(string path, Func<T?> read)
    {
        try
        {
            return read() ?? throw new VaeException($"{path}: the file holds null instead of a JSON object.");
        }
        catch (JsonException e)
        {
            throw new VaeException($"{path}: not valid for this version ({e.Message})");
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new VaeException($"{path}: invalid value ({e.Message.Split('\n')[0]})");
        }
    }
}
