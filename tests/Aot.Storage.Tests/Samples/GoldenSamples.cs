using System.Net;
using Aot.Storage.Json;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.Tests.Samples;

/// <summary>
/// The values that Go wrote into <c>TestVectors/golden/</c>, built in C#: serialising one must give the
/// bytes of its file. Every call builds new objects, so a test may change what it gets.
/// </summary>
/// <remarks>
/// The <c>*-zero.json</c> files are the models' default values (<c>new PodConfig()</c>, ...), and
/// <c>podconfig.after-fetch-restore.json</c> holds the same value as <see cref="PodConfig"/> with the
/// <c>ShimConfig</c> keys in another order. <c>devices-empty.json</c> (<c>null</c>) is a null or empty list,
/// <c>mounts-empty.json</c> (<c>[]</c>) an empty one.
/// </remarks>
internal static class GoldenSamples
{
    public const string PodId = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

    /// <summary>The pod's second container; the first (the sandbox container) has the pod's id.</summary>
    public const string ContainerId = "f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f";

    private const string Hostname = "nginx-7c87f569d-xk2p9";
    private const string NetNsPath = "/var/run/netns/cni-5b6e2a1c-0d3f-4e1a-9b2c-7d8e9f0a1b2c";
    private const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private const long ForeverLifetime = 4294967295;

    // Go os.FileMode values (permission bits only here).
    private const uint Mode0666 = 438;
    private const uint Mode0660 = 432;

    /// <summary>podconfig.json: a kata pod with its sandbox container and one nginx container.</summary>
    public static PodConfig PodConfig() => new()
    {
        Id = PodId,
        Hostname = Hostname,
        Hooks = new()
        {
            PreStartHooks =
            [
                new()
                {
                    Path = "/usr/libexec/oci/hooks.d/oci-systemd-hook",
                    Args = ["oci-systemd-hook", "prestart"],
                    Env = ["container=kata"],
                    Timeout = 5,
                },
            ],
            PostStartHooks = null,
            PostStopHooks = [new() { Path = "/usr/libexec/oci/hooks.d/oci-umount" }],
        },
        VmConfig = new() { Memory = 2048 },
        HypervisorType = HypervisorTypes.Qemu,
        HypervisorConfig = new()
        {
            KernelPath = "/usr/share/kata-containers/vmlinuz.container",
            ImagePath = "/usr/share/kata-containers/kata-containers.img",
            HypervisorPath = "/usr/bin/qemu-lite-system-x86_64",
            BlockDeviceDriver = BlockDeviceDrivers.VirtioScsi,
            KernelParams =
            [
                new() { Key = "agent.log", Value = "debug" },
                new() { Key = "systemd.show_status", Value = "false" },
                new() { Key = "quiet", Value = "" },
            ],
            HypervisorParams = null,
            HypervisorMachineType = "pc",
            Debug = true,
            DefaultVcpus = 1,
            DefaultMaxVcpus = 16,
            DefaultMemSz = 2048,
            DefaultBridges = 1,
            Mlock = true,
        },
        AgentType = AgentTypes.Kata,
        AgentConfig = new KataAgentConfig { GrpcSocket = "" },
        ProxyType = ProxyTypes.KataProxy,
        ProxyConfig = new() { Path = "/usr/libexec/kata-containers/kata-proxy", Debug = false },
        ShimType = ShimTypes.KataShim,
        ShimConfig = new KataShimConfig { Path = "/usr/libexec/kata-containers/kata-shim", Debug = true },
        NetworkModel = NetworkModels.Cnm,
        NetworkConfig = new()
        {
            NetNsPath = NetNsPath,
            NumInterfaces = 1,
            InterworkingModel = NetInterworkingModel.Macvtap,
        },
        Volumes = [new() { MountTag = "shared0", HostPath = "/var/lib/kata/shared" }],
        Containers = [SandboxContainerConfig(), ContainerConfig()],
        Annotations = new()
        {
            [AnnotationKeys.KernelPath] = "/opt/custom/vmlinuz",
            [AnnotationKeys.BundlePath] = BundlePath(PodId),
            [AnnotationKeys.OciConfig] = """{"ociVersion":"1.0.0","hostname":"nginx-7c87f569d-xk2p9"}""",
        },
    };

    /// <summary>container-config.json, also <c>Containers[1]</c> of <see cref="PodConfig"/>.</summary>
    public static ContainerConfig ContainerConfig() => new()
    {
        Id = ContainerId,
        RootFs = "/var/lib/containers/storage/overlay/9a8b7c6d/merged",
        ReadonlyRootfs = false,
        Cmd = new()
        {
            Args = ["nginx", "-g", "daemon off;"],
            Envs =
            [
                new() { Var = "PATH", Value = DefaultPath },
                // Go escapes <, > and & as \u003c, \u003e and \u0026.
                new() { Var = "GREETING", Value = "hello <world> & friends" },
            ],
            WorkDir = "/",
            User = "101",
            PrimaryGroup = "101",
            SupplementaryGroups = ["101", "65534"],
            Interactive = false,
            Console = "",
            Detach = true,
            NoNewPrivileges = true,
            Capabilities = new()
            {
                Bounding = ["CAP_NET_BIND_SERVICE"],
                Effective = ["CAP_NET_BIND_SERVICE"],
                Inheritable = null,
                Permitted = ["CAP_NET_BIND_SERVICE"],
                Ambient = null,
            },
        },
        Annotations = new()
        {
            [AnnotationKeys.BundlePath] = BundlePath(ContainerId),
            // A JSON document in a string: written escaped once more, with <>& as \u003c, \u003e, \u0026.
            [AnnotationKeys.OciConfig] =
                """{"ociVersion":"1.0.0","process":{"args":["nginx","-g","daemon off;"],"env":["GREETING=hello <world> & friends"]},"annotations":{"io.kubernetes.cri-o.ContainerType":"container"}}""",
            [AnnotationKeys.ContainerType] = ContainerTypes.PodContainer,
        },
        Mounts = [ProcMount(), SecretMount(hostPath: "")],
        DeviceInfos =
        [
            new()
            {
                ContainerPath = "/dev/vfio/12",
                DevType = DevTypes.CharDevice,
                Major = 244,
                Minor = 1,
                FileMode = Mode0666,
            },
            new()
            {
                ContainerPath = "/dev/xvdc",
                DevType = DevTypes.BlockDevice,
                Major = 202,
                Minor = 32,
                FileMode = Mode0660,
                Gid = 6,
            },
            new()
            {
                ContainerPath = "/dev/fuse",
                DevType = DevTypes.CharDevice,
                Major = 10,
                Minor = 229,
                FileMode = Mode0666,
            },
        ],
        Resources = new() { CpuQuota = 200000, CpuPeriod = 100000, CpuShares = 1024 },
    };

    /// <summary>state.json: the pod's state.</summary>
    public static LifecycleState PodState() => new()
    {
        State = LifecycleStates.Running,
        BlockIndex = 2,
        Fstype = "",
        HotpluggedDrive = false,
    };

    /// <summary>container-state.json: a container whose rootfs is a hot-plugged xfs drive.</summary>
    public static LifecycleState ContainerState() => new()
    {
        State = LifecycleStates.Running,
        BlockIndex = 1,
        Fstype = "xfs",
        HotpluggedDrive = true,
    };

    /// <summary>process.json.</summary>
    public static ContainerProcess Process() => new()
    {
        Token = "7a0b1f5e-2c3d-4e5f-8a9b-0c1d2e3f4a5b",
        Pid = 31338,
        StartTime = new Timestamp(new DateTimeOffset(2018, 2, 23, 10, 35, 8, TimeSpan.Zero), 123456789),
    };

    /// <summary>mounts.json: the container's mounts once the secret is bind-mounted into the shared directory.</summary>
    public static List<Mount> Mounts() =>
    [
        ProcMount(),
        SecretMount(hostPath:
            $"/run/kata-containers/shared/pods/{PodId}/{ContainerId}-7c1e5b9a0d2f4e6b-serviceaccount"),
    ];

    /// <summary>devices.json: one device of each kind Go can read back.</summary>
    public static List<Device> Devices() =>
    [
        new VfioDevice
        {
            DeviceType = DeviceTypes.Vfio,
            DeviceInfo = new()
            {
                HostPath = "/dev/vfio/12",
                ContainerPath = "/dev/vfio/12",
                DevType = DevTypes.CharDevice,
                Major = 244,
                Minor = 1,
                FileMode = Mode0666,
            },
            Bdf = "02:10.0",
        },
        new BlockDevice
        {
            DeviceType = DeviceTypes.Block,
            DeviceInfo = new()
            {
                HostPath = "/dev/xvdc",
                ContainerPath = "/dev/xvdc",
                DevType = DevTypes.BlockDevice,
                Major = 202,
                Minor = 32,
                FileMode = Mode0660,
                Uid = 0,
                Gid = 6,
                Hotplugged = true,
                Id = "4e8c9a1b2f3d5e6a",
            },
            ScsiAddr = "0:2",
            VirtPath = "",
        },
        new GenericDevice
        {
            DeviceType = DeviceTypes.Generic,
            DeviceInfo = new()
            {
                HostPath = "/dev/fuse",
                ContainerPath = "/dev/fuse",
                DevType = DevTypes.CharDevice,
                Major = 10,
                Minor = 229,
                FileMode = Mode0666,
            },
        },
    ];

    /// <summary>network.json: one veth endpoint with the macvtap model (8 queue fds and 8 vhost fds).</summary>
    public static NetworkNamespace Network() => new()
    {
        NetNsPath = NetNsPath,
        NetNsCreated = false,
        Endpoints =
        [
            new VirtualEndpoint
            {
                NetPair = new()
                {
                    Id = "5d3c7f0e-8a1b-4c2d-9e3f-0a1b2c3d4e5f",
                    Name = "br0",
                    VirtIface = new()
                    {
                        Name = "eth0",
                        HardAddr = "02:00:ca:fe:00:00",
                        Addrs = [Eth0Ipv4Address()],
                    },
                    TapIface = new()
                    {
                        Name = "tap0",
                        HardAddr = "0a:58:0a:58:00:0c",
                        Addrs = null,
                    },
                    NetInterworkingModel = NetInterworkingModel.Macvtap,
                    VmFds = OsFiles(8),
                    VhostFds = OsFiles(8),
                },
                EndpointProperties = new()
                {
                    Iface = new()
                    {
                        LinkAttributes = new()
                        {
                            Index = 3,
                            Mtu = 1500,
                            TxQLen = 1000,
                            Name = "eth0",
                            HardwareAddr = [0x0a, 0x58, 0x0a, 0x58, 0x00, 0x0c],
                            Flags = InterfaceFlags.Up | InterfaceFlags.Broadcast | InterfaceFlags.Multicast,
                            RawFlags = 69699, // IFF_UP | IFF_BROADCAST | IFF_RUNNING | IFF_MULTICAST | IFF_LOWER_UP
                            ParentIndex = 27,
                            MasterIndex = 0,
                            Namespace = null,
                            Alias = "",
                            Statistics = new()
                            {
                                RxPackets = 18,
                                TxPackets = 10,
                                RxBytes = 1452,
                                TxBytes = 796,
                            },
                            Promisc = 0,
                            Xdp = new(),
                            EncapType = "ether",
                            Protinfo = null,
                            OperState = LinkOperState.Up,
                            NetNsId = 0,
                            NumTxQueues = 1,
                            NumRxQueues = 1,
                        },
                        Type = "veth",
                    },
                    Addrs =
                    [
                        Eth0Ipv4Address(),
                        new()
                        {
                            IPNet = new() { IP = IPAddress.Parse("fe80::858:aff:fe58:c"), Mask = Ipv6Prefix64Mask() },
                            Label = "",
                            Flags = 128,
                            Scope = 253,
                            Peer = new() { IP = IPAddress.Parse("fe80::858:aff:fe58:c"), Mask = Ipv6Prefix64Mask() },
                            Broadcast = null,
                            PreferredLft = ForeverLifetime,
                            ValidLft = ForeverLifetime,
                        },
                    ],
                    Routes =
                    [
                        new()
                        {
                            LinkIndex = 3,
                            Scope = RouteScope.Universe,
                            Dst = null,
                            Src = null,
                            Gw = IPAddress.Parse("10.88.0.1"),
                            Protocol = 3,
                            Table = 254,
                            Type = 1,
                        },
                        new()
                        {
                            LinkIndex = 3,
                            Scope = RouteScope.Link,
                            Dst = new() { IP = IPAddress.Parse("10.88.0.0"), Mask = [0xff, 0xff, 0x00, 0x00] },
                            Src = IPAddress.Parse("10.88.0.12"),
                            Gw = null,
                            Protocol = 2,
                            Table = 254,
                            Type = 1,
                        },
                        new()
                        {
                            LinkIndex = 3,
                            Scope = RouteScope.Universe,
                            Dst = new() { IP = IPAddress.Parse("fe80::"), Mask = Ipv6Prefix64Mask() },
                            Src = null,
                            Gw = null,
                            Protocol = 2,
                            Priority = 256,
                            Table = 254,
                            Type = 1,
                        },
                    ],
                    Dns = new(),
                },
                Physical = false,
                EndpointType = EndpointTypes.Virtual,
            },
        ],
    };

    /// <summary>network-physical.json: a NIC passed through with VFIO, with DNS settings filled in.</summary>
    public static NetworkNamespace NetworkPhysical() => new()
    {
        NetNsPath = "/var/run/netns/phys",
        NetNsCreated = true,
        Endpoints =
        [
            new PhysicalEndpoint
            {
                IfaceName = "ens1f0",
                HardAddr = "52:54:00:12:34:56",
                EndpointProperties = new()
                {
                    Iface = new()
                    {
                        LinkAttributes = new()
                        {
                            Index = 5,
                            Mtu = 9000,
                            TxQLen = 1000,
                            Name = "ens1f0",
                            HardwareAddr = [0x52, 0x54, 0x00, 0x12, 0x34, 0x56],
                            Flags = InterfaceFlags.Up | InterfaceFlags.Broadcast | InterfaceFlags.Multicast,
                            RawFlags = 0,
                            Statistics = null,
                            Xdp = null,
                            EncapType = "",
                            Protinfo = null,
                            OperState = LinkOperState.Up,
                            NumTxQueues = 8,
                            NumRxQueues = 8,
                        },
                        Type = "device",
                    },
                    Addrs =
                    [
                        new()
                        {
                            IPNet = new() { IP = IPAddress.Parse("192.168.10.5"), Mask = [0xff, 0xff, 0xff, 0x00] },
                            Label = "ens1f0",
                            Flags = 0,
                            Scope = 0,
                            Peer = null,
                            Broadcast = IPAddress.Parse("192.168.10.255"),
                            PreferredLft = 0,
                            ValidLft = 0,
                        },
                    ],
                    Routes = null,
                    Dns = new()
                    {
                        Servers = ["192.168.10.1"],
                        Domain = "example.com",
                        Searches = ["example.com"],
                        Options = ["ndots:5"],
                    },
                },
                EndpointType = EndpointTypes.Physical,
                Bdf = "0000:03:00.0",
                Driver = "ixgbe",
                VendorDeviceId = "0x8086 0x10fb",
            },
        ],
    };

    /// <summary>network-vhostuser.json: a vhost-user endpoint, whose interface properties are all zero.</summary>
    public static NetworkNamespace NetworkVhostUser() => new()
    {
        NetNsPath = "/var/run/netns/vhu",
        NetNsCreated = false,
        Endpoints =
        [
            new VhostUserEndpoint
            {
                SocketPath = "/tmp/vhostuser_10.10.0.5/vhu.sock",
                HardAddr = "02:42:0a:0a:00:05",
                IfaceName = "dummy0",
                EndpointProperties = new(),
                EndpointType = EndpointTypes.VhostUser,
            },
        ],
    };

    /// <summary>hypervisor.json: one bridge with three slots in use (keys sort as strings: 1, 10, 2) and two hot-plugged vCPUs.</summary>
    public static QemuState QemuState() => new()
    {
        Bridges =
        [
            new()
            {
                Address = new()
                {
                    [1] = "virtio-net-5d3c7f0e",
                    [2] = "drive-4e8c9a1b2f3d5e6a",
                    [10] = "vfio-02:10.0",
                },
                Type = BridgeTypes.Pci,
                Id = "pci-bridge-0",
            },
        ],
        HotpluggedVcpus = [new() { Id = "cpu-0" }, new() { Id = "cpu-1" }],
        Uuid = "6f03e56e-efa1-4f0f-9b8f-492cf1824c83",
    };

    /// <summary>agent.json as the kata agent writes it.</summary>
    public static AgentState AgentState() => new()
    {
        ProxyPid = 4242,
        Url = $"unix:///run/virtcontainers/pods/{PodId}/proxy.sock",
    };

    /// <summary>agent-hyperstart.json: the same shape, written by the hyperstart agent.</summary>
    public static AgentState AgentStateHyperstart() => new()
    {
        ProxyPid = 1234,
        Url = "unix:///var/run/clear-containers/proxy.sock",
    };

    private static ContainerConfig SandboxContainerConfig() => new()
    {
        Id = PodId,
        RootFs = "/var/lib/containers/storage/overlay/3f1c2a9b/merged",
        ReadonlyRootfs = true,
        Cmd = new()
        {
            Args = ["/pause"],
            Envs = [new() { Var = "PATH", Value = DefaultPath }],
            WorkDir = "/",
            User = "0",
            PrimaryGroup = "0",
            SupplementaryGroups = [],
            Interactive = false,
            Console = "",
            Detach = true,
            NoNewPrivileges = false,
            Capabilities = new()
            {
                Bounding = ["CAP_CHOWN", "CAP_KILL"],
                Effective = ["CAP_CHOWN", "CAP_KILL"],
                Inheritable = ["CAP_CHOWN", "CAP_KILL"],
                Permitted = ["CAP_CHOWN", "CAP_KILL"],
                Ambient = null,
            },
        },
        Annotations = new()
        {
            [AnnotationKeys.BundlePath] = BundlePath(PodId),
            [AnnotationKeys.OciConfig] =
                """{"ociVersion":"1.0.0","process":{"user":{"uid":0,"gid":0},"args":["/pause"],"cwd":"/"},"root":{"path":"rootfs","readonly":true},"hostname":"nginx-7c87f569d-xk2p9","annotations":{"io.kubernetes.cri-o.ContainerType":"sandbox"}}""",
            [AnnotationKeys.ContainerType] = ContainerTypes.PodSandbox,
        },
        Mounts = [],
        DeviceInfos = [],
        Resources = new() { CpuQuota = 0, CpuPeriod = 0, CpuShares = 2 },
    };

    private static string BundlePath(string containerId) =>
        $"/run/containers/storage/overlay-containers/{containerId}/userdata";

    private static Mount ProcMount() => new()
    {
        Source = "proc",
        Destination = "/proc",
        Type = "proc",
        Options = ["nosuid", "noexec", "nodev"],
        HostPath = "",
        ReadOnly = false,
    };

    private static Mount SecretMount(string hostPath) => new()
    {
        Source = "/var/lib/kubelet/pods/0c1d/volumes/kubernetes.io~secret/default-token-x2k9q",
        Destination = "/var/run/secrets/kubernetes.io/serviceaccount",
        Type = "bind",
        Options = ["rbind", "ro"],
        HostPath = hostPath,
        ReadOnly = false,
    };

    private static NetlinkAddress Eth0Ipv4Address() => new()
    {
        IPNet = new() { IP = IPAddress.Parse("10.88.0.12"), Mask = [0xff, 0xff, 0x00, 0x00] },
        Label = "eth0",
        Flags = 128, // IFA_F_PERMANENT
        Scope = 0,
        Peer = new() { IP = IPAddress.Parse("10.88.0.12"), Mask = [0xff, 0xff, 0x00, 0x00] },
        Broadcast = IPAddress.Parse("10.88.255.255"),
        PreferredLft = ForeverLifetime,
        ValidLft = ForeverLifetime,
    };

    private static byte[] Ipv6Prefix64Mask() =>
        [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];

    private static List<OsFile?> OsFiles(int count)
    {
        var files = new List<OsFile?>(count);
        for (int i = 0; i < count; i++)
        {
            files.Add(new OsFile());
        }

        return files;
    }
}
