using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Core.Tests.Support;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Infrastructure;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.BadInput;

/// <summary>A malformed spec in the bucket blocks its cluster: no AWS resource call follows, and the status says why.</summary>
public sealed class BadSpecReconcileTests : IDisposable
{
    private const string ClusterName = "dev";

    private readonly ManualTimeProvider _time = new(OperatorHarness.Start);
    private readonly SimulatedAws _aws;
    private readonly OperatorHarness _operator;

    public BadSpecReconcileTests()
    {
        _aws = new SimulatedAws(_time);
        _operator = new OperatorHarness(_aws, _time, _aws.Zeebe);
    }

    public void Dispose() => _operator.Dispose();

    private int ResourceCalls(long mark) => _aws.Calls.Since(mark).Count(c => c.Service is AwsServices.Ecs or AwsServices.ServiceDiscovery or AwsServices.Efs);

    [Fact]
    public async Task No_hand_written_bad_spec_leads_to_an_AWS_call_and_each_is_reported_with_its_field()
    {
        foreach (var file in BadInputCorpus.Files)
        {
            var mark = _aws.Calls.Mark();
            _operator.CommitRaw(ClusterName, BadInputCorpus.Read(file));

            var result = await _operator.ReconcileAsync(ClusterName);

            Assert.True(result.Outcome == ReconcileOutcome.Blocked, $"{file}: {result}");
            Assert.True(ResourceCalls(mark) == 0, $"{file}: AWS was called: {string.Join(", ", _aws.Calls.Since(mark).Select(c => c.Action))}");
            var degraded = (await _operator.StatusAsync(ClusterName))!.Find(ConditionTypes.Degraded)!;
            Assert.Equal("InvalidSpec", degraded.Reason);
            Assert.Contains(BadInputCorpus.Expected[file].Path, degraded.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task No_generated_bad_spec_leads_to_an_AWS_call()
    {
        var rejected = SpecMutator.Generate(seed: 11, count: 400).Where(m => !SpecParser.Parse(m.Json).IsValid).ToList();
        var mark = _aws.Calls.Mark();

        foreach (var mutation in rejected)
        {
            _operator.CommitRaw(ClusterName, mutation.Json);
            var result = await _operator.ReconcileAsync(ClusterName);
            Assert.True(result.Outcome == ReconcileOutcome.Blocked, $"{mutation.Describe()}: {result}");
        }

        Assert.NotEmpty(rejected);
        Assert.Equal(0, ResourceCalls(mark));
    }
}
