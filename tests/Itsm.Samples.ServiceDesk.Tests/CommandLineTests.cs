using NodaTime;

namespace Itsm.Samples.ServiceDesk.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void No_arguments_give_the_defaults()
    {
        var parsed = CommandLine.Parse([]);

        Assert.Null(parsed.Error);
        Assert.False(parsed.ShowHelp);
        Assert.Equal(new SimulationSettings(), parsed.Settings);
        Assert.Equal(30, parsed.Settings!.Days);
        Assert.Equal(42, parsed.Settings.Seed);
        Assert.Equal("servicedesk.db", parsed.Settings.DatabasePath);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("--days", "3", "--help")]
    public void Help_is_recognised(params string[] args)
    {
        var parsed = CommandLine.Parse(args);

        Assert.True(parsed.ShowHelp);
        Assert.Null(parsed.Error);
    }

    [Fact]
    public void Every_option_is_read()
    {
        var parsed = CommandLine.Parse(["--db", "x.db", "--days", "5", "--seed=-7", "--tenant", "acme", "--start", "2026-06-01", "--export", "out"]);

        Assert.Null(parsed.Error);
        Assert.Equal(new SimulationSettings { DatabasePath = "x.db", Days = 5, Seed = -7, Tenant = "acme", StartDate = new LocalDate(2026, 6, 1), ExportPath = "out" }, parsed.Settings);
    }

    [Theory]
    [InlineData("--days must be a whole number from 1 to 3660, not 'x'.", "--days", "x")]
    [InlineData("--days must be a whole number from 1 to 3660, not '0'.", "--days", "0")]
    [InlineData("--days must be a whole number from 1 to 3660, not '-3'.", "--days=-3")]
    [InlineData("--seed must be a whole number (32-bit), not '99999999999'.", "--seed", "99999999999")]
    [InlineData("--start must be a date yyyy-MM-dd between 1990 and 2190, not '2026-13-01'.", "--start", "2026-13-01")]
    [InlineData("Option --db needs a value.", "--db")]
    [InlineData("Option --days needs a value.", "--days", "--seed", "1")]
    [InlineData("Unknown option '--verbose'.", "--verbose")]
    [InlineData("Unexpected argument 'month'.", "month")]
    public void Bad_arguments_are_refused_with_a_clear_message(string expected, params string[] args)
    {
        var parsed = CommandLine.Parse(args);

        Assert.Equal(expected, parsed.Error);
        Assert.Null(parsed.Settings);
        Assert.Equal(2, CommandLine.ExitBadArguments);
    }
}
