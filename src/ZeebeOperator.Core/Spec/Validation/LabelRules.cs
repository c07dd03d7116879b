using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Core.Spec.Validation;

/// <summary>Labels become AWS tags on every resource, so they follow the AWS tag rules.</summary>
internal static class LabelRules
{
    public const int MaxLabels = 40;
    public const int MaxKeyLength = 128;
    public const int MaxValueLength = 256;
    public const string OperatorTagPrefix = "zeebe-operator/";

    private static readonly string Path = SpecPath.Of(d => d.Metadata.Labels);

    public static void Check(IReadOnlyDictionary<string, string> labels, ICollection<SpecError> errors)
    {
        if (labels.Count > MaxLabels)
        {
            errors.Add(Path, $"must have at most {MaxLabels} labels: AWS allows 50 tags per resource and the operator adds its own");
        }

        foreach (var (key, value) in labels)
        {
            CheckLabel(SpecPath.Property(Path, key), key, value, errors);
        }
    }

    private static void CheckLabel(string path, string key, string value, ICollection<SpecError> errors)
    {
        if (key.Length is 0 or > MaxKeyLength)
        {
            errors.Add(path, $"the key must be 1 to {MaxKeyLength} characters long (AWS tag rule)");
        }

        if (!SpecPatterns.TagText().IsMatch(key))
        {
            errors.Add(path, "the key may contain only letters, digits, spaces and _ . : / = + - @ (AWS tag rule)");
        }

        if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(path, "the key must not start with \"aws:\": AWS reserves that prefix");
        }

        if (key.StartsWith(OperatorTagPrefix, StringComparison.Ordinal) || key == TagKeys.Name)
        {
            errors.Add(path, $"the key must not be \"{TagKeys.Name}\" or start with \"{OperatorTagPrefix}\": the operator writes those tags itself");
        }

        if (value.Length > MaxValueLength)
        {
            errors.Add(path, $"the value must be at most {MaxValueLength} characters long (AWS tag rule)");
        }

        if (!SpecPatterns.TagText().IsMatch(value))
        {
            errors.Add(path, "the value may contain only letters, digits, spaces and _ . : / = + - @ (AWS tag rule)");
        }
    }
}
