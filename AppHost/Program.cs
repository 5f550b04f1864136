using Microsoft.Extensions.Configuration;
using SupportPlatform.AppHost;

// The whole platform for a local run, declared (`./run.sh`). The dashboard shows every resource,
// its logs, traces and metrics. `--publisher manifest` writes the same model out for deployment.
var builder = DistributedApplication.CreateBuilder(args);

var dataFolder = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".data"));
var secrets = DevSecrets.LoadOrCreate(Path.Combine(dataFolder, "secrets.json"));
var images = ContainerImages.From(builder.Configuration);
var keepData = builder.Configuration.GetValue("Platform:KeepData", true);
// The volumes open only with the passwords in this checkout's .data/secrets.json, so each checkout
// names its own: a second clone on the same engine must not meet the first one's data.
var volumePrefix = "supportplatform-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dataFolder)))[..8];

// Secret parameters: in a local run their values come from .data/secrets.json; the manifest only
// names them, for the deployment to supply.
var signingKey = builder.AddSecret("auth-signing-key", secrets.SigningKey);
var personalDataMasterKey = builder.AddSecret("personal-data-master-key", secrets.PersonalDataMasterKey);
var personalDataLookupKey = builder.AddSecret("personal-data-lookup-key", secrets.PersonalDataLookupKey);
var postgresPassword = builder.AddSecret("postgres-password", secrets.PostgresPassword);
var rabbitMqPassword = builder.AddSecret("rabbitmq-password", secrets.RabbitMqPassword);

// PostgreSQL: one server, a database per service (each still owns its schema inside it).
var postgres = builder.AddPostgres("postgres", password: postgresPassword, port: builder.HostPort(54320))
    .WithImageOf(images.Postgres)
    .WithDataVolumeWhen(keepData, volumePrefix + "-postgres", images.Postgres);
var inquiryDb = postgres.AddDatabase("inquirydb");
var knowledgeDb = postgres.AddDatabase("knowledgedb");
var notificationDb = postgres.AddDatabase("notificationdb");
var agentDb = postgres.AddDatabase("agentdb");
// The shred list (ids of purged inquiries) in a database of its own, so that restoring inquirydb
// never rolls it back; a cluster keeps it on a PostgreSQL cluster of its own (deploy/README.md).
var shredListDb = postgres.AddDatabase("shredlistdb");

// RabbitMQ with its management UI. WithManagementPlugin sets the image's tag, so a local image
// must be chosen after it.
var rabbitMq = builder.AddRabbitMQ("rabbitmq", password: rabbitMqPassword, port: builder.HostPort(56720))
    .WithManagementPlugin(port: builder.HostPort(56730))
    .WithImageOf(images.RabbitMq)
    .WithDataVolumeWhen(keepData, volumePrefix + "-rabbitmq");

// Outgoing mail: locally an SMTP catcher (Maildir under .data/mail, with a web view); a
// deployment names its relay (parameters smtp-host, smtp-port).
var smtp = builder.AddSmtp(builder.Configuration["Platform:Maildir"] ?? Path.Combine(dataFolder, "mail"));

var inquiry = builder.AddProject<Projects.Inquiry_Api>("inquiry", launchProfileName: null)
    .WithServiceDefaults(builder.HostPort(5101), signingKey)
    .WithReplicas(builder.Replicas("inquiry"))
    .WithReference(inquiryDb, "postgres").WaitFor(inquiryDb)
    .WithReference(shredListDb, "shredlist").WaitFor(shredListDb)
    .WithReference(rabbitMq).WaitFor(rabbitMq)
    .WithEnvironment("PersonalData__MasterKey", personalDataMasterKey)
    .WithEnvironment("PersonalData__LookupKey", personalDataLookupKey);

var knowledge = builder.AddProject<Projects.Knowledge_Api>("knowledge", launchProfileName: null)
    .WithServiceDefaults(builder.HostPort(5102), signingKey)
    .WithReplicas(builder.Replicas("knowledge"))
    .WithReference(knowledgeDb, "postgres").WaitFor(knowledgeDb)
    .WithReference(rabbitMq).WaitFor(rabbitMq)
    .WithReference(inquiry); // events carry ids: the summary is read from Inquiry's internal API

var notification = builder.AddProject<Projects.Notification_Api>("notification", launchProfileName: null)
    .WithServiceDefaults(builder.HostPort(5103), signingKey)
    .WithReplicas(builder.Replicas("notification"))
    .WithReference(notificationDb, "postgres").WaitFor(notificationDb)
    .WithReference(rabbitMq).WaitFor(rabbitMq)
    .WithReference(inquiry) // events carry ids: address and content are read from Inquiry's internal API
    .WithSmtp(smtp)
    .WithEnvironment("Notification__SupportTeamAddress", builder.Configuration["Notification:SupportTeamAddress"] ?? "support@example.com");

// Customers' emailed answers: locally a Dovecot mailbox (when run.sh names its image) that the
// catcher's `mail in` port delivers into; Notification reads it over IMAP.
if (builder.AddSupportMailbox(images.Dovecot, secrets.MailboxPassword) is { } mailbox)
{
    notification.ConnectSupportMailbox(mailbox, smtp, builder.Configuration["Mailbox:Address"] ?? "support@example.com", builder.HostPort(2525));
}

// The customer site: only the public Inquiry and Knowledge APIs. Notification links to it in emails.
var lounge = builder.AddProject<Projects.Lounge_Web>("lounge", launchProfileName: null)
    .WithServiceDefaults(builder.HostPort(5105), signingKey: null)
    .WithReplicas(builder.Replicas("lounge"))
    .WithReference(inquiry).WaitFor(inquiry)
    .WithReference(knowledge).WaitFor(knowledge);
notification.WithReference(lounge);

// The staff desk: staff accounts in its own database; it calls the other services with the
// signed-in member's token. A local run creates the demo accounts with the password in .data/secrets.json.
var agent = builder.AddProject<Projects.Agent_Api>("agent", launchProfileName: null)
    .WithServiceDefaults(builder.HostPort(5104), signingKey)
    .WithReplicas(builder.Replicas("agent"))
    .WithReference(agentDb, "postgres").WaitFor(agentDb)
    .WithReference(rabbitMq).WaitFor(rabbitMq) // the live desk: Inquiry's events and presence between replicas
    .WithReference(inquiry).WaitFor(inquiry)
    .WithReference(knowledge).WaitFor(knowledge)
    .WithReference(notification).WaitFor(notification)
    .WithReference(lounge);
notification.WithReference(agent); // SLA warnings carry the assignee's staff id: the address is read from the desk's internal API
if (builder.ExecutionContext.IsRunMode)
{
    agent.WithEnvironment("DemoAccounts__Password", builder.AddSecret("demo-password", secrets.DemoPassword));
}

builder.PrintWhenReady(secrets);
builder.Build().Run();
