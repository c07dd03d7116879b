using System.Globalization;
using ZeebeOperator.Simulation.Chaos;

namespace ZeebeOperator.Soak;

/// <summary>The soak's figures as a plain two-column table.</summary>
internal static class SoakTable
{
    private const int MaxViolationsShown = 20;

    public static void Write(TextWriter output, SoakReport report)
    {
        var rows = new List<(string Figure, string Value)>
        {
            ("seed", Format(report.Seed)),
            ("steps", Format(report.Steps)),
            ("wall time", $"{report.WallTime.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s"),
            ("simulated time", report.SimulatedTime.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture)),
            ("calls through chaos", Format(report.Calls)),
        };
        rows.AddRange(report.Faults.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => ($"faults: {f.Key}", Format(f.Value))));
        rows.Add(("operator kills (restarts with empty memory)", Format(report.Kills)));
        rows.Add(("lost responses", Format(report.LostResponses)));
        rows.Add(("broker tasks stopped", Format(report.BrokerTasksStopped)));
        rows.Add(("spec changes: scale 3<->5", Format(report.ScaleChanges)));
        foreach (var (state, count) in (report.Backups ?? new Dictionary<string, int>()).OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            rows.Add(($"backups taken: {state}", Format(count)));
        }

        rows.Add(("spec changes: image upgrade", Format(report.ImageUpgrades)));
        rows.Add(("spec changes: partitions / replication", Format(report.PartitionChanges)));
        rows.Add(("coordinator stopped during a change", Format(report.CoordinatorStops)));
        rows.Add(("broker restarts by the operator (checked)", Format(report.BrokerRestarts)));
        rows.Add(("Zeebe changes accepted (checked)", Format(report.ZeebeChangesAccepted)));
        rows.AddRange(report.ReconcileOutcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => ($"reconciles: {o.Key}", Format(o.Value))));
        rows.AddRange(report.ReconcileExceptions.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => ($"reconciles ended by {o.Key}", Format(o.Value))));
        rows.Add(("foreign resources watched", Format(report.ForeignResources)));
        rows.Add(("audited mutating calls", Format(report.AuditedMutations)));
        rows.Add(("calm phases", Format(report.ResyncsToConverge.Count)));
        rows.Add(("resyncs to converge: max", Format(report.MaxResyncsToConverge)));
        rows.Add(("resyncs to converge: mean", report.ResyncsToConverge.Count == 0 ? "-" : report.ResyncsToConverge.Average().ToString("0.0", CultureInfo.InvariantCulture)));
        rows.AddRange(report.ViolationsByInvariant.Select(v => ($"violations: {v.Key}", Format(v.Value))));
        rows.Add(("violations: total", Format(report.ViolationCount)));

        var width = rows.Max(r => r.Figure.Length);
        output.WriteLine($"| {"figure".PadRight(width)} | value");
        output.WriteLine($"|-{new string('-', width)}-|------");
        foreach (var (figure, value) in rows)
        {
            output.WriteLine($"| {figure.PadRight(width)} | {value}");
        }

        foreach (var violation in report.Violations.Take(MaxViolationsShown))
        {
            output.WriteLine($"VIOLATION {violation}");
        }
    }

    private static string Format(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
