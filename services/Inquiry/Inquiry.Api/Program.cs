using JasperFx;
using SupportPlatform.Inquiry;
using SupportPlatform.Inquiry.Keys;
using SupportPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddInquiryService();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseInquiryHttp();
app.MapInquiryApi();
// The operator's commands (key rotation, the shred list): docs/operations.md.
if (OperatorCommands.Handles(args))
{
    return await OperatorCommands.RunAsync(app, args);
}

// A command as first argument runs Marten's tooling instead of the service, e.g. `projections
// --rebuild` (replay the read models) or `db-apply`; options alone (--urls, --environment, or
// what a test host passes) still just run the service.
if (args is [var command, ..] && !command.StartsWith('-'))
{
    return await app.RunJasperFxCommands(args);
}

await app.RunAsync();
return 0;

/// <summary>The entry point, public so tests and the load benchmark can host the service.</summary>
public partial class Program;
