using System;
using Itsm.Common;
using NodaTime;

namespace Itsm.Engine;

// TRANSITIONAL shims for record types without typed commands yet; removed with the lambda overloads.
internal sealed record DelegateCommand<TAggregate>(string Type, string Action, Action<TAggregate> Body) : RecordCommand<TAggregate>
    where TAggregate : class
{
    public override string RecordType => Type;

    public override string Name => Action;

    internal override void Run(TAggregate record, Actor actor) => Body(record);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Action);
}

internal sealed record DelegateCreateCommand<TAggregate>(string Type, string Action, Func<IClock, TAggregate> Body) : CreateCommand<TAggregate>
    where TAggregate : class
{
    public override string RecordType => Type;

    public override string Name => Action;

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Action);
}
