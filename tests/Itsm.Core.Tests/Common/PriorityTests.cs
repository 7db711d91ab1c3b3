using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Common;

namespace Itsm.Core.Tests.Common;

/// <summary><see cref="Priority"/> and <see cref="PriorityMatrix"/>.</summary>
public sealed class PriorityTests
{
    [Theory]
    [InlineData(1, "Critical")]
    [InlineData(2, "High")]
    [InlineData(3, "Moderate")]
    [InlineData(4, "Low")]
    [InlineData(5, "Planning")]
    public void Priority_HasServiceNowsName(int value, string name)
    {
        var priority = new Priority(value);

        Assert.Equal(value, priority.Value);
        Assert.Equal(name, priority.Name);
        Assert.Equal($"{value} - {name}", priority.ToString());
    }

    [Fact]
    public void Priority_StaticProperties_AreOneToFive()
    {
        Assert.Equal(
            [1, 2, 3, 4, 5],
            new[] { Priority.Critical.Value, Priority.High.Value, Priority.Moderate.Value, Priority.Low.Value, Priority.Planning.Value });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void Priority_OutOfRange_ThrowsNamingValue(int value)
    {
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => new Priority(value)).ParamName);
    }

    [Fact]
    public void Priority_Default_IsNamedNone()
    {
        Priority priority = default;

        Assert.Equal(0, priority.Value);
        Assert.Equal("None", priority.Name);
    }

    [Fact]
    public void Priority_CriticalSortsFirst()
    {
        Assert.True(Priority.Critical.CompareTo(Priority.Low) < 0);
        Assert.True(Priority.Planning.CompareTo(Priority.Low) > 0);
        Assert.Equal(0, Priority.High.CompareTo(new Priority(2)));
    }

    // PriorityMatrix.

    [Theory]
    [InlineData(Impact.High, Urgency.High, 1)]
    [InlineData(Impact.High, Urgency.Medium, 2)]
    [InlineData(Impact.High, Urgency.Low, 3)]
    [InlineData(Impact.Medium, Urgency.High, 2)]
    [InlineData(Impact.Medium, Urgency.Medium, 3)]
    [InlineData(Impact.Medium, Urgency.Low, 4)]
    [InlineData(Impact.Low, Urgency.High, 3)]
    [InlineData(Impact.Low, Urgency.Medium, 4)]
    [InlineData(Impact.Low, Urgency.Low, 4)]
    public void DefaultMatrix_IsServiceNowsThreeByThree(Impact impact, Urgency urgency, int priority)
    {
        Assert.Equal(new Priority(priority), PriorityMatrix.Default.PriorityFor(impact, urgency));
    }

    /// <summary>
    /// Every cell of <see cref="Asymmetric"/>: no row equals another, no column equals another, and no cell equals
    /// its mirror across the diagonal, so a lookup that swaps impact and urgency or shifts a row or a column fails.
    /// </summary>
    public static TheoryData<Impact, Urgency, int> AsymmetricCells() => new()
    {
        { Impact.High, Urgency.High, 5 }, { Impact.High, Urgency.Medium, 1 }, { Impact.High, Urgency.Low, 2 },
        { Impact.Medium, Urgency.High, 3 }, { Impact.Medium, Urgency.Medium, 4 }, { Impact.Medium, Urgency.Low, 1 },
        { Impact.Low, Urgency.High, 4 }, { Impact.Low, Urgency.Medium, 2 }, { Impact.Low, Urgency.Low, 3 },
    };

    [Theory]
    [MemberData(nameof(AsymmetricCells))]
    public void CustomMatrix_ReturnsEachOfItsOwnCells(Impact impact, Urgency urgency, int priority)
    {
        Assert.Equal(new Priority(priority), new PriorityMatrix(Asymmetric()).PriorityFor(impact, urgency));
    }

    [Fact]
    public void CustomMatrix_KeepsEveryCellApart()
    {
        // Five priorities cannot make nine cells all different, so mark one cell at a time: the matrix
        // that is Planning only at (i, u) answers Planning for (i, u) and nothing else.
        foreach (var (marked, _) in Asymmetric())
        {
            var cells = Asymmetric().ToDictionary(c => c.Key, _ => Priority.Critical);
            cells[marked] = Priority.Planning;
            var matrix = new PriorityMatrix(cells);

            foreach (var cell in cells.Keys)
            {
                Assert.Equal(cell == marked ? Priority.Planning : Priority.Critical, matrix.PriorityFor(cell.Impact, cell.Urgency));
            }
        }
    }

    [Property(MaxTest = 200)]
    public Property CustomMatrix_ReturnsTheCellsItWasGiven() => Prop.ForAll(
        Gen.Choose(1, 5).ArrayOf(9).ToArbitrary(),
        values =>
        {
            var cells = Asymmetric().Keys.Select((cell, i) => (cell, priority: new Priority(values[i]))).ToDictionary(c => c.cell, c => c.priority);
            var matrix = new PriorityMatrix(cells);
            return cells.All(c => matrix.PriorityFor(c.Key.Impact, c.Key.Urgency) == c.Value);
        });

    [Fact]
    public void CustomMatrix_MissingACell_ThrowsNamingCells()
    {
        var cells = Asymmetric();
        cells.Remove((Impact.Low, Urgency.Medium));

        var ex = Assert.Throws<ArgumentException>(() => new PriorityMatrix(cells));

        Assert.Equal("cells", ex.ParamName);
        Assert.Equal("The matrix has no priority for impact 3 and urgency 2. (Parameter 'cells')", ex.Message);
    }

    [Fact]
    public void CustomMatrix_WithTheDefaultPriority_ThrowsNamingCells()
    {
        var cells = Asymmetric();
        cells[(Impact.Medium, Urgency.High)] = default;

        var ex = Assert.Throws<ArgumentException>(() => new PriorityMatrix(cells));

        Assert.Equal("cells", ex.ParamName);
        Assert.Equal("The priority for impact 2 and urgency 1 is not 1 to 5. (Parameter 'cells')", ex.Message);
    }

    [Fact]
    public void CustomMatrix_OfNull_ThrowsNamingCells()
    {
        Assert.Equal("cells", Assert.Throws<ArgumentNullException>(() => new PriorityMatrix(null!)).ParamName);
    }

    [Theory]
    [InlineData(0, 1, "impact")]
    [InlineData(4, 1, "impact")]
    [InlineData(1, 0, "urgency")]
    [InlineData(1, 4, "urgency")]
    public void PriorityFor_AnUndefinedValue_ThrowsNamingIt(int impact, int urgency, string parameter)
    {
        Assert.Equal(parameter, Assert.Throws<ArgumentOutOfRangeException>(() => PriorityMatrix.Default.PriorityFor((Impact)impact, (Urgency)urgency)).ParamName);
    }

    /// <summary>A fresh copy of the matrix <see cref="AsymmetricCells"/> lists.</summary>
    private static Dictionary<(Impact Impact, Urgency Urgency), Priority> Asymmetric() =>
        AsymmetricCells().ToDictionary(row => ((Impact)row[0], (Urgency)row[1]), row => new Priority((int)row[2]));
}
