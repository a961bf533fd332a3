using System.CommandLine;
using System.Globalization;
using Aot.Storage.Cli.Infrastructure;
using Aot.Storage.Cli.Resources;
using Aot.Storage.Json;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.Cli.Commands;

/// <summary>
/// <c>put POD RESOURCE [FILE]</c> and <c>put POD CONTAINER RESOURCE [FILE]</c>: parses JSON from FILE (or
/// standard input) into the typed model and stores it atomically under the exclusive pod lock. Input that
/// does not parse is refused with the reason and byte offset, and nothing is written.
/// </summary>
/// <remarks>
/// With three arguments the second decides: a resource name means <c>POD RESOURCE FILE</c>, anything else
/// <c>POD CONTAINER RESOURCE</c> (the rule of <c>rm POD X</c>). FILE <c>-</c> is standard input, so
/// <c>put POD CONTAINER RESOURCE -</c> reaches a container whose ID is a resource name.
/// </remarks>
internal static class PutCommand
{
    /// <summary>Largest input accepted, as the store's own limit on a resource file.</summary>
    private const int MaxInputLength = 1 << 30;

    public static Command Create(CliApp app)
    {
        var pod = new Argument<string>("POD") { Description = "Pod ID." };
        var second = new Argument<string>("CONTAINER|RESOURCE") { Description = "A pod-level resource, or a container ID followed by a container-level resource." };
        var third = new Argument<string?>("RESOURCE|FILE") { Description = "The container-level resource, or the input file of a pod-level resource.", Arity = ArgumentArity.ZeroOrOne };
        var fourth = new Argument<string?>("FILE") { Description = "The input file of a container-level resource.", Arity = ArgumentArity.ZeroOrOne };
        var create = new Option<bool>("--create") { Description = "Create the pod (and container) directories first if they do not exist." };
        var timeout = CommonOptions.LockTimeout("How long to wait for the exclusive pod lock (default 30).");
        var command = new Command(
            "put",
            "Store a resource from JSON read from FILE (or standard input when FILE is absent or '-'): parsed into the model, " +
            "rejected with the reason and byte offset if it does not fit, else written atomically under the exclusive pod lock.")
        {
            pod,
            second,
            third,
            fourth,
            create,
            timeout,
        };
        command.SetAction(parseResult => app.Guard(() =>
        {
            string podId = parseResult.GetValue(pod)!;
            string secondValue = parseResult.GetValue(second)!;
            string? thirdValue = parseResult.GetValue(third);
            string? fourthValue = parseResult.GetValue(fourth);
            ResourceTarget target;
            string? file;
            if (thirdValue is null)
            {
                target = ResourceTarget.Resolve(podId, null, secondValue);
                file = null;
            }
            else if (fourthValue is null && ResourceTable.IsResourceName(secondValue))
            {
                target = ResourceTarget.Resolve(podId, null, secondValue);
                file = thirdValue;
            }
            else
            {
                target = ResourceTarget.Resolve(podId, secondValue, thirdValue);
                file = fourthValue;
            }

            return Execute(app, app.OpenStore(parseResult), target, file, parseResult.GetValue(create), parseResult.GetValue(timeout) ?? ResourceStore.DefaultLockTimeout);
        }));
        return command;
    }

    private static int Execute(CliApp app, StoreContext context, ResourceTarget target, string? file, bool create, TimeSpan timeout)
    {
        string path = target.ValidateAndGetPath(context.Engine);
        bool fromStdin = file is null or "-";
        string inputName = fromStdin ? "standard input" : file!;
        byte[] input = fromStdin ? ReadAll(app.Input, inputName) : ReadFile(file!);

        Action<VirtContainersStore, string, string?> store;
        try
        {
            store = target.Binding.ParseForStore(input);
        }
        catch (MalformedJsonException ex)
        {
            throw new InvalidInputException(DescribeInvalid(target, path, inputName, ex.Reason, ex.ByteOffset), ex.ByteOffset, ex);
        }

        if (create)
        {
            context.Store.CreatePod(target.PodId);
            if (target.ContainerId is not null)
            {
                context.Store.CreateContainer(target.PodId, target.ContainerId);
            }
        }

        using (context.Store.LockPod(target.PodId, PodLockMode.Exclusive, timeout))
        {
            store(context.Store, target.PodId, target.ContainerId);
        }

        return ExitCodes.Success;
    }

    private static string DescribeInvalid(ResourceTarget target, string path, string inputName, string reason, long offset)
    {
        string container = target.ContainerId is null ? string.Empty : $", container '{target.ContainerId}'";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Input does not parse as {target.Name}: {reason} at byte offset {offset} (input '{inputName}', pod '{target.PodId}'{container}, resource '{target.Name}', path '{path}'); nothing was written");
    }

    private static byte[] ReadFile(string file)
    {
        using FileStream stream = new(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
        return ReadAll(stream, file);
    }

    private static byte[] ReadAll(Stream stream, string inputName)
    {
        var buffer = new MemoryStream();
        byte[] chunk = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxInputLength)
            {
                throw new InvalidInputException($"Input '{inputName}' is larger than {MaxInputLength >> 20} MiB; nothing was written", MaxInputLength);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
