using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Simulation.Efs;

/// <summary>A simulated access point; guarded by the EFS simulation's lock.</summary>
internal sealed class AccessPointState(CreateAccessPointRequest request, string id, string arn, DateTimeOffset createdAt)
{
    public CreateAccessPointRequest Request { get; } = request;

    public string Id { get; } = id;

    public string Arn { get; } = arn;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public Dictionary<string, string> Tags { get; } = new(request.Tags, StringComparer.Ordinal);

    public AccessPoint ToSnapshot(DateTimeOffset now, SimulationOptions options) => new(
        Id,
        Arn,
        Request.FileSystemId,
        Request.RootPath,
        Request.PosixUser,
        now >= CreatedAt + options.AccessPointCreateDelay
            ? AccessPointLifeCycle.Available
            : AccessPointLifeCycle.Creating,
        Infrastructure.Frozen.Map(Tags));
}
