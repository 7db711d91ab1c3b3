using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Persistence;
using NodaTime;

namespace Itsm.Samples.ServiceDesk;

// Random draws and the timing and routing choices built on them.
public sealed partial class ServiceDeskSimulation
{
    private int Poisson(double lambda)
    {
        if (lambda <= 0)
        {
            return 0;
        }

        double limit = Math.Exp(-lambda), p = 1;
        int k = 0;
        do
        {
            k++;
            p *= _random.NextDouble();
        }
        while (p > limit);
        return k - 1;
    }

    private double Exponential(double mean) => -mean * Math.Log(1 - _random.NextDouble());

    private bool Chance(double p) => _random.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private DeskService PickService()
    {
        int total = ServiceDeskModel.Services.Sum(s => s.Weight);
        int roll = _random.Next(total);
        foreach (var service in ServiceDeskModel.Services)
        {
            if ((roll -= service.Weight) < 0)
            {
                return service;
            }
        }

        return ServiceDeskModel.Services[^1];
    }

    private Guid NewGuid(short kind)
    {
        Span<byte> tail = stackalloc byte[8];
        _random.NextBytes(tail);
        return new Guid(++_idCounter, _idDay, kind, tail.ToArray());
    }

    private Instant AfterBusiness(double hours) => _calendar.Add(Now, Duration.FromSeconds(Math.Max(60, hours * 3600)));

    private Instant AfterWall(double minutes) => Now + Duration.FromSeconds(Math.Max(30, minutes * 60));

    private static DeskGroup GroupOf(string? name) =>
        ServiceDeskModel.Groups.FirstOrDefault(g => g.Name == name) ?? ServiceDeskModel.Groups[0];

    private static string GroupFor(string? service) =>
        ServiceDeskModel.Services.FirstOrDefault(s => s.Name == service)?.Group ?? ServiceDeskModel.Groups[0].Name;

    private static double ResolutionMeanHours(Priority priority) => priority.Value switch
    {
        1 => 1.5,
        2 => 3,
        3 => 7,
        4 => 14,
        _ => 24,
    };

    private static double ResponseMeanMinutes(Priority priority) => priority.Value switch
    {
        1 => 6,
        2 => 12,
        3 => 40,
        4 => 70,
        _ => 120,
    };
}
