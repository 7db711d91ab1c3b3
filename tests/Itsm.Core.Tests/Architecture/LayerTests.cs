using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using Itsm.Common;

namespace Itsm.Core.Tests.Architecture;

/// <summary>
/// The domain (records, lifecycles, SLAs, the service model, KPIs) knows nothing of the engine, persistence or
/// the telemetry of either: checked over the built assembly, signatures and method bodies alike. The rule denies
/// by default: every <c>Itsm.*</c> namespace but the outer layers is domain, so a namespace added later is
/// checked without anyone listing it here.
/// </summary>
public sealed class LayerTests
{
    // The outer layers: the application layer, the store port and codecs, and their telemetry. Everything
    // else under Itsm.* is domain.
    private static readonly string[] OuterNamespaces = ["Itsm.Engine", "Itsm.Persistence", "Itsm.Diagnostics"];

    [Fact]
    public void The_domain_references_neither_the_engine_nor_persistence()
    {
        var violations = Violations(typeof(Aggregate<,,>).Assembly.GetTypes()).ToList();

        Assert.True(violations.Count == 0, "The domain references outer layers:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Every_namespace_of_the_assembly_but_the_outer_layers_is_checked_as_domain()
    {
        var namespaces = typeof(Aggregate<,,>).Assembly.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith("Itsm.", StringComparison.Ordinal)).ToHashSet();
        var domain = namespaces.Where(IsDomain).ToHashSet();

        // The practices that came after the first list of domain namespaces are covered without being named in the rule.
        Assert.Superset(
            new HashSet<string>
            {
                "Itsm.Common", "Itsm.Sla", "Itsm.Incidents", "Itsm.Problems", "Itsm.Changes", "Itsm.Requests", "Itsm.ServiceDesk",
                "Itsm.Services", "Itsm.ServiceModelRecords", "Itsm.Improvement", "Itsm.Approvals", "Itsm.Governance", "Itsm.Journal",
                "Itsm.Knowledge", "Itsm.Routing", "Itsm.Satisfaction", "Itsm.Workflows",
            },
            domain);
        Assert.Equal(OuterNamespaces.Order(StringComparer.Ordinal), namespaces.Except(domain).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Itsm.Incidents", true)]
    [InlineData("Itsm.Workflows", true)]
    [InlineData("Itsm.APracticeAddedNextYear", true)]
    [InlineData("Itsm.Engine", false)]
    [InlineData("Itsm.Persistence", false)]
    [InlineData("Itsm.Persistence.Codecs", false)]
    [InlineData("Itsm.Diagnostics", false)]
    [InlineData("Itsm.EngineRoom", true)]
    [InlineData("System.Text", false)]
    [InlineData(null, false)]
    public void A_namespace_is_domain_unless_it_is_an_outer_layer_or_not_ours(string? ns, bool domain) =>
        Assert.Equal(domain, IsDomain(ns));

    [Fact]
    public void Business_time_depends_on_NodaTime_alone()
    {
        var references = typeof(Itsm.BusinessTime.BusinessCalendar).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n is not ("netstandard" or "mscorlib"))
            .ToList();

        Assert.Equal(["NodaTime"], references);
    }

    [Fact]
    public void The_check_finds_a_reference_from_a_method_body()
    {
        // The checker itself: this test class is "domain" for the purpose, and refers to the engine in a body.
        var found = ReferencesOf(typeof(BodyThatUsesTheEngine)).Where(IsOuter).ToList();

        Assert.Contains(found, t => t.FullName == "Itsm.Engine.ItsmAuthorizers");
    }

    [Fact]
    public void The_check_finds_a_reference_from_a_signature()
    {
        var found = ReferencesOf(typeof(SignatureThatUsesPersistence)).Where(IsOuter).ToList();

        Assert.Contains(found, t => t.FullName == "Itsm.Persistence.IAggregateStore");
    }

    [Fact]
    public void The_check_reports_a_violation_from_a_namespace_nobody_listed()
    {
        // These helpers live in Itsm.Core.Tests.Architecture, a namespace the rule names nowhere: by default it is
        // domain, so the whole check (namespace, references, outer layers) reports each of them.
        var violations = Violations([typeof(BodyThatUsesTheEngine), typeof(SignatureThatUsesPersistence), typeof(BodyThatUsesTelemetry)]).ToList();

        Assert.Contains("Itsm.Core.Tests.Architecture.LayerTests+BodyThatUsesTheEngine -> Itsm.Engine.ItsmAuthorizers", violations);
        Assert.Contains("Itsm.Core.Tests.Architecture.LayerTests+SignatureThatUsesPersistence -> Itsm.Persistence.IAggregateStore", violations);
        Assert.Contains("Itsm.Core.Tests.Architecture.LayerTests+BodyThatUsesTelemetry -> Itsm.Diagnostics.ItsmTelemetry", violations);
    }

    internal static IEnumerable<string> Violations(IEnumerable<Type> types)
    {
        foreach (var type in types.Where(t => IsDomain(t.Namespace)))
        {
            foreach (var referenced in ReferencesOf(type).Where(IsOuter).Distinct())
            {
                yield return $"{type.FullName} -> {referenced.FullName}";
            }
        }
    }

    private static bool IsDomain(string? ns) =>
        ns is not null && ns.StartsWith("Itsm.", StringComparison.Ordinal) && !IsOuterNamespace(ns);

    private static bool IsOuter(Type type) => type.Namespace is { } ns && IsOuterNamespace(ns);

    private static bool IsOuterNamespace(string ns) =>
        OuterNamespaces.Any(o => ns == o || ns.StartsWith(o + ".", StringComparison.Ordinal));

    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static IEnumerable<Type> ReferencesOf(Type type)
    {
        var found = new List<Type>();
        void Add(Type? t)
        {
            if (t is null)
            {
                return;
            }

            if (t.HasElementType)
            {
                Add(t.GetElementType());
                return;
            }

            found.Add(t.IsGenericType ? t.GetGenericTypeDefinition() : t);
            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                foreach (var a in t.GetGenericArguments())
                {
                    Add(a);
                }
            }
        }

        Add(type.BaseType);
        foreach (var i in type.GetInterfaces())
        {
            Add(i);
        }

        foreach (var f in type.GetFields(All))
        {
            Add(f.FieldType);
        }

        foreach (var p in type.GetProperties(All))
        {
            Add(p.PropertyType);
        }

        foreach (var m in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            if (m is MethodInfo mi)
            {
                Add(mi.ReturnType);
            }

            foreach (var p in m.GetParameters())
            {
                Add(p.ParameterType);
            }

            foreach (var local in m.GetMethodBody()?.LocalVariables ?? [])
            {
                Add(local.LocalType);
            }

            foreach (var t in BodyReferences(m))
            {
                Add(t);
            }
        }

        return found;
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    // Walks the IL of a method body and resolves every type, method and field token it uses.
    private static IEnumerable<Type?> BodyReferences(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int pos = 0;
        while (pos < il.Length)
        {
            short value = il[pos] == 0xFE ? (short)(0xFE00 | il[pos + 1]) : il[pos];
            pos += il[pos] == 0xFE ? 2 : 1;
            var op = OpCodesByValue[value];
            switch (op.OperandType)
            {
                case OperandType.InlineType:
                case OperandType.InlineMethod:
                case OperandType.InlineField:
                case OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, pos);
                    MemberInfo? member = null;
                    try
                    {
                        member = method.Module.ResolveMember(token, typeArgs, methodArgs);
                    }
                    catch (ArgumentException)
                    {
                    }

                    yield return member as Type ?? member?.DeclaringType;
                    if (member is MethodInfo called)
                    {
                        yield return called.ReturnType;
                    }

                    if (member is FieldInfo field)
                    {
                        yield return field.FieldType;
                    }

                    pos += 4;
                    break;
                case OperandType.InlineSwitch:
                    pos += 4 + (4 * BitConverter.ToInt32(il, pos));
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    pos += 8;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    pos += 1;
                    break;
                case OperandType.InlineVar:
                    pos += 2;
                    break;
                default:
                    pos += 4;
                    break;
            }
        }
    }

    private static class BodyThatUsesTheEngine
    {
        internal static object Use() => Itsm.Engine.ItsmAuthorizers.AllowAll;
    }

    private static class BodyThatUsesTelemetry
    {
        internal static Type Use() => typeof(Itsm.Diagnostics.ItsmTelemetry);
    }

    private static class SignatureThatUsesPersistence
    {
        internal static void Use(Itsm.Persistence.IAggregateStore store) => GC.KeepAlive(store);
    }
}
