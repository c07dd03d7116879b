using System.Text.Json;
using ZeebeOperator.Core.Status;
using ZeebeOperator.Host.Cli;
using ZeebeOperator.Host.Tests.Support;
using ZeebeOperator.Simulation.Stores;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Host.Tests.Cli;

/// <summary><c>backup</c> writes a request into the stored spec; <c>backups</c> lists what the status records.</summary>
public sealed class BackupCliTests : IDisposable
{
    private const string Backup = """
        "backup": { "schedule": "0 0 3 * * ?", "retention": { "count": 7 }, "store": { "bucket": "dev-backups", "region": "eu-west-1" } },
        """;

    private readonly SpecCliWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    private string WriteDevWithBackup() =>
        workspace.WriteDev(s => s.Replace("\"spec\": {", "\"spec\": {" + Backup, StringComparison.Ordinal));

    [Fact]
    public async Task Backup_writes_requestedAt_and_a_new_generation_into_the_stored_spec_once_per_second()
    {
        workspace.Time = new ManualTimeProvider(new DateTimeOffset(2026, 12, 3, 14, 0, 5, TimeSpan.Zero));
        await workspace.LocalAsync("apply", "-f", WriteDevWithBackup());

        var first = await workspace.LocalAsync("backup", "dev", "-o", "json");
        var report = JsonDocument.Parse(workspace.Console.Out).RootElement;
        var again = await workspace.LocalAsync("backup", "dev");

        Assert.Equal(ExitCodes.Success, first);
        Assert.Equal(("backupRequested", 2L, "2026-12-03T14:00:05Z"), (report.GetProperty("action").GetString(), report.GetProperty("generation").GetInt64(), report.GetProperty("requestedAt").GetString()));
        Assert.Equal(ExitCodes.Success, again);
        Assert.Equal(["cluster/dev backup already requested at 2026-12-03T14:00:05Z (generation 2); nothing written"], workspace.Console.OutLines);
        var stored = JsonDocument.Parse(workspace.StoredDev).RootElement;
        Assert.Equal("2026-12-03T14:00:05Z", stored.GetProperty("spec").GetProperty("backup").GetProperty("requestedAt").GetString());
        Assert.Equal("dev-backups", stored.GetProperty("spec").GetProperty("backup").GetProperty("store").GetProperty("bucket").GetString());
        Assert.Equal(2, stored.GetProperty("metadata").GetProperty("generation").GetInt64());
    }

    [Fact]
    public async Task Backup_of_a_cluster_without_spec_backup_is_refused_and_writes_nothing()
    {
        await workspace.LocalAsync("apply", "-f", workspace.WriteDev());
        var before = workspace.StoredDev;

        Assert.Equal(ExitCodes.Failure, await workspace.LocalAsync("backup", "dev"));

        Assert.Contains("has no spec.backup", workspace.Console.Error, StringComparison.Ordinal);
        Assert.Equal(before, workspace.StoredDev);
    }

    [Fact]
    public async Task Backups_lists_the_recorded_backups_newest_first_as_text_and_json()
    {
        await workspace.LocalAsync("apply", "-f", WriteDevWithBackup());
        var taken = new DateTimeOffset(2026, 12, 3, 3, 0, 1, TimeSpan.Zero);
        using (var store = new LocalStateDirectory(Path.Combine(workspace.SpecsPath, LocalStateDirectory.DefaultName)).CreateStatusStore())
        {
            await store.PutAsync(
                Specs.Status("dev", ready: true) with
                {
                    ObservedGeneration = 1,
                    Backups = new BackupsStatus(1764730801000, taken, null,
                    [
                        new BackupRecord(1764730801000, taken, BackupRecord.Completed, BackupTrigger.Schedule, 1, taken.AddSeconds(40)),
                        new BackupRecord(1764644401000, taken.AddDays(-1), BackupRecord.Failed, BackupTrigger.Request, 1, taken.AddDays(-1), "Access Denied"),
                    ]),
                },
                null,
                default);
        }

        Assert.Equal(ExitCodes.Success, await workspace.LocalAsync("backups", "dev"));
        var lines = workspace.Console.OutLines;
        Assert.Equal(ExitCodes.Success, await workspace.LocalAsync("backups", "dev", "-o", "json"));
        var json = JsonDocument.Parse(workspace.Console.Out).RootElement;

        Assert.Equal(["ID", "TIME", "STATE", "TRIGGER", "FINISHED", "SIZE"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("1764730801000  2026-12-03 03:00:01Z  COMPLETED", lines[1], StringComparison.Ordinal);
        Assert.Contains("FAILED (Access Denied)", lines[2], StringComparison.Ordinal);
        Assert.Equal("0 0 3 * * ?", json.GetProperty("schedule").GetString());
        Assert.Equal([1764730801000, 1764644401000], json.GetProperty("backups").EnumerateArray().Select(b => b.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Describe_shows_the_schedule_when_it_is_next_due_and_a_pending_request()
    {
        workspace.Time = new ManualTimeProvider(new DateTimeOffset(2026, 12, 3, 14, 0, 5, TimeSpan.Zero));
        await workspace.LocalAsync("apply", "-f", WriteDevWithBackup());
        await workspace.LocalAsync("backup", "dev");

        Assert.Equal(ExitCodes.Success, await workspace.LocalAsync("describe", "dev"));

        Assert.Contains("Backups:            schedule \"0 0 3 * * ?\" (UTC), next due 2026-12-04 03:00:00Z", workspace.Console.Out, StringComparison.Ordinal);
        Assert.Contains("Backup request:     2026-12-03T14:00:05Z, pending", workspace.Console.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_shows_a_pending_backup_request_what_it_waits_for_and_the_next_scheduled_backup()
    {
        workspace.Time = new ManualTimeProvider(new DateTimeOffset(2026, 12, 3, 14, 0, 5, TimeSpan.Zero));
        var file = workspace.WriteFile("requested.json", File.ReadAllText(WriteDevWithBackup())
            .Replace("\"schedule\": \"0 0 3 * * ?\",", "\"schedule\": \"0 0 3 * * ?\", \"requestedAt\": \"2026-12-03T14:00:00Z\",", StringComparison.Ordinal));

        Assert.Equal(ExitCodes.Success, await workspace.RunAsync(["plan", "--local", file]));

        Assert.Contains("Backups: the backup requested at 2026-12-03T14:00:00Z waits: the cluster API is unavailable: no broker is running yet", workspace.Console.OutLines);
        Assert.Contains(workspace.Console.OutLines, line => line.StartsWith("Backups: next scheduled backup at 2026-12-04 03:00:00Z", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Backups_of_an_unknown_cluster_exits_NotFound()
    {
        Assert.Equal(ExitCodes.NotFound, await workspace.LocalAsync("backups", "nope"));
        Assert.Equal(ExitCodes.NotFound, await workspace.LocalAsync("backup", "nope"));
    }
}
