using System;
using System.Linq;
using Itsm.Persistence;
using Itsm.Persistence.PostgreSql;
using Itsm.Persistence.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Itsm.DependencyInjection.Tests;

/// <summary>
/// The builder's public store hook, which each store package's UseX(...) extension calls: the store's
/// name in errors, its settings checked at startup with the engine's, one store only.
/// </summary>
public sealed class StoreRegistrationTests
{
    [Fact]
    public void A_named_store_with_settings_reports_their_problems_at_startup_with_the_engines()
    {
        using var provider = new ServiceCollection()
            .AddItsm(b => b.UseStore("the ledger store", _ => new InMemoryAggregateStore(), () => ["Ledger store: Shards is 0; it must be at least 1."]))
            .Services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            [
                "Authorizer: no IItsmAuthorizer is registered, and the engine fails closed. Call AuthorizeWith(...) on the Itsm builder (or AllowAllActions() in tests and samples).",
                "Ledger store: Shards is 0; it must be at least 1.",
            ],
            error.Failures);
    }

    [Fact]
    public void A_second_store_is_refused_naming_the_first()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddItsm(b => b.UseSqlite("itsm.db").UsePostgreSql("Host=127.0.0.1")));

        Assert.Equal("A store is already chosen (the SQLite store at 'itsm.db'); choose one store only.", error.Message);
    }

    [Fact]
    public void The_store_extensions_register_their_store()
    {
        using var postgres = new ServiceCollection().AddItsm(b => b.UsePostgreSql("Host=127.0.0.1").AllowAllActions()).Services.BuildServiceProvider();

        Assert.IsType<PostgreSqlAggregateStore>(postgres.GetRequiredService<IAggregateStore>());
    }

    [Fact]
    public void Bad_arguments_name_the_parameter()
    {
        var builder = new ServiceCollection().AddItsm();

        Assert.Equal("description", Assert.ThrowsAny<ArgumentException>(() => builder.UseStore(" ", _ => new InMemoryAggregateStore())).ParamName);
        Assert.Equal("factory", Assert.Throws<ArgumentNullException>(() => builder.UseStore("a store", null!)).ParamName);
        Assert.Equal("builder", Assert.Throws<ArgumentNullException>(() => SqliteItsmBuilderExtensions.UseSqlite(null!, "itsm.db")).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => builder.UseSqlite((SqliteStoreOptions)null!)).ParamName);
        Assert.Equal("builder", Assert.Throws<ArgumentNullException>(() => PostgreSqlItsmBuilderExtensions.UsePostgreSql(null!, "Host=127.0.0.1")).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => builder.UsePostgreSql((PostgreSqlStoreOptions)null!)).ParamName);
    }
}
