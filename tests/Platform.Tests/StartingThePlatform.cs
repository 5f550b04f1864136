using System.Net;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Xunit;

namespace SupportPlatform.Platform.Tests;

[Collection(PlatformCollection.Name)]
public sealed class StartingThePlatform(RunningPlatform platform)
{
    [Fact]
    public async Task Every_resource_of_the_AppHost_becomes_healthy()
    {
        Assert.Superset(
            new HashSet<string> { "postgres", "inquirydb", "knowledgedb", "notificationdb", "rabbitmq", "mail", "inquiry", "knowledge", "notification" },
            platform.Resources.Select(r => r.Name).ToHashSet());

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        foreach (var resource in platform.Resources)
        {
            await platform.App.ResourceNotifications.WaitForResourceHealthyAsync(resource.Name, timeout.Token);
        }
    }

    [Theory]
    [InlineData("inquiry")]
    [InlineData("knowledge")]
    [InlineData("notification")]
    public async Task Each_service_reaches_its_own_database_and_the_broker(string service)
    {
        using var client = platform.App.CreateHttpClient(service, "http");

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Contains("\"status\":\"Healthy\"", body, StringComparison.Ordinal);
        Assert.Contains("PostgreSql", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("masstransit", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_SMTP_catcher_shows_its_mail_on_a_web_page()
    {
        var mail = platform.Resources.OfType<IResourceWithEndpoints>().Single(r => r.Name == "mail");
        using var client = new HttpClient { BaseAddress = new Uri(mail.GetEndpoint("http").Url) };

        var page = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("Caught mail", page, StringComparison.Ordinal);
    }
}
