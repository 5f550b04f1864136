using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SupportPlatform.ServiceDefaults.Http;

/// <summary>
/// The <see cref="StorableText"/> rule for what JSON bodies do not cover: query-string and route
/// values (<c>?q=%00</c>). Refused before any endpoint runs, with the parameter as the field.
/// </summary>
public static class StorableRequestValues
{
    public static IApplicationBuilder UseStorableRequestValues(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        Dictionary<string, string[]>? errors = null;
        foreach (var (name, values) in context.Request.Query)
        {
            if (!StorableText.IsStorable(name) || values.Any(v => v is not null && !StorableText.IsStorable(v)))
            {
                (errors ??= [])[StorableText.Strip(name)!] = [StorableText.Refusal];
            }
        }

        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (value is string text && !StorableText.IsStorable(text))
            {
                (errors ??= [])[name] = [StorableText.Refusal];
            }
        }

        if (errors is not null)
        {
            await TypedResults.ValidationProblem(errors).ExecuteAsync(context);
            return;
        }

        await next(context);
    });
}
