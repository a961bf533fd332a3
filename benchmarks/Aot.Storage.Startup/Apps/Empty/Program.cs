namespace Aot.Storage.Startup.Apps.Empty;

internal static class Program
{
    private static int Main() => 0;
}
