using System.Text.Json;
using ZeebeOperator.Core.Spec.Binding;

namespace ZeebeOperator.Core.Spec;

/// <summary>
/// Reads a ZeebeCluster JSON document and validates it, reporting every problem at once. Never throws:
/// broken JSON, wrong types and broken rules all come back as <see cref="SpecError"/>s.
/// </summary>
public static class SpecParser
{
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

        try
        {
            using var parsed = JsonDocument.Parse(json, Options);
            return Bind(parsed.RootElement);
        }
        catch (JsonException exception)
        {
            return Fail(DescribeSyntaxError(exception));
        }
    }

    private static SpecParseResult Bind(JsonElement root)
    {
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
