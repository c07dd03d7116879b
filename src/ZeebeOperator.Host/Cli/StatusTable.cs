using Spectre.Console;
using Spectre.Console.Rendering;
using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Host.Cli;

/// <summary>The <c>run</c> status display: one summary row per cluster, then a table of each cluster's nodes.</summary>
internal static class StatusTable
{
    private const string None = "-";

    public static IRenderable Render(ClusterOverview overview)
    {
        var summary = new Table().Title("Zeebe clusters")
            .AddColumns("Cluster", "Generation", "Ready", "Progressing", "Degraded", "Ready nodes");
        foreach (var cluster in overview.Clusters)
        {
            var status = cluster.Status;
            summary.AddRow(
                new Text(cluster.ClusterName),
                new Text(status is null ? None : status.ObservedGeneration.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ConditionCell(status, ConditionTypes.Ready, healthyWhenTrue: true),
                ConditionCell(status, ConditionTypes.Progressing, healthyWhenTrue: null),
                ConditionCell(status, ConditionTypes.Degraded, healthyWhenTrue: false),
                new Text(status is null ? None : $"{status.Nodes.Count(n => n.Ready)}/{status.Nodes.Count}"));
        }

        var parts = new List<IRenderable> { summary };
        foreach (var cluster in overview.Clusters.Where(c => c.Status is { Nodes.Count: > 0 }))
        {
            var nodes = new Table().Title($"{cluster.ClusterName}: nodes")
                .AddColumns("Node", "DNS name", "Service", "Task", "Access point", "Ready");
            foreach (var node in cluster.Status!.Nodes.OrderBy(n => n.NodeId))
            {
                nodes.AddRow(
                    node.NodeId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    node.DnsName,
                    node.ServiceName ?? None,
                    node.TaskStatus ?? None,
                    node.AccessPointId ?? None,
                    node.Ready ? "yes" : "no");
            }

            parts.Add(nodes);
        }

        foreach (var cluster in overview.Clusters.Where(c => c.Status is not null))
        {
            parts.AddRange(Details(cluster.ClusterName, cluster.Status!).Select(line => new Markup(line)));
        }

        return new Rows(parts);
    }

    /// <summary>What a user needs to know beyond the tables: why it is degraded, what it waits for, Zeebe's change.</summary>
    private static IEnumerable<string> Details(string clusterName, ClusterStatus status)
    {
        var name = Markup.Escape(clusterName);
        if (status.Find(ConditionTypes.Degraded) is { Status: ConditionStatus.True } degraded)
        {
            yield return $"[red]{name}: {Markup.Escape(degraded.Reason)}:[/] {Markup.Escape(degraded.Message)}";
        }

        if (status.Find(ConditionTypes.Progressing) is { Status: ConditionStatus.True } progressing)
        {
            yield return $"{name}: {Markup.Escape(progressing.Message)}";
        }

        if (status.TopologyChange is { } change)
        {
            yield return Markup.Escape(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{clusterName}: topology change #{change.Id} ({change.Operation}): {change.Status}, {change.CompletedOperations} operation(s) done, {change.PendingOperations} left"));
        }

        foreach (var pending in status.Pending ?? [])
        {
            yield return $"{name}: pending: {Markup.Escape(pending)}";
        }
    }

    /// <param name="healthyWhenTrue">Colour True green (true) or red (false); null leaves it plain.</param>
    private static Markup ConditionCell(ClusterStatus? status, string type, bool? healthyWhenTrue)
    {
        var condition = status?.Find(type);
        if (condition is null)
        {
            return new Markup(Markup.Escape("Unknown"));
        }

        var text = condition.Reason.Length == 0
            ? condition.Status.ToString()
            : $"{condition.Status} ({condition.Reason})";
        var colour = (healthyWhenTrue, condition.Status) switch
        {
            (null, _) or (_, ConditionStatus.Unknown) => null,
            (true, ConditionStatus.True) or (false, ConditionStatus.False) => "green",
            _ => "red",
        };
        return colour is null ? new Markup(Markup.Escape(text)) : new Markup($"[{colour}]{Markup.Escape(text)}[/]");
    }
}
