using System.Text.Json;

namespace ZeebeOperator.Core.Tests.Spec.Schema;

/// <summary>The agreement tests are only as good as this checker, so it is tested on its own.</summary>
public sealed class JsonSchemaCheckerTests
{
    private static IReadOnlyList<SchemaViolation> Check(string schema, string instance)
    {
        using var document = JsonDocument.Parse(instance);
        return new JsonSchemaChecker(JsonDocument.Parse(schema).RootElement.Clone()).Check(document.RootElement);
    }

    [Fact]
    public void Unsupported_keyword_fails_loudly_instead_of_being_ignored() =>
        Assert.Throws<NotSupportedException>(() => Check("""{"oneOf": [{"type": "string"}]}""", "\"x\""));

    [Fact]
    public void Pattern_end_anchor_does_not_accept_a_trailing_newline_as_in_ecmascript()
    {
        Assert.Empty(Check("""{"pattern": "^a$"}""", "\"a\""));
        Assert.Single(Check("""{"pattern": "^a$"}""", "\"a\\n\""));
        Assert.Empty(Check("""{"pattern": "^[$]+$"}""", "\"$$\""));
    }

    [Fact]
    public void Integers_are_compared_exactly_and_huge_ones_still_count_as_integers()
    {
        const string schema = """{"type": "integer", "maximum": 9223372036854775807}""";

        Assert.Empty(Check(schema, "9223372036854775807"));
        Assert.Equal(["maximum"], Check(schema, "9223372036854775808").Select(v => v.Keyword));
        Assert.Equal(["maximum"], Check(schema, "1e400").Select(v => v.Keyword));
        Assert.Equal(["type"], Check(schema, "1.5").Select(v => v.Keyword));
        Assert.Empty(Check(schema, "3.0"));
    }

    [Fact]
    public void Violations_carry_the_spec_path_of_the_field()
    {
        const string schema = """
            {"type": "object", "required": ["a"], "additionalProperties": false,
             "properties": {"a": {"type": "array", "items": {"type": "string", "maxLength": 2}}, "b": {"type": "object"}}}
            """;

        Assert.Equal(["a[1]"], Check(schema, """{"a": ["ok", "too long"]}""").Select(v => v.Path));
        Assert.Equal(["a", "c"], Check(schema, """{"c": 1}""").Select(v => v.Path));
    }

    [Fact]
    public void Lengths_count_characters_not_utf16_units()
    {
        Assert.Empty(Check("""{"maxLength": 1}""", "\"👋\""));
        Assert.Single(Check("""{"maxLength": 1}""", "\"ab\""));
    }

    [Fact]
    public void References_resolve_to_local_definitions()
    {
        const string schema = """{"$defs": {"id": {"pattern": "^x-"}}, "items": {"$ref": "#/$defs/id"}, "uniqueItems": true}""";

        Assert.Empty(Check(schema, """["x-1", "x-2"]"""));
        Assert.Equal(["pattern", "uniqueItems"], Check(schema, """["y-1", "y-1"]""").Select(v => v.Keyword).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Property_names_and_nullable_types_are_checked()
    {
        const string schema = """{"propertyNames": {"pattern": "^[A-Z]+$"}, "additionalProperties": {"type": ["string", "null"]}}""";

        Assert.Empty(Check(schema, """{"A": "x", "B": null}"""));
        Assert.Equal(["b", "C"], Check(schema, """{"b": "x", "C": 1}""").Select(v => v.Path));
    }
}
