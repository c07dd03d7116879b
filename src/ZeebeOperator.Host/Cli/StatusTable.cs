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

        return new Rows(parts);
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
