using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using AuditClient.Scale;
using AuditClient.Tests.Resilience;
using AuditClient.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AuditClient.Tests.Core;

/// <summary>
/// Every public method and constructor of the SDK, found by reflection (so a method added later is covered too), called
/// with each of its non-nullable reference parameters null in turn: each throws <see cref="ArgumentNullException"/>
/// naming that parameter, never a <see cref="NullReferenceException"/> from inside, and sends nothing.
/// </summary>
public sealed class NullArgumentTests
{
    private static readonly Assembly Sdk = typeof(AuditClients).Assembly;

    /// <summary>One public member and one of its non-nullable reference parameters.</summary>
    public sealed record Case(MethodBase Member, int Parameter)
    {
        public override string ToString() =>
            $"{Member.DeclaringType!.Name}.{Member.Name}({string.Join(", ", Member.GetParameters().Select(p => p.ParameterType.Name))}) {Member.GetParameters()[Parameter].Name}";
    }

    public static IEnumerable<Case> Cases()
    {
        var nullability = new NullabilityInfoContext();
        foreach (var type in Sdk.GetExportedTypes())
        {
            const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var members = type.GetMethods(Declared).Where(m => !m.IsSpecialName || m.Name.StartsWith("op_", StringComparison.Ordinal))
                .Where(m => !m.IsDefined(typeof(CompilerGeneratedAttribute)))
                .Cast<MethodBase>()
                .Concat(type.IsAbstract && !type.IsSealed ? [] : type.GetConstructors());
            foreach (var member in members)
            {
                var parameters = member.GetParameters();
                for (var i = 0; i < parameters.Length; i++)
                {
                    var parameter = parameters[i];
                    if (!parameter.ParameterType.IsValueType && !parameter.ParameterType.IsGenericParameter && !parameter.IsOut
                        && nullability.Create(parameter).WriteState == NullabilityState.NotNull)
                    {
                        yield return new Case(member, i);
                    }
                }
            }
        }
    }

    [Test]
    public void The_cases_cover_the_clients_the_extensions_the_factory_and_the_models()
    {
        var names = Cases().Select(c => $"{c.Member.DeclaringType!.Name}.{c.Member.Name}").ToHashSet();

        Assert.That(names, Is.SupersetOf(new[]
        {
            "IScaleAuditsApi.CreateAuditAsync", "IScaleTasksApi.GetTaskAsync", "IScaleTasksApi.AuditTaskAsync", "IScaleTasksApi.ListTasksAsync",
            "ICloudFactoryQualityApi.SubmitTaskReviewedAsync", "ScaleAuditsBulkExtensions.CreateAuditManyAsync",
            "ScaleTasksApiExtensions.ListAllTasksAsync", "AuditClients.Create", "AuditClientJson.Deserialize", "TaskAuditHistory.From",
            "AuditClientServiceCollectionExtensions.AddAuditClients", "ScaleCallbackReceiver.ParseAsync",
        }));
    }

    [TestCaseSource(nameof(Cases))]
    public async Task A_null_argument_is_refused_naming_the_parameter_before_anything_is_sent(Case @case)
    {
        await using var server = RecordingServer.Start(Answers.Task);
        using var clients = server.Clients();
        var member = @case.Member is MethodInfo { IsGenericMethodDefinition: true } generic
            ? generic.MakeGenericMethod([.. generic.GetGenericArguments().Select(_ => typeof(FixlessAuditCreate))])
            : @case.Member;
        var parameters = member.GetParameters();
        var arguments = parameters.Select((p, i) => i == @case.Parameter ? null : Sample(p, clients)).ToArray();
        var name = parameters[@case.Parameter].Name;

        var error = await ThrownAsync(() => member is ConstructorInfo constructor
            ? constructor.Invoke(arguments)
            : member.Invoke(member.IsStatic ? null : Instance(member.DeclaringType!, clients), arguments));

        Assert.That(error, Is.InstanceOf<ArgumentNullException>().With.Property(nameof(ArgumentNullException.ParamName)).EqualTo(name), error?.ToString());
        Assert.That(server.RequestLines, Is.Empty);
    }

    /// <summary>What calling <paramref name="call"/> throws, synchronously or from the task, enumerable or stream it returns.</summary>
    private static async Task<Exception?> ThrownAsync(Func<object?> call)
    {
        try
        {
            switch (call())
            {
                case Task task:
                    await task;
                    break;
                case ValueTask valueTask:
                    await valueTask;
                    break;
                case IAsyncEnumerable<ScaleTask> tasks:
                    await foreach (var unused in tasks)
                    {
                        break;
                    }

                    break;
                case var other when other?.GetType() is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(ValueTask<>):
                    await (Task)t.GetMethod(nameof(ValueTask<int>.AsTask))!.Invoke(other, null)!;
                    break;
            }
        }
        catch (TargetInvocationException e)
        {
            return e.InnerException;
        }
        catch (Exception e)
        {
            return e;
        }

        return null;
    }

    private static object Instance(Type type, AuditClients clients)
    {
        if (type == typeof(IScaleAuditsApi))
        {
            return clients.ScaleAudits;
        }

        if (type == typeof(IScaleTasksApi))
        {
            return clients.ScaleTasks;
        }

        if (type == typeof(AuditClient.CloudFactory.ICloudFactoryQualityApi))
        {
            return clients.CloudFactory;
        }

        if (type == typeof(AuditClients))
        {
            return clients;
        }

        if (type == typeof(ScaleCallbackReceiver))
        {
            return new ScaleCallbackReceiver("callback-key");
        }

        if (type == typeof(ScaleTaskPageable))
        {
            return clients.ScaleTasks.ListAllTasksAsync(new ScaleTaskQuery());
        }

        return Activator.CreateInstance(type) ?? throw new InvalidOperationException($"No instance of {type.Name}.");
    }

    /// <summary>A valid argument for <paramref name="parameter"/>.</summary>
    private static object? Sample(ParameterInfo parameter, AuditClients clients)
    {
        var type = parameter.ParameterType;
        if (parameter.HasDefaultValue)
        {
            return parameter.DefaultValue is null && type.IsValueType ? Activator.CreateInstance(type) : parameter.DefaultValue;
        }

        if (type.IsByRef)
        {
            return null;
        }

        if (type.IsValueType)
        {
            return Activator.CreateInstance(type);
        }

        if (type == typeof(string))
        {
            return "x";
        }

        if (type == typeof(Stream))
        {
            return new MemoryStream(Encoding.UTF8.GetBytes("{}"));
        }

        if (type == typeof(IConfiguration))
        {
            return new ConfigurationBuilder().Build();
        }

        if (type == typeof(IServiceCollection))
        {
            return new ServiceCollection();
        }

        if (type == typeof(Exception))
        {
            return new InvalidOperationException("inner");
        }

        if (type.IsArray)
        {
            return Array.CreateInstance(type.GetElementType()!, 0);
        }

        if (typeof(Delegate).IsAssignableFrom(type))
        {
            var invoke = type.GetMethod("Invoke")!;
            var arguments = invoke.GetParameters().Select(p => Expression.Parameter(p.ParameterType)).ToArray();
            Expression body = invoke.ReturnType == typeof(void) ? Expression.Empty() : Expression.Constant(Sample(invoke.ReturnParameter, clients), invoke.ReturnType);
            return Expression.Lambda(type, body, arguments).Compile();
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>))
        {
            return typeof(NullArgumentTests).GetMethod(nameof(Empty), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(type.GetGenericArguments()).Invoke(null, null);
        }

        if (type.IsGenericType && type.GetGenericArguments() is [var element] && type.IsAssignableFrom(element.MakeArrayType()))
        {
            return Array.CreateInstance(element, 0);
        }

        if (type.IsInterface && type.Assembly == Sdk)
        {
            return Instance(type, clients);
        }

        return Activator.CreateInstance(type);
    }

    private static async IAsyncEnumerable<T> Empty<T>()
    {
        await Task.CompletedTask;
        yield break;
    }
}
