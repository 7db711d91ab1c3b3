using System;
using System.IO;
using System.Threading.Tasks;
using NodaTime;

namespace Itsm.Persistence.Sqlite.Tests;

public sealed class SqliteStoreOptionsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Defaults_are_full_sync_and_a_thirty_second_busy_timeout()
    {
        var options = new SqliteStoreOptions();
        Assert.Equal(string.Empty, options.Path);
        Assert.Equal(SqliteSynchronous.Full, options.Synchronous);
        Assert.Equal(Duration.FromSeconds(30), options.BusyTimeout);
        Assert.Equal(SqliteSynchronous.Full, default(SqliteSynchronous));
        Assert.Equal(16 * 1024, options.PageCacheKibibytes);
    }

    [Theory]
    [InlineData(63)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(SqliteStoreOptions.MaxPageCacheKibibytes + 1)]
    public void Validate_refuses_a_page_cache_outside_64_KiB_to_16_GiB(int kibibytes)
    {
        var options = new SqliteStoreOptions { Path = "x.db", PageCacheKibibytes = kibibytes };
        Assert.Equal([$"PageCacheKibibytes is {kibibytes}: it must be from 64 to 16777216 (16 GiB)."], options.Validate());
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => new SqliteAggregateStore(options)).ParamName);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(SqliteStoreOptions.MaxPageCacheKibibytes)]
    public async Task A_page_cache_at_either_bound_is_accepted_and_the_store_works(int kibibytes)
    {
        var store = new SqliteAggregateStore(new SqliteStoreOptions { Path = _directory.NewDatabase(), PageCacheKibibytes = kibibytes });
        await store.SaveAsync(Samples.Write("r-1", 0));
        Assert.Equal(1, (await store.LoadAsync(Samples.Tenant, "Incident", "r-1"))!.Version);
    }

    [Fact]
    public void Valid_options_have_no_errors()
    {
        var options = new SqliteStoreOptions { Path = _directory.NewDatabase(), Synchronous = SqliteSynchronous.Normal, BusyTimeout = Duration.FromMilliseconds(1) };
        Assert.Empty(options.Validate());
        Assert.Empty((options with { BusyTimeout = SqliteStoreOptions.MaxBusyTimeout }).Validate());
    }

    [Fact]
    public void Validate_lists_every_error_naming_the_property()
    {
        var options = new SqliteStoreOptions { Path = " ", Synchronous = (SqliteSynchronous)7, BusyTimeout = Duration.Zero };

        Assert.Equal(
            [
                "Path is empty: set it to the database file, for example \"itsm.db\".",
                "Synchronous is 7, which is not a SqliteSynchronous value (Full or Normal).",
                "BusyTimeout is 0 ms: it must be positive.",
            ],
            options.Validate());
    }

    [Fact]
    public void Validate_refuses_a_directory_an_in_memory_name_a_null_character_and_a_huge_or_negative_timeout()
    {
        Assert.Equal([$"Path '{_directory.Path}' is a directory: it must name the database file."], new SqliteStoreOptions { Path = _directory.Path }.Validate());
        Assert.Equal(
            ["Path ':memory:' names an in-memory database, which does not outlive a connection: give a file, or use InMemoryAggregateStore."],
            new SqliteStoreOptions { Path = ":memory:" }.Validate());
        Assert.Equal(["Path contains a null character."], new SqliteStoreOptions { Path = "a\0b.db" }.Validate());
        Assert.Equal(
            ["BusyTimeout is 2147483648 ms: it must be at most 2147483647 ms (about 24.8 days)."],
            new SqliteStoreOptions { Path = "x.db", BusyTimeout = SqliteStoreOptions.MaxBusyTimeout + Duration.FromMilliseconds(1) }.Validate());
        Assert.Equal(["BusyTimeout is -1000 ms: it must be positive."], new SqliteStoreOptions { Path = "x.db", BusyTimeout = Duration.FromSeconds(-1) }.Validate());
    }

    [Fact]
    public void The_store_refuses_invalid_options_with_one_ArgumentException_listing_them_all()
    {
        var options = new SqliteStoreOptions { Path = string.Empty, BusyTimeout = Duration.FromSeconds(-1) };

        var error = Assert.Throws<ArgumentException>(() => new SqliteAggregateStore(options));

        Assert.Equal("options", error.ParamName);
        Assert.Equal(
            "The SQLite store options are not valid: Path is empty: set it to the database file, for example \"itsm.db\". BusyTimeout is -1000 ms: it must be positive. (Parameter 'options')",
            error.Message);
    }

    [Fact]
    public void The_store_refuses_null_options()
    {
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new SqliteAggregateStore(null!)).ParamName);
    }

    [Fact]
    public void Creating_a_store_does_not_touch_the_file_and_later_option_changes_do_not_affect_it()
    {
        var path = _directory.NewDatabase();
        var options = new SqliteStoreOptions { Path = path };

        var store = new SqliteAggregateStore(options);
        options.Path = _directory.NewDatabase("other");

        Assert.False(File.Exists(path));
        Assert.Equal(Path.GetFullPath(path), store.DatabasePath);
    }
}
