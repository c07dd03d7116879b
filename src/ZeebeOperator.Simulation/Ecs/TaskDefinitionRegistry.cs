using ZeebeOperator.Core.Resources;
using ZeebeOperator.Simulation.Infrastructure;

namespace ZeebeOperator.Simulation.Ecs;

/// <summary>Task definition families and their immutable revisions; guarded by the ECS simulation's lock.</summary>
internal sealed class TaskDefinitionRegistry(Arns arns)
{
    public const string ActiveStatus = "ACTIVE";
    public const string InactiveStatus = "INACTIVE";

    private readonly Dictionary<string, List<TaskDefinition>> _families = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _tags = new(StringComparer.Ordinal);

    public TaskDefinition Register(TaskDefinitionRequest request)
    {
        if (!_families.TryGetValue(request.Family, out var revisions))
        {
            revisions = [];
            _families[request.Family] = revisions;
        }

        var revision = revisions.Count + 1;
        var arn = arns.TaskDefinition(request.Family, revision);
        var definition = new TaskDefinition(arn, revision, ActiveStatus, Freeze(request));
        revisions.Add(definition);
        _tags[arn] = new Dictionary<string, string>(request.Tags, StringComparer.Ordinal);
        return WithCurrentTags(definition);
    }

    /// <summary>Whether a reference names a revision (<c>family:revision</c> or an ARN), not just a family.</summary>
    public static bool NamesRevision(string reference) => RevisionPart(reference).Contains(':', StringComparison.Ordinal);

    /// <summary>ListTaskDefinitions with a family and status ACTIVE: that family's ACTIVE revisions, oldest first.</summary>
    public IReadOnlyList<string> ListActive(string family) =>
        _families.TryGetValue(family, out var revisions)
            ? [.. revisions.Where(r => r.Status == ActiveStatus).Select(r => r.Arn)]
            : [];

    public IReadOnlyList<TaskDefinition> All() => [.. _families.Values.SelectMany(r => r).Select(WithCurrentTags)];

    /// <summary>Marks a revision INACTIVE: tasks keep running it, but no service or deployment can start using it.</summary>
    public TaskDefinition Deregister(string arn)
    {
        var definition = Find(arn)!;
        var revisions = _families[definition.Family];
        revisions[definition.Revision - 1] = revisions[definition.Revision - 1] with { Status = InactiveStatus };
        return WithCurrentTags(revisions[definition.Revision - 1]);
    }

    /// <summary>By family (latest ACTIVE revision), <c>family:revision</c> or ARN.</summary>
    public TaskDefinition? Find(string reference)
    {
        var resource = RevisionPart(reference);
        var colon = resource.LastIndexOf(':');
        var family = colon < 0 ? resource : resource[..colon];
        if (!_families.TryGetValue(family, out var revisions))
        {
            return null;
        }

        if (colon < 0)
        {
            var latest = revisions.LastOrDefault(r => r.Status == ActiveStatus);
            return latest is null ? null : WithCurrentTags(latest);
        }

        return int.TryParse(resource[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var revision)
            && revision >= 1 && revision <= revisions.Count
            ? WithCurrentTags(revisions[revision - 1])
            : null;
    }

    public bool TryTag(string arn, IReadOnlyDictionary<string, string> tags)
    {
        if (!_tags.TryGetValue(arn, out var current))
        {
            return false;
        }

        foreach (var (key, value) in tags)
        {
            current[key] = value;
        }

        return true;
    }

    private static string RevisionPart(string reference)
    {
        var resource = Arns.IsArn(reference) ? Arns.Resource(reference) : reference;
        return resource.StartsWith("task-definition/", StringComparison.Ordinal) ? resource["task-definition/".Length..] : resource;
    }

    public int TagCount(string arn) => _tags.TryGetValue(arn, out var current) ? current.Count : 0;

    private TaskDefinition WithCurrentTags(TaskDefinition definition) =>
        definition with { Definition = definition.Definition with { Tags = Frozen.Map(_tags[definition.Arn]) } };

    private static TaskDefinitionRequest Freeze(TaskDefinitionRequest request) => request with
    {
        RequiresCompatibilities = Frozen.List(request.RequiresCompatibilities),
        ContainerDefinitions = Frozen.List(request.ContainerDefinitions.Select(c => c with
        {
            PortMappings = Frozen.List(c.PortMappings),
            Environment = Frozen.List(c.Environment),
            MountPoints = Frozen.List(c.MountPoints),
            HealthCheck = c.HealthCheck is null ? null : c.HealthCheck with { Command = Frozen.List(c.HealthCheck.Command) },
            LogConfiguration = c.LogConfiguration is null ? null : c.LogConfiguration with { Options = Frozen.Map(c.LogConfiguration.Options) },
            Secrets = c.Secrets is null ? null : Frozen.List(c.Secrets),
            DockerLabels = c.DockerLabels is null ? null : Frozen.Map(c.DockerLabels),
        })),
        Volumes = Frozen.List(request.Volumes),
        Tags = Frozen.Map(request.Tags),
    };
}
