namespace Aot.Storage;

/// <summary>Whether a resource kind is stored per pod, per container, or both.</summary>
[Flags]
public enum ResourceScope
{
    None = 0,
    Pod = 1,
    Container = 2,
    PodAndContainer = Pod | Container,
}
