using System.Security.Cryptography;
using Aot.Storage.Json;
using Aot.Storage.VirtContainers;
using K = Aot.Storage.VirtContainers.VirtContainersStore.Kinds;

namespace Aot.Storage.StressHelper;

/// <summary>
/// One (resource kind, scope) of the virtcontainers set, driven through the generated typed API: a payload
/// maker whose serialized size is chosen by the caller, its codec, and the typed store and fetch methods.
/// </summary>
internal sealed class StressKind
{
    private readonly Func<Random, int, object?> _make;
    private readonly Func<object?, byte[]> _serialize;
    private readonly Func<byte[], object?> _deserialize;
    private readonly Action<VirtContainersStore, string, string, object?> _store;
    private readonly Func<VirtContainersStore, string, string, object?> _fetch;
    private readonly Func<VirtContainersStore, string, string, Func<object?, object?>, object?> _update;
    private readonly Func<VirtContainersStore, string, string, bool> _delete;
    private readonly Func<VirtContainersStore, string, string, string> _path;
    private readonly Func<VirtContainersStore, string, string, bool> _exists;
    private readonly Func<VirtContainersStore, string, string, bool> _tryFetch;

    private StressKind(
        string name,
        ResourceKind kind,
        bool containerLevel,
        Func<Random, int, object?> make,
        Func<object?, byte[]> serialize,
        Func<byte[], object?> deserialize,
        Action<VirtContainersStore, string, string, object?> store,
        Func<VirtContainersStore, string, string, object?> fetch,
        Func<VirtContainersStore, string, string, Func<object?, object?>, object?> update,
        Func<VirtContainersStore, string, string, bool> delete,
        Func<VirtContainersStore, string, string, string> path,
        Func<VirtContainersStore, string, string, bool> exists,
        Func<VirtContainersStore, string, string, bool> tryFetch)
    {
        Name = name;
        Kind = kind;
        ContainerLevel = containerLevel;
        _make = make;
        _serialize = serialize;
        _deserialize = deserialize;
        _store = store;
        _fetch = fetch;
        _update = update;
        _delete = delete;
        _path = path;
        _exists = exists;
        _tryFetch = tryFetch;
    }

    /// <summary>The ten (kind, scope) pairs that hold data; the lock file is not one.</summary>
    public static IReadOnlyList<StressKind> All { get; } =
    [
        Of("pod-config", K.Config, false, MakePodConfig, VirtContainersStore.Codecs.PodConfig,
            (s, p, c, v) => s.StorePodConfig(p, v), (s, p, c) => s.FetchPodConfig(p), (s, p, c, f) => s.UpdatePodConfig(p, f, Timeout),
            (s, p, c) => s.DeletePodConfig(p), (s, p, c) => s.GetPodConfigPath(p),
            (s, p, c) => s.PodConfigExists(p), (s, p, c) => s.TryFetchPodConfig(p, out _)),
        Of("pod-state", K.State, false, MakeState, VirtContainersStore.Codecs.LifecycleState,
            (s, p, c, v) => s.StorePodState(p, v), (s, p, c) => s.FetchPodState(p), (s, p, c, f) => s.UpdatePodState(p, f, Timeout),
            (s, p, c) => s.DeletePodState(p), (s, p, c) => s.GetPodStatePath(p),
            (s, p, c) => s.PodStateExists(p), (s, p, c) => s.TryFetchPodState(p, out _)),
        Of("pod-network", K.Network, false, MakeNetwork, VirtContainersStore.Codecs.NetworkNamespace,
            (s, p, c, v) => s.StorePodNetwork(p, v), (s, p, c) => s.FetchPodNetwork(p), (s, p, c, f) => s.UpdatePodNetwork(p, f, Timeout),
            (s, p, c) => s.DeletePodNetwork(p), (s, p, c) => s.GetPodNetworkPath(p),
            (s, p, c) => s.PodNetworkExists(p), (s, p, c) => s.TryFetchPodNetwork(p, out _)),
        Of("pod-hypervisor", K.Hypervisor, false, MakeHypervisor, VirtContainersStore.Codecs.QemuState,
            (s, p, c, v) => s.StorePodHypervisor(p, v), (s, p, c) => s.FetchPodHypervisor(p), (s, p, c, f) => s.UpdatePodHypervisor(p, f, Timeout),
            (s, p, c) => s.DeletePodHypervisor(p), (s, p, c) => s.GetPodHypervisorPath(p),
            (s, p, c) => s.PodHypervisorExists(p), (s, p, c) => s.TryFetchPodHypervisor(p, out _)),
        Of("pod-agent", K.Agent, false, MakeAgent, VirtContainersStore.Codecs.AgentState,
            (s, p, c, v) => s.StorePodAgent(p, v), (s, p, c) => s.FetchPodAgent(p), (s, p, c, f) => s.UpdatePodAgent(p, f, Timeout),
            (s, p, c) => s.DeletePodAgent(p), (s, p, c) => s.GetPodAgentPath(p),
            (s, p, c) => s.PodAgentExists(p), (s, p, c) => s.TryFetchPodAgent(p, out _)),
        Of("container-config", K.Config, true, MakeContainerConfig, VirtContainersStore.Codecs.ContainerConfig,
            (s, p, c, v) => s.StoreContainerConfig(p, c, v), (s, p, c) => s.FetchContainerConfig(p, c), (s, p, c, f) => s.UpdateContainerConfig(p, c, f, Timeout),
            (s, p, c) => s.DeleteContainerConfig(p, c), (s, p, c) => s.GetContainerConfigPath(p, c),
            (s, p, c) => s.ContainerConfigExists(p, c), (s, p, c) => s.TryFetchContainerConfig(p, c, out _)),
        Of("container-state", K.State, true, MakeState, VirtContainersStore.Codecs.LifecycleState,
            (s, p, c, v) => s.StoreContainerState(p, c, v), (s, p, c) => s.FetchContainerState(p, c), (s, p, c, f) => s.UpdateContainerState(p, c, f, Timeout),
            (s, p, c) => s.DeleteContainerState(p, c), (s, p, c) => s.GetContainerStatePath(p, c),
            (s, p, c) => s.ContainerStateExists(p, c), (s, p, c) => s.TryFetchContainerState(p, c, out _)),
        Of("container-process", K.Process, true, MakeProcess, VirtContainersStore.Codecs.ContainerProcess,
            (s, p, c, v) => s.StoreContainerProcess(p, c, v), (s, p, c) => s.FetchContainerProcess(p, c), (s, p, c, f) => s.UpdateContainerProcess(p, c, f, Timeout),
            (s, p, c) => s.DeleteContainerProcess(p, c), (s, p, c) => s.GetContainerProcessPath(p, c),
            (s, p, c) => s.ContainerProcessExists(p, c), (s, p, c) => s.TryFetchContainerProcess(p, c, out _)),
        Of("container-mounts", K.Mounts, true, MakeMounts, VirtContainersStore.Codecs.ListOfMount,
            (s, p, c, v) => s.StoreContainerMounts(p, c, v), (s, p, c) => s.FetchContainerMounts(p, c), (s, p, c, f) => s.UpdateContainerMounts(p, c, f, Timeout),
            (s, p, c) => s.DeleteContainerMounts(p, c), (s, p, c) => s.GetContainerMountsPath(p, c),
            (s, p, c) => s.ContainerMountsExists(p, c), (s, p, c) => s.TryFetchContainerMounts(p, c, out _)),
        Of("container-devices", K.Devices, true, MakeDevices, VirtContainersStore.Codecs.ListOfDevice,
            (s, p, c, v) => s.StoreContainerDevices(p, c, v), (s, p, c) => s.FetchContainerDevices(p, c), (s, p, c, f) => s.UpdateContainerDevices(p, c, f, Timeout),
            (s, p, c) => s.DeleteContainerDevices(p, c), (s, p, c) => s.GetContainerDevicesPath(p, c),
            (s, p, c) => s.ContainerDevicesExists(p, c), (s, p, c) => s.TryFetchContainerDevices(p, c, out _)),
    ];

    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(30);

    public string Name { get; }

    public ResourceKind Kind { get; }

    public bool ContainerLevel { get; }

    public static StressKind ByName(string name) =>
        All.FirstOrDefault(k => k.Name == name) ?? throw new ArgumentException($"unknown kind '{name}'", nameof(name));

    /// <summary>A value whose free-text field has <paramref name="textLength"/> characters (lists: spread over elements; negative: the smallest value).</summary>
    public object? Make(Random random, int textLength) => _make(random, textLength);

    public byte[] Serialize(object? value) => _serialize(value);

    /// <summary>The kind's codec on raw bytes (<see cref="MalformedJsonException"/> for bad input).</summary>
    public object? Deserialize(byte[] utf8) => _deserialize(utf8);

    public void Store(VirtContainersStore store, string pod, string ctr, object? value) => _store(store, pod, ctr, value);

    public object? Fetch(VirtContainersStore store, string pod, string ctr) => _fetch(store, pod, ctr);

    public object? Update(VirtContainersStore store, string pod, string ctr, Func<object?, object?> update) => _update(store, pod, ctr, update);

    public bool Delete(VirtContainersStore store, string pod, string ctr) => _delete(store, pod, ctr);

    public string PathOf(VirtContainersStore store, string pod, string ctr) => _path(store, pod, ctr);

    public bool Exists(VirtContainersStore store, string pod, string ctr) => _exists(store, pod, ctr);

    /// <summary>The typed TryFetch: whether a value was there (its value is dropped).</summary>
    public bool TryFetch(VirtContainersStore store, string pod, string ctr) => _tryFetch(store, pod, ctr);

    public override string ToString() => Name;

    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// A text length for a payload between a few bytes and <paramref name="maxBytes"/>: one in four tiny, the
    /// rest log-uniform, so that every order of magnitude is written about as often.
    /// </summary>
    public static int RandomTextLength(Random random, int maxBytes)
    {
        if (random.Next(4) == 0)
        {
            return random.Next(-1, 64);
        }

        return (int)Math.Exp(random.NextDouble() * Math.Log(Math.Max(2, maxBytes - 512)));
    }

    /// <summary>Text that needs Go's escapes now and then (HTML characters, quotes, U+2028, non-ASCII).</summary>
    public static string RandomText(Random random, int length)
    {
        if (length <= 0)
        {
            return string.Empty;
        }

        const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-_.:= ";
        const string Rare = "<>&\"\\é\u2028\t\n";
        return string.Create(length, random, static (span, r) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = r.Next(64) == 0 ? Rare[r.Next(Rare.Length)] : Alphabet[r.Next(Alphabet.Length)];
            }
        });
    }

    private static StressKind Of<T>(
        string name,
        ResourceKind kind,
        bool containerLevel,
        Func<Random, int, T> make,
        JsonCodec<T> codec,
        Action<VirtContainersStore, string, string, T> store,
        Func<VirtContainersStore, string, string, T> fetch,
        Func<VirtContainersStore, string, string, Func<T?, T>, T> update,
        Func<VirtContainersStore, string, string, bool> delete,
        Func<VirtContainersStore, string, string, string> path,
        Func<VirtContainersStore, string, string, bool> exists,
        Func<VirtContainersStore, string, string, bool> tryFetch) =>
        new(
            name,
            kind,
            containerLevel,
            (r, n) => make(r, n),
            v => codec.Serialize((T)v!),
            b => codec.Deserialize(b),
            (s, p, c, v) => store(s, p, c, (T)v!),
            (s, p, c) => fetch(s, p, c),
            (s, p, c, f) => update(s, p, c, current => (T)f(current)!),
            delete,
            path,
            exists,
            tryFetch);

    private static PodConfig MakePodConfig(Random random, int length) => new()
    {
        Id = "pod",
        Hostname = RandomText(random, length),
        HypervisorType = HypervisorTypes.Qemu,
        AgentType = AgentTypes.Noop,
        ProxyType = ProxyTypes.NoopProxy,
        ShimType = ShimTypes.NoopShim,
        Annotations = length < 0 ? null : new Dictionary<string, string> { ["size"] = length.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    private static ContainerConfig MakeContainerConfig(Random random, int length) => new()
    {
        Id = "ctr",
        RootFs = RandomText(random, length),
        Cmd = new ContainerCommand { Args = length < 0 ? null : ["/bin/sh"], WorkDir = "/" },
    };

    private static LifecycleState MakeState(Random random, int length) => new()
    {
        State = LifecycleStates.Running,
        BlockIndex = random.NextInt64(),
        Fstype = RandomText(random, length),
        HotpluggedDrive = random.Next(2) == 0,
    };

    private static NetworkNamespace MakeNetwork(Random random, int length) => new()
    {
        NetNsPath = RandomText(random, length),
        NetNsCreated = random.Next(2) == 0,
    };

    private static QemuState MakeHypervisor(Random random, int length) => new()
    {
        Uuid = RandomText(random, length),
        HotpluggedVcpus = length < 0 ? null : [new CpuDevice { Id = "cpu-1" }],
    };

    private static AgentState MakeAgent(Random random, int length) => new()
    {
        ProxyPid = random.Next(),
        Url = RandomText(random, length),
    };

    private static ContainerProcess MakeProcess(Random random, int length) => new()
    {
        Token = RandomText(random, length),
        Pid = random.Next(),
        StartTime = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero).AddTicks(random.Next()),
    };

    private static List<Mount>? MakeMounts(Random random, int length)
    {
        if (length < 0)
        {
            return random.Next(2) == 0 ? null : [];
        }

        int count = 1 + random.Next(3);
        var list = new List<Mount>(count);
        for (int i = 0; i < count; i++)
        {
            list.Add(new Mount { Source = RandomText(random, length / count), Destination = "/mnt/" + i, Type = "bind", Options = ["rbind"] });
        }

        return list;
    }

    private static List<Device>? MakeDevices(Random random, int length)
    {
        if (length < 0)
        {
            return random.Next(2) == 0 ? null : [];
        }

        int count = 1 + random.Next(3);
        var list = new List<Device>(count);
        for (int i = 0; i < count; i++)
        {
            list.Add(new GenericDevice { DeviceInfo = new DeviceInfo { HostPath = RandomText(random, length / count), ContainerPath = "/dev/x" + i, DevType = "c", Major = 1, Minor = i } });
        }

        return list;
    }
}
