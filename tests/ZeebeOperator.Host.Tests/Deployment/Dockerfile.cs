using System.Text.Json;

namespace ZeebeOperator.Host.Tests.Deployment;

/// <summary>One Dockerfile instruction: its keyword (upper case), its arguments and its 1-based line.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Line)
{
    /// <summary>The exec (JSON array) form of the arguments, after any <c>--flag=value</c> options.</summary>
    public IReadOnlyList<string> ExecForm
    {
        get
        {
            var json = Arguments[Arguments.IndexOf('[', StringComparison.Ordinal)..];
            return JsonSerializer.Deserialize<string[]>(json) ?? throw new FormatException($"line {Line}: {Keyword} is not in exec form");
        }
    }

    /// <summary>The whitespace-separated words of the arguments, <c>--flags</c> included.</summary>
    public IReadOnlyList<string> Words => Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A build stage: its <c>FROM</c> image, its optional name and the instructions that follow.</summary>
internal sealed record DockerStage(string Image, string? Name, IReadOnlyList<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    /// <summary>The stage's environment as <c>ENV</c> sets it (key=value form; quotes removed).</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        All("ENV")
            .SelectMany(i => i.Words)
            .Select(word => word.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length == 2 ? pair[1].Trim('"') : string.Empty, StringComparer.Ordinal);
}

/// <summary>
/// Just enough of the Dockerfile syntax for the repository's own file: comments, line continuations, parser
/// directives and stages.
/// </summary>
internal sealed record Dockerfile(IReadOnlyList<DockerStage> Stages)
{
    public static string RepositoryPath => Path.Combine(RepositoryRoot.Path, "Dockerfile");

    public DockerStage Final => Stages[^1];

    public DockerStage Stage(string name) =>
        Stages.SingleOrDefault(s => s.Name == name) ?? throw new InvalidOperationException($"The Dockerfile has no stage '{name}'.");

    public static Dockerfile Load(string path) => Parse(File.ReadAllLines(path));

    public static Dockerfile Parse(IReadOnlyList<string> lines)
    {
        var stages = new List<DockerStage>();
        List<DockerInstruction>? current = null;
        (string Image, string? Name)? from = null;
        foreach (var instruction in Instructions(lines))
        {
            if (instruction.Keyword == "FROM")
            {
                Close();
                var words = instruction.Words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
                from = (words[0], words.Count == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null);
                current = [];
            }
            else
            {
                (current ?? throw new FormatException($"line {instruction.Line}: {instruction.Keyword} before FROM")).Add(instruction);
            }
        }

        Close();
        return new Dockerfile(stages);

        void Close()
        {
            if (from is { } f && current is not null)
            {
                stages.Add(new DockerStage(f.Image, f.Name, current));
            }
        }
    }

    private static IEnumerable<DockerInstruction> Instructions(IReadOnlyList<string> lines)
    {
        var text = new List<string>();
        var start = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith('#') || (line.Length == 0 && text.Count == 0))
            {
                continue;
            }

            if (text.Count == 0)
            {
                start = i + 1;
            }

            var continues = line.EndsWith('\\');
            text.Add(continues ? line[..^1].Trim() : line);
            if (!continues)
            {
                var joined = string.Join(' ', text.Where(t => t.Length > 0));
                text.Clear();
                var space = joined.IndexOf(' ', StringComparison.Ordinal);
                yield return new DockerInstruction(
                    (space < 0 ? joined : joined[..space]).ToUpperInvariant(),
                    space < 0 ? string.Empty : joined[(space + 1)..].Trim(),
                    start);
            }
        }
    }
}

internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Operator.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Operator.sln not found above the test binaries.");
    }
}
