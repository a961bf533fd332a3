using System.Net;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using Aot.Storage.Json;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.AotSmoke;

/// <summary>
/// One pod with three containers, every resource kind and every union case stored, fetched and compared
/// byte for byte: against the files the Go code wrote where there is one, against literals otherwise.
/// </summary>
internal sealed class Scenarios
{
    // The IDs of the Go-written tree (golden/layout.txt): the sandbox container has the pod's ID.
    private const string Pod = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private const string Sandbox = Pod;
    private const string Web = "f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f";
    private const string Sidecar = "sidecar-0";

    private readonly VirtContainersStore _store;
    private readonly Golden _golden;
    private readonly Checks _checks;

    public Scenarios(VirtContainersStore store, Golden golden, Checks checks)
    {
        _store = store;
        _golden = golden;
        _checks = checks;
    }

    public void Run()
    {
        Scenario("routing table", RoutingTable);
        Scenario("pod with three containers", CreatePod);
        Scenario("every kind from the Go-written files", GoWrittenFiles);
        Scenario("every kind from values built in code", ValuesBuiltInCode);
        Scenario("device union: every case and an unknown tag", Devices);
        Scenario("endpoint union: unknown tags kept", UnknownEndpoints);
        Scenario("agent and shim unions: every case and unknown values kept", AgentAndShimConfigs);
        Scenario("route destination and encap unions: every case and unknown shapes kept", Routes);
        Scenario("pod lock", PodLock);
        Scenario("read-modify-write under the pod lock", Updates);
        Scenario("typed errors", Errors);
        Scenario("JsonSerializerContext gives the same bytes", SerializerContext);
        Scenario("listing and deletion", ListAndDelete);
    }

    private void Scenario(string name, Action body)
    {
        int failedBefore = _checks.Failed;
        int passedBefore = _checks.Passed;
        try
        {
            body();
        }
        catch (Exception ex)
        {
            // Counted as a failed check so that the remaining scenarios still run.
            _checks.True(name, false, $"unexpected {ex.GetType().Name}: {ex}");
        }

        string status = _checks.Failed == failedBefore ? "ok  " : "FAIL";
        Console.WriteLine($"{status} {name} ({_checks.Passed - passedBefore} checks)");
    }

    private void RoutingTable()
    {
        IResourceRouting routing = VirtContainersStore.RoutingTable;

        _checks.Sequence(
            "kind names",
            ["config", "state", "network", "hypervisor", "agent", "process", "lock", "mounts", "devices"],
            routing.Kinds.Select(k => k.Name));
        foreach (ResourceKind kind in routing.Kinds)
        {
            _checks.Equal($"kind found by file name {kind.FileName}", kind, routing.FindByFileName(kind.FileName));
            _checks.Equal($"kind found by name {kind.Name}", kind, routing.FindByName(kind.Name));
            _checks.True($"{kind.FileName} is reserved", routing.IsReservedName(kind.FileName));
        }

        _checks.Equal("lock kind", VirtContainersStore.Kinds.Lock, routing.LockKind);
        _checks.Equal("unknown file name", null, routing.FindByFileName("proxy.sock"));
        _checks.Equal("the store routes with the set's table", routing, _store.Routing);
    }

    private void CreatePod()
    {
        _store.CreatePod(Pod);
        _store.CreateContainer(Pod, Sandbox);
        _store.CreateContainer(Pod, Web);
        _store.CreateContainer(Pod, Sidecar);

        _checks.Sequence("pods", [Pod], _store.ListPods());
        _checks.Sequence("containers, sorted", [Sandbox, Web, Sidecar], _store.ListContainers(Pod));
        // Looked at with stat only: opening it with .NET's file APIs would take an advisory flock of its own.
        _checks.Equal("lock file, created empty", 0L, new FileInfo(_store.GetPodLockPath(Pod)).Length);
    }

    private void GoWrittenFiles()
    {
        var codecs = new
        {
            Pod = VirtContainersStore.Codecs.PodConfig,
            Container = VirtContainersStore.Codecs.ContainerConfig,
            State = VirtContainersStore.Codecs.LifecycleState,
            Network = VirtContainersStore.Codecs.NetworkNamespace,
            Hypervisor = VirtContainersStore.Codecs.QemuState,
            Agent = VirtContainersStore.Codecs.AgentState,
            Process = VirtContainersStore.Codecs.ContainerProcess,
            Mounts = VirtContainersStore.Codecs.ListOfMount,
            Devices = VirtContainersStore.Codecs.ListOfDevice,
        };

        RoundTrip("podconfig-zero.json", codecs.Pod, v => _store.StorePodConfig(Pod, v), () => _store.FetchPodConfig(Pod), _store.GetPodConfigPath(Pod));
        PodConfig pod = RoundTrip("podconfig.json", codecs.Pod, v => _store.StorePodConfig(Pod, v), () => _store.FetchPodConfig(Pod), _store.GetPodConfigPath(Pod));
        _checks.Is<KataAgentConfig>("podconfig.json agent config", pod.AgentConfig);
        _checks.Equal("podconfig.json shim path", "/usr/libexec/kata-containers/kata-shim", _checks.Is<KataShimConfig>("podconfig.json shim config", pod.ShimConfig)?.Path);
        _checks.Equal("podconfig.json containers", 2, pod.Containers?.Count);

        _store.StoreContainerConfig(Pod, Sandbox, pod.Containers![0]);
        _checks.File("sandbox container config from the pod config", codecs.Container.Serialize(pod.Containers[0]), _store.GetContainerConfigPath(Pod, Sandbox));
        RoundTrip("container-config.json", codecs.Container, v => _store.StoreContainerConfig(Pod, Web, v), () => _store.FetchContainerConfig(Pod, Web), _store.GetContainerConfigPath(Pod, Web));
        RoundTrip("container-config-zero.json", codecs.Container, v => _store.StoreContainerConfig(Pod, Sidecar, v), () => _store.FetchContainerConfig(Pod, Sidecar), _store.GetContainerConfigPath(Pod, Sidecar));

        RoundTrip("state-zero.json", codecs.State, v => _store.StorePodState(Pod, v), () => _store.FetchPodState(Pod), _store.GetPodStatePath(Pod));
        RoundTrip("state.json", codecs.State, v => _store.StorePodState(Pod, v), () => _store.FetchPodState(Pod), _store.GetPodStatePath(Pod));
        RoundTrip("state.json", codecs.State, v => _store.StoreContainerState(Pod, Sandbox, v), () => _store.FetchContainerState(Pod, Sandbox), _store.GetContainerStatePath(Pod, Sandbox));
        RoundTrip("container-state.json", codecs.State, v => _store.StoreContainerState(Pod, Web, v), () => _store.FetchContainerState(Pod, Web), _store.GetContainerStatePath(Pod, Web));

        string networkPath = _store.GetPodNetworkPath(Pod);
        NetworkNamespace empty = RoundTrip("network-empty.json", codecs.Network, v => _store.StorePodNetwork(Pod, v), () => _store.FetchPodNetwork(Pod), networkPath);
        _checks.Equal("network-empty.json endpoints", null, empty.Endpoints);
        NetworkNamespace physical = RoundTrip("network-physical.json", codecs.Network, v => _store.StorePodNetwork(Pod, v), () => _store.FetchPodNetwork(Pod), networkPath);
        _checks.Equal("physical endpoint BDF", "0000:03:00.0", _checks.Is<PhysicalEndpoint>("network-physical.json endpoint", physical.Endpoints?.SingleOrDefault())?.Bdf);
        NetworkNamespace vhostUser = RoundTrip("network-vhostuser.json", codecs.Network, v => _store.StorePodNetwork(Pod, v), () => _store.FetchPodNetwork(Pod), networkPath);
        _checks.Equal("vhost-user endpoint socket", "/tmp/vhostuser_10.10.0.5/vhu.sock", _checks.Is<VhostUserEndpoint>("network-vhostuser.json endpoint", vhostUser.Endpoints?.SingleOrDefault())?.SocketPath);
        NetworkNamespace network = RoundTrip("network.json", codecs.Network, v => _store.StorePodNetwork(Pod, v), () => _store.FetchPodNetwork(Pod), networkPath);
        VirtualEndpoint? virtualEndpoint = _checks.Is<VirtualEndpoint>("network.json endpoint", network.Endpoints?.SingleOrDefault());
        _checks.Equal("virtual endpoint VM fds", 8, virtualEndpoint?.NetPair.VmFds?.Count);
        _checks.Equal("virtual endpoint address", IPAddress.Parse("10.88.0.12"), virtualEndpoint?.EndpointProperties.Addrs?[0].IPNet?.IP);

        RoundTrip("hypervisor-zero.json", codecs.Hypervisor, v => _store.StorePodHypervisor(Pod, v), () => _store.FetchPodHypervisor(Pod), _store.GetPodHypervisorPath(Pod));
        QemuState qemu = RoundTrip("hypervisor.json", codecs.Hypervisor, v => _store.StorePodHypervisor(Pod, v), () => _store.FetchPodHypervisor(Pod), _store.GetPodHypervisorPath(Pod));
        _checks.Equal("hypervisor.json bridge slot 10", "vfio-02:10.0", qemu.Bridges?[0].Address?[10]);

        RoundTrip("agent-hyperstart.json", codecs.Agent, v => _store.StorePodAgent(Pod, v), () => _store.FetchPodAgent(Pod), _store.GetPodAgentPath(Pod));
        RoundTrip("agent.json", codecs.Agent, v => _store.StorePodAgent(Pod, v), () => _store.FetchPodAgent(Pod), _store.GetPodAgentPath(Pod));

        RoundTrip("process.json", codecs.Process, v => _store.StoreContainerProcess(Pod, Sandbox, v), () => _store.FetchContainerProcess(Pod, Sandbox), _store.GetContainerProcessPath(Pod, Sandbox));
        ContainerProcess process = RoundTrip("process.json", codecs.Process, v => _store.StoreContainerProcess(Pod, Web, v), () => _store.FetchContainerProcess(Pod, Web), _store.GetContainerProcessPath(Pod, Web));
        _checks.Equal("process.json nanoseconds", 123456789, process.StartTime.Nanosecond);
        RoundTrip("process-zero.json", codecs.Process, v => _store.StoreContainerProcess(Pod, Sidecar, v), () => _store.FetchContainerProcess(Pod, Sidecar), _store.GetContainerProcessPath(Pod, Sidecar));

        RoundTrip("mounts-empty.json", codecs.Mounts, v => _store.StoreContainerMounts(Pod, Sandbox, v), () => _store.FetchContainerMounts(Pod, Sandbox), _store.GetContainerMountsPath(Pod, Sandbox));
        RoundTrip("mounts.json", codecs.Mounts, v => _store.StoreContainerMounts(Pod, Web, v), () => _store.FetchContainerMounts(Pod, Web), _store.GetContainerMountsPath(Pod, Web));

        RoundTrip("devices-empty.json", codecs.Devices, v => _store.StoreContainerDevices(Pod, Sandbox, v), () => _store.FetchContainerDevices(Pod, Sandbox), _store.GetContainerDevicesPath(Pod, Sandbox));
        List<Device>? devices = RoundTrip("devices.json", codecs.Devices, v => _store.StoreContainerDevices(Pod, Web, v), () => _store.FetchContainerDevices(Pod, Web), _store.GetContainerDevicesPath(Pod, Web));
        _checks.Sequence("devices.json cases", ["VfioDevice", "BlockDevice", "GenericDevice"], devices?.Select(d => d.GetType().Name) ?? []);
    }

    private void ValuesBuiltInCode()
    {
        _store.StoreContainerState(Pod, Sidecar, new LifecycleState { State = LifecycleStates.Paused, BlockIndex = 7, Fstype = "ext4", HotpluggedDrive = true });
        _checks.File("container state", """{"state":"paused","blockIndex":7,"fstype":"ext4","hotpluggedDrive":true}""", _store.GetContainerStatePath(Pod, Sidecar));

        var started = new Timestamp(new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.Zero), 120);
        _store.StoreContainerProcess(Pod, Sidecar, new ContainerProcess { Token = "exec-1", Pid = 4242, StartTime = started });
        _checks.File("process with nanoseconds", """{"Token":"exec-1","Pid":4242,"StartTime":"2024-02-29T23:59:59.00000012Z"}""", _store.GetContainerProcessPath(Pod, Sidecar));
        _checks.Equal("process start time read back", started, _store.FetchContainerProcess(Pod, Sidecar).StartTime);

        _store.StoreContainerMounts(Pod, Sidecar, [new Mount { Source = "tmpfs", Destination = "/dev/shm", Type = "tmpfs", Options = ["nosuid", "size=65536k"], ReadOnly = true }]);
        _checks.File(
            "mounts",
            """[{"Source":"tmpfs","Destination":"/dev/shm","Type":"tmpfs","Options":["nosuid","size=65536k"],"HostPath":"","ReadOnly":true}]""",
            _store.GetContainerMountsPath(Pod, Sidecar));

        // Go's map[uint32]string: keys written as strings and sorted as strings.
        var qemu = new QemuState
        {
            Bridges = [new Bridge { Address = new Dictionary<uint, string> { [2] = "b", [10] = "c", [1] = "a" }, Type = BridgeTypes.Pci, Id = "pci-bridge-0" }],
            HotpluggedVcpus = [],
            Uuid = "6f03e56e-efa1-4f0f-9b8f-492cf1824c83",
        };
        string qemuPath = _store.GetPodHypervisorPath(Pod);
        _store.StorePodHypervisor(Pod, qemu);
        _checks.File(
            "hypervisor state",
            """{"Bridges":[{"Address":{"1":"a","10":"c","2":"b"},"Type":"pci","ID":"pci-bridge-0"}],"HotpluggedVCPUs":[],"UUID":"6f03e56e-efa1-4f0f-9b8f-492cf1824c83"}""",
            qemuPath);

        // HTML-safe escaping with Go's lower-case hex, as encoding/json writes it.
        _store.StorePodAgent(Pod, new AgentState { ProxyPid = -1, Url = "unix:///run/<a&b>\u2028.sock" });
        _checks.File("agent state, Go escaping", """{"ProxyPid":-1,"URL":"unix:///run/\u003ca\u0026b\u003e\u2028.sock"}""", _store.GetPodAgentPath(Pod));

        _store.StorePodNetwork(Pod, new NetworkNamespace { NetNsPath = "/var/run/netns/built", NetNsCreated = true, Endpoints = [] });
        _checks.File("network without endpoints", """{"NetNsPath":"/var/run/netns/built","NetNsCreated":true,"Endpoints":[]}""", _store.GetPodNetworkPath(Pod));
    }

    private void Devices()
    {
        var devices = new List<Device>
        {
            new VfioDevice { DeviceInfo = new DeviceInfo { HostPath = "/dev/vfio/12", ContainerPath = "/dev/vfio/12", DevType = DevTypes.CharDevice, Major = 244, Minor = 1, FileMode = 438 }, Bdf = "02:10.0" },
            new BlockDevice { DeviceInfo = new DeviceInfo { HostPath = "/dev/xvdc", DevType = DevTypes.BlockDevice, Major = 202, Minor = 32, Hotplugged = true, Id = "4e8c9a1b2f3d5e6a" }, ScsiAddr = "0:2", VirtPath = "/dev/vdb" },
            new GenericDevice { DeviceInfo = new DeviceInfo { HostPath = "/dev/fuse", ContainerPath = "/dev/fuse", DevType = DevTypes.CharDevice, Major = 10, Minor = 229, FileMode = 438, Uid = 1000, Gid = 1001 } },
            new VhostUserNetDevice { SocketPath = "/run/vhu/net.sock", Id = "net0", MacAddress = "02:00:00:00:00:01" },
            new VhostUserScsiDevice { SocketPath = "/run/vhu/scsi.sock", Id = "scsi0" },
            new VhostUserBlkDevice { SocketPath = "/run/vhu/blk.sock", Id = "blk0" },
            new UnknownDevice("nvme", RawJson.Parse("""{"Path":"/dev/nvme0","Queues":[1,2.5e3,-0],"Nested":{"x":null,"y":"\u003ca\u003e"}}""")),
        };
        const string Expected =
            """[{"Type":"vfio","Data":{"DeviceType":"vfio","DeviceInfo":{"HostPath":"/dev/vfio/12","ContainerPath":"/dev/vfio/12","DevType":"c","Major":244,"Minor":1,"FileMode":438,"UID":0,"GID":0,"Hotplugged":false,"ID":""},"BDF":"02:10.0"}},""" +
            """{"Type":"block","Data":{"DeviceType":"block","DeviceInfo":{"HostPath":"/dev/xvdc","ContainerPath":"","DevType":"b","Major":202,"Minor":32,"FileMode":0,"UID":0,"GID":0,"Hotplugged":true,"ID":"4e8c9a1b2f3d5e6a"},"SCSIAddr":"0:2","VirtPath":"/dev/vdb"}},""" +
            """{"Type":"generic","Data":{"DeviceType":"generic","DeviceInfo":{"HostPath":"/dev/fuse","ContainerPath":"/dev/fuse","DevType":"c","Major":10,"Minor":229,"FileMode":438,"UID":1000,"GID":1001,"Hotplugged":false,"ID":""}}},""" +
            """{"Type":"virtio-net-pci","Data":{"DeviceType":"virtio-net-pci","DeviceInfo":{"HostPath":"","ContainerPath":"","DevType":"","Major":0,"Minor":0,"FileMode":0,"UID":0,"GID":0,"Hotplugged":false,"ID":""},"SocketPath":"/run/vhu/net.sock","ID":"net0","MacAddress":"02:00:00:00:00:01"}},""" +
            """{"Type":"vhost-user-scsi-pci","Data":{"DeviceType":"vhost-user-scsi-pci","DeviceInfo":{"HostPath":"","ContainerPath":"","DevType":"","Major":0,"Minor":0,"FileMode":0,"UID":0,"GID":0,"Hotplugged":false,"ID":""},"SocketPath":"/run/vhu/scsi.sock","ID":"scsi0"}},""" +
            """{"Type":"vhost-user-blk-pci","Data":{"DeviceType":"vhost-user-blk-pci","DeviceInfo":{"HostPath":"","ContainerPath":"","DevType":"","Major":0,"Minor":0,"FileMode":0,"UID":0,"GID":0,"Hotplugged":false,"ID":""},"SocketPath":"/run/vhu/blk.sock","ID":"blk0"}},""" +
            """{"Type":"nvme","Data":{"Path":"/dev/nvme0","Queues":[1,2.5e3,-0],"Nested":{"x":null,"y":"\u003ca\u003e"}}}]""";
        string path = _store.GetContainerDevicesPath(Pod, Sidecar);

        _store.StoreContainerDevices(Pod, Sidecar, devices);
        _checks.File("every device case, stored", Expected, path);

        List<Device>? read = _store.FetchContainerDevices(Pod, Sidecar);
        _checks.Sequence(
            "every device case, fetched as its type",
            ["VfioDevice", "BlockDevice", "GenericDevice", "VhostUserNetDevice", "VhostUserScsiDevice", "VhostUserBlkDevice", "UnknownDevice"],
            read?.Select(d => d.GetType().Name) ?? []);
        _checks.Equal("block device SCSI address", "0:2", _checks.Is<BlockDevice>("block device", read?[1])?.ScsiAddr);
        _checks.Equal("vhost-user-net MAC", "02:00:00:00:00:01", _checks.Is<VhostUserNetDevice>("vhost-user-net device", read?[3])?.MacAddress);
        UnknownDevice? unknown = _checks.Is<UnknownDevice>("unknown device", read?[6]);
        _checks.Equal("unknown device tag", "nvme", unknown?.Tag);
        _checks.Equal("unknown device payload", """{"Path":"/dev/nvme0","Queues":[1,2.5e3,-0],"Nested":{"x":null,"y":"\u003ca\u003e"}}""", unknown?.Data?.ToString());

        // A file written by a newer runtime: the unknown tag, a null payload and the known cases survive a fetch and a store.
        const string Foreign = """[{"Type":"future-device","Data":{"Queues":8,"Path":"/dev/x"}},{"Type":"mdev","Data":null},{"Type":"vhost-user-blk-pci","Data":{"DeviceType":"vhost-user-blk-pci","DeviceInfo":{"HostPath":"","ContainerPath":"","DevType":"","Major":0,"Minor":0,"FileMode":0,"UID":0,"GID":0,"Hotplugged":false,"ID":""},"SocketPath":"/s","ID":"b"}}]""";
        File.WriteAllText(path, Foreign);
        List<Device>? foreign = _store.FetchContainerDevices(Pod, Sidecar);
        _checks.Equal("unknown tag with a null payload", null, _checks.Is<UnknownDevice>("mdev device", foreign?[1])?.Data);
        _store.StoreContainerDevices(Pod, Sidecar, foreign);
        _checks.File("a foreign devices.json is written back unchanged", Foreign, path);

        _store.StoreContainerDevices(Pod, Sidecar, []);
        _checks.File("empty device list", "[]", path);
        _store.StoreContainerDevices(Pod, Sidecar, null);
        _checks.File("null device list", "null", path);
        _checks.Equal("null device list read back", null, _store.FetchContainerDevices(Pod, Sidecar));
    }

    private void UnknownEndpoints()
    {
        const string Foreign = """{"NetNsPath":"/var/run/netns/mixed","NetNsCreated":true,"Endpoints":[{"Type":"macvlan","Data":{"IfaceName":"mv0","Mode":"bridge","MTU":1500}},{"Type":"tuntap","Data":null}]}""";
        string path = _store.GetPodNetworkPath(Pod);
        File.WriteAllText(path, Foreign);

        NetworkNamespace read = _store.FetchPodNetwork(Pod);
        UnknownEndpoint? macvlan = _checks.Is<UnknownEndpoint>("macvlan endpoint", read.Endpoints?[0]);
        _checks.Equal("macvlan tag", "macvlan", macvlan?.Tag);
        _checks.Equal("macvlan payload", """{"IfaceName":"mv0","Mode":"bridge","MTU":1500}""", macvlan?.Data?.ToString());
        _checks.Equal("tuntap payload", null, _checks.Is<UnknownEndpoint>("tuntap endpoint", read.Endpoints?[1])?.Data);

        _store.StorePodNetwork(Pod, read);
        _checks.File("unknown endpoints written back unchanged", Foreign, path);
    }

    private void AgentAndShimConfigs()
    {
        const string NoAgent = "\"AgentType\":\"\",\"AgentConfig\":null";
        const string NoShim = "\"ShimType\":\"\",\"ShimConfig\":null";
        const string HyperAgent = """
            "AgentType":"hyperstart","AgentConfig":{"SockCtlName":"/run/hyper/ctl.sock","SockTtyName":"/run/hyper/tty.sock"}
            """;
        const string CcShim = """
            "ShimType":"ccShim","ShimConfig":{"Path":"/usr/libexec/cc-shim","Debug":true}
            """;
        const string CustomAgent = """
            "AgentType":"custom","AgentConfig":{"z":1,"a":[true,null],"s":"\u003c"}
            """;
        const string CustomShim = """
            "ShimType":"myShim","ShimConfig":{"Path":"/x","Extra":[1,2]}
            """;
        string zero = _golden.Text("podconfig-zero.json");
        string path = _store.GetPodConfigPath(Pod);

        string known = zero.Replace(NoAgent, HyperAgent, StringComparison.Ordinal).Replace(NoShim, CcShim, StringComparison.Ordinal);
        File.WriteAllText(path, known);
        PodConfig hyper = _store.FetchPodConfig(Pod);
        _checks.Equal("hyperstart control socket", "/run/hyper/ctl.sock", _checks.Is<HyperConfig>("hyperstart agent config", hyper.AgentConfig)?.SockCtlName);
        _checks.Equal("cc shim debug", true, _checks.Is<CcShimConfig>("cc shim config", hyper.ShimConfig)?.Debug);
        _store.StorePodConfig(Pod, hyper);
        _checks.File("hyperstart and cc shim configs written back", known, path);

        string unknown = zero.Replace(NoAgent, CustomAgent, StringComparison.Ordinal).Replace(NoShim, CustomShim, StringComparison.Ordinal);
        File.WriteAllText(path, unknown);
        PodConfig custom = _store.FetchPodConfig(Pod);
        _checks.Equal("unknown agent config kept raw", """{"z":1,"a":[true,null],"s":"\u003c"}""", _checks.Is<UnknownAgentConfig>("unknown agent config", custom.AgentConfig)?.Data.ToString());
        _checks.Equal("unknown shim config kept raw", """{"Path":"/x","Extra":[1,2]}""", _checks.Is<UnknownShimConfig>("unknown shim config", custom.ShimConfig)?.Data.ToString());
        _store.StorePodConfig(Pod, custom);
        _checks.File("unknown agent and shim configs written back unchanged", unknown, path);

        _checks.True("the replacements applied", known != zero && unknown != zero);
    }

    private void Routes()
    {
        // The Go-written network.json with its three routes given every destination and encap case.
        const string NoDestinationNoEncap = "\"NewDst\":null,\"Encap\":null";
        const string MplsAndSeg6 = """
            "NewDst":{"Labels":[100,200]},"Encap":{"Mode":1,"Segments":["2001:db8::1","2001:db8::2"]}
            """;
        const string UnknownAndMpls = """
            "NewDst":{"Via":{"AddrFamily":2,"Addr":"10.0.0.1"}},"Encap":{"Labels":[16,17]}
            """;
        const string NoneAndUnknown = """
            "NewDst":null,"Encap":{"Ip6Tunnel":{"Dst":"::1"}}
            """;
        string golden = _golden.Text("network.json");
        string text = ReplaceFirst(golden, NoDestinationNoEncap, MplsAndSeg6);
        text = ReplaceFirst(text, NoDestinationNoEncap, UnknownAndMpls);
        text = ReplaceFirst(text, NoDestinationNoEncap, NoneAndUnknown);
        _checks.True("three routes rewritten", !text.Contains(NoDestinationNoEncap, StringComparison.Ordinal) && text != golden);

        string path = _store.GetPodNetworkPath(Pod);
        File.WriteAllText(path, text);
        NetworkNamespace read = _store.FetchPodNetwork(Pod);
        List<Route>? routes = (read.Endpoints?[0] as VirtualEndpoint)?.EndpointProperties.Routes;
        _checks.Equal("routes", 3, routes?.Count);

        _checks.Sequence("MPLS destination labels", [100L, 200L], _checks.Is<MplsDestination>("MPLS destination", routes?[0].NewDst)?.Labels ?? []);
        Seg6Encap? seg6 = _checks.Is<Seg6Encap>("SEG6 encap", routes?[0].Encap);
        _checks.Sequence("SEG6 segments", [IPAddress.Parse("2001:db8::1"), IPAddress.Parse("2001:db8::2")], seg6?.Segments ?? []);
        _checks.Equal("unknown destination kept raw", """{"Via":{"AddrFamily":2,"Addr":"10.0.0.1"}}""", _checks.Is<UnknownRouteDestination>("unknown destination", routes?[1].NewDst)?.Data.ToString());
        _checks.Sequence("MPLS encap labels", [16L, 17L], _checks.Is<MplsEncap>("MPLS encap", routes?[1].Encap)?.Labels ?? []);
        _checks.Equal("unknown encap kept raw", """{"Ip6Tunnel":{"Dst":"::1"}}""", _checks.Is<UnknownRouteEncap>("unknown encap", routes?[2].Encap)?.Data.ToString());

        _store.StorePodNetwork(Pod, read);
        _checks.File("every route union case written back unchanged", text, path);
    }

    private void PodLock()
    {
        var wait = TimeSpan.FromSeconds(10);
        var brief = TimeSpan.FromMilliseconds(100);

        using (IPodLock exclusive = _store.LockPod(Pod, PodLockMode.Exclusive, wait))
        {
            _checks.Equal("exclusive lock mode", PodLockMode.Exclusive, exclusive.Mode);
            _checks.Equal("lock pod", Pod, exclusive.PodId);

            // Another thread is another owner; the holder's own thread would wait for itself and is refused.
            _checks.True("no shared lock for another thread while held exclusively", OnAnotherThread(() => _store.TryLockPod(Pod, PodLockMode.Shared)) is null);
            _checks.Throws<LockTimeoutException>("a second exclusive lock on another thread times out", () => OnAnotherThread(() => _store.LockPod(Pod, PodLockMode.Exclusive, brief)).Dispose());
            _checks.Throws<LockTimeoutException>("an update on another thread waits for the lock and times out", () => OnAnotherThread(() => _store.UpdatePodState(Pod, state => state!, brief)));
            _checks.Throws<PodLockRecursionException>("a nested lock on the holder's thread fails at once", () => _store.LockPod(Pod, PodLockMode.Shared, Timeout.InfiniteTimeSpan).Dispose());
            _checks.Throws<PodLockRecursionException>("a nested update on the holder's thread fails at once", () => _store.UpdatePodState(Pod, state => state!, Timeout.InfiniteTimeSpan));
        }

        using (IPodLock? first = _store.TryLockPod(Pod, PodLockMode.Shared))
        using (IPodLock? second = _store.TryLockPod(Pod, PodLockMode.Shared))
        {
            _checks.True("two shared locks at once", first is not null && second is not null);
            using IPodLock? exclusive = OnAnotherThread(() => _store.TryLockPod(Pod, PodLockMode.Exclusive));
            _checks.True("no exclusive lock while shared ones are held", exclusive is null);
        }

        using (IPodLock? again = _store.TryLockPod(Pod, PodLockMode.Exclusive))
        {
            _checks.True("exclusive lock once all are released", again is not null);
        }

        _checks.Equal("the lock file stays empty", 0L, new FileInfo(_store.GetPodLockPath(Pod)).Length);
    }

    /// <summary>The result of <paramref name="call"/> made on a thread of its own; its exception rethrown as it was.</summary>
    private static T OnAnotherThread<T>(Func<T> call)
    {
        T result = default!;
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = call();
            }
            catch (Exception e)
            {
                error = ExceptionDispatchInfo.Capture(e);
            }
        });
        thread.Start();
        thread.Join();
        error?.Throw();
        return result;
    }

    private void Updates()
    {
        // The pod state is still Go's state.json: {"state":"running","blockIndex":2,...}.
        long seen = -1;
        LifecycleState updated = _store.UpdatePodState(Pod, current =>
        {
            seen = current?.BlockIndex ?? -2;
            return new LifecycleState { State = current!.State, BlockIndex = current.BlockIndex + 1 };
        });
        _checks.Equal("update saw the stored value", 2L, seen);
        _checks.Equal("update returned the new value", 3L, updated.BlockIndex);
        _checks.File("updated pod state", """{"state":"running","blockIndex":3,"fstype":"","hotpluggedDrive":false}""", _store.GetPodStatePath(Pod));

        _checks.True("container state deleted", _store.DeleteContainerState(Pod, Sidecar));
        bool sawNull = false;
        _store.UpdateContainerState(Pod, Sidecar, current =>
        {
            sawNull = current is null;
            return new LifecycleState { State = LifecycleStates.Ready };
        });
        _checks.True("update of an absent file receives null", sawNull);
        _checks.File("created by update", """{"state":"ready","blockIndex":0,"fstype":"","hotpluggedDrive":false}""", _store.GetContainerStatePath(Pod, Sidecar));

        // devices.json of the web container is Go's: append a device.
        string golden = _golden.Text("devices.json");
        _store.UpdateContainerDevices(Pod, Web, current =>
            [.. current ?? [], new GenericDevice { DeviceInfo = new DeviceInfo { HostPath = "/dev/kvm", ContainerPath = "/dev/kvm", DevType = DevTypes.CharDevice, Major = 10, Minor = 232, FileMode = 432 } }]);
        _checks.File(
            "device appended by update",
            golden[..^1] + """,{"Type":"generic","Data":{"DeviceType":"generic","DeviceInfo":{"HostPath":"/dev/kvm","ContainerPath":"/dev/kvm","DevType":"c","Major":10,"Minor":232,"FileMode":432,"UID":0,"GID":0,"Hotplugged":false,"ID":""}}}]""",
            _store.GetContainerDevicesPath(Pod, Web));
    }

    private void Errors()
    {
        _checks.True("process deleted", _store.DeleteContainerProcess(Pod, Sidecar));
        _checks.True("deleting it again reports false", !_store.DeleteContainerProcess(Pod, Sidecar));
        _checks.True("absent process does not exist", !_store.ContainerProcessExists(Pod, Sidecar));
        _checks.True("TryFetch of an absent file", !_store.TryFetchContainerProcess(Pod, Sidecar, out ContainerProcess? absent) && absent is null);
        ResourceNotFoundException? notFound = _checks.Throws<ResourceNotFoundException>("fetch of an absent file", () => _store.FetchContainerProcess(Pod, Sidecar));
        _checks.Equal("not-found names the container", Sidecar, notFound?.ContainerId);

        string mounts = _store.GetContainerMountsPath(Pod, Sidecar);
        File.WriteAllText(mounts, """[{"Source":""");
        CorruptResourceException? truncated = _checks.Throws<CorruptResourceException>("fetch of a truncated file", () => _store.FetchContainerMounts(Pod, Sidecar));
        _checks.Equal("corrupt file path", mounts, truncated?.Path);
        File.WriteAllText(mounts, """[{"Source":42}]""");
        CorruptResourceException? mistyped = _checks.Throws<CorruptResourceException>("fetch of a mistyped value", () => _store.FetchContainerMounts(Pod, Sidecar));
        _checks.Equal("offset of the mistyped value", 11L, mistyped?.ByteOffset);

        _checks.Throws<InvalidResourceIdException>("a path as pod ID", () => _store.FetchPodState("../etc"));
        _checks.Throws<InvalidResourceIdException>("a resource file name as container ID", () => _store.CreateContainer(Pod, "state.json"));
        _checks.Throws<MalformedJsonException>("trailing data", () => VirtContainersStore.Codecs.LifecycleState.Deserialize("{} {}"u8));
    }

    private void SerializerContext()
    {
        byte[] pod = _golden.Bytes("podconfig.json");
        PodConfig? fromContext = JsonSerializer.Deserialize(pod, VirtContainersJsonContext.Default.PodConfig);
        _checks.Bytes("pod config through JsonSerializer", pod, JsonSerializer.SerializeToUtf8Bytes(fromContext!, VirtContainersJsonContext.Default.PodConfig));
        _checks.Bytes("pod config read by JsonSerializer, written by the codec", pod, VirtContainersStore.Codecs.PodConfig.Serialize(fromContext!));

        byte[] devices = _golden.Bytes("devices.json");
        List<Device>? list = JsonSerializer.Deserialize(devices, VirtContainersJsonContext.Default.ListOfDevice);
        _checks.Bytes("devices through JsonSerializer", devices, JsonSerializer.SerializeToUtf8Bytes(list, VirtContainersJsonContext.Default.ListOfDevice));

        var state = new LifecycleState { State = LifecycleStates.Stopped };
        _checks.Equal(
            "JsonSerializer and the codec agree",
            Encoding.UTF8.GetString(VirtContainersStore.Codecs.LifecycleState.Serialize(state)),
            JsonSerializer.Serialize(state, VirtContainersJsonContext.Default.LifecycleState));
    }

    private void ListAndDelete()
    {
        string sidecarConfigDirectory = Path.GetDirectoryName(_store.GetContainerConfigPath(Pod, Sidecar))!;
        string sidecarRunDirectory = Path.GetDirectoryName(_store.GetContainerStatePath(Pod, Sidecar))!;

        _checks.Sequence("containers before deletion", [Sandbox, Web, Sidecar], _store.ListContainers(Pod));
        _checks.True("container deleted", _store.DeleteContainer(Pod, Sidecar));
        _checks.Sequence("containers after deletion", [Sandbox, Web], _store.ListContainers(Pod));
        _checks.True("container directories removed", !Directory.Exists(sidecarConfigDirectory) && !Directory.Exists(sidecarRunDirectory));

        _checks.True("pod deleted", _store.DeletePod(Pod));
        _checks.Sequence("no pods left", [], _store.ListPods());
        _checks.True("deleting it again reports false", !_store.DeletePod(Pod));
    }

    /// <summary>Stores the Go-written file's value, compares the file with it, fetches and compares again; returns the fetched value.</summary>
    private T RoundTrip<T>(string fileName, JsonCodec<T> codec, Action<T> store, Func<T> fetch, string path)
    {
        byte[] expected = _golden.Bytes(fileName);
        store(codec.Deserialize(expected));
        _checks.File($"{fileName} stored", expected, path);
        T fetched = fetch();
        _checks.Bytes($"{fileName} fetched", expected, codec.Serialize(fetched));
        return fetched;
    }

    private static string ReplaceFirst(string text, string oldValue, string newValue)
    {
        int at = text.IndexOf(oldValue, StringComparison.Ordinal);
        return at < 0 ? text : string.Concat(text.AsSpan(0, at), newValue, text.AsSpan(at + oldValue.Length));
    }
}
