using System.Globalization;
using ZeebeOperator.Simulation.Ecs;
using ZeebeOperator.Simulation.Zeebe;

namespace ZeebeOperator.Simulation.Chaos;

/// <summary>The Zeebe invariants, judged from the simulated Zeebe's own truth and its record of requests.</summary>
public sealed partial class InvariantChecker
{
    private readonly BrokerRestartWatch _restarts = new(aws);
    private long _zeebeCallsChecked;

    /// <summary>Restarts of running brokers the operator caused (new ECS deployments), unsafe or not.</summary>
    public int BrokerRestarts => _restarts.Count;

    private void CheckRestarts(long step, IReadOnlySet<string> clusters, List<InvariantViolation> violations)
    {
        foreach (var restart in _restarts.TakeUnsafe().Where(r => clusters.Contains(r.Cluster)))
        {
            violations.Add(new(step, Invariants.NoRestartWhilePartitionUnserved, string.Create(
                CultureInfo.InvariantCulture,
                $"{restart.Cluster} broker {restart.NodeId} was restarted at {restart.At:HH:mm:ss} while {string.Join("; ", restart.Unserved)}")));
        }
    }

    private void CheckChangesAskedOnce(long step, IReadOnlySet<string> clusters, List<InvariantViolation> violations)
    {
        var calls = aws.Zeebe.Cluster.CallsAfter(_zeebeCallsChecked);
        foreach (var call in calls.Where(c => c.RequestsChange && clusters.Contains(c.ClusterName)))
        {
            var latest = aws.Zeebe.Cluster.AcceptedChanges(call.ClusterName).LastOrDefault(a => a.Call.Sequence < call.Sequence);
            if (latest is not null && latest.Call.Request == call.Request && !latest.EndedUnsuccessfullyBy(call.At))
            {
                violations.Add(new(step, Invariants.NoChangeAskedTwice, string.Create(
                    CultureInfo.InvariantCulture,
                    $"{call.ClusterName}: {call.Request} was asked for again (call {call.Sequence}, answered {call.Outcome}) after Zeebe accepted it as change #{latest.ChangeId} (call {latest.Call.Sequence}{(latest.Call.Outcome == SimulatedZeebeOutcome.Timeout ? ", answered after the caller gave up" : string.Empty)})")));
            }
        }

        if (calls.Count > 0)
        {
            _zeebeCallsChecked = calls[^1].Sequence;
        }
    }

    /// <summary>
    /// Watches ECS for new deployments of running broker services (the operator restarting a broker) and, at that very
    /// moment, asks the simulated Zeebe which partitions lack a leader or healthy replicas.
    /// </summary>
    private sealed class BrokerRestartWatch
    {
        private readonly Lock _gate = new();
        private readonly SimulatedAws _aws;
        private readonly List<UnsafeRestart> _unsafe = [];

        public BrokerRestartWatch(SimulatedAws aws)
        {
            _aws = aws;
            aws.Ecs.DeploymentStarted += OnDeploymentStarted;
        }

        public int Count { get; private set; }

        public List<UnsafeRestart> TakeUnsafe()
        {
            lock (_gate)
            {
                var taken = _unsafe.ToList();
                _unsafe.Clear();
                return taken;
            }
        }

        private void OnDeploymentStarted(object? sender, EcsDeploymentStarted started)
        {
            if (started.RunningTaskArns.Count == 0 || Owner(started.Tags) is not { } owner)
            {
                return;
            }

            var unserved = _aws.Zeebe.Cluster.UnservedPartitions(owner.Cluster);
            lock (_gate)
            {
                Count++;
                if (unserved.Count > 0)
                {
                    _unsafe.Add(new UnsafeRestart(owner.Cluster, owner.NodeId, started.At, unserved));
                }
            }
        }
    }

    private sealed record UnsafeRestart(string Cluster, int NodeId, DateTimeOffset At, IReadOnlyList<string> Unserved);
}
