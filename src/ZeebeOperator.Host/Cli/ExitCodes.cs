using ZeebeOperator.Host.Composition;

namespace ZeebeOperator.Host.Cli;

/// <summary>The process exit codes of every verb; scripts and CI pipelines rely on them.</summary>
public static class ExitCodes
{
    /// <summary>Done: specs valid, plan has no blockers, clusters converged, or a long run stopped by a signal.</summary>
    public const int Success = 0;

    /// <summary>
    /// <c>validate</c>: at least one file is invalid or unreadable (or none was found);
    /// <c>run --until-converged</c>: not every cluster was Ready before <c>--timeout</c>;
    /// <c>apply --wait</c>, <c>delete --wait</c>, <c>rollout restart --wait</c>: a cluster was Degraded or not done before <c>--timeout</c>;
    /// a failed call to the local stores;
    /// also unreadable inputs, unexpected errors and command-line usage errors.
    /// </summary>
    public const int Failure = 1;

    /// <summary><c>plan</c>: the spec does not parse or validate; every error is printed. (A file that cannot be read is <see cref="Failure"/>.)</summary>
    public const int InvalidSpec = 2;

    /// <summary>The configuration (<c>Operator</c>, <c>Local</c> sections) failed validation; every problem is printed.</summary>
    public const int InvalidConfiguration = 3;

    /// <summary><c>plan</c>: the plan has blockers, things the operator refuses to touch.</summary>
    public const int PlanBlocked = 5;

    /// <summary>
    /// <c>apply</c>, <c>delete</c>, <c>rollout restart</c>: someone else changed the stored spec between our read and our write (the
    /// conditional write failed); nothing of that spec was written. Read it again and retry.
    /// </summary>
    public const int Conflict = 6;

    /// <summary><c>get</c>, <c>describe</c>, <c>history</c>, <c>delete</c>, <c>rollout restart</c>: no such cluster (no spec, no status, no audit records).</summary>
    public const int NotFound = 7;

    /// <summary>
    /// <c>run</c> against AWS, before the loop starts, and the spec verbs against AWS: AWS cannot be called at all (no
    /// or rejected credentials, an endpoint that refuses connections or does not answer within <c>Aws:Timeout</c>).
    /// </summary>
    public const int AwsUnreachable = 10;

    /// <summary><c>run</c> and the spec verbs against AWS: the spec bucket is missing, in another region, may not be used, or a call to it failed.</summary>
    public const int SpecBucketUnavailable = 11;

    /// <summary>
    /// <c>run</c> and the spec verbs against AWS: the table is missing (run with <c>--create-table</c>), not ACTIVE, has
    /// no status index, may not be used, a call to it failed, or <c>--create-table</c> could not create it.
    /// </summary>
    public const int TableUnavailable = 12;

    /// <summary><c>run</c> against AWS: a configured queue (<c>Events:QueueUrl</c>, <c>Notify:QueueUrl</c>) is missing or may not be used.</summary>
    public const int QueueUnavailable = 13;

    /// <summary><c>run --until-converged</c> interrupted (Ctrl+C, SIGTERM) before the clusters converged.</summary>
    public const int Cancelled = 130;

    internal static int ForPreflight(PreflightFailure failure) => failure switch
    {
        PreflightFailure.SpecStore => SpecBucketUnavailable,
        PreflightFailure.StatusStore => TableUnavailable,
        PreflightFailure.Queue => QueueUnavailable,
        _ => AwsUnreachable,
    };
}
