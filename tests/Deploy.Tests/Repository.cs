
namespace SupportPlatform.Deploy.Tests;

internal static class Repository
{
    public static readonly string Root = RepositoryRoot.Find();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));
}
