using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text;

namespace Itsm.Samples.ServiceDesk;

/// <summary>Hand-written inline SVG bar charts for the HTML report: no script, no external asset.</summary>
public static class SvgChart
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A bar chart as an SVG element (well-formed XML, every text HTML-encoded).</summary>
    /// <param name="title">The chart's title (its accessible name).</param>
    /// <param name="bars">The bars, left to right: a label and a value (<see langword="null"/> for no bar).</param>
    /// <param name="valueFormat">The format of values on the axis and in the tooltips (for example <c>0</c> or <c>0.0' h'</c>).</param>
    /// <param name="maximum">The top of the axis, or <see langword="null"/> for the largest value.</param>
    /// <returns>The <c>&lt;svg&gt;</c> element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="title"/> or <paramref name="bars"/> is null.</exception>
    public static string Bars(string title, IReadOnlyList<(string Label, double? Value)> bars, string valueFormat, double? maximum = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(bars);
        const int Width = 760, Height = 240, Left = 56, Right = 12, Top = 16, Bottom = 44;
        double plotWidth = Width - Left - Right, plotHeight = Height - Top - Bottom;
        double max = maximum ?? 0;
        foreach (var (_, value) in bars)
        {
            max = Math.Max(max, value ?? 0);
        }

        if (max <= 0)
        {
            max = 1;
        }

        var svg = new StringBuilder();
        svg.Append(Invariant, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{E(title)}\">");
        svg.Append(Invariant, $"<title>{E(title)}</title>");
        for (int tick = 0; tick <= 4; tick++)
        {
            double value = max * tick / 4;
            double y = Top + plotHeight - (plotHeight * tick / 4);
            svg.Append(Invariant, $"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\" class=\"grid\" />");
            svg.Append(Invariant, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{E(value.ToString(valueFormat, Invariant))}</text>");
        }

        double slot = bars.Count == 0 ? plotWidth : plotWidth / bars.Count;
        int labelEvery = Math.Max(1, (int)Math.Ceiling(bars.Count / 16.0));
        for (int i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            double x = Left + (i * slot);
            if (value is { } v)
            {
                double h = plotHeight * Math.Clamp(v / max, 0, 1);
                svg.Append(Invariant, $"<rect x=\"{x + (slot * 0.1):0.##}\" y=\"{Top + plotHeight - h:0.##}\" width=\"{slot * 0.8:0.##}\" height=\"{h:0.##}\" class=\"bar\">");
                svg.Append(Invariant, $"<title>{E(label)}: {E(v.ToString(valueFormat, Invariant))}</title></rect>");
            }

            if (i % labelEvery == 0)
            {
                svg.Append(Invariant, $"<text x=\"{x + (slot / 2):0.##}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{E(label)}</text>");
            }
        }

        svg.Append(Invariant, $"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Width - Right}\" y2=\"{Top + plotHeight}\" class=\"axis\" />");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
