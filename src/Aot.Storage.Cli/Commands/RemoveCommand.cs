using System.CommandLine;
using Aot.Storage.Cli.Infrastructure;
using Aot.Storage.Cli.Resources;

namespace Aot.Storage.Cli.Commands;

/// <summary>
/// <c>rm POD</c>, <c>rm POD CONTAINER</c>, <c>rm POD RESOURCE</c>, <c>rm POD CONTAINER RESOURCE</c>: deletes a
/// whole pod, a container, or one resource file, under the exclusive pod lock.
/// </summary>
/// <remarks>
/// <c>rm POD X</c>: X is a resource if it is one of the resource names, else a container ID. A pod without a
/// lock file (half deleted) cannot be locked by anyone, so its remains are deleted without the lock.
/// </remarks>
internal static class RemoveCommand
{
    private enum Scope
    {
        Pod,
        Container,
        Resource,
    }

    public static Command Create(CliApp app)
    {
        var pod = new Argument<string>("POD") { Description = "Pod ID." };
        var second = new Argument<string?>("CONTAINER|RESOURCE") { Description = "A container ID, or a pod-level resource.", Arity = ArgumentArity.ZeroOrOne };
        var third = new Argument<string?>("RESOURCE") { Description = "A container-level resource of CONTAINER.", Arity = ArgumentArity.ZeroOrOne };
        var force = new Option<bool>("--force") { Description = "Succeed when there is nothing to delete." };
        var timeout = CommonOptions.LockTimeout("How long to wait for the exclusive pod lock (default 30).");
        var command = new Command(
            "rm",
            "Delete one resource, a container, or a whole pod. In 'rm POD X', X is a resource if it is one of config state network hypervisor agent " +
            "process mounts devices, else a container ID.")
        {
            pod,
            second,
            third,
            force,
            timeout,
        };
        command.SetAction(parseResult => app.Guard(() =>
        {
            string podId = parseResult.GetValue(pod)!;
            string? secondValue = parseResult.GetValue(second);
            string? thirdValue = parseResult.GetValue(third);
            (Scope scope, string? containerId, ResourceTarget? target) = (secondValue, thirdValue) switch
            {
                (null, _) => (Scope.Pod, null, null),
                (string x, null) when ResourceTable.IsResourceName(x) => (Scope.Resource, null, ResourceTarget.Resolve(podId, null, x)),
                (string cid, null) => (Scope.Container, cid, null),
                (string cid, string resource) => (Scope.Resource, cid, ResourceTarget.Resolve(podId, cid, resource)),
            };
            return Execute(app.OpenStore(parseResult), scope, podId, containerId, target, parseResult.GetValue(force), parseResult.GetValue(timeout) ?? ResourceStore.DefaultLockTimeout);
        }));
        return command;
    }

    private static int Execute(StoreContext context, Scope scope, string podId, string? containerId, ResourceTarget? target, bool force, TimeSpan timeout)
    {
        // Every ID is checked before anything is locked or deleted.
        string podPath = context.Engine.GetPodPath(StorageRoot.Config, podId);
        string? containerPath = containerId is null ? null : context.Engine.GetContainerPath(StorageRoot.Config, podId, containerId);
        string? resourcePath = target?.ValidateAndGetPath(context.Engine);

        bool existed;
        using (LockIfLockable(context, podId, timeout))
        {
            existed = scope switch
            {
                Scope.Pod => context.Store.DeletePod(podId),
                Scope.Container => context.Store.DeleteContainer(podId, containerId!),
                _ => context.Engine.Delete(target!.Address),
            };
        }

        if (!existed && !force)
        {
            throw scope switch
            {
                Scope.Pod => new ResourceNotFoundException("Pod does not exist", podId, null, null, podPath),
                Scope.Container => new ResourceNotFoundException("Container does not exist", podId, containerId, null, containerPath),
                _ => new ResourceNotFoundException("Resource file does not exist", podId, containerId, target!.Name, resourcePath),
            };
        }

        return ExitCodes.Success;
    }

    private static IPodLock? LockIfLockable(StoreContext context, string podId, TimeSpan timeout)
    {
        try
        {
            return context.Store.LockPod(podId, PodLockMode.Exclusive, timeout);
        }
        catch (ResourceNotFoundException)
        {
            // No lock file: nobody can hold this pod's lock; what is left of the pod is deleted as it is.
            return null;
        }
    }
}
