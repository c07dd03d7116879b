using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ZeebeOperator.Core.Spec.Binding;

namespace ZeebeOperator.Core.Spec;

/// <summary>
/// Reads a ZeebeCluster JSON document and validates it, reporting every problem at once. Never throws:
/// broken JSON, wrong types and broken rules all come back as <see cref="SpecError"/>s.
/// </summary>
public static partial class SpecParser
{
    /// <summary>Reported instead of throwing should a reader bug ever surface; tests assert it never appears.</summary>
    internal const string UnexpectedFailure = "could not be read because of an internal error";

    private const char ByteOrderMark = '\uFEFF';
    private const int MaxQuotedLength = 40;
    private const int MaxReasonLength = 300;

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
        var reason = Printable(exception.Message.Split(" LineNumber:", 2)[0].TrimEnd('.', ' '));
        return $"is not valid JSON{where}: {reason}";
    }

    /// <summary>
    /// The JSON reader quotes the offending text, which for a broken literal is the rest of the document, newlines
    /// included: shorten quotes and escape control characters so the error stays one short line in the status.
    /// </summary>
    private static string Printable(string reason)
    {
        reason = LongQuote().Replace(reason, match => $"'{match.Groups["text"].Value[..MaxQuotedLength]}…'");
        var printable = new StringBuilder(reason.Length);
        foreach (var c in reason)
        {
            printable.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c);
        }

        return printable.Length > MaxReasonLength ? printable.ToString(0, MaxReasonLength) + "…" : printable.ToString();
    }

    [GeneratedRegex("'(?<text>[^']{41,})'", RegexOptions.CultureInvariant)]
    private static partial Regex LongQuote();

    private static SpecParseResult Fail(string message) => SpecParseResult.Invalid([new SpecError(SpecPath.Root, message)]);
}
