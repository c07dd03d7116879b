namespace ZeebeOperator.Core.Spec;

/// <summary>
/// A broker setting the operator renders itself, by the Spring properties Camunda binds it from: the unified
/// (8.8+) and legacy (<c>zeebe.broker.*</c>) names, plus other properties Camunda documents for the same thing.
/// Property names are written in Spring's canonical dashed form (Zeebe's <c>nodeId</c> binds as <c>node-id</c>).
/// </summary>
public sealed record OwnedBrokerSetting(string Description, string UnifiedProperty, string LegacyProperty, IReadOnlyList<string> OtherProperties)
{
    public string UnifiedVariable => SpringEnvironmentNames.Canonical(UnifiedProperty);

    public string LegacyVariable => SpringEnvironmentNames.Canonical(LegacyProperty);

    /// <summary>Every environment variable name Spring would bind to this setting (compare them case-insensitively).</summary>
    public IEnumerable<string> BoundVariables =>
        new[] { UnifiedProperty, LegacyProperty }.Concat(OtherProperties).SelectMany(SpringEnvironmentNames.BindingTo).Distinct(StringComparer.Ordinal);

    public string VariableFor(EnvironmentNaming naming) => naming == EnvironmentNaming.Legacy ? LegacyVariable : UnifiedVariable;
}

/// <summary>How Spring Boot's system environment source maps a property name to environment variable names.</summary>
internal static class SpringEnvironmentNames
{
    /// <summary>Dashes dropped, dots to underscores, upper case: <c>camunda.data.primary-storage.directory</c> → <c>CAMUNDA_DATA_PRIMARYSTORAGE_DIRECTORY</c>.</summary>
    public static string Canonical(string property) => property.Replace("-", string.Empty, StringComparison.Ordinal).Replace('.', '_').ToUpperInvariant();

    /// <summary>The canonical name and Spring's legacy one, with dashes as underscores (<c>CAMUNDA_DATA_PRIMARY_STORAGE_DIRECTORY</c>).</summary>
    public static IEnumerable<string> BindingTo(string property) =>
        [Canonical(property), property.Replace('-', '_').Replace('.', '_').ToUpperInvariant()];
}
