namespace ZeebeOperator.Core.Spec.Model;

/// <summary>
/// Describes one field of a spec record, on the record's constructor parameter: the single description the binder,
/// the JSON paths of errors, the serialiser and the generated JSON Schema all read (<see cref="SpecModel"/>).
/// </summary>
/// <remarks>
/// A field is required unless it has a default: the parameter's own default value, <see cref="Default"/>,
/// <see cref="Optional"/> (empty for a list or map, the type's static <c>Default</c> for a record) or a nullable type
/// (null). Patterns are .NET patterns ending in <c>\z</c>. Limits here are what the schema states; the validator's
/// rules check them with their own messages.
/// </remarks>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class SpecFieldAttribute : Attribute
{
    private long? minimum;
    private long? maximum;

    /// <summary>The JSON name; by default the parameter's name in camelCase.</summary>
    public string? Name { get; set; }

    public string? Description { get; set; }

    /// <summary>The one value the field may have (<c>apiVersion</c>, <c>kind</c>).</summary>
    public string? Const { get; set; }

    /// <summary>The value a left-out field gets.</summary>
    public object? Default { get; set; }

    /// <summary>May be left out: an empty list or map, or the record type's static <c>Default</c>.</summary>
    public bool Optional { get; set; }

    public string? Pattern { get; set; }

    public string? Example { get; set; }

    /// <summary>
    /// A sibling field (C# name) whose presence forbids this one, and why: the value is then decided by the other.
    /// </summary>
    public string? LeftOutWhenSet { get; set; }

    public string? LeftOutBecause { get; set; }

    public long Minimum { get => minimum ?? 0; set => minimum = value; }

    public long Maximum { get => maximum ?? 0; set => maximum = value; }

    /// <summary>A string's length (0: not stated).</summary>
    public int MinLength { get; set; }

    /// <summary>
    /// A string's most characters (0: not stated). The binder accepts up to <see cref="SpecLimits.MaxStringLength"/>
    /// characters in any string, or this many when it is more.
    /// </summary>
    public int MaxLength { get; set; }

    /// <summary>For a list: the fewest items (0: not stated).</summary>
    public int MinItems { get; set; }

    /// <summary>For a list: the most items, which every list states; for a map: the most entries (0: not stated).</summary>
    public int MaxItems { get; set; }

    public bool UniqueItems { get; set; }

    /// <summary>For a list: each item's pattern; for a map: each value's pattern.</summary>
    public string? ItemPattern { get; set; }

    /// <summary>For a map: the most characters of a value, as <see cref="MaxLength"/> is for a string.</summary>
    public int ItemMaxLength { get; set; }

    public string? KeyPattern { get; set; }

    public int KeyMinLength { get; set; }

    public int KeyMaxLength { get; set; }

    internal long? MinimumValue => minimum;

    internal long? MaximumValue => maximum;
}
