using System.Text.Json;
using ZeebeOperator.Core.Spec.Binding;

namespace ZeebeOperator.Core.Spec;

/// <summary>
/// Reads a ZeebeCluster JSON document and validates it, reporting every problem at once. Never throws:
/// broken JSON, wrong types and broken rules all come back as <see cref="SpecError"/>s.
/// </summary>
public static class SpecParser
{
    /// <summary>Reported instead of throwing should a reader bug ever surface; tests assert it never appears.</summary>
    internal const string UnexpectedFailure = "could not be read because of an internal error";

    private const char ByteOrderMark = '\uFEFF';

    private static readonly JsonDocumentOptions Options = new()
    {
        MaxDepth = SpecLimits.MaxJsonDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    public static SpecParseResult Parse(string json)
    {
        if (json is null)
        {
            return Fail("must be a JSON document, not nothing");
        }

        if (json.Length > SpecLimits.MaxDocumentLength)
        {
            return Fail($"must be at most {SpecLimits.MaxDocumentLength} characters long (got {json.Length})");
        }

        json = json.StartsWith(ByteOrderMark) ? json[1..] : json;
        if (UnicodeScan.HasUnpairedSurrogate(json))
        {
            return Fail("is not valid text: it contains an unpaired UTF-16 surrogate");
        }

        try
        {
            using var parsed = JsonDocument.Parse(json, Options);
            return Bind(parsed.RootElement);
        }
        catch (JsonException exception)
        {
            return Fail(DescribeSyntaxError(exception));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return Fail($"{UnexpectedFailure}: {exception.GetType().Name}: {exception.Message}");
        }
    }

    private static SpecParseResult Bind(JsonElement root)
    {
        var unreadable = UnicodeScan.FindUnreadableStrings(root);
        if (unreadable.Count > 0)
        {
            return SpecParseResult.Invalid(unreadable);
        }

        var binding = new SpecErrorCollector();
        var document = SpecBinder.Bind(root, binding);
        if (document is null)
        {
            return SpecParseResult.Invalid(binding.Errors);
        }

        var errors = binding.Errors
            .Concat(SpecValidator.Validate(document).Where(error => !binding.CoversPath(error.Path)))
            .ToList();
        return errors.Count == 0 ? SpecParseResult.Valid(document) : SpecParseResult.Invalid(errors);
    }

    private static string DescribeSyntaxError(JsonException exception)
    {
        var where = exception.LineNumber is { } line
            ? $" at line {line + 1}, position {(exception.BytePositionInLine ?? 0) + 1}"
            : string.Empty;
        var reason = exception.Message.Split(" LineNumber:", 2)[0].TrimEnd('.', ' ');
        return $"is not valid JSON{where}: {reason}";
    }

    private static SpecParseResult Fail(string message) => SpecParseResult.Invalid([new SpecError(SpecPath.Root, message)]);
}
