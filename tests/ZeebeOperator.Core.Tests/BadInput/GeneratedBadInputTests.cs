using System.Text.Json.Nodes;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Tests.BadInput;

/// <summary>Seeded mutations of the shipped samples: whatever comes out, the parser answers without crashing.</summary>
public sealed class GeneratedBadInputTests
{
    public const int MutationsPerSeed = 1500;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Mutated_samples_never_crash_the_parser_and_every_rejection_names_a_field_and_a_rule(int seed)
    {
        var mutations = SpecMutator.Generate(seed, MutationsPerSeed);
        var rejected = 0;

        foreach (var mutation in mutations)
        {
            var result = SpecParser.Parse(mutation.Json);
            if (result.IsValid)
            {
                continue;
            }

            rejected++;
            SpecErrorAssert.AllClear(result.Errors);
            if (mutation.Path is { } path)
            {
                Assert.True(result.Errors.Any(e => SpecPath.IsWithin(e.Path, path) || SpecPath.IsWithin(path, e.Path)),
                    $"{mutation.Describe()}: no error about {path}: {string.Join("; ", result.Errors)}");
            }
        }

        Assert.Equal(MutationsPerSeed, mutations.Count);
        Assert.True(rejected > MutationsPerSeed / 2, $"only {rejected} of {MutationsPerSeed} mutations were rejected: the mutator is too timid");
    }

    [Fact]
    public void The_same_seed_gives_the_same_mutations()
    {
        Assert.Equal(SpecMutator.Generate(9, 50).Select(m => m.Json), SpecMutator.Generate(9, 50).Select(m => m.Json));
    }
}

/// <summary>One generated malformed spec; <see cref="Path"/> is the field it broke when a value was replaced there.</summary>
internal sealed record Mutation(string Kind, string Json, string? Path)
{
    public string Describe() => $"{Kind} at {Path ?? "(text)"}";
}

/// <summary>Breaks the samples in seeded, repeatable ways: values of the wrong type or out of range, hostile strings, removed and unknown fields, and damage to the text itself.</summary>
internal static class SpecMutator
{
    private static readonly string[] HostileStrings =
    [
        "", " ", "../../etc/passwd", "a\u202eb", "\u0430dmin", "x\u200by", "\uFEFFbom", "tab\tin", "line\nbreak",
        "arn:aws:iam::*:role/*", "a:b/c", "UPPER", "-lead", "trail-", new string('a', 300), new string('z', 5000), "😀", "\u0000",
        "%2e%2e", "C:\\Windows", "${jndi:ldap://x}", "'; DROP TABLE x; --", "null", "0", "\\ud800",
    ];

    private static readonly JsonNode?[] HostileValues =
    [
        null, true, false, 0, -1, 1.5, 1e308, -9223372036854775808L, 2147483648L, new JsonArray(), new JsonObject(),
        new JsonArray(1, "two", null), JsonNode.Parse("99999999999999999999999999999"),
    ];

    public static IReadOnlyList<Mutation> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var samples = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Samples"), "*.json")
            .Concat(Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "SpecCorpus", "good"), "*.json"))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToList();
        var mutations = new List<Mutation>(count);
        while (mutations.Count < count)
        {
            var text = samples[random.Next(samples.Count)];
            mutations.Add(random.Next(6) switch
            {
                0 => DamageText(text, random),
                1 => DuplicateKey(text, random),
                _ => MutateTree(JsonNode.Parse(text)!, random),
            });
        }

        return mutations;
    }

    private static Mutation MutateTree(JsonNode root, Random random)
    {
        var leaves = Walk(root, "$").ToList();
        var (node, path) = leaves[random.Next(leaves.Count)];
        var parent = node.Parent;
        var kind = random.Next(4);
        if (parent is JsonObject obj && kind == 0)
        {
            obj.Remove(node.GetPropertyName());
            return new Mutation("remove", root.ToJsonString(), null);
        }

        if (parent is JsonObject extended && kind == 1)
        {
            extended["unexpected" + random.Next(1000)] = "x";
            return new Mutation("unknown field", root.ToJsonString(), null);
        }

        JsonNode? replacement = kind == 2
            ? JsonValue.Create(HostileStrings[random.Next(HostileStrings.Length)])
            : HostileValues[random.Next(HostileValues.Length)]?.DeepClone();
        if (parent is null)
        {
            return new Mutation("replace root", replacement?.ToJsonString() ?? "null", "$");
        }

        node.ReplaceWith(replacement);
        return new Mutation("replace", root.ToJsonString(), null);
    }

    private static IEnumerable<(JsonNode Node, string Path)> Walk(JsonNode node, string path)
    {
        yield return (node, path);
        var children = node switch
        {
            JsonObject obj => obj.Where(p => p.Value is not null).Select(p => (p.Value!, $"{path}.{p.Key}")).ToList(),
            JsonArray array => array.Select((item, i) => (item, $"{path}[{i}]")).Where(c => c.item is not null).Select(c => (c.item!, c.Item2)).ToList(),
            _ => [],
        };
        foreach (var (child, childPath) in children)
        {
            foreach (var descendant in Walk(child, childPath))
            {
                yield return descendant;
            }
        }
    }

    private static Mutation DamageText(string text, Random random)
    {
        var at = random.Next(text.Length);
        return random.Next(4) switch
        {
            0 => new Mutation("truncate", text[..at], null),
            1 => new Mutation("insert byte", text.Insert(at, ((char)random.Next(0, 0x3000)).ToString()), null),
            2 => new Mutation("delete char", text.Remove(at, 1), null),
            _ => new Mutation("nest", text.Insert(text.IndexOf('{', StringComparison.Ordinal) + 1, "\"deep\":" + new string('[', 200) + new string(']', 200) + ","), null),
        };
    }

    private static Mutation DuplicateKey(string text, Random random)
    {
        var keys = new[] { "\"image\":", "\"clusterSize\":", "\"name\":", "\"spec\":", "\"subnets\":", "\"cpu\":" };
        var key = keys[random.Next(keys.Length)];
        var at = text.IndexOf(key, StringComparison.Ordinal);
        return at < 0
            ? DamageText(text, random)
            : new Mutation("duplicate key", text.Insert(at, key + " 1, "), null);
    }
}
