namespace SupportPlatform.Deploy.Tests;

internal static class RepositoryRoot
{
    private const string Marker = "SupportPlatform.sln";

    /// <summary>The folder holding the solution, above this program's build output or the working directory.</summary>
    public static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, Marker)))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException($"no {Marker} above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}");
    }
}
