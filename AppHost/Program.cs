using System.Runtime.InteropServices;
using SupportPlatform.AppHost;

// What an Aspire AppHost would do locally (Aspire hosting is not obtainable here, see
// /work/shared/PACKAGES.md): provision PostgreSQL and RabbitMQ, start every service with Aspire's
// configuration keys, wait for health, print the URLs. Services never reference this project.
if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(AppHostOptions.Usage);
    return 0;
}

AppHostOptions options;
try
{
    options = AppHostOptions.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"{e.Message}\n\n{AppHostOptions.Usage}");
    return 2;
}

using var stopping = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopping.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

var output = new ConsoleOutput(Console.Out, color: !Console.IsOutputRedirected);
return await new PlatformRunner(RepositoryRoot.Find(), options, output).RunAsync(stopping.Token);
