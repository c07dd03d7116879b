using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeebeOperator.Zeebe.Json;

// The JSON shapes of Zeebe's management API (dist/src/main/resources/api/cluster/components.yaml in camunda/camunda).
// Every field is optional here: the adapter reads leniently and the mapper decides what a missing field means.

/// <summary>GET /actuator/cluster (GetTopologyResponse).</summary>
internal sealed record TopologyDto(
    long? Version,
    IReadOnlyList<BrokerStateDto>? Brokers,
    ChangeDto? LastChange,
    ChangeDto? PendingChange);

/// <summary>BrokerState. <c>id</c> is an integer, or a string such as <c>"zone-a_0"</c> on zone-aware clusters.</summary>
internal sealed record BrokerStateDto(
    [property: JsonConverter(typeof(LenientBrokerIdConverter))] int? Id,
    string? State,
    [property: JsonConverter(typeof(LenientStringConverter))] string? Version,
    IReadOnlyList<PartitionStateDto>? Partitions);

internal sealed record PartitionStateDto(int? Id, string? State, int? Priority);

/// <summary>
/// TopologyChange/CompletedChange of the topology, or ConfigurationChange of GET /actuator/cluster/changes/{id}.
/// </summary>
internal sealed record ChangeDto(
    long? Id,
    string? Status,
    [property: JsonConverter(typeof(LenientDateTimeOffsetConverter))] DateTimeOffset? StartedAt,
    [property: JsonConverter(typeof(LenientDateTimeOffsetConverter))] DateTimeOffset? CompletedAt,
    IReadOnlyList<OperationDto>? Completed,
    IReadOnlyList<OperationDto>? Pending);

/// <summary>
/// Operation, e.g. <c>{"operation":"PARTITION_JOIN","brokerId":3,"partitionId":2,"priority":1}</c>. <c>brokerId</c> is
/// the broker that runs the operation; <c>brokers</c> lists the brokers it concerns (for a force removal, the ones removed).
/// </summary>
internal sealed record OperationDto(
    string? Operation,
    [property: JsonConverter(typeof(LenientBrokerIdConverter))] int? BrokerId,
    int? PartitionId,
    int? Priority,
    IReadOnlyList<JsonElement>? Brokers = null);

/// <summary>PlannedOperationsResponse: the 202 answer to PATCH /actuator/cluster.</summary>
internal sealed record PlannedOperationsDto(
    long? ChangeId,
    IReadOnlyList<BrokerStateDto>? CurrentTopology,
    IReadOnlyList<OperationDto>? PlannedChanges,
    IReadOnlyList<BrokerStateDto>? ExpectedTopology);

/// <summary>Error body: <c>{"message":"..."}</c>.</summary>
internal sealed record ErrorDto(string? Message);

/// <summary>
/// PATCH /actuator/cluster body (ClusterConfigPatchRequest): <c>{"brokers":{"add":[3,4]}}</c>, <c>{"brokers":{"remove":[4]}}</c>
/// or <c>{"partitions":{"count":6,"replicationFactor":3}}</c>.
/// </summary>
internal sealed record ClusterPatchDto(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BrokersPatchDto? Brokers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PartitionsPatchDto? Partitions);

internal sealed record PartitionsPatchDto(int Count, int ReplicationFactor);

internal sealed record BrokersPatchDto(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<int>? Add,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<int>? Remove);

/// <summary>GET /v2/topology of the embedded gateway (TopologyResponse of the REST API).</summary>
internal sealed record GatewayTopologyDto(
    int? ClusterSize,
    int? PartitionsCount,
    int? ReplicationFactor,
    string? GatewayVersion,
    IReadOnlyList<GatewayBrokerDto>? Brokers);

internal sealed record GatewayBrokerDto(
    int? NodeId,
    string? Host,
    int? Port,
    [property: JsonConverter(typeof(LenientStringConverter))] string? Version,
    IReadOnlyList<GatewayPartitionDto>? Partitions);

internal sealed record GatewayPartitionDto(int? PartitionId, string? Role, string? Health);

/// <summary>TakeBackupRuntimeRequest: <c>{"backupId":N}</c>.</summary>
internal sealed record TakeBackupDto(long BackupId);

/// <summary>BackupInfo of the backup management API (backup-management-api.yaml).</summary>
internal sealed record BackupInfoDto(
    long? BackupId,
    string? State,
    string? FailureReason,
    IReadOnlyList<PartitionBackupDto>? Details);

/// <summary>PartitionBackupInfo.</summary>
internal sealed record PartitionBackupDto(
    int? PartitionId,
    string? State,
    string? FailureReason,
    [property: JsonConverter(typeof(LenientDateTimeOffsetConverter))] DateTimeOffset? CreatedAt,
    [property: JsonConverter(typeof(LenientDateTimeOffsetConverter))] DateTimeOffset? LastUpdatedAt,
    [property: JsonConverter(typeof(LenientBrokerIdConverter))] int? BrokerId);
