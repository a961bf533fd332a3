using System.Text;
using Aot.Storage.Native;
using static Aot.Storage.Tests.Storage.StorageTestEnvironment;

namespace Aot.Storage.Tests.Storage;

/// <summary>The engine learns the umask from /proc/self/status, never by setting it.</summary>
public sealed class ProcessUmaskTests
{
    [Theory]
    [InlineData("Name:\tdotnet\nUmask:\t0022\nState:\tR (running)\n", 0x12u)]
    [InlineData("Name:\tx\nUmask:\t0077\n", 0x3Fu)]
    [InlineData("Name:\tx\nUmask:\t0000\n", 0u)]
    [InlineData("Name:\tx\nUmask:\t0777\n", 0x1FFu)]
    public void TheUmaskLineIsReadAsOctal(string status, uint expected)
    {
        Assert.Equal(expected, ProcessUmask.Parse(Encoding.ASCII.GetBytes(status)));
    }

    [Theory]
    [InlineData("Name:\tx\nState:\tR\n")] // kernels before 4.7 have no Umask line
    [InlineData("Name:\tx\nUmask:\t0089\n")]
    [InlineData("Name:\tx\nUmask:\t\n")]
    [InlineData("Name:\tx\nUmask:\t0022")] // cut before the end of the line
    [InlineData("Umask:\t0022\n")] // not at the start of a line after Name
    public void AnythingElseIsUnknown(string status)
    {
        Assert.Null(ProcessUmask.Parse(Encoding.ASCII.GetBytes(status)));
    }

    [Fact]
    public void ThisProcessesUmaskIsWhatAShellStartedFromItReports()
    {
        (int exitCode, string output) = Run("sh", "-c", "umask");

        Assert.Equal(0, exitCode);
        Assert.Equal(Convert.ToUInt32(output.Trim(), 8), ProcessUmask.Read());
    }
}
