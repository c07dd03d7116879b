using System.Text.Json;

namespace ZeebeOperator.Core.Spec.Binding;

/// <summary>Turns single JSON values into typed values, reporting type problems at their path.</summary>
internal static class JsonValues
{
    public static string? ReadString(JsonElement value, string path, int maxLength, SpecErrorCollector errors)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Unbound(path, $"must be a string, not {Describe(value)}");
            return null;
        }

        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            errors.Unbound(path, $"must be at most {maxLength} characters long (got {text.Length})");
            return null;
        }

        if (text.Any(char.IsControl))
        {
            errors.Unbound(path, "must not contain control characters");
            return null;
        }

        return text;
    }

    public static int? ReadInt(JsonElement value, string path, SpecErrorCollector errors)
    {
        if (WholeNumber(value) is { } number && number is >= int.MinValue and <= int.MaxValue)
        {
            return (int)number;
        }

        errors.Unbound(path, IntegerProblem(value, int.MinValue, int.MaxValue));
        return null;
    }

    public static long? ReadLong(JsonElement value, string path, SpecErrorCollector errors)
    {
        if (WholeNumber(value) is { } number && number is >= long.MinValue and <= long.MaxValue)
        {
            return (long)number;
        }

        errors.Unbound(path, IntegerProblem(value, long.MinValue, long.MaxValue));
        return null;
    }

    public static bool? ReadBool(JsonElement value, string path, SpecErrorCollector errors)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        errors.Unbound(path, $"must be true or false, not {Describe(value)}");
        return null;
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "an undefined value",
    };

    /// <summary>JSON has one number type: <c>3</c>, <c>3.0</c> and <c>3e0</c> are the same whole number.</summary>
    private static decimal? WholeNumber(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) && decimal.Truncate(number) == number
            ? number
            : null;

    private static string IntegerProblem(JsonElement value, long min, long max)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            return $"must be an integer, not {Describe(value)}";
        }

        return IsWholeNumber(value)
            ? $"must be an integer between {min} and {max}"
            : "must be a whole number";
    }

    /// <summary>A number too large for <see cref="decimal"/> (beyond ±7.9e28) has no fraction left at that magnitude.</summary>
    private static bool IsWholeNumber(JsonElement value) =>
        !value.TryGetDecimal(out var exact) || decimal.Truncate(exact) == exact;
}
