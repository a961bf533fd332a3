using System.Text;
using Aot.Storage.FileSystem;
using Aot.Storage.Json;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.Fuzz;

/// <summary>
/// The reader entry points under fuzzing. Each target takes raw bytes and either returns or throws; the only
/// exceptions it lets through are bugs: anything but the documented error of the entry point
/// (<see cref="MalformedJsonException"/> for a codec, <see cref="CorruptResourceException"/> for a fetch), and
/// any value that does not write back to bytes that read back to the same value.
/// </summary>
public static class FuzzTargets
{
    private static readonly Dictionary<string, Action<ReadOnlySpan<byte>>> s_targets = new(StringComparer.Ordinal)
    {
        ["pod-config"] = input => Codec(VirtContainersStore.Codecs.PodConfig, input),
        ["container-config"] = input => Codec(VirtContainersStore.Codecs.ContainerConfig, input),
        ["state"] = input => Codec(VirtContainersStore.Codecs.LifecycleState, input),
        ["network"] = input => Codec(VirtContainersStore.Codecs.NetworkNamespace, input),
        ["hypervisor"] = input => Codec(VirtContainersStore.Codecs.QemuState, input),
        ["agent"] = input => Codec(VirtContainersStore.Codecs.AgentState, input),
        ["process"] = input => Codec(VirtContainersStore.Codecs.ContainerProcess, input),
        ["mounts"] = input => Codec(VirtContainersStore.Codecs.ListOfMount, input),
        ["devices"] = input => Codec(VirtContainersStore.Codecs.ListOfDevice, input),
        ["raw-json"] = RawJsonParse,
        ["fetch"] = Fetch,
    };

    /// <summary>Which golden files seed which codec target.</summary>
    private static readonly Dictionary<string, string> s_goldenPrefixes = new(StringComparer.Ordinal)
    {
        ["pod-config"] = "podconfig",
        ["container-config"] = "container-config",
        ["state"] = "state",
        ["network"] = "network",
        ["hypervisor"] = "hypervisor",
        ["agent"] = "agent",
        ["process"] = "process",
        ["mounts"] = "mounts",
        ["devices"] = "devices",
    };

    private static readonly string[] s_fetchKinds = ["pod-config", "pod-state", "pod-network", "pod-hypervisor", "pod-agent", "container-config", "container-state", "container-process", "container-mounts", "container-devices"];

    private static VirtContainersStore? s_store;

    public static IReadOnlyCollection<string> Names => s_targets.Keys;

    /// <summary>Runs one input through <paramref name="target"/>; an exception that escapes is a finding.</summary>
    public static void Run(string target, ReadOnlySpan<byte> input)
    {
        if (!s_targets.TryGetValue(target, out Action<ReadOnlySpan<byte>>? run))
        {
            throw new ArgumentException($"unknown fuzz target '{target}'; targets: {string.Join(", ", Names)}", nameof(target));
        }

        run(input);
    }

    /// <summary>The seed inputs of <paramref name="target"/> made from the Go-written golden files.</summary>
    public static IEnumerable<(string Name, byte[] Input)> Seeds(string target, string goldenDirectory)
    {
        IEnumerable<string> files = Directory.GetFiles(goldenDirectory, "*.json").Order(StringComparer.Ordinal);
        foreach (string file in files)
        {
            string name = Path.GetFileName(file);
            byte[] bytes = File.ReadAllBytes(file);
            if (target == "raw-json")
            {
                yield return (name, bytes);
            }
            else if (target == "fetch")
            {
                // First byte: the kind to fetch as; the rest: the file.
                int kind = Array.FindIndex(s_fetchKinds, k => Matches(name, k));
                yield return (name, [(byte)Math.Max(kind, 0), .. bytes]);
            }
            else if (s_goldenPrefixes.TryGetValue(target, out string? prefix) && (IsOf(name, prefix) || (target == "state" && IsOf(name, "container-state"))))
            {
                yield return (name, bytes);
            }
        }
    }

    private static bool IsOf(string fileName, string prefix) =>
        fileName.StartsWith(prefix, StringComparison.Ordinal)
        && (fileName.Length == prefix.Length || fileName[prefix.Length] is '.' or '-');

    private static bool Matches(string fileName, string fetchKind) => fetchKind switch
    {
        "pod-config" => IsOf(fileName, "podconfig"),
        "pod-state" => IsOf(fileName, "state"),
        "pod-network" => IsOf(fileName, "network"),
        "pod-hypervisor" => IsOf(fileName, "hypervisor"),
        "pod-agent" => IsOf(fileName, "agent"),
        "container-config" => IsOf(fileName, "container-config"),
        "container-state" => IsOf(fileName, "container-state"),
        "container-process" => IsOf(fileName, "process"),
        "container-mounts" => IsOf(fileName, "mounts"),
        "container-devices" => IsOf(fileName, "devices"),
        _ => false,
    };

    /// <summary>Read; if it reads, write it, read that back and write again: both writes must be equal.</summary>
    private static void Codec<T>(JsonCodec<T> codec, ReadOnlySpan<byte> input)
    {
        T value;
        try
        {
            value = codec.Deserialize(input);
        }
        catch (MalformedJsonException)
        {
            return;
        }

        byte[] written = codec.Serialize(value);
        T again = codec.Deserialize(written);
        byte[] rewritten = codec.Serialize(again);
        if (written.AsSpan().SequenceEqual(rewritten))
        {
            return;
        }

        // The one known normalization: invalid UTF-8 inside a raw (unknown) part is written as the escape
        // \ufffd, which reads back as U+FFFD and is then written as that character. After it, the bytes are stable.
        byte[] third = codec.Serialize(codec.Deserialize(rewritten));
        if (!rewritten.AsSpan().SequenceEqual(third) || !ReplacementEscapesAsCharacters(written).AsSpan().SequenceEqual(rewritten))
        {
            throw new RoundTripException($"{typeof(T).Name}: written {Encoding.UTF8.GetString(written)}, rewritten {Encoding.UTF8.GetString(rewritten)}");
        }
    }

    /// <summary><paramref name="json"/> with every unescaped <c>\ufffd</c> replaced by the UTF-8 bytes of U+FFFD.</summary>
    private static byte[] ReplacementEscapesAsCharacters(byte[] json)
    {
        ReadOnlySpan<byte> escape = "\\ufffd"u8;
        var result = new List<byte>(json.Length);
        for (int i = 0; i < json.Length; i++)
        {
            bool escaped = i > 0 && json[i - 1] == (byte)'\\' && (i < 2 || json[i - 2] != (byte)'\\');
            if (!escaped && json.AsSpan(i).StartsWith(escape))
            {
                result.AddRange("\uFFFD"u8);
                i += escape.Length - 1;
            }
            else
            {
                result.Add(json[i]);
            }
        }

        return [.. result];
    }

    private static void RawJsonParse(ReadOnlySpan<byte> input)
    {
        string text = Encoding.UTF8.GetString(input);
        RawJson value;
        try
        {
            value = RawJson.Parse(text);
        }
        catch (MalformedJsonException)
        {
            return;
        }
        catch (ArgumentException) when (text.Trim(' ', '\t', '\r', '\n') == "null")
        {
            // Documented: the literal null is a null reference, not a RawJson.
            return;
        }

        RawJson again = RawJson.Parse(Encoding.UTF8.GetString(value.Utf8.Span));
        if (!value.Utf8.Span.SequenceEqual(again.Utf8.Span))
        {
            throw new RoundTripException($"RawJson: {Encoding.UTF8.GetString(value.Utf8.Span)} compacts again to {Encoding.UTF8.GetString(again.Utf8.Span)}");
        }
    }

    /// <summary>The typed fetch through the file-system store: first byte picks the kind, the rest is the file.</summary>
    private static void Fetch(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        VirtContainersStore store = s_store ??= OpenScratchStore();
        string kind = s_fetchKinds[input[0] % s_fetchKinds.Length];
        string path = kind switch
        {
            "pod-config" => store.GetPodConfigPath("pod"),
            "pod-state" => store.GetPodStatePath("pod"),
            "pod-network" => store.GetPodNetworkPath("pod"),
            "pod-hypervisor" => store.GetPodHypervisorPath("pod"),
            "pod-agent" => store.GetPodAgentPath("pod"),
            "container-config" => store.GetContainerConfigPath("pod", "c1"),
            "container-state" => store.GetContainerStatePath("pod", "c1"),
            "container-process" => store.GetContainerProcessPath("pod", "c1"),
            "container-mounts" => store.GetContainerMountsPath("pod", "c1"),
            _ => store.GetContainerDevicesPath("pod", "c1"),
        };
        File.WriteAllBytes(path, input[1..].ToArray());
        try
        {
            _ = kind switch
            {
                "pod-config" => store.FetchPodConfig("pod"),
                "pod-state" => store.FetchPodState("pod"),
                "pod-network" => store.FetchPodNetwork("pod"),
                "pod-hypervisor" => store.FetchPodHypervisor("pod"),
                "pod-agent" => store.FetchPodAgent("pod"),
                "container-config" => store.FetchContainerConfig("pod", "c1"),
                "container-state" => store.FetchContainerState("pod", "c1"),
                "container-process" => store.FetchContainerProcess("pod", "c1"),
                "container-mounts" => store.FetchContainerMounts("pod", "c1"),
                _ => (object?)store.FetchContainerDevices("pod", "c1"),
            };
        }
        catch (CorruptResourceException)
        {
        }
    }

    private static VirtContainersStore OpenScratchStore()
    {
        string baseDirectory = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        string root = Path.Combine(baseDirectory, $"aot-storage-fuzz-{Environment.ProcessId}");
        var store = new VirtContainersStore(new FileSystemStoreOptions
        {
            ConfigRoot = root + "/config",
            RunRoot = root + "/run",
            ConfigDurability = Durability.None,
        });
        store.CreatePod("pod");
        store.CreateContainer("pod", "c1");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return store;
    }
}

/// <summary>A value read from input does not write back to bytes that read back to the same value.</summary>
public sealed class RoundTripException(string message) : Exception(message);
