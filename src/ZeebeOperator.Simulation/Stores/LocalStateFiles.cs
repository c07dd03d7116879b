using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeebeOperator.Simulation.Stores;

/// <summary>
/// JSON files of the local state folder: read tolerantly (a file that vanished is absent), written atomically
/// (a temporary file in the same folder, then a rename), so a reader in another process never sees half a write.
/// </summary>
internal static class LocalStateFiles
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The file of one cluster; refuses names that would leave the folder.</summary>
    public static string PathOf(string directory, string clusterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterName);
        if (clusterName.IndexOfAny(['/', '\\']) >= 0 || clusterName.StartsWith('.'))
        {
            throw new ArgumentException($"not a cluster name: {clusterName}", nameof(clusterName));
        }

        return Path.Combine(directory, clusterName + ".json");
    }

    public static async Task<T?> ReadAsync<T>(string path, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, useAsync: true);
            return await JsonSerializer.DeserializeAsync<T>(stream, Json, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public static async Task WriteAsync<T>(string path, T value, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await JsonSerializer.SerializeAsync(stream, value, Json, cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public static IEnumerable<string> JsonFiles(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.json", SearchOption.TopDirectoryOnly)
                .Where(path => !Path.GetFileName(path).StartsWith('.'))
                .Order(StringComparer.Ordinal)
            : [];
}
