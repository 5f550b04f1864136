using SupportPlatform.Notification;
using SupportPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddStaffAuthentication();
builder.AddNotification();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapNotificationApi();

app.Run();

public partial class Program;
