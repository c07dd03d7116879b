using System.Text.Json.Nodes;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Tests.Spec;

/// <summary>The bounds editors see in the JSON Schema: every number's range and every list's item counts.</summary>
public sealed class SpecSchemaBoundsTests
{
    private static readonly JsonObject Definitions = SpecSchema.Generate()["$defs"]!.AsObject();

    public static TheoryData<string, string, long, long> IntegerRanges => new()
    {
        { "metadata", "generation", 1, long.MaxValue },
        { "spec", "clusterSize", 1, 100 },
        { "spec", "partitionCount", 1, 8192 },
        { "spec", "replicationFactor", 1, 100 },
        { "resources", "cpu", 1, int.MaxValue },
        { "resources", "memory", 1, int.MaxValue },
        { "serviceDiscovery", "dnsTtlSeconds", 1, 3600 },
        { "posixUser", "uid", 0, uint.MaxValue },
        { "posixUser", "gid", 0, uint.MaxValue },
        { "clientAccess", "healthCheckGracePeriodSeconds", 0, int.MaxValue },
        { "targetGroups", "containerPort", 1, 65535 },
        { "retention", "count", 1, 1000 },
    };

    public static TheoryData<string, string, int?, int> ListSizes => new()
    {
        { "placement", "subnets", 1, 16 },
        { "placement", "securityGroups", 1, 5 },
        { "clientAccess", "targetGroups", null, 5 },
        { "notify", "ecsClusters", null, 10 },
    };

    [Theory]
    [MemberData(nameof(IntegerRanges))]
    public void An_integer_field_states_its_range(string definition, string field, long minimum, long maximum)
    {
        var schema = Field(definition, field);

        Assert.Equal(minimum, schema["minimum"]!.GetValue<long>());
        Assert.Equal(maximum, schema["maximum"]!.GetValue<long>());
    }

    [Theory]
    [MemberData(nameof(ListSizes))]
    public void A_list_states_its_item_counts(string definition, string field, int? minItems, int maxItems)
    {
        var schema = Field(definition, field);

        Assert.Equal(minItems, schema["minItems"]?.GetValue<int>());
        Assert.Equal(maxItems, schema["maxItems"]!.GetValue<int>());
    }

    [Fact]
    public void Every_list_and_integer_in_the_schema_is_bounded_and_listed_here()
    {
        var fields = Definitions.SelectMany(definition => definition.Value!["properties"]!.AsObject()
            .Select(field => (Definition: definition.Key, Field: field.Key, Schema: field.Value!.AsObject()))).ToList();

        var lists = fields.Where(f => Is(f.Schema, "array")).ToList();
        var integers = fields.Where(f => Is(f.Schema, "integer")).ToList();

        Assert.All(lists, list => Assert.True(list.Schema["maxItems"]!.GetValue<int>() > 0, $"{list.Definition}.{list.Field} has no upper bound"));
        Assert.Equal(ListSizes.Select(row => ((string)row[0], (string)row[1])).Order(), lists.Select(l => (l.Definition, l.Field)).Order());
        Assert.Equal(IntegerRanges.Select(row => ((string)row[0], (string)row[1])).Order(), integers.Select(i => (i.Definition, i.Field)).Order());
    }

    private static JsonObject Field(string definition, string field) => Definitions[definition]!["properties"]![field]!.AsObject();

    private static bool Is(JsonObject schema, string type) => schema["type"] switch
    {
        JsonArray types => types.Any(t => t!.GetValue<string>() == type),
        JsonValue single => single.GetValue<string>() == type,
        _ => false,
    };
}
