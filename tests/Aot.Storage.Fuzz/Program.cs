using Aot.Storage.Fuzz;
using SharpFuzz;

// aot-storage fuzz harness: "list"; "<target>" under afl-fuzz (SharpFuzz out-of-process); "replay <target>
// <file-or-dir>..." to run inputs without AFL; "seeds <target> <golden-dir> <out-dir>" to write the seed corpus.
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: Aot.Storage.Fuzz list | <target> | replay <target> <path>... | seeds <target> <golden-dir> <out-dir>");
    return 2;
}

switch (args[0])
{
    case "list":
        foreach (string name in FuzzTargets.Names)
        {
            Console.WriteLine(name);
        }

        return 0;

    case "seeds":
        Directory.CreateDirectory(args[3]);
        foreach ((string name, byte[] input) in FuzzTargets.Seeds(args[1], args[2]))
        {
            File.WriteAllBytes(Path.Combine(args[3], name), input);
        }

        return 0;

    case "replay":
        int failures = 0, count = 0;
        foreach (string path in args.Skip(2))
        {
            IEnumerable<string> files = Directory.Exists(path) ? Directory.GetFiles(path).Order(StringComparer.Ordinal) : [path];
            foreach (string file in files)
            {
                count++;
                try
                {
                    FuzzTargets.Run(args[1], File.ReadAllBytes(file));
                }
                catch (Exception ex)
                {
                    failures++;
                    Console.WriteLine($"FAIL {file}: {ex.GetType().FullName}: {ex.Message}");
                }
            }
        }

        Console.WriteLine($"{count} inputs, {failures} failures");
        return failures == 0 ? 0 : 1;

    default:
        // Nothing of the instrumented library may run before this call: its trace buffer is set up here.
        string target = args[0];
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            FuzzTargets.Run(target, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        });
        return 0;
}
