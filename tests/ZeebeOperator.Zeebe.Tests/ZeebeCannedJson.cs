namespace ZeebeOperator.Zeebe.Tests;

/// <summary>Answers shaped like Zeebe 8.5+'s management API (camunda/camunda api/cluster/components.yaml).</summary>
internal static class ZeebeCannedJson
{
    /// <summary>A 3-broker cluster scaling to 4: broker 3 joining, with fields the adapter does not know about.</summary>
    public const string TopologyWithPendingChange = """
        {
          "version": 7,
          "clusterId": "cluster-1234",
          "brokers": [
            {
              "id": 1,
              "state": "ACTIVE",
              "version": 3,
              "lastUpdatedAt": "2025-01-01T00:00:00Z",
              "partitions": [
                { "id": 2, "state": "ACTIVE", "priority": 3, "config": { "exporting": { "exporters": [ { "id": "elasticsearch", "state": "ENABLED" } ] } } },
                { "id": 1, "state": "ACTIVE", "priority": 2 }
              ]
            },
            { "id": 0, "state": "ACTIVE", "version": 2, "lastUpdatedAt": "2025-01-01T00:00:00Z",
              "partitions": [ { "id": 1, "state": "ACTIVE", "priority": 3 } ] },
            { "id": 3, "state": "joining", "version": 1, "partitions": [] }
          ],
          "lastChange": { "id": 4, "status": "COMPLETED", "startedAt": "2024-12-31T23:00:00Z", "completedAt": "2024-12-31T23:01:30.5Z" },
          "pendingChange": {
            "id": 5,
            "status": "in_progress",
            "startedAt": "2025-01-01T00:00:00Z",
            "internalVersion": 2,
            "completed": [ { "operation": "BROKER_ADD", "brokerId": 3, "completedAt": "2025-01-01T00:00:05Z" } ],
            "pending": [
              { "operation": "PARTITION_JOIN", "brokerId": 3, "partitionId": 2, "priority": 1 },
              { "operation": "PARTITION_LEAVE", "brokerId": 0, "partitionId": 2 },
              { "operation": "PARTITION_FORCE_RECONFIGURE", "partitionId": 1, "brokers": [0, 1] }
            ]
          },
          "routing": { "version": 1, "requestHandling": { "strategy": "AllPartitions", "partitionCount": 2 },
                       "messageCorrelation": { "strategy": "HashMod", "partitionCount": 2 } }
        }
        """;

    /// <summary>A minimal answer: string ids, missing states, a zone-aware id that has no integer node id.</summary>
    public const string SparseTopology = """
        { "brokers": [ { "id": "2" }, { "id": "zone-a_0", "state": "ACTIVE" }, { "id": 1, "partitions": [ { "id": "1" } ] } ] }
        """;

    public const string AddBrokersAccepted = """
        {
          "changeId": 8,
          "currentTopology": [ { "id": 0, "state": "ACTIVE", "version": 1, "partitions": [ { "id": 1, "state": "ACTIVE", "priority": 1 } ] } ],
          "plannedChanges": [
            { "operation": "BROKER_ADD", "brokerId": 4 },
            { "operation": "BROKER_ADD", "brokerId": 3 },
            { "operation": "PARTITION_JOIN", "brokerId": 3, "partitionId": 1, "priority": 1 },
            { "operation": "PARTITION_RECONFIGURE_PRIORITY", "brokerId": 0, "partitionId": 1, "priority": 2 }
          ],
          "expectedTopology": [
            { "id": 4, "state": "ACTIVE", "partitions": [] },
            { "id": 0, "state": "ACTIVE", "partitions": [ { "id": 1, "state": "ACTIVE", "priority": 2 } ] },
            { "id": 3, "state": "ACTIVE", "partitions": [ { "id": 1, "state": "ACTIVE", "priority": 1 } ] }
          ]
        }
        """;

    public const string ConflictError = """{ "message": "Cannot process request to change the configuration. The cluster has another pending change: 5" }""";

    public const string InvalidError = """{ "message": "Expected to add brokers [1], but brokers [1] are already part of the cluster" }""";

    public const string HealthUp = """{ "status": "UP" }""";

    public const string HealthDown = """{ "status": "DOWN" }""";
}
