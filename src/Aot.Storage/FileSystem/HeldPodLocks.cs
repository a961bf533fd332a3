using Aot.Storage.Native;

namespace Aot.Storage.FileSystem;

/// <summary>
/// The pod locks held by the current thread in the current flow of execution, so that a conflicting request from
/// that thread and flow fails at once instead of waiting for itself. flock locks belong to an open file
/// description: a second lock of the same pod through a new descriptor waits for the first, which its own thread
/// cannot release while it waits (the hang of kata-containers/runtime#1088).
/// </summary>
/// <remarks>
/// A lock counts as the requester's own when both hold: the request runs in the flow that took it (an
/// <see cref="AsyncLocal{T}"/> follows the call chain across <c>await</c>, and is inherited by the tasks and threads
/// the flow starts), and on the thread that took it. The flow alone would also catch tasks and threads started while
/// the lock is held, which may rightly wait for it; the thread alone would catch unrelated work that an async holder
/// left the thread to. So a nested call on the holder's thread fails at once (directly or through an Update
/// helper), other threads wait as other processes do, and an async flow that resumed on another thread after an
/// <c>await</c> is not refused (it waits up to its timeout, and the timeout's message says the flow holds the
/// lock). A lock is identified by its lock file (device and inode), so two stores over the same roots see each
/// other's locks. Entries are marked released rather than removed, because a lock may be disposed from another
/// flow; released entries are dropped at the next change.
/// </remarks>
internal static class HeldPodLocks
{
    private static readonly AsyncLocal<Node?> s_heldInFlow = new();

    /// <summary>A lock held in this flow that a request for <paramref name="requested"/> would wait for, if any: by
    /// this thread, or with <paramref name="anyThread"/> by any thread (for messages only, see the remarks).</summary>
    public static HeldPodLock? FindConflict(in StatxBuffer lockFile, PodLockMode requested, bool anyThread = false)
    {
        for (Node? node = s_heldInFlow.Value; node is not null; node = node.Next)
        {
            HeldPodLock held = node.Lock;
            if (!held.IsReleased && (anyThread || held.OwnerThreadId == Environment.CurrentManagedThreadId) && held.IsOn(lockFile)
                && (requested == PodLockMode.Exclusive || held.Mode == PodLockMode.Exclusive))
            {
                return held;
            }
        }

        return null;
    }

    /// <summary>Records a lock just taken by this flow.</summary>
    public static HeldPodLock Add(in StatxBuffer lockFile, PodLockMode mode)
    {
        var held = new HeldPodLock(lockFile, mode);
        s_heldInFlow.Value = new Node(held, WithoutReleased(s_heldInFlow.Value));
        return held;
    }

    /// <summary>Marks the lock released; when the releasing flow is the one that took it last, tidies its list now.</summary>
    public static void Release(HeldPodLock held)
    {
        held.IsReleased = true;
        Node? current = s_heldInFlow.Value;
        if (current is not null && ReferenceEquals(current.Lock, held))
        {
            s_heldInFlow.Value = WithoutReleased(current.Next);
        }
    }

    private static Node? WithoutReleased(Node? node)
    {
        if (node is null)
        {
            return null;
        }

        Node? rest = WithoutReleased(node.Next);
        return node.Lock.IsReleased ? rest : ReferenceEquals(rest, node.Next) ? node : new Node(node.Lock, rest);
    }

    private sealed record Node(HeldPodLock Lock, Node? Next);
}

/// <summary>One pod lock as <see cref="HeldPodLocks"/> knows it: its lock file, mode and thread, whether it is released.</summary>
internal sealed class HeldPodLock
{
    private readonly uint _deviceMajor;
    private readonly uint _deviceMinor;
    private volatile bool _released;

    public HeldPodLock(in StatxBuffer lockFile, PodLockMode mode)
    {
        Inode = lockFile.Inode;
        _deviceMajor = lockFile.DeviceMajor;
        _deviceMinor = lockFile.DeviceMinor;
        Mode = mode;
        OwnerThreadId = Environment.CurrentManagedThreadId;
    }

    public PodLockMode Mode { get; }

    public ulong Inode { get; }

    /// <summary>The thread that took the lock.</summary>
    public int OwnerThreadId { get; }

    public bool IsReleased
    {
        get => _released;
        set => _released = value;
    }

    public bool IsOn(in StatxBuffer lockFile) =>
        lockFile.Inode == Inode && lockFile.DeviceMajor == _deviceMajor && lockFile.DeviceMinor == _deviceMinor;
}
