using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Host.Cli;

/// <summary>One file's verdict: the document when valid, otherwise every error (including an unreadable file).</summary>
/// <param name="Unreadable">The file could not be read at all (missing, no permission), as opposed to an invalid spec.</param>
internal sealed record SpecFileResult(string File, ZeebeClusterDocument? Document, IReadOnlyList<SpecError> Errors, bool Unreadable = false)
{
    public bool IsValid => Document is not null && Errors.Count == 0;
}

/// <summary>Reads a spec file and runs it through the parser; an unreadable file is an error on path <c>$</c>.</summary>
internal sealed class SpecFileReader(Func<string, SpecParseResult> parse)
{
    public const string RootPath = SpecPath.Root;

    public async Task<SpecFileResult> ReadAsync(string file, CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = await File.ReadAllTextAsync(file, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var reason = ex is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"cannot read file: {ex.Message}";
            return new SpecFileResult(file, null, [new SpecError(RootPath, reason)], Unreadable: true);
        }

        var result = parse(json);
        if (result.IsValid)
        {
            return new SpecFileResult(file, result.Document, []);
        }

        IReadOnlyList<SpecError> errors = result.Errors.Count > 0 ? result.Errors : [new SpecError(RootPath, "not a valid ZeebeCluster spec")];
        return new SpecFileResult(file, null, errors);
    }

    public static void WriteErrors(TextWriter writer, SpecFileResult result)
    {
        foreach (var error in result.Errors)
        {
            writer.WriteLine($"{result.File}: {error.Path}: {error.Message}");
        }
    }
}
