namespace ZeebeOperator.Core.Spec;

/// <summary>Hard caps that keep hostile or accidental input cheap to reject.</summary>
public static class SpecLimits
{
    public const int MaxDocumentLength = 1024 * 1024;
    public const int MaxJsonDepth = 64;
    public const int MaxStringLength = 2048;
    public const int MaxEnvValueLength = 32 * 1024;

    /// <summary>Cloud Map's <c>ResourceId</c>, which namespace IDs are, is at most 64 characters long.</summary>
    public const int MaxNamespaceIdLength = 64;
}
