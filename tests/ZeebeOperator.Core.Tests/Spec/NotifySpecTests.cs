using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Tests.Spec;

/// <summary><c>spec.notify</c>: the opt-out, and the extra ECS clusters where subscriber tasks are looked for.</summary>
public sealed class NotifySpecTests
{
    private const string Arn = "arn:aws:ecs:eu-west-1:123456789012:cluster/";

    [Fact]
    public void A_notify_section_parses()
    {
        var notify = SpecAssert.Valid(SpecJson.Create().SetRaw("spec.notify", $$"""{"enabled":false,"ecsClusters":["gateways","{{Arn}}workers"]}""").Parse()).Spec.Notify!;

        Assert.False(notify.Enabled);
        Assert.Equal(["gateways", Arn + "workers"], notify.EcsClusters);
    }

    [Fact]
    public void Left_out_the_cluster_is_notified_and_subscribers_are_looked_for_in_its_own_ecs_cluster()
    {
        var spec = SpecAssert.Valid(SpecJson.Create().Remove("spec.notify").Parse()).Spec;
        var empty = SpecAssert.Valid(SpecJson.Create().SetRaw("spec.notify", "{}").Parse()).Spec;

        Assert.Null(spec.Notify);
        Assert.True(NotifySpec.IsEnabled(spec.Notify));
        Assert.Equal(["camunda"], NotifySpec.EcsClustersOf(spec.Notify, spec.Placement.EcsCluster));
        Assert.Equal((true, 0), (empty.Notify!.Enabled, empty.Notify.EcsClusters.Count));
        Assert.Equal(["camunda", "gateways"], NotifySpec.EcsClustersOf(empty.Notify with { EcsClusters = ["gateways"] }, "camunda"));
    }

    [Theory]
    [InlineData("""["gate ways"]""", "spec.notify.ecsClusters[0]", "must be an ECS cluster name")]
    [InlineData("""["arn:aws:ecs:eu-west-1:1234:cluster/x"]""", "spec.notify.ecsClusters[0]", "or an ECS cluster ARN")]
    [InlineData("""["gateways","camunda"]""", "spec.notify.ecsClusters[1]", "names spec.placement.ecsCluster ('camunda')")]
    [InlineData("""["arn:aws:ecs:eu-west-1:123456789012:cluster/camunda"]""", "spec.notify.ecsClusters[0]", "where subscribers are always looked for")]
    [InlineData("""["gateways","arn:aws:ecs:eu-west-1:123456789012:cluster/gateways"]""", "spec.notify.ecsClusters[1]", "names the same ECS cluster as spec.notify.ecsClusters[0]")]
    [InlineData("""["c1","c2","c3","c4","c5","c6","c7","c8","c9","c10","c11"]""", "spec.notify.ecsClusters", "must list at most 10 ECS clusters (has 11)")]
    public void A_bad_ecs_cluster_list_is_refused_naming_the_entry_and_the_rule(string clusters, string path, string rule)
    {
        SpecAssert.SingleError(SpecJson.Create().SetRaw("spec.notify", $$"""{"ecsClusters":{{clusters}}}""").Parse(), path, rule);
    }
}
