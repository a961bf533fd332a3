using System.Globalization;
using System.Net;
using Aot.Storage.Json;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.Cli.Demo;

/// <summary>
/// Realistic pod and container state for <c>demo</c>: a kata pod per index with its sandbox container (whose
/// ID is the pod's, as in virtcontainers) and application containers. Every resource kind is filled in, every
/// container has one device of each kind (VFIO, block, generic and the three vhost-user kinds) and every pod
/// has one endpoint of each kind (virtual, physical, vhost-user). The same indexes always give the same values.
/// </summary>
internal static class SampleState
{
    private const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private const long ForeverLifetime = 4294967295;

    // Go os.FileMode values (permission bits only).
    private const uint Mode0666 = 438;
    private const uint Mode0660 = 432;

    private static readonly (string Name, string Image, string[] Args, string Port)[] s_applications =
    [
        ("nginx", "docker.io/library/nginx:1.25", ["nginx", "-g", "daemon off;"], "80"),
        ("redis", "docker.io/library/redis:7.2", ["redis-server", "--appendonly", "yes"], "6379"),
        ("envoy", "docker.io/envoyproxy/envoy:v1.29", ["envoy", "-c", "/etc/envoy/envoy.yaml"], "10000"),
        ("postgres", "docker.io/library/postgres:16", ["postgres", "-c", "shared_buffers=256MB"], "5432"),
    ];

    /// <summary>The ID of pod <paramref name="pod"/> (1-based): 64 hex digits, like a CRI sandbox ID.</summary>
    public static string PodId(int pod) => HexId((ulong)pod, 0);

    /// <summary>The ID of container <paramref name="container"/> (0-based) of a pod; container 0 is the sandbox and has the pod's ID.</summary>
    public static string ContainerId(int pod, int container) => container == 0 ? PodId(pod) : HexId((ulong)pod, (ulong)container);

    public static IReadOnlyList<string> ContainerIds(int pod, int containers)
    {
        var ids = new string[containers];
        for (int i = 0; i < containers; i++)
        {
            ids[i] = ContainerId(pod, i);
        }

        return ids;
    }

    /// <summary>config.json of the pod: the kata/qemu configuration and its containers' configurations.</summary>
    public static PodConfig PodConfig(int pod, int containers)
    {
        string podId = PodId(pod);
        var containerConfigs = new List<ContainerConfig>(containers);
        for (int i = 0; i < containers; i++)
        {
            containerConfigs.Add(ContainerConfig(pod, i));
        }

        return new PodConfig
        {
            Id = podId,
            Hostname = Hostname(pod),
            Hooks = new Hooks
            {
                PreStartHooks =
                [
                    new Hook
                    {
                        Path = "/usr/libexec/oci/hooks.d/oci-systemd-hook",
                        Args = ["oci-systemd-hook", "prestart"],
                        Env = ["container=kata"],
                        Timeout = 5,
                    },
                ],
                PostStartHooks = null,
                PostStopHooks = [new Hook { Path = "/usr/libexec/oci/hooks.d/oci-umount", Args = ["oci-umount", "poststop"] }],
            },
            VmConfig = new VmResources { Memory = 2048 },
            HypervisorType = HypervisorTypes.Qemu,
            HypervisorConfig = new HypervisorConfig
            {
                KernelPath = "/usr/share/kata-containers/vmlinuz.container",
                ImagePath = "/usr/share/kata-containers/kata-containers.img",
                HypervisorPath = "/usr/bin/qemu-lite-system-x86_64",
                BlockDeviceDriver = BlockDeviceDrivers.VirtioScsi,
                KernelParams =
                [
                    new Param { Key = "agent.log", Value = "debug" },
                    new Param { Key = "systemd.show_status", Value = "false" },
                    new Param { Key = "quiet", Value = "" },
                ],
                HypervisorParams = null,
                HypervisorMachineType = "pc",
                Debug = pod % 2 == 1,
                DefaultVcpus = 1,
                DefaultMaxVcpus = 16,
                DefaultMemSz = 2048,
                DefaultBridges = 1,
                Mlock = true,
            },
            AgentType = AgentTypes.Kata,
            AgentConfig = new KataAgentConfig { GrpcSocket = "" },
            ProxyType = ProxyTypes.KataProxy,
            ProxyConfig = new ProxyConfig { Path = "/usr/libexec/kata-containers/kata-proxy", Debug = false },
            ShimType = ShimTypes.KataShim,
            ShimConfig = new KataShimConfig { Path = "/usr/libexec/kata-containers/kata-shim", Debug = true },
            NetworkModel = NetworkModels.Cni,
            NetworkConfig = new NetworkConfig
            {
                NetNsPath = NetNsPath(pod),
                NumInterfaces = 3,
                InterworkingModel = NetInterworkingModel.Macvtap,
            },
            Volumes = [new Volume { MountTag = "shared0", HostPath = $"/run/kata-containers/shared/pods/{podId}" }],
            Containers = containerConfigs,
            Annotations = new Dictionary<string, string>
            {
                [AnnotationKeys.BundlePath] = BundlePath(podId),
                [AnnotationKeys.OciConfig] = $$"""{"ociVersion":"1.0.1","hostname":"{{Hostname(pod)}}"}""",
                [AnnotationKeys.KernelHash] = "sha512:" + HexId((ulong)pod, 0xbeef),
            },
        };
    }

    /// <summary>config.json of a container: the sandbox (<c>/pause</c>) for container 0, else an application.</summary>
    public static ContainerConfig ContainerConfig(int pod, int container)
    {
        string podId = PodId(pod);
        string id = ContainerId(pod, container);
        if (container == 0)
        {
            return new ContainerConfig
            {
                Id = id,
                RootFs = $"/run/containers/storage/overlay-containers/{id}/userdata/rootfs",
                ReadonlyRootfs = true,
                Cmd = new ContainerCommand
                {
                    Args = ["/pause"],
                    Envs = [new EnvVar { Var = "PATH", Value = DefaultPath }],
                    WorkDir = "/",
                    User = "0",
                    PrimaryGroup = "0",
                    SupplementaryGroups = [],
                    Detach = true,
                    Capabilities = new LinuxCapabilities
                    {
                        Bounding = ["CAP_CHOWN", "CAP_KILL"],
                        Effective = ["CAP_CHOWN", "CAP_KILL"],
                        Inheritable = ["CAP_CHOWN", "CAP_KILL"],
                        Permitted = ["CAP_CHOWN", "CAP_KILL"],
                        Ambient = null,
                    },
                },
                Annotations = new Dictionary<string, string>
                {
                    [AnnotationKeys.BundlePath] = BundlePath(id),
                    [AnnotationKeys.ContainerType] = ContainerTypes.PodSandbox,
                },
                Mounts = [],
                DeviceInfos = [],
                Resources = new ContainerResources { CpuShares = 2 },
            };
        }

        (string name, string image, string[] args, string port) = Application(pod, container);
        return new ContainerConfig
        {
            Id = id,
            RootFs = $"/var/lib/containers/storage/overlay/{id[..12]}/merged",
            ReadonlyRootfs = false,
            Cmd = new ContainerCommand
            {
                Args = [.. args],
                Envs =
                [
                    new EnvVar { Var = "PATH", Value = DefaultPath },
                    new EnvVar { Var = "SERVICE_PORT", Value = port },
                    // Go writes <, > and & as \u003c, \u003e and \u0026.
                    new EnvVar { Var = "GREETING", Value = $"hello <{name}> & friends" },
                ],
                WorkDir = "/",
                User = "101",
                PrimaryGroup = "101",
                SupplementaryGroups = ["101", "65534"],
                Detach = true,
                NoNewPrivileges = true,
                Capabilities = new LinuxCapabilities
                {
                    Bounding = ["CAP_NET_BIND_SERVICE"],
                    Effective = ["CAP_NET_BIND_SERVICE"],
                    Inheritable = null,
                    Permitted = ["CAP_NET_BIND_SERVICE"],
                    Ambient = null,
                },
            },
            Annotations = new Dictionary<string, string>
            {
                [AnnotationKeys.BundlePath] = BundlePath(id),
                [AnnotationKeys.OciConfig] = $$$"""{"ociVersion":"1.0.1","process":{"args":["{{{args[0]}}}"]},"annotations":{"io.kubernetes.cri-o.ImageName":"{{{image}}}"}}""",
                [AnnotationKeys.ContainerType] = ContainerTypes.PodContainer,
            },
            Mounts = [ProcMount(), SecretMount(hostPath: "")],
            DeviceInfos = [.. DeviceInfos(pod, container)],
            Resources = new ContainerResources { CpuQuota = 50000 * container, CpuPeriod = 100000, CpuShares = 1024 },
        };
    }

    /// <summary>state.json of the pod.</summary>
    public static LifecycleState PodState(int pod) => new()
    {
        State = pod % 3 == 0 ? LifecycleStates.Paused : LifecycleStates.Running,
        BlockIndex = 2,
        Fstype = "",
        HotpluggedDrive = false,
    };

    /// <summary>state.json of a container: application rootfs on a hot-plugged xfs drive.</summary>
    public static LifecycleState ContainerState(int pod, int container) => container == 0
        ? new LifecycleState { State = LifecycleStates.Running }
        : new LifecycleState { State = LifecycleStates.Running, BlockIndex = container, Fstype = "xfs", HotpluggedDrive = true };

    /// <summary>process.json of a container.</summary>
    public static ContainerProcess Process(int pod, int container) => new()
    {
        Token = Guid(pod, container, 0x70),
        Pid = 30000 + (pod * 100) + container,
        StartTime = new Timestamp(new DateTimeOffset(2018, 2, 23, 10, 35, 8, TimeSpan.Zero).AddMinutes(pod).AddSeconds(container), 123456789),
    };

    /// <summary>mounts.json of a container, once its secret is bind-mounted into the shared directory.</summary>
    public static List<Mount> Mounts(int pod, int container) =>
    [
        ProcMount(),
        SecretMount($"/run/kata-containers/shared/pods/{PodId(pod)}/{ContainerId(pod, container)}-{HexId((ulong)pod, (ulong)container)[..16]}-serviceaccount"),
    ];

    /// <summary>devices.json of a container: one device of every kind.</summary>
    public static List<Device> Devices(int pod, int container)
    {
        DeviceInfo[] infos = DeviceInfos(pod, container);
        string suffix = HexId((ulong)pod, (ulong)container + 0x100);
        return
        [
            new VfioDevice
            {
                DeviceInfo = WithHostPath(infos[0]),
                Bdf = string.Create(CultureInfo.InvariantCulture, $"{2 + container:x2}:10.0"),
            },
            new BlockDevice
            {
                DeviceInfo = WithHostPath(infos[1], hotplugged: true, id: suffix[..16]),
                ScsiAddr = string.Create(CultureInfo.InvariantCulture, $"0:{2 + container}"),
                VirtPath = "",
            },
            new GenericDevice { DeviceInfo = WithHostPath(infos[2]) },
            new VhostUserNetDevice
            {
                DeviceInfo = new DeviceInfo { DevType = DevTypes.CharDevice, Hotplugged = true, Id = suffix[16..32] },
                SocketPath = $"/var/run/vhost-user/net-{container}.sock",
                Id = suffix[16..32],
                MacAddress = Mac(0x02, pod, container),
            },
            new VhostUserScsiDevice
            {
                DeviceInfo = new DeviceInfo { DevType = DevTypes.BlockDevice, Hotplugged = true, Id = suffix[32..48] },
                SocketPath = $"/var/run/vhost-user/scsi-{container}.sock",
                Id = suffix[32..48],
            },
            new VhostUserBlkDevice
            {
                DeviceInfo = new DeviceInfo { DevType = DevTypes.BlockDevice, Hotplugged = true, Id = suffix[48..64] },
                SocketPath = $"/var/run/vhost-user/blk-{container}.sock",
                Id = suffix[48..64],
            },
        ];
    }

    /// <summary>network.json of the pod: a veth endpoint (macvtap), a NIC passed through with VFIO, and a vhost-user socket.</summary>
    public static NetworkNamespace Network(int pod)
    {
        IPAddress address = PodAddress(pod);
        byte[] veth = MacBytes(0x0a, pod, 0);
        return new NetworkNamespace
        {
            NetNsPath = NetNsPath(pod),
            NetNsCreated = true,
            Endpoints =
            [
                new VirtualEndpoint
                {
                    NetPair = new NetworkInterfacePair
                    {
                        Id = Guid(pod, 0, 0x4e),
                        Name = "br0",
                        VirtIface = new NetworkInterface { Name = "eth0", HardAddr = "02:00:ca:fe:00:00", Addrs = [Ipv4Address(address, "eth0")] },
                        TapIface = new NetworkInterface { Name = "tap0", HardAddr = FormatMac(veth), Addrs = null },
                        NetInterworkingModel = NetInterworkingModel.Macvtap,
                        VmFds = OsFiles(8),
                        VhostFds = OsFiles(8),
                    },
                    EndpointProperties = new NetworkInfo
                    {
                        Iface = new NetlinkIface
                        {
                            LinkAttributes = new LinkAttributes
                            {
                                Index = 3,
                                Mtu = 1500,
                                TxQLen = 1000,
                                Name = "eth0",
                                HardwareAddr = veth,
                                Flags = InterfaceFlags.Up | InterfaceFlags.Broadcast | InterfaceFlags.Multicast,
                                RawFlags = 69699, // IFF_UP | IFF_BROADCAST | IFF_RUNNING | IFF_MULTICAST | IFF_LOWER_UP
                                ParentIndex = 20 + pod,
                                Statistics = new LinkStatistics { RxPackets = 18, TxPackets = 10, RxBytes = 1452, TxBytes = 796 },
                                Xdp = new LinkXdp(),
                                EncapType = "ether",
                                OperState = LinkOperState.Up,
                                NumTxQueues = 1,
                                NumRxQueues = 1,
                            },
                            Type = "veth",
                        },
                        Addrs = [Ipv4Address(address, "eth0"), LinkLocalAddress(veth)],
                        Routes =
                        [
                            new Route { LinkIndex = 3, Scope = RouteScope.Universe, Gw = IPAddress.Parse("10.88.0.1"), Protocol = 3, Table = 254, Type = 1 },
                            new Route
                            {
                                LinkIndex = 3,
                                Scope = RouteScope.Link,
                                Dst = new IPNet { IP = IPAddress.Parse("10.88.0.0"), Mask = [0xff, 0xff, 0x00, 0x00] },
                                Src = address,
                                Protocol = 2,
                                Table = 254,
                                Type = 1,
                            },
                        ],
                        Dns = new DnsInfo(),
                    },
                    Physical = false,
                },
                new PhysicalEndpoint
                {
                    IfaceName = "ens1f0",
                    HardAddr = Mac(0x52, pod, 1),
                    EndpointProperties = new NetworkInfo
                    {
                        Iface = new NetlinkIface
                        {
                            LinkAttributes = new LinkAttributes
                            {
                                Index = 5,
                                Mtu = 9000,
                                TxQLen = 1000,
                                Name = "ens1f0",
                                HardwareAddr = MacBytes(0x52, pod, 1),
                                Flags = InterfaceFlags.Up | InterfaceFlags.Broadcast | InterfaceFlags.Multicast,
                                OperState = LinkOperState.Up,
                                NumTxQueues = 8,
                                NumRxQueues = 8,
                            },
                            Type = "device",
                        },
                        Addrs =
                        [
                            new NetlinkAddress
                            {
                                IPNet = new IPNet { IP = IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"192.168.10.{(pod % 250) + 5}")), Mask = [0xff, 0xff, 0xff, 0x00] },
                                Label = "ens1f0",
                                Broadcast = IPAddress.Parse("192.168.10.255"),
                            },
                        ],
                        Routes = null,
                        Dns = new DnsInfo { Servers = ["192.168.10.1"], Domain = "example.com", Searches = ["example.com"], Options = ["ndots:5"] },
                    },
                    Bdf = string.Create(CultureInfo.InvariantCulture, $"0000:{3 + (pod % 200):x2}:00.0"),
                    Driver = "ixgbe",
                    VendorDeviceId = "0x8086 0x10fb",
                },
                new VhostUserEndpoint
                {
                    SocketPath = string.Create(CultureInfo.InvariantCulture, $"/tmp/vhostuser_10.10.0.{(pod % 250) + 5}/vhu.sock"),
                    HardAddr = Mac(0x02, pod, 2),
                    IfaceName = "dummy0",
                    EndpointProperties = new NetworkInfo(),
                },
            ],
        };
    }

    /// <summary>hypervisor.json of the pod: the PCI bridge slots in use and the hot-plugged vCPUs.</summary>
    public static QemuState Hypervisor(int pod, int containers)
    {
        var address = new Dictionary<uint, string> { [1] = "virtio-net-" + Guid(pod, 0, 0x4e)[..8] };
        for (int i = 1; i < containers && i < 30; i++)
        {
            address[(uint)(i + 1)] = "drive-" + HexId((ulong)pod, (ulong)i + 0x100)[..16];
        }

        return new QemuState
        {
            Bridges = [new Bridge { Address = address, Type = BridgeTypes.Pci, Id = "pci-bridge-0" }],
            HotpluggedVcpus = [new CpuDevice { Id = "cpu-0" }, new CpuDevice { Id = "cpu-1" }],
            Uuid = Guid(pod, 0, 0x55),
        };
    }

    /// <summary>agent.json of the pod, as the kata agent writes it.</summary>
    public static AgentState Agent(int pod) => new()
    {
        ProxyPid = 4200 + pod,
        Url = $"unix:///run/virtcontainers/pods/{PodId(pod)}/proxy.sock",
    };

    private static (string Name, string Image, string[] Args, string Port) Application(int pod, int container) =>
        s_applications[(pod + container - 1) % s_applications.Length];

    private static string Hostname(int pod) =>
        string.Create(CultureInfo.InvariantCulture, $"{s_applications[pod % s_applications.Length].Name}-{HexId((ulong)pod, 0xa0)[..9]}-{HexId((ulong)pod, 0xa1)[..5]}");

    private static string NetNsPath(int pod) => "/var/run/netns/cni-" + Guid(pod, 0, 0x11);

    private static string BundlePath(string containerId) => $"/run/containers/storage/overlay-containers/{containerId}/userdata";

    private static DeviceInfo[] DeviceInfos(int pod, int container) =>
    [
        new DeviceInfo { ContainerPath = string.Create(CultureInfo.InvariantCulture, $"/dev/vfio/{12 + container}"), DevType = DevTypes.CharDevice, Major = 244, Minor = container, FileMode = Mode0666 },
        new DeviceInfo { ContainerPath = string.Create(CultureInfo.InvariantCulture, $"/dev/xvd{(char)('b' + (container % 24))}"), DevType = DevTypes.BlockDevice, Major = 202, Minor = 16 * (container + 1), FileMode = Mode0660, Gid = 6 },
        new DeviceInfo { ContainerPath = "/dev/fuse", DevType = DevTypes.CharDevice, Major = 10, Minor = 229, FileMode = Mode0666 },
    ];

    private static DeviceInfo WithHostPath(DeviceInfo info, bool hotplugged = false, string id = "") => new()
    {
        HostPath = info.ContainerPath,
        ContainerPath = info.ContainerPath,
        DevType = info.DevType,
        Major = info.Major,
        Minor = info.Minor,
        FileMode = info.FileMode,
        Uid = info.Uid,
        Gid = info.Gid,
        Hotplugged = hotplugged,
        Id = id,
    };

    private static Mount ProcMount() => new()
    {
        Source = "proc",
        Destination = "/proc",
        Type = "proc",
        Options = ["nosuid", "noexec", "nodev"],
    };

    private static Mount SecretMount(string hostPath) => new()
    {
        Source = "/var/lib/kubelet/pods/0c1d/volumes/kubernetes.io~secret/default-token-x2k9q",
        Destination = "/var/run/secrets/kubernetes.io/serviceaccount",
        Type = "bind",
        Options = ["rbind", "ro"],
        HostPath = hostPath,
        ReadOnly = true,
    };

    private static IPAddress PodAddress(int pod) =>
        new([10, 88, (byte)(pod / 250), (byte)((pod % 250) + 2)]);

    private static NetlinkAddress Ipv4Address(IPAddress address, string label) => new()
    {
        IPNet = new IPNet { IP = address, Mask = [0xff, 0xff, 0x00, 0x00] },
        Label = label,
        Flags = 128, // IFA_F_PERMANENT
        Peer = new IPNet { IP = address, Mask = [0xff, 0xff, 0x00, 0x00] },
        Broadcast = IPAddress.Parse("10.88.255.255"),
        PreferredLft = ForeverLifetime,
        ValidLft = ForeverLifetime,
    };

    /// <summary>The fe80::/64 address derived from the MAC (EUI-64).</summary>
    private static NetlinkAddress LinkLocalAddress(byte[] mac)
    {
        byte[] bytes = [0xfe, 0x80, 0, 0, 0, 0, 0, 0, (byte)(mac[0] ^ 0x02), mac[1], mac[2], 0xff, 0xfe, mac[3], mac[4], mac[5]];
        var ip = new IPAddress(bytes);
        byte[] mask = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0];
        return new NetlinkAddress
        {
            IPNet = new IPNet { IP = ip, Mask = mask },
            Flags = 128,
            Scope = 253,
            Peer = new IPNet { IP = ip, Mask = [.. mask] },
            PreferredLft = ForeverLifetime,
            ValidLft = ForeverLifetime,
        };
    }

    private static List<OsFile?> OsFiles(int count)
    {
        var files = new List<OsFile?>(count);
        for (int i = 0; i < count; i++)
        {
            files.Add(new OsFile());
        }

        return files;
    }

    private static byte[] MacBytes(byte first, int pod, int index) =>
        [first, 0x58, 0x0a, (byte)(pod >> 8), (byte)pod, (byte)index];

    private static string Mac(byte first, int pod, int index) => FormatMac(MacBytes(first, pod, index));

    private static string FormatMac(byte[] mac) => string.Join(':', mac.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    private static string Guid(int pod, int container, ulong salt)
    {
        string hex = HexId((ulong)pod, ((ulong)container << 8) | salt);
        return $"{hex[..8]}-{hex[8..12]}-4{hex[13..16]}-a{hex[17..20]}-{hex[20..32]}";
    }

    /// <summary>64 hex digits that depend only on the two numbers (SplitMix64), so that every run makes the same IDs.</summary>
    private static string HexId(ulong a, ulong b)
    {
        ulong state = (a * 0x9E3779B97F4A7C15UL) ^ (b + 0x632BE59BD9B4E019UL);
        Span<char> chars = stackalloc char[64];
        for (int i = 0; i < 4; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            ulong z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            z.TryFormat(chars.Slice(i * 16, 16), out _, "x16", CultureInfo.InvariantCulture);
        }

        return new string(chars);
    }
}
