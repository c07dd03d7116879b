using ZeebeOperator.Core;
using ZeebeOperator.Host.Configuration;
using ZeebeOperator.Simulation;

namespace ZeebeOperator.Host.Tests.Composition;

public sealed class OperatorOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid() =>
        Assert.True(new OperatorOptionsValidator().Validate(null, new OperatorOptions()).Succeeded);

    [Fact]
    public void Every_problem_is_named_with_its_configuration_key()
    {
        var result = new OperatorOptionsValidator().Validate(null, new OperatorOptions
        {
            ResyncInterval = TimeSpan.Zero,
            SpecPollInterval = TimeSpan.FromSeconds(-1),
            ProgressRequeueInterval = TimeSpan.Zero,
            MaxConcurrentReconciles = 0,
            NodeParallelism = 0,
            BaseBackoff = TimeSpan.FromSeconds(10),
            MaxBackoff = TimeSpan.FromSeconds(1),
        });

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Equal(6, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Operator:ResyncInterval ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Operator:SpecPollInterval ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Operator:ProgressRequeueInterval ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Operator:MaxConcurrentReconciles ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Operator:NodeParallelism ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Operator:MaxBackoff ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    [InlineData(1, true)]
    [InlineData(3, true)]
    public void At_least_one_task_definition_revision_is_kept(int revisions, bool valid)
    {
        var result = new OperatorOptionsValidator().Validate(null, new OperatorOptions { TaskDefinitionRevisionsToKeep = revisions });

        Assert.Equal(valid, result.Succeeded);
        Assert.Equal(3, new OperatorOptions().TaskDefinitionRevisionsToKeep);
        if (!valid)
        {
            Assert.Equal($"Operator:TaskDefinitionRevisionsToKeep must be at least 1 (was {revisions}).", Assert.Single(result.Failures!));
        }
    }

    [Fact]
    public void A_negative_shutdown_grace_is_rejected() =>
        Assert.True(new OperatorHostOptionsValidator().Validate(null, new OperatorHostOptions { ShutdownGrace = TimeSpan.FromSeconds(-1) }).Failed);

    [Fact]
    public void A_negative_task_start_delay_is_rejected() =>
        Assert.True(new LocalOptionsValidator().Validate(null, new LocalOptions { TaskStartDelay = TimeSpan.FromSeconds(-1) }).Failed);
}
