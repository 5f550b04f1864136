using System.Text;
using System.Text.Json.Nodes;

namespace SupportPlatform.Fuzzing;

/// <summary>Every case for every operation of one OpenAPI document: one input varied at a time, the rest valid.</summary>
public static class Generator
{
    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch"];

    public static int OperationCount(JsonNode document) =>
        document["paths"]!.AsObject().Sum(path => path.Value!.AsObject().Count(op => Methods.Contains(op.Key)));

    public static IEnumerable<Case> Cases(JsonNode document, Uri baseUrl, Seed seed)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject().Where(op => Methods.Contains(op.Key)))
            {
                foreach (var fuzzCase in OperationCases(document, baseUrl, path, method.ToUpperInvariant(), operation!, seed))
                {
                    yield return fuzzCase;
                }
            }
        }
    }

    private static IEnumerable<Case> OperationCases(JsonNode document, Uri baseUrl, string path, string method, JsonNode operation, Seed seed)
    {
        var parameters = operation["parameters"]?.AsArray().Select(p => p!).ToList() ?? [];
        var pathParameters = parameters.Where(p => (string?)p["in"] == "path").Select(p => (string)p["name"]!).ToList();
        var queryParameters = parameters.Where(p => (string?)p["in"] == "query").Select(p => (string)p["name"]!).ToList();
        var jsonSchema = operation["requestBody"]?["content"]?["application/json"]?["schema"];
        var bodyFields = jsonSchema is null ? [] : Fields(document, jsonSchema);
        var validBody = jsonSchema is null ? null : ObjectJson(bodyFields.ToDictionary(f => f.Name, f => f.Valid(seed)));
        var headers = Headers(path, seed, "\"2\"");

        string Url(Dictionary<string, string>? pathOverride = null, string? query = null)
        {
            var resolved = path;
            foreach (var name in pathParameters)
            {
                resolved = resolved.Replace("{" + name + "}", pathOverride?.GetValueOrDefault(name) ?? ValidPathValue(name, seed), StringComparison.Ordinal);
            }

            return new Uri(baseUrl, resolved).ToString().TrimEnd('/') is var url && query is null ? url : url + "?" + query;
        }

        Case Json(string url, string? body, string description, string? contentType = "application/json", IReadOnlyDictionary<string, string>? with = null, bool authenticated = true) =>
            new(method, url, contentType, body is null ? null : Encoding.UTF8.GetBytes(body), with ?? headers, authenticated, description);

        yield return Json(Url(), validBody, "valid");
        yield return Json(Url(), validBody, "valid, no token", authenticated: false);
        foreach (var name in pathParameters)
        {
            foreach (var value in Inputs.UrlValues.Where(v => v.Length > 0))
            {
                yield return Json(Url(new() { [name] = value }), validBody, $"path {name}={value[..Math.Min(value.Length, 30)]}");
            }
        }

        foreach (var name in queryParameters)
        {
            foreach (var value in Inputs.UrlValues)
            {
                yield return Json(Url(query: $"{name}={value}"), validBody, $"query {name}={value[..Math.Min(value.Length, 30)]}");
            }
        }

        yield return Json(Url(query: "unknown=%00&page=abc&limit=-1"), validBody, "undeclared query values");

        if (method is "POST" or "PUT" or "DELETE")
        {
            foreach (var field in bodyFields)
            {
                foreach (var value in Inputs.JsonStrings.Concat(Inputs.JsonOthers))
                {
                    var body = bodyFields.ToDictionary(f => f.Name, f => f.Name == field.Name ? value : f.Valid(seed));
                    yield return Json(Url(), ObjectJson(body), $"body {field.Name}={value[..Math.Min(value.Length, 30)]}");
                }

                yield return Json(Url(), ObjectJson(bodyFields.Where(f => f.Name != field.Name).ToDictionary(f => f.Name, f => f.Valid(seed))), $"body without {field.Name}");
            }

            foreach (var raw in Inputs.RawBodies)
            {
                yield return Json(Url(), raw, $"raw body {raw[..Math.Min(raw.Length, 20)]}");
            }

            foreach (var contentType in Inputs.ContentTypes)
            {
                yield return Json(Url(), validBody ?? "{}", $"Content-Type {contentType ?? "(none)"}", contentType);
            }

            foreach (var ifMatch in Inputs.IfMatch)
            {
                yield return Json(Url(), validBody, $"If-Match {ifMatch ?? "(none)"}", with: Headers(path, seed, ifMatch));
            }

            foreach (var (contentType, body) in Inputs.Multiparts())
            {
                yield return new Case(method, Url(), contentType, body, headers, true, $"multipart {contentType[..Math.Min(contentType.Length, 40)]}");
            }
        }

        foreach (var tokenValue in Inputs.InquiryTokens(seed.AccessToken))
        {
            var with = new Dictionary<string, string>(headers) { ["X-Inquiry-Token"] = tokenValue };
            yield return Json(Url(), validBody, $"X-Inquiry-Token {tokenValue[..Math.Min(tokenValue.Length, 30)]}", with: with, authenticated: false);
        }

        foreach (var authorization in Inputs.Authorizations)
        {
            var with = new Dictionary<string, string>(headers) { ["Accept"] = "text/csv", ["Authorization"] = authorization };
            yield return Json(Url(), validBody, $"Authorization {authorization[..Math.Min(authorization.Length, 30)]}", with: with, authenticated: false);
        }

        foreach (var forwardedFor in Inputs.ForwardedFor)
        {
            var with = new Dictionary<string, string>(headers) { ["X-Forwarded-For"] = forwardedFor };
            yield return Json(Url(), validBody, $"X-Forwarded-For {forwardedFor[..Math.Min(forwardedFor.Length, 30)]}", with: with);
        }
    }

    private static Dictionary<string, string> Headers(string path, Seed seed, string? ifMatch)
    {
        var headers = new Dictionary<string, string>();
        if (path.StartsWith("/api/inquiries/", StringComparison.Ordinal))
        {
            headers["X-Inquiry-Token"] = seed.AccessToken;
        }

        if (ifMatch is not null)
        {
            headers["If-Match"] = ifMatch;
        }

        return headers;
    }

    private static string ValidPathValue(string name, Seed seed) => name switch
    {
        "slug" => seed.Slug,
        "revision" => "1",
        "id" => seed.InquiryId.ToString(),
        "inquiryId" => seed.InquiryId.ToString(),
        _ => Guid.NewGuid().ToString(),
    };

    private static string ObjectJson(Dictionary<string, string> fields) =>
        "{" + string.Join(',', fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}";

    private sealed record Field(string Name, Func<Seed, string> Valid);

    /// <summary>The top-level properties of a body schema, each with a valid value (raw JSON) to keep while another is varied.</summary>
    private static List<Field> Fields(JsonNode document, JsonNode schema)
    {
        var resolved = Resolve(document, schema);
        return resolved?["properties"]?.AsObject().Select(p => new Field(p.Key, seed => ValidValue(document, p.Key, p.Value, seed, 0))).ToList() ?? [];
    }

    private static JsonNode? Resolve(JsonNode document, JsonNode? schema)
    {
        for (var depth = 0; schema is not null && depth < 5; depth++)
        {
            if (schema["$ref"] is { } reference)
            {
                schema = document["components"]?["schemas"]?[((string)reference!).Split('/')[^1]];
            }
            else if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray array)
            {
                schema = array.FirstOrDefault(c => c?["type"]?.ToString() != "null") ?? array.FirstOrDefault();
            }
            else
            {
                return schema;
            }
        }

        return schema;
    }

    private static string ValidValue(JsonNode document, string name, JsonNode? schema, Seed seed, int depth)
    {
        var known = name switch
        {
            "email" => "\"fuzz@example.com\"",
            "companyName" => "\"퍼즈 주식회사\"",
            "phone" => "\"010-1234-5678\"",
            "summary" or "details" or "body" or "reason" => "\"퍼즈 본문\"",
            "title" => "\"[TMSe] 퍼즈 문서\"",
            "category" => "\"mail-security\"",
            "products" => "[\"tmse\"]",
            "slug" => $"\"fuzz-{Guid.NewGuid():N}\"",
            "language" => "\"ko\"",
            "sessionId" or "recommendationSessionId" => "\"fuzz-session-0001\"",
            "kind" => "\"shown\"",
            "policyVersion" => "\"2024-01\"",
            "accepted" or "helpful" or "dryRun" or "publish" => "true",
            "attachmentIds" or "uploadTokens" => "[]",
            _ => null,
        };
        if (known is not null)
        {
            return known;
        }

        var resolved = Resolve(document, schema);
        var type = resolved?["type"] switch
        {
            JsonArray types => types.Select(t => t?.ToString()).FirstOrDefault(t => t != "null"),
            { } single => single.ToString(),
            null => resolved?["properties"] is not null ? "object" : "string",
        };
        return type switch
        {
            "object" when depth < 2 => ObjectJson(resolved?["properties"]?.AsObject().ToDictionary(p => p.Key, p => ValidValue(document, p.Key, p.Value, seed, depth + 1)) ?? []),
            "object" => "{}",
            "array" => "[]",
            "boolean" => "true",
            "integer" or "number" => "1",
            _ when (string?)resolved?["format"] == "uuid" => $"\"{Guid.NewGuid()}\"",
            _ => "\"퍼즈\"",
        };
    }
}
