using System.Text;
using ZeebeOperator.Core.Status;

namespace ZeebeOperator.Host.Cli;

/// <summary>One spec'd cluster and the status the operator last wrote for it (null: none yet).</summary>
internal sealed record ClusterView(string ClusterName, ClusterStatus? Status)
{
    public bool IsReady => Status?.IsReady == true;
}

/// <summary>What <c>run</c> shows and waits on: every spec'd cluster with its status.</summary>
internal sealed record ClusterOverview(IReadOnlyList<ClusterView> Clusters)
{
    /// <summary>True when there is at least one cluster and every one is Ready.</summary>
    public bool AllReady => Clusters.Count > 0 && Clusters.All(c => c.IsReady);

    /// <summary>Everything a table shows, timestamps aside: the table is printed again only when this changes.</summary>
    public string Fingerprint()
    {
        var text = new StringBuilder();
        foreach (var cluster in Clusters)
        {
            text.Append(cluster.ClusterName).Append('|');
            if (cluster.Status is { } status)
            {
                text.Append(status.ObservedGeneration).Append('|');
                foreach (var condition in status.Conditions)
                {
                    text.Append(condition.Type).Append('=').Append(condition.Status).Append('/').Append(condition.Reason).Append('|');
                }

                foreach (var node in status.Nodes)
                {
                    text.Append(node).Append('|');
                }
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
