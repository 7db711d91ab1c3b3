using System.Linq;
using Itsm.Common;

namespace Itsm.Core.Tests.Common;

/// <summary>Checks an <see cref="InvalidTransitionException"/> against the record, state, command and permitted commands it must name.</summary>
internal static class TransitionAssert
{
    public static void Names(InvalidTransitionException exception, string recordType, string state, string trigger, params string[] permitted)
    {
        Assert.Equal(recordType, exception.RecordType);
        Assert.Equal(state, exception.State);
        Assert.Equal(trigger, exception.Trigger);
        Assert.Equal(permitted, exception.PermittedTriggers);
        Assert.Equal("ITSM-LC-TRANSITION-001", exception.Code);
        Assert.Equal(
            permitted.Length == 0
                ? $"{recordType} in state {state} cannot {trigger}: the state is terminal and permits no command."
                : $"{recordType} in state {state} cannot {trigger}; it permits: {string.Join(", ", permitted)}.",
            exception.Message);
    }

    public static string[] Names<T>(params T[] values) => values.Select(v => v!.ToString()!).ToArray();
}
