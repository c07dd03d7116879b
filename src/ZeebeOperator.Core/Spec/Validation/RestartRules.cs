using System.Globalization;

namespace ZeebeOperator.Core.Spec.Validation;

/// <summary><c>spec.restartedAt</c>: the restart request <c>rollout restart</c> writes, a UTC timestamp.</summary>
internal static class RestartRules
{
    private static readonly string Path = SpecPath.Of(d => d.Spec.RestartedAt);

    public static void Check(string? restartedAt, ICollection<SpecError> errors)
    {
        if (restartedAt is not null && !TryParse(restartedAt, out _))
        {
            errors.Add(Path, "must be a UTC timestamp such as \"2026-12-03T10:00:00Z\" (RFC 3339, ending in Z)");
        }
    }

    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        return SpecPatterns.Timestamp().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out value);
    }
}
