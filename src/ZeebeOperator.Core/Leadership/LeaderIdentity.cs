namespace ZeebeOperator.Core.Leadership;

/// <summary>The default name of this instance in the lease.</summary>
public static class LeaderIdentity
{
    /// <summary>
    /// On ECS the task's id (the last segment of <c>ECS_CONTAINER_METADATA_URI_V4</c> starts with it), else
    /// <c>{host name}-{process id}</c>. Either way unique per running process, which is what the lease needs.
    /// </summary>
    public static string Default(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (environment("ECS_CONTAINER_METADATA_URI_V4") is { Length: > 0 } metadata
            && Uri.TryCreate(metadata, UriKind.Absolute, out var uri)
            && uri.Segments.LastOrDefault()?.Trim('/') is { Length: > 0 } segment)
        {
            return $"ecs-{segment}-{Environment.ProcessId}";
        }

        return $"{Environment.MachineName}-{Environment.ProcessId}";
    }
}
