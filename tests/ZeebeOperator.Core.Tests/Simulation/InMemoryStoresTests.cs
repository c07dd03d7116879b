using ZeebeOperator.Core.Audit;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Simulation;
using ZeebeOperator.Simulation.Stores;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Core.Tests.Simulation;

public sealed class InMemoryStoresTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Spec_etags_are_the_quoted_md5_of_the_body()
    {
        var store = new InMemorySpecStore(new ManualTimeProvider());

        var etag = await store.PutAsync("orders.json", "hello", WriteCondition.CreateOnly, Ct);

        Assert.Equal("\"5d41402abc4b2a76b9719d911017c592\"", etag);
        var listed = Assert.Single(await store.ListAsync(Ct));
        Assert.Equal(("orders.json", etag), (listed.Key, listed.ETag));
        Assert.Equal(new SpecContent("orders.json", etag, "hello"), await store.GetAsync("orders.json", Ct));
    }

    [Fact]
    public async Task Conditional_writes_fail_with_precondition_failed()
    {
        var store = new InMemorySpecStore(new ManualTimeProvider());
        var v1 = await store.PutAsync("a.json", "{}", WriteCondition.CreateOnly, Ct);

        var exists = await Assert.ThrowsAsync<AwsApiException>(() => store.PutAsync("a.json", "{ }", WriteCondition.CreateOnly, Ct));
        var v2 = await store.PutAsync("a.json", "{\"v\":2}", WriteCondition.Replacing(v1), Ct);
        var stale = await Assert.ThrowsAsync<AwsApiException>(() => store.PutAsync("a.json", "{\"v\":3}", WriteCondition.Replacing(v1), Ct));
        var missing = await Assert.ThrowsAsync<AwsApiException>(() => store.GetAsync("b.json", Ct));

        Assert.Equal((AwsErrorKind.Conflict, "PreconditionFailed"), (exists.Kind, exists.ErrorCode));
        Assert.Equal((AwsErrorKind.Conflict, "PreconditionFailed"), (stale.Kind, stale.ErrorCode));
        Assert.Equal((AwsErrorKind.NotFound, "NoSuchKey"), (missing.Kind, missing.ErrorCode));
        Assert.Equal("{\"v\":2}", (await store.GetAsync("a.json", Ct)).Body);
        Assert.NotEqual(v1, v2);
    }

    [Fact]
    public async Task Load_directory_reads_every_json_file_by_file_name()
    {
        var folder = Directory.CreateTempSubdirectory("specs-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "orders.json"), "{\"a\":1}");
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "payments.json"), "{\"b\":2}");
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "notes.txt"), "skip");
            var store = new InMemorySpecStore(new ManualTimeProvider());

            var keys = store.LoadDirectory(folder.FullName);

            Assert.Equal(["orders.json", "payments.json"], keys);
            Assert.Equal(["orders.json", "payments.json"], (await store.ListAsync(Ct)).Select(o => o.Key));
            Assert.Equal("{\"b\":2}", (await store.GetAsync("payments.json", Ct)).Body);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Status_with_an_older_generation_is_refused()
    {
        var time = new ManualTimeProvider();
        var store = new InMemoryClusterStatusStore(time);

        Assert.Equal(StatusWriteResult.Written, await store.PutAsync(Status(2), null, Ct));
        Assert.Equal(StatusWriteResult.NewerGenerationStored, await store.PutAsync(Status(1), null, Ct));
        Assert.Equal(StatusWriteResult.Written, await store.PutAsync(Status(2) with { SpecETag = "\"x\"" }, null, Ct));

        var stored = await store.GetAsync("orders", Ct);
        Assert.Equal((2L, "\"x\""), (stored!.ObservedGeneration, stored.SpecETag));
        Assert.Single(await store.ListAsync(Ct));
        Assert.Null(await store.GetAsync("other", Ct));
        Assert.Equal(2, store.AcceptedWrites);

        ClusterStatus Status(long generation) => new(
            "orders",
            generation,
            null,
            [new Condition(ConditionTypes.Ready, ConditionStatus.False, "Progressing", "starting", time.GetUtcNow())],
            [],
            time.GetUtcNow());
    }

    [Fact]
    public async Task A_fenced_status_write_lands_only_while_its_term_holds_the_lease()
    {
        var time = new ManualTimeProvider();
        var context = new ZeebeOperator.Simulation.Infrastructure.SimulationContext(time, new SimulationOptions());
        using var leases = new InMemoryLeaseStore();
        var store = new InMemoryClusterStatusStore(context, leases);
        var first = await leases.TryAcquireAsync(new LeaseAcquisition("op", "a", time.GetUtcNow(), TimeSpan.FromSeconds(15), null), Ct);
        var fenceA = new LeaseFence("op", "a", first!.FencingToken);

        Assert.Equal(StatusWriteResult.Written, await WriteAsync("by a", fenceA));
        Assert.Equal(StatusWriteResult.NotLeader, await WriteAsync("wrong token", fenceA with { FencingToken = 2 }));
        Assert.Equal(StatusWriteResult.NotLeader, await WriteAsync("other lease", fenceA with { LeaseName = "other" }));
        Assert.Equal("by a", await StoredAsync());

        time.Advance(TimeSpan.FromSeconds(20));
        var second = await leases.TryAcquireAsync(new LeaseAcquisition("op", "b", time.GetUtcNow(), TimeSpan.FromSeconds(15), first), Ct);
        var fenceB = new LeaseFence("op", "b", second!.FencingToken);
        Assert.Equal(StatusWriteResult.NotLeader, await WriteAsync("by deposed a", fenceA));
        Assert.Equal("by a", await StoredAsync());
        Assert.Equal(StatusWriteResult.Written, await WriteAsync("by b", fenceB));
        Assert.Equal(StatusWriteResult.NewerGenerationStored, await WriteAsync("older generation by b", fenceB, generation: 0));

        await leases.ReleaseAsync(second, Ct);
        Assert.Equal(StatusWriteResult.NotLeader, await WriteAsync("after release", fenceB));
        Assert.Equal("by b", await StoredAsync());
        Assert.Equal(StatusWriteResult.Written, await WriteAsync("unfenced (leader election off)", null));

        Assert.Equal(
            ["TransactWriteItems", "TransactWriteItems", "TransactWriteItems", "TransactWriteItems", "TransactWriteItems", "TransactWriteItems", "TransactWriteItems", "PutItem"],
            context.Calls.Snapshot().Where(c => c.Mutating).Select(c => c.Operation));

        Task<StatusWriteResult> WriteAsync(string message, LeaseFence? fence, long generation = 1) => store.PutAsync(
            new ClusterStatus("orders", generation, null, [new Condition(ConditionTypes.Ready, ConditionStatus.False, "Progressing", message, time.GetUtcNow())], [], time.GetUtcNow()),
            fence,
            Ct);

        async Task<string?> StoredAsync() => (await store.GetAsync("orders", Ct))?.Conditions[0].Message;
    }

    [Fact]
    public async Task Audit_queries_return_the_newest_first()
    {
        var time = new ManualTimeProvider();
        var log = new InMemoryAuditLog(time);
        for (var i = 0; i < 5; i++)
        {
            await log.AppendAsync(Record("orders", $"op-{i}", time.GetUtcNow()), Ct);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        await log.AppendAsync(Record("payments", "op-x", time.GetUtcNow()), Ct);

        var latest = await log.QueryAsync("orders", 3, Ct);
        Assert.Equal(["op-4", "op-3", "op-2"], latest.Select(r => r.OperationId));
        Assert.Single(await log.QueryAsync("payments", 10, Ct));
        await Assert.ThrowsAsync<AwsApiException>(() => log.QueryAsync("orders", 0, Ct));

        static AuditRecord Record(string cluster, string id, DateTimeOffset at) =>
            new(cluster, id, at, 1, 0, "ecs:CreateService", $"{cluster}-broker-0", AuditPhase.Intent, "Missing", null, 0);
    }
}
