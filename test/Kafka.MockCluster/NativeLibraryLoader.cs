using System.Reflection;
using System.Runtime.InteropServices;

namespace BillForU.Kafka.MockCluster;

/// <summary>
/// Resolves "librdkafka" to one of the native files librdkafka.redist ships. On Debian 12 the default
/// linux build needs libsasl2.so.3, which is missing, so the CentOS 8 build is tried next, as
/// Confluent.Kafka itself does.
/// </summary>
internal static class NativeLibraryLoader
{
    private static readonly Lock Gate = new();
    private static IntPtr _handle;

    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (_handle != IntPtr.Zero)
            {
                return;
            }

            _handle = Load();
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLoader).Assembly, Resolve);
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == NativeMethods.Library ? _handle : IntPtr.Zero;

    private static IntPtr Load()
    {
        var failures = new List<string>();
        foreach (var candidate in Candidates())
        {
            if (!File.Exists(candidate))
            {
                continue;
            }

            try
            {
                return NativeLibrary.Load(candidate);
            }
            catch (DllNotFoundException exception)
            {
                failures.Add($"{candidate}: {exception.Message}");
            }
        }

        throw new DllNotFoundException(
            $"No loadable librdkafka found next to {AppContext.BaseDirectory}. Tried: {string.Join("; ", failures)}");
    }

    private static IEnumerable<string> Candidates()
    {
        var baseDirectory = AppContext.BaseDirectory;
        var architecture = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "arm64" : "x64";
        if (OperatingSystem.IsWindows())
        {
            yield return Path.Combine(baseDirectory, "runtimes", $"win-{architecture}", "native", "librdkafka.dll");
        }
        else if (OperatingSystem.IsMacOS())
        {
            yield return Path.Combine(baseDirectory, "runtimes", "osx-" + architecture, "native", "librdkafka.dylib");
        }
        else
        {
            var native = Path.Combine(baseDirectory, "runtimes", $"linux-{architecture}", "native");
            yield return Path.Combine(native, "librdkafka.so");
            yield return Path.Combine(native, "centos8-librdkafka.so");
            yield return Path.Combine(native, "alpine-librdkafka.so");
        }
    }
}
