using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using ZeebeOperator.Core.Desired;

namespace ZeebeOperator.Simulation.Zeebe;

/// <summary>
/// A broker's management address, <c>http://{cluster}-broker-{n}.{namespace}:9600</c> (the names the operator gives
/// its Cloud Map services), and the one place that reads a cluster name and node id back out of such a URI.
/// </summary>
public sealed partial record ZeebeBrokerAddress(string ClusterName, int NodeId, string NamespaceName)
{
    public Uri ToUri() =>
        new(string.Create(
            CultureInfo.InvariantCulture,
            $"http://{ResourceNames.DnsName(ClusterName, NodeId, NamespaceName)}:{BrokerPorts.Management}"));

    /// <summary>
    /// Reads the first DNS label as <c>{cluster}-broker-{n}</c> (the last <c>-broker-</c> wins, so cluster names may
    /// contain it) and the rest of the host as the namespace. Hosts are case-insensitive, so the cluster name comes
    /// back in lower case.
    /// </summary>
    public static bool TryParse(Uri uri, [NotNullWhen(true)] out ZeebeBrokerAddress? address)
    {
        address = null;
        if (!uri.IsAbsoluteUri || uri.HostNameType != UriHostNameType.Dns)
        {
            return false;
        }

        var host = uri.Host;
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        var label = dot < 0 ? host : host[..dot];
        var match = BrokerLabel().Match(label);
        if (!match.Success
            || !int.TryParse(match.Groups["node"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var nodeId))
        {
            return false;
        }

        address = new ZeebeBrokerAddress(match.Groups["cluster"].Value, nodeId, dot < 0 ? string.Empty : host[(dot + 1)..]);
        return true;
    }

    [GeneratedRegex(@"^(?<cluster>.+)-broker-(?<node>[0-9]{1,9})$", RegexOptions.CultureInvariant)]
    private static partial Regex BrokerLabel();
}
