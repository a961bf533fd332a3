using System.Buffers;
using Aot.Storage.FileSystem;
using Aot.Storage.Json;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.Benchmarks;

/// <summary>Every stored resource kind, at the scope where virtcontainers stores it (lock excluded: it holds no data).</summary>
public enum ResourceCase
{
    PodConfig,
    PodState,
    PodNetwork,
    PodHypervisor,
    PodAgent,
    ContainerConfig,
    ContainerState,
    ContainerProcess,
    ContainerMounts,
    ContainerDevices,
}

/// <summary>Where the roots live: tmpfs (<c>/dev/shm</c>, like <c>/run</c>) or the disk (<c>/tmp</c>).</summary>
public enum Medium
{
    Tmpfs,
    Disk,
}

/// <summary>A pod with one container in a fresh pair of roots, and one resource kind of it.</summary>
public abstract class ResourceFixture : IDisposable
{
    public const string PodId = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    public const string ContainerId = "f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f";

    /// <summary>Environment variables that move the two media elsewhere.</summary>
    public const string TmpfsVariable = "AOT_STORAGE_BENCH_TMPFS";
    public const string DiskVariable = "AOT_STORAGE_BENCH_DISK";

    private readonly string _base;

    protected ResourceFixture(string golden, bool configRoot, bool container, string fileName, Medium medium, Durability durability)
    {
        Golden = Benchmarks.Golden.Read(golden);
        string parent = medium == Medium.Tmpfs
            ? Environment.GetEnvironmentVariable(TmpfsVariable) ?? "/dev/shm"
            : Environment.GetEnvironmentVariable(DiskVariable) ?? "/tmp";
        _base = Path.Combine(parent, $"aot-storage-bench-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var options = new FileSystemStoreOptions
        {
            ConfigRoot = Path.Combine(_base, "config"),
            RunRoot = Path.Combine(_base, "run"),
            ConfigDurability = durability,
            RunDurability = durability,
        };
        Store = new VirtContainersStore(options);
        Store.CreatePod(PodId);
        Store.CreateContainer(PodId, ContainerId);
        string directory = Path.Combine(configRoot ? options.ConfigRoot : options.RunRoot, PodId);
        if (container)
        {
            directory = Path.Combine(directory, ContainerId);
        }

        FilePath = Path.Combine(directory, fileName);
        Floor = new NativeFloor(FilePath);
        Durable = durability == Durability.Full;
    }

    public VirtContainersStore Store { get; }

    public NativeFloor Floor { get; }

    public bool Durable { get; }

    /// <summary>The Go-written bytes of this kind: what every implementation must store.</summary>
    public byte[] Golden { get; }

    public string FilePath { get; }

    public abstract void StoreAotStorage();

    public abstract object? FetchAotStorage();

    /// <summary>Aot.Storage's codec into <paramref name="output"/> (the serialization part of a store).</summary>
    public abstract void Serialize(IBufferWriter<byte> output);

    /// <summary>Aot.Storage's codec from <paramref name="utf8"/> (the parsing part of a fetch).</summary>
    public abstract object? Deserialize(ReadOnlySpan<byte> utf8);

    public abstract byte[] Reserialize(object? value);

    public void Dispose()
    {
        GC.SuppressFinalize(this);
        if (Directory.Exists(_base))
        {
            Directory.Delete(_base, recursive: true);
        }
    }

    public static ResourceFixture Create(ResourceCase resource, Medium medium, Durability durability)
    {
        const string P = PodId;
        const string C = ContainerId;
        return resource switch
        {
            ResourceCase.PodConfig => new ResourceFixture<PodConfig>("podconfig.json", true, false, "config.json", medium, durability, VirtContainersStore.Codecs.PodConfig, (s, v) => s.StorePodConfig(P, v), s => s.FetchPodConfig(P)),
            ResourceCase.PodState => new ResourceFixture<LifecycleState>("state.json", false, false, "state.json", medium, durability, VirtContainersStore.Codecs.LifecycleState, (s, v) => s.StorePodState(P, v), s => s.FetchPodState(P)),
            ResourceCase.PodNetwork => new ResourceFixture<NetworkNamespace>("network.json", false, false, "network.json", medium, durability, VirtContainersStore.Codecs.NetworkNamespace, (s, v) => s.StorePodNetwork(P, v), s => s.FetchPodNetwork(P)),
            ResourceCase.PodHypervisor => new ResourceFixture<QemuState>("hypervisor.json", false, false, "hypervisor.json", medium, durability, VirtContainersStore.Codecs.QemuState, (s, v) => s.StorePodHypervisor(P, v), s => s.FetchPodHypervisor(P)),
            ResourceCase.PodAgent => new ResourceFixture<AgentState>("agent.json", false, false, "agent.json", medium, durability, VirtContainersStore.Codecs.AgentState, (s, v) => s.StorePodAgent(P, v), s => s.FetchPodAgent(P)),
            ResourceCase.ContainerConfig => new ResourceFixture<ContainerConfig>("container-config.json", true, true, "config.json", medium, durability, VirtContainersStore.Codecs.ContainerConfig, (s, v) => s.StoreContainerConfig(P, C, v), s => s.FetchContainerConfig(P, C)),
            ResourceCase.ContainerState => new ResourceFixture<LifecycleState>("container-state.json", false, true, "state.json", medium, durability, VirtContainersStore.Codecs.LifecycleState, (s, v) => s.StoreContainerState(P, C, v), s => s.FetchContainerState(P, C)),
            ResourceCase.ContainerProcess => new ResourceFixture<ContainerProcess>("process.json", false, true, "process.json", medium, durability, VirtContainersStore.Codecs.ContainerProcess, (s, v) => s.StoreContainerProcess(P, C, v), s => s.FetchContainerProcess(P, C)),
            ResourceCase.ContainerMounts => new ResourceFixture<List<Mount>?>("mounts.json", false, true, "mounts.json", medium, durability, VirtContainersStore.Codecs.ListOfMount, (s, v) => s.StoreContainerMounts(P, C, v), s => s.FetchContainerMounts(P, C)),
            ResourceCase.ContainerDevices => new ResourceFixture<List<Device>?>("devices.json", false, true, "devices.json", medium, durability, VirtContainersStore.Codecs.ListOfDevice, (s, v) => s.StoreContainerDevices(P, C, v), s => s.FetchContainerDevices(P, C)),
            _ => throw new ArgumentOutOfRangeException(nameof(resource)),
        };
    }
}

public sealed class ResourceFixture<T> : ResourceFixture
{
    private readonly JsonCodec<T> _codec;
    private readonly Action<VirtContainersStore, T> _store;
    private readonly Func<VirtContainersStore, T> _fetch;
    private readonly T _value;

    public ResourceFixture(
        string golden, bool configRoot, bool container, string fileName, Medium medium, Durability durability,
        JsonCodec<T> codec, Action<VirtContainersStore, T> store, Func<VirtContainersStore, T> fetch)
        : base(golden, configRoot, container, fileName, medium, durability)
    {
        _codec = codec;
        _store = store;
        _fetch = fetch;
        _value = codec.Deserialize(Golden);
    }

    public override void StoreAotStorage() => _store(Store, _value);

    public override object? FetchAotStorage() => _fetch(Store);

    public override void Serialize(IBufferWriter<byte> output) => _codec.Serialize(_value, output);

    public override object? Deserialize(ReadOnlySpan<byte> utf8) => _codec.Deserialize(utf8);

    public override byte[] Reserialize(object? value) => _codec.Serialize((T)value!);
}
