namespace ZeebeOperator.Core.Spec;

/// <summary>Decides which broker setting names to render: the unified ones from 8.8 on, the legacy ones before.</summary>
public static class EnvironmentNamingResolver
{
    public static ImageVersion FirstUnifiedVersion { get; } = new(8, 8, 0);

    /// <summary>Returns <see cref="EnvironmentNaming.Unified"/> or <see cref="EnvironmentNaming.Legacy"/>, never Auto.</summary>
    public static EnvironmentNaming Resolve(EnvironmentNaming requested, string image) => requested switch
    {
        EnvironmentNaming.Auto => ImageVersion.FromImage(image) is { } version && version < FirstUnifiedVersion
            ? EnvironmentNaming.Legacy
            : EnvironmentNaming.Unified,
        _ => requested,
    };

    public static EnvironmentNaming Resolve(ZeebeClusterSpec spec) => Resolve(spec.EnvironmentNaming, spec.Image);
}
