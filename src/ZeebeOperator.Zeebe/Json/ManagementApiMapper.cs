using System.Text.Json;
using ZeebeOperator.Core.Zeebe;

namespace ZeebeOperator.Zeebe.Json;

/// <summary>Maps the management API's JSON shapes to the core's records, filling what is missing.</summary>
internal static class ManagementApiMapper
{
    public static ClusterTopology ToTopology(TopologyDto dto) =>
        new(
            dto.Version ?? 0,
            ToMembers(dto.Brokers),
            dto.LastChange is { Id: not null } last ? ToChange(last, ChangeStatus.Completed) : null,
            dto.PendingChange is { Id: not null } pending ? ToChange(pending, ChangeStatus.InProgress) : null);

    /// <param name="statusWhenMissing">What a change without a status is: a pending change is in progress.</param>
    private static TopologyChange ToChange(ChangeDto dto, ChangeStatus statusWhenMissing) =>
        new(
            dto.Id ?? 0,
            string.IsNullOrWhiteSpace(dto.Status) ? statusWhenMissing : ParseStatus(dto.Status),
            dto.StartedAt,
            dto.CompletedAt,
            dto.Completed?.Count ?? 0,
            [.. (dto.Pending ?? []).Select(OperationText.Describe)]);

    /// <summary>A backup; an unknown state is kept as <see cref="BackupState.Unknown"/> (followed, never taken as done).</summary>
    public static BackupInfo ToBackup(BackupInfoDto dto) =>
        new(
            dto.BackupId ?? 0,
            BackupStates.FromApiName(dto.State),
            dto.FailureReason,
            [.. (dto.Details ?? []).Select(p => new PartitionBackup(p.PartitionId ?? 0, BackupStates.FromApiName(p.State), p.CreatedAt, p.LastUpdatedAt, p.BrokerId, p.FailureReason))]);

    public static ChangeAccepted ToAccepted(PlannedOperationsDto dto) =>
        new(
            dto.ChangeId ?? 0,
            [.. ToMembers(dto.ExpectedTopology).Select(b => b.Id)],
            [.. (dto.PlannedChanges ?? []).Select(OperationText.Describe)]);

    /// <summary>
    /// IN_PROGRESS, COMPLETED, FAILED, CANCELLED in any case, with or without underscores. An unknown status reads as
    /// in progress: the operator then keeps waiting, which is the safe side (it never stops a broker on a guess).
    /// </summary>
    public static ChangeStatus ParseStatus(string status) =>
        Normalize(status) switch
        {
            "COMPLETED" => ChangeStatus.Completed,
            "FAILED" => ChangeStatus.Failed,
            "CANCELLED" or "CANCELED" => ChangeStatus.Cancelled,
            _ => ChangeStatus.InProgress,
        };

    public static GatewayTopology ToGatewayTopology(GatewayTopologyDto dto) =>
        new(
            dto.ClusterSize ?? 0,
            dto.PartitionsCount ?? 0,
            dto.ReplicationFactor ?? 0,
            dto.GatewayVersion,
            [.. (dto.Brokers ?? [])
                .Where(b => b.NodeId is not null)
                .Select(b => new GatewayBroker(
                    b.NodeId!.Value,
                    b.Host ?? string.Empty,
                    b.Port ?? 0,
                    b.Version,
                    [.. (b.Partitions ?? [])
                        .Where(p => p.PartitionId is not null)
                        .Select(p => new PartitionReplica(p.PartitionId!.Value, ParseRole(p.Role), ParseHealth(p.Health)))
                        .OrderBy(p => p.PartitionId)]))
                .OrderBy(b => b.NodeId)]);

    /// <summary>
    /// The components of a Spring Boot health answer (<c>{"status":"DOWN","components":{"x":{"status":"DOWN"}}}</c>)
    /// whose status is not UP, nested ones as <c>group.name</c>; none when the body is not that shape.
    /// </summary>
    public static IReadOnlyList<string> FailingChecks(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var failing = new List<string>();
            Collect(document.RootElement, prefix: null, failing);
            return failing;
        }
        catch (JsonException)
        {
            return [];
        }

        static void Collect(JsonElement health, string? prefix, List<string> failing)
        {
            if (health.ValueKind != JsonValueKind.Object
                || !health.TryGetProperty("components", out var components)
                || components.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            foreach (var component in components.EnumerateObject())
            {
                var name = prefix is null ? component.Name : $"{prefix}.{component.Name}";
                if (component.Value.TryGetProperty("components", out _))
                {
                    Collect(component.Value, name, failing);
                }
                else if (!(component.Value.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String
                    && string.Equals(status.GetString(), "UP", StringComparison.OrdinalIgnoreCase)))
                {
                    failing.Add(name);
                }
            }
        }
    }

    /// <summary>leader, follower, inactive in any case; anything else is Unknown (never a leader).</summary>
    private static PartitionRole ParseRole(string? role) =>
        Normalize(role ?? string.Empty) switch
        {
            "LEADER" => PartitionRole.Leader,
            "FOLLOWER" => PartitionRole.Follower,
            "INACTIVE" => PartitionRole.Inactive,
            _ => PartitionRole.Unknown,
        };

    /// <summary>healthy, unhealthy, dead in any case; anything else is Unknown (never healthy).</summary>
    private static PartitionHealth ParseHealth(string? health) =>
        Normalize(health ?? string.Empty) switch
        {
            "HEALTHY" => PartitionHealth.Healthy,
            "UNHEALTHY" => PartitionHealth.Unhealthy,
            "DEAD" => PartitionHealth.Dead,
            _ => PartitionHealth.Unknown,
        };

    private static List<BrokerMember> ToMembers(IReadOnlyList<BrokerStateDto>? brokers) =>
        [.. (brokers ?? [])
            .Where(b => b.Id is not null)
            .Select(b => new BrokerMember(
                b.Id!.Value,
                MemberState.Parse(b.State),
                b.Version,
                [.. (b.Partitions ?? [])
                    .Where(p => p.Id is not null)
                    .Select(p => new PartitionMember(p.Id!.Value, MemberState.Parse(p.State), p.Priority ?? 0))
                    .OrderBy(p => p.Id)]))
            .OrderBy(b => b.Id)];

    private static string Normalize(string status) =>
        status.Trim()
            .Replace("_", string.Empty, StringComparison.Ordinal)
            .Replace("-", string.Empty, StringComparison.Ordinal)
            .ToUpperInvariant();
}
