using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Tests.Support;
using static ZeebeOperator.Core.Tests.Support.StatusPass;

namespace ZeebeOperator.Core.Tests.Reconciliation;

/// <summary>The status written when the spec cannot be used: it says why and keeps what the last good pass recorded.</summary>
public sealed class SpecProblemStatusTests
{
    private static ClusterStatus LastGoodPass()
    {
        var desired = Render(TestSpecs.Orders());
        var status = StatusAfter(Inspect(desired, ObservedStates.Converged(desired)));
        return status with { SpecETag = "etag-good", Pending = ["node 1: image camunda/camunda:8.8.3 -> camunda/camunda:8.8.4 — after node 2 is back"] };
    }

    [Fact]
    public void A_bad_spec_names_the_ETag_of_the_spec_that_was_read_and_keeps_what_was_known_of_the_cluster()
    {
        var previous = LastGoodPass();

        var status = StatusCalculator.SpecProblem("orders", "etag-bad", "InvalidSpec", "spec.clusterSize: must be at least 1", previous, Now.AddMinutes(1));

        Assert.Equal("etag-bad", status.SpecETag);
        Assert.Equal(previous.Nodes, status.Nodes);
        Assert.Equal(previous.Pending, status.Pending);
        Assert.Equal((ConditionStatus.True, "InvalidSpec"), (status.Degraded().Status, status.Degraded().Reason));
    }

    [Fact]
    public void A_spec_that_could_not_be_read_keeps_the_ETag_of_the_last_one_applied()
    {
        var status = StatusCalculator.SpecProblem("orders", null, "SpecUnreadable", "not JSON", LastGoodPass(), Now.AddMinutes(1));

        Assert.Equal("etag-good", status.SpecETag);
    }

    [Fact]
    public void A_bad_first_spec_has_nothing_applied_and_nothing_pending()
    {
        var status = StatusCalculator.SpecProblem("orders", "etag-bad", "InvalidSpec", "spec.clusterSize: must be at least 1", null, Now);

        Assert.Equal((ConditionStatus.Unknown, "NoSpecApplied"), (status.Ready().Status, status.Ready().Reason));
        Assert.Empty(status.Nodes);
        Assert.NotNull(status.Pending);
        Assert.Empty(status.Pending);
    }
}
