using System.Globalization;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Host.Cli;

/// <summary>
/// A cluster as the stores know it: its stored spec (if any) and the status the operator last wrote (if any). The
/// spec's facts come from its document; a stored spec that is not valid has none.
/// </summary>
internal sealed record ClusterSnapshot(string Name, SpecObject? Object, StoredSpec? Spec, ClusterStatus? Status)
{
    public ZeebeClusterDocument? Document => Spec?.Document;

    public long? Generation => Document?.Metadata.Generation;

    public bool DeletionRequested => Document?.Metadata.DeletionRequested == true;

    public int? ClusterSize => Document?.Spec.ClusterSize;

    public int? ReadyNodes => Status?.Nodes.Count(n => n.Ready);

    public bool Exists => Spec is not null || Status is not null;

    /// <summary>The conditions worth a glance: Ready, or why not; what is in progress; what is degraded.</summary>
    public string ConditionSummary()
    {
        if (Status is null)
        {
            return Spec is null ? "-" : "no status yet";
        }

        var parts = new List<string>();
        var ready = Status.Find(ConditionTypes.Ready);
        parts.Add(ready?.Status == ConditionStatus.True ? "Ready" : $"NotReady({ready?.Reason ?? "Unknown"})");
        if (Status.Find(ConditionTypes.Progressing) is { Status: ConditionStatus.True } progressing)
        {
            parts.Add($"Progressing({progressing.Reason})");
        }

        if (Status.Find(ConditionTypes.Degraded) is { Status: ConditionStatus.True } degraded)
        {
            parts.Add($"Degraded({degraded.Reason})");
        }

        if (DeletionRequested)
        {
            parts.Add("DeletionRequested");
        }

        return string.Join(", ", parts);
    }

    /// <summary>Every cluster with a spec or a status, by name.</summary>
    public static async Task<IReadOnlyList<ClusterSnapshot>> ListAsync(SpecStores stores, CancellationToken cancellationToken)
    {
        var objects = (await stores.Specs.ListAsync(cancellationToken))
            .Select(o => (Name: SpecKeys.ClusterNameOf(o.Key), Object: o))
            .Where(o => o.Name is not null)
            .ToDictionary(o => o.Name!, o => o.Object, StringComparer.Ordinal);
        var statuses = (await stores.Status.ListAsync(cancellationToken)).ToDictionary(s => s.ClusterName, StringComparer.Ordinal);
        var snapshots = new List<ClusterSnapshot>();
        foreach (var name in objects.Keys.Union(statuses.Keys).Order(StringComparer.Ordinal))
        {
            var spec = objects.TryGetValue(name, out var listed) ? await StoredSpecs.TryGetAsync(stores.Specs, listed.Key, cancellationToken) : null;
            snapshots.Add(new ClusterSnapshot(name, listed, spec, statuses.GetValueOrDefault(name)));
        }

        return snapshots;
    }

    public static async Task<ClusterSnapshot> GetAsync(SpecStores stores, string name, CancellationToken cancellationToken)
    {
        var key = SpecKeys.KeyFor(name);
        var spec = await StoredSpecs.TryGetAsync(stores.Specs, key, cancellationToken);
        var listed = spec is null ? null : (await stores.Specs.ListAsync(cancellationToken)).FirstOrDefault(o => o.Key == key);
        return new ClusterSnapshot(name, listed, spec, await stores.Status.GetAsync(name, cancellationToken));
    }
}

/// <summary>kubectl-style ages: 45s, 12m, 3h, 5d.</summary>
internal static class Ages
{
    public static string Format(DateTimeOffset? since, DateTimeOffset now)
    {
        if (since is null)
        {
            return "-";
        }

        var age = now - since.Value;
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }

        return age switch
        {
            { TotalMinutes: < 2 } => $"{(int)age.TotalSeconds}s",
            { TotalHours: < 2 } => $"{(int)age.TotalMinutes}m",
            { TotalDays: < 2 } => $"{(int)age.TotalHours}h",
            _ => $"{(int)age.TotalDays}d",
        };
    }

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
