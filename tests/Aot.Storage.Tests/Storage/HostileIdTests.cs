using System.Text;
using System.Text.RegularExpressions;
using Aot.Storage.FileSystem;
using Aot.Storage.VirtContainers;
using static Aot.Storage.Tests.Storage.StorageTestEnvironment;
using K = Aot.Storage.VirtContainers.VirtContainersStore.Kinds;

namespace Aot.Storage.Tests.Storage;

/// <summary>reliability.md §4 G7: every hostile ID refused, as pod and as container ID, on every entry point.</summary>
public sealed partial class HostileIdTests
{
    private const string GoodPod = "pod1";
    private const string GoodContainer = "c1";

    /// <summary>The G7 list, verbatim (a..b excepted: it is a valid ID, see <see cref="ADotDotInsideAnIdIsOneComponent"/>).</summary>
    internal static readonly string[] HostileIds =
    [
        "", " ", ".", "..", "...", "../x", "x/..", "../../../../etc", "a/b", "/", "/etc", "/etc/passwd",
        "a\\..\\b", "C:\\x", "a\0b", "abc\n", "abc\r\n", "\tabc", " abc", "abc ", ".hidden", "-rf", "--help",
        "%2e%2e", "~root", "$(id)", "*", "?", "lock", "state.json", "config.json", "network.json",
        ".tmp-state.json-123", ".state.json.tmp-123-abc", new string('a', 77), new string('a', 255), new string('a', 256),
        new string('a', 4096), "é1", "e\u03011", "ａｂｃ", "٣٣", "а", "a\u2215b", "a\u2044b", "a\uFF0Fb", "\uFF0E\uFF0E",
        "a\u200Db", "\u202Eabc", "\uD800", "a\u0000", "_leading", "trailing\n", "abc\u0085",
    ];

    public static TheoryData<int> HostileIdIndexes()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < HostileIds.Length; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HostileIdIndexes))]
    public void HostileIdIsRefusedEverywhereAndTouchesNothing(int index)
    {
        string id = HostileIds[index];
        using var env = new StorageTestEnvironment();
        FileSystemResourceEngine e = env.Engine;
        e.CreatePod(GoodPod);
        e.CreateContainer(GoodPod, GoodContainer);
        env.Store(Pod(K.State, GoodPod), Sample.Of("keep", "me"));
        string before = env.Snapshot();
        TimeSpan t = TimeSpan.FromMilliseconds(100);
        Sample value = Sample.Of("x", "y");

        var asPod = new List<(string Name, Action Call)>
        {
            ("Store pod", () => env.Store(Pod(K.State, id), value)),
            ("Store ctr", () => env.Store(Ctr(K.State, id, GoodContainer), value)),
            ("Store codec", () => e.Store(Pod(K.Config, id), value, SampleCodec.Instance)),
            ("Fetch", () => env.Fetch(Pod(K.State, id))),
            ("TryFetch", () => env.TryFetch(Pod(K.State, id), out _)),
            ("Update", () => e.UpdateCore<Sample, SampleSerializer>(Pod(K.State, id), SampleSerializer.Instance, s => value, t, default)),
            ("Delete", () => e.Delete(Pod(K.State, id))),
            ("Delete ctr", () => e.Delete(Ctr(K.State, id, GoodContainer))),
            ("Exists", () => e.Exists(Pod(K.Config, id))),
            ("GetPath", () => e.GetPath(Pod(K.Config, id))),
            ("GetPodPath", () => e.GetPodPath(StorageRoot.Run, id)),
            ("GetLockPath", () => e.GetLockPath(id)),
            ("Lock", () => e.Lock(id, PodLockMode.Exclusive, t)),
            ("TryLock", () => e.TryLock(id, PodLockMode.Shared)),
            ("ListContainers", () => e.ListContainers(id)),
            ("CreatePod", () => e.CreatePod(id)),
            ("CreateContainer", () => e.CreateContainer(id, GoodContainer)),
            ("DeletePod", () => e.DeletePod(id)),
            ("DeleteContainer", () => e.DeleteContainer(id, GoodContainer)),
        };
        var asContainer = new List<(string Name, Action Call)>
        {
            ("Store", () => env.Store(Ctr(K.State, GoodPod, id), value)),
            ("Store config", () => env.Store(Ctr(K.Config, GoodPod, id), value)),
            ("Fetch", () => env.Fetch(Ctr(K.Process, GoodPod, id))),
            ("TryFetch", () => env.TryFetch(Ctr(K.Mounts, GoodPod, id), out _)),
            ("Update", () => e.UpdateCore<Sample, SampleSerializer>(Ctr(K.Devices, GoodPod, id), SampleSerializer.Instance, s => value, t, default)),
            ("Delete", () => e.Delete(Ctr(K.State, GoodPod, id))),
            ("Exists", () => e.Exists(Ctr(K.State, GoodPod, id))),
            ("GetPath", () => e.GetPath(Ctr(K.Config, GoodPod, id))),
            ("GetContainerPath", () => e.GetContainerPath(StorageRoot.Config, GoodPod, id)),
            ("CreateContainer", () => e.CreateContainer(GoodPod, id)),
            ("DeleteContainer", () => e.DeleteContainer(GoodPod, id)),
        };

        foreach ((string name, Action call) in asPod.Select(c => ("pod " + c.Name, c.Call)).Concat(asContainer.Select(c => ("container " + c.Name, c.Call))))
        {
            InvalidResourceIdException? ex = null;
            try
            {
                call();
            }
            catch (InvalidResourceIdException caught)
            {
                ex = caught;
            }

            Assert.True(ex is not null, $"{name} accepted ID #{index} '{Escape(id)}'");
            FileAssert.SingleLine(ex!);
            Assert.True(ex!.Message.Length < 600, $"{name}: message too long");
        }

        Assert.Equal(before, env.Snapshot());
        env.AssertOutsideUntouched();
        Assert.False(e.IsValidPodId(id));
        Assert.False(e.IsValidContainerId(id));
    }

    [Fact]
    public void ADotDotInsideAnIdIsOneComponent()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod("a..b");
        env.Engine.CreateContainer("a..b", "c..d");
        env.Store(Ctr(K.State, "a..b", "c..d"), Sample.Of("x", "y"));
        Assert.True(File.Exists(Path.Combine(env.RunRoot, "a..b", "c..d", "state.json")));
        Assert.Equal(["a..b"], env.Engine.ListPods());
        Assert.Equal(["c..d"], env.Engine.ListContainers("a..b"));
        env.AssertOutsideUntouched();
    }

    [Fact]
    public void TheLengthBoundIsInclusiveAndConfigurable()
    {
        using var env = new StorageTestEnvironment();
        string longest = new('a', FileSystemStoreOptions.DefaultMaxIdLength);
        env.Engine.CreatePod(longest);
        Assert.True(Directory.Exists(Path.Combine(env.RunRoot, longest)));
        var ex = Assert.Throws<InvalidResourceIdException>(() => env.Engine.CreatePod(longest + "a"));
        Assert.Equal("Pod ID is too long: 77 characters, at most 76", ex.Reason);

        using var wide = new StorageTestEnvironment(o => o.MaxIdLength = 255);
        string name255 = new('b', 255);
        wide.Engine.CreatePod(name255);
        wide.Engine.CreateContainer(name255, name255);
        Assert.Throws<InvalidResourceIdException>(() => wide.Engine.CreatePod(name255 + "b"));
    }

    [Fact]
    public void RandomStringsAreAcceptedExactlyWhenTheyMatchTheGrammarAndStayDirectChildren()
    {
        using var env = new StorageTestEnvironment();
        var random = new Random(20261128);
        string alphabet = "abcXYZ019_.-/\\ \t\n\0~$*?é٣ａ\u2215\uFF0E\u200D";
        int accepted = 0;
        for (int i = 0; i < 100_000; i++)
        {
            // Half the samples use only the grammar's characters, so that many are accepted.
            string chars = i % 2 == 0 ? "abcXYZ019_.-" : alphabet;
            int length = random.Next(0, 80);
            var sb = new StringBuilder(length);
            for (int j = 0; j < length; j++)
            {
                sb.Append(chars[random.Next(chars.Length)]);
            }

            string id = sb.ToString();
            bool expected = Grammar().IsMatch(id) && !VirtContainersStore.RoutingTable.IsReservedName(id);
            Assert.Equal(expected, env.Engine.IsValidPodId(id));
            if (expected)
            {
                accepted++;
                string path = env.Engine.GetPodPath(StorageRoot.Run, id);
                Assert.Equal(env.RunRoot, Path.GetDirectoryName(path));
                Assert.Equal(id, Path.GetFileName(path));
            }
        }

        Assert.True(accepted > 1000, $"only {accepted} accepted: the sample does not exercise the grammar");
    }

    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9_.-]{0,75}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();

    private static string Escape(string id) => FileSystemResourceEngine.Display(id) ?? "<null>";
}
