using System.Runtime.InteropServices;

namespace Aot.Storage.StressHelper;

/// <summary>
/// Makes this process's kernel answer <c>renameat2(..., RENAME_NOREPLACE)</c> with EINVAL, as NFS, many FUSE file
/// systems and kernels before 3.15 do, through a seccomp filter. Every other system call, and renameat2 without that
/// flag, is untouched. A filter cannot be removed: only a child process that exists for one test installs it.
/// </summary>
internal static unsafe partial class RenameNoReplaceRefusal
{
    private const int PrSetNoNewPrivs = 38;
    private const int PrSetSeccomp = 22;
    private const nuint SeccompModeFilter = 2;

    private const ushort LoadWordAbsolute = 0x20;   // BPF_LD | BPF_W | BPF_ABS
    private const ushort JumpIfEqual = 0x15;        // BPF_JMP | BPF_JEQ | BPF_K
    private const ushort JumpIfAnyBitSet = 0x45;    // BPF_JMP | BPF_JSET | BPF_K
    private const ushort Return = 0x06;             // BPF_RET | BPF_K

    // struct seccomp_data: int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6];
    private const uint NumberOffset = 0;
    private const uint ArchOffset = 4;
    private const uint FifthArgumentLowWordOffset = 16 + (4 * 8);

    private const uint ReturnAllow = 0x7fff0000;
    private const uint ReturnErrno = 0x00050000;
    private const uint Einval = 22;
    private const uint RenameNoReplace = 1;

    /// <summary>Installs the filter; throws where this architecture's numbers are not known or the kernel refuses.</summary>
    public static void Install()
    {
        (uint arch, uint renameat2) = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => (0xC000003Eu, 316u),   // AUDIT_ARCH_X86_64, __NR_renameat2
            Architecture.Arm64 => (0xC00000B7u, 276u), // AUDIT_ARCH_AARCH64
            _ => throw new PlatformNotSupportedException($"no seccomp numbers for {RuntimeInformation.ProcessArchitecture}"),
        };

        // Jump offsets count instructions after the jump; 7 is the final "allow".
        SockFilter* program = stackalloc SockFilter[]
        {
            new(LoadWordAbsolute, 0, 0, ArchOffset),
            new(JumpIfEqual, 0, 5, arch),
            new(LoadWordAbsolute, 0, 0, NumberOffset),
            new(JumpIfEqual, 0, 3, renameat2),
            new(LoadWordAbsolute, 0, 0, FifthArgumentLowWordOffset),
            new(JumpIfAnyBitSet, 0, 1, RenameNoReplace),
            new(Return, 0, 0, ReturnErrno | Einval),
            new(Return, 0, 0, ReturnAllow),
        };
        var fprog = new SockFprog { Length = 8, Filter = program };
        if (Prctl(PrSetNoNewPrivs, 1, 0, 0, 0) != 0 || Prctl(PrSetSeccomp, SeccompModeFilter, (nuint)(&fprog), 0, 0) != 0)
        {
            throw new InvalidOperationException($"prctl failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct SockFilter(ushort code, byte jumpIfTrue, byte jumpIfFalse, uint value)
    {
        public readonly ushort Code = code;
        public readonly byte JumpIfTrue = jumpIfTrue;
        public readonly byte JumpIfFalse = jumpIfFalse;
        public readonly uint Value = value;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SockFprog
    {
        public ushort Length;
        public SockFilter* Filter;
    }
}
