using System.Text.Json;
using System.Text.Json.Nodes;
using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Host.Cli;
using ZeebeOperator.Host.Tests.Support;
using ZeebeOperator.Simulation.Stores;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Host.Tests.Cli;

/// <summary>The spec verbs end to end on the local stores: a specs folder and the state files `run --local` writes.</summary>
public sealed class SpecCliTests : IDisposable
{
    private readonly SpecCliWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task Apply_wait_follows_a_local_run_to_Ready_and_get_describe_history_show_it()
    {
        var file = workspace.WriteDev();
        using var runConsole = new CapturedConsole();
        using var stop = new CancellationTokenSource();
        var run = OperatorCli.InvokeAsync(["run", "--local", "--specs", workspace.SpecsPath], workspace.Environment(runConsole), stop.Token);
        try
        {
            var applied = await workspace.LocalAsync("apply", "-f", file, "--wait", "--timeout", "60s");

            Assert.True(applied == ExitCodes.Success, workspace.Console.Out + workspace.Console.Error);
            Assert.Equal("cluster/dev created (generation 1)", workspace.Console.OutLines[0]);
            Assert.Contains("dev: generation 1: Ready, 3/3 brokers ready", workspace.Console.Out, StringComparison.Ordinal);
            Assert.StartsWith("cluster/dev done at generation 1", workspace.Console.OutLines[^1], StringComparison.Ordinal);

            Assert.Equal(ExitCodes.Success, await workspace.LocalAsync("get"));
            Assert.Equal(["NAME", "READY", "GENERATION", "CONDITIONS", "AGE"], workspace.Console.OutLines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal(["dev", "3/3", "1/1", "Ready"], workspace.Console.OutLines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..4]);

            Assert.Equal(ExitCodes.Success, await workspace.LocalAsync("describe", "dev"));
            var described = workspace.Console.Out;
            Assert.Contains("Generation:         1 (observed: 1)", described, StringComparison.Ordinal);
            Assert.Matches(@"Ready\s+True\s+AllBrokersReady", described);
            Assert.Matches(@"2\s+yes\s+dev-broker-2 \(ACTIVE\)\s+RUNNING\s+fsap-\w+\s+dev-broker-2\.zeebe-dev\.internal", described);
            Assert.Matches(@"Succeeded\s+servicediscovery:RegisterInstance\s+dev-gateway/node-\d", described);

            Assert.Equal(ExitCodes.Success, await workspace.LocalAsync("history", "dev", "--limit", "8", "-o", "json"));
            var records = JsonDocument.Parse(workspace.Console.Out).RootElement.GetProperty("records").EnumerateArray().ToList();
            Assert.Equal(8, records.Count);
            var times = records.Select(r => r.GetProperty("timestamp").GetDateTimeOffset()).ToList();
            Assert.Equal(times.OrderDescending(), times);
            Assert.All(records, r => Assert.Equal(1, r.GetProperty("generation").GetInt64()));
            // Brokers join the gateway name last, once they report ready; the local subscriber's deliveries of the
            // Ready notification may be audited after that.
            var reconcileActions = records.Select(r => r.GetProperty("action").GetString()).Where(a => a != NotificationDelivery.AuditAction).ToList();
            Assert.Equal("servicediscovery:RegisterInstance", reconcileActions[0]);
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task Reapplying_an_unchanged_spec_writes_nothing()
    {
        var file = workspace.WriteDev();
        Assert.Equal(ExitCodes.Success, await workspace.LocalAsync("apply", "-f", file));
        var stored = workspace.StoredDev;
        var written = File.GetLastWriteTimeUtc(Path.Combine(workspace.SpecsPath, "dev.json"));

        // Reformatting is not a change; nor is an older generation in the file.
        workspace.WriteDev(s => s.Replace("\n", "\n  ", StringComparison.Ordinal));
        var exitCode = await workspace.LocalAsync("apply", "-f", file);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(["cluster/dev unchanged (generation 1)"], workspace.Console.OutLines);
        Assert.Equal(stored, workspace.StoredDev);
        Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(workspace.SpecsPath, "dev.json")));
    }

    [Fact]
    public async Task A_change_bumps_the_generation_and_diff_shows_the_field_and_the_plan_first()
    {
        var file = workspace.WriteDev();
        await workspace.LocalAsync("apply", "-f", file);
        workspace.WriteDev(s => s.Replace("\"clusterSize\": 3", "\"clusterSize\": 5", StringComparison.Ordinal));

        Assert.Equal(ExitCodes.Success, await workspace.LocalAsync("diff", "-f", file));
        var diff = workspace.Console.OutLines;
        Assert.Equal("Spec dev.json: 1 field(s) differ; apply would write generation 2 (stored: 1).", diff[0]);
        Assert.Equal("~ spec.clusterSize: 3 -> 5", diff[1]);
        Assert.Contains(diff, line => line.StartsWith("Note: with --local the plan is computed against an empty simulated AWS account", StringComparison.Ordinal));
        Assert.Contains(diff, line => line.EndsWith("create ECS service dev-broker-4 (Missing)", StringComparison.Ordinal));
        Assert.Contains("\"generation\": 1", workspace.StoredDev, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Success, await workspace.LocalAsync("apply", "-f", file, "-o", "json"));
        var result = JsonDocument.Parse(workspace.Console.Out).RootElement.GetProperty("results")[0];
        Assert.Equal("configured", result.GetProperty("action").GetString());
        Assert.Equal(2, result.GetProperty("generation").GetInt64());
        var stored = JsonDocument.Parse(workspace.StoredDev).RootElement;
        Assert.Equal(2, stored.GetProperty("metadata").GetProperty("generation").GetInt64());
        Assert.Equal(5, stored.GetProperty("spec").GetProperty("clusterSize").GetInt32());
    }

    [Fact]
    public async Task Leaving_out_a_field_at_its_default_is_no_change()
    {
        var file = workspace.WriteDev();
        await workspace.LocalAsync("apply", "-f", file);
        workspace.WriteDev(s =>
        {
            var spec = JsonNode.Parse(s)!;
            spec["spec"]!["serviceDiscovery"]!.AsObject().Remove("dnsTtlSeconds");
            return spec.ToJsonString();
        });

        Assert.Equal(ExitCodes.Success, await workspace.LocalAsync("diff", "-f", file));
        Assert.Equal("Spec dev.json: no changes (stored generation 1); apply would write nothing.", workspace.Console.OutLines[0]);
        Assert.Equal(ExitCodes.Success, await workspace.LocalAsync("apply", "-f", file));
        Assert.Equal(["cluster/dev unchanged (generation 1)"], workspace.Console.OutLines);
    }

    [Fact]
    public async Task An_invalid_stored_spec_is_described_with_its_problems_and_not_marked_for_deletion()
    {
        var invalid = File.ReadAllText(TestCli.Sample("dev.json")).Replace("\"replicationFactor\": 3", "\"replicationFactor\": 9", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(workspace.SpecsPath, "dev.json"), invalid);

        Assert.Equal(ExitCodes.Success, await workspace.LocalAsync("describe", "dev"));
        Assert.Contains("Spec problems:      1: the operator leaves the cluster as it is until the spec is fixed", workspace.Console.OutLines);
        Assert.Contains("spec.replicationFactor: must be <= spec.clusterSize (3)", workspace.Console.OutLines);

        Assert.Equal(ExitCodes.InvalidSpec, await workspace.LocalAsync("delete", "dev"));
        Assert.Contains("spec.replicationFactor: must be <= spec.clusterSize (3)", workspace.Console.Error, StringComparison.Ordinal);
        Assert.Equal(invalid, workspace.StoredDev);
    }

    [Fact]
    public async Task Applying_over_an_invalid_stored_spec_moves_past_the_generation_the_operator_acted_on()
    {
        File.WriteAllText(Path.Combine(workspace.SpecsPath, "dev.json"), "{ \"kind\": \"ZeebeCluster\", \"metadata\": { \"generation\": 1 } }");
        using (var store = new LocalStateDirectory(workspace.StatePath).CreateStatusStore())
        {
            await store.PutAsync(Specs.Status("dev", ready: true) with { ObservedGeneration = 4 }, fence: null, default);
        }

        Assert.Equal(ExitCodes.Success, await workspace.LocalAsync("apply", "-f", workspace.WriteDev()));

        Assert.Equal(["cluster/dev configured, replacing a stored spec that was not valid (generation 5)"], workspace.Console.OutLines);
        Assert.Equal(5, JsonDocument.Parse(workspace.StoredDev).RootElement.GetProperty("metadata").GetProperty("generation").GetInt64());
    }

    [Fact]
    public async Task A_spec_created_again_after_its_object_was_removed_moves_past_the_generation_the_operator_acted_on()
    {
        // A deleted cluster's status stays (observed generation 3); the status store never takes an older generation.
        using (var store = new LocalStateDirectory(workspace.StatePath).CreateStatusStore())
        {
            await store.PutAsync(Specs.Status("dev", ready: false) with { ObservedGeneration = 3 }, fence: null, default);
        }

        Assert.Equal(ExitCodes.Success, await workspace.LocalAsync("apply", "-f", workspace.WriteDev()));

        Assert.Equal(["cluster/dev created (generation 4)"], workspace.Console.OutLines);
        Assert.Equal(4, JsonDocument.Parse(workspace.StoredDev).RootElement.GetProperty("metadata").GetProperty("generation").GetInt64());
    }

    [Fact]
    public async Task One_invalid_file_in_a_folder_means_nothing_is_written()
    {
        workspace.WriteDev();
        workspace.WriteFile("broken.json", File.ReadAllText(TestCli.Sample("orders.json")).Replace("\"replicationFactor\": 3", "\"replicationFactor\": 9", StringComparison.Ordinal));

        var exitCode = await workspace.LocalAsync("apply", "-f", Path.GetDirectoryName(workspace.WriteDev())!);

        Assert.Equal(ExitCodes.InvalidSpec, exitCode);
        Assert.Contains("broken.json: spec.replicationFactor:", workspace.Console.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was applied", workspace.Console.Error, StringComparison.Ordinal);
        Assert.Empty(workspace.Console.Out);
        Assert.Empty(Directory.EnumerateFiles(workspace.SpecsPath));
    }

    [Fact]
    public async Task Diff_of_an_invalid_file_prints_its_errors_on_stderr()
    {
        var file = workspace.WriteFile("broken.json", File.ReadAllText(TestCli.Sample("orders.json")).Replace("\"replicationFactor\": 3", "\"replicationFactor\": 9", StringComparison.Ordinal));

        var exitCode = await workspace.LocalAsync("diff", "-f", file);

        Assert.Equal(ExitCodes.InvalidSpec, exitCode);
        Assert.Contains("broken.json: spec.replicationFactor:", workspace.Console.Error, StringComparison.Ordinal);
        Assert.Empty(workspace.Console.Out);
    }

    [Fact]
    public async Task A_concurrent_writer_between_read_and_write_is_a_conflict_and_its_version_stays()
    {
        var file = workspace.WriteDev();
        await workspace.LocalAsync("apply", "-f", file);
        workspace.WriteDev(s => s.Replace("\"clusterSize\": 3", "\"clusterSize\": 5", StringComparison.Ordinal));
        var theirs = workspace.StoredDev.Replace("\"clusterSize\": 3", "\"clusterSize\": 4", StringComparison.Ordinal);
        var interfering = new InterferingSpecStore(new DirectorySpecStore(workspace.SpecsPath), theirs);
        workspace.StoresSource = target => InterferingStores(target, interfering);

        var applied = await workspace.LocalAsync("apply", "-f", file);
        var applyError = workspace.Console.Error;
        var deleted = await workspace.LocalAsync("delete", "dev");

        Assert.Equal(ExitCodes.Conflict, applied);
        Assert.Contains("dev.json was changed or removed by someone else after we read it", applyError, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Conflict, deleted);
        Assert.Equal(theirs + "  ", workspace.StoredDev);
    }

    [Fact]
    public async Task Delete_writes_the_request_with_a_new_generation_and_keeps_the_spec_object()
    {
        await workspace.LocalAsync("apply", "-f", workspace.WriteDev());

        var first = await workspace.LocalAsync("delete", "dev", "-o", "json");
        var report = JsonDocument.Parse(workspace.Console.Out).RootElement;
        var again = await workspace.LocalAsync("delete", "dev");

        Assert.Equal(ExitCodes.Success, first);
        Assert.Equal("deletionRequested", report.GetProperty("action").GetString());
        Assert.Equal(2, report.GetProperty("generation").GetInt64());
        var stored = JsonDocument.Parse(workspace.StoredDev).RootElement.GetProperty("metadata");
        Assert.True(stored.GetProperty("deletionRequested").GetBoolean());
        Assert.Equal(2, stored.GetProperty("generation").GetInt64());
        Assert.Equal(ExitCodes.Success, again);
        Assert.Equal(["cluster/dev deletion already requested (generation 2); nothing written"], workspace.Console.OutLines);
    }

    [Fact]
    public async Task Rollout_restart_writes_the_request_time_with_a_new_generation()
    {
        workspace.Time = new ManualTimeProvider(new DateTimeOffset(2026, 12, 3, 10, 15, 42, 500, TimeSpan.Zero));
        await workspace.LocalAsync("apply", "-f", workspace.WriteDev());

        var first = await workspace.LocalAsync("rollout", "restart", "dev", "-o", "json");
        var report = JsonDocument.Parse(workspace.Console.Out).RootElement;
        var again = await workspace.LocalAsync("rollout", "restart", "dev");
        var sameSecond = workspace.Console.OutLines;
        ((ManualTimeProvider)workspace.Time).Advance(TimeSpan.FromMinutes(5));
        var later = await workspace.LocalAsync("rollout", "restart", "dev");

        Assert.Equal(ExitCodes.Success, first);
        Assert.Equal("restartRequested", report.GetProperty("action").GetString());
        Assert.Equal(2, report.GetProperty("generation").GetInt64());
        Assert.Equal("2026-12-03T10:15:42Z", report.GetProperty("restartedAt").GetString());
        Assert.Equal(ExitCodes.Success, again);
        Assert.Equal(["cluster/dev restart already requested at 2026-12-03T10:15:42Z (generation 2); nothing written"], sameSecond);
        Assert.Equal(ExitCodes.Success, later);
        Assert.Equal(
            ["cluster/dev restart requested at 2026-12-03T10:20:42Z (generation 3); the operator restarts one broker at a time, highest node ID first"],
            workspace.Console.OutLines);
        var stored = JsonDocument.Parse(workspace.StoredDev).RootElement;
        Assert.Equal("2026-12-03T10:20:42Z", stored.GetProperty("spec").GetProperty("restartedAt").GetString());
        Assert.Equal(3, stored.GetProperty("metadata").GetProperty("generation").GetInt64());
    }

    [Fact]
    public async Task Rollout_restart_over_a_concurrent_write_is_a_conflict_and_writes_nothing()
    {
        await workspace.LocalAsync("apply", "-f", workspace.WriteDev());
        var theirs = workspace.StoredDev.Replace("\"clusterSize\": 3", "\"clusterSize\": 4", StringComparison.Ordinal);
        workspace.StoresSource = target => InterferingStores(target, new InterferingSpecStore(new DirectorySpecStore(workspace.SpecsPath), theirs));

        var restarted = await workspace.LocalAsync("rollout", "restart", "dev");

        Assert.Equal(ExitCodes.Conflict, restarted);
        Assert.Contains("dev.json was changed or removed by someone else after we read it", workspace.Console.Error, StringComparison.Ordinal);
        Assert.Equal(theirs + " ", workspace.StoredDev);
    }

    [Fact]
    public async Task Rollout_restart_of_a_cluster_being_deleted_is_refused()
    {
        await workspace.LocalAsync("apply", "-f", workspace.WriteDev());
        await workspace.LocalAsync("delete", "dev");
        var before = workspace.StoredDev;

        var restarted = await workspace.LocalAsync("rollout", "restart", "dev");

        Assert.Equal(ExitCodes.Failure, restarted);
        Assert.Contains("Cluster dev is being deleted", workspace.Console.Error, StringComparison.Ordinal);
        Assert.Equal(before, workspace.StoredDev);
    }

    [Theory]
    [InlineData("get", "nope")]
    [InlineData("describe", "nope")]
    [InlineData("history", "nope")]
    [InlineData("delete", "nope")]
    [InlineData("rollout restart", "nope")]
    public async Task An_unknown_cluster_exits_NotFound(string verb, string name)
    {
        Assert.Equal(ExitCodes.NotFound, await workspace.LocalAsync([.. verb.Split(' '), name]));
        Assert.Contains("nope", workspace.Console.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_json_lists_a_spec_without_status()
    {
        await workspace.LocalAsync("apply", "-f", workspace.WriteDev());

        Assert.Equal(ExitCodes.Success, await workspace.LocalAsync("get", "-o", "json"));

        var cluster = Assert.Single(JsonDocument.Parse(workspace.Console.Out).RootElement.GetProperty("clusters").EnumerateArray());
        Assert.Equal("dev", cluster.GetProperty("name").GetString());
        Assert.Equal(1, cluster.GetProperty("generation").GetInt64());
        Assert.Equal(3, cluster.GetProperty("clusterSize").GetInt32());
        Assert.False(cluster.GetProperty("ready").GetBoolean());
        Assert.False(cluster.TryGetProperty("observedGeneration", out _));
    }

    [Fact]
    public async Task A_configured_state_directory_is_where_get_reads_the_status()
    {
        var state = Path.Combine(workspace.SpecsPath, "..", "elsewhere");
        workspace.Configuration["Local:StateDirectory"] = state;
        await workspace.LocalAsync("apply", "-f", workspace.WriteDev());
        using (var store = new LocalStateDirectory(state).CreateStatusStore())
        {
            await store.PutAsync(Specs.Status("dev", ready: true) with { ObservedGeneration = 1 }, null, default);
        }

        Assert.Equal(ExitCodes.Success, await workspace.LocalAsync("get", "dev"));

        Assert.Equal(["dev", "3/3", "1/1", "Ready"], workspace.Console.OutLines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..4]);
    }

    [Fact]
    public async Task Describe_of_a_deleted_cluster_lists_the_retained_access_points_and_how_to_reattach_or_delete_them()
    {
        await workspace.LocalAsync("apply", "-f", workspace.WriteDev());
        using (var store = new LocalStateDirectory(Path.Combine(workspace.SpecsPath, LocalStateDirectory.DefaultName)).CreateStatusStore())
        {
            await store.PutAsync(
                Specs.Status("dev", ready: false, nodes: 0) with
                {
                    ObservedGeneration = 1,
                    RetainedData = [new(0, "fsap-0123456789abcdef0", "fs-12345678", "/zeebe/dev/node-0"), new(1, "fsap-0123456789abcdef1", "fs-12345678", "/zeebe/dev/node-1")],
                },
                null,
                default);
        }

        Assert.Equal(ExitCodes.Success, await workspace.LocalAsync("describe", "dev"));

        var described = workspace.Console.Out;
        Assert.Contains("Retained data:      2 access point(s) kept by spec.storage.retention Retain (the brokers' data)", described, StringComparison.Ordinal);
        Assert.Matches(@"NODE\s+ACCESS POINT\s+FILE SYSTEM\s+PATH", described);
        Assert.Matches(@"1\s+fsap-0123456789abcdef1\s+fs-12345678\s+/zeebe/dev/node-1", described);
        Assert.Contains("To re-attach:", described, StringComparison.Ordinal);
        Assert.Contains("aws efs delete-access-point --access-point-id fsap-0123456789abcdef0", described, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_wait_without_an_operator_times_out_with_exit_1()
    {
        var clock = new ManualTimeProvider(TestTime.Start);
        workspace.Time = clock;
        var apply = workspace.LocalAsync("apply", "-f", workspace.WriteDev(), "--wait", "--timeout", "2m");
        Assert.True(await clock.WaitForTimerCreatedAsync(TestTime.WaitLimit));
        for (var i = 0; i < 30 && !apply.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(10);
        }

        Assert.Equal(ExitCodes.Failure, await apply.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("cluster/dev timed out at generation 1: not done within 00:02:00: waiting for the operator to pick up generation 1 (no status yet)", workspace.Console.Out, StringComparison.Ordinal);
    }

    /// <summary>The local stores, but another writer replaces the spec right after our read.</summary>
    private static SpecStores InterferingStores(StoreTarget target, InterferingSpecStore specs)
    {
        var state = new LocalStateDirectory(Path.Combine(target.SpecsDirectory, LocalStateDirectory.DefaultName));
        return new SpecStores(specs, state.CreateStatusStore(), state.CreateAuditLog());
    }

    /// <summary>Every read is followed by another writer's write (a new version each time: trailing blanks differ).</summary>
    private sealed class InterferingSpecStore(ISpecStore inner, string theirs) : ISpecStore
    {
        private int _writes;

        public Task<IReadOnlyList<SpecObject>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

        public async Task<SpecContent> GetAsync(string key, CancellationToken cancellationToken)
        {
            var read = await inner.GetAsync(key, cancellationToken);
            await inner.PutAsync(key, theirs + new string(' ', ++_writes), WriteCondition.Replacing(read.ETag), cancellationToken);
            return read;
        }

        public Task<string> PutAsync(string key, string body, WriteCondition condition, CancellationToken cancellationToken) =>
            inner.PutAsync(key, body, condition, cancellationToken);
    }
}
