using System.Linq.Expressions;
using System.Text.RegularExpressions;
using ZeebeOperator.Core.Spec.Model;

namespace ZeebeOperator.Core.Spec;

/// <summary>Builds the JSON paths that name a field in a <see cref="SpecError"/>: <c>spec.placement.subnets[1]</c>.</summary>
public static partial class SpecPath
{
    public const string Root = "$";

    private const int MaxShownNameLength = 128;

    /// <summary>
    /// The path of a spec field, from the JSON names the model gives it:
    /// <c>SpecPath.Of(d =&gt; d.Spec.Placement.Subnets)</c> is <c>spec.placement.subnets</c>.
    /// </summary>
    public static string Of<TField>(Expression<Func<ZeebeClusterDocument, TField>> field)
    {
        var members = new Stack<MemberExpression>();
        var expression = field.Body;
        while (expression is MemberExpression member)
        {
            members.Push(member);
            expression = member.Expression;
        }

        if (expression is not ParameterExpression || members.Count == 0)
        {
            throw new ArgumentException($"{field} must be a chain of spec fields from the document", nameof(field));
        }

        var path = Root;
        foreach (var member in members)
        {
            path = Property(path, SpecModel.Of(member.Member.DeclaringType!).FieldOf(member.Member.Name).JsonName);
        }

        return path;
    }

    public static string Property(string parent, string name)
    {
        name = name.Length > MaxShownNameLength ? name[..MaxShownNameLength] + "…" : name;
        var segment = PlainName().IsMatch(name) ? name : $"[\"{Escape(name)}\"]";
        if (parent == Root)
        {
            return segment.StartsWith('[') ? Root + segment : segment;
        }

        return segment.StartsWith('[') ? parent + segment : $"{parent}.{segment}";
    }

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    public static bool IsWithin(string path, string ancestor) =>
        path == ancestor
        || ancestor == Root
        || path.StartsWith(ancestor + ".", StringComparison.Ordinal)
        || path.StartsWith(ancestor + "[", StringComparison.Ordinal);

    private static string Escape(string name)
    {
        var escaped = name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        return string.Concat(escaped.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_-]*\z")]
    private static partial Regex PlainName();
}
