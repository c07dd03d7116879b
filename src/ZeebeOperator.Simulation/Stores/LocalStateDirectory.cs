namespace ZeebeOperator.Simulation.Stores;

/// <summary>
/// Where <c>run --local</c> keeps the status and audit records of its simulated account (<c>status/</c> and
/// <c>audit/</c>), for the CLI's <c>get</c>, <c>describe</c> and <c>history</c> in other processes.
/// </summary>
public sealed class LocalStateDirectory(string path)
{
    /// <summary>The default folder name, inside the specs folder (the spec store only lists top-level files).</summary>
    public const string DefaultName = ".operator-state";

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <param name="leases">The lease store whose terms fenced status writes must hold (the writing <c>run --local</c> process's).</param>
    public FileClusterStatusStore CreateStatusStore(InMemoryLeaseStore? leases = null) => new(System.IO.Path.Combine(Path, "status"), leases);

    public FileAuditLog CreateAuditLog() => new(System.IO.Path.Combine(Path, "audit"));

    /// <summary>
    /// Forgets the records of an earlier run: each <c>run --local</c> starts a new, empty simulated account, and
    /// status or audit records of the previous one would describe resources that no longer exist.
    /// </summary>
    public void Reset()
    {
        foreach (var folder in new[] { "status", "audit" })
        {
            var full = System.IO.Path.Combine(Path, folder);
            if (Directory.Exists(full))
            {
                Directory.Delete(full, recursive: true);
            }
        }
    }
}
