using System.Text.Json;

namespace ZeebeOperator.Core.Spec.Binding;

/// <summary>
/// Finds strings and field names that JSON allows but .NET cannot read: escaped unpaired surrogates such as
/// <c>"\ud800"</c>. Reading them would throw, so they are reported before binding starts.
/// </summary>
internal static class UnicodeScan
{
    private const string Problem = "is not valid Unicode: it contains an unpaired surrogate escape such as \\ud800";

    public static bool HasUnpairedSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    public static IReadOnlyList<SpecError> FindUnreadableStrings(JsonElement root)
    {
        var errors = new List<SpecError>();
        Scan(root, SpecPath.Root, errors);
        return errors;
    }

    private static void Scan(JsonElement element, string path, List<SpecError> errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var field in element.EnumerateObject())
                {
                    var name = TryRead(() => field.Name);
                    if (name is null)
                    {
                        errors.Add(new SpecError(path, $"has a field name that {Problem}"));
                    }

                    Scan(field.Value, name is null ? path : SpecPath.Property(path, name), errors);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Scan(item, SpecPath.Index(path, index++), errors);
                }

                break;
            case JsonValueKind.String when TryRead(element.GetString) is null:
                errors.Add(new SpecError(path, Problem));
                break;
            default:
                break;
        }
    }

    private static string? TryRead(Func<string?> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
