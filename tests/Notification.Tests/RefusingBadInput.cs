using System.Net;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Notification.Tests;

/// <summary>Bad query values get a 4xx problem detail naming the parameter; every answer carries the security headers.</summary>
public sealed class RefusingBadInput(PostgresDatabase database, RabbitMqVhost vhost, StrictSmtpServer smtp)
    : NotificationTest(database, vhost, smtp)
{
    [Theory]
    [InlineData("/api/notifications?inquiryId=abc")]
    [InlineData("/api/notifications?inquiryId=%00")]
    [InlineData("/api/notifications?inquiryId=%ED%A0%80")]
    [InlineData("/api/notifications")]
    public async Task A_missing_or_malformed_inquiry_id_is_400_naming_it(string path)
    {
        using var agent = Service.CreateClient().WithStaff(StaffRoles.Agent);

        var response = await agent.GetAsync(path);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "inquiryId");
        response.AssertSecurityHeaders();
    }

    [Fact]
    public async Task A_refused_caller_gets_the_security_headers_too()
    {
        using var anonymous = Service.CreateClient();

        var response = await anonymous.GetAsync($"/api/notifications?inquiryId={Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        response.AssertSecurityHeaders();
    }

    [Fact]
    public async Task The_delivery_log_is_never_cached()
    {
        using var agent = Service.CreateClient().WithStaff(StaffRoles.Agent);

        var response = await agent.GetAsync($"/api/notifications?inquiryId={Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        response.AssertSecurityHeaders();
        Assert.True(response.Headers.CacheControl?.NoStore, "no-store on the delivery log");
    }
}
