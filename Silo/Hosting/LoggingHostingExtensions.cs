using AeorDb.Silo.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace AeorDb.Silo.Hosting;

/// <summary>Logs go to stderr in the <c>--log-format</c> shape, so stdout carries only the start-up block tests parse.</summary>
internal static class LoggingHostingExtensions
{
    public static ILoggingBuilder AddAeorDbConsole(this ILoggingBuilder logging, LogFormat format)
    {
        logging.ClearProviders();
        switch (format)
        {
            case LogFormat.Json:
                logging.AddJsonConsole(options => options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ");
                break;
            case LogFormat.Compact:
                logging.AddSimpleConsole(options =>
                {
                    options.SingleLine = true;
                    options.TimestampFormat = "HH:mm:ss.fff ";
                    options.UseUtcTimestamp = true;
                });
                break;
            default:
                logging.AddSimpleConsole(options =>
                {
                    options.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
                    options.UseUtcTimestamp = true;
                });
                break;
        }

        logging.Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);

        // Orleans, its Polly pipelines and ASP.NET are chatty at Information; their warnings and errors still come through.
        logging.AddFilter("Orleans", LogLevel.Warning);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("Polly", LogLevel.Warning);
        return logging;
    }
}
