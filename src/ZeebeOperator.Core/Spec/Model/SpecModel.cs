using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeebeOperator.Core.Spec.Model;

/// <summary>The kinds of JSON value a spec field holds.</summary>
internal enum SpecValueKind
{
    String,
    Int32,
    Int64,
    Boolean,
    Enum,

    /// <summary>An ISO-8601 duration string such as <c>PT2H</c>.</summary>
    Duration,
    StringList,
    StringMap,
    Object,

    /// <summary>An array of records, each bound like an <see cref="Object"/>.</summary>
    ObjectList,
}

/// <summary>
/// The spec's shape, read once from the records' constructors and their <see cref="SpecFieldAttribute"/>s: what
/// every JSON object holds, in which order, with which names, types and defaults.
/// </summary>
internal static class SpecModel
{
    private static readonly ConcurrentDictionary<Type, SpecObjectModel> Objects = new();

    public static SpecObjectModel Document => Of(typeof(ZeebeClusterDocument));

    public static SpecObjectModel Of(Type recordType) => Objects.GetOrAdd(recordType, type => new SpecObjectModel(type));
}

/// <summary>One spec record: its fields in constructor order, and how to build one from their values.</summary>
internal sealed class SpecObjectModel
{
    private readonly ConstructorInfo constructor;
    private readonly Dictionary<string, SpecFieldModel> byJsonName;
    private readonly Dictionary<string, SpecFieldModel> byClrName;

    public SpecObjectModel(Type type)
    {
        Type = type;
        constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var nullability = new NullabilityInfoContext();
        Fields = [.. constructor.GetParameters().Select(parameter => new SpecFieldModel(type, parameter, nullability))];
        byJsonName = Fields.ToDictionary(f => f.JsonName, StringComparer.Ordinal);
        byClrName = Fields.ToDictionary(f => f.ClrName, StringComparer.Ordinal);
    }

    public Type Type { get; }

    public IReadOnlyList<SpecFieldModel> Fields { get; }

    public SpecFieldModel? Find(string jsonName) => byJsonName.GetValueOrDefault(jsonName);

    /// <summary>The field a record property stands for; throws for a property that is not a spec field.</summary>
    public SpecFieldModel FieldOf(string clrName) =>
        byClrName.GetValueOrDefault(clrName)
        ?? throw new ArgumentException($"{Type.Name}.{clrName} is not a field of the spec", nameof(clrName));

    public object Create(object?[] values) => constructor.Invoke(values);

    /// <summary>
    /// What stands in for the whole object when it cannot be read: every required field a placeholder, every other
    /// field its default, so the rest of the spec can still be validated.
    /// </summary>
    public object Placeholder() => Create([.. Fields.Select(f => f.Fallback())]);
}

/// <summary>One field of a spec record.</summary>
internal sealed class SpecFieldModel
{
    private readonly PropertyInfo property;
    private readonly object? defaultValue;

    public SpecFieldModel(Type record, ParameterInfo parameter, NullabilityInfoContext nullability)
    {
        ClrName = parameter.Name!;
        Type = parameter.ParameterType;
        Declared = parameter.GetCustomAttribute<SpecFieldAttribute>() ?? new SpecFieldAttribute();
        JsonName = Declared.Name ?? JsonNamingPolicy.CamelCase.ConvertName(ClrName);
        property = record.GetProperty(ClrName) ?? throw new InvalidOperationException($"{record.Name}.{ClrName} has no property");
        Kind = KindOf(Type);
        IsNullable = nullability.Create(parameter).ReadState == NullabilityState.Nullable;
        EnumValues = Kind == SpecValueKind.Enum
            ? [.. Type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(f => new SpecEnumValue(f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name, f.GetValue(null)!))]
            : [];
        (IsRequired, defaultValue) = DefaultOf(parameter);
    }

    public string ClrName { get; }

    public string JsonName { get; }

    public Type Type { get; }

    public SpecValueKind Kind { get; }

    /// <summary>JSON <c>null</c> is allowed, and means the same as leaving the field out.</summary>
    public bool IsNullable { get; }

    public bool IsRequired { get; }

    public SpecFieldAttribute Declared { get; }

    public IReadOnlyList<SpecEnumValue> EnumValues { get; }

    public SpecObjectModel Object => Kind switch
    {
        SpecValueKind.Object => SpecModel.Of(Type),
        SpecValueKind.ObjectList => SpecModel.Of(Type.GetGenericArguments()[0]),
        _ => throw new InvalidOperationException($"{JsonName} is not an object"),
    };

    /// <summary>A typed array of bound records, as the record's constructor takes it.</summary>
    public Array ListOf(IReadOnlyList<object> items)
    {
        var array = Array.CreateInstance(Object.Type, items.Count);
        for (var index = 0; index < items.Count; index++)
        {
            array.SetValue(items[index], index);
        }

        return array;
    }

    /// <summary>The most characters the binder reads into this string, or into each value of this map.</summary>
    public int MaxTextLength => Math.Max(SpecLimits.MaxStringLength, Kind == SpecValueKind.StringMap ? Declared.ItemMaxLength : Declared.MaxLength);

    /// <summary>The value of a left-out optional field.</summary>
    public object? Default => IsRequired
        ? throw new InvalidOperationException($"{JsonName} is required and has no default")
        : Fresh(defaultValue);

    public object? ValueIn(object record) => property.GetValue(record);

    /// <summary>What the field gets when it cannot be read: its default, or a placeholder when it is required.</summary>
    public object? Fallback() => IsRequired ? Placeholder() : Default;

    public string WireName(object enumValue) => EnumValues.First(v => v.Value.Equals(enumValue)).Name;

    /// <summary>Why this field may not be set beside <see cref="SpecFieldAttribute.LeftOutWhenSet"/>, at that field's path.</summary>
    public string LeftOutMessage(string decidingFieldPath) => $"must be left out when {decidingFieldPath} is set: {Declared.LeftOutBecause}";

    private object? Placeholder() => Kind switch
    {
        SpecValueKind.String => string.Empty,
        SpecValueKind.Int32 => 0,
        SpecValueKind.Int64 => 0L,
        SpecValueKind.Boolean => false,
        SpecValueKind.Enum => EnumValues[0].Value,
        SpecValueKind.Duration => TimeSpan.Zero,
        SpecValueKind.StringList => Array.Empty<string>(),
        SpecValueKind.StringMap => new Dictionary<string, string>(StringComparer.Ordinal),
        SpecValueKind.ObjectList => ListOf([]),
        _ => Object.Placeholder(),
    };

    /// <summary>Maps are handed out new each time: a bound document never shares one with another.</summary>
    private static object? Fresh(object? value) =>
        value is IReadOnlyDictionary<string, string> { Count: 0 } ? new Dictionary<string, string>(StringComparer.Ordinal) : value;

    private (bool Required, object? Default) DefaultOf(ParameterInfo parameter)
    {
        if (parameter.HasDefaultValue)
        {
            return (false, parameter.DefaultValue);
        }

        if (Declared.Default is { } value)
        {
            return (false, Kind == SpecValueKind.Int64 ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : value);
        }

        if (IsNullable)
        {
            return (false, null);
        }

        if (!Declared.Optional)
        {
            return (true, null);
        }

        return Kind switch
        {
            SpecValueKind.StringList => (false, Array.Empty<string>()),
            SpecValueKind.StringMap => (false, new Dictionary<string, string>(StringComparer.Ordinal)),
            SpecValueKind.ObjectList => (false, ListOf([])),
            SpecValueKind.Object => (false, Type.GetProperty("Default", BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
                ?? throw new InvalidOperationException($"{Type.Name} has no static Default for the optional field {JsonName}")),
            _ => throw new InvalidOperationException($"The optional field {JsonName} needs a Default"),
        };
    }

    private static SpecValueKind KindOf(Type declared) => KindOfValue(Nullable.GetUnderlyingType(declared) ?? declared);

    private static SpecValueKind KindOfValue(Type type) => type switch
    {
        _ when type == typeof(string) => SpecValueKind.String,
        _ when type == typeof(int) => SpecValueKind.Int32,
        _ when type == typeof(long) => SpecValueKind.Int64,
        _ when type == typeof(bool) => SpecValueKind.Boolean,
        _ when type == typeof(TimeSpan) => SpecValueKind.Duration,
        _ when type.IsEnum => SpecValueKind.Enum,
        _ when type == typeof(IReadOnlyList<string>) => SpecValueKind.StringList,
        _ when type == typeof(IReadOnlyDictionary<string, string>) => SpecValueKind.StringMap,
        _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) && type.GetGenericArguments()[0].IsClass => SpecValueKind.ObjectList,
        _ when type.IsClass => SpecValueKind.Object,
        _ => throw new NotSupportedException($"Spec fields of type {type.Name} are not supported"),
    };
}

/// <summary>An enum member and its JSON spelling.</summary>
internal sealed record SpecEnumValue(string Name, object Value);
