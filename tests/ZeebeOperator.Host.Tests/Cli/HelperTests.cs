using ZeebeOperator.Core.Status;
using ZeebeOperator.Host.Cli;
using ZeebeOperator.Host.Tests.Support;

namespace ZeebeOperator.Host.Tests.Cli;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("10m", 600_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5m", 90_000)]
    [InlineData("00:10:00", 600_000)]
    [InlineData(" 2S ", 2_000)]
    public void Parses_suffixes_and_timespans(string text, long expectedMs)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), duration);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("")]
    [InlineData("-5s")]
    [InlineData("-00:00:05")]
    public void Rejects_anything_else(string text) => Assert.False(Durations.TryParse(text, out _));
}

public sealed class SpecFilesTests
{
    [Theory]
    [InlineData("""{ "kind": "ZeebeCluster" }""", true)]
    [InlineData("""{ "kind": "ZeebeCluster", }""", true)]
    [InlineData("""{ "kind": "zeebecluster" }""", false)]
    [InlineData("""{ "AWSTemplateFormatVersion": "2010-09-09" }""", false)]
    [InlineData("""[ { "kind": "ZeebeCluster" } ]""", false)]
    [InlineData("""{ "kind": 1 }""", false)]
    [InlineData("not json", false)]
    public void Recognises_ZeebeCluster_documents(string json, bool expected) =>
        Assert.Equal(expected, SpecFiles.IsZeebeCluster(json));

    [Fact]
    public void Finds_only_top_level_ZeebeCluster_files_named_after_their_cluster()
    {
        using var folder = new TempDirectory();
        folder.Write("orders.json", Specs.ClusterJson);
        folder.Write("broken.json", "{");
        folder.Write("template.json", """{ "Resources": {} }""");
        folder.Write("nested/payments.json", Specs.ClusterJson);
        folder.Write("readme.md", Specs.ClusterJson);

        var found = SpecFiles.FindClusterSpecs(folder.Path);

        var spec = Assert.Single(found);
        Assert.Equal("orders", spec.ClusterName);
        Assert.Equal(Path.Combine(folder.Path, "orders.json"), spec.Path);
    }
}

public sealed class ClusterOverviewTests
{
    [Fact]
    public void All_ready_needs_a_Ready_status_for_every_cluster()
    {
        Assert.True(new ClusterOverview([new("orders", Specs.Status("orders", ready: true))]).AllReady);
        Assert.False(new ClusterOverview([new("orders", Specs.Status("orders", ready: true)), new("payments", null)]).AllReady);
        Assert.False(new ClusterOverview([new("orders", Specs.Status("orders", ready: false))]).AllReady);
        Assert.False(new ClusterOverview([]).AllReady);
    }

    [Fact]
    public void The_fingerprint_ignores_timestamps_but_not_conditions()
    {
        var status = Specs.Status("orders", ready: false);
        var later = status with { UpdatedAt = DateTimeOffset.UnixEpoch.AddHours(1) };
        var ready = Specs.Status("orders", ready: true);

        var fingerprint = new ClusterOverview([new("orders", status)]).Fingerprint();

        Assert.Equal(fingerprint, new ClusterOverview([new("orders", later)]).Fingerprint());
        Assert.NotEqual(fingerprint, new ClusterOverview([new("orders", ready)]).Fingerprint());
    }
}

public sealed class StatusTableTests
{
    [Fact]
    public void Shows_the_summary_and_each_node()
    {
        using var console = new CapturedConsole();
        var overview = new ClusterOverview(
        [
            new("orders", Specs.Status("orders", ready: true)),
            new("payments", null),
        ]);

        console.Console.Ansi.Write(StatusTable.Render(overview));

        var text = console.Tables;
        var orders = text.Split('\n').First(line => line.Contains("orders ", StringComparison.Ordinal));
        Assert.Contains("True (AllNodesReady)", orders, StringComparison.Ordinal);
        Assert.Contains("False (Converged)", orders, StringComparison.Ordinal);
        Assert.Contains("3/3", orders, StringComparison.Ordinal);
        var payments = text.Split('\n').First(line => line.Contains("payments", StringComparison.Ordinal));
        Assert.Contains("Unknown", payments, StringComparison.Ordinal);
        var node = text.Split('\n').First(line => line.Contains("orders-broker-1.zeebe.internal", StringComparison.Ordinal));
        Assert.Contains("RUNNING", node, StringComparison.Ordinal);
        Assert.Contains("fsap-001", node, StringComparison.Ordinal);
        Assert.Contains("orders-broker-1 ", node, StringComparison.Ordinal);
    }

    [Fact]
    public void Says_why_a_cluster_is_degraded_what_it_waits_for_and_how_far_zeebe_got()
    {
        using var console = new CapturedConsole();
        var status = Specs.Status("orders", ready: false) with
        {
            Conditions =
            [
                new Condition(ConditionTypes.Ready, ConditionStatus.False, "ScalingInProgress", "3/5 brokers running", DateTimeOffset.UnixEpoch),
                new Condition(ConditionTypes.Progressing, ConditionStatus.True, "TopologyChangeInProgress", "topology change #4: 2 operation(s) done, 6 to go", DateTimeOffset.UnixEpoch),
                new Condition(ConditionTypes.Degraded, ConditionStatus.True, "OwnershipConflict", "node 1: ECS service orders-broker-1 exists without the operator's ownership tags", DateTimeOffset.UnixEpoch),
            ],
            TopologyChange = new TopologyChangeStatus(4, "add brokers 3,4", "IN_PROGRESS", 2, 6, 3),
            Pending = ["node 2: image a -> b — held until the maintenance window opens at 2026-11-29 02:00 UTC"],
        };

        console.Console.Ansi.Write(StatusTable.Render(new ClusterOverview([new("orders", status)])));

        var text = console.Tables;
        Assert.Contains("orders: OwnershipConflict: node 1: ECS service orders-broker-1 exists without", text, StringComparison.Ordinal);
        Assert.Contains("orders: topology change #4: 2 operation(s) done, 6 to go", text, StringComparison.Ordinal);
        Assert.Contains("orders: topology change #4 (add brokers 3,4): IN_PROGRESS, 2 operation(s) done, 6 left", text, StringComparison.Ordinal);
        Assert.Contains("orders: pending: node 2: image a -> b", text, StringComparison.Ordinal);
    }
}
