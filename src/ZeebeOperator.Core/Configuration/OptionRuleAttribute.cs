using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;

namespace ZeebeOperator.Core.Configuration;

/// <summary>
/// A rule on one configuration key, for the source-generated options validators. A failure is one sentence that names
/// the key as it is configured (<c>Section:Member</c>, the section from the options class's <c>SectionName</c>), the
/// rule and the value found, e.g. <c>Operator:NodeParallelism must be at least 1 (was 0).</c>
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public abstract class OptionRuleAttribute : ValidationAttribute
{
    /// <summary>The configuration key of the member <paramref name="context"/> validates.</summary>
    public static string KeyOf(ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return $"{SectionOf(context.ObjectType)}:{context.MemberName}";
    }

    /// <summary>The value as a failure quotes it: text in quotes, durations as <c>00:00:15</c>.</summary>
    public static string Show(object? value) => value switch
    {
        null => "''",
        string text => $"'{text}'",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    protected sealed override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        Broken(value) is { } rule ? new ValidationResult($"{KeyOf(validationContext)} {rule}.") : ValidationResult.Success;

    /// <summary>How <paramref name="value"/> breaks the rule, e.g. <c>must be at least 1 (was 0)</c>; null when it keeps it.</summary>
    protected abstract string? Broken(object? value);

    private static string SectionOf(Type options) =>
        options.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string ?? options.Name;
}

/// <summary>A duration above zero.</summary>
public sealed class PositiveDurationAttribute(string example) : OptionRuleAttribute
{
    protected override string? Broken(object? value) =>
        value is TimeSpan duration && duration <= TimeSpan.Zero ? $"must be a positive duration such as {example} (was {Show(value)})" : null;
}

/// <summary>A number or duration that is zero or more.</summary>
public sealed class NotNegativeAttribute : OptionRuleAttribute
{
    protected override string? Broken(object? value) =>
        value is < 0 || (value is TimeSpan duration && duration < TimeSpan.Zero) ? $"must not be negative (was {Show(value)})" : null;
}

/// <summary>A whole number of at least <paramref name="minimum"/>.</summary>
public sealed class AtLeastAttribute(int minimum) : OptionRuleAttribute
{
    protected override string? Broken(object? value) => value is int number && number < minimum ? $"must be at least {minimum} (was {number})" : null;
}

/// <summary>A whole number from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
public sealed class BetweenAttribute(int minimum, int maximum) : OptionRuleAttribute
{
    protected override string? Broken(object? value) =>
        value is int number && (number < minimum || number > maximum) ? $"must be {minimum} to {maximum} (was {number})" : null;
}

/// <summary>Text that is not empty or blank; <paramref name="alternative"/> says where else it can be given (e.g. <c>--bucket</c>).</summary>
public sealed class RequiredKeyAttribute(string? alternative = null) : OptionRuleAttribute
{
    protected override string? Broken(object? value) =>
        value is null || (value is string text && string.IsNullOrWhiteSpace(text))
            ? alternative is null ? "is required" : $"is required (or {alternative})"
            : null;
}
