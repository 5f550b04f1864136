using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace SupportPlatform.ServiceDefaults.Http;

/// <summary>
/// Turns what a client got wrong into 4xx problem details instead of the 500 an unhandled exception
/// gives: body that is not JSON or has a wrong type (400 with the field at its JSON path), text the
/// database cannot store, query or route values that do not bind (<c>page=abc</c>, overflow),
/// malformed multipart, and — as a backstop behind the edge checks — PostgreSQL refusing a
/// character. A database that cannot be reached answers 503 with Retry-After, so clients retry
/// rather than give up. Everything else stays a 500 for the default handler.
/// </summary>
public sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems, ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (Classify(exception) is not { } problem)
        {
            return false;
        }

        logger.LogInformation("Refused {Method} {Path} with {Status}: {Reason}", context.Request.Method, context.Request.Path, problem.Status, exception.Message);
        context.Response.StatusCode = problem.Status;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "5";
        }

        var details = problem.Errors is { } errors
            ? new HttpValidationProblemDetails(errors) { Status = problem.Status, Title = problem.Title, Detail = problem.Detail }
            : new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = problem.Status, Title = problem.Title, Detail = problem.Detail };
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, Exception = exception, ProblemDetails = details }))
        {
            // The client's Accept names no JSON type (e.g. text/csv): answer problem details anyway rather than fall through to a 500.
            await context.Response.WriteAsJsonAsync(details, details.GetType(), options: null, contentType: "application/problem+json", cancellationToken);
        }

        return true;
    }

    /// <summary>The problem a client-caused exception stands for; null for a genuine server fault.</summary>
    public static Problem? Classify(Exception exception)
    {
        switch (exception)
        {
            case BadHttpRequestException { InnerException: JsonException json }:
                return Invalid(FieldOf(json), json is UnstorableTextException ? StorableText.Refusal : JsonMessage(json));
            case BadHttpRequestException bad when BoundParameter().Match(bad.Message) is { Success: true } match:
                return Invalid(match.Groups["name"].Value, $"Not a valid value: \"{Truncate(match.Groups["value"].Value)}\".");
            case BadHttpRequestException bad when bad.Message.Contains("not provided from body", StringComparison.Ordinal)
                                               || bad.Message.Contains("no body was provided", StringComparison.Ordinal):
                return Invalid("body", "A JSON object is required.");
            case BadHttpRequestException bad:
                return new Problem(bad.StatusCode, bad.StatusCode switch
                {
                    StatusCodes.Status413PayloadTooLarge => "Request body too large",
                    StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
                    _ => "Bad request",
                }, bad.Message, null);
            case InvalidDataException or IOException when FromFramework(exception):
                // The multipart reader: missing or wrong boundary, truncated parts, bad part headers.
                return Invalid("body", "The multipart/form-data body is malformed.");
            case PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter }:
                return Invalid("body", StorableText.Refusal);
            case NpgsqlException { IsTransient: true }:
            case NpgsqlException { InnerException: System.Net.Sockets.SocketException or TimeoutException }:
                return new Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The database cannot be reached right now; try again shortly.", null);
            case { InnerException: { } inner }:
                // Libraries wrap the database's exception (Marten: MartenCommandException): what it stands for is inside.
                return Classify(inner) is { Status: StatusCodes.Status503ServiceUnavailable } unavailable ? unavailable : null;
            default:
                return null;
        }
    }

    public sealed record Problem(int Status, string Title, string? Detail, IDictionary<string, string[]>? Errors);

    private static Problem Invalid(string field, string message) =>
        new(StatusCodes.Status400BadRequest, "One or more validation errors occurred.", null, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>"$.consent.accepted" → "consent.accepted"; the whole body ("$" or unknown) → "body".</summary>
    private static string FieldOf(JsonException json) =>
        json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..]
        : json.Path is { Length: > 1 } indexed && indexed.StartsWith("$[", StringComparison.Ordinal) ? "body" + indexed[1..]
        : "body";

    private static string JsonMessage(JsonException json) =>
        json.Path is null or "$" && json.InnerException is not null
            ? "The body is not well-formed JSON."
            : "Not valid here: a value of another JSON type, or malformed JSON.";

    private static bool FromFramework(Exception exception) =>
        exception.TargetSite?.DeclaringType?.Namespace?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true;

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";

    // RequestDelegateFactory: Failed to bind parameter "int? page" from "abc".
    [GeneratedRegex("""^Failed to bind parameter "(?:[^"]*\s)?(?<name>[^"\s]+)" from "(?<value>.*)"\.?$""", RegexOptions.Singleline)]
    private static partial Regex BoundParameter();
}
