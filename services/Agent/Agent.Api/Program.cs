using SupportPlatform.Agent;
using SupportPlatform.Agent.AccessRecords.Verifying;
using SupportPlatform.Agent.Staff.CreatingAdmin;
using SupportPlatform.ServiceDefaults;

// `create-admin --email …` (password on stdin) creates the first admin instead of serving;
// `verify-access-log` checks the access log's hash chain.
var createAdmin = CreateAdminCommand.IsRequested(args);
var (adminEmail, adminName, hostArgs) = createAdmin ? CreateAdminCommand.Parse(args) : (null, "", VerifyAccessLogCommand.IsRequested(args) ? args[1..] : args);

var builder = WebApplication.CreateBuilder(hostArgs);
builder.AddServiceDefaults();
builder.AddAgentDesk();

var app = builder.Build();

if (createAdmin)
{
    return await CreateAdminCommand.RunAsync(app.Services, adminEmail, adminName, Console.In, Console.Out);
}

if (VerifyAccessLogCommand.IsRequested(args))
{
    return await VerifyAccessLogCommand.RunAsync(app.Services, Console.Out);
}

app.MapDefaultEndpoints();
app.UseAgentDesk();
app.Run();
return 0;

public partial class Program;
