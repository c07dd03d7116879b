using System.Globalization;
using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Simulation.Chaos;

/// <summary>
/// Looks at the simulated account directly (no call logged, no fault applied) and reports every broken safety property.
/// Resources present at <see cref="RecordForeignResources"/> belong to someone else and must never change.
/// </summary>
public sealed partial class InvariantChecker(SimulatedAws aws, AuditLedger ledger)
{
    private readonly Dictionary<string, string> _foreign = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ownedAccessPoints = new(StringComparer.Ordinal);
    private int _unauditedReported;

    public int ForeignResourceCount => _foreign.Count;

    /// <summary>Fingerprints everything in the account now: from here on, none of it may change.</summary>
    public void RecordForeignResources()
    {
        _foreign.Clear();
        foreach (var (key, fingerprint) in Fingerprints())
        {
            _foreign[key] = fingerprint;
        }
    }

    /// <param name="accessPointDeletionAllowed">Whether the spec asks for deletion with data removal (then our access points may go).</param>
    public IReadOnlyList<InvariantViolation> Check(long step, IReadOnlySet<string> clusters, bool accessPointDeletionAllowed = false)
    {
        var violations = new List<InvariantViolation>();
        CheckRunningTasks(step, clusters, violations);
        CheckDuplicates(step, clusters, violations);
        CheckForeign(step, violations);
        CheckAccessPoints(step, clusters, accessPointDeletionAllowed, violations);
        CheckAudit(step, violations);
        CheckRestarts(step, clusters, violations);
        CheckChangesAskedOnce(step, clusters, violations);
        CheckBackups(step, clusters, violations);
        return violations;
    }

    /// <summary>Zeebe refuses a backup during a topology change; the operator must not start a change during a backup either.</summary>
    private void CheckBackups(long step, IReadOnlySet<string> clusters, List<InvariantViolation> violations)
    {
        foreach (var cluster in clusters.Order(StringComparer.Ordinal))
        {
            if (aws.Zeebe.Cluster.Inspect(cluster)?.PendingChange is { } change
                && aws.Zeebe.Cluster.InspectBackups(cluster).FirstOrDefault(b => b.State == Core.Zeebe.BackupState.InProgress) is { } backup)
            {
                violations.Add(new(step, Invariants.NoBackupDuringTopologyChange,
                    string.Create(CultureInfo.InvariantCulture, $"{cluster}: backup #{backup.BackupId} runs during topology change #{change.Id}")));
            }
        }
    }

    private void CheckRunningTasks(long step, IReadOnlySet<string> clusters, List<InvariantViolation> violations)
    {
        var byNode = aws.Ecs.RunningTasks()
            .Select(t => (Task: t, Owner: Owner(t.Definition.Definition.Tags)))
            .Where(t => t.Owner is { } owner && clusters.Contains(owner.Cluster))
            .GroupBy(t => t.Owner!.Value);
        foreach (var node in byNode.Where(g => g.Count() > 1))
        {
            violations.Add(new(step, Invariants.OneTaskPerNode,
                $"{node.Key.Cluster} node {node.Key.NodeId} runs {node.Count()} tasks: {string.Join(", ", node.Select(t => $"{t.Task.ServiceName}/{t.Task.Task.TaskArn}"))}"));
        }
    }

    private void CheckDuplicates(long step, IReadOnlySet<string> clusters, List<InvariantViolation> violations)
    {
        var accessPoints = aws.Efs.AllAccessPoints()
            .Where(a => a.LifeCycleState is not (AccessPointLifeCycle.Deleted or AccessPointLifeCycle.Deleting))
            .Select(a => (Kind: "access point", a.AccessPointId, Owner: Owner(a.Tags)));
        var discovery = aws.ServiceDiscovery.AllServices().Select(s => (Kind: "Cloud Map service", s.Service.Id, Owner: Owner(s.Tags)));
        var services = aws.Ecs.ClusterNames
            .SelectMany(c => aws.Ecs.ListServices(c))
            .Where(s => s.Status != EcsServiceStatus.Inactive)
            .Select(s => (Kind: "ECS service", s.ServiceName, Owner: Owner(s.Tags)));
        foreach (var group in accessPoints.Concat(discovery).Concat(services)
            .Where(r => r.Owner is { } owner && clusters.Contains(owner.Cluster))
            .GroupBy(r => (r.Kind, r.Owner))
            .Where(g => g.Count() > 1))
        {
            violations.Add(new(step, Invariants.NoDuplicateResource,
                $"{group.Count()} of {group.Key.Owner!.Value.Cluster} node {group.Key.Owner!.Value.NodeId}'s {group.Key.Kind}: {string.Join(", ", group.Select(g => g.Item2))}"));
        }

        foreach (var name in aws.ServiceDiscovery.AllServices().GroupBy(s => (s.Service.NamespaceId, s.Service.Name)).Where(g => g.Count() > 1))
        {
            violations.Add(new(step, Invariants.NoDuplicateResource, $"{name.Count()} Cloud Map services named {name.Key.Name} in {name.Key.NamespaceId}"));
        }
    }

    private void CheckForeign(long step, List<InvariantViolation> violations)
    {
        var now = Fingerprints();
        foreach (var (key, fingerprint) in _foreign.ToArray())
        {
            var current = now.GetValueOrDefault(key);
            if (current != fingerprint)
            {
                violations.Add(new(step, Invariants.ForeignResourcesUntouched,
                    current is null ? $"{key} is gone" : $"{key} changed from [{fingerprint}] to [{current}]"));
                _foreign[key] = current ?? string.Empty;
            }
        }
    }

    private void CheckAccessPoints(long step, IReadOnlySet<string> clusters, bool deletionAllowed, List<InvariantViolation> violations)
    {
        var live = aws.Efs.AllAccessPoints()
            .Where(a => a.LifeCycleState is not (AccessPointLifeCycle.Deleted or AccessPointLifeCycle.Deleting)
                && Owner(a.Tags) is { } owner && clusters.Contains(owner.Cluster))
            .Select(a => a.AccessPointId)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _ownedAccessPoints.Where(id => !live.Contains(id)).Order(StringComparer.Ordinal))
        {
            if (!deletionAllowed)
            {
                violations.Add(new(step, Invariants.AccessPointsKept, $"access point {gone} was deleted though neither deletion nor data removal was requested"));
            }
        }

        _ownedAccessPoints.Clear();
        _ownedAccessPoints.UnionWith(live);
    }

    private void CheckAudit(long step, List<InvariantViolation> violations)
    {
        var unaudited = ledger.Unaudited;
        for (var i = _unauditedReported; i < unaudited.Count; i++)
        {
            violations.Add(new(step, Invariants.MutationsAudited, $"{unaudited[i]} was called with no audit intent on record"));
        }

        _unauditedReported = unaudited.Count;
    }

    private Dictionary<string, string> Fingerprints()
    {
        var prints = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in aws.Efs.AllAccessPoints())
        {
            prints[$"access point {a.AccessPointId}"] = $"{a.FileSystemId} {a.RootPath} {a.LifeCycleState} {Tags(a.Tags)}";
        }

        foreach (var (service, tags) in aws.ServiceDiscovery.AllServices())
        {
            prints[$"Cloud Map service {service.Id}"] = $"{service.Name} {service.NamespaceId} {service.DnsTtlSeconds} {service.Description} {Tags(tags)}";
        }

        foreach (var revision in aws.Ecs.AllTaskDefinitions())
        {
            prints[$"task definition {revision.Arn}"] = $"{revision.Status} {Tags(revision.Definition.Tags)}";
        }

        foreach (var cluster in aws.Ecs.ClusterNames)
        {
            foreach (var s in aws.Ecs.ListServices(cluster))
            {
                prints[$"ECS service {cluster}/{s.ServiceName}"] =
                    $"{s.Status} {s.TaskDefinition} {s.DesiredCount} {string.Join(",", s.ServiceRegistries.Select(r => r.RegistryArn))} {Tags(s.Tags)}";
            }
        }

        return prints;
    }

    private static string Tags(IReadOnlyDictionary<string, string> tags) =>
        string.Join(",", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));

    private static (string Cluster, int NodeId)? Owner(IReadOnlyDictionary<string, string> tags) =>
        tags.GetValueOrDefault(TagKeys.ManagedBy) == TagKeys.ManagedByValue
        && tags.GetValueOrDefault(TagKeys.Cluster) is { } cluster
        && int.TryParse(tags.GetValueOrDefault(TagKeys.NodeId), NumberStyles.None, CultureInfo.InvariantCulture, out var nodeId)
            ? (cluster, nodeId)
            : null;
}
