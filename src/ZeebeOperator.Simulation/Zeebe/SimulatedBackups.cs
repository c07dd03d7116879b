using System.Globalization;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Simulation.Zeebe;

/// <summary>
/// The backups of one simulated Zeebe cluster, as Zeebe keeps them: ids only ever grow (an id, even of a deleted
/// backup, is never taken again), a backup takes simulated time, and it fails when a broker holding one of its
/// partitions stops before it completes. Callers hold the simulation's lock.
/// </summary>
internal sealed class SimulatedBackups
{
    private readonly SortedDictionary<long, SimulatedBackup> _backups = [];
    private long? _highestId;
    private string? _failNext;

    /// <summary>Where the brokers serve the backup API (the image decides), and whether a backup store is configured.</summary>
    public BackupEndpoint Endpoint { get; set; } = BackupEndpoint.BackupRuntime;

    public bool StoreConfigured { get; set; }

    public bool AnyInProgress => _backups.Values.Any(b => b.State == BackupState.InProgress);

    /// <summary>Why Zeebe would refuse the request, as (outcome, kind, message); null when it takes it.</summary>
    public (SimulatedZeebeOutcome Outcome, ZeebeApiErrorKind Kind, string Message)? Refusal(BackupEndpoint endpoint)
    {
        if (endpoint != Endpoint)
        {
            return (SimulatedZeebeOutcome.NotFound, ZeebeApiErrorKind.NotFound, $"404 Not Found: /{endpoint.Path()} does not exist on these brokers (they serve /{Endpoint.Path()})");
        }

        return StoreConfigured
            ? null
            : (SimulatedZeebeOutcome.InvalidRequest, ZeebeApiErrorKind.InvalidRequest, "Backup is not enabled or configured on the brokers: no backup store is configured");
    }

    /// <summary>Starts a backup, or says why Zeebe answers 409.</summary>
    public string? Take(long backupId, bool topologyChangeRunning, IReadOnlyDictionary<int, int> partitionLeaders, DateTimeOffset now, TimeSpan duration)
    {
        if (topologyChangeRunning)
        {
            return "Cannot take a backup while the cluster is changing its topology or partitions; retry once the change completes";
        }

        if (_highestId is { } highest && backupId <= highest)
        {
            return string.Create(CultureInfo.InvariantCulture, $"A backup with same or higher id already exists: the highest is {highest}, asked for {backupId}");
        }

        _highestId = backupId;
        _backups[backupId] = new SimulatedBackup(backupId, now, now + duration, partitionLeaders, _failNext);
        _failNext = null;
        return null;
    }

    public void FailNext(string reason) => _failNext = reason;

    /// <summary>Every backup in progress fails now (say its store became unreachable). The number failed.</summary>
    public int FailInProgress(string reason, DateTimeOffset now)
    {
        var running = _backups.Values.Where(b => b.State == BackupState.InProgress).ToList();
        running.ForEach(b => b.Fail(reason, now));
        return running.Count;
    }

    /// <summary>Moves backups on to <paramref name="now"/>: a stopped broker fails the backups it takes part in.</summary>
    public void Observe(IReadOnlySet<int> running, DateTimeOffset now)
    {
        foreach (var backup in _backups.Values.Where(b => b.State == BackupState.InProgress))
        {
            if (backup.Leaders.Values.Where(broker => !running.Contains(broker)).Order().FirstOrDefault(-1) is var stopped and >= 0 && now < backup.DoneAt)
            {
                backup.Fail(string.Create(CultureInfo.InvariantCulture, $"broker {stopped} stopped while taking the backup"), now);
            }
            else if (now >= backup.DoneAt)
            {
                backup.Finish();
            }
        }
    }

    public BackupInfo? Get(long backupId) => _backups.TryGetValue(backupId, out var backup) ? backup.Info() : null;

    public IReadOnlyList<BackupInfo> List() => [.. _backups.Values.Reverse().Select(b => b.Info())];

    public void Delete(long backupId) => _backups.Remove(backupId);

    private sealed class SimulatedBackup(long id, DateTimeOffset startedAt, DateTimeOffset doneAt, IReadOnlyDictionary<int, int> leaders, string? failsWith)
    {
        private readonly DateTimeOffset _startedAt = startedAt;
        private DateTimeOffset _updatedAt = startedAt;
        private string? _failureReason;

        public DateTimeOffset DoneAt => doneAt;

        public IReadOnlyDictionary<int, int> Leaders { get; } = leaders;

        public BackupState State { get; private set; } = BackupState.InProgress;

        public void Fail(string reason, DateTimeOffset at)
        {
            (State, _failureReason, _updatedAt) = (BackupState.Failed, reason, at);
        }

        public void Finish()
        {
            if (failsWith is not null)
            {
                Fail(failsWith, doneAt);
                return;
            }

            (State, _updatedAt) = (BackupState.Completed, doneAt);
        }

        public BackupInfo Info() => new(
            id,
            State,
            _failureReason,
            [.. Leaders.OrderBy(l => l.Key).Select(l => new PartitionBackup(l.Key, State, _startedAt, _updatedAt, l.Value, _failureReason))]);
    }
}
