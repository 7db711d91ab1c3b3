using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using Itsm.Common;

namespace Itsm.Core.Tests.Architecture;

/// <summary>
/// The domain (records, lifecycles, SLAs, the service model, KPIs) knows nothing of the engine or
/// persistence: checked over the built assembly, signatures and method bodies alike.
/// </summary>
public sealed class LayerTests
{
    private static readonly string[] DomainNamespaces =
    [
        "Itsm.Common", "Itsm.Sla", "Itsm.Incidents", "Itsm.Problems", "Itsm.Changes", "Itsm.Requests",
        "Itsm.ServiceDesk", "Itsm.Services", "Itsm.ServiceModelRecords", "Itsm.Improvement", "Itsm.BusinessTime",
    ];

    private static readonly string[] OuterNamespaces = ["Itsm.Engine", "Itsm.Persistence"];

    [Fact]
    public void The_domain_references_neither_the_engine_nor_persistence()
    {
        var violations = Violations(typeof(Aggregate<,,>).Assembly).ToList();

        Assert.True(violations.Count == 0, "The domain references outer layers:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Every_domain_namespace_exists_so_the_check_covers_it()
    {
        var namespaces = typeof(Aggregate<,,>).Assembly.GetTypes().Select(t => t.Namespace).ToHashSet();

        Assert.All(DomainNamespaces.Where(n => n != "Itsm.BusinessTime"), n => Assert.Contains(n, namespaces));
        Assert.Contains("Itsm.Engine", namespaces);
        Assert.Contains("Itsm.Persistence", namespaces);
    }

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

    internal static IEnumerable<string> Violations(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => IsDomain(t.Namespace)))
        {
            foreach (var referenced in ReferencesOf(type).Where(IsOuter).Distinct())
            {
                yield return $"{type.FullName} -> {referenced.FullName}";
            }
        }
    }

    private static bool IsDomain(string? ns) =>
        ns is not null && DomainNamespaces.Any(d => ns == d || ns.StartsWith(d + ".", StringComparison.Ordinal));

    private static bool IsOuter(Type type) =>
        type.Namespace is { } ns && OuterNamespaces.Any(o => ns == o || ns.StartsWith(o + ".", StringComparison.Ordinal));

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

    private static class SignatureThatUsesPersistence
    {
        internal static void Use(Itsm.Persistence.IAggregateStore store) => GC.KeepAlive(store);
    }
}
