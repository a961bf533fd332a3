using System.CommandLine;
using System.Globalization;
using Aot.Storage.Cli.Demo;
using Aot.Storage.Cli.Infrastructure;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.Cli.Commands;

/// <summary>
/// <c>demo [--pods N] [--containers M]</c>: stores N sample pods of M containers each, every resource kind
/// filled in (<see cref="SampleState"/>), then prints every file under both roots with its size and a few
/// commands to try.
/// </summary>
internal static class DemoCommand
{
    private const int MaxPods = 1000;
    private const int MaxContainers = 100;

    public static Command Create(CliApp app)
    {
        var pods = new Option<int>("--pods") { Description = $"Number of pods to create, 1 to {MaxPods} (default 2).", HelpName = "N", DefaultValueFactory = _ => 2 };
        var containers = new Option<int>("--containers")
        {
            Description = $"Containers per pod, 1 to {MaxContainers}, the first being the sandbox container (default 2).",
            HelpName = "M",
            DefaultValueFactory = _ => 2,
        };
        var command = new Command("demo", "Create sample pods with every resource kind, device kind and endpoint kind, then print the tree with sizes.")
        {
            pods,
            containers,
        };
        command.SetAction(parseResult => app.Guard(() =>
        {
            int podCount = parseResult.GetValue(pods);
            int containerCount = parseResult.GetValue(containers);
            if (podCount is < 1 or > MaxPods)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--pods must be from 1 to {MaxPods}, not {podCount}"));
            }

            if (containerCount is < 1 or > MaxContainers)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--containers must be from 1 to {MaxContainers}, not {containerCount}"));
            }

            return Execute(app, app.OpenStore(parseResult), podCount, containerCount);
        }));
        return command;
    }

    private static int Execute(CliApp app, StoreContext context, int podCount, int containerCount)
    {
        VirtContainersStore store = context.Store;
        for (int pod = 1; pod <= podCount; pod++)
        {
            string podId = SampleState.PodId(pod);
            store.CreatePod(podId);
            using IPodLock held = store.LockPod(podId, PodLockMode.Exclusive, ResourceStore.DefaultLockTimeout);
            store.StorePodConfig(podId, SampleState.PodConfig(pod, containerCount));
            store.StorePodState(podId, SampleState.PodState(pod));
            store.StorePodNetwork(podId, SampleState.Network(pod));
            store.StorePodHypervisor(podId, SampleState.Hypervisor(pod, containerCount));
            store.StorePodAgent(podId, SampleState.Agent(pod));
            for (int container = 0; container < containerCount; container++)
            {
                string containerId = SampleState.ContainerId(pod, container);
                store.CreateContainer(podId, containerId);
                store.StoreContainerConfig(podId, containerId, SampleState.ContainerConfig(pod, container));
                store.StoreContainerState(podId, containerId, SampleState.ContainerState(pod, container));
                store.StoreContainerProcess(podId, containerId, SampleState.Process(pod, container));
                store.StoreContainerMounts(podId, containerId, SampleState.Mounts(pod, container));
                store.StoreContainerDevices(podId, containerId, SampleState.Devices(pod, container));
            }
        }

        CliOutput output = app.Output;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Created {podCount} pod(s) with {containerCount} container(s) each."));
        PrintTree(output, "config root", context.ConfigRoot);
        if (context.RunRoot != context.ConfigRoot)
        {
            PrintTree(output, "run root", context.RunRoot);
        }

        string prefix = context.RootArguments.Length == 0 ? "aot-storage" : "aot-storage " + context.RootArguments;
        string firstPod = SampleState.PodId(1);
        string lastContainer = SampleState.ContainerId(1, containerCount - 1);
        output.WriteLine(string.Empty);
        output.WriteLine("Try:");
        output.WriteLine($"  {prefix} ls");
        output.WriteLine($"  {prefix} ls {firstPod}");
        output.WriteLine($"  {prefix} show {firstPod} network --pretty");
        output.WriteLine($"  {prefix} show {firstPod} {lastContainer} devices --pretty");
        output.WriteLine($"  {prefix} verify");
        return ExitCodes.Success;
    }

    /// <summary>Every file under <paramref name="root"/> with its size, by relative path; symbolic links are listed, never followed.</summary>
    private static void PrintTree(CliOutput output, string title, string root)
    {
        var files = new List<(string Path, string Size)>();
        long totalBytes = 0;
        if (Directory.Exists(root))
        {
            Collect(new DirectoryInfo(root), string.Empty, files, ref totalBytes);
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        output.WriteLine(string.Empty);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{title} {root}: {files.Count} files, {totalBytes} bytes"));
        foreach ((string path, string size) in files)
        {
            output.WriteLine($"{size,10}  {Text.OneLine(path)}");
        }
    }

    private static void Collect(DirectoryInfo directory, string prefix, List<(string Path, string Size)> files, ref long totalBytes)
    {
        foreach (FileSystemInfo entry in directory.EnumerateFileSystemInfos())
        {
            string relative = prefix + entry.Name;
            if (entry.LinkTarget is not null)
            {
                files.Add((relative + " -> " + entry.LinkTarget, "link"));
            }
            else if (entry is DirectoryInfo subdirectory)
            {
                Collect(subdirectory, relative + "/", files, ref totalBytes);
            }
            else if (entry is FileInfo file)
            {
                totalBytes += file.Length;
                files.Add((relative, file.Length.ToString(CultureInfo.InvariantCulture)));
            }
        }
    }
}
