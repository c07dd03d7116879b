using System.Reflection;
using ZeebeOperator.Core.Planning;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Core.Tests.Planning;

/// <summary>The action catalogue and the port descriptions name the same operations: audit, metrics and IAM agree.</summary>
public sealed class ActionCatalogueTests
{
    public static TheoryData<string, string> Entries()
    {
        var data = new TheoryData<string, string>();
        var actionTypes = typeof(PlannedAction).Assembly.GetTypes().Where(t => typeof(PlannedAction).IsAssignableFrom(t) && !t.IsAbstract);
        foreach (var type in actionTypes)
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == typeof(ActionKind)))
            {
                data.Add($"{type.Name}.{property.Name}", ((ActionKind)property.GetValue(null)!).Operation.ToString());
            }
        }

        return data;
    }

    [Fact]
    public void Every_action_type_has_a_catalogue_entry() =>
        Assert.True(Entries().Count >= 12, $"expected an entry per action type, found {Entries().Count}");

    [Theory]
    [MemberData(nameof(Entries))]
    public void Each_catalogue_operation_is_a_described_port_operation_with_the_same_mutation(string entry, string operation)
    {
        var kind = EntryNamed(entry);
        var port = Assert.Single(PortCatalog.Operations, o => o.Action == operation);

        Assert.Equal(port.Mutates, kind.Mutates);
    }

    private static ActionKind EntryNamed(string entry)
    {
        var (typeName, propertyName) = (entry[..entry.IndexOf('.', StringComparison.Ordinal)], entry[(entry.IndexOf('.', StringComparison.Ordinal) + 1)..]);
        var type = typeof(PlannedAction).Assembly.GetTypes().Single(t => t.Name == typeName);
        return (ActionKind)type.GetProperty(propertyName, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
    }
}
