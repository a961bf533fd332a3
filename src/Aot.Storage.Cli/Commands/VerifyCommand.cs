using System.CommandLine;
using System.Globalization;
using Aot.Storage.Cli.Infrastructure;
using Aot.Storage.Cli.Resources;

namespace Aot.Storage.Cli.Commands;

/// <summary>
/// <c>verify</c>: parses every resource file of every pod and container under both roots with the typed
/// model; prints <c>CORRUPT &lt;path&gt;: &lt;reason&gt;</c> per bad file (sorted by path), then
/// <c>OK &lt;n&gt; files</c> or <c>FAILED &lt;k&gt; of &lt;n&gt; files</c>.
/// </summary>
/// <remarks>
/// The files are found the way the store finds them (the pods and containers it lists, the file name of each
/// kind at each level); a file that exists but cannot be read as a resource (not a regular file, a symbolic
/// link, unreadable) is reported as bad too, since the runtime could not read it either.
/// </remarks>
internal static class VerifyCommand
{
    public static Command Create(CliApp app)
    {
        var command = new Command(
            "verify",
            "Parse every resource file under both roots with the typed model. Prints 'CORRUPT <path>: <reason>' per bad file, " +
            "then 'OK <n> files' (exit 0) or 'FAILED <k> of <n> files' (exit 1).");
        command.SetAction(parseResult => app.Guard(() => Execute(app, app.OpenStore(parseResult))));
        return command;
    }

    private static int Execute(CliApp app, StoreContext context)
    {
        int total = 0;
        var failures = new List<(string Path, string Reason)>();
        foreach (string podId in context.Store.ListPods())
        {
            foreach (ResourceBinding binding in ResourceTable.PodLevel)
            {
                Check(context, binding, podId, null, ref total, failures);
            }

            IReadOnlyList<string> containers;
            try
            {
                containers = context.Store.ListContainers(podId);
            }
            catch (ResourceNotFoundException)
            {
                continue; // Deleted meanwhile.
            }

            foreach (string containerId in containers)
            {
                foreach (ResourceBinding binding in ResourceTable.ContainerLevel)
                {
                    Check(context, binding, podId, containerId, ref total, failures);
                }
            }
        }

        failures.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        foreach ((string path, string reason) in failures)
        {
            app.Output.WriteLine($"CORRUPT {path}: {Text.OneLine(reason)}");
        }

        if (failures.Count == 0)
        {
            app.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"OK {total} files"));
            return ExitCodes.Success;
        }

        app.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FAILED {failures.Count} of {total} files"));
        return ExitCodes.VerifyFailed;
    }

    private static void Check(StoreContext context, ResourceBinding binding, string podId, string? containerId, ref int total, List<(string Path, string Reason)> failures)
    {
        ResourceAddress address = binding.Address(podId, containerId);
        string path = context.Engine.GetPath(address);
        try
        {
            if (!context.Engine.Exists(address))
            {
                return;
            }
        }
        catch (ResourceIOException ex)
        {
            total++;
            failures.Add((path, ex.Reason));
            return;
        }

        total++;
        try
        {
            binding.FetchAndDiscard(context.Store, podId, containerId);
        }
        catch (ResourceNotFoundException)
        {
            total--; // Deleted meanwhile.
        }
        catch (Exception ex) when (ex is CorruptResourceException or ResourceIOException)
        {
            failures.Add((path, ((ResourceException)ex).Reason));
        }
    }
}
