using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SupportPlatform.ServiceDefaults.Clients;
using Xunit;

namespace SupportPlatform.Agent.Tests;

/// <summary>The one reader of service answers that the desk and the Lounge share (ServiceDefaults' ServiceResult).</summary>
public sealed class ReadingServiceResults
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Thing(string Name);

    private static HttpResponseMessage Answer(HttpStatusCode status, string? body, string mediaType = "application/problem+json")
    {
        var response = new HttpResponseMessage(status);
        if (body is not null)
        {
            response.Content = new StringContent(body, Encoding.UTF8, mediaType);
        }

        return response;
    }

    [Fact]
    public async Task A_success_gives_the_value_and_its_ETag()
    {
        using var response = Answer(HttpStatusCode.OK, """{"name":"메일"}""", "application/json");
        response.Headers.ETag = new EntityTagHeaderValue("\"7\"");

        var result = await ServiceResult<Thing>.ReadAsync(response, Json, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal("메일", result.Value!.Name);
        Assert.Equal("\"7\"", result.ETag);
    }

    [Fact]
    public async Task Accepted_and_no_content_give_no_value_and_no_problem()
    {
        using var accepted = new HttpResponseMessage(HttpStatusCode.Accepted);
        using var noContent = new HttpResponseMessage(HttpStatusCode.NoContent);

        Assert.True((await ServiceResult<Thing>.ReadAsync(accepted, Json, CancellationToken.None)).Succeeded);
        Assert.Null((await ServiceResult<Thing>.ReadAsync(noContent, Json, CancellationToken.None)).Value);
    }

    [Fact]
    public async Task A_validation_problem_gives_its_field_errors_as_the_message()
    {
        using var response = Answer(HttpStatusCode.BadRequest,
            """{"title":"One or more validation errors occurred.","errors":{"email":["Enter a valid email address."]}}""");

        var result = await ServiceResult<Thing>.ReadAsync(response, Json, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(HttpStatusCode.BadRequest, result.Problem!.Status);
        Assert.Equal(["Enter a valid email address."], result.Problem.Errors["email"]);
        Assert.Equal("Enter a valid email address.", result.Problem.Message);
    }

    [Fact]
    public async Task A_precondition_failure_names_the_current_version()
    {
        using var response = Answer(HttpStatusCode.PreconditionFailed, """{"title":"Stale","currentVersion":12}""");

        var result = await ServiceResult<Thing>.ReadAsync(response, Json, CancellationToken.None);

        Assert.Equal(12, result.Problem!.CurrentVersion);
        Assert.Equal("Stale", result.Problem.Message);
    }

    [Theory]
    [InlineData("<html>bad gateway</html>", "text/html")]
    [InlineData("not json", "application/json")]
    [InlineData("[1,2]", "application/problem+json")]
    [InlineData("""{"title":3,"errors":{"email":"not a list","name":[1]},"currentVersion":"x"}""", "application/problem+json")]
    public async Task An_odd_error_body_still_gives_a_problem_with_the_status(string body, string mediaType)
    {
        using var response = Answer(HttpStatusCode.BadGateway, body, mediaType);

        var result = await ServiceResult<Thing>.ReadAsync(response, Json, CancellationToken.None);

        Assert.Equal(HttpStatusCode.BadGateway, result.Status);
        Assert.Equal(HttpStatusCode.BadGateway, result.Problem!.Status);
        Assert.False(string.IsNullOrEmpty(result.Problem.Message));
        Assert.Null(result.Problem.CurrentVersion);
    }
}
