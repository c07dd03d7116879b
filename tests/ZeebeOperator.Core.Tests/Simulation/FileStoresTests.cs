using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Simulation.Stores;

namespace ZeebeOperator.Core.Tests.Simulation;

/// <summary>The local state folder `run --local` writes for the CLI: status and audit records as JSON files.</summary>
public sealed class FileStoresTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly LocalStateDirectory _state = new(Directory.CreateTempSubdirectory("state-").FullName);

    public void Dispose() => Directory.Delete(_state.Path, recursive: true);

    [Fact]
    public async Task Status_round_trips_through_a_second_store_and_an_older_generation_is_refused()
    {
        using var writer = _state.CreateStatusStore();
        using var reader = _state.CreateStatusStore();
        var status = Status("dev", 3) with
        {
            TopologyChange = new TopologyChangeStatus(1, "add brokers 3,4", "COMPLETED", 8, 0, 3),
            Pending = ["node 0: image waits for the maintenance window"],
        };

        Assert.Equal(StatusWriteResult.Written, await writer.PutAsync(status, null, default));
        Assert.Equal(StatusWriteResult.NewerGenerationStored, await writer.PutAsync(Status("dev", 2), null, default));

        var read = await reader.GetAsync("dev", default);
        Assert.NotNull(read);
        Assert.True(read.SameAs(status));
        Assert.Equal(["dev"], (await reader.ListAsync(default)).Select(s => s.ClusterName));
        Assert.Null(await reader.GetAsync("other", default));
    }

    [Fact]
    public async Task A_fenced_status_write_lands_only_while_its_term_holds_the_lease()
    {
        using var leases = new InMemoryLeaseStore();
        using var writer = _state.CreateStatusStore(leases);
        using var withoutLeases = _state.CreateStatusStore();
        var a = await leases.TryAcquireAsync(new LeaseAcquisition("op", "a", T0, TimeSpan.FromSeconds(15), null), default);
        var fenceA = new LeaseFence("op", "a", a!.FencingToken);

        Assert.Equal(StatusWriteResult.Written, await writer.PutAsync(Status("dev", 1), fenceA, default));
        Assert.Equal(StatusWriteResult.NotLeader, await withoutLeases.PutAsync(Status("dev", 2), fenceA, default));

        var b = await leases.TryAcquireAsync(new LeaseAcquisition("op", "b", T0.AddSeconds(20), TimeSpan.FromSeconds(15), a), default);
        Assert.Equal(StatusWriteResult.NotLeader, await writer.PutAsync(Status("dev", 2), fenceA, default));
        Assert.Equal(1, (await writer.GetAsync("dev", default))!.ObservedGeneration);
        Assert.Equal(StatusWriteResult.Written, await writer.PutAsync(Status("dev", 2), new LeaseFence("op", "b", b!.FencingToken), default));
        Assert.Equal(2, (await writer.GetAsync("dev", default))!.ObservedGeneration);
    }

    [Fact]
    public async Task Audit_is_queried_newest_first_per_cluster_and_reset_forgets_it()
    {
        using var log = _state.CreateAuditLog();
        await log.AppendAsync(Record("dev", "op-1", T0, AuditPhase.Intent), default);
        await log.AppendAsync(Record("dev", "op-1", T0, AuditPhase.Succeeded), default);
        await log.AppendAsync(Record("orders", "op-2", T0.AddSeconds(1), AuditPhase.Intent), default);
        await log.AppendAsync(Record("dev", "op-3", T0.AddSeconds(2), AuditPhase.Intent), default);

        var records = await _state.CreateAuditLog().QueryAsync("dev", 2, default);

        Assert.Equal([("op-3", AuditPhase.Intent), ("op-1", AuditPhase.Succeeded)], records.Select(r => (r.OperationId, r.Phase)));
        _state.Reset();
        Assert.Empty(await log.QueryAsync("dev", 10, default));
    }

    [Fact]
    public async Task A_reader_never_sees_half_a_write()
    {
        using var writer = _state.CreateAuditLog();
        using var reader = _state.CreateAuditLog();
        var writing = Task.Run(async () =>
        {
            for (var i = 0; i < 60; i++)
            {
                await writer.AppendAsync(Record("dev", $"op-{i}", T0.AddSeconds(i), AuditPhase.Intent), default);
            }
        });

        var counts = new List<int>();
        while (!writing.IsCompleted)
        {
            counts.Add((await reader.QueryAsync("dev", 1000, default)).Count);
        }

        await writing;
        Assert.Equal(counts.Order(), counts);
        Assert.Equal(60, (await reader.QueryAsync("dev", 1000, default)).Count);
    }

    private static ClusterStatus Status(string cluster, long generation) => new(
        cluster,
        generation,
        "\"etag\"",
        [new Condition(ConditionTypes.Ready, ConditionStatus.True, "AllBrokersReady", "3/3 brokers running", T0)],
        [new NodeStatus(0, $"{cluster}-broker-0.zeebe.internal", $"{cluster}-broker-0", "ACTIVE", "arn:td", "arn:task", "RUNNING", "fsap-1", "srv-1", true)],
        T0);

    private static AuditRecord Record(string cluster, string operation, DateTimeOffset at, AuditPhase phase) =>
        new(cluster, operation, at, 1, 0, "ecs:CreateService", $"{cluster}-broker-0", phase, "Missing", null, 0);
}
