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
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    /// <summary>Reads a JSON file the project wrote, turning any problem into one clear message naming the file.</summary>
    public static T ReadFile<T>(string path, JsonSerializerOptions? options = null)
    {
        if (!File.Exists(path)) throw new VaeException($"{path}: file not found.");
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), options ?? Strict)
                ?? throw new VaeException($"{path}: the file holds null instead of a JSON object.");
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
